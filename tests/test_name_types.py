"""One type per name across a document, and person cards only for person names."""

from __future__ import annotations

from pathlib import Path

from kartoteka.build import Summary
from kartoteka.extract import extract
from kartoteka.extract.mentions.typevotes import consistent_types
from kartoteka.extract.mentions.worktitles import title_spans
from kartoteka.ingest import document_from_text
from kartoteka.model import Mention
from kartoteka.store import connect


def _mention(name: str, kind: str, source: str, at: int, language: str) -> Mention:
    return Mention("d", at, at + len(name), name, name, kind, language, source)


def _types(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in consistent_types(mentions)]


def test_a_body_the_model_calls_a_place_and_an_organization_is_an_organization() -> (
    None
):
    english = [
        _mention("Soviet Government", "place", "spacy", 0, "en"),
        _mention("Soviet Government", "org", "spacy", 100, "en"),
        _mention("Soviet Government", "place", "spacy", 200, "en"),
    ]
    assert {kind for _, kind in _types(english)} == {"org"}
    russian = [
        _mention("Советское правительство", "place", "natasha", 0, "ru"),
        _mention("Советское правительство", "org", "natasha", 90, "ru"),
    ]
    assert {kind for _, kind in _types(russian)} == {"org"}
    # Without a body's noun the majority decides.
    plain = [
        _mention("Kuntsevo", "place", "spacy", 0, "en"),
        _mention("Kuntsevo", "org", "spacy", 50, "en"),
        _mention("Kuntsevo", "place", "spacy", 90, "en"),
    ]
    assert {kind for _, kind in _types(plain)} == {"place"}


def test_a_surname_is_a_person_in_any_russian_case() -> None:
    mentions = [
        _mention("Пётр Сорокин", "person", "natasha", 0, "ru"),
        _mention("Сорокиным", "place", "natasha", 60, "ru"),
    ]
    assert _types(mentions)[1] == ("Сорокиным", "person")


def test_a_type_the_rules_gave_wins_over_the_model() -> None:
    mentions = [
        _mention("Zarya", "org", "periodicals", 0, "en"),
        _mention("Zarya", "person", "spacy", 80, "en"),
    ]
    assert _types(mentions)[1] == ("Zarya", "org")


def test_the_title_of_a_cited_work_is_no_person() -> None:
    text = (
        "See A. Petrov, “Vstrecha s Ivanom Groznym [Meeting Ivan the Terrible],” "
        "Novyi zhurnal, no. 3 (1962): 14. Petrov met Boris Kaplan in Paris."
    )
    [(start, end)] = title_spans(text)
    assert text[start:end].startswith("Vstrecha") and text[end - 1] == "]"
    persons = {
        m.text
        for m in extract(document_from_text(text, "cited.txt")).mentions
        if m.type == "person"
    }
    assert "Boris Kaplan" in persons
    assert not {p for p in persons if "Groz" in p or "Terrible" in p}


def test_person_cards_carry_person_names(corpus_db: tuple[Path, Summary]) -> None:
    """Residue of the sample corpus's bibliography is not carded as persons;
    the initials of an author (`R. A.`) are, with their full stop."""
    db, _ = corpus_db
    with connect(db) as conn:
        persons = {
            r["text"]
            for r in conn.execute("SELECT text FROM mentions WHERE type = 'person'")
        }
        government = {
            r["type"]
            for r in conn.execute(
                "SELECT type FROM mentions WHERE text = 'Soviet Government'"
            )
        }
    assert (
        not {
            "Russkuiu Ameriku",
            "Fascist Anti-Marxism",
            "Historisches Archiv",
            "Forschungsstelle Osteuropa",
            "R. A",
        }
        & persons
    )
    assert "R. A." in persons
    assert government == {"org"}
