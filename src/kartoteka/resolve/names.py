"""Person names: taken apart into their parts, and compared across spellings.

A name is given names, initials, patronymic and surname, in Latin or Cyrillic
script; Russian case endings are undone first (`Люшкова` → `Люшков`). Two
surnames are the same when their transliteration keys meet (see `translit`);
given names may also differ by one letter (`Aleksandr`/`Alexander`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rapidfuzz.distance import DamerauLevenshtein

from kartoteka.resolve.translit import english_key, is_cyrillic, word_keys

NAME_PARTICLES = {"von", "van", "de", "der", "la", "le", "di", "da", "del", "du", "ibn"}
INITIAL = re.compile(r"^[A-ZА-ЯЁ][a-zа-яё]?\.$|^[A-ZА-ЯЁ]$")
PATRONYMIC = re.compile(
    r"(?:ovich|evich|ich|ovna|evna|ichna|ович|евич|ич|овна|евна|ична)$"
)
# Russian surnames change their ending with gender: Orlov/Orlova are two people.
GENDER_PAIRS = (
    ("ov", "ova"),
    ("ev", "eva"),
    ("in", "ina"),
    ("sky", "skaya"),
    ("skii", "skaia"),
    ("ий", "ая"),
    ("ов", "ова"),
    ("ев", "ева"),
    ("ин", "ина"),
)


@dataclass(frozen=True)
class PersonName:
    """A person name taken apart: given names, initials, patronymic, surname."""

    given: tuple[str, ...]
    initials: tuple[str, ...]
    patronymic: str | None
    surname: str

    @property
    def keys(self) -> frozenset[str]:
        """Transliteration keys of the surname (and of each part of a double name)."""
        return surname_keys(self.surname)

    @property
    def first_initial(self) -> str | None:
        first = (
            self.given[0] if self.given else (self.initials[0] if self.initials else "")
        )
        key = english_key(first.rstrip(".")) if first else ""
        return key[:1] or None

    @property
    def full(self) -> bool:
        return bool(self.given or self.initials)


@lru_cache(maxsize=100_000)
def _initial_of(word: str) -> str | None:
    key = english_key(word.rstrip(".")) if word else ""
    return key[:1] or None


@cache
def _morph() -> Any:
    from natasha import MorphVocab

    return MorphVocab()


@lru_cache(maxsize=100_000)
def nominatives(word: str) -> tuple[str, ...]:
    """The word and every nominative it may be an inflection of (`Люшкова` → `Люшков`).

    Russian name forms are ambiguous (`Люшкова` is also a woman's surname), so
    all readings are kept and matched; a Latin word is returned as it is.
    """
    if not is_cyrillic(word) or not word[:1].isupper():
        return (word,)
    import pymorphy2

    parses = pymorphy2.MorphAnalyzer.parse(_morph(), word.lower())
    named = [p for p in parses if {"Surn", "Name", "Patr"} & set(p.tag.grammemes)]
    lemmas = [str(p.normal_form).capitalize() for p in (named or parses)]
    return tuple(dict.fromkeys([word, *lemmas]))


@lru_cache(maxsize=200_000)
def name_word_keys(word: str) -> frozenset[str]:
    """Transliteration keys of a name word in all its possible nominatives."""
    return frozenset(key for form in nominatives(word) for key in word_keys(form))


@lru_cache(maxsize=200_000)
def surname_keys(surname: str) -> frozenset[str]:
    """Keys of a surname; a double-barrelled one also answers to its parts."""
    keys = set(name_word_keys(surname))
    if "-" in surname.strip("-"):
        for part in surname.split("-"):
            if len(part) > 2:
                keys |= name_word_keys(part)
    return frozenset(keys)


def _is_initial(token: str) -> bool:
    return bool(INITIAL.match(token))


def _split_initials(token: str) -> list[str]:
    """`G.S.` and `B.N.` are two initials written without a space."""
    if re.fullmatch(r"(?:[A-ZА-ЯЁ]\.){2,3}", token):
        return [part + "." for part in token.split(".") if part]
    return [token]


@lru_cache(maxsize=200_000)
def parse_name(name: str) -> PersonName:
    """Take a person name apart; the last non-initial word is the surname.

    The bibliographic order `Zemskov, V.` is read as `V. Zemskov`.
    """
    if "," in name:
        head, _, tail = name.partition(",")
        name = f"{tail.strip()} {head.strip()}"
    tokens: list[str] = []
    for raw in name.replace("\u00a0", " ").split():
        tokens.extend(_split_initials(raw.strip(",")))
    tokens = [t for t in tokens if t and t.lower() not in NAME_PARTICLES]
    if not tokens:
        return PersonName((), (), None, name)
    initials = tuple(t for t in tokens if _is_initial(t))
    words = [t for t in tokens if not _is_initial(t)]
    if not words:
        return PersonName((), initials[:-1], None, initials[-1])
    surname = words[-1]
    rest = words[:-1]
    patronymic = None
    if len(rest) >= 2 and PATRONYMIC.search(rest[-1].lower()):
        patronymic = rest.pop()
    return PersonName(tuple(rest), initials, patronymic, surname)


def same_surname(a: PersonName, b: PersonName) -> bool:
    """Whether two surnames are one, in any scheme or script."""
    return bool(a.keys & b.keys)


@lru_cache(maxsize=500_000)
def typo_of(a: str, b: str) -> bool:
    """Whether two surnames differ by one slip of the pen (`Berzen`/`Berzin`).

    Short names and gendered pairs (`Orlov`/`Orlova`) never count as typos.
    """
    ka, kb = english_key(a), english_key(b)
    if min(len(ka), len(kb)) < 5 or ka[0] != kb[0]:
        return False
    if _gender_pair(a.lower(), b.lower()):
        return False
    return DamerauLevenshtein.distance(ka, kb) <= 1


def _gender_pair(a: str, b: str) -> bool:
    for masculine, feminine in GENDER_PAIRS:
        for x, y in ((a, b), (b, a)):
            stem = x[: -len(masculine)]
            if (
                x.endswith(masculine)
                and y.endswith(feminine)
                and stem == y[: -len(feminine)]
            ):
                return True
    return False


def same_given(a: str, b: str) -> bool:
    """Given names that are one across spellings (`Nikolay`/`Николай`, `Ian`/`Yan`)."""
    if name_word_keys(a) & name_word_keys(b):
        return True
    ka, kb = english_key(a), english_key(b)
    return len(ka) > 3 and DamerauLevenshtein.distance(ka, kb) <= 1


@lru_cache(maxsize=1_000_000)
def compatible(a: PersonName, b: PersonName, typo: bool = False) -> bool:
    """Whether two names could be one person: same surname, nothing that clashes.

    Initials, first names and patronymics that disagree keep names apart.
    """
    if not same_surname(a, b) and not (typo and typo_of(a.surname, b.surname)):
        return False
    ia, ib = a.first_initial, b.first_initial
    if ia and ib and ia != ib:
        return False
    if a.given and b.given and not same_given(a.given[0], b.given[0]):
        return False
    if a.patronymic and b.patronymic and not same_given(a.patronymic, b.patronymic):
        return False
    return _second_initials_agree(a, b)


def _second_initials_agree(a: PersonName, b: PersonName) -> bool:
    """`A. G. Orlov` and `A. M. Orlov` differ in the patronymic's initial."""
    second_a = _patronymic_initial(a)
    second_b = _patronymic_initial(b)
    return not (second_a and second_b and second_a != second_b)


def _patronymic_initial(name: PersonName) -> str | None:
    if name.patronymic:
        return english_key(name.patronymic)[:1]
    initials = list(name.initials)
    if name.given and initials:
        return english_key(initials[0].rstrip("."))[:1]
    if len(initials) >= 2:
        return english_key(initials[1].rstrip("."))[:1]
    return None


def names_match(a: str, b: str) -> bool:
    """Whether two written names could be one person (the matcher on its own)."""
    return compatible(parse_name(a), parse_name(b), typo=True)
