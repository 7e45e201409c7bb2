"""A person's card as the web page shows it: the dossier and what surrounds it.

Names with the documents that use them, events with citations, the people the
events connect, the statements that contradict each other, cards that may be the
same person, and the users' decisions about the card. Every item keeps the file
and span it comes from. A long list is cut to what the page shows, with its
length, so that a major figure's card stays small enough to store and to read.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from kartoteka.analysis.conflicts import first_conflicts
from kartoteka.cards.relations import Tie, ties
from kartoteka.cards.statements import Group, group_statements
from kartoteka.cards.timeline import Timeline, timeline
from kartoteka.curation import (
    Decision,
    decisions_about,
    event_statuses,
    rejected_events,
)
from kartoteka.model import Conflict
from kartoteka.query import (
    CITED,
    Citation,
    Dossier,
    Link,
    citations,
    dossier,
    links,
)
from kartoteka.store import search_keys

USES = 3  # documents shown under each spelling of the name
CONNECTIONS = 25  # statements shown that tie the card to others
REASONS = 12  # reasons shown why the names are one card
CONFLICTS = 5  # conflicts shown on the card; the others are on the Conflicts page


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


@dataclass(frozen=True)
class Variant:
    """One spelling of the name: the first documents that use it, and how many do."""

    name: str
    uses: list[Use]
    documents: int


@dataclass
class Card:
    """Everything on a card page, each long list cut to what the page shows.

    The parts up to `surnames` (the search keys of its surnames, by which
    similar cards are found) follow from the knowledge base alone and are
    stored when it is written; the rest follow from the curation file or from
    the cards around this one, and are added when the page is asked for.
    """

    id: str
    name: str
    type: str
    statements: int
    sources: int
    variants: list[Variant]
    timeline: Timeline
    groups: list[Group]
    evidence: dict[str, str]
    connections: list[Connection]
    connected: int
    companions: list[Companion]
    relations: list[Tie]
    reasons: list[Link]
    reasoned: int
    surnames: list[str]
    conflicts: list[Conflict] = field(default_factory=list)
    disputed: int = 0
    similar: list[Similar] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    status: dict[str, Decision] = field(default_factory=dict)


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


def evidence(
    db: sqlite3.Connection, entity: str, among: Collection[str] | None = None
) -> dict[str, str]:
    """The whole sentence each of the person's statements (of those `among`
    them: the card shows a few) comes from."""
    return {
        r["id"]: shortened(r["evidence"])
        for r in db.execute(
            "SELECT id, evidence FROM events WHERE person = ?", (entity,)
        )
        if among is None or r["id"] in among
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
        f"""SELECT ev.*, d.file, p.name AS person_name, {CITED} FROM events ev
           JOIN documents d ON d.id = ev.document JOIN entities p ON p.id = ev.person
           LEFT JOIN citations c ON c.statement = ev.id
           WHERE ev.agent = ? AND ev.person != ev.agent
           ORDER BY COALESCE(ev.date, '9999'), d.file, ev.start""",
        (card.id,),
    ).fetchall()
    return found + _about(db, rows)


def _about(db: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[Connection]:
    """Statements as links to the persons they are about."""
    return [
        Connection(
            r["type"], r["person"], r["person_name"], r["date"], r["document"], c
        )
        for r, c in zip(rows, citations(db, rows), strict=True)
    ]


def members(db: sqlite3.Connection, org: str, limit: int = 200) -> list[Connection]:
    """Statements that name an organization, with the person each is about."""
    rows = db.execute(
        f"""SELECT ev.*, d.file, p.name AS person_name, {CITED} FROM events ev
           JOIN documents d ON d.id = ev.document
           JOIN entities p ON p.id = ev.person
           LEFT JOIN citations c ON c.statement = ev.id
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


def surname_keys(names: Iterable[str]) -> list[str]:
    """The search keys of the last word of each name: a card's surnames."""
    keys: set[str] = set()
    for name in names:
        words = name.split()
        if words:
            keys |= search_keys(words[-1])
    return sorted(keys)


def similar(
    db: sqlite3.Connection, entity: str, kind: str, keys: list[str], limit: int = 8
) -> list[Similar]:
    """Cards whose surnames share a search key with this card's: merge candidates
    (a card's weight is its number of mentions, as stored with the cards)."""
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    return [
        Similar(r["id"], r["name"], r["weight"], r["shared"])
        for r in db.execute(
            f"""SELECT e.id, e.name, COUNT(DISTINCT k.key) AS shared,
                   COALESCE(c.mentions, (SELECT COUNT(*) FROM mentions m
                                         WHERE m.entity = e.id)) AS weight
                FROM name_keys k JOIN entities e ON e.id = k.entity
                LEFT JOIN cards c ON c.entity = e.id
                WHERE k.key IN ({marks}) AND e.type = ? AND e.id != ?
                GROUP BY e.id ORDER BY shared DESC, weight DESC LIMIT ?""",
            [*keys, kind, entity, limit],
        )
    ]


def made(
    db: sqlite3.Connection,
    entity: str,
    rejected: Collection[str] = (),
    cited: Mapping[str, Citation] | None = None,
) -> Card | None:
    """What the knowledge base alone puts on the card of one entity (the
    timeline leaves out the rejected statements), or None if there is none;
    `cited` holds the citations of relations made once for many cards."""
    found = dossier(db, entity, named=False)
    if found is None:
        return None
    uses = variants(db, entity)
    groups = group_statements(found.facts)
    shown = {said.fact.id for g in groups for said in g.shown}
    said = evidence(db, entity, shown)
    linked = members(db, entity) if found.type == "org" else connections(db, found)
    reasons = links(db, entity)
    return Card(
        id=found.id,
        name=found.name,
        type=found.type,
        statements=len(found.facts),
        sources=len({u.document for us in uses.values() for u in us}),
        variants=[Variant(n, us[:USES], len(us)) for n, us in uses.items()],
        timeline=timeline(found.facts, frozenset(rejected)),
        groups=groups,
        evidence=said,
        connections=linked[:CONNECTIONS],
        connected=len(linked),
        companions=companions(db, entity),
        relations=ties(db, entity, cited),
        reasons=reasons[:REASONS],
        reasoned=len(reasons),
        surnames=surname_keys(uses),
    )


def curated(db: sqlite3.Connection, found: Card, decisions: Sequence[Decision]) -> Card:
    """The card with what the users decided about it, its conflicts, and the
    cards that may be the same."""
    mine = _decisions_about(db, found.id, decisions)
    rejected = rejected_events(decisions)
    shown, disputed = first_conflicts(db, found.id, rejected, CONFLICTS)
    return replace(
        found,
        conflicts=shown,
        disputed=disputed,
        similar=similar(db, found.id, found.type, found.surnames),
        decisions=mine,
        status=event_statuses(mine),
    )


def _decisions_about(
    db: sqlite3.Connection, entity: str, decisions: Sequence[Decision]
) -> list[Decision]:
    """The decisions naming this card's mentions (by file and name) or events."""
    if not decisions:
        return []
    names = json.dumps(sorted({r.name for d in decisions for r in (d.a, d.b) if r}))
    pairs = {
        (r[0], r[1])
        for r in db.execute(
            """SELECT DISTINCT d.file, m.name FROM mentions m
               JOIN documents d ON d.id = m.document WHERE m.entity = ?
               AND m.name IN (SELECT value FROM json_each(?))""",
            (entity, names),
        )
    }
    events = json.dumps(sorted({d.event for d in decisions if d.event}))
    ids = {
        r[0]
        for r in db.execute(
            """SELECT id FROM events WHERE person = ?
               AND id IN (SELECT value FROM json_each(?))""",
            (entity, events),
        )
    }
    return decisions_about(decisions, pairs, ids)


def card(
    db: sqlite3.Connection, entity: str, decisions: Sequence[Decision] = ()
) -> Card | None:
    """The whole card of one entity, made afresh, or None if there is no such card."""
    found = made(db, entity, rejected_events(decisions))
    return None if found is None else curated(db, found, decisions)
