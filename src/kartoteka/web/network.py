"""The network page: one person's circle, the paths between two, and the ranking.

The page reads its form, asks analysis/ for the network the filters keep (cached
per filter, since every view of it shares one graph), and picks what to show:
the circle of the person asked for, or of the best connected one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from kartoteka.analysis.lineage import organization_ids
from kartoteka.analysis.networks import Hop, Network, Rank, TieFilter, tie_types
from kartoteka.query import find_entities


@dataclass(frozen=True)
class Query:
    """What the network form asks: whom to centre on, how far, which ties, a path."""

    person: str = ""
    depth: int = 1
    since: int | None = None
    until: int | None = None
    org: str = ""
    types: tuple[str, ...] = ()
    a: str = ""
    b: str = ""


@dataclass(frozen=True)
class Page:
    """Everything the template shows."""

    query: Query
    ego: Network
    centre_name: str
    paths: list[list[Hop]]
    path_note: str
    ranking: list[Rank]
    tie_types: list[str]
    names: dict[str, str]


def person_id(db: sqlite3.Connection, text: str) -> str | None:
    """A card id as given, or the person best matching a name."""
    text = text.strip()
    if not text:
        return None
    if db.execute("SELECT 1 FROM entities WHERE id = ?", (text,)).fetchone():
        return text
    found = find_entities(db, text, kind="person")
    return str(found[0]["id"]) if found else None


def tie_filter(db: sqlite3.Connection, query: Query) -> TieFilter:
    """The filter the form asks for; an organization stands for its lineage."""
    orgs = organization_ids(db, [query.org]) if query.org else frozenset()
    return TieFilter(query.since, query.until, orgs, frozenset(query.types))


def _paths(
    db: sqlite3.Connection, net: Network, query: Query
) -> tuple[list[list[Hop]], str]:
    if not (query.a and query.b):
        return [], ""
    a, b = person_id(db, query.a), person_id(db, query.b)
    if a is None or b is None:
        missing = query.a if a is None else query.b
        return [], f"No person matches “{missing}”."
    found = net.paths(a, b)
    if not found:
        return [], "No path of ties joins them with these filters."
    return found, ""


def page(
    db: sqlite3.Connection, query: Query, whole: Callable[[TieFilter], Network]
) -> Page:
    """The network page for a query; `whole` gives the (cached) filtered network."""
    net = whole(tie_filter(db, query))
    ranking = net.ranking(25)
    centre = person_id(db, query.person) if query.person else None
    if centre is None and ranking and not query.person:
        centre = ranking[0].node.id
    ego = net.ego(centre, query.depth) if centre else Network({}, ())
    name = net.nodes[centre].name if centre in net.nodes else query.person
    paths, note = _paths(db, net, query)
    shown = (
        set(ego.nodes)
        | {h.source for p in paths for h in p}
        | {h.target for p in paths for h in p}
    )
    names = {n: net.nodes[n].name for n in shown}
    return Page(query, ego, name, paths, note, ranking, tie_types(db), names)
