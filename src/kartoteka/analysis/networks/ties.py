"""The ties between persons that the statements state, each with its statements.

Three kinds, kept apart because they say different things: `agent` (an event
with an agent: X had Y arrested, X appointed Y), `relation` (a tie the source
states between two persons: wife, deputy, recruited) and `named` (two persons
named in the evidence of one statement, a weaker tie kept as a separate type).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kartoteka.analysis.lineage import affiliated
from kartoteka.edtf import bounds
from kartoteka.query import quote

TIE_KINDS = ("agent", "relation", "named")
NAMED = "named together"


@dataclass(frozen=True)
class Statement:
    """A statement behind a tie: an event or a relation, at its span."""

    id: str
    type: str
    document: str
    file: str
    start: int
    end: int
    date: str | None
    quote: str
    org: str | None = None

    @property
    def href(self) -> str:
        return f"/doc/{self.document}#{self.start}-{self.end}"


@dataclass(frozen=True)
class Tie:
    """`source` did `type` to `target` (agent), is `type` of it (relation), or
    both were named together; with every statement that says so."""

    source: str
    target: str
    kind: str
    type: str
    statements: tuple[Statement, ...]

    @property
    def date(self) -> str | None:
        return next((s.date for s in self.statements if s.date), None)

    @property
    def weight(self) -> int:
        return len(self.statements)


@dataclass(frozen=True)
class TieFilter:
    """Which ties count: years their statements fall in, organizations, tie types.

    `orgs` are organization ids (with their lineage already added): a tie counts
    when its statement names one of them, or both persons have a statement that
    does. `types` are tie types (`arrested`, `spouse`, `named together`).
    """

    since: int | None = None
    until: int | None = None
    orgs: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()

    def dated(self, date: str | None) -> bool:
        """Whether a date meets the years; any date does when none are chosen."""
        if self.since is None and self.until is None:
            return True
        days = bounds(date)
        if days is None:
            return False
        first, last = int(days[0][:4]), int(days[1][:4])
        return (self.since is None or last >= self.since) and (
            self.until is None or first <= self.until
        )


def _statement(row: sqlite3.Row, kind: str = "") -> Statement:
    evidence = row["evidence"]
    return Statement(
        row["id"],
        kind or row["type"],
        row["document"],
        row["file"],
        row["start"],
        row["end"],
        row["date"],
        quote(evidence, 0, len(evidence), width=200),
        row["org"],
    )


def agent_ties(db: sqlite3.Connection) -> list[Tie]:
    """Events with an agent (a person or an organization), who did it to the person."""
    rows = db.execute(
        """SELECT ev.*, d.file FROM events ev JOIN documents d ON d.id = ev.document
           WHERE ev.agent IS NOT NULL AND ev.agent != ev.person
           AND ev.stance != 'denied' ORDER BY d.file, ev.start"""
    )
    return [
        Tie(r["agent"], r["person"], "agent", r["type"], (_statement(r),)) for r in rows
    ]


def relation_ties(db: sqlite3.Connection) -> list[Tie]:
    """Relations between persons: `a` is `type` of `b`."""
    rows = db.execute(
        """SELECT r.*, NULL AS org, d.file FROM relations r
           JOIN documents d ON d.id = r.document
           WHERE r.a != r.b AND r.stance != 'denied' ORDER BY d.file, r.start"""
    )
    return [Tie(r["a"], r["b"], "relation", r["type"], (_statement(r),)) for r in rows]


def named_ties(db: sqlite3.Connection) -> list[Tie]:
    """Persons named inside the evidence of another person's event, one tie a pair."""
    found: dict[tuple[str, str], dict[str, Statement]] = defaultdict(dict)
    for r in db.execute(
        """SELECT DISTINCT ev.id, ev.type, ev.person, m.entity, ev.date, ev.document,
                  d.file, ev.start, ev.end, ev.evidence, ev.org FROM events ev
           JOIN documents d ON d.id = ev.document
           JOIN mentions m ON m.document = ev.document AND m.start >= ev.start
                AND m.start < ev.end AND m.end <= ev.end AND m.type = 'person'
           WHERE m.entity IS NOT NULL AND m.entity != ev.person
           ORDER BY d.file, ev.start"""
    ):
        a, b = sorted((r["person"], r["entity"]))
        found[a, b].setdefault(r["id"], _statement(r))
    return [
        Tie(a, b, "named", NAMED, tuple(statements.values()))
        for (a, b), statements in found.items()
    ]


def _kept(tie: Tie, where: TieFilter, members: set[str]) -> Tie | None:
    """The tie with only the statements the filter keeps, or None."""
    if where.types and tie.type not in where.types:
        return None
    both = tie.source in members and tie.target in members
    statements = tuple(
        s
        for s in tie.statements
        if where.dated(s.date) and (not where.orgs or both or s.org in where.orgs)
    )
    if not statements:
        return None
    return Tie(tie.source, tie.target, tie.kind, tie.type, statements)


def ties(db: sqlite3.Connection, where: TieFilter) -> list[Tie]:
    """Every tie the filter keeps, stated ones (agent, relation) first."""
    members = affiliated(db, where.orgs)
    everything: Iterable[Tie] = agent_ties(db) + relation_ties(db) + named_ties(db)
    return [k for t in everything if (k := _kept(t, where, members)) is not None]


def tie_types(db: sqlite3.Connection) -> list[str]:
    """The tie types the knowledge base has, for a filter's choices."""
    rows = db.execute(
        """SELECT DISTINCT ev.type FROM events ev WHERE ev.agent IS NOT NULL
           UNION SELECT DISTINCT type FROM relations ORDER BY 1"""
    )
    return [r[0] for r in rows] + [NAMED]
