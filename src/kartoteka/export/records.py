"""The knowledge base as flat records, one list per table, for every export format.

Each record that states something carries its citation: the file, the span
(`start`, `end` into the document's text) and the full quote, never cut.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

from kartoteka.analysis.conflicts import stored_conflicts
from kartoteka.edtf import bounds

Record = dict[str, Any]
DEATHS = ("died", "executed", "killed", "suicide")


def rows(
    db: sqlite3.Connection, sql: str, params: tuple[str, ...] = ()
) -> list[Record]:
    """The rows of a query as plain dicts."""
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def documents(db: sqlite3.Connection) -> list[Record]:
    """Each source file: its id, file name, title, format, languages, length."""
    found = rows(
        db,
        """SELECT id, file, title, format, languages, length(text) AS characters
           FROM documents ORDER BY file""",
    )
    for record in found:
        record["languages"] = " ".join(json.loads(record["languages"] or "[]"))
    return found


def names(db: sqlite3.Connection) -> list[Record]:
    """Every surface form of every card, where it stands: one record per mention."""
    return rows(
        db,
        """SELECT m.entity, e.type AS entity_type, e.name AS entity_name,
                  m.name, m.text, m.language, d.file, m.document, m.start, m.end
           FROM mentions m JOIN entities e ON e.id = m.entity
           JOIN documents d ON d.id = m.document
           ORDER BY e.type, e.name, e.id, d.file, m.start""",
    )


def events(db: sqlite3.Connection) -> list[Record]:
    """Every event statement with the names of who it involves and its full quote."""
    return rows(
        db,
        """SELECT ev.id, ev.type, ev.person, p.name AS person_name, ev.date,
                  ev.date_earliest, ev.date_latest, ev.date_inferred, ev.stance,
                  ev.agent, a.name AS agent_name, ev.org, o.name AS org_name,
                  ev.place, ev.position, ev.reporter, ev.reporter_entity,
                  d.file, ev.document, ev.start, ev.end, ev.evidence AS quote
           FROM events ev JOIN documents d ON d.id = ev.document
           JOIN entities p ON p.id = ev.person
           LEFT JOIN entities a ON a.id = ev.agent
           LEFT JOIN entities o ON o.id = ev.org
           ORDER BY d.file, ev.start, ev.type""",
    )


def relations(db: sqlite3.Connection) -> list[Record]:
    """Every stated tie between two persons: `a` is `type` of `b`, with its quote."""
    found = rows(
        db,
        """SELECT r.id, r.type, r.a, pa.name AS a_name, r.b, pb.name AS b_name,
                  r.date, r.stance, d.file, r.document, r.start, r.end,
                  r.evidence AS quote
           FROM relations r JOIN documents d ON d.id = r.document
           JOIN entities pa ON pa.id = r.a JOIN entities pb ON pb.id = r.b
           ORDER BY d.file, r.start, r.type""",
    )
    for record in found:
        found_bounds = bounds(record["date"]) if record["date"] else None
        record["date_earliest"], record["date_latest"] = found_bounds or (None, None)
    return found


def conflict_claims(db: sqlite3.Connection) -> list[Record]:
    """Each claim of each conflict, one record per claim.

    `quote` is the claim's span (for a count, the number and its noun) and
    `sentence` the whole sentence it stands in.
    """
    sources = {
        file: (document, text)
        for document, file, text in db.execute("SELECT id, file, text FROM documents")
    }
    return [
        {
            "conflict": conflict.id,
            "about": conflict.about,
            "about_name": conflict.name,
            "kind": conflict.kind,
            "question": conflict.question,
            "statement": claim.statement,
            "value": claim.value,
            "stance": claim.stance,
            "reporter": claim.reporter,
            "file": claim.file,
            "document": sources[claim.file][0],
            "start": claim.start,
            "end": claim.end,
            "quote": sources[claim.file][1][claim.start : claim.end],
            "sentence": claim.evidence,
        }
        for conflict in stored_conflicts(db)
        for claim in conflict.claims
    ]


def entities(db: sqlite3.Connection, kind: str) -> list[Record]:
    """The cards of one type with what a reader filters on, and where first named.

    `born` and `died` are EDTF dates of the earliest statement of each; `fate`
    is the type of that death statement (executed, suicide ...).
    """
    found = rows(
        db,
        """SELECT e.id, e.name, COUNT(*) AS mentions,
                  COUNT(DISTINCT m.document) AS documents
           FROM entities e JOIN mentions m ON m.entity = e.id
           WHERE e.type = ? GROUP BY e.id ORDER BY e.name, e.id""",
        (kind,),
    )
    variants = _variants(db)
    first = _first_mentions(db)
    lives = _lives(db)
    orgs = _organizations(db)
    for record in found:
        record["names"] = "; ".join(variants[record["id"]])
        record.update({"born": None, "died": None, "fate": None})
        record.update(lives.get(record["id"], {}))
        record["organizations"] = "; ".join(orgs[record["id"]])
        record.update(first[record["id"]])
    return found


def _variants(db: sqlite3.Connection) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for entity, name in db.execute(
        "SELECT entity, name FROM mentions WHERE entity IS NOT NULL "
        "GROUP BY entity, name ORDER BY entity, MIN(rowid)"
    ):
        found[entity].append(name)
    return found


def _first_mentions(db: sqlite3.Connection) -> dict[str, Record]:
    """Where each card is first named: file, span and the words there.

    Rows come last-first, so the first mention is the one left standing.
    """
    found: dict[str, Record] = {}
    for record in rows(
        db,
        """SELECT m.entity, d.file, m.document, m.start, m.end, m.text AS quote
           FROM mentions m JOIN documents d ON d.id = m.document
           WHERE m.entity IS NOT NULL ORDER BY d.file DESC, m.start DESC""",
    ):
        found[record.pop("entity")] = record
    return found


def _lives(db: sqlite3.Connection) -> dict[str, Record]:
    """Birth and death dates of each person, from the earliest dated statement."""
    found: dict[str, Record] = defaultdict(dict)
    kinds = ("born", *DEATHS)
    for person, kind, date in db.execute(
        f"""SELECT person, type, date FROM events
            WHERE date IS NOT NULL AND type IN ({", ".join("?" * len(kinds))})
            ORDER BY date_earliest DESC, type DESC""",
        kinds,
    ):  # latest first, so the earliest statement is the one left standing
        if kind == "born":
            found[person]["born"] = date
        else:
            found[person]["died"] = date
            found[person]["fate"] = kind
    return found


def _organizations(db: sqlite3.Connection) -> dict[str, list[str]]:
    """The organizations each person's statements name, earliest dated first."""
    found: dict[str, list[str]] = defaultdict(list)
    for person, org in db.execute(
        """SELECT ev.person, o.name FROM events ev JOIN entities o ON o.id = ev.org
           GROUP BY ev.person, o.id ORDER BY ev.person, MIN(ev.date_earliest), o.name"""
    ):
        found[person].append(org)
    return found
