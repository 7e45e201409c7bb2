"""Russian biographical phrasing the scorer's candidates read: short passive
participles, ranks by their lemma, the post nouns and steps of Soviet careers."""

from __future__ import annotations

import pytest

from kartoteka.extract import extract_by_rules
from kartoteka.extract.scorer import document_candidates
from kartoteka.extract.scorer.candidates import CAREER_CUE
from kartoteka.extract.scorer.units import Word, cue_types, lemma
from kartoteka.ingest import document_from_text


def _types(text: str) -> tuple[str, ...]:
    return cue_types(Word(0, len(text), text, lemma(text, "ru")), "ru")[1]


@pytest.mark.parametrize(
    ("word", "type_"),
    [
        ("снят", "dismissed"),  # not the adjective "снятой"
        ("снята", "dismissed"),
        ("сослан", "sentenced"),  # not the name "Сослан"
        ("принят", "joined"),
    ],
)
def test_a_short_participle_is_read_as_its_verb(word: str, type_: str) -> None:
    assert type_ in _types(word)


@pytest.mark.parametrize("word", ["комбригом", "комдива", "старшиной", "политруком"])
def test_a_rank_of_the_rank_table_may_state_an_award(word: str) -> None:
    assert "awarded" in _types(word)


@pytest.mark.parametrize(
    ("word", "type_"),
    [
        ("оправдан", "released"),
        ("полпредом", "appointed"),
        ("замнаркома", "appointed"),
        ("оперуполномоченным", "appointed"),
        ("восстановлен", "joined"),
        ("органах", "joined"),
        ("отчислен", "dismissed"),
        ("разжалован", "dismissed"),
        ("трибуналом", "sentenced"),
        ("удостоен", "awarded"),
    ],
)
def test_the_steps_of_a_soviet_career_are_cues(word: str, type_: str) -> None:
    assert type_ in _types(word)


def test_a_word_of_no_step_is_no_cue() -> None:
    assert _types("погода") == ()
    assert "awarded" not in _types("командиром")  # a post, not a rank


CAREER = (
    "Сидоров Пётр Ильич (1901 — 1952) — советский чекист.\n\n"
    "Родился в Твери в семье сапожника. С 1919 года — слесарем паровозного депо, "
    "а с 1920 года — кочегаром. "
    "В 1921-1923 гг. — в особом отделе ВЧК. "
    "С 1924 г. — начальник отделения ГПУ, затем помощник начальника отдела.\n"
)


def _career(text: str) -> set[tuple[str, str | None, str]]:
    """The career-line candidates of a text as (type, date, cue word)."""
    document = document_from_text(text, "own.txt")
    found, analyses = extract_by_rules(document)
    return {
        (c.type, c.value, c.word.text)
        for c, _ in document_candidates(document, analyses, found.mentions)
        if c.cue == CAREER_CUE
    }


def test_a_career_line_without_a_post_word_is_a_candidate() -> None:
    found = _career(CAREER)
    assert ("joined", "1919", "слесарем") in found
    assert ("appointed", "1919", "слесарем") in found
    assert ("joined", "1920", "кочегаром") in found
    assert ("joined", "1921", "в") in found
    assert ("dismissed", "1923", "в") in found  # the end of the span


def test_a_career_line_naming_a_post_is_left_to_the_post_word() -> None:
    assert not any(date == "1924" for _, date, _ in _career(CAREER))
