"""Resolution's bookkeeping for scale: what it pauses, keeps and forgets leaves
the cards and the rest of the process as they would be without it."""

from __future__ import annotations

import gc

import pytest

from kartoteka.model import Mention
from kartoteka.resolve import resolve_persons
from kartoteka.resolve.matching import compatible
from kartoteka.resolve.names import parse_name


def _mention(document: str, start: int, name: str) -> Mention:
    return Mention(
        document, start, start + len(name), name, name, "person", "en", "test"
    )


MENTIONS = [
    _mention("a", 0, "Pavel Sudoplatov"),
    _mention("a", 30, "Sudoplatov"),
    _mention("b", 0, "P. A. Sudoplatov"),
    _mention("b", 25, "Судоплатов"),
    _mention("c", 0, "Pavel Anatolyevich Sudoplatov"),
    _mention("c", 40, "Naum Eitingon"),
    _mention("d", 0, "Наум Эйтингон"),
    _mention("d", 20, "Leonid Eitingon"),
]


def _cards() -> set[tuple[str, ...]]:
    found = resolve_persons(MENTIONS)
    return {tuple(sorted(m.text for m in e.mentions)) for e in found.entities}


@pytest.mark.parametrize("enabled", [True, False])
def test_resolving_leaves_the_cycle_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        _cards()
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_cards_are_the_same_when_the_pairs_are_forgotten_between_runs() -> None:
    compatible(parse_name("Pavel Sudoplatov"), parse_name("P. Sudoplatov"))
    first = _cards()
    assert compatible.cache_info().currsize == 0  # forgotten once joined
    assert _cards() == first
    assert (
        "P. A. Sudoplatov",
        "Pavel Anatolyevich Sudoplatov",
        "Pavel Sudoplatov",
        "Sudoplatov",
        "Судоплатов",
    ) in first
    assert ("Leonid Eitingon",) in first


def test_a_name_parsed_again_is_found_by_its_twin() -> None:
    first = parse_name("Naum Isaakovich Eitingon")
    parse_name.cache_clear()
    again = parse_name("Naum Isaakovich Eitingon")
    assert again is not first
    assert {first: "kept"}[again] == "kept"
    assert hash(again) == hash(first)
    assert parse_name("Naum Eitingon") != first
