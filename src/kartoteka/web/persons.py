"""The index of persons: every card with its counts, sortable and filterable.

The counts of sources and events per person are read once per knowledge base
file and kept until the file changes, so paging and sorting stay fast on a large
index; the filters are single indexed queries.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass, field

SORTS = ("name", "sources", "events", "date")


@dataclass(frozen=True)
class PersonRow:
    """One line of the index."""

    id: str
    name: str
    sources: int
    events: int
    first: str | None
    last: str | None
    sort_key: str
    folded: str


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the index to; empty strings mean no filter."""

    org: str = ""
    role: str = ""
    event: str = ""
    decade: str = ""
    name: str = ""

    def active(self) -> bool:
        return any((self.org, self.role, self.event, self.decade, self.name))


@dataclass(frozen=True)
class Choices:
    """The values the filter menus offer, taken from the knowledge base."""

    orgs: list[tuple[str, str]]
    roles: list[str]
    events: list[str]
    decades: list[str]


@dataclass
class Page:
    """One page of the index after filtering and sorting."""

    rows: list[PersonRow]
    total: int
    page: int
    pages: int
    sort: str
    descending: bool
    filters: Filters = field(default_factory=Filters)


def plain(text: str) -> str:
    """Text without case or diacritics, for sorting and for matching typed names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def surname_key(name: str) -> str:
    """Sort persons the way a card index is filed: by surname, then given names."""
    words = name.split()
    return plain(" ".join(words[-1:] + words[:-1]))


def all_persons(db: sqlite3.Connection) -> list[PersonRow]:
    """Every person with counts of sources and events and the span of dated events."""
    sources = dict(
        db.execute(
            """SELECT entity, COUNT(DISTINCT document) FROM mentions
               WHERE type = 'person' AND entity IS NOT NULL GROUP BY entity"""
        ).fetchall()
    )
    events = {
        r[0]: (r[1], r[2], r[3])
        for r in db.execute(
            "SELECT person, COUNT(*), MIN(date), MAX(date) FROM events GROUP BY person"
        )
    }
    rows = []
    for entity_id, name in db.execute(
        "SELECT id, name FROM entities WHERE type = 'person'"
    ):
        count, first, last = events.get(entity_id, (0, None, None))
        rows.append(
            PersonRow(
                entity_id,
                name,
                sources.get(entity_id, 0),
                count,
                first,
                last,
                surname_key(name),
                plain(name),
            )
        )
    return rows


def matching_ids(db: sqlite3.Connection, filters: Filters) -> set[str] | None:
    """Ids of persons that pass every filter, or None when nothing is filtered."""
    found: list[set[str]] = []
    if filters.org:
        found.append(_ids(db, "SELECT person FROM events WHERE org = ?", filters.org))
    if filters.event:
        found.append(
            _ids(db, "SELECT person FROM events WHERE type = ?", filters.event)
        )
    if filters.decade[:3].isdigit():
        found.append(
            _ids(
                db,
                "SELECT person FROM events WHERE substr(date, 1, 3) = ?",
                filters.decade[:3],
            )
        )
    if filters.role:
        found.append(
            _ids(db, "SELECT entity FROM mentions WHERE title = ?", filters.role)
            | _ids(db, "SELECT person FROM events WHERE position = ?", filters.role)
        )
    if not found:
        return None
    return set.intersection(*found)


def _ids(db: sqlite3.Connection, sql: str, value: str) -> set[str]:
    return {r[0] for r in db.execute(sql, (value,)) if r[0]}


def choices(db: sqlite3.Connection) -> Choices:
    """The organizations, roles, event types and decades found in the events."""
    orgs = [
        (r[0], r[1])
        for r in db.execute(
            """SELECT e.id, e.name FROM entities e
               WHERE e.id IN (SELECT DISTINCT org FROM events) ORDER BY e.name"""
        )
    ]
    roles = sorted(
        {
            r[0]
            for r in db.execute(
                """SELECT DISTINCT title FROM mentions
                   WHERE type = 'person' AND title IS NOT NULL
                   UNION SELECT DISTINCT position FROM events
                   WHERE position IS NOT NULL"""
            )
        }
    )
    events = [r[0] for r in db.execute("SELECT DISTINCT type FROM events ORDER BY 1")]
    decades = [
        f"{r[0]}0s"
        for r in db.execute(
            """SELECT DISTINCT substr(date, 1, 3) FROM events
               WHERE date GLOB '[0-9][0-9][0-9]*' ORDER BY 1"""
        )
    ]
    return Choices(orgs, roles, events, decades)


def page(
    rows: list[PersonRow],
    ids: set[str] | None,
    filters: Filters,
    sort: str = "name",
    descending: bool = False,
    number: int = 1,
    size: int = 100,
) -> Page:
    """Filter, sort and cut one page out of the whole index."""
    wanted = plain(filters.name) if filters.name else ""
    chosen = [
        r
        for r in rows
        if (ids is None or r.id in ids) and (not wanted or wanted in r.folded)
    ]
    key = {
        "name": lambda r: (r.sort_key,),
        "sources": lambda r: (r.sources, r.events, r.sort_key),
        "events": lambda r: (r.events, r.sources, r.sort_key),
        "date": lambda r: (r.first or "9999", r.sort_key),
    }[sort if sort in SORTS else "name"]
    chosen.sort(key=key, reverse=descending)
    pages = max(1, -(-len(chosen) // size))
    number = min(max(1, number), pages)
    cut = chosen[(number - 1) * size : number * size]
    return Page(cut, len(chosen), number, pages, sort, descending, filters)
