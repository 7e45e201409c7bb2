"""Folding keys for names, equal across transliteration schemes and scripts.

The schemes are data (`data/transliteration/schemes.yaml`): for each family of
schemes we learn, from the schemes themselves, every Latin spelling of every
Cyrillic letter. Letters that share a spelling within a family fall into one
class (е/ё/э, и/й/ы), and a word's key in that family is the sequence of its
letters' classes. A Latin word is read by longest match over the family's
spellings; a Cyrillic word maps straight to classes. `Ezhov`, `Yezhov`, `Ežov`,
`Jeschow`, `Iejov` and `Ежов` share a key in at least one family.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import itemgetter

from kartoteka import data

CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
SIGNS = {"ъ", "ь"}
SPELLING_MAX = 7


@dataclass(frozen=True)
class Family:
    """One family of schemes: Latin spellings → Cyrillic letters, and letter classes.

    `reader` finds the longest spelling at each place of a word (or one letter
    no spelling starts), `letters` reads what it found, `table` turns letters
    into their classes and drops the signs, `dropped` finds an и read into the
    next vowel: tens of thousands of distinct words are read with each family,
    so the reading runs in C.
    """

    name: str
    spellings: dict[str, str]
    classes: dict[str, str]
    reader: re.Pattern[str] = field(init=False, repr=False, compare=False)
    letters: _Letters = field(init=False, repr=False, compare=False)
    table: dict[int, str | None] = field(init=False, repr=False, compare=False)
    dropped: re.Pattern[str] = field(init=False, repr=False, compare=False)
    tag: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        usable = [s for s in self.spellings if 0 < len(s) <= SPELLING_MAX]
        longest_first = sorted(usable, key=len, reverse=True)
        reader = "|".join(map(re.escape, longest_first)) + "|."
        table: dict[int, str | None] = {ord(c): k for c, k in self.classes.items()}
        table.update(dict.fromkeys(map(ord, SIGNS)))
        # between readings (`_tagged_folds`): kept, not missed each time
        table[ord("\n")] = "\n"
        iotated = "".join(sorted({self.classes[c] for c in "яеёю"}))
        before = f"{re.escape(self.classes['и'])}(?=[{re.escape(iotated)}])"
        object.__setattr__(self, "reader", re.compile(reader, re.DOTALL))
        object.__setattr__(self, "letters", _Letters(self.spellings))
        object.__setattr__(self, "table", table)
        object.__setattr__(self, "dropped", re.compile(before))
        object.__setattr__(self, "tag", f"{self.name}:")


class _Letters(dict[str, str]):
    """A family's spellings → the Cyrillic letters they spell; a character no
    spelling starts reads as itself without its accent, if it is a letter
    (worked out once per character)."""

    def __missing__(self, other: str) -> str:
        base = unicodedata.normalize("NFKD", other)[0]
        found = self[other] = base if base.isalpha() else ""
        return found


def _iuliia_spellings(schema_name: str) -> dict[str, set[str]]:
    """Each Cyrillic letter's Latin spellings in one iuliia schema, four positions."""
    import iuliia

    schema = getattr(iuliia, schema_name.upper())
    found: dict[str, set[str]] = {}
    for letter in CYRILLIC_LETTERS:
        for before, after in (("", "ба"), ("б", "б"), ("а", "а"), ("а", "")):
            left = schema.translate(before)
            right = schema.translate(after)
            whole = schema.translate(before + letter + after)
            if whole.startswith(left) and whole.endswith(right):
                middle = whole[len(left) : len(whole) - len(right)].lower()
                middle = unicodedata.normalize("NFC", middle)
                found.setdefault(letter, set()).add(middle)
    return found


def _classes(letter_spellings: dict[str, set[str]]) -> dict[str, str]:
    """Union Cyrillic letters that share a Latin spelling; map each to its class."""
    parent = {letter: letter for letter in CYRILLIC_LETTERS}

    def find(letter: str) -> str:
        while parent[letter] != letter:
            letter = parent[letter]
        return letter

    owner: dict[str, str] = {}
    for letter, spellings in letter_spellings.items():
        if len(letter) != 1 or letter in SIGNS:
            continue
        for spelling in spellings:
            if spelling in owner:
                a, b = find(owner[spelling]), find(letter)
                parent[max(a, b)] = min(a, b)
            else:
                owner[spelling] = letter
    return {letter: find(letter) for letter in CYRILLIC_LETTERS if letter not in SIGNS}


@cache
def families() -> tuple[Family, ...]:
    """The scheme families, learnt from iuliia and the bundled extra tables."""
    loaded = data.load("transliteration/schemes.yaml")["families"]
    result = []
    for name, spec in loaded.items():
        letter_spellings: dict[str, set[str]] = {}
        for schema in spec.get("iuliia", []):
            for letter, found in _iuliia_spellings(schema).items():
                letter_spellings.setdefault(letter, set()).update(found)
        for letters, spellings in (spec.get("extra") or {}).items():
            letter_spellings.setdefault(letters, set()).update(spellings)
        spelling_to_letters: dict[str, str] = {}
        for letters, spellings in sorted(
            letter_spellings.items(), key=lambda kv: len(kv[0])
        ):
            for spelling in spellings:
                spelling_to_letters.setdefault(spelling, letters)
        classes = _classes(letter_spellings)
        result.append(Family(name, spelling_to_letters, classes))
    return tuple(result)


def _plain(word: str) -> str:
    """Latin letters without their accents; any other script in Latin letters.

    Accents that a scheme reads (`š`, `ł`) are read before they are dropped;
    Georgian, Armenian, Greek, Hebrew or Chinese names are romanised by
    `anyascii` so that they can meet their Latin spelling at least roughly.
    """
    from anyascii import anyascii

    return anyascii(word).lower()


CYRILLIC = re.compile("[а-яё]")


def is_cyrillic(word: str) -> bool:
    return CYRILLIC.search(word.lower()) is not None


DOUBLED = re.compile(r"(.)\1+", re.DOTALL)
_repeated = itemgetter(1)  # `\1` without expanding a template in Python


def _latin_letters(word: str, family: Family) -> str:
    """Segment a Latin spelling by longest match into the Cyrillic letters it spells."""
    return "".join(map(family.letters.__getitem__, family.reader.findall(word)))


def _fold(letters: str, family: Family) -> str:
    """Letters to the family's classes, signs dropped and doubled letters collapsed.

    An и before я, е, ё or ю is dropped: Latin `ia`, `ie` spell both `я` and
    `ия` (`Beria`/`Берия`, `Zinoviev`/`Зиновьев`).
    """
    kept = family.dropped.sub("", letters.translate(family.table))
    return DOUBLED.sub(_repeated, kept)


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Family-tagged keys of one word; two spellings of a name share at least one.

    A Latin word is read with every family's spellings and each reading folded
    with every family's classes, so that `Francewicz` (Polish) and `Frantsevich`
    (English) meet although no one family spells both.
    """
    lowered = unicodedata.normalize("NFC", word.lower().replace("’", "'"))
    if is_cyrillic(lowered):
        readings = ["".join(c for c in lowered if c in CYRILLIC_LETTERS)]
    else:
        latin = {lowered, _plain(lowered)}
        # Families often read a word alike: each distinct reading is folded once.
        readings = list(
            dict.fromkeys(_latin_letters(w, f) for f in families() for w in latin)
        )
    # spellings of a name share most keys: one string each
    return frozenset(map(sys.intern, _tagged_folds(readings)))


def _tagged_folds(readings: list[str]) -> list[str]:
    """Each reading folded (`_fold`) in each family and tagged with the
    family's name (`english:ежов`), all of them in one text, a line each: the
    letters are translated once per family rather than per reading and family.
    Lines that fold away to nothing merge: then each is folded on its own."""
    count = len(readings)
    joined = "\n".join(readings)
    if joined.count("\n") == count - 1:  # no reading breaks a line itself
        tagged = "\n".join(
            [f.tag + _tagged_lines(joined.translate(f.table), f) for f in families()]
        ).split("\n")
        if len(tagged) == count * len(families()):
            return tagged
    return [f.tag + _fold(letters, f) for f in families() for letters in readings]


def _tagged_lines(translated: str, family: Family) -> str:
    """Translated lines (`_fold`) with the signs and doubled letters dropped,
    each line after the first tagged with the family's name."""
    kept = DOUBLED.sub(_repeated, family.dropped.sub("", translated))
    return kept.replace("\n", "\n" + family.tag)


@lru_cache(maxsize=200_000)
def english_key(word: str) -> str:
    """The key in the first (English-style) family, for typo comparison and display."""
    lowered = unicodedata.normalize("NFC", word.lower().replace("’", "'"))
    first = families()[0]
    if is_cyrillic(lowered):
        return _fold("".join(c for c in lowered if c in CYRILLIC_LETTERS), first)
    return _fold(_latin_letters(_plain(lowered), first), first)
