"""Which organizations one name stands for across renamings: its lineage.

A historian asking for the NKVD means the service from the Cheka to the MGB and
the bodies inside it, not only statements that spell "NKVD". The gazetteer
(`data/organizations.yaml`) states predecessors, successors and parents; an
organization the gazetteer does not know stands for itself.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from kartoteka import data


def _ids(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]  # type: ignore[attr-defined]


@cache
def _gazetteer() -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, str]]:
    """Renamings (both ways), parts of each body, and every name to its id."""
    renamed: dict[str, set[str]] = defaultdict(set)
    parts: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for item in data.load("organizations.yaml"):
        org = item["id"]
        for other in _ids(item.get("predecessor")) + _ids(item.get("successor")):
            renamed[org].add(other)
            renamed[other].add(org)
        if item.get("part_of"):
            parts[item["part_of"]].add(org)
        for name in [org, item["name"], *item.get("names", [])]:
            names.setdefault(name.casefold(), org)
    return renamed, parts, names


def lineage(org: str) -> frozenset[str]:
    """The organization, its predecessors and successors, and the bodies within them."""
    renamed, parts, _ = _gazetteer()
    seen = {org}
    todo = [org]
    while todo:
        here = todo.pop()
        for other in renamed.get(here, set()) | parts.get(here, set()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return frozenset(seen)


def organization_ids(db: sqlite3.Connection, words: Iterable[str]) -> frozenset[str]:
    """The organization entities a user's words name, each with its lineage.

    A word is a gazetteer id or name ("nkvd", "Razvedupr") or part of the name of
    an organization card in the knowledge base.
    """
    _, _, names = _gazetteer()
    found: set[str] = set()
    for word in (w.strip() for w in words):
        if not word:
            continue
        known = names.get(word.casefold())
        cards = {
            r[0]
            for r in db.execute(
                """SELECT id FROM entities
                   WHERE type = 'org' AND (id = ? OR name LIKE ?)""",
                (word, f"%{word}%"),
            )
        }
        for org in cards | ({known} if known else set()):
            found |= lineage(org)
    return frozenset(found)


def affiliated(db: sqlite3.Connection, orgs: frozenset[str]) -> set[str]:
    """Persons with a statement that names one of `orgs` as their organization."""
    if not orgs:
        return set()
    marks = ",".join("?" * len(orgs))
    rows = db.execute(
        f"SELECT DISTINCT person FROM events WHERE org IN ({marks})", sorted(orgs)
    )
    return {r[0] for r in rows}
