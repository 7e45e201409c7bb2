"""The front page: what the knowledge base holds, and its sources."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """One document with what was found in it."""

    id: str
    file: str
    title: str
    languages: list[str]
    words: int
    persons: int
    events: int


@dataclass(frozen=True)
class Overview:
    """Counts of the knowledge base and the list of its sources."""

    counts: dict[str, int]
    sources: list[Source]
    built: dict[str, str]


def overview(db: sqlite3.Connection) -> Overview:
    """How many cards, statements and sources there are, and which sources."""
    counts = {
        kind: n
        for kind, n in db.execute("SELECT type, COUNT(*) FROM entities GROUP BY type")
    }
    counts["events"] = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    counts["documents"] = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    persons = dict(
        db.execute(
            """SELECT document, COUNT(DISTINCT entity) FROM mentions
               WHERE type = 'person' GROUP BY document"""
        ).fetchall()
    )
    events = dict(
        db.execute("SELECT document, COUNT(*) FROM events GROUP BY document").fetchall()
    )
    sources = [
        Source(
            r["id"],
            r["file"],
            r["title"] or r["file"],
            json.loads(r["languages"] or "[]"),
            r["words"] or 0,
            persons.get(r["id"], 0),
            events.get(r["id"], 0),
        )
        for r in db.execute(
            """SELECT id, file, title, languages,
                      length(text) - length(replace(text, ' ', '')) + 1 AS words
               FROM documents ORDER BY file LIMIT 500"""
        )
    ]
    built = dict(db.execute("SELECT key, value FROM build").fetchall())
    return Overview(counts, sources, built)
