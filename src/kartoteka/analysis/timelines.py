"""Events in time: one person's timeline, and a table of events across people.

Both read the events table and order by the earliest and latest day each date
allows, so `1938`, `1938-06` and `1938-06-13` sort together and an undated
statement comes last. Every entry keeps its citation (file, line, quote), its
stance and reporter, and says when its date was inferred from the story.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from kartoteka.edtf import bounds, describe, is_uncertain
from kartoteka.query import Citation, cite, find_entities

CSV_COLUMNS = (
    "date",
    "earliest",
    "latest",
    "date_inferred",
    "type",
    "person",
    "person_id",
    "agent",
    "org",
    "place",
    "position",
    "stance",
    "reporter",
    "file",
    "line",
    "start",
    "end",
    "quote",
)


@dataclass(frozen=True)
class Entry:
    """One event as a reader sees it: what, when, about whom, how sure, and where."""

    id: str
    type: str
    date: str | None
    earliest: str | None
    latest: str | None
    inferred: bool
    person: str
    person_id: str
    agent: str | None
    org: str | None
    place: str | None
    position: str | None
    stance: str
    reporter: str | None
    citation: Citation
    document: str = ""

    @property
    def when(self) -> str:
        """The date for a reader: "(no date)", "about 1936", "1937 (inferred)"."""
        if self.date is None:
            return "(no date)"
        text = describe(self.date)
        return f"{text} (inferred)" if self.inferred else text

    @property
    def uncertain(self) -> bool:
        """Whether the date is approximate, uncertain, inferred or a span of days
        the source does not narrow down (an interval)."""
        if self.date is None:
            return True
        return self.inferred or is_uncertain(self.date) or "/" in self.date


@dataclass(frozen=True)
class EventFilter:
    """Which events a table shows; empty fields do not filter.

    `person` is a name in any spelling or script, or a card id.
    `start` and `end` are EDTF dates (`1937`, `1937-06`): an event is shown when
    the days its date allows meet that period; undated events are then left out.
    """

    types: tuple[str, ...] = ()
    org: str | None = None
    place: str | None = None
    person: str | None = None
    start: str | None = None
    end: str | None = None


SELECT = """
    SELECT ev.*, d.file, d.text, p.name AS person_name, a.name AS agent_name,
           o.name AS org_name,
           (SELECT note FROM passages n WHERE n.document = ev.document
              AND n.kind = 'footnote' AND n.start <= ev.start AND ev.end <= n.end)
           AS note
    FROM events ev JOIN documents d ON d.id = ev.document
    JOIN entities p ON p.id = ev.person
    LEFT JOIN entities a ON a.id = ev.agent LEFT JOIN entities o ON o.id = ev.org
"""
ORDER = """
    ORDER BY ev.date_earliest IS NULL, ev.date_earliest, ev.date_latest,
             d.file, ev.start, ev.type"""


def _entry(row: sqlite3.Row) -> Entry:
    text = row["text"]
    citation = cite(
        row["file"], text, row["start"], row["end"], width=120, note=row["note"]
    )
    return Entry(
        id=row["id"],
        type=row["type"],
        date=row["date"],
        earliest=row["date_earliest"],
        latest=row["date_latest"],
        inferred=bool(row["date_inferred"]),
        person=row["person_name"],
        person_id=row["person"],
        agent=row["agent_name"],
        org=row["org_name"],
        place=row["place"],
        position=row["position"],
        stance=row["stance"],
        reporter=row["reporter"],
        citation=citation,
        document=row["document"],
    )


def timeline(db: sqlite3.Connection, entity_id: str) -> list[Entry]:
    """A person's events in the order they happened, undated ones last."""
    rows = db.execute(SELECT + " WHERE ev.person = ?" + ORDER, (entity_id,))
    return [_entry(row) for row in rows]


def _period(start: str | None, end: str | None) -> tuple[str, str] | None:
    """The days a --from/--to pair covers; ValueError names the bad date."""
    if start is None and end is None:
        return None
    first = bounds(start) if start else ("0001-01-01", "0001-01-01")
    last = bounds(end) if end else ("9999-12-31", "9999-12-31")
    for given, found in ((start, first), (end, last)):
        if given is not None and found is None:
            raise ValueError(f"not a date: {given!r} (write it as 1937, 1937-06, ...)")
    assert first is not None and last is not None
    return first[0], last[1]


def person_ids(db: sqlite3.Connection, name: str) -> list[str]:
    """The person cards a name stands for, in any spelling or script (`Ежов`,
    `Ezhov`, `Yezhov`): those matching as many of its words as the best one."""
    matches = find_entities(db, name, kind="person")
    if not matches:
        return []
    return [m["id"] for m in matches if m["hits"] == matches[0]["hits"]]


def find_events(db: sqlite3.Connection, where: EventFilter) -> list[Entry]:
    """Events across people, filtered by type, organization, place, person, period."""
    clauses: list[str] = []
    params: list[str] = []
    if where.types:
        clauses.append(f"ev.type IN ({','.join('?' * len(where.types))})")
        params.extend(where.types)
    if where.org:
        clauses.append("(o.name LIKE ? OR ev.org = ?)")
        params.extend((f"%{where.org}%", where.org))
    if where.place:
        clauses.append("ev.place LIKE ?")
        params.append(f"%{where.place}%")
    if where.person:
        ids = [where.person, *person_ids(db, where.person)]
        clauses.append(f"ev.person IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    period = _period(where.start, where.end)
    if period is not None:
        clauses.append("ev.date_latest >= ? AND ev.date_earliest <= ?")
        params.extend(period)
    sql = SELECT + (" WHERE " + " AND ".join(clauses) if clauses else "") + ORDER
    return [_entry(row) for row in db.execute(sql, params)]


def write_csv(entries: Iterable[Entry], out: TextIO) -> None:
    """Entries as CSV with a header row, one event per row."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow(
            (
                e.date or "",
                e.earliest or "",
                e.latest or "",
                "yes" if e.inferred else "",
                e.type,
                e.person,
                e.person_id,
                e.agent or "",
                e.org or "",
                e.place or "",
                e.position or "",
                e.stance,
                e.reporter or "",
                e.citation.file,
                e.citation.line,
                e.citation.start,
                e.citation.end,
                e.citation.quote,
            )
        )
