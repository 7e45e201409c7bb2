"""Data extension: the values of a card's properties, each a string or a card.

A value is what the statements on the card say (a date as EDTF, a post as its
date, position and organization); the same fact stated twice is one value.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

DEATHS = ("died", "executed", "killed", "suicide")


@dataclass(frozen=True)
class Property:
    """A property a card can be extended with, and the card types that have it."""

    id: str
    name: str
    description: str
    types: tuple[str, ...]


PROPERTIES = (
    Property(
        "born", "Born", "date of birth (EDTF) as the sources state it", ("person",)
    ),
    Property(
        "died",
        "Died",
        "date of death (EDTF), with how, when not a natural death",
        ("person",),
    ),
    Property(
        "posts",
        "Posts",
        "appointments: date, position and organization",
        ("person",),
    ),
    Property(
        "organizations",
        "Organizations",
        "organization cards the person's statements name",
        ("person",),
    ),
    Property(
        "names", "Names", "every name the sources use", ("person", "org", "place")
    ),
)

Value = dict[str, str]


def properties_of(type_: str | None) -> list[Property]:
    """The properties cards of one type have (all of them without a type)."""
    return [p for p in PROPERTIES if type_ is None or type_ in p.types]


def _strings(values: Iterable[str | None]) -> list[Value]:
    return [{"str": v} for v in dict.fromkeys(v for v in values if v)]


def _born(db: sqlite3.Connection, entity: str) -> list[Value]:
    rows = db.execute(
        """SELECT date FROM events WHERE person = ? AND type = 'born'
           AND date IS NOT NULL ORDER BY date""",
        (entity,),
    )
    return _strings(r["date"] for r in rows)


def _died(db: sqlite3.Connection, entity: str) -> list[Value]:
    rows = db.execute(
        f"""SELECT type, date FROM events WHERE person = ? AND date IS NOT NULL
            AND type IN ({",".join("?" * len(DEATHS))}) ORDER BY date""",
        (entity, *DEATHS),
    )
    return _strings(
        r["date"] if r["type"] == "died" else f"{r['date']} ({r['type']})" for r in rows
    )


def _posts(db: sqlite3.Connection, entity: str) -> list[Value]:
    rows = db.execute(
        """SELECT ev.date, ev.position, o.name AS org FROM events ev
           LEFT JOIN entities o ON o.id = ev.org
           WHERE ev.person = ? AND ev.type = 'appointed'
           AND (ev.position IS NOT NULL OR ev.org IS NOT NULL)
           ORDER BY COALESCE(ev.date, '9999'), ev.start""",
        (entity,),
    )
    return _strings(
        ", ".join(p for p in (r["date"], r["position"], r["org"]) if p) for r in rows
    )


def _organizations(db: sqlite3.Connection, entity: str) -> list[Value]:
    rows = db.execute(
        """SELECT o.id, o.name FROM events ev JOIN entities o ON o.id = ev.org
           WHERE ev.person = ? GROUP BY o.id ORDER BY COUNT(*) DESC, o.name""",
        (entity,),
    )
    return [{"id": r["id"], "name": r["name"]} for r in rows]


def _names(db: sqlite3.Connection, entity: str) -> list[Value]:
    rows = db.execute(
        """SELECT name FROM mentions WHERE entity = ? GROUP BY name
           ORDER BY COUNT(*) DESC, MIN(rowid)""",
        (entity,),
    )
    return _strings(r["name"] for r in rows)


READERS: dict[str, Callable[[sqlite3.Connection, str], list[Value]]] = {
    "born": _born,
    "died": _died,
    "posts": _posts,
    "organizations": _organizations,
    "names": _names,
}


def extend(
    db: sqlite3.Connection, ids: Iterable[str], wanted: Iterable[str]
) -> dict[str, dict[str, list[Value]]]:
    """For each card id, the values of each wanted property (unknown ones: none)."""
    wanted = list(wanted)
    rows: dict[str, dict[str, list[Value]]] = {}
    for entity in ids:
        known = db.execute("SELECT 1 FROM entities WHERE id = ?", (entity,)).fetchone()
        rows[entity] = {
            pid: READERS[pid](db, entity) if known and pid in READERS else []
            for pid in wanted
        }
    return rows
