"""An office named for a time before its body existed: "People's Commissar of
State Security from 1936 to 1938", when that commissariat was founded in 1941.

The title of a body's head is read from the body's names in the gazetteer
(data/organizations.yaml: a "Commissariat of X" is headed by a "Commissar of
X", a "Ministry of X" by a "Minister of X"). A sentence that gives such a title
with years, none of them when the body existed, calls the office by a later
name (unless a body of that time had a title that holds it: "People's Commissar
of Internal Affairs of the RSFSR"); the conflict is about the person named next
to the title, and its other side is the body's founding year.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from functools import cache

from kartoteka.analysis.conflicts.accounts import sentences
from kartoteka.analysis.conflicts.anachronisms import YEAR, Body, bodies
from kartoteka.analysis.conflicts.cues import body_passages
from kartoteka.data import load
from kartoteka.model import Claim, Conflict, stable_id

HEADS = (("Commissariat", "Commissar"), ("Ministry", "Minister"))
NEAR = 60  # characters between the person's name and the title at most


@cache
def _titles() -> tuple[tuple[re.Pattern[str], Body, frozenset[str]], ...]:
    """Each body's heads' titles as one pattern, with the body and the titles."""
    out = []
    for item in load("organizations.yaml"):
        body = bodies().get(item["id"])
        if body is None or body.start is None:
            continue
        titles = {
            name.replace(office, head)
            for name in item.get("names", [])
            for office, head in HEADS
            if office in name
        }
        if titles:
            words = "|".join(
                re.escape(t) for t in sorted(titles, key=len, reverse=True)
            )
            pattern = re.compile(rf"(?<!\w)(?:{words})(?!\w)")
            out.append((pattern, body, frozenset(titles)))
    return tuple(out)


def title_conflicts(
    db: sqlite3.Connection, entity: str | None = None
) -> list[Conflict]:
    """Offices named before their body existed (about one person, or all)."""
    return [c for c in _found(db, entity) if entity in (None, c.about)]


def _may_name_title(text: str, start: int, end: int) -> bool:
    """Whether a passage holds a head's word ("Commissar", "Minister"), which
    every title holds: most passages hold none, and finding a word tells so
    faster than a search per body's titles."""
    return any(text.find(head, start, end) >= 0 for _, head in HEADS)


def _found(db: sqlite3.Connection, entity: str | None) -> Iterator[Conflict]:
    for document, file, text, start, end in body_passages(db, entity):
        if not _may_name_title(text, start, end):
            continue
        for pattern, body, _ in _titles():
            if not pattern.search(text, start, end):
                continue
            for first, last in sentences(text, start, end):
                title = pattern.search(text, first, last)
                years = [int(y) for y in YEAR.findall(text, first, last)]
                if title is None or not years or max(years) >= (body.start or 0):
                    continue
                if _of_the_time(title.group(0), body, years):
                    continue
                named = _named_next_to(db, document, title.start(), first)
                if named is not None:
                    yield _conflict(document, file, text, (first, last), title,
                                    body, min(years), named)  # fmt: skip


def _of_the_time(title: str, body: Body, years: list[int]) -> bool:
    """Whether the title is (part of) that of another body, one that existed
    then ("People's Commissar of Internal Affairs" of the RSFSR, in 1925)."""
    return any(
        other is not body
        and (other.start or 0) <= max(years)
        and min(years) <= (other.end or 9999)
        and any(title in t for t in titles)
        for _, other, titles in _titles()
    )


def _named_next_to(
    db: sqlite3.Connection, document: str, at: int, first: int
) -> tuple[str, str] | None:
    """The person named last before the title in its sentence, close to it."""
    row = db.execute(
        """SELECT m.entity, e.name FROM mentions m JOIN entities e ON e.id = m.entity
           WHERE m.document = ? AND m.type = 'person' AND m.end <= ?
           AND m.start >= ? AND m.start <= ? ORDER BY m.start DESC LIMIT 1""",
        (document, at, max(first, at - NEAR), at),
    ).fetchone()
    return (str(row[0]), str(row[1])) if row else None


def _conflict(
    document: str,
    file: str,
    text: str,
    span: tuple[int, int],
    title: re.Match[str],
    body: Body,
    year: int,
    named: tuple[str, str],
) -> Conflict:
    person, name = named
    value = f"{title.group(0)} in {year} (the {body.name} founded {body.start})"
    claim = Claim(
        stable_id(document, title.start(), title.end(), person, "title"), document,
        file, title.start(), title.end(), value, "asserted",
        " ".join(text[span[0] : span[1]].split()),
    )  # fmt: skip
    question = f"which office {name} held in {year}: {title.group(0)}"
    return Conflict(person, name, "anachronism", question, (claim,))
