"""Whether two names could be one person: their words aligned one by one.

Two names are aligned in order (first names, patronymic, surname), each word
with at most one word of the other name: the same word in any scheme or script,
an equivalent first name (`Lev`/`Leon`, data in `given_names.yaml`), an initial
and the word it stands for, or a word one slip of the pen away. Words left
over on one side only are detail the other name leaves out (`Nikolai Yezhov`
and `Nikolai Ivanovich Yezhov`); words left over on both sides disagree
(`A. G. Orlov` and `A. M. Orlov`, `Sergey Viktorovich` and `Sergey Borisovich`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from rapidfuzz.distance import DamerauLevenshtein

from kartoteka import data
from kartoteka.resolve.names import (
    Part,
    PersonName,
    gender_pair,
    is_initial,
    is_patronymic,
    name_word_keys,
    parse_name,
    same_surname,
    typo_of,
)
from kartoteka.resolve.translit import english_key

INITIAL = 0.5
NEAR = 0.8
SAME = 1.0


@cache
def _given_groups() -> dict[str, frozenset[int]]:
    """Transliteration key → the equivalence groups of first names it spells."""
    groups: dict[str, set[int]] = defaultdict(set)
    for number, names in enumerate(data.load("given_names.yaml")["groups"]):
        for name in names:
            for key in name_word_keys(str(name)):
                groups[key].add(number)
    return {key: frozenset(found) for key, found in groups.items()}


def _groups_of(word: str) -> frozenset[int]:
    """The first-name groups a word may spell."""
    table = _given_groups()
    return frozenset(g for key in name_word_keys(word) for g in table.get(key, ()))


class _Word(NamedTuple):
    """All that `word_score` asks of one word, worked out once per word: the
    words of names are few (some thousands for a million mentions), the pairs
    of them many, so a pair not met before is told by a look at two of these."""

    initial: bool
    letter: str  # the initial it stands for, or begins with (`_initial`)
    keys: frozenset[str]
    groups: frozenset[int]
    english: str


@lru_cache(maxsize=200_000)
def _word(word: str) -> _Word:
    return _Word(
        is_initial(word),
        _initial(word),
        name_word_keys(word),
        _groups_of(word),
        english_key(word),
    )


@lru_cache(maxsize=100_000)
def word_score(a: str, b: str, surname: bool, typo: bool) -> float:
    """How well two words of a name stand for each other; 0 when they do not.

    A surname may differ by a slip of the pen only when `typo` allows it; a
    first name or patronymic always may (`Aleksandr`/`Alexander`).
    """
    x, y = _word(a), _word(b)
    if x.initial or y.initial:
        return INITIAL if x.letter == y.letter else 0.0
    if not x.keys.isdisjoint(y.keys):
        return SAME
    if not x.groups.isdisjoint(y.groups):
        return SAME
    if surname:
        return NEAR if typo and typo_of(a, b) else 0.0
    ka, kb = x.english, y.english
    near = (  # keys of lengths two apart are two edits apart at least
        len(ka) > 3
        and -1 <= len(ka) - len(kb) <= 1
        and DamerauLevenshtein.distance(ka, kb) <= 1
    )
    return NEAR if near and not gender_pair(a.lower(), b.lower()) else 0.0


WordMarks = frozenset[str | int]
"""What tells whether two words are the same word to `word_score`, or written
alike, in one set: keys, first-name groups (none for an initial) and the
written word behind a NUL (no key begins with one). Two words meet exactly when
their sets do: a look at two sets, not three."""


def word_marks(word: str) -> WordMarks:
    """A word's marks (`WordMarks`): an initial stands only for itself written."""
    written = "\0" + word.rstrip(".").lower()
    found = _word(word)
    if found.initial:
        return frozenset((written,))
    return found.keys | found.groups | {written}


def _initial(word: str) -> str:
    return english_key(word.rstrip("."))[:1]


@dataclass(frozen=True)
class Alignment:
    """Pairs of aligned words, and the words of each name left over."""

    pairs: tuple[tuple[Part, Part, float], ...]
    left_a: tuple[Part, ...]
    left_b: tuple[Part, ...]

    first_a: Part | None
    first_b: Part | None

    @property
    def agrees(self) -> bool:
        """Some word (not only initials) is shared and nothing disagrees.

        Where both names give a first name (or its initial), those two must be
        the ones aligned: `S. M. Shpigel'glaz` is not `Mikhail Shpiegelglass`.
        """
        shared = any(score >= NEAR for _, _, score in self.pairs)
        if not shared or (self.left_a and self.left_b):
            return False
        if self.first_a is None or self.first_b is None:
            return True
        return any(x is self.first_a and y is self.first_b for x, y, _ in self.pairs)


def align(a: tuple[Part, ...], b: tuple[Part, ...], typo: bool) -> Alignment:
    """The best order-keeping alignment of two names' words (dynamic programming)."""
    return _alignment(a, b, _rows(_scores(a, b, typo), a, b))


Verdict = tuple[tuple[float, ...], tuple[bool, ...], tuple[bool, ...], bool, bool]
"""All that `align(a, b, typo).agrees` follows from, where no word object
stands twice in a name (the alignment tells words apart by identity): every
pair of words' score, row by row, which words are halves of a double surname
(their number is the length of a name) and whether each name gives a first
word to align (`_first`)."""

_verdicts: dict[Verdict, bool] = {}


def aligned(a: tuple[Part, ...], b: tuple[Part, ...], typo: bool) -> bool:
    """`align(a, b, typo).agrees`, worked out once per `Verdict`: a few dozen
    of them answer a million pairs of names (first name, patronymic and
    surname, each fitting its like or nothing)."""
    flat = _scores(a, b, typo)
    if len({*map(id, a)}) < len(a) or len({*map(id, b)}) < len(b):
        return _agrees(a, b, flat)
    halves_a = tuple([p.optional for p in a])
    halves_b = tuple([p.optional for p in b])
    key = (flat, halves_a, halves_b, _first(a) is None, _first(b) is None)
    found = _verdicts.get(key)
    if found is None:
        found = _verdicts[key] = _agrees(a, b, flat)
    return found


def _agrees(a: tuple[Part, ...], b: tuple[Part, ...], flat: tuple[float, ...]) -> bool:
    """`align(...).agrees` from the scores in rows (`aligned`): a word on each
    side that stands for no word of the other is left over on both sides,
    which disagrees, so most names of two people (`Ivan Petrovich`, `Ivan
    Sergeyevich`) are told apart before the alignment is sought."""
    scores = _rows(flat, a, b)
    if _unmatched(a, scores) and _unmatched(b, list(zip(*scores, strict=True))):
        return False
    return _alignment(a, b, scores).agrees


def _unmatched(words: tuple[Part, ...], rows: Sequence[Sequence[float]]) -> bool:
    """Some word fits no word of the other name, and is left over when aligned
    (the half of a double surname may not be)."""
    paired = zip(words, rows, strict=True)
    return any(not any(row) and not p.optional for p, row in paired)


def _scores(a: tuple[Part, ...], b: tuple[Part, ...], typo: bool) -> tuple[float, ...]:
    """Every pair of words scored, row by row (`_scored`, written out: asked
    of each pair of words of each pair of names compared)."""
    return tuple(
        [
            word_score(
                x.text,
                y.text,
                x.surname and y.surname,
                x.surname and y.surname and typo,
            )
            for x in a
            for y in b
        ]
    )


def _rows(
    flat: tuple[float, ...], a: tuple[Part, ...], b: tuple[Part, ...]
) -> list[list[float]]:
    """The scores of `a`'s and `b`'s words (`_scores`), a row per word of `a`."""
    width = len(b)
    return [list(flat[i * width : (i + 1) * width]) for i in range(len(a))]


def _alignment(
    a: tuple[Part, ...], b: tuple[Part, ...], scores: list[list[float]]
) -> Alignment:
    pairs = _one_word(a, b, scores) if 1 in (len(a), len(b)) else _best(a, b, scores)
    return Alignment(
        tuple(pairs),
        _left_over(a, {id(x) for x, _, _ in pairs}),
        _left_over(b, {id(y) for _, y, _ in pairs}),
        _first(a),
        _first(b),
    )


def _scored(x: Part, y: Part, typo: bool) -> float:
    surname = x.surname and y.surname
    return word_score(x.text, y.text, surname, typo and surname)


Pairs = list[tuple[Part, Part, float]]


def _one_word(
    a: tuple[Part, ...], b: tuple[Part, ...], scores: list[list[float]]
) -> Pairs:
    """Where one name is one word (a surname alone, most often), the best
    alignment pairs it with the first word it fits best, if any."""
    line = [score for row in scores for score in row]
    top = max(line, default=0.0)
    if not top:
        return []
    at = line.index(top)
    return [(a[at // len(b)], b[at % len(b)], top)]


def _best(a: tuple[Part, ...], b: tuple[Part, ...], scores: list[list[float]]) -> Pairs:
    n, m = len(a), len(b)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            score = scores[i][j]
            paired = best[i + 1][j + 1] + score if score else 0.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], paired)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        score = scores[i][j]
        if score and best[i][j] == best[i + 1][j + 1] + score:
            pairs.append((a[i], b[j], score))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _left_over(name: tuple[Part, ...], used: set[int]) -> tuple[Part, ...]:
    """Unaligned words, but not the half of a double surname whose other half is."""
    double_met = any(p.optional and id(p) in used for p in name)
    return tuple(
        p for p in name if id(p) not in used and not (p.optional and double_met)
    )


def _first(name: tuple[Part, ...]) -> Part | None:
    return name[0] if name and not name[0].surname else None


def first_word(name: PersonName) -> str | None:
    """The first name or initial `names_fit` compares first, if the name has one."""
    first = _first(name.words)
    return first.text if first else None


def firsts_agree(a: str | None, b: str | None) -> bool:
    """Whether two names' first words (`first_word`) let the names fit at all."""
    return a is None or b is None or bool(word_score(a, b, False, False))


@lru_cache(maxsize=100_000)
def compatible(a: PersonName, b: PersonName, typo: bool = False) -> bool:
    """`names_fit`, remembered: documents bring the same pairs of names again."""
    return names_fit(a, b, typo)


def forget_pairs() -> None:
    """Drop the remembered comparisons of pairs of names (some tens of MB
    when full, as for a million mentions), once the comparisons they served
    are made: after the grouping of documents, and after the joins."""
    compatible.cache_clear()
    word_score.cache_clear()
    _word.cache_clear()
    typo_of.cache_clear()


def names_fit(a: PersonName, b: PersonName, typo: bool = False) -> bool:
    """Whether two names could be one person: a shared surname, nothing that clashes.

    Initials, first names and patronymics that disagree keep names apart.
    """
    if not _firsts_fit(a.words, b.words):  # the cheapest to tell apart
        return False
    return fits_beyond_firsts(a, b, typo)


def fits_beyond_firsts(a: PersonName, b: PersonName, typo: bool = False) -> bool:
    """`names_fit` for names whose first words are known to fit (`firsts_agree`):
    the surnames, then the alignment of all words."""
    return _surnames_fit(a, b, typo) and fits_beyond_surnames(a, b, typo)


def fits_beyond_surnames(a: PersonName, b: PersonName, typo: bool = False) -> bool:
    """`fits_beyond_firsts` for names whose surnames are known to fit as well
    (`same_surname`, as for names that share a surname's key): the alignment
    of all words."""
    if _surname_alone(a.words) or _surname_alone(b.words):  # most often, in a document
        return any(  # the surnames first: they most often decide it
            _scored(x, y, typo) >= NEAR
            for x in reversed(a.words)
            for y in reversed(b.words)
        )
    return aligned(a.words, b.words, typo)


def _surname_alone(words: tuple[Part, ...]) -> bool:
    """A name of one word, its surname: the alignment agrees exactly when some
    word of the other name stands for it (`_one_word` pairs it with the best, it
    leaves nothing over, and it gives no first name to align)."""
    return len(words) == 1 and words[0].surname


def _surnames_fit(a: PersonName, b: PersonName, typo: bool) -> bool:
    """The surnames are one (or one slip apart, if `typo`), where both names
    give a surname."""
    if not (a.full and b.full) or _given_only(a) or _given_only(b):
        return True
    return same_surname(a, b) or (typo and typo_of(a.surname, b.surname))


def _firsts_fit(a: tuple[Part, ...], b: tuple[Part, ...]) -> bool:
    """Whether the first names (or initials) could be aligned, when both give
    one: the alignment agrees only if they are (`Alignment.agrees`), and most
    names that share a surname differ here, so this answers them without it."""
    first_a, first_b = _first(a), _first(b)
    if first_a is None or first_b is None:
        return True
    return bool(word_score(first_a.text, first_b.text, False, False))


def _given_only(name: PersonName) -> bool:
    """`Genrikh Grigoryevich`: first name and patronymic, the surname not given."""
    return is_patronymic(name.surname)


@lru_cache(maxsize=100_000)
def names_match(a: str, b: str) -> bool:
    """Whether two written names could be one person (the matcher on its own).

    The words may stand in any order where the first try fails
    (`Salman Mohammed` for `Mohammed Salman`).
    """
    first, second = parse_name(a).words, parse_name(b).words
    if align(first, second, True).agrees:
        return True
    if len(second) < 2:
        return False
    turned = (second[-1], *second[:-1])
    return align(first, turned, True).agrees or align(first, second[::-1], True).agrees
