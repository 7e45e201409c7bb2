"""Organization names as writers really put them: declined, chained, qualified."""

from __future__ import annotations

import pytest
from conftest import SHARED

from kartoteka import evaluate
from kartoteka.build import build
from kartoteka.export import export_dict
from kartoteka.extract.mentions.gazetteer import find_organizations, name_key
from kartoteka.extract.mentions.orgspans import known_spans, rule_spans
from kartoteka.extract.mentions.periodicals import periodical_spans
from kartoteka.store import connect

DEV = SHARED / "dev"


def _known(text: str, language: str) -> list[tuple[str, str | None]]:
    return [(text[s:e], key) for s, e, key in known_spans(text, language)]


def _shaped(text: str) -> list[str]:
    return [text[s:e] for s, e in rule_spans(text)]


def test_a_russian_name_is_found_in_any_case() -> None:
    text = "Он воевал в рядах Красной армии, потом перешёл в Разведупра отдел."
    found = {(m.text, m.key) for m in find_organizations(text)}
    assert ("Красной армии", "red-army") in found
    assert ("Разведупра", "gru") in found
    assert name_key("Красной армии") == name_key("Красная армия")


def test_a_chain_of_organs_names_each_one() -> None:
    text = "Служил в органах ВЧК-ОГПУ-НКВД, затем в ГУГБ НКВД СССР."
    assert _known(text, "ru") == [
        ("ВЧК", "cheka"),
        ("ОГПУ", "ogpu"),
        ("НКВД", "nkvd"),
        ("ГУГБ", "gugb"),
        ("НКВД", "nkvd"),
    ]


def test_a_regional_organ_and_a_state_body_are_named_whole() -> None:
    assert _known("был председателем Грузинской ЧК", "ru") == [
        ("Грузинской ЧК", "cheka")
    ]
    assert _known("He led the Georgian Cheka for a year.", "en") == [
        ("Georgian Cheka", "cheka")
    ]
    spans = _known("member of the Supreme Economic Council of the USSR", "en")
    assert spans[0][0] == "Supreme Economic Council of the USSR"


def test_a_tail_stops_at_the_next_known_name() -> None:
    text = (
        "He headed the Transport Department of the Main Directorate"
        " of State Security of the USSR until 1938."
    )
    names = [name for name, _ in _known(text, "en")]
    assert names == [
        "Transport Department",
        "Main Directorate of State Security of the USSR",
    ]


def test_a_part_written_after_its_parent_is_one_name_with_no_id() -> None:
    assert _known("a clerk in the NKVD Secretariat", "en") == [
        ("NKVD Secretariat", None)
    ]


def test_names_known_only_by_their_head_noun() -> None:
    text = (
        "Later the All-Union Bureau of the PSR met; the Workers' and Peasants' "
        "Inspectorate checked the Defense Committee. Moscow's Zhukovsky Air Force "
        "Academy trained him. The Soviet Union signed."
    )
    shaped = _shaped(text)
    assert "All-Union Bureau of the PSR" in shaped
    assert "Workers' and Peasants' Inspectorate" in shaped
    assert "Defense Committee" in shaped
    assert "Zhukovsky Air Force Academy" in shaped
    assert not any("Moscow" in name or "Soviet Union" in name for name in shaped)


def test_a_department_keeps_apart_from_the_security_organ_it_belongs_to() -> None:
    assert _shaped("the Secret Political Department of the OGPU acted") == [
        "Secret Political Department"
    ]


def test_faction_marks_the_party_and_intelligence_services() -> None:
    text = (
        "he joined the VKP (b) and later left the Party; he then served Soviet "
        "military intelligence and worked for foreign intelligence"
    )
    shaped = _shaped(text)
    assert "VKP (b)" in shaped and "Party" in shaped
    assert "Soviet military intelligence" in shaped
    assert "foreign intelligence" in shaped


def test_a_description_is_not_a_name() -> None:
    assert _known("the transport department of the city", "en") == []
    assert _shaped("The Party met. Then Soviet intelligence grew.") == []


@pytest.fixture(scope="module")
def dev_report(tmp_path_factory: pytest.TempPathFactory) -> evaluate.Report:
    if not (DEV / "corpus").is_dir():
        pytest.skip(f"the dev corpus is not at {DEV}")
    db = tmp_path_factory.mktemp("dev") / "dev.sqlite"
    build([DEV / "corpus"], db, workers=2)
    with connect(db) as conn:
        payload = export_dict(conn)
        texts = {
            r["file"]: r["text"]
            for r in conn.execute("SELECT file, text FROM documents")
        }
    return evaluate.evaluate(payload, evaluate.load_gold(DEV / "gold"), texts)


def test_dev_corpus_organization_floors(dev_report: evaluate.Report) -> None:
    """Real biographies never tuned on by hand: organization forms (0.862)."""
    forms = dev_report.orgs.forms
    assert forms.f1 >= 0.85 and forms.precision >= 0.90 and forms.recall >= 0.80


def test_dev_corpus_person_floors(dev_report: evaluate.Report) -> None:
    """Person forms (0.916) and their clustering (B3 0.965, cross-document
    pairs 0.957)."""
    assert dev_report.persons.forms.f1 >= 0.91
    clustering = dev_report.persons.clustering
    assert clustering.bcubed.f1 >= 0.96
    assert clustering.pairs.f1 >= 0.95


def test_russian_bodies_are_read_by_their_grammar() -> None:
    text = (
        "Он служил в Главном управлении пограничной охраны, учился в Казанском "
        "университете имени В. И. Ульянова и работал в Центральном архиве "
        "древних актов Московского университета."
    )
    assert _shaped(text) == [
        "Главном управлении пограничной охраны",
        "Казанском университете имени В. И. Ульянова",
        "Центральном архиве древних актов",
        "Московского университета",
    ]
    # A preposition ends the name; a plain adjective and noun make none.
    assert _shaped("Он вступил в ряды Красной армии с весны.") == ["Красной армии"]
    assert _shaped("Это была Долгая зима в горах.") == []


def test_periodicals_are_named_after_the_noun_that_says_what_they_are() -> None:
    text = (
        "He wrote for the émigré newspapers Nashe delo and Golos Rossii, then "
        "edited the journal Zarya (The Dawn) in Paris; the magazine Mir "
        "published his memoirs. Статью напечатала газета «Новое время»."
    )
    found = [(text[s:e], name) for s, e, name in periodical_spans(text)]
    assert found == [
        ("Nashe delo", "Nashe delo"),
        ("Golos Rossii", "Golos Rossii"),
        ("Zarya", "Zarya"),
        ("The Dawn", "Zarya"),  # a translation names the same periodical
        ("Mir", "Mir"),
        ("Новое время", "Новое время"),
    ]
    assert periodical_spans("The newspaper reported his arrest.") == []
