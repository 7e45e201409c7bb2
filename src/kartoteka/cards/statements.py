"""A card's statements grouped by type and period, so a long card reads at a glance.

Statements of one type (arrested, appointed, ...) form a group headed by how
many there are and the period they cover; groups follow the order of their
first dates. Statements that repeat one another word for word (one text
collected twice, a passage quoted by another source) are shown once with the
number of other sources. A group shows its first few statements; the rest are
on pages of their own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kartoteka.edtf import bounds as edtf_bounds
from kartoteka.edtf import describe
from kartoteka.query import Fact

SHOWN = 5  # statements a group shows on the card
PAGE = 50  # statements on one page of a type

# A long card repeats few dates many times: each is read once.
bounds = lru_cache(maxsize=16384)(edtf_bounds)


@dataclass(frozen=True)
class Said:
    """One statement, with the statements elsewhere that repeat it word for word."""

    fact: Fact
    also: int = 0


@dataclass(frozen=True)
class Group:
    """The statements of one type: how many, over what period, the first few."""

    type: str
    count: int
    period: str
    shown: list[Said]
    hidden: int


def _key(fact: Fact) -> tuple[str, str | None, str, str]:
    return fact.type, fact.date, fact.stance, " ".join(fact.citation.quote.split())


def collapse(facts: Iterable[Fact]) -> list[Said]:
    """Statements in order, each repeated wording once with its number of repeats."""
    first: dict[tuple[str, str | None, str, str], Fact] = {}
    repeats: dict[tuple[str, str | None, str, str], int] = defaultdict(int)
    for fact in facts:
        key = _key(fact)
        if key in first:
            repeats[key] += 1
        else:
            first[key] = fact
    return [Said(fact, repeats[key]) for key, fact in first.items()]


def period(facts: Sequence[Fact]) -> str:
    """The dates a group covers in words: `1937`, `1936–1938`, or `no date`."""
    dated = sorted(
        (found, f.date)
        for f in facts
        if f.date and (found := bounds(f.date)) is not None
    )
    if not dated:
        return "no date"
    first, last = dated[0][1], max(dated, key=lambda d: d[0][1])[1]
    assert first is not None and last is not None
    if first == last:
        return describe(first)
    return f"{describe(first)} – {describe(last)}"


def _start(facts: Sequence[Fact]) -> str:
    found = [b[0] for f in facts if f.date and (b := bounds(f.date)) is not None]
    return min(found, default="9999")


def group_statements(facts: Sequence[Fact], shown: int = SHOWN) -> list[Group]:
    """The card's statements by type, groups in the order of their first dates."""
    by_type: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_type[fact.type].append(fact)
    groups = []
    for kind, members in sorted(by_type.items(), key=lambda t: (_start(t[1]), t[0])):
        said = collapse(members)
        groups.append(
            Group(
                kind,
                len(members),
                period(members),
                said[:shown],
                max(0, len(said) - shown),
            )
        )
    return groups


def page_of(facts: Sequence[Fact], kind: str, number: int) -> tuple[list[Said], int]:
    """One page of the statements of one type, and how many pages there are."""
    said = collapse(f for f in facts if f.type == kind)
    pages = max(1, -(-len(said) // PAGE))
    number = min(max(1, number), pages)
    return said[(number - 1) * PAGE : number * PAGE], pages
