"""A disputed death counted the way the gold records it: one `died` event.

The gold gives a death whose manner a document leaves open ("at first it was said
that he shot himself", "by one version he was shot") as one `died` event with a
note. The system keeps each version as a statement of its own, marked `disputed`,
beside the plain death and any other fate it read for the person, because the
timeline and the cohort tables need them. So before matching, a person's death
statements in one document (died, executed, killed, suicide at dates that agree)
fold into one `died` when one of them is disputed. Without a disputed version
nothing folds: an asserted wrong fate still counts as wrong, and a death whose
versions the system did not see as disputed still scores its extra fates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import Field, replace
from typing import Any, ClassVar, Protocol, TypeVar

from kartoteka.edtf import dates_compatible, days_allowed, narrower

DEATHS = frozenset({"died", "executed", "killed", "suicide"})
DISPUTED = "disputed"
STANCE_RANK = {"asserted": 0, "reported": 1, DISPUTED: 2}


class Statement(Protocol):
    """What the fold reads of an exported event (a dataclass, to be retyped)."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @property
    def doc(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def stance(self) -> str: ...
    @property
    def start(self) -> int: ...


S = TypeVar("S", bound=Statement)


def _rank(event: Statement) -> tuple[bool, int, int, int]:
    """Which version stands for the folded death: a plain death, then the firmest
    stance, then the most precise date, then the first in the text."""
    stance = STANCE_RANK.get(event.stance, len(STANCE_RANK))
    return (event.type != "died", stance, days_allowed(event.date), event.start)


def _fold(versions: list[tuple[int, S]]) -> tuple[int, S, set[int]]:
    """The version that stands for the death, as a `died` with the most precise
    date the versions agree on, and the places of the versions folded into it."""
    ordered = sorted(versions, key=lambda pair: _rank(pair[1]))
    place, anchor = ordered[0]
    date, folded = anchor.date, set()
    for other_place, other in ordered[1:]:
        if dates_compatible(date, other.date):
            date = narrower(date, other.date)
            folded.add(other_place)
    return place, replace(anchor, type="died", date=date), folded


def fold_disputed_deaths(
    events: Sequence[S], person_of: Callable[[S], str | None]
) -> tuple[list[S], list[S]]:
    """The events with each disputed death folded into one `died`, and the
    statements folded away. `person_of` says who an event is about, as the
    matching sees it; events about no one are left alone."""
    groups: dict[tuple[str, str], list[tuple[int, S]]] = {}
    for place, event in enumerate(events):
        person = person_of(event)
        if event.type in DEATHS and person:
            groups.setdefault((event.doc, person), []).append((place, event))
    replaced: dict[int, S] = {}
    dropped: set[int] = set()
    for versions in groups.values():
        if any(event.stance == DISPUTED for _, event in versions):
            place, death, folded = _fold(versions)
            replaced[place] = death
            dropped |= folded
    kept = [replaced.get(p, e) for p, e in enumerate(events) if p not in dropped]
    return kept, [events[p] for p in sorted(dropped)]
