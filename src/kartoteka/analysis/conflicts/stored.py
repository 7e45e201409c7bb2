"""Conflicts found once, when the knowledge base is written, and read by every view.

Finding a person's conflicts reads again every passage that names the person
(the accounts of a death): seconds for a major figure of a large knowledge base.
So the build finds them all once and keeps them in the `conflicts` table, with
the rejected statements it left out (`analysed`). A curation decision finds the
conflicts of the cards it changes again (`refresh`). A view asked about other
rejected statements than the stored ones (the curation file was edited by hand
since) finds the conflicts of the cards they concern afresh: those owning a
rejected event, or standing in a stored conflict with a rejected account or
figure (leaving out a statement no conflict cites makes no new conflict).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import asdict
from typing import Any

from kartoteka.analysis.conflicts.names import name_conflicts
from kartoteka.analysis.conflicts.statements import DEATH, conflicts
from kartoteka.model import Claim, Conflict


def analyse(db: sqlite3.Connection, rejected: Collection[str] = ()) -> None:
    """Find and keep every conflict, leaving out the rejected statements."""
    found = conflicts(db, None, rejected)
    db.execute("DELETE FROM conflicts")
    db.execute("DELETE FROM analysed")
    _keep(db, found)
    db.execute("INSERT INTO analysed VALUES (?)", (json.dumps(sorted(rejected)),))


def refresh(
    db: sqlite3.Connection, entities: Iterable[str], rejected: Collection[str]
) -> None:
    """Find again the conflicts of these cards (a merge or split changed them),
    of the persons whose deaths their documents tell, and of the cards other
    rejected statements concern; then keep `rejected` as the stored set."""
    stale = _stale(db, frozenset(rejected))
    if stale is None:
        analyse(db, rejected)
        return
    changed = set(entities)
    stale |= changed | _deaths_told_beside(db, changed) | _filed_elsewhere(db, changed)
    db.execute(
        "DELETE FROM conflicts WHERE about IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(stale)),),
    )
    names = name_conflicts(db)  # of every card, read once for all
    for entity in sorted(stale):
        if db.execute("SELECT 1 FROM entities WHERE id = ?", (entity,)).fetchone():
            _keep(db, _own(db, entity, rejected, names))
    db.execute("UPDATE analysed SET rejected = ?", (json.dumps(sorted(rejected)),))


def stored_conflicts(
    db: sqlite3.Connection, entity: str | None = None, rejected: Collection[str] = ()
) -> list[Conflict]:
    """Every conflict about one entity (or all), leaving out the rejected
    statements: as `conflicts` finds them, read from the store where it can."""
    skip = frozenset(rejected)
    stale = _stale(db, skip)
    if stale is None:
        return conflicts(db, entity, skip)
    if entity is not None:
        return conflicts(db, entity, skip) if entity in stale else _read(db, entity)
    kept = [c for c in _read(db) if c.about not in stale]
    fresh = [c for about in sorted(stale) for c in _own(db, about, skip)]
    return sorted([*kept, *fresh], key=lambda c: (c.name, c.kind, c.question))


def first_conflicts(
    db: sqlite3.Connection, entity: str, rejected: Collection[str], limit: int
) -> tuple[list[Conflict], int]:
    """The first `limit` conflicts of `stored_conflicts` about one card, and how
    many it has: a card shows a few, and a major figure's are many."""
    skip = frozenset(rejected)
    stale = _stale(db, skip)
    if stale is None or entity in stale:
        found = stored_conflicts(db, entity, skip)
        return found[:limit], len(found)
    count = db.execute("SELECT COUNT(*) FROM conflicts WHERE card = ?", (entity,))
    rows = db.execute(
        """SELECT conflict FROM conflicts WHERE card = ? ORDER BY
           json_extract(conflict, '$.name'), json_extract(conflict, '$.kind'),
           json_extract(conflict, '$.question'), rowid LIMIT ?""",
        (entity, limit),
    )
    return [_conflict(json.loads(r[0])) for r in rows], count.fetchone()[0]


def _stale(db: sqlite3.Connection, rejected: frozenset[str]) -> set[str] | None:
    """The cards whose stored conflicts another set of rejected statements may
    change; None when nothing is stored."""
    row = db.execute("SELECT rejected FROM analysed").fetchone()
    if row is None:
        return None
    changed = rejected ^ frozenset(json.loads(row[0]))
    if not changed:
        return set()
    marks = json.dumps(sorted(changed))
    owners = db.execute(
        "SELECT id, person FROM events WHERE id IN (SELECT value FROM json_each(?))",
        (marks,),
    ).fetchall()
    stale = {person for _, person in owners}
    others = changed - {event for event, _ in owners}
    if others:
        stale |= {
            c.about for c in _read(db) if any(x.statement in others for x in c.claims)
        }
    return stale


def _own(
    db: sqlite3.Connection,
    entity: str,
    rejected: Collection[str],
    names: list[Conflict] | None = None,
) -> list[Conflict]:
    """The conflicts filed under this card; those it only takes part in (a name
    conflict filed under the other card of the pair) are kept with their own."""
    found = conflicts(db, entity, rejected, names)
    return [c for c in found if c.about == entity]


def _filed_elsewhere(db: sqlite3.Connection, entities: set[str]) -> set[str]:
    """The cards whose stored conflicts cite these cards' statements."""
    rows = db.execute(
        "SELECT DISTINCT about FROM conflicts WHERE card IN"
        " (SELECT value FROM json_each(?)) AND card != about",
        (json.dumps(sorted(entities)),),
    )
    return {r[0] for r in rows}


def _deaths_told_beside(db: sqlite3.Connection, entities: set[str]) -> set[str]:
    """Persons stated to have died in the documents that name these cards: whom
    an account of a death speaks of depends on who else the passage names."""
    rows = db.execute(
        f"""SELECT DISTINCT person FROM events
            WHERE type IN ({",".join("?" * len(DEATH))}) AND document IN
            (SELECT document FROM mentions
             WHERE entity IN (SELECT value FROM json_each(?)))""",
        [*sorted(DEATH), json.dumps(sorted(entities))],
    )
    return {r[0] for r in rows}


def _keep(db: sqlite3.Connection, found: Iterable[Conflict]) -> None:
    """Store each conflict under every card it concerns: the card it is about,
    and the cards whose mentions it cites (a name written two ways)."""
    rows = []
    for c in found:
        data = json.dumps(asdict(c), ensure_ascii=False)
        rows += [(card, c.about, data) for card in sorted(_cards(db, c))]
    db.executemany("INSERT INTO conflicts VALUES (?, ?, ?)", rows)


def _cards(db: sqlite3.Connection, conflict: Conflict) -> set[str]:
    cited = json.dumps(sorted({claim.statement for claim in conflict.claims}))
    rows = db.execute(
        """SELECT DISTINCT entity FROM mentions WHERE entity IS NOT NULL
           AND id IN (SELECT value FROM json_each(?))""",
        (cited,),
    )
    return {conflict.about} | {r[0] for r in rows}


def _read(db: sqlite3.Connection, entity: str | None = None) -> list[Conflict]:
    """The stored conflicts (about one entity), in the order they were found."""
    where, params = (
        ("WHERE card = ?", (entity,)) if entity else ("WHERE card = about", ())
    )
    rows = db.execute(f"SELECT conflict FROM conflicts {where} ORDER BY rowid", params)
    found = [_conflict(json.loads(r[0])) for r in rows]
    return sorted(found, key=lambda c: (c.name, c.kind, c.question))


def _conflict(data: dict[str, Any]) -> Conflict:
    claims = tuple(Claim(**claim) for claim in data.pop("claims"))
    return Conflict(**data, claims=claims)
