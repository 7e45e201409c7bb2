"""Applying a user decision now: to the curation file and into the open
knowledge base at once, so the card changes now and the decision survives rebuilds.

Decisions name mentions by file and surface name, as the CLI's curation file
does; the ids a card gets here are the ids a rebuild gives the same mentions
(a person card is named after its smallest mention id).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from kartoteka import curation
from kartoteka.analysis.conflicts import refresh
from kartoteka.cards.stored import refresh_cards
from kartoteka.curation import Decision, Ref, rejected_events
from kartoteka.model import stable_id
from kartoteka.resolve import preferred_name
from kartoteka.resolve.review import Proposal
from kartoteka.store import search_keys


class CurationRefused(Exception):
    """The decision cannot be applied; the message says why, for the user."""


def person(db: sqlite3.Connection, entity: str) -> sqlite3.Row | None:
    """The person card with this id (its id and name), if there is one."""
    row: sqlite3.Row | None = db.execute(
        "SELECT id, name FROM entities WHERE id = ? AND type = 'person'", (entity,)
    ).fetchone()
    return row


def _mentions(db: sqlite3.Connection, entity: str) -> list[sqlite3.Row]:
    return list(
        db.execute(
            """SELECT m.id, m.name, m.start, m.document, d.file FROM mentions m
               JOIN documents d ON d.id = m.document WHERE m.entity = ?
               ORDER BY d.file, m.start""",
            (entity,),
        )
    )


def _owners(db: sqlite3.Connection, ref: Ref) -> set[str]:
    """The cards that mentions named by a reference belong to."""
    sql = """SELECT DISTINCT m.entity FROM mentions m
             JOIN documents d ON d.id = m.document
             WHERE d.file = ? AND m.name = ? AND m.type = 'person'"""
    params: list[object] = [ref.file, ref.name]
    if ref.start is not None:
        sql += " AND m.start = ?"
        params.append(ref.start)
    return {r[0] for r in db.execute(sql, params) if r[0]}


def card_ref(db: sqlite3.Connection, entity: str, avoid: Ref | None = None) -> Ref:
    """A mention that names this card alone: by file and name where that suffices."""
    rows = _mentions(db, entity)
    if avoid is not None:
        rows = [r for r in rows if (r["file"], r["name"]) != (avoid.file, avoid.name)]
    if not rows:
        raise CurationRefused(f"card {entity} has no mention to name it by")
    preferred = db.execute("SELECT name FROM entities WHERE id = ?", (entity,))
    name = (preferred.fetchone() or [""])[0]
    rows.sort(key=lambda r: (r["name"] != name, -len(r["name"].split())))
    for row in rows:
        ref = Ref(row["file"], row["name"])
        if _owners(db, ref) == {entity}:
            return ref
    return Ref(rows[0]["file"], rows[0]["name"], rows[0]["start"])


def person_id(mention_ids: Iterable[str]) -> str:
    """The id a rebuild gives the card of these mentions."""
    return f"person-{stable_id('person', min(mention_ids), size=10)}"


def _build_order(row: sqlite3.Row) -> tuple[str, int]:
    """The order a build reads a card's mentions in, which breaks ties of names."""
    return row["document"], row["start"]


def _rekey(db: sqlite3.Connection, old: str, new: str) -> None:
    """Give a card a new id everywhere it is referred to."""
    if old == new:
        return
    db.execute("UPDATE entities SET id = ? WHERE id = ?", (new, old))
    db.execute("UPDATE mentions SET entity = ? WHERE entity = ?", (new, old))
    db.execute("UPDATE name_keys SET entity = ? WHERE entity = ?", (new, old))
    for column in ("person", "agent", "org"):
        db.execute(f"UPDATE events SET {column} = ? WHERE {column} = ?", (new, old))


def _refresh(db: sqlite3.Connection, entity: str) -> str:
    """Recompute a card's name, search keys and id from its mentions; the new id."""
    rows = _mentions(db, entity)
    if not rows:
        db.execute("DELETE FROM name_keys WHERE entity = ?", (entity,))
        db.execute("DELETE FROM entities WHERE id = ?", (entity,))
        return entity
    names = Counter(r["name"] for r in sorted(rows, key=_build_order))
    db.execute(
        "UPDATE entities SET name = ? WHERE id = ?", (preferred_name(names), entity)
    )
    db.execute("DELETE FROM name_keys WHERE entity = ?", (entity,))
    keys = set().union(*(search_keys(name) for name in names))
    db.executemany(
        "INSERT INTO name_keys VALUES (?, ?)", [(entity, k) for k in sorted(keys)]
    )
    new = person_id(r["id"] for r in rows)
    _rekey(db, entity, new)
    return new


def _one_owner(db: sqlite3.Connection, ref: Ref) -> str:
    owners = _owners(db, ref)
    if len(owners) != 1:
        found = "no card" if not owners else f"{len(owners)} cards"
        raise CurationRefused(f"{ref.label()} names {found}, not one")
    return owners.pop()


def merge(db: sqlite3.Connection, decision: Decision) -> str:
    """Join the cards of `a` and `b`; the id of the joined card."""
    assert decision.a and decision.b
    keep, other = _one_owner(db, decision.a), _one_owner(db, decision.b)
    if keep == other:
        raise CurationRefused("these names are already on one card")
    _rekey_into(db, other, keep)
    db.execute("DELETE FROM entities WHERE id = ?", (other,))
    return _refresh(db, keep)


def _rekey_into(db: sqlite3.Connection, old: str, new: str) -> None:
    db.execute("UPDATE mentions SET entity = ? WHERE entity = ?", (new, old))
    db.execute("DELETE FROM name_keys WHERE entity = ?", (old,))
    for column in ("person", "agent", "org"):
        db.execute(f"UPDATE events SET {column} = ? WHERE {column} = ?", (new, old))


def split(db: sqlite3.Connection, decision: Decision) -> str:
    """Take the mentions named by `a` off the card that keeps `b`; the new card's id."""
    assert decision.a and decision.b
    card = _one_owner(db, decision.b)
    moved = [
        r
        for r in _mentions(db, card)
        if r["file"] == decision.a.file
        and r["name"] == decision.a.name
        and decision.a.start in (None, r["start"])
    ]
    if not moved or len(moved) == len(_mentions(db, card)):
        raise CurationRefused(f"{decision.a.label()} cannot be split off this card")
    # A provisional id first: the moved mentions may include the one the old
    # card's id derives from, so the old card must be renamed before the new one.
    provisional = "split-" + person_id(r["id"] for r in moved)
    db.execute(
        "INSERT INTO entities VALUES (?, 'person', ?)", (provisional, decision.a.name)
    )
    db.executemany(
        "UPDATE mentions SET entity = ? WHERE id = ?",
        [(provisional, r["id"]) for r in moved],
    )
    _move_events(db, card, provisional, moved)
    _refresh(db, card)
    return _refresh(db, provisional)


def _move_events(
    db: sqlite3.Connection, card: str, new: str, moved: list[sqlite3.Row]
) -> None:
    """Events whose evidence names only split-off mentions follow them."""
    for document in {r["document"] for r in moved}:
        starts = {r["start"] for r in moved if r["document"] == document}
        for event in db.execute(
            "SELECT id, start, end FROM events WHERE person = ? AND document = ?",
            (card, document),
        ).fetchall():
            inside = [
                r["start"]
                for r in db.execute(
                    """SELECT start FROM mentions WHERE document = ? AND entity IN
                       (?, ?) AND start >= ? AND start < ? AND end <= ?""",
                    (document, card, new, event["start"], event["end"], event["end"]),
                )
            ]
            if inside and all(s in starts for s in inside):
                db.execute(
                    "UPDATE events SET person = ? WHERE id = ?", (new, event["id"])
                )


def _judgement(db: sqlite3.Connection, decision: Decision) -> None:
    """Record a user's merge or split where the knowledge base keeps judgements."""
    if not decision.a or not decision.b:
        return
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    if "judgements" not in tables:
        return
    a = _first_mention(db, decision.a)
    b = _first_mention(db, decision.b)
    if a and b:
        same = decision.action == "merge"
        verb = {"merge": "merged", "split": "split"}.get(decision.action, "told apart")
        db.execute(
            "INSERT INTO judgements VALUES (?, ?, ?, ?, ?, ?)",
            (
                a,
                b,
                same,
                decision.author,
                f"{verb} by {decision.author} on {decision.at}",
                3.0,
            ),
        )


def _first_mention(db: sqlite3.Connection, ref: Ref) -> str | None:
    row = db.execute(
        """SELECT m.id FROM mentions m JOIN documents d ON d.id = m.document
           WHERE d.file = ? AND m.name = ? ORDER BY m.start LIMIT 1""",
        (ref.file, ref.name),
    ).fetchone()
    return str(row[0]) if row else None


def _check_apart(db: sqlite3.Connection, decision: Decision) -> None:
    """Two people are told apart only where they are on two cards now."""
    assert decision.a and decision.b
    if _one_owner(db, decision.a) == _one_owner(db, decision.b):
        raise CurationRefused(
            "these names are on one card: split one off instead of telling them apart"
        )


def _check_event(db: sqlite3.Connection, db_path: Path, decision: Decision) -> None:
    """Refuse to confirm or reject an event the knowledge base does not have."""
    if decision.action not in ("confirm-event", "reject-event"):
        return
    found = db.execute("SELECT 1 FROM events WHERE id = ?", (decision.event,))
    if found.fetchone() is None:
        raise CurationRefused(f"there is no event {decision.event} in {db_path}")


def _cards(db: sqlite3.Connection, decision: Decision) -> set[str]:
    """The cards a merge, split or telling apart names (their ids before or
    after it): the judgements behind their names change."""
    if decision.action not in ("merge", "split", "distinct"):
        return set()
    return {
        card for ref in (decision.a, decision.b) if ref for card in _owners(db, ref)
    }


def record(db_path: Path, curation_path: Path, decision: Decision) -> str | None:
    """Apply a decision to the knowledge base and append it to the curation file.

    Returns the id of the card to show afterwards (the joined or split-off card),
    or None when the decision does not change any card. The stored cards and
    conflicts it changes are made again. Nothing is written when the decision
    cannot be applied.
    """
    db = sqlite3.connect(db_path)
    db.row_factory = sqlite3.Row
    try:
        with db:
            _check_event(db, db_path, decision)
            before = _cards(db, decision)
            shown = None
            if decision.action == "merge":
                shown = merge(db, decision)
            elif decision.action == "split":
                shown = split(db, decision)
            elif decision.action == "distinct":
                _check_apart(db, decision)
            if decision.action in ("merge", "split", "distinct"):
                _judgement(db, decision)
            rejected = rejected_events([*curation.load(curation_path), decision])
            changed = before | _cards(db, decision)
            refresh_cards(db, changed, rejected)
            refresh(db, changed, rejected)
            curation.append(curation_path, decision)
    finally:
        db.close()
    return shown


def review_decision(proposal: Proposal, same: bool, author: str) -> Decision:
    """What a reviewer's answer records: a merge, a split, or two people apart."""
    action = "merge" if same else ("split" if proposal.joined else "distinct")
    return Decision(action, a=proposal.a.ref, b=proposal.b.ref, author=author)


def record_answer(
    db_path: Path, curation_path: Path, proposal: Proposal, same: bool, author: str
) -> str | None:
    """Apply a reviewer's answer now and keep it for every rebuild.

    A join the reviewer confirms changes no card; it is only kept, so that no
    later change of the matcher undoes it.
    """
    answer = review_decision(proposal, same, author)
    if proposal.joined and same:
        curation.append(curation_path, answer)
        return proposal.a.card
    return record(db_path, curation_path, answer)
