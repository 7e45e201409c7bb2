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

import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from kartoteka import data

CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
SIGNS = {"ъ", "ь"}
SPELLING_MAX = 7


@dataclass(frozen=True)
class Family:
    """One family of schemes: Latin spellings → Cyrillic letters, and letter classes."""

    name: str
    spellings: dict[str, str]
    classes: dict[str, str]


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


def is_cyrillic(word: str) -> bool:
    return any("а" <= c <= "я" or c == "ё" for c in word.lower())


def _collapse(letters: list[str]) -> str:
    out: list[str] = []
    for letter in letters:
        if not out or out[-1] != letter:
            out.append(letter)
    return "".join(out)


def _latin_letters(word: str, family: Family) -> list[str]:
    """Segment a Latin spelling by longest match into the Cyrillic letters it spells."""
    letters: list[str] = []
    i = 0
    while i < len(word):
        for size in range(min(SPELLING_MAX, len(word) - i), 0, -1):
            piece = word[i : i + size]
            if piece in family.spellings:
                letters.extend(family.spellings[piece])
                i += size
                break
        else:
            base = unicodedata.normalize("NFKD", word[i])[0]
            if base.isalpha():
                letters.append(base)
            i += 1
    return letters


def _fold(letters: Sequence[str], family: Family) -> str:
    """Letters to the family's classes, signs dropped and doubled letters collapsed.

    An и before я, е, ё or ю is dropped: Latin `ia`, `ie` spell both `я` and
    `ия` (`Beria`/`Берия`, `Zinoviev`/`Зиновьев`).
    """
    classes = family.classes
    iotated = {classes[c] for c in "яеёю"}
    kept = [classes.get(c, c) for c in letters if c not in SIGNS]
    kept = [
        c
        for i, c in enumerate(kept)
        if not (c == classes["и"] and kept[i + 1 : i + 2] and kept[i + 1] in iotated)
    ]
    return _collapse(kept)


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Family-tagged keys of one word; two spellings of a name share at least one.

    A Latin word is read with every family's spellings and each reading folded
    with every family's classes, so that `Francewicz` (Polish) and `Frantsevich`
    (English) meet although no one family spells both.
    """
    lowered = unicodedata.normalize("NFC", word.lower().replace("’", "'"))
    if is_cyrillic(lowered):
        readings = [tuple(c for c in lowered if c in CYRILLIC_LETTERS)]
    else:
        latin = {lowered, _plain(lowered)}
        # Families often read a word alike: each distinct reading is folded once.
        readings = list(
            dict.fromkeys(
                tuple(_latin_letters(w, f)) for f in families() for w in latin
            )
        )
    return frozenset(  # spellings of a name share most keys: one string each
        sys.intern(f"{f.name}:{_fold(letters, f)}")
        for f in families()
        for letters in readings
    )


@lru_cache(maxsize=200_000)
def english_key(word: str) -> str:
    """The key in the first (English-style) family, for typo comparison and display."""
    lowered = unicodedata.normalize("NFC", word.lower().replace("’", "'"))
    first = families()[0]
    if is_cyrillic(lowered):
        return _fold([c for c in lowered if c in CYRILLIC_LETTERS], first)
    return _fold(_latin_letters(_plain(lowered), first), first)
