"""A person's card as the web page shows it: the dossier and what surrounds it.

Names with the documents that use them, events with citations, the people the
events connect, the statements that contradict each other, cards that may be the
same person, and the users' decisions about the card. Every item keeps the file
and span it comes from.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from kartoteka.analysis.relations import Tie, ties
from kartoteka.analysis.stored import stored_conflicts
from kartoteka.curation import (
    Decision,
    decisions_about,
    event_statuses,
    rejected_events,
)
from kartoteka.model import Conflict
from kartoteka.query import Citation, Dossier, Link, cite, dossier, links, sources
from kartoteka.store import search_keys
from kartoteka.web.statements import Group, group_statements
from kartoteka.web.timeline import Timeline, timeline


@dataclass(frozen=True)
class Use:
    """Where one spelling of the name occurs: a document and its first occurrence."""

    file: str
    document: str
    start: int
    end: int
    count: int


@dataclass(frozen=True)
class Connection:
    """Another card tied to this one by an event, with the statement that says so."""

    relation: str
    other: str
    other_name: str
    date: str | None
    document: str
    citation: Citation


@dataclass(frozen=True)
class Companion:
    """A person named in the same statements as this one, and how often."""

    id: str
    name: str
    statements: int


@dataclass(frozen=True)
class Similar:
    """Another card of the same type whose names share a key with this one."""

    id: str
    name: str
    mentions: int
    shared: int


@dataclass
class Card:
    """Everything on a card page."""

    dossier: Dossier
    variants: dict[str, list[Use]]
    timeline: Timeline
    connections: list[Connection]
    companions: list[Companion]
    conflicts: list[Conflict]
    similar: list[Similar]
    reasons: list[Link]
    evidence: dict[str, str] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    status: dict[str, Decision] = field(default_factory=dict)
    sources: int = 0
    relations: list[Tie] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


def variants(db: sqlite3.Connection, entity: str) -> dict[str, list[Use]]:
    """Every spelling on the card, with the documents using it, first use first
    (the end and order of a use are those of the row with the smallest start)."""
    found: dict[str, list[Use]] = defaultdict(list)
    for r in db.execute(
        """SELECT u.*, d.file FROM (
               SELECT name, document, MIN(start) AS start, end, rowid AS seen,
                      COUNT(*) AS n
               FROM mentions WHERE entity = ? GROUP BY name, document) u
           JOIN documents d ON d.id = u.document ORDER BY u.seen""",
        (entity,),
    ):
        found[r["name"]].append(
            Use(r["file"], r["document"], r["start"], r["end"], r["n"])
        )
    return dict(found)


def shortened(text: str, limit: int = 700) -> str:
    """The words of a span on one line, cut at a word boundary when very long."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0] + " …"


def evidence(db: sqlite3.Connection, entity: str) -> dict[str, str]:
    """The whole sentence each of the person's statements comes from."""
    return {
        r["id"]: shortened(r["evidence"])
        for r in db.execute(
            "SELECT id, evidence FROM events WHERE person = ?", (entity,)
        )
    }


def connections(db: sqlite3.Connection, card: Dossier) -> list[Connection]:
    """Who did something to this person, and to whom this person did something."""
    found = [
        Connection(
            f"{f.type} by", f.agent_id, f.agent or "", f.date, f.document, f.citation
        )
        for f in card.facts
        if f.agent_id and f.agent_id != card.id
    ]
    rows = db.execute(
        """SELECT ev.*, d.file, p.name AS person_name FROM events ev
           JOIN documents d ON d.id = ev.document JOIN entities p ON p.id = ev.person
           WHERE ev.agent = ? AND ev.person != ev.agent
           ORDER BY COALESCE(ev.date, '9999'), d.file, ev.start""",
        (card.id,),
    ).fetchall()
    return found + _about(db, rows)


def _about(db: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[Connection]:
    """Statements as links to the persons they are about."""
    read = sources(db, (r["document"] for r in rows))
    return [
        Connection(
            r["type"],
            r["person"],
            r["person_name"],
            r["date"],
            r["document"],
            cite(r["file"], read[r["document"]].text, r["start"], r["end"]),
        )
        for r in rows
    ]


def members(db: sqlite3.Connection, org: str, limit: int = 200) -> list[Connection]:
    """Statements that name an organization, with the person each is about."""
    rows = db.execute(
        """SELECT ev.*, d.file, p.name AS person_name FROM events ev
           JOIN documents d ON d.id = ev.document
           JOIN entities p ON p.id = ev.person
           WHERE ev.org = ? ORDER BY COALESCE(ev.date, '9999'), d.file, ev.start
           LIMIT ?""",
        (org, limit),
    ).fetchall()
    return _about(db, rows)


def companions(db: sqlite3.Connection, entity: str, limit: int = 12) -> list[Companion]:
    """Persons named inside the evidence of this person's events, most often first."""
    return [
        Companion(r["entity"], r["name"], r["n"])
        for r in db.execute(
            """SELECT m.entity, e.name, COUNT(DISTINCT ev.id) AS n FROM events ev
               JOIN mentions m ON m.document = ev.document AND m.start >= ev.start
                    AND m.start < ev.end AND m.end <= ev.end AND m.type = 'person'
               JOIN entities e ON e.id = m.entity
               WHERE ev.person = ? AND m.entity != ?
               GROUP BY m.entity ORDER BY n DESC, e.name LIMIT ?""",
            (entity, entity, limit),
        )
    ]


def similar(
    db: sqlite3.Connection, entity: str, kind: str, names: list[str], limit: int = 8
) -> list[Similar]:
    """Cards whose surnames share a search key with this card's: merge candidates."""
    keys: set[str] = set()
    for name in names:
        words = name.split()
        if words:
            keys |= search_keys(words[-1])
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    return [
        Similar(r["id"], r["name"], r["weight"], r["shared"])
        for r in db.execute(
            f"""SELECT e.id, e.name, COUNT(DISTINCT k.key) AS shared,
                   (SELECT COUNT(*) FROM mentions m WHERE m.entity = e.id) AS weight
                FROM name_keys k JOIN entities e ON e.id = k.entity
                WHERE k.key IN ({marks}) AND e.type = ? AND e.id != ?
                GROUP BY e.id ORDER BY shared DESC, weight DESC LIMIT ?""",
            [*sorted(keys), kind, entity, limit],
        )
    ]


def card(
    db: sqlite3.Connection, entity: str, decisions: Sequence[Decision] = ()
) -> Card | None:
    """The whole card of one entity, or None if there is no such card."""
    found = dossier(db, entity)
    if found is None:
        return None
    uses = variants(db, entity)
    pairs = {(u.file, name) for name, us in uses.items() for u in us}
    mine = decisions_about(decisions, pairs, {f.id for f in found.facts})
    status = event_statuses(mine)
    rejected = rejected_events(mine)
    return Card(
        dossier=found,
        variants=uses,
        timeline=timeline(found.facts, rejected),
        connections=(
            members(db, entity) if found.type == "org" else connections(db, found)
        ),
        companions=companions(db, entity),
        conflicts=stored_conflicts(db, entity, rejected_events(decisions)),
        similar=similar(db, entity, found.type, list(uses)),
        reasons=links(db, entity),
        evidence=evidence(db, entity),
        decisions=mine,
        status=status,
        sources=len({u.document for us in uses.values() for u in us}),
        relations=ties(db, entity),
        groups=group_statements(found.facts),
    )
