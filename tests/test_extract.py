"""Extraction on small texts written for the tests: dates, name shapes, domain fixes."""

from __future__ import annotations

import pytest

from kartoteka.extract import extract
from kartoteka.extract.dates.find import find_dates
from kartoteka.extract.mentions.persons import ranked_names, shaped_names, vote_types
from kartoteka.ingest import document_from_text
from kartoteka.model import Mention


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("He left on 3 March 1931 for Paris.", "1931-03-03"),
        ("He left on March 3, 1931 for Paris.", "1931-03-03"),
        ("born on 5th January, 1899 in Riga", "1899-01-05"),
        ("a letter dated 02.11.1947", "1947-11-02"),
        ("in the autumn of 1932", "1932-23"),
        ("during 1936–38 the purge", "1936/1938"),
        ("the late 1920s", "192X"),
        ("in the 1920s", "192X"),
        ("арестован 3 марта 1938 года", "1938-03-03"),
        ("в мае 1937 года", "1937-05"),
        ("весной 1929 года", "1929-21"),
    ],
)
def test_dates_become_edtf(text: str, edtf: str) -> None:
    assert [d.edtf for d in find_dates(text)] == [edtf]


def test_a_date_without_a_year_takes_the_year_of_the_story() -> None:
    dates = find_dates("In 1934 he moved. On 2 May he was seen; in June he left.")
    assert [(d.edtf, d.inferred) for d in dates] == [
        ("1934", False),
        ("1934-05-02", True),
        ("1934-06", True),
    ]


def test_may_the_verb_is_no_month() -> None:
    assert find_dates("He may have left; it may be so.") == []


def test_initials_lists_and_bibliographies_are_told_apart() -> None:
    listed = "He promoted A. B. Smirnov, V. G. Kotov and D. Orlov."
    spans = [listed[s:e] for s, e in shaped_names(listed)]
    assert spans == ["A. B. Smirnov", "V. G. Kotov", "D. Orlov"]
    cited = "Kotov, V. Zapiski chekista (Moscow, 1961)."
    assert [cited[s:e] for s, e in shaped_names(cited)] == ["Kotov, V."]
    given = "as Walter G. Marsh wrote"
    assert [given[s:e] for s, e in shaped_names(given)] == ["Walter G. Marsh"]


def test_a_junior_rank_belongs_to_the_name_a_general_does_not() -> None:
    text = "Captain Ivanov met General Anton Petrov."
    found = [(text[s:e], title) for s, e, title in ranked_names(text)]
    assert found == [("Captain Ivanov", "Captain")]


def test_surname_shaped_words_are_persons_unless_placed() -> None:
    votes = vote_types(
        [
            ("Zubarev", "org", False),
            ("Zubarev", "place", False),
            ("Krestov", "place", True),
            ("Krestov", "place", True),
            ("Moscow", "person", False),
        ]
    )
    assert votes == {"Zubarev": "person", "Krestov": "place", "Moscow": "place"}


def _by_text(mentions: tuple[Mention, ...]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


def test_domain_knowledge_corrects_the_english_model() -> None:
    text = (
        "In 1935 Captain Pavlovsky of the Razvedupr travelled to Sochi, "
        "where N. I. Zubarev of the NKVD Foreign Department met him.\n"
    )
    extraction = extract(document_from_text(text, "notes.txt"))
    mentions = _by_text(extraction.mentions)
    assert mentions["Captain Pavlovsky"].type == "person"
    assert mentions["Captain Pavlovsky"].title == "Captain"
    assert mentions["Captain Pavlovsky"].name == "Pavlovsky"
    assert mentions["Razvedupr"].type == "org" and mentions["Razvedupr"].key
    assert mentions["Sochi"].type == "place"
    assert mentions["N. I. Zubarev"].type == "person"
    assert mentions["NKVD Foreign Department"].type == "org"
    for mention in extraction.mentions:
        assert text[mention.start : mention.end] == mention.text


def test_russian_passages_are_read_by_the_russian_model() -> None:
    text = "В июне 1938 года Генрих Люшков перебежал в Маньчжурию.\n"
    extraction = extract(document_from_text(text, "ru.txt"))
    mentions = _by_text(extraction.mentions)
    assert mentions["Генрих Люшков"].type == "person"
    assert mentions["июне 1938 года"].key == "1938-06"
    [event] = extraction.events
    assert (event.type, event.date, event.person.text) == (
        "defected",
        "1938-06",
        "Генрих Люшков",
    )


def test_events_cover_coordination_and_pronouns() -> None:
    text = (
        "On 14 August 1937 Pauker, Shanin and Firin were shot.\n\n"
        "Artur Artuzov was born in 1891. He was arrested in May 1937.\n"
    )
    events = extract(document_from_text(text, "events.txt")).events
    found = {(e.type, e.person.text, e.date) for e in events}
    assert {
        ("executed", "Pauker", "1937-08-14"),
        ("executed", "Shanin", "1937-08-14"),
        ("executed", "Firin", "1937-08-14"),
        ("born", "Artur Artuzov", "1891"),
        ("arrested", "Artur Artuzov", "1937-05"),
    } <= found
    for event in events:
        assert text[event.start : event.end] == event.evidence


def test_footnote_markers_stay_out_of_names_but_spans_stay_exact() -> None:
    text = "The order was signed by Semen Pavlovich Zubarev.¹² He left.\n"
    extraction = extract(document_from_text(text, "fn.txt"))
    persons = [m for m in extraction.mentions if m.type == "person"]
    assert [m.text for m in persons] == ["Semen Pavlovich Zubarev"]
