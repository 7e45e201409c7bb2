"""Issue 14: the event types other than posts, as biographies commonly say them.

Every sentence here is the project's own; each test reads a whole short
biography through the rules and looks at the events they state.
"""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.ingest import document_from_text
from kartoteka.model import Event


def read(text: str) -> list[Event]:
    events = list(extract_by_rules(document_from_text(text, "kinds.txt"))[0].events)
    for event in events:
        assert text[event.start : event.end] == event.evidence
    return events


def facts(text: str) -> set[tuple[str, str, str | None]]:
    return {(e.type, e.person.text, e.date) for e in read(text)}


def test_a_russian_membership_held_since_a_year_is_joined_then() -> None:
    """ "Член ВКП(б) с 1921 года", "В Красной армии с 1918": a card line with no
    verb and no name says when the person the card is about joined."""
    found = facts(
        "Петров Василий Михайлович (1895-1941) — советский чекист.\n\n"
        "В Красной армии с октября 1918 года: командир взвода. Член ВКП(б) с 1921 "
        "года. В органах ОГПУ с 1924 г.\n"
    )
    person = "Петров Василий Михайлович"
    assert ("joined", person, "1918-10") in found
    assert ("joined", person, "1921") in found
    assert ("joined", person, "1924") in found


def test_an_english_membership_held_since_a_year_is_joined_then() -> None:
    found = facts(
        "Ivan Sidorov (1880-1938) was a Soviet official.\n\n"
        "Member of the Communist Party from 1903. Sidorov was a loyal Bolshevik "
        "since 1905.\n"
    )
    assert ("joined", "Ivan Sidorov", "1903") in found
    assert ("joined", "Sidorov", "1905") in found


def test_a_committee_held_since_a_year_is_not_joined() -> None:
    """A seat on a committee is an appointment (the gold's convention), and work
    somewhere since a year names no membership taken."""
    found = facts(
        "Петров Василий Михайлович (1895-1941) — советский чекист.\n\n"
        "Член Политбюро с 1930 года. Работал на заводе с 1912 года.\n"
    )
    assert not [f for f in found if f[0] == "joined"]


def test_common_ways_of_saying_a_recall_a_flight_and_a_return() -> None:
    found = facts(
        "Ivan Petrov (1895-1960) was a Soviet intelligence officer.\n\n"
        "In April 1938 Petrov was called to Moscow from his post in Sofia. He "
        "stayed. In November 1947 Petrov crossed into the American zone of Berlin. "
        "In 1956 he returned home.\n"
    )
    assert ("recalled", "Petrov", "1938-04") in found
    assert ("defected", "Petrov", "1947-11") in found
    assert ("returned", "Petrov", "1956") in found


def test_work_in_a_named_service_is_joined_and_elsewhere_nothing() -> None:
    found = facts(
        "Ivan Petrov (1895-1960) was a Soviet intelligence officer.\n\n"
        "In 1918 Petrov worked in the Cheka. In 1912 he worked in a bakery.\n"
    )
    joined = {f for f in found if f[0] == "joined"}
    assert joined == {("joined", "Petrov", "1918")}


def test_russian_ways_of_saying_a_joining_and_a_sentence() -> None:
    found = facts(
        "Петров Василий Михайлович (1895-1941) — советский чекист.\n\n"
        "В 1921 году Петров поступил на работу в ВЧК. В 1938 году Петров получил "
        "срок.\n"
    )
    assert ("joined", "Петров", "1921") in found
    assert ("sentenced", "Петров", "1938") in found


def test_card_lines_name_the_spouse_and_the_parties() -> None:
    """An infobox's "Spouse(s)" and "Political party" lines: undated events of
    the page's person, the line as evidence; a paragraph that merely opens with
    "Party" is prose."""
    found = facts(
        "Anna Petrova (1890-1937) was an American communist.\n\n"
        "Political party Socialist Party of America, Communist Party USA\n"
        "Spouse(s) Karl Heinrich Bauer\n\n"
        "Party purges hit the NKVD in 1937.\n"
    )
    assert ("married", "Anna Petrova", None) in found
    assert ("married", "Karl Heinrich Bauer", None) in found
    joined = [
        e
        for e in read(
            "Anna Petrova (1890-1937) was an American communist.\n\n"
            "Political party Socialist Party of America, Communist Party USA\n\n"
            "Party purges hit the NKVD in 1937.\n"
        )
        if e.type == "joined"
    ]
    assert sorted(e.org.text for e in joined if e.org) == [
        "Communist Party USA",
        "Socialist Party of America",
    ]


def test_a_return_to_a_named_place_is_a_return_and_to_work_is_not() -> None:
    found = facts(
        "Anna Petrova (1890-1960) was a Soviet agent.\n\n"
        "In 1933 Petrova returned to Japan. In 1935 she returned to work.\n"
    )
    assert {f for f in found if f[0] == "returned"} == {("returned", "Petrova", "1933")}


def test_a_term_served_is_a_release() -> None:
    found = facts(
        "Петров Иван Ильич (1890-1970) — советский чекист.\n\n"
        "В 1953 году Петров был арестован. В 1968 году Петров отбыл этот срок во "
        "Владимирской тюрьме.\n"
    )
    assert ("released", "Петров", "1968") in found


def test_a_line_that_opens_with_the_year_then_names_the_service() -> None:
    found = facts(
        "Петров Василий Михайлович (1895-1941) — советский чекист.\n\n"
        "С 1921 г. — в органах ВЧК. С 1930 г. — член Политбюро.\n"
    )
    joined = {f for f in found if f[0] == "joined"}
    assert joined == {("joined", "Петров Василий Михайлович", "1921")}


def test_a_rank_translated_as_commissioner_with_its_year_is_awarded() -> None:
    found = facts(
        "Ivan Sidorov (1899-1970) was a Soviet security officer.\n\n"
        "State Security Commissioner 2nd rank (1935).\n"
    )
    assert ("awarded", "Ivan Sidorov", "1935") in found


def test_a_term_received_is_a_sentence_of_the_one_who_received_it() -> None:
    found = facts(
        "Ivan Sidorov (1899-1970) was a Soviet security officer.\n\n"
        "In 1938 Sidorov received ten years.\n"
    )
    assert ("sentenced", "Sidorov", "1938") in found


def test_a_service_named_in_a_later_clause_is_not_where_one_worked() -> None:
    """ "worked in a factory and then entered the Institute": one joining, of
    the Institute entered, not a second for the work."""
    joined = [
        e
        for e in read(
            "Ivan Sidorov (1899-1970) was a Soviet security officer.\n\n"
            "In Tula he worked in a factory and then entered the law faculty of the "
            "Moscow State University.\n"
        )
        if e.type == "joined"
    ]
    assert len(joined) == 1


def test_each_decoration_listed_with_its_year_is_an_award_then() -> None:
    found = read(
        "Петров Василий Михайлович (1895-1941) — советский чекист.\n\n"
        "Награждён орденом Ленина (1936), орденом Красного Знамени (1927), знаком "
        "«Почётный работник ВЧК-ГПУ» (1933).\n"
    )
    awards = {(e.date, e.position) for e in found if e.type == "awarded"}
    assert awards == {
        ("1936", "орденом Ленина"),
        ("1927", "орденом Красного Знамени"),
        ("1933", "знаком «Почётный работник ВЧК-ГПУ»"),
    }


def test_an_order_given_is_no_decoration() -> None:
    """ "By order of the NKVD (1937)": an order in lower case is a command."""
    found = facts(
        "Ivan Sidorov (1899-1970) was a Soviet security officer.\n\n"
        "By order of the NKVD (1937) the camp was closed. Order of Lenin (1940).\n"
    )
    assert {f for f in found if f[0] == "awarded"} == {
        ("awarded", "Ivan Sidorov", "1940")
    }


def test_staff_of_a_service_since_a_year_and_fighting_in_an_army_join_it() -> None:
    russian = facts(
        "Петров Василий Михайлович (1895-1941) — советский чекист.\n\n"
        "Сотрудник ВЧК с 1918 года.\n"
    )
    assert ("joined", "Петров Василий Михайлович", "1918") in russian
    english = read(
        "Ivan Sidorov (1899-1970) was a Soviet security officer.\n\n"
        "Sidorov fought in the Red Army against the Whites. In 1919 he fought in "
        "the Urals.\n"
    )
    joined = [e for e in english if e.type == "joined"]
    assert [e.org.text for e in joined if e.org] == ["Red Army"]
    assert len(joined) == 1
