"""IPIF's filters, sorting and paging, applied in SQL to the statements."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kartoteka.edtf import bounds
from kartoteka.query import find_entities

STATEMENTS = """
WITH st AS (
  SELECT ev.id, ev.person, ev.document, ev.type AS kind, ev.date,
         ev.date_earliest AS earliest, ev.date_latest AS latest, ev.place,
         ev.position AS role, ev.stance, ev.agent, ev.org, NULL AS name,
         ev.evidence AS text, ev.start, ev.end
  FROM events ev
  UNION ALL
  SELECT 'name-' || m.id, m.entity, m.document, 'name', NULL, NULL, NULL, NULL,
         NULL, 'asserted', NULL, NULL, m.name, m.text, MIN(m.start), m.end
  FROM mentions m JOIN entities e ON e.id = m.entity AND e.type = 'person'
  GROUP BY m.entity, m.document, m.name)
"""
FROM = """FROM st JOIN entities p ON p.id = st.person
  JOIN documents d ON d.id = st.document
  LEFT JOIN entities a ON a.id = st.agent LEFT JOIN entities o ON o.id = st.org"""
SORTS = {
    "factoids": {
        "createdWhen": "d.file, st.start",
        "@id": "st.id",
        "date": "st.earliest",
    },
    "persons": {"createdWhen": "p.name", "@id": "p.id", "label": "p.name"},
    "sources": {"createdWhen": "d.file", "@id": "d.id", "label": "d.title"},
}
SORTS["statements"] = SORTS["factoids"]
MAX_SIZE = 500
OPEN = ("0001-01-01", "9999-12-31")  # the ends of an open date range


class FilterRefused(ValueError):
    """A filter or paging parameter this service cannot apply; says which."""


@dataclass(frozen=True)
class Filters:
    """IPIF's filter parameters (None: not given); `*` asks for any value."""

    personId: str | None = None
    p: str | None = None
    statementId: str | None = None
    st: str | None = None
    sourceId: str | None = None
    s: str | None = None
    f: str | None = None
    factoidId: str | None = None
    statementText: str | None = None
    relatesToPerson: str | None = None
    memberOf: str | None = None
    role: str | None = None
    name: str | None = None
    from_: str | None = None
    to: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class Meta:
    """What every object says about its making, and where the service lives."""

    base: str
    created_by: str
    created_when: str
    rejected: frozenset[str] = frozenset()


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


LIKE = " LIKE ? ESCAPE '\\'"


def _dates(start: str | None, end: str | None) -> tuple[str, str]:
    """The day range of `from` and `to`.

    Alone, a year or month (`1938`, `1938-06`) is its whole range and a day is
    the start (or the end) of an open one.
    """
    found = {}
    for key, value in (("from", start), ("to", end)):
        if value:
            span = bounds(value)
            if span is None:
                raise FilterRefused(f"'{key}' is not a date: {value!r}")
            found[key] = span
    first, last = found.get("from"), found.get("to")
    if first is None:
        assert last is not None
        first = last if last[0] != last[1] else (OPEN[0], OPEN[0])
    if last is None:
        last = first if first[0] != first[1] else (OPEN[1], OPEN[1])
    return first[0], last[1]


def _entity_clause(
    db: sqlite3.Connection, column: str, name: str, value: str, kind: str | None
) -> tuple[str, list[Any]]:
    """A statement's person, agent or organization named by id, spelling or words."""
    if value == "*":
        return f"{column} IS NOT NULL", []
    found = find_entities(db, value, kind=kind)
    # Only the cards the name fits best: "Genrikh Yagoda" is not every Genrikh.
    best = [r["id"] for r in found if r["hits"] == found[0]["hits"]] if found else []
    ids = [value, *best]
    return (
        f"({column} IN (SELECT value FROM json_each(?)) OR {name}{LIKE})",
        [json.dumps(ids), _like(value)],
    )


def _text_clause(column: str, value: str) -> tuple[str, list[Any]]:
    if value == "*":
        return f"{column} IS NOT NULL", []
    return f"{column}{LIKE}", [_like(value)]


Clause = tuple[str, list[Any]]


def _rejected(meta: Meta) -> str:
    """The statements a user rejected, as JSON for `json_each`: no view shows them."""
    return json.dumps(sorted(meta.rejected))


def _exact(filters: Filters) -> list[Clause]:
    """The filters by id: person, source, statement, factoid."""
    return [
        (f"{column} = ?", [value])
        for value, column in (
            (filters.personId, "st.person"),
            (filters.sourceId, "st.document"),
            (filters.statementId, "st.id"),
            (filters.factoidId, "st.id"),
        )
        if value
    ]


def _searches(filters: Filters, meta: Meta) -> list[Clause]:
    """The full-text filters: on persons (p), sources (s), factoids (f), statements."""
    found: list[Clause] = []
    if filters.p:
        found.append((f"(p.id{LIKE} OR p.name{LIKE})", [_like(filters.p)] * 2))
    if filters.s:
        found.append(
            (
                f"(d.id = ? OR d.file{LIKE} OR d.title{LIKE})",
                [filters.s, _like(filters.s), _like(filters.s)],
            )
        )
    if filters.f:
        made = filters.f.casefold() in meta.created_by.casefold()
        found.append(
            (f"(? OR st.id{LIKE} OR st.stance{LIKE})", [made, *[_like(filters.f)] * 2])
        )
    if filters.st:
        fields = (
            "st.text",
            "st.kind",
            "st.place",
            "st.role",
            "st.name",
            "st.date",
            "a.name",
            "o.name",
        )
        clause = "(" + " OR ".join(f"{c}{LIKE}" for c in fields) + ")"
        found.append((clause, [_like(filters.st)] * len(fields)))
    return found


def _fields(db: sqlite3.Connection, filters: Filters) -> list[Clause]:
    """The filters on a statement's content, people, organization, place, dates."""
    found = [
        _text_clause(column, value)
        for value, column in (
            (filters.statementText, "st.text"),
            (filters.role, "st.role"),
            (filters.place, "st.place"),
        )
        if value
    ]
    for value, column, name, kind in (
        (filters.relatesToPerson, "st.agent", "a.name", None),
        (filters.memberOf, "st.org", "o.name", "org"),
        (filters.name, "st.person", "st.name", "person"),
    ):
        if value:
            found.append(_entity_clause(db, column, name, value, kind))
    if filters.from_ or filters.to:
        dates = list(_dates(filters.from_, filters.to))
        found.append(("st.latest >= ? AND st.earliest <= ?", dates))
    return found


def where(db: sqlite3.Connection, filters: Filters, meta: Meta) -> Clause:
    """The SQL condition (and its parameters) of every filter given."""
    kept = ("st.id NOT IN (SELECT value FROM json_each(?))", [_rejected(meta)])
    clauses = [kept, *_exact(filters), *_searches(filters, meta), *_fields(db, filters)]
    return " AND ".join(c for c, _ in clauses), [p for _, ps in clauses for p in ps]


def order(resource: str, sort_by: str | None) -> str:
    """The SQL order of IPIF's `sortBy` (`field`, `field ASC`, `field DESC`)."""
    field, _, direction = (sort_by or "createdWhen").strip().partition(" ")
    column = SORTS[resource].get(field)
    direction = direction.strip().upper() or "ASC"
    if column is None or direction not in ("ASC", "DESC"):
        known = ", ".join(SORTS[resource])
        raise FilterRefused(f"cannot sort {resource} by {sort_by!r}; use {known}")
    tiebreak = {"persons": "p.id", "sources": "d.id"}.get(resource, "st.id")
    return f"{column} {direction}, {tiebreak}"


def paging(size: int, page: int) -> tuple[int, int]:
    """LIMIT and OFFSET of a page; refuses sizes past the bound."""
    if not 1 <= size <= MAX_SIZE or page < 1:
        raise FilterRefused(f"'size' must be 1 to {MAX_SIZE} and 'page' at least 1")
    return size, (page - 1) * size


def matching(
    db: sqlite3.Connection,
    resource: str,
    filters: Filters,
    meta: Meta,
    size: int,
    page: int,
    sort_by: str | None,
) -> tuple[int, list[sqlite3.Row]]:
    """The total and one page of statement rows, persons or sources that match."""
    condition, params = where(db, filters, meta)
    sort = order(resource, sort_by)
    limit, offset = paging(size, page)
    key = {"persons": "st.person", "sources": "st.document"}.get(resource, "st.id")
    total = db.execute(
        f"{STATEMENTS} SELECT COUNT(DISTINCT {key}) {FROM} WHERE {condition}", params
    ).fetchone()[0]
    rows = db.execute(
        f"""{STATEMENTS} SELECT st.*, p.name AS person_name, d.file, d.title,
            a.name AS agent_name, o.name AS org_name {FROM} WHERE {condition}
            GROUP BY {key} ORDER BY {sort} LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    ).fetchall()
    return total, rows


def factoid_refs(
    db: sqlite3.Connection, column: str, ids: Iterable[str], meta: Meta
) -> dict[str, list[dict[str, Any]]]:
    """Every factoid of each person (or source), as references, unfiltered."""
    rows = db.execute(
        f"""{STATEMENTS} SELECT st.id, st.person, st.document, st.{column} AS owner
            FROM st WHERE st.{column} IN (SELECT value FROM json_each(?))
            AND st.id NOT IN (SELECT value FROM json_each(?))
            ORDER BY st.document, st.start""",
        (json.dumps(list(ids)), _rejected(meta)),
    )
    refs: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        refs.setdefault(row["owner"], []).append(reference(row))
    return refs


def reference(row: sqlite3.Row) -> dict[str, Any]:
    """A FactoidRef: the factoid and the person, source and statement it joins."""
    return {
        "@id": row["id"],
        "person-ref": {"@id": row["person"]},
        "source-ref": {"@id": row["document"]},
        "statement-refs": [{"@id": row["id"]}],
    }
