"""How often reconciling a gold name puts the right card first.

Every gold person's preferred name, Russian name and every form a document uses
is reconciled as a query of type person. The right card for a gold person is the
card holding most of the mentions whose (document, form) the gold gives to them.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kartoteka.evaluate.gold import Gold, normalise_form
from kartoteka.reconcile import Query, reconcile


@dataclass(frozen=True)
class Miss:
    """A gold name whose first candidate is not the right card."""

    person: str
    query: str
    expected: str | None
    got: str | None


@dataclass(frozen=True)
class ReconcileScore:
    """Queries whose first candidate is the right card, out of all queries."""

    right: int
    total: int
    misses: tuple[Miss, ...]

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def right_cards(db: sqlite3.Connection, gold: Gold) -> dict[str, str]:
    """Each gold person's card: the one holding most of their gold mentions."""
    owners = gold.owners("person")
    votes: dict[str, Counter[str]] = {}
    rows = db.execute(
        """SELECT m.entity, m.text, d.file FROM mentions m
           JOIN documents d ON d.id = m.document WHERE m.entity IS NOT NULL"""
    )
    for row in rows:
        item = (Path(row["file"]).name, normalise_form(row["text"]))
        for person in owners.get(item, ()):
            votes.setdefault(person, Counter())[row["entity"]] += 1
    return {person: count.most_common(1)[0][0] for person, count in votes.items()}


def gold_queries(gold: Gold) -> list[tuple[str, str]]:
    """(gold person, name) for every distinct name of every gold person."""
    queries = []
    for entity in gold.entities:
        if entity.type != "person":
            continue
        names = [entity.name, entity.cyrillic or ""]
        names += [form for forms in entity.forms.values() for form in forms]
        for name in dict.fromkeys(normalise_form(n) for n in names if n.strip()):
            queries.append((entity.id, name))
    return queries


def reconcile_score(db: sqlite3.Connection, gold: Gold) -> ReconcileScore:
    """Reconcile every gold person's names; count the right card first."""
    cards = right_cards(db, gold)
    right, misses = 0, []
    queries = gold_queries(gold)
    for person, name in queries:
        found = reconcile(db, Query(name, type="person", limit=1))
        got = found[0].id if found else None
        if got is not None and got == cards.get(person):
            right += 1
        else:
            misses.append(Miss(person, name, cards.get(person), got))
    return ReconcileScore(right, len(queries), tuple(misses))
