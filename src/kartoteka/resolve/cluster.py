"""Across documents: join groups into cards, under judgements that may forbid a join.

Candidate pairs come only from blocking keys (a surname's transliteration keys,
and its one-letter-deletion variants for slips of the pen), so the work grows
close to linearly with the number of mentions. Pairs become weighted edges; the
edges are taken strongest first, and an edge that would put the two sides of a
negative judgement on one card is refused: a user's "not the same" always wins.
Each kind of edge is made while the stronger ones are already joined (the
generators here yield to a caller that joins as it goes), so two groups already
on one card are not compared at all: most pairs of a person's spellings are.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass

from kartoteka.resolve.affiliations import clash
from kartoteka.resolve.groups import Group
from kartoteka.resolve.matching import (
    SAME,
    align,
    first_word,
    firsts_agree,
    names_fit,
    word_score,
)
from kartoteka.resolve.names import (
    Part,
    PersonName,
    is_patronymic,
    name_word_keys,
    typo_of,
)
from kartoteka.resolve.translit import english_key

USER = 3.0
LINK = 2.0
NAME = 1.0
TYPO = 0.8
CONTAINED = 0.9
BARE = 0.5


@dataclass(frozen=True, slots=True)
class Edge:
    """A reason to put two groups on one card, with its strength and author."""

    a: int
    b: int
    score: float
    author: str
    reason: str


class Cards:
    """Union-find over groups that refuses unions across a cannot-link."""

    def __init__(self, size: int, cannot: Iterable[tuple[int, int]]) -> None:
        self.parent = list(range(size))
        self.tags: dict[int, set[tuple[int, int]]] = defaultdict(set)
        for number, (a, b) in enumerate(cannot):
            self.tags[a].add((number, 0))
            self.tags[b].add((number, 1))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> bool:
        """Join the cards of `a` and `b` unless a negative judgement forbids it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        ta, tb = self.tags.get(ra, set()), self.tags.get(rb, set())
        if any((n, 1 - side) in tb for n, side in ta):
            return False
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        self.tags[keep] = ta | tb
        self.tags.pop(gone, None)
        return True


def _signature(name: PersonName) -> tuple[object, ...]:
    """Names with one signature are written alike, every word of them."""
    return name.parts


def _weak_tie(a: PersonName, b: PersonName) -> bool:
    """Names that agree only on initials, not on a written-out first name."""
    return not (a.given and b.given)


def name_edges(
    groups: list[Group], services: list[frozenset[str]], cards: Cards
) -> Iterator[Edge]:
    """Edges between full names of different documents that fit together.

    Names that agree only on initials are not joined when one is named beside
    the army and the other beside state security.
    """
    buckets: dict[str, array[int]] = defaultdict(lambda: array("i"))
    for index, group in enumerate(groups):  # 4 bytes a group in each bucket
        if group.name.full:
            for key in sorted(group.name.keys):  # the same reasons in every run
                buckets[key].append(index)
    order = {key: number for number, key in enumerate(buckets)}
    copies: set[int] = set()
    for key, members in buckets.items():
        distinct = yield from _same_as_written(groups, members, copies)
        yield from _fitting_pairs(groups, services, cards, distinct, key, order)


def _same_as_written(
    groups: list[Group], members: Iterable[int], copies: set[int]
) -> Generator[Edge, None, list[int]]:
    """Edges from each group to the first written exactly alike (made once per
    group, in the first bucket that holds it), and the distinct names of the
    bucket by their first group."""
    representatives: dict[tuple[object, ...], int] = {}
    for index in members:
        first = representatives.setdefault(_signature(groups[index].name), index)
        if first != index and index not in copies:
            copies.add(index)
            edge = _edge(groups, (first, index), NAME, "same name as written")
            if edge:
                yield edge
    return list(representatives.values())


def _fitting_pairs(
    groups: list[Group],
    services: list[frozenset[str]],
    cards: Cards,
    distinct: list[int],
    key: str,
    order: dict[str, int],
) -> Iterator[Edge]:
    """Edges between distinct names of one bucket that fit together.

    A pair is compared in the first bucket the two share, so a million names
    need no record of the pairs compared, and not when already on one card
    (a card found before a join is still the card after it).
    """
    here = order[key]
    names = [groups[i].name for i in distinct]
    earlier = [frozenset(k for k in n.keys if order[k] < here) for n in names]
    if len(distinct) < 2 or frozenset.intersection(*earlier):
        return  # another spelling's bucket held them all together before
    partners = _first_name_partners(names)
    for pos, a in enumerate(distinct):
        na, root, before = names[pos], cards.find(a), earlier[pos]
        for other in partners(pos):
            nb = names[other]
            if cards.find(distinct[other]) == root or not before.isdisjoint(nb.keys):
                continue
            if not names_fit(na, nb):
                continue
            b = distinct[other]
            if _weak_tie(na, nb) and clash(services[a], services[b]):
                continue
            how = "as written" if na.surname == nb.surname else f"in {_family(key)}"
            reason = sys.intern(f"same surname {how}; first names agree")
            edge = _edge(groups, (a, b), NAME, reason)
            if edge:
                yield edge
                root = cards.find(a)


def _first_name_partners(names: list[PersonName]) -> Callable[[int], list[int]]:
    """The later positions whose first names (or initials) may fit the one at
    `pos`, in order: a bucket holds a few first names, so they are compared
    once per pair of first names, not per pair of full names."""
    firsts = [first_word(name) for name in names]
    by_first: dict[str | None, list[int]] = defaultdict(list)
    for pos, first in enumerate(firsts):
        by_first[first].append(pos)
    fitting: dict[str | None, list[int]] = {}

    def partners(pos: int) -> list[int]:
        first = firsts[pos]
        if first not in fitting:
            fitting[first] = sorted(
                other
                for word, found in by_first.items()
                if firsts_agree(first, word)
                for other in found
            )
        found = fitting[first]
        return found[bisect_right(found, pos) :]

    return partners


def typo_edges(groups: list[Group], cards: Cards) -> Iterator[Edge]:
    """Edges between full names whose surnames differ by one letter.

    Slips are looked for between distinct surnames (by their one-deletion
    variants), then only one group per distinct name on each side is compared
    (each pair once, so the matcher's memory of pairs would only grow).
    """
    by_surname: dict[str, dict[tuple[object, ...], int]] = defaultdict(dict)
    for index, group in enumerate(groups):
        if group.name.full and group.name.given:
            by_surname[group.name.surname].setdefault(_signature(group.name), index)
    for first, second in sorted(_typo_pairs(list(by_surname))):
        reason = f"“{first}” and “{second}” differ by one letter"
        for a in by_surname[first].values():
            for b in by_surname[second].values():
                if cards.find(a) == cards.find(b):
                    continue
                if names_fit(groups[a].name, groups[b].name, typo=True):
                    edge = _edge(groups, (a, b), TYPO, reason)
                    if edge:
                        yield edge


def contained_edges(groups: list[Group], cards: Cards) -> Iterator[Edge]:
    """Edges from a name to a longer one elsewhere that holds every word of it.

    Names from outside Russia keep no surname last (`Umar Patek` and `Umar
    Patek Abdullah Anshori`, `Kim Jong Un` and `Kim Jong-un`), so the shorter
    name's last word is looked for among all words of the longer one. Names
    with initials or a patronymic never join this way: their surname is known.
    """
    holding: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    written: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        if not _plain(group.name):
            continue
        if group.name.parts not in written:  # once per spelling
            for part in group.name.words:
                for key in name_word_keys(part.text):
                    holding[key].add(group.name.parts)
        written[group.name.parts].append(index)
    longer: dict[tuple[str, ...], list[int]] = {}
    for index, group in enumerate(groups):
        if not _plain(group.name):
            continue
        parts = group.name.parts
        if parts not in longer:  # names recur in many documents: compare once
            longer[parts] = _holders(group.name, holding, written, groups)
        for other in longer[parts]:
            if cards.find(other) == cards.find(index):
                continue
            reason = "every word of the name stands in the longer name"
            edge = _edge(groups, (index, other), CONTAINED, reason)
            if edge:
                yield edge


def _holders(
    name: PersonName,
    holding: dict[str, set[tuple[str, ...]]],
    written: dict[tuple[str, ...], list[int]],
    groups: list[Group],
) -> list[int]:
    """The groups, in order, whose names hold every word of `name` (a name's
    words follow from how it is written, so one group stands for its spelling)."""
    last = name.words[-1].text
    spellings = {parts for key in name_word_keys(last) for parts in holding[key]}
    return sorted(
        index
        for parts in spellings
        if _inside(name, groups[written[parts][0]].name)
        for index in written[parts]
    )


def _plain(name: PersonName) -> bool:
    """A name of written-out words only, two or more of them."""
    return (
        len(name.given) >= 1
        and not name.initials
        and name.patronymic is None
        and not is_patronymic(name.surname)
    )


def _inside(short: PersonName, long: PersonName) -> bool:
    """Every word of `short` is aligned, as written, with a word of `long`
    (a short word such as `Un` counts as written, not as an initial)."""
    a, b = short.words, long.words
    if len(a) > len(b) or not all(_found_in(x, b) for x in a):
        return False
    found = align(a, b, False)
    return (
        found.agrees
        and not found.left_a
        and all(
            score == SAME or _written(x) == _written(y) for x, y, score in found.pairs
        )
    )


def _found_in(word: Part, name: tuple[Part, ...]) -> bool:
    """Whether some word of `name` is `word` as `_inside` counts it (the word
    pairs alone tell most names apart, without aligning them)."""
    return any(
        word_score(word.text, y.text, word.surname and y.surname, False) == SAME
        or _written(word) == _written(y)
        for y in name
    )


def _written(part: Part) -> str:
    return part.text.rstrip(".").lower()


def _typo_pairs(surnames: list[str]) -> set[tuple[str, str]]:
    """Pairs of distinct surnames one slip apart, found through deletion buckets."""
    buckets: dict[str, set[str]] = defaultdict(set)
    for surname in surnames:
        key = english_key(surname)
        if len(key) >= 5:
            buckets[key].add(surname)
            for pos in range(len(key)):
                buckets[key[:pos] + key[pos + 1 :]].add(surname)
    pairs = set()
    for members in buckets.values():
        ordered = sorted(members)
        for pos, a in enumerate(ordered):
            for b in ordered[pos + 1 :]:
                if typo_of(a, b):
                    pairs.add((a, b))
    return pairs


def _family(key: str) -> str:
    return f"{key.split(':')[0]} transliteration"


def _edge(
    groups: list[Group], pair: tuple[int, int], score: float, reason: str
) -> Edge | None:
    """The edge between two groups, none within one document (its groups were
    joined or kept apart there already)."""
    a, b = min(pair), max(pair)
    if groups[a].document != groups[b].document:
        return Edge(a, b, score, "machine", reason)
    return None
