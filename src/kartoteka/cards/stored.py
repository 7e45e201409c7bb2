"""Cards made once, when the knowledge base is written, and read by every page.

Making a major figure's card reads all its statements, the documents they cite
and the judgements behind its names: a tenth of a second and more on a large
knowledge base, on every first look. So the build makes every card once and
keeps it in the `cards` table, with its number of mentions (by which other
cards rank it among those that may be the same person); a page adds only what
follows from the curation file and from the cards around it (`curated`).

A curation decision makes again the cards it changes, the cards that show them
(their statements' agents and organizations, the persons named in their
statements, their relations) and the cards of statements rejected or restored
(`refresh_cards`). The timeline leaves out the statements rejected when the card
was made (those kept in `analysed`); a page asked with other rejections (the
curation file was edited by hand since) makes the card afresh.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from functools import cache
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from kartoteka.cards.card import Card, card, curated, made
from kartoteka.cards.relations import relation_citations
from kartoteka.curation import Decision, rejected_events

# What a page adds to a stored card: it follows from the curation file or from
# other cards, so it is never stored.
ADDED = ("conflicts", "disputed", "similar", "decisions", "status")


def store_cards(db: sqlite3.Connection, rejected: Collection[str] = ()) -> None:
    """Make and keep the card of every entity, the `rejected` statements left
    off its timeline."""
    db.execute("DELETE FROM cards")
    entities = [r[0] for r in db.execute("SELECT id FROM entities ORDER BY id")]
    _keep(db, entities, rejected)


def refresh_cards(
    db: sqlite3.Connection, changed: Iterable[str], rejected: Collection[str]
) -> None:
    """Make again the cards a decision changed (their ids before and after it),
    the cards that show them, and the cards whose statements were rejected or
    restored since the cards were made; call before the conflicts are refreshed,
    which keep `rejected` as the stored set."""
    before = _rejected_when_made(db)
    if before is None:
        store_cards(db, rejected)
        return
    changed = set(changed)
    again = changed | _showing(db, changed) | _owners(db, before ^ set(rejected))
    db.execute(
        "DELETE FROM cards WHERE entity IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(again)),),
    )
    _keep(db, sorted(again), rejected)


def stored_card(
    db: sqlite3.Connection, entity: str, decisions: Sequence[Decision] = ()
) -> Card | None:
    """The card of one entity as `card` makes it, read from the store where it
    can: made afresh when it is not stored or other statements are rejected."""
    rejected = rejected_events(decisions)
    row = db.execute("SELECT card FROM cards WHERE entity = ?", (entity,)).fetchone()
    if row is None or _rejected_otherwise(db, entity, rejected):
        return card(db, entity, decisions)
    kept: Card = decode(Card, json.loads(row[0]))
    return curated(db, kept, decisions)


def _keep(
    db: sqlite3.Connection, entities: Sequence[str], rejected: Collection[str]
) -> None:
    """Store the cards of these entities (those that still exist)."""
    counts = dict(
        db.execute(
            """SELECT entity, COUNT(*) FROM mentions
               WHERE entity IN (SELECT value FROM json_each(?)) GROUP BY entity""",
            (json.dumps(list(entities)),),
        ).fetchall()
    )
    rows = []
    cited = relation_citations(db, entities)
    with _named_columns(db):
        for entity in entities:
            found = made(db, entity, rejected, cited)
            if found is not None:
                rows.append((entity, counts.get(entity, 0), encode(found)))
    db.executemany("INSERT INTO cards VALUES (?, ?, ?)", rows)


@contextmanager
def _named_columns(db: sqlite3.Connection) -> Iterator[None]:
    """Rows by column name while the cards are made (a build's connection
    gives tuples)."""
    before = db.row_factory
    db.row_factory = sqlite3.Row
    try:
        yield
    finally:
        db.row_factory = before


def _rejected_when_made(db: sqlite3.Connection) -> set[str] | None:
    row = db.execute("SELECT rejected FROM analysed").fetchone()
    return None if row is None else set(json.loads(row[0]))


def _rejected_otherwise(
    db: sqlite3.Connection, entity: str, rejected: Collection[str]
) -> bool:
    """Whether the stored card was made with other statements of it rejected."""
    before = _rejected_when_made(db)
    if before is None:
        return True
    changed = before ^ set(rejected)
    return bool(changed) and entity in _owners(db, changed)


def _owners(db: sqlite3.Connection, statements: Collection[str]) -> set[str]:
    if not statements:
        return set()
    rows = db.execute(
        """SELECT DISTINCT person FROM events
           WHERE id IN (SELECT value FROM json_each(?))""",
        (json.dumps(sorted(statements)),),
    )
    return {r[0] for r in rows}


SHOWING = """
    SELECT person FROM events WHERE agent IN changed OR org IN changed
    UNION SELECT agent FROM events WHERE person IN changed AND agent IS NOT NULL
    UNION SELECT org FROM events WHERE person IN changed AND org IS NOT NULL
    UNION SELECT b FROM relations WHERE a IN changed
    UNION SELECT a FROM relations WHERE b IN changed
    UNION SELECT ev.person FROM mentions m JOIN events ev
          ON ev.document = m.document AND ev.start <= m.start
          AND m.start < ev.end AND m.end <= ev.end
          WHERE m.entity IN changed AND m.type = 'person'"""


def _showing(db: sqlite3.Connection, changed: set[str]) -> set[str]:
    """The cards whose stored parts name these cards: a statement's agent or
    organization, a person named in a statement, the other side of a relation,
    and the statements whose agent or organization they are."""
    if not changed:
        return set()
    rows = db.execute(
        "WITH changed AS (SELECT value FROM json_each(?))" + SHOWING,
        (json.dumps(sorted(changed)),),
    )
    return {r[0] for r in rows}


def encode(found: Card) -> str:
    """The stored parts of a card as JSON."""
    data = {k: v for k, v in _fields_of(found).items() if k not in ADDED}
    return json.dumps(
        data, default=_fields_of, ensure_ascii=False, separators=(",", ":")
    )


def _fields_of(value: Any) -> dict[str, Any]:
    """A dataclass's fields by name, for `json.dumps` to write (it goes into
    the values itself)."""
    kind: type = type(value)
    return {name: getattr(value, name) for name in _names(kind)}


@cache
def _names(kind: type) -> tuple[str, ...]:
    """The names of a dataclass's fields, found once per class: a build writes
    every card's tens of thousands of values."""
    return tuple(f.name for f in fields(kind))


@cache
def _hints(kind: type) -> dict[str, Any]:
    """The types of a dataclass's fields, by name."""
    names = {f.name for f in fields(kind)}
    return {k: v for k, v in get_type_hints(kind).items() if k in names}


def decode(kind: Any, data: Any) -> Any:
    """Rebuild a value of type `kind` (dataclasses, lists, dicts, optional
    values) from what `json.loads` read."""
    if is_dataclass(kind) and isinstance(kind, type):
        hints = _hints(kind)
        return kind(**{k: decode(hints[k], v) for k, v in data.items()})
    origin = get_origin(kind)
    if origin is list:
        return [decode(get_args(kind)[0], x) for x in data]
    if origin is dict:
        return {k: decode(get_args(kind)[1], v) for k, v in data.items()}
    if origin in (Union, UnionType) and data is not None:
        return decode(next(a for a in get_args(kind) if a is not type(None)), data)
    return data
