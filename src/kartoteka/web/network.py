"""The network of persons: who arrested, appointed, recalled or denounced whom.

Two kinds of ties, kept apart: an event with an agent (`X was arrested by Y`),
and two persons named in the evidence of one statement. Every tie keeps the
statement it comes from, so a click on it opens the source at the span.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Filter:
    """Which statements make ties: a range of years and an organization."""

    since: int | None = None
    until: int | None = None
    org: str = ""
    named: bool = True

    def sql(self) -> tuple[str, list[object]]:
        """A WHERE clause over `events ev` and its parameters."""
        clauses: list[str] = ["1"]
        params: list[object] = []
        if self.since is not None:
            clauses.append("CAST(substr(ev.date, 1, 4) AS INTEGER) >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append("CAST(substr(ev.date, 1, 4) AS INTEGER) <= ?")
            params.append(self.until)
        if self.since is not None or self.until is not None:
            clauses.append("ev.date GLOB '[0-9][0-9][0-9][0-9]*'")
        if self.org:
            clauses.append("ev.org = ?")
            params.append(self.org)
        return " AND ".join(clauses), params


@dataclass(frozen=True)
class Tie:
    """One edge: `source` did `type` to `target`, or both were named together."""

    source: str
    target: str
    kind: str
    type: str
    date: str | None
    weight: int
    href: str


@dataclass(frozen=True)
class Graph:
    """Nodes (persons with their number of ties) and the ties between them."""

    nodes: list[dict[str, Any]]
    ties: list[Tie]
    dropped: int

    def as_json(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "links": [asdict(t) for t in self.ties]}


def agent_ties(db: sqlite3.Connection, where: Filter) -> list[Tie]:
    """Events with an agent: the agent did the event's type to the person."""
    clause, params = where.sql()
    return [
        Tie(
            r["agent"],
            r["person"],
            "agent",
            r["type"],
            r["date"],
            1,
            f"/doc/{r['document']}#{r['start']}-{r['end']}",
        )
        for r in db.execute(
            f"""SELECT ev.agent, ev.person, ev.type, ev.date, ev.document, ev.start,
                       ev.end FROM events ev JOIN entities a ON a.id = ev.agent
                WHERE a.type = 'person' AND ev.agent != ev.person AND {clause}""",
            params,
        )
    ]


def named_ties(db: sqlite3.Connection, where: Filter) -> list[Tie]:
    """Persons named inside the evidence of another person's event, per pair."""
    clause, params = where.sql()
    pairs: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], sqlite3.Row] = {}
    for r in db.execute(
        f"""SELECT DISTINCT ev.id, ev.person, m.entity, ev.date, ev.document,
                   ev.start, ev.end FROM events ev
            JOIN mentions m ON m.document = ev.document AND m.start >= ev.start
                 AND m.start < ev.end AND m.end <= ev.end AND m.type = 'person'
            WHERE m.entity IS NOT NULL AND m.entity != ev.person AND {clause}""",
        params,
    ):
        a, b = sorted((r["person"], r["entity"]))
        pairs[a, b] += 1
        first.setdefault((a, b), r)
    return [
        Tie(
            a,
            b,
            "named",
            "named together",
            first[a, b]["date"],
            n,
            f"/doc/{first[a, b]['document']}#{first[a, b]['start']}-"
            f"{first[a, b]['end']}",
        )
        for (a, b), n in pairs.items()
    ]


def network(db: sqlite3.Connection, where: Filter, limit: int = 160) -> Graph:
    """The ties chosen by the filter, among the `limit` most connected persons."""
    ties = agent_ties(db, where) + (named_ties(db, where) if where.named else [])
    degree: Counter[str] = Counter()
    for tie in ties:
        degree[tie.source] += tie.weight
        degree[tie.target] += tie.weight
    kept = {node for node, _ in degree.most_common(limit)}
    ties = [t for t in ties if t.source in kept and t.target in kept]
    names = _names(db, kept)
    nodes = [
        {"id": node, "name": names.get(node, node), "degree": degree[node]}
        for node in sorted(kept, key=lambda n: (-degree[n], n))
    ]
    return Graph(nodes, ties, len(degree) - len(kept))


def _names(db: sqlite3.Connection, ids: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    chosen = sorted(ids)
    for at in range(0, len(chosen), 500):
        part = chosen[at : at + 500]
        marks = ",".join("?" * len(part))
        found.update(
            db.execute(
                f"SELECT id, name FROM entities WHERE id IN ({marks})", part
            ).fetchall()
        )
    return found
