"""Cohorts: persons chosen by what happened to them, when, where they served.

The prosopographer's table: one row per person with birth, the event that
selects them, their age at it, years since joining, last post stated, highest
rank stated (by the seniority in data/ranks.yaml) and fate,
each cell a statement with its span; then the figures a historian writes
(count, ages, birth decades, how many within twelve months), each naming the
statements it rests on. Vague dates give ranges, never a false point.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from kartoteka.analysis.cohorts.figures import Figure, days, figures
from kartoteka.analysis.cohorts.ranks import Rank, highest_rank
from kartoteka.analysis.lineage import affiliated, organization_ids
from kartoteka.analysis.timelines import Entry, EventFilter, find_events, timeline
from kartoteka.edtf import bounds

FATES = ("died", "executed", "killed", "suicide")
Years = tuple[int, int]  # a whole number of years, from least to most


@dataclass(frozen=True)
class Selection:
    """Who is in the cohort: event types, a period, organizations, roles.

    `orgs` are words as the user writes them ("nkvd", "Razvedupr"); each stands
    for its lineage. `roles` match a title before the name or a post stated.
    """

    events: tuple[str, ...]
    start: str | None = None
    end: str | None = None
    orgs: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Member:
    """One person of the cohort, every cell a statement (or None when unstated)."""

    id: str
    name: str
    names: tuple[str, ...]
    event: Entry
    others: tuple[Entry, ...]
    birth: Entry | None
    age: Years | None
    joined: Entry | None
    service: Years | None
    post: Entry | None
    titles: tuple[str, ...]
    fates: tuple[Entry, ...]
    rank: Rank | None = None

    @property
    def statements(self) -> tuple[Entry, ...]:
        """Every statement the row cites, the selecting one first."""
        ranked = self.rank.statement if self.rank else None
        cells = (self.event, self.birth, self.joined, self.post, ranked, *self.fates)
        return tuple(e for e in cells if e is not None)


@dataclass(frozen=True)
class Cohort:
    """The selection, its members, and the figures over them."""

    selection: Selection
    members: tuple[Member, ...]
    figures: tuple[Figure, ...]

    def cited(self) -> dict[str, Entry]:
        """Every statement a row or figure cites, by id."""
        return {e.id: e for m in self.members for e in m.statements}


def whole_years(since: date, until: date) -> int:
    """Completed years from one day to another (an age on a birthday counts)."""
    return (
        until.year - since.year - ((until.month, until.day) < (since.month, since.day))
    )


def years_between(earlier: Entry | None, later: Entry | None) -> Years | None:
    """The least and most whole years two vague dates allow between them."""
    a, b = days(earlier), days(later)
    if a is None or b is None:
        return None
    return whole_years(a[1], b[0]), whole_years(a[0], b[1])


def precision(value: str | None) -> str:
    """How much of a date the source gives: day, month, year, or a range."""
    found = bounds(value)
    if found is None:
        return "none"
    first, last = found
    if first == last:
        return "day"
    if first[:7] == last[:7]:
        return "month"
    return "year" if first[:4] == last[:4] else "range"


def _best(entries: list[Entry]) -> Entry:
    """The selecting statement: the most precise date, then the earliest."""

    def width(entry: Entry) -> tuple[int, str]:
        span = days(entry)
        return ((span[1] - span[0]).days if span else 10**6, entry.earliest or "9999")

    return min(entries, key=width)


def _last_post(story: list[Entry], event: Entry) -> Entry | None:
    """The latest appointment to a post stated, not after the event."""
    posts = [e for e in _until(story, event) if e.type == "appointed" and e.position]
    return max(posts, key=lambda e: e.earliest or "") if posts else None


def _member(
    db: sqlite3.Connection,
    chosen: list[Entry],
    orgs: frozenset[str],
    rejected: frozenset[str],
) -> Member:
    event = _best(chosen)
    story = [
        e
        for e in timeline(db, event.person_id)
        if e.stance != "denied" and e.id not in rejected
    ]
    births = [e for e in story if e.type == "born" and e.date]
    birth = _best(births) if births else None
    joins = [e for e in story if e.type == "joined" and days(e)]
    joined = _first_joined(db, joins, orgs)
    titles = _titles(db, event.person_id)
    return Member(
        id=event.person_id,
        name=event.person,
        names=_names(db, event.person_id),
        event=event,
        others=tuple(e for e in chosen if e is not event),
        birth=birth,
        age=years_between(birth, event),
        joined=joined,
        service=years_between(joined, event),
        post=_last_post(story, event),
        titles=titles,
        fates=tuple(e for e in story if e.type in FATES),
        rank=highest_rank(titles, _until(story, event)),
    )


def _until(story: list[Entry], event: Entry) -> list[Entry]:
    """The statements that may be dated up to the event (undated ones included)."""
    end = days(event)
    return [
        e
        for e in story
        if end is None or (span := days(e)) is None or span[0] <= end[1]
    ]


def _first_joined(
    db: sqlite3.Connection, joins: list[Entry], orgs: frozenset[str]
) -> Entry | None:
    """The earliest joining of one of the chosen organizations, else of any named
    organization (joining "the movement" is not joining a service), else any."""
    named = [e for e in joins if e.org]
    chosen = []
    if orgs:
        names = _org_names(db, orgs)
        chosen = [e for e in named if e.org in names]
    joins = chosen or named or joins
    return min(joins, key=lambda e: e.earliest or "9999") if joins else None


def _org_names(db: sqlite3.Connection, orgs: frozenset[str]) -> set[str]:
    marks = ",".join("?" * len(orgs))
    rows = db.execute(f"SELECT name FROM entities WHERE id IN ({marks})", sorted(orgs))
    return {r[0] for r in rows}


def _names(db: sqlite3.Connection, person: str) -> tuple[str, ...]:
    rows = db.execute(
        "SELECT name FROM mentions WHERE entity = ? GROUP BY name ORDER BY MIN(rowid)",
        (person,),
    )
    return tuple(r[0] for r in rows)


def _titles(db: sqlite3.Connection, person: str) -> tuple[str, ...]:
    rows = db.execute(
        """SELECT title FROM mentions WHERE entity = ? AND title IS NOT NULL
           GROUP BY title ORDER BY MIN(rowid)""",
        (person,),
    )
    return tuple(r[0] for r in rows)


def _with_role(db: sqlite3.Connection, roles: tuple[str, ...]) -> set[str]:
    """Persons called by one of the titles, or stated to hold a post naming it."""
    found: set[str] = set()
    for role in roles:
        rows = db.execute(
            """SELECT entity FROM mentions WHERE title LIKE ? AND entity IS NOT NULL
               UNION SELECT person FROM events WHERE position LIKE ?""",
            (role, f"%{role}%"),
        )
        found |= {r[0] for r in rows}
    return found


def cohort(
    db: sqlite3.Connection, selection: Selection, rejected: frozenset[str] = frozenset()
) -> Cohort:
    """The persons the selection chooses, their rows, and the figures over them.

    ValueError names a period that is not a date.
    """
    where = EventFilter(selection.events, start=selection.start, end=selection.end)
    chosen: dict[str, list[Entry]] = {}
    for entry in find_events(db, where):
        if entry.id not in rejected and entry.stance != "denied":
            chosen.setdefault(entry.person_id, []).append(entry)
    orgs = organization_ids(db, selection.orgs)
    if selection.orgs:
        members = affiliated(db, orgs)
        chosen = {p: e for p, e in chosen.items() if p in members}
    if selection.roles:
        titled = _with_role(db, selection.roles)
        chosen = {p: e for p, e in chosen.items() if p in titled}
    rows = sorted(
        (_member(db, entries, orgs, rejected) for entries in chosen.values()),
        key=lambda m: (m.event.earliest or "9999", m.name),
    )
    return Cohort(selection, tuple(rows), figures(rows))
