"""Dates in every form the sources use, as EDTF with the days each allows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from kartoteka.build import build
from kartoteka.cli import main
from kartoteka.edtf import (
    bounds,
    dates_compatible,
    describe,
    narrower,
    normalise_edtf,
    parse_edtf,
)
from kartoteka.extract import extract
from kartoteka.extract.dates.find import find_dates
from kartoteka.extract.dates.relative import find_relative, resolve
from kartoteka.extract.events.document import with_readable_date
from kartoteka.ingest import document_from_text


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("He was arrested on 13 June 1938.", "1938-06-13"),
        ("On June 13, 1938 he crossed the border.", "1938-06-13"),
        ("born on 28th June, 1899 in Podwoloczyska", "1899-06-28"),
        ("a letter of 20.03.1952", "1952-03-20"),
        ("a letter of 15.10.1949", "1949-10-15"),
        ("In 1951 he left.", "1951"),
        ("the spring of 1937", "1937-21"),
        ("in the autumn of 1936", "1936-23"),
        ("early 1938", "1938"),
        ("mid-1937", "1937"),
        ("at the end of 1932", "1932"),
        ("the first half of 1937", "1937-01/1937-06"),
        ("the second half of June 1938", "1938-06-16/1938-06-30"),
        ("late June 1938", "1938-06"),
        ("in the 1930s", "193X"),
        ("the late 1930s", "193X"),
        ("the mid-1930s", "193X"),
        ("the early 1920s", "192X"),
        ("during 1937–38", "1937/1938"),
        ("from 1937–1940", "1937/1940"),
        ("from 1 October 1936 to 15 August 1938", "1936-10-01/1938-08-15"),
        ("from 31 March to 1 June 1937", "1937-03-31/1937-06-01"),
        ("between 23 and 30 January 1937", "1937-01-23/1937-01-30"),
        ("the Plenum of 23–29 June 1937", "1937-06-23/1937-06-29"),
        ("discovered in June–July 1936", "1936-06/1936-07"),
        ("from December 1934 to March 1937", "1934-12/1937-03"),
        ("between 1952 and 1956", "1952/1956"),
        ("about 1936", "1936~"),
        ("c. 1936", "1936~"),
        ("13 июня 1938 года", "1938-06-13"),
        ("в 1937 году", "1937"),
        ("весной 1937 года", "1937-21"),
        ("в июне 1938 года", "1938-06"),
        ("в конце 1927 года", "1927"),
        ("в 1930-е годы", "193X"),
        ("с 1937 по 1940 год", "1937/1940"),
        ("около 1936 года", "1936~"),
        ("родилась 3 (16) марта 1902 года", "1902-03-16"),
        ("родился 28 сентября (11 октября) 1899 г.", "1899-10-11"),
        ("born on March 3 (16), 1902", "1902-03-16"),
        ("born 2 (15) May 1899", "1899-05-15"),
        ("born 11 October [O.S. 28 September] 1899", "1899-10-11"),
        ("the two dates 5 (7) May 1920 differ too little", "1920-05-05"),
        ("(апрель — июль 1925)", "1925-04/1925-07"),
        ("(сентябрь 1920 — январь 1921)", "1920-09/1921-01"),
        ("с марта по октябрь 1933 года", "1933-03/1933-10"),
        ("Date of death: 1941-10-16", "1941-10-16"),
        ("from May 1925 to 1928", "1925-05/1928"),
        ("с 1925 по апрель 1928 года", "1925/1928-04"),
        ("posted abroad at the beginning of the 1930s", "193X"),
        ("in the first half of the 1920s", "1920/1924"),
        ("he came back in the late forties", "194X"),
        ("в середине 30-х годов", "193X"),
        ("уехал в начале 20-х", "192X"),
        ("from 2 April 1931 until 1934", "1931-04-02/1934"),
        ("from 1931 to 2 April 1934", "1931/1934-04-02"),
        ("from 1931 to April 2, 1934", "1931/1934-04-02"),
        ("с 12 мая 1940 г. по 1944 г.", "1940-05-12/1944"),
        ("с 1940 по 12 мая 1944 года", "1940/1944-05-12"),
        ("с 3 по 9 марта 1929 года", "1929-03-03/1929-03-09"),
        ("from 3 to 9 March 1929", "1929-03-03/1929-03-09"),
        ("в первых числах апреля 1926 года", "1926-04"),
        ("с последних чисел мая 1926 по март 1927 года", "1926-05/1927-03"),
        ("в 1920—30-е годы", "1920/1939"),
        ("в 1910-1920-х годах", "1910/1929"),
        ("с 1927 до 1929 года", "1927/1929"),
        ("from 1927 through 1929", "1927/1929"),
    ],
)
def test_every_form_becomes_edtf(text: str, edtf: str) -> None:
    assert [d.edtf for d in find_dates(text)] == [edtf]
    parse_edtf(edtf)


def test_numbers_that_only_look_like_decades_are_no_dates() -> None:
    text = "He was in his thirties; в 30 километрах от города, 40-летний агент."
    assert find_dates(text) == []


def test_a_two_figure_decade_is_of_the_story_century() -> None:
    assert [d.edtf for d in find_dates("в 20-е годы", 1820)] == ["182X"]


def test_a_year_then_a_full_date_is_no_range_of_years() -> None:
    assert [d.edtf for d in find_dates("(1902 — 16 марта 1975 года)")] == [
        "1902",
        "1975-03-16",
    ]
    assert [d.edtf for d in find_dates("(1899 – 4 May 1950)")] == ["1899", "1950-05-04"]
    assert [d.edtf for d in find_dates("during 1941–45 the war")] == ["1941/1945"]


def test_a_day_or_month_without_a_year_takes_the_story_year() -> None:
    text = "On 7 July 1937 he was arrested. On 14 August he was shot; in April he left."
    found = [(d.edtf, d.inferred) for d in find_dates(text)]
    assert found == [("1937-07-07", False), ("1937-08-14", True), ("1937-04", True)]
    assert [(d.edtf, d.inferred) for d in find_dates("on July 18", 1951)] == [
        ("1951-07-18", True)
    ]


def test_asides_do_not_move_the_story_year() -> None:
    text = (
        "On 12 April 1937 it was the turn of his deputy (since 29 September 1936 "
        "Deputy Commissar). On 17 April he was arrested."
    )
    assert [d.edtf for d in find_dates(text)][-1] == "1937-04-17"
    text = "In 1937 Ezhov wrote that the formation in 1932 was known. On 3 May he left."
    assert [d.edtf for d in find_dates(text)][-1] == "1937-05-03"


@pytest.mark.parametrize(
    ("text", "anchor", "edtf"),
    [
        ("The following day, the Politburo appointed him.", "1936-09-25", "1936-09-26"),
        ("Two days later, Stalin informed them.", "1937-03-29", "1937-03-31"),
        ("A month later, he was arrested.", "1938-11-02", "1938-12"),
        ("shot in August of the following year.", "1937-11", "1938-08"),
        ("and Orlov in the spring of the following year", "1938-10-22", "1939-21"),
        (
            "until his arrest on 22 October of the same year.",
            "1938-03-28",
            "1938-10-22",
        ),
        ("the same year", "1938-03-28", "1938"),
        ("arrested the previous November, and", "1937-03", "1936-11"),
        ("In half a year Krylenko was arrested", "1937-06", "1937-12~"),
        ("he was shot a year later.", "1939-02", "1940-02~"),
        ("A month later Petrov was arrested.", "1937-03-14", "1937-04"),
        ("five years later he became commandant", "1921-03", "1926"),
        ("the following year", "1937-06", "1938"),
        ("a few days later", "1953-08-21", "1953-08-24~"),
        ("she was freed three months later as a favour", "1939-05", "1939-08"),
        ("and two years later became a commissar", "1930", "1932"),
        ("на следующий день", "1928-01-01", "1928-01-02"),
        ("в том же году", "1935-05", "1935"),
        ("через два дня", "1937-05-05", "1937-05-07"),
        ("осенью того же года", "1929-02", "1929-23"),
        ("весной следующего года", "1929-10", "1930-21"),
        ("летом прошлого года", "1929", "1928-22"),
        ("в конце следующего года", "1929-03", "1930"),
        ("Год спустя его перевели", "1931-06", "1932-06~"),
        ("в прошлом году", "1931", "1930"),
        ("в предыдущем месяце", "1931-06-14", "1931-05"),
        ("That summer he was arrested.", "1931-06-14", "1931-22"),
        ("той же осенью", "1929-02", "1929-23"),
    ],
)
def test_relative_dates_count_from_the_story(text: str, anchor: str, edtf: str) -> None:
    [relative] = find_relative(text)
    assert resolve(relative, anchor) == edtf


def test_later_than_and_later_before_a_participle_are_no_dates() -> None:
    assert find_relative("He came two days later than the others.") == []
    assert find_relative("She left a few days later fearing arrest.") == []


def test_an_offset_from_a_trial_is_read_and_other_named_events_are_not() -> None:
    (offset,) = find_relative("Three days before the trial ended, he was rewarded.")
    assert (offset.unit, offset.offset, offset.trial) == ("day", -3, "end")
    assert find_relative("Three days after his arrest he was shot.") == []


def test_edtf_gives_the_days_for_sorting_and_comparing() -> None:
    assert bounds("1938") == ("1938-01-01", "1938-12-31")
    assert bounds("1938-01/1938-04") == ("1938-01-01", "1938-04-30")
    assert bounds("1934/1936") == ("1934-01-01", "1936-12-31")
    assert bounds("1937-21") == ("1937-03-01", "1937-05-31")
    assert bounds("1936-10-01/1938-08-15") == ("1936-10-01", "1938-08-15")
    assert bounds("1945-08~") == ("1945-08-01", "1945-08-31")
    assert bounds(None) is None and bounds("not a date") is None
    assert parse_edtf("193X") == (date(1930, 1, 1), date(1939, 12, 31))
    assert dates_compatible("1938", "1938-01/1938-04")
    assert not dates_compatible("1938-05", "1938-01/1938-04")
    assert narrower("1938", "1938-06-13") == "1938-06-13"
    # a whole decade is one date however it is spelled
    assert normalise_edtf("1930/1939") == normalise_edtf("1930s") == "193X"
    assert normalise_edtf("1930/1938") == "1930/1938"


def test_uncertain_dates_read_as_such() -> None:
    assert describe("1936~") == "about 1936"
    assert describe("1938?") == "1938 (uncertain)"
    assert describe("1937-21") == "spring 1937"
    assert describe("193X") == "1930s"
    assert describe("1936-10-01/1938-08-15") == "1936-10-01–1938-08-15"


def test_an_offset_ends_at_punctuation_a_clause_word_or_a_name() -> None:
    assert find_relative("he defected a few days later believing it safe") == []
    assert len(find_relative("A month later Petrov was arrested.")) == 1


SPAN_THEN_ARREST = (
    "Ivan Petrov was arrested shortly after he returned from Spain in 1937–1938.\n"
)
SPAN_THEN_NAMED = (
    "Ivan Petrov was recalled from Paris in 1930–1934. Soon after Petrov's recall, "
    "Oleg Sokol was dismissed. Sokol was arrested.\n"
)


def test_soon_after_a_span_is_the_span_ending_a_little_later() -> None:
    """Issue 14: "after he returned in 1937–1938" was written `1937/19~`."""
    (arrest,) = extract(document_from_text(SPAN_THEN_ARREST, "span.txt")).events
    assert arrest.date == "1937/1938"  # soon after 1938 is (mostly) in 1938
    assert bounds(arrest.date) == ("1937-01-01", "1938-12-31")


def test_a_story_told_soon_after_a_named_span_is_read() -> None:
    """Issue 14: the story's date "soon after Petrov's recall" (1930–1934) once
    stopped the whole file with "not an EDTF date: '19'"."""
    found = extract(document_from_text(SPAN_THEN_NAMED, "named.txt"))
    assert ("recalled", "1930/1934") in {(e.type, e.date) for e in found.events}
    assert {"dismissed", "arrested"} <= {e.type for e in found.events}
    assert all(bounds(e.date) for e in found.events if e.date)


def test_a_date_edtf_cannot_read_is_dropped_out_loud() -> None:
    (arrest,) = extract(document_from_text(SPAN_THEN_ARREST, "span.txt")).events
    warnings: list[str] = []
    kept = with_readable_date(replace(arrest, date="1937/19~"), warnings)
    assert kept.date is None and kept.type == "arrested"
    assert len(warnings) == 1 and "'1937/19~'" in warnings[0]
    assert with_readable_date(arrest, warnings) == arrest and len(warnings) == 1


def test_a_span_soon_after_is_found_by_a_date_search(tmp_path: Path) -> None:
    """`kartoteka events --from 1937 --to 1938` finds the arrest of issue 14."""
    (tmp_path / "span.txt").write_text(SPAN_THEN_ARREST, encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    summary = build([tmp_path / "span.txt"], db, workers=1)
    assert summary.documents == 1 and not summary.problems
    found = CliRunner().invoke(
        main, ["events", "--from", "1937", "--to", "1938", "--db", str(db)]
    )
    assert found.exit_code == 0 and "Ivan Petrov" in found.stdout
    assert "arrested" in found.stdout


def _dated(text: str) -> set[tuple[str, str | None]]:
    """The (type, date) of every event the rules read in a text of one person."""
    return {(e.type, e.date) for e in extract(document_from_text(text, "d.txt")).events}


def test_each_step_of_a_comma_chain_keeps_its_own_date() -> None:
    found = _dated(
        "Олег Петрович Лунин в 1929 году был назначен начальником отдела "
        "губернского ГПУ, в 1933 году переведён в Москву, 14 марта 1937 года "
        "арестован.\n"
    )
    assert ("arrested", "1937-03-14") in found
    assert ("arrested", "1933") not in found


def test_a_step_without_a_date_in_a_chain_shares_the_part_before() -> None:
    found = _dated(
        "Олег Петрович Лунин в 1929—1931 — инструктор обкома, с 1931 — начальник "
        "отдела ГПУ, в 1937 арестован, расстрелян.\n"
    )
    assert {("arrested", "1937"), ("executed", "1937")} <= found


def test_a_step_counted_from_a_dated_thing() -> None:
    found = _dated(
        "Lev Orlik became head of the NKVD in Minsk three days after the fall of "
        "Sokolov (May 4, 1936).\n"
    )
    assert ("appointed", "1936-05-07") in found


def test_a_date_set_before_or_after_another_thing_is_not_the_events() -> None:
    found = _dated(
        "Lev Orlik was sent to Harbin as a resident in the beginning of the "
        "1930s, prior to the break of relations with Tokyo in March 1933.\n"
    )
    assert ("appointed", "193X") in found
    assert ("appointed", "1933-03") not in found


def test_a_participle_that_describes_an_event_noun_dates_it() -> None:
    found = _dated(
        "Lev Orlik wrote in 1960 about the arrest of Anton Vosk carried out in May "
        "1938 by the NKVD.\n"
    )
    assert found == {("arrested", "1938-05")}
