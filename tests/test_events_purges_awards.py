"""Wordings of purges, trials, killings and awards the rules read: "was purged"
(a removal), "put X on trial" and "посадил X на скамью подсудимых" (a trial),
"the liquidation of X" (a killing), and "ему присвоено звание" or a bare
"присвоено звание" (an award to the person the story is about)."""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.ingest import document_from_text

ENGLISH = (
    "Ivan Petrovich Sokolov (1895 – 1952) was a Soviet intelligence officer.\n\n"
    "Sokolov was born in Tver. His chief, Grigory Lukin, was purged in the spring "
    "of 1937. In 1938 he arranged the liquidation of Pavel Reznik in Rotterdam. "
    "In 1941 the commissar put Boris Antonov on trial. "
    "In 1942 Sokolov was awarded the Order of Lenin.\n"
)

RUSSIAN = (
    "Соколов Иван Петрович (1895 — 1952) — советский чекист.\n\n"
    "Родился в Твери. В 1935 году ему присвоено звание майора госбезопасности. "
    "В 1936 г. присвоено звание старшего майора госбезопасности. "
    "В 1937 году нарком посадил Лукина и Антонова на одну скамью подсудимых. "
    "В 1939 году Григорий Лукин оказался на скамье подсудимых.\n"
)


def _events(text: str) -> set[tuple[str, str | None, str]]:
    document = document_from_text(text, "own.txt")
    found, _ = extract_by_rules(document)
    return {(e.type, e.date, e.person.text) for e in found.events}


def test_a_purged_person_is_dismissed() -> None:
    assert ("dismissed", "1937-21", "Grigory Lukin") in _events(ENGLISH)


def test_a_liquidation_of_a_person_is_a_killing() -> None:
    assert ("killed", "1938", "Pavel Reznik") in _events(ENGLISH)


def test_a_person_put_on_trial_is_sentenced() -> None:
    assert ("sentenced", "1941", "Boris Antonov") in _events(ENGLISH)


def test_a_named_honour_is_not_its_holder() -> None:
    events = _events(ENGLISH)
    assert ("awarded", "1942", "Sokolov") in events
    assert not {e for e in events if e[2] == "Lenin"}


def test_a_rank_given_in_the_dative_or_to_no_one_named_is_the_story_persons() -> None:
    awarded = {(e[1], e[2]) for e in _events(RUSSIAN) if e[0] == "awarded"}
    person = "Соколов Иван Петрович"
    assert {("1935", person), ("1936", person)} <= awarded


def test_a_rank_given_is_the_awards_position() -> None:
    document = document_from_text(RUSSIAN, "own.txt")
    found, _ = extract_by_rules(document)
    positions = {e.position for e in found.events if e.type == "awarded"}
    assert "звание старшего майора госбезопасности" in positions


def test_those_put_in_the_dock_are_sentenced() -> None:
    sentenced = {(e[1], e[2]) for e in _events(RUSSIAN) if e[0] == "sentenced"}
    assert {("1937", "Лукина"), ("1937", "Антонова")} <= sentenced
    assert ("1939", "Григорий Лукин") in sentenced
