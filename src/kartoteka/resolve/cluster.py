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
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from kartoteka.resolve.affiliations import clash
from kartoteka.resolve.groups import Group
from kartoteka.resolve.matching import (
    SAME,
    WordMarks,
    align,
    first_word,
    firsts_agree,
    fits_beyond_firsts,
    fits_beyond_surnames,
    word_marks,
)
from kartoteka.resolve.names import (
    Part,
    PersonName,
    is_patronymic,
    name_word_keys,
    surname_keys,
    typo_of,
)
from kartoteka.resolve.translit import english_key

USER = 3.0
LINK = 2.0
NAME = 1.0
TYPO = 0.8
CONTAINED = 0.9
BARE = 0.5


@dataclass(slots=True)
class Edge:
    """A reason to put two groups on one card, with its strength and author
    (not frozen: hundreds of thousands are made, and a frozen one is set up
    field by field through `object.__setattr__`)."""

    a: int
    b: int
    score: float
    author: str
    reason: str


class Cards:
    """Union-find over groups that refuses unions across a cannot-link (the
    parents in an array: 4 bytes a group, not an int object each)."""

    def __init__(self, size: int, cannot: Iterable[tuple[int, int]]) -> None:
        self.parent = array("i", range(size))
        self.tags: dict[int, set[tuple[int, int]]] = defaultdict(set)
        for number, (a, b) in enumerate(cannot):
            self.tags[a].add((number, 0))
            self.tags[b].add((number, 1))

    def find(self, item: int) -> int:
        parent = self.parent
        root = parent[item]
        if parent[root] == root:  # most groups point at their card's root
            return root
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> bool:
        """Join the cards of `a` and `b` unless a negative judgement forbids it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        tags = self.tags
        if gone in tags or keep in tags:  # few cards bear a cannot-link
            ta, tb = tags.get(ra, set()), tags.get(rb, set())
            if any((n, 1 - side) in tb for n, side in ta):
                return False
            tags[keep] = ta | tb
            tags.pop(gone, None)
        self.parent[gone] = keep
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
    the army and the other beside state security. Only the first group of each
    name written alike is filed in the buckets; the others follow it.
    """
    by_surname: dict[str, array[int]] = {}
    later = array("i", [-1]) * len(groups)  # the next group written alike
    last: dict[tuple[object, ...], int] = {}
    for index, group in enumerate(groups):  # 4 bytes a name
        if not group.name.full:
            continue
        signature = _signature(group.name)
        before = last.get(signature)
        last[signature] = index
        if before is not None:
            later[before] = index
            continue
        filed = by_surname.get(group.name.surname)
        if filed is None:
            filed = by_surname[group.name.surname] = array("i")
        filed.append(index)
    del last
    buckets = _buckets(by_surname)
    del by_surname
    ranks = _Ranks({key: number for number, key in enumerate(buckets)})
    agree = _Agreeing()
    seen: set[bytes] = set()
    for here, (key, (distinct, bearing)) in enumerate(buckets.items()):
        content = distinct.tobytes()
        if content in seen:  # most keys of a surname file the same groups
            continue  # (every pair of them met in the first such bucket)
        seen.add(content)
        yield from _same_as_written(groups, distinct, later)
        if len(distinct) > 1:
            yield from _fitting_pairs(
                groups, services, cards, distinct, bearing, (here, key), ranks, agree
            )


Bucket: TypeAlias = "tuple[array[int], list[str]]"
"""A key's groups in order, and the surnames they bear (in the order of their
first groups)."""


def _buckets(by_surname: dict[str, array[int]]) -> dict[str, Bucket]:
    """Each key's `Bucket`, the keys in the order their first group files
    them (a surname's keys sorted: the same reasons in every run); a
    surname's keys are looked at once, not once per name that bears it."""
    surnames: dict[str, list[str]] = {}
    for surname in by_surname:  # in the order of their first groups
        for key in sorted(surname_keys(surname)):
            surnames.setdefault(key, []).append(surname)
    buckets: dict[str, Bucket] = {}
    for key, bearing in surnames.items():
        if len(bearing) == 1:
            buckets[key] = (by_surname[bearing[0]], bearing)  # shared, never changed
        else:
            merged = [i for surname in bearing for i in by_surname[surname]]
            buckets[key] = (array("i", sorted(merged)), bearing)
    return buckets


class _Ranks(dict[str, tuple[int, ...]]):
    """The buckets' numbers of a surname's keys, in order (worked out once per
    surname)."""

    def __init__(self, order: dict[str, int]) -> None:
        super().__init__()
        self.order = order

    def of(self, surname: str) -> tuple[int, ...]:
        found = self.get(surname)
        if found is None:
            keys = surname_keys(surname)
            found = self[surname] = tuple(sorted(self.order[k] for k in keys))
        return found


def _same_as_written(
    groups: list[Group], distinct: Iterable[int], later: array[int]
) -> Iterator[Edge]:
    """Edges from each group to the first written exactly alike (made once per
    group, in the first bucket that holds its name, in the order of groups;
    `later` chains each group to the next written alike, and is cut here)."""
    copies = []
    for first in distinct:
        index, later[first] = later[first], -1
        while index != -1:
            copies.append((index, first))
            index = later[index]
    copies.sort()
    for index, first in copies:
        edge = _edge(groups, (first, index), NAME, "same name as written")
        if edge:
            yield edge


def _fitting_pairs(
    groups: list[Group],
    services: list[frozenset[str]],
    cards: Cards,
    distinct: Sequence[int],
    surnames: list[str],
    bucket: tuple[int, str],
    ranks: _Ranks,
    agree: _Agreeing,
) -> Iterator[Edge]:
    """Edges between distinct names of one bucket (bearing `surnames`) that
    fit together.

    A pair is compared in the first bucket the two share, so a million names
    need no record of the pairs compared, and not when already on one card
    (a card found before a join is still the card after it). The buckets a
    name is in follow from its surname, so they are looked at per surname.
    """
    here, key = bucket
    earlier = {}  # each surname's buckets before this one
    for surname in surnames:
        numbers = ranks.of(surname)
        earlier[surname] = frozenset(numbers[: bisect_left(numbers, here)])
    if all(earlier.values()) and frozenset.intersection(*earlier.values()):
        return  # another spelling's bucket held them all together before
    names = [groups[i].name for i in distinct]
    partners = _first_name_partners(names, agree)
    parent = cards.parent  # most groups of a card point at its root: no need to find it
    for pos, a in enumerate(distinct):
        na, root = names[pos], cards.find(a)
        before = earlier[na.surname]
        for other in partners(pos):
            b = distinct[other]
            if parent[b] == root or cards.find(b) == root:
                continue
            nb = names[other]
            if not before.isdisjoint(ranks[nb.surname]):
                continue
            if not fits_beyond_surnames(na, nb):  # first names and surnames fit
                continue
            if _weak_tie(na, nb) and clash(services[a], services[b]):
                continue
            how = "as written" if na.surname == nb.surname else f"in {_family(key)}"
            reason = sys.intern(f"same surname {how}; first names agree")
            edge = _edge(groups, (a, b), NAME, reason)
            if edge:
                yield edge
                root = cards.find(a)


class _Agreeing(dict[str | None, dict[str | None, bool]]):
    """`firsts_agree`, remembered per pair of first words: every bucket asks
    it of each pair of its first words, and buckets share their first words
    (a few hundred, in every scheme), so a pair is worked out once."""

    def among(self, a: str | None, words: Iterable[str | None]) -> list[str | None]:
        """The `words` that agree with `a`, in order (a loop, not a call per
        word: asked of every pair of a bucket's first words)."""
        known = self.get(a)
        if known is None:
            known = self[a] = {}
        found = []
        for b in words:
            fits = known.get(b)
            if fits is None:
                fits = known[b] = firsts_agree(a, b)
            if fits:
                found.append(b)
        return found


def _first_name_partners(
    names: list[PersonName], agree: _Agreeing
) -> Callable[[int], list[int]]:
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
                for word in agree.among(first, by_first)
                for other in by_first[word]
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
    met: set[int] = set()  # names by identity: most groups share their name
    for index, group in enumerate(groups):  # with a group before them
        name = group.name
        if id(name) in met:
            continue
        met.add(id(name))
        if name.full and name.given:
            by_surname[name.surname].setdefault(_signature(name), index)
    del met
    agree = _Agreeing()
    filed: dict[str, _FirstNames] = {}  # a surname is one slip from several

    def firsts(surname: str) -> _FirstNames:
        found = filed.get(surname)
        if found is None:
            members = by_surname[surname].values()
            found = filed[surname] = _FirstNames(groups, members, agree)
        return found

    parent = cards.parent  # most groups of a card point at its root: no need to find it
    for first, second in sorted(_typo_pairs(list(by_surname))):
        reason = f"“{first}” and “{second}” differ by one letter"
        fitting, side = firsts(second), firsts(first)
        for a, word in zip(side.members, side.firsts, strict=True):
            root = cards.find(a)  # changes only where an edge joins
            for b in fitting(word):
                if parent[b] == root or cards.find(b) == root:
                    continue
                if fits_beyond_firsts(groups[a].name, groups[b].name, typo=True):
                    edge = _edge(groups, (a, b), TYPO, reason)
                    if edge:
                        yield edge
                        root = cards.find(a)


class _FirstNames:
    """Groups (in order) by the first name or initial their names begin with,
    so that a name meets only those whose first names may fit its own (as
    `names_fit` asks first): a surname's spellings bear a few first names,
    each worked out once per surname, not once per surname one slip away."""

    def __init__(
        self, groups: list[Group], members: Iterable[int], agree: _Agreeing
    ) -> None:
        self.agree = agree
        self.members = tuple(members)
        self.firsts = tuple(first_word(groups[i].name) for i in self.members)
        self.by_first: dict[str | None, list[int]] = defaultdict(list)
        for index, first in zip(self.members, self.firsts, strict=True):
            self.by_first[first].append(index)
        self.fitting: dict[str | None, list[int]] = {}

    def __call__(self, first: str | None) -> list[int]:
        """The groups whose first words may fit the first word `first`."""
        found = self.fitting.get(first)
        if found is None:
            found = self.fitting[first] = sorted(
                index
                for word in self.agree.among(first, self.by_first)
                for index in self.by_first[word]
            )
        return found


def contained_edges(groups: list[Group], cards: Cards) -> Iterator[Edge]:
    """Edges from a name to a longer one elsewhere that holds every word of it.

    Names from outside Russia keep no surname last (`Umar Patek` and `Umar
    Patek Abdullah Anshori`, `Kim Jong Un` and `Kim Jong-un`), so the shorter
    name's last word is looked for among all words of the longer one. Names
    with initials or a patronymic never join this way: their surname is known.
    """
    spelling = array("i", [-1]) * len(groups)  # each group's spelling, by number
    numbers: dict[tuple[str, ...], int] = {}
    members: list[array[int]] = []  # each spelling's groups, 4 bytes each
    known: dict[int, int] = {}  # a name's spelling (or -1) by the name's identity:
    for index, group in enumerate(groups):  # most groups share their name object
        name = group.name
        number = known.get(id(name))
        if number is None:
            number = known[id(name)] = (
                numbers.setdefault(name.parts, len(members)) if _plain(name) else -1
            )
            if number == len(members):
                members.append(array("i"))
        if number >= 0:
            spelling[index] = number
            members[number].append(index)
    del numbers, known  # tables of every name: the spellings are numbered now
    names = [groups[found[0]].name for found in members]
    holders = _Holders(_holding(names), names, members, cards)
    longer: list[array[int] | None] = [None] * len(members)
    parent = cards.parent  # most groups of a card point at its root: no need to find it
    for index, number in enumerate(spelling):
        if number < 0:
            continue
        found = longer[number]
        if found is None:  # names recur in many documents: compare once
            found = longer[number] = holders(number)
        if not found:
            continue
        root = cards.find(index)  # changes only where an edge joins
        for other in found:
            if parent[other] == root or cards.find(other) == root:
                continue
            reason = "every word of the name stands in the longer name"
            edge = _edge(groups, (index, other), CONTAINED, reason)
            if edge:
                yield edge
                root = cards.find(index)


def _holding(names: list[PersonName]) -> dict[str, list[int]]:
    """The spellings (by number) that hold a word, by its keys: only the keys
    of some name's last word, the only ones looked up (a first name's keys
    would otherwise be filed for every spelling that bears it)."""
    lasts = {key for name in names for key in name_word_keys(name.words[-1].text)}
    holding: dict[str, list[int]] = defaultdict(list)  # a spelling may recur
    filed: dict[str, set[str]] = {}  # a word's keys among them, once per word
    for number, name in enumerate(names):
        for part in name.words:
            keys = filed.get(part.text)
            if keys is None:
                keys = filed[part.text] = lasts.intersection(name_word_keys(part.text))
            for key in keys:
                holding[key].append(number)
    return holding


def _plain(name: PersonName) -> bool:
    """Whether a name is of written-out words only, two or more of them."""
    return (
        len(name.given) >= 1
        and not name.initials
        and name.patronymic is None
        and not is_patronymic(name.surname)
    )


UNKNOWN, SPLIT = -2, -1  # a spelling's card not looked at yet; not one card


class _Holders:
    """The groups, in order, whose names hold every word of a name and may be
    on another card (a name's words follow from how it is written, so one group
    stands for its spelling).

    Each spelling's words are summed up in their marks (`word_marks`): a word
    is among them exactly when some word of the spelling stands for it, so
    most spellings are told apart by a look at a set, without aligning them.
    The spellings that hold a last word are found once per last word (names
    of many people end in one surname). Two spellings whose groups are all on
    one card already (as most spellings of a person are, once names have
    joined) are not compared: no edge could come of it, since cards only grow.
    """

    def __init__(
        self,
        holding: dict[str, list[int]],
        names: list[PersonName],
        members: list[array[int]],
        cards: Cards,
    ) -> None:
        self.holding, self.names, self.members = holding, names, members
        self.cards = cards
        self.marks: dict[str, WordMarks] = {}
        self.spelt = [tuple(self._word(p.text) for p in n.words) for n in names]
        self.by_last: dict[str, tuple[int, ...]] = {}
        self.card = array("i", [UNKNOWN]) * len(names)

    def __call__(self, number: int) -> array[int]:
        """The groups whose spellings hold every word of spelling `number`."""
        name = self.names[number]
        found = self._found(name.words[-1].text)
        if not found:
            return array("i")
        spelt = self.spelt  # the marks of each word of each spelling
        marks = spelt[number]
        mine = self._card(number)
        root = self.cards.find(mine) if mine != SPLIT else SPLIT
        holding = array("i")
        for other in found:  # each word meets some word of the other spelling, first
            if (
                _meets(marks, spelt[other])
                and not self._on(root, other)
                and self._inside(name, other)
            ):
                holding.extend(self.members[other])
        return array("i", sorted(holding))

    def _found(self, last: str) -> tuple[int, ...]:
        """The spellings that hold a word with a key of the word `last`."""
        found = self.by_last.get(last)
        if found is None:
            holding = self.holding
            found = self.by_last[last] = tuple(
                {s for key in name_word_keys(last) for s in holding.get(key, ())}
            )
        return found

    def _on(self, root: int, number: int) -> bool:
        """Whether every group of spelling `number` is on the card `root` (which
        is SPLIT where a spelling's groups are not all on one card)."""
        card = self._card(number)
        return root != SPLIT and card != SPLIT and self.cards.find(card) == root

    def _card(self, number: int) -> int:
        """A group of the spelling if all its groups are on one card (they stay
        on one: the answer is kept), else SPLIT."""
        if self.card[number] == UNKNOWN:
            first, *rest = self.members[number]
            root = self.cards.find(first)
            united = all(self.cards.find(i) == root for i in rest)
            self.card[number] = first if united else SPLIT
        return self.card[number]

    def _inside(self, short: PersonName, number: int) -> bool:
        """Every word of `short` is aligned, as written, with a word of the
        spelling `number` (a short word such as `Un` counts as written, not as
        an initial)."""
        found = align(short.words, self.names[number].words, False)
        return (
            found.agrees
            and not found.left_a
            and all(
                score == SAME or _written(x) == _written(y)
                for x, y, score in found.pairs
            )
        )

    def _word(self, text: str) -> WordMarks:
        found = self.marks.get(text)
        if found is None:
            found = self.marks[text] = word_marks(text)
        return found


def _meets(short: tuple[WordMarks, ...], long: tuple[WordMarks, ...]) -> bool:
    """Whether each word of `short` meets some word of `long` (loops, not
    generators: asked of every spelling that holds a name's last word)."""
    if len(short) > len(long):
        return False
    for x in short:
        for y in long:
            if not x.isdisjoint(y):
                break
        else:
            return False
    return True


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
        if len(members) < 2:  # most deletions of a key are its own
            continue
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
    a, b = pair if pair[0] < pair[1] else (pair[1], pair[0])
    if groups[a].document != groups[b].document:
        return Edge(a, b, score, "machine", reason)
    return None
