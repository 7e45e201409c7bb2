"""IPIF's JSON objects (factoids, statements, persons, sources) from statement rows."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any

from kartoteka.ipif.select import Filters, Meta, factoid_refs, matching, reference

RESOURCES = ("factoids", "statements", "persons", "sources")
ONE = {
    "factoids": "factoidId",
    "statements": "statementId",
    "persons": "personId",
    "sources": "sourceId",
}


def _made(meta: Meta) -> dict[str, str]:
    return {"createdBy": meta.created_by, "createdWhen": meta.created_when}


def factoid(row: sqlite3.Row, meta: Meta) -> dict[str, Any]:
    """One statement of one source about one person."""
    return {**reference(row), **_made(meta)}


def _statement_type(row: sqlite3.Row) -> dict[str, str]:
    """The kind of statement; a stance other than asserted is said with it."""
    label = (
        row["kind"]
        if row["stance"] == "asserted"
        else f"{row['kind']} ({row['stance']})"
    )
    return {"label": label}


def statement(row: sqlite3.Row, meta: Meta) -> dict[str, Any]:
    """What the statement says, its words in the source, and a link to its span."""
    span = f"{meta.base}/doc/{row['document']}#{row['start']}-{row['end']}"
    found: dict[str, Any] = {
        "@id": row["id"],
        "uris": [span],
        "factoid-refs": [reference(row)],
        "statementType": _statement_type(row),
        "statementText": row["text"],
        **_made(meta),
    }
    if row["name"]:
        found["name"] = row["name"]
    if row["date"]:
        found["date"] = {"sortdate": row["earliest"], "label": row["date"]}
    if row["place"]:
        found["places"] = [{"label": row["place"]}]
    if row["role"]:
        found["role"] = {"label": row["role"]}
    if row["agent"]:
        found["relatesToPersons"] = [
            {"uri": f"{meta.base}/card/{row['agent']}", "label": row["agent_name"]}
        ]
    if row["org"]:
        found["memberOf"] = {
            "uri": f"{meta.base}/card/{row['org']}",
            "label": row["org_name"],
        }
    return found


def person(row: sqlite3.Row, refs: list[dict[str, Any]], meta: Meta) -> dict[str, Any]:
    """A person card, with every factoid about it."""
    return {
        "@id": row["person"],
        "label": row["person_name"],
        "uris": [f"{meta.base}/card/{row['person']}"],
        **_made(meta),
        "factoid-refs": refs,
    }


def source(row: sqlite3.Row, refs: list[dict[str, Any]], meta: Meta) -> dict[str, Any]:
    """A document, with every factoid taken from it."""
    return {
        "@id": row["document"],
        "label": row["title"] or row["file"],
        "uris": [f"{meta.base}/doc/{row['document']}"],
        **_made(meta),
        "factoid-refs": refs,
    }


def _objects(
    db: sqlite3.Connection, resource: str, rows: list[sqlite3.Row], meta: Meta
) -> list[dict[str, Any]]:
    if resource == "factoids":
        return [factoid(r, meta) for r in rows]
    if resource == "statements":
        return [statement(r, meta) for r in rows]
    column = "person" if resource == "persons" else "document"
    refs = factoid_refs(db, column, [r[column] for r in rows], meta)
    write = person if resource == "persons" else source
    return [write(r, refs.get(r[column], []), meta) for r in rows]


def listing(
    db: sqlite3.Connection,
    resource: str,
    filters: Filters,
    meta: Meta,
    size: int = 30,
    page: int = 1,
    sort_by: str | None = None,
) -> dict[str, Any]:
    """One page of a resource whose statements match the filters."""
    total, rows = matching(db, resource, filters, meta, size, page, sort_by)
    return {
        "protocol": {"size": size, "page": page, "totalHits": total},
        resource: _objects(db, resource, rows, meta),
    }


def get_one(
    db: sqlite3.Connection, resource: str, id: str, meta: Meta
) -> dict[str, Any] | None:
    """One factoid, statement, person or source by its id; None if there is none."""
    filters = replace(Filters(), **{ONE[resource]: id})
    _, rows = matching(db, resource, filters, meta, 1, 1, None)
    return _objects(db, resource, rows, meta)[0] if rows else None
