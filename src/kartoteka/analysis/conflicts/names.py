"""A source that names one person differently from the others.

Two shapes are read from the stored mentions. Within one card, full names whose
first names differ ("Naum X" in one source, "Leonid X" in another) although the
matcher judged them one person. Across two cards with one surname, a first name
that is the other card's second initial ("Mikhail X" against "S. M. X"): a
patronymic read as a first name, which keeps the matcher from joining them.
Spellings of one name (Yakov / Jacob, Genrikh / Henry) are no disagreement.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations_with_replacement

from kartoteka.model import Claim, Conflict
from kartoteka.resolve.evidence import Evidence, name_evidence
from kartoteka.resolve.names import PersonName, parse_name
from kartoteka.resolve.translit import english_key

BLOCK = 2  # leading letters of a surname's key that two compared cards share
# weights of the matcher's surname evidence: one surname in two spellings, or
# one slip of the pen apart (enough inside a card the matcher already joined)
SPELLING, SLIP = 2.0, 1.4
SENTENCE_STOP = re.compile(r"[.!?…](?=\s)|\n")


@dataclass(frozen=True)
class Naming:
    """A full name as one source writes it for a card, at its first place there."""

    id: str
    entity: str
    card: str
    document: str
    file: str
    start: int
    end: int
    name: str
    evidence: str

    def claim(self) -> Claim:
        return Claim(
            self.id,
            self.document,
            self.file,
            self.start,
            self.end,
            self.name,
            "asserted",
            self.evidence,
        )


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a span, on one line."""
    before = [m.end() for m in SENTENCE_STOP.finditer(text, max(0, start - 400), start)]
    after = SENTENCE_STOP.search(text, end, end + 400)
    first = before[-1] if before else max(0, start - 400)
    last = after.end() if after else min(len(text), end + 400)
    return " ".join(text[first:last].split())


def namings(db: sqlite3.Connection) -> list[Naming]:
    """Each full name (with a first name or initials) of each person card, at its
    first mention in each document."""
    rows = db.execute(
        """SELECT m.id, m.entity, e.name, m.document, d.file, m.start, m.end, m.name
           FROM mentions m JOIN entities e ON e.id = m.entity
           JOIN documents d ON d.id = m.document
           WHERE m.type = 'person' AND m.name LIKE '% %'
           ORDER BY d.file, m.start"""
    )
    seen: set[tuple[str, str, str]] = set()
    found = []
    texts: dict[str, str] = {}
    for id_, entity, card, document, file, start, end, written in rows:
        name = " ".join(written.split())
        if (entity, document, name) in seen or not parse_name(name).full:
            continue
        seen.add((entity, document, name))
        if document not in texts:
            texts[document] = _text(db, document)
        evidence = _sentence(texts[document], start, end)
        found.append(
            Naming(id_, entity, card, document, file, start, end, name, evidence)
        )
    return found


def _text(db: sqlite3.Connection, document: str) -> str:
    row = db.execute("SELECT text FROM documents WHERE id = ?", (document,)).fetchone()
    return str(row[0]) if row else ""


def _one_surname(found: Iterable[Evidence], least: float = SLIP) -> bool:
    """One surname in two spellings (or with one slip, where `least` allows it);
    "two letters apart" may be two families."""
    return any(e.weight >= least and "surname" in e.text for e in found)


@lru_cache(maxsize=65536)
def _evidence(a: str, b: str) -> tuple[Evidence, ...]:
    """The evidence of two written names, read once per pair: a large knowledge
    base writes the same few names again and again."""
    return tuple(name_evidence(a, b))


def one_surname(a: str, b: str) -> bool:
    """Whether two names share their surname, in any spelling."""
    return _one_surname(_evidence(a, b))


def first_names_differ(a: str, b: str) -> bool:
    """Whether two names of one surname give the person different first names."""
    found = _evidence(a, b)
    return _one_surname(found) and any(
        e.weight < 0 and "first name" in e.text for e in found
    )


def patronymic_as_first_name(a: str, b: str) -> bool:
    """Whether one name's first name is the other's second initial, one surname."""
    found = _evidence(a, b)
    return _one_surname(found, SPELLING) and any("may be the" in e.text for e in found)


def _conflict(about: Naming, group: Iterable[Naming]) -> Conflict:
    claims = tuple(n.claim() for n in sorted(group, key=lambda n: (n.file, n.start)))
    question = f"what {about.card}'s first name was"
    return Conflict(about.entity, about.card, "name", question, claims)


def _within_cards(by_card: dict[str, list[Naming]]) -> Iterator[Conflict]:
    """Cards whose sources give different first names; a document that writes
    both first names knows both (an alias, a cover name) and disagrees with no one."""
    for told in by_card.values():
        clashing = _clashing(told)
        if clashing:
            yield _conflict(told[0], clashing)


def _clashing(told: list[Naming]) -> set[Naming]:
    """The namings of a card that a naming in another document contradicts
    (the first written first names the other's, its document writes no name
    agreeing with the other's). Compared name by name, not naming by naming:
    a major figure's namings are many, and its names few."""
    agrees = _Agreeing(told)
    by_name: dict[str, list[Naming]] = defaultdict(list)
    for naming in told:
        by_name[naming.name].append(naming)
    found: set[Naming] = set()
    for x, y in combinations_with_replacement(by_name, 2):
        forward, backward = first_names_differ(x, y), first_names_differ(y, x)
        if not (forward or backward):
            continue
        xs = [n for n in by_name[x] if not agrees(y, n.document)]
        ys = [n for n in by_name[y] if not agrees(x, n.document)]
        if forward and backward:
            found.update(_met_elsewhere(xs, ys), _met_elsewhere(ys, xs))
        else:  # the names differ one way only: the earlier naming's way
            place = {id(n): i for i, n in enumerate(told)}
            found.update(
                n
                for a in xs
                for b in ys
                if a.document != b.document
                and (forward if place[id(a)] < place[id(b)] else backward)
                for n in (a, b)
            )
    return found


def _met_elsewhere(side: list[Naming], other: list[Naming]) -> list[Naming]:
    """The namings of `side` that a naming of `other` meets from another document."""
    documents = {n.document for n in other}
    if len(documents) > 1:
        return side
    return [n for n in side if documents and n.document not in documents]


class _Agreeing:
    """Whether a document of a card writes a name of the same surname and
    first name as a given one: its names are found by the document, and each
    answer kept (a pass over all the card's names for every pair of them grows
    with the cube of a major figure's names)."""

    def __init__(self, told: list[Naming]) -> None:
        self.names: dict[str, list[str]] = defaultdict(list)
        for naming in told:
            self.names[naming.document].append(naming.name)
        self.known: dict[tuple[str, str], bool] = {}

    def __call__(self, name: str, document: str) -> bool:
        key = (name, document)
        if key not in self.known:
            self.known[key] = any(
                one_surname(other, name) and not first_names_differ(other, name)
                for other in self.names[document]
            )
        return self.known[key]


def _surname_block(name: PersonName) -> str:
    return english_key(name.surname)[:BLOCK]


def _across_cards(by_card: dict[str, list[Naming]]) -> Iterator[Conflict]:
    """Pairs of cards of one surname block, one of them written with two
    initials ("S. M. X"), whose names take a patronymic for a first name."""
    for first, second in _initialled_pairs(by_card):
        a, b = by_card[first], by_card[second]
        pairs = [
            (x, y)
            for x in {n.name for n in a}
            for y in {n.name for n in b}
            if patronymic_as_first_name(x, y)
        ]  # name by name: each name stands for many namings
        clashing = {n for n in a if n.name in {x for x, _ in pairs}}
        clashing |= {n for n in b if n.name in {y for _, y in pairs}}
        if clashing:
            # the card more sources name is the one the disagreement is about
            about = max((a, b), key=lambda told: (len(told), told[0].entity))
            yield _conflict(about[0], clashing)


def _initialled_pairs(by_card: dict[str, list[Naming]]) -> list[tuple[str, str]]:
    """The pairs of cards, sorted, that share a surname block where one of them
    is written with two initials, and where such a name of one and a name of
    the other share a surname key (a patronymic is taken for a first name only
    within one surname). Found through an index of the surname keys: comparing
    every two cards of a block grows with the square of a large document's cards."""
    by_key: dict[str, set[str]] = defaultdict(set)
    blocks: dict[str, set[str]] = defaultdict(set)
    initialled: dict[str, set[str]] = defaultdict(set)  # blocks of "S. M. X"
    keys: list[tuple[str, frozenset[str]]] = []  # of the cards' "S. M. X"
    for card, told in by_card.items():
        for naming in told:
            name = parse_name(naming.name)
            for key in name.keys:
                by_key[key].add(card)
            blocks[card].add(_surname_block(name))
            if len(name.initials) > 1:
                initialled[card].add(_surname_block(name))
                keys.append((card, name.keys))
    pairs = {
        (min(card, other), max(card, other))
        for card, shared in keys
        for key in shared
        for other in by_key[key]
        if other != card
    }
    return sorted(
        (a, b)
        for a, b in pairs
        if initialled[a] & blocks[b] or initialled[b] & blocks[a]
    )


def name_conflicts(
    db: sqlite3.Connection,
    entity: str | None = None,
    found: list[Conflict] | None = None,
) -> list[Conflict]:
    """Where sources name one person differently (about one card, or all);
    `found` holds all of them when they are known already (a curation decision
    refreshes many cards, and reading every name is the same work for each)."""
    if found is None:
        by_card: dict[str, list[Naming]] = defaultdict(list)
        for naming in namings(db):
            by_card[naming.entity].append(naming)
        found = [*_within_cards(by_card), *_across_cards(by_card)]
    if entity is None:
        return found
    mine = {
        r[0] for r in db.execute("SELECT id FROM mentions WHERE entity = ?", (entity,))
    }
    return [
        c
        for c in found
        if c.about == entity or any(k.statement in mine for k in c.claims)
    ]
