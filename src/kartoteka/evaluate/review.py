"""How good the review queue is: of the gold pairs the machine left apart, how
many its first proposals hold, and how many proposals join two gold persons."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kartoteka.evaluate.gold import Gold, normalise_form
from kartoteka.resolve.review import Proposal


@dataclass(frozen=True)
class QueueScore:
    """Coverage of the missed gold pairs by the first `top` proposals."""

    top: int
    missed: int  # gold pairs of cards the machine keeps apart
    found: int  # of those, pairs the first `top` proposals name
    closed: int  # pairs one card after a reader accepts the right ones among them
    right: int  # proposals whose two sides are one gold person
    wrong: int  # proposals whose two sides are two gold persons

    @property
    def share(self) -> float:
        return self.found / self.missed if self.missed else 1.0

    @property
    def closed_share(self) -> float:
        return self.closed / self.missed if self.missed else 1.0


def card_gold(db: sqlite3.Connection, gold: Gold) -> dict[str, str]:
    """Each person card's gold person: the one most of its gold forms name."""
    owners = gold.owners("person")
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for entity, file, text in db.execute(
        """SELECT m.entity, d.file, m.text FROM mentions m
           JOIN documents d ON d.id = m.document
           JOIN entities e ON e.id = m.entity WHERE e.type = 'person'"""
    ):
        ids = owners.get((Path(file).name, normalise_form(text)), frozenset())
        if len(ids) == 1:
            votes[entity][next(iter(ids))] += 1
    return {entity: count.most_common(1)[0][0] for entity, count in votes.items()}


def missed_pairs(of_card: dict[str, str]) -> set[frozenset[str]]:
    """Pairs of cards that hold one gold person."""
    cards: dict[str, list[str]] = defaultdict(list)
    for card, person in of_card.items():
        cards[person].append(card)
    return {
        frozenset({a, b})
        for held in cards.values()
        for i, a in enumerate(held)
        for b in held[i + 1 :]
    }


def _closed(accepted: list[Proposal], missed: set[frozenset[str]]) -> int:
    """Missed pairs on one card once the accepted proposals are merged."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for p in accepted:
        parent[find(p.a.card)] = find(p.b.card)
    return sum(1 for pair in missed if len({find(c) for c in pair}) == 1)


def score_queue(
    queue: Sequence[Proposal], of_card: dict[str, str], top: int
) -> QueueScore:
    """The queue's first `top` proposals against the gold."""
    missed = missed_pairs(of_card)
    shown = [p for p in queue[:top] if not p.joined]
    pairs = {frozenset({p.a.card, p.b.card}) for p in shown}
    judged = [p for p in shown if p.a.card in of_card and p.b.card in of_card]
    right = [p for p in judged if of_card[p.a.card] == of_card[p.b.card]]
    return QueueScore(
        top,
        len(missed),
        len(missed & pairs),
        _closed(right, missed),
        len(right),
        len(judged) - len(right),
    )
