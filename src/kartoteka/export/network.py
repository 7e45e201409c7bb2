"""The network the graph formats share: persons and organizations, and their ties.

Three sources of ties, each from statements with a span: a stated relation
(`a` is `type` of `b`), an event with an agent (the agent did `type` to the
person), and an event naming an organization (the person was `type` at or by
it). Statements of one kind and type between the same two nodes make one tie
whose weight counts them; its date and citation are those of the earliest.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from kartoteka.export import records
from kartoteka.export.records import Record

NODE_ATTRIBUTES: dict[str, str] = {
    "type": "string",
    "mentions": "integer",
    "documents": "integer",
    "born": "string",
    "born_year": "integer",
    "died": "string",
    "died_year": "integer",
    "fate": "string",
    "organizations": "string",
}
EDGE_ATTRIBUTES: dict[str, str] = {
    "kind": "string",
    "type": "string",
    "date": "string",
    "date_earliest": "string",
    "date_latest": "string",
    "year": "integer",
    "statements": "integer",
    "file": "string",
    "span_start": "integer",  # not `start` and `end`: Gephi reads those as time
    "span_end": "integer",
    "quote": "string",
}


@dataclass(frozen=True)
class Node:
    """A person or organization with the attributes a reader filters on."""

    id: str
    label: str
    attributes: dict[str, Any]


@dataclass(frozen=True)
class Tie:
    """A directed edge: `source` is `type` of (or did `type` to) `target`."""

    id: str
    source: str
    target: str
    weight: int
    attributes: dict[str, Any]


@dataclass(frozen=True)
class Network:
    nodes: tuple[Node, ...]
    ties: tuple[Tie, ...]


def network(db: sqlite3.Connection) -> Network:
    """The whole network of the knowledge base, every tie citing its source."""
    nodes = [_node(r, "person") for r in records.entities(db, "person")]
    nodes += [_node(r, "org") for r in records.entities(db, "org")]
    known = {node.id for node in nodes}
    statements = [
        *(("relation", r["a"], r["b"], r) for r in records.relations(db)),
        *_event_ties(records.events(db)),
    ]
    grouped: dict[tuple[str, str, str, str], list[Record]] = {}
    for kind, source, target, record in statements:
        if source in known and target in known and source != target:
            key = (kind, record["type"], source, target)
            grouped.setdefault(key, []).append(record)
    ties = [_tie(key, found) for key, found in sorted(grouped.items())]
    return Network(tuple(nodes), tuple(ties))


def _event_ties(
    events: list[Record],
) -> list[tuple[str, str, str, Record]]:
    found = []
    for event in events:
        if event["agent"]:
            found.append(("agent", event["agent"], event["person"], event))
        if event["org"] and event["org"] != event["agent"]:
            found.append(("organization", event["person"], event["org"], event))
    return found


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _node(record: Record, kind: str) -> Node:
    attributes = {
        "type": kind,
        "mentions": record["mentions"],
        "documents": record["documents"],
        "organizations": record["organizations"],
    }
    if kind == "person":
        attributes |= {
            "born": record["born"],
            "born_year": _year(record["born"]),
            "died": record["died"],
            "died_year": _year(record["died"]),
            "fate": record["fate"],
        }
    present = {k: v for k, v in attributes.items() if v not in (None, "")}
    return Node(record["id"], record["name"], present)


def _tie(key: tuple[str, str, str, str], found: list[Record]) -> Tie:
    kind, type_, source, target = key
    first = min(found, key=lambda r: (r["date_earliest"] or "9999", r["file"]))
    attributes = {
        "kind": kind,
        "type": type_,
        "date": first["date"],
        "date_earliest": first["date_earliest"],
        "date_latest": first["date_latest"],
        "year": _year(first["date_earliest"]),
        "statements": len(found),
        "file": first["file"],
        "span_start": first["start"],
        "span_end": first["end"],
        "quote": first["quote"],
    }
    present = {k: v for k, v in attributes.items() if v is not None}
    edge_id = f"{kind}:{type_}:{source}:{target}"
    return Tie(edge_id, source, target, len(found), present)
