"""Person names: taken apart into their parts, and compared across spellings.

A name is given names, initials, patronymic and surname, in Latin or Cyrillic
script; Russian case endings are undone first (`Люшкова` → `Люшков`). Two
surnames are the same when their transliteration keys meet (see `translit`);
given names may also differ by one letter (`Aleksandr`/`Alexander`).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import chain, repeat
from typing import Any

from rapidfuzz.distance import DamerauLevenshtein

from kartoteka import data
from kartoteka.ingest.normalise import reading_form
from kartoteka.resolve.translit import english_key, is_cyrillic, word_keys

INITIAL = re.compile(r"^[A-ZА-ЯЁ][a-zа-яё]?\.$|^[A-ZА-ЯЁ]$")
GLUED_INITIALS = re.compile(r"(?:[A-ZА-ЯЁ][a-zа-яё]?\.-?){2,3}")
CAMEL_JOIN = re.compile(r"(?<=[a-zа-яё]{3})(?=[A-ZА-ЯЁ][a-zа-яё]{2})")
BALTIC_NOMINATIVE = re.compile(r"[a-zšžņļķģč]{3}[bcdfghjklmnprtvzšžņļķģč]s$")
# A pattern, not a `str.translate` table: translate pays for every character
# it does not find in the table with an exception.
STRESS_MARKS = re.compile("[\u0300\u0301]")
# Another form of a word glued to it in brackets: `Яков(Янкель)`.
VARIANT = re.compile(r"(?<=\w)\([^()\s]+\)")
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
FEMININE = tuple(feminine for _, feminine in GENDER_PAIRS)


@cache
def _names_data() -> dict[str, list[str]]:
    loaded: dict[str, list[str]] = data.load("names.yaml")
    return loaded


@cache
def _patronymic() -> re.Pattern[str]:
    endings = sorted(_names_data()["patronymic_endings"], key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, endings)) + ")$")


@cache
def particles() -> frozenset[str]:
    """Particles a matcher passes over (`al`, `bin`, `von`)."""
    return frozenset(_names_data()["matching_particles"])


@cache
def _honorifics() -> frozenset[str]:
    return frozenset(w.lower() for w in _names_data()["honorifics"])


def is_patronymic(word: str) -> bool:
    """A word with a patronymic's ending in any scheme (`-ovich`, `-ович`)."""
    return len(word) > 5 and bool(_patronymic().search(word.lower()))


@dataclass(frozen=True, slots=True)
class Part:
    """One word of a name, and whether it belongs to the surname.

    `optional` marks one half of a double surname (`Tyrkova-Williams`): a
    name that gives only the other half leaves it out, it does not disagree.
    """

    text: str
    surname: bool
    optional: bool = False


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person name taken apart: given names, initials, patronymic, surname.

    `parts` are all its words in the order first names, patronymic, surname,
    which is how two names are aligned word by word.
    """

    given: tuple[str, ...]
    initials: tuple[str, ...]
    patronymic: str | None
    surname: str
    parts: tuple[str, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        """Transliteration keys of the surname (and of each part of a double name)."""
        return surname_keys(self.surname)

    words: tuple[Part, ...] = field(init=False, repr=False, compare=False)
    hashed: int = field(init=False, repr=False, compare=False)
    full: bool = field(init=False, repr=False, compare=False)  # not a surname alone

    def __post_init__(self) -> None:
        """The words the matcher aligns, the hash and whether the name is full
        (asked of every mention), worked out once per name: a name met in a
        thousand documents is one object (`parse_name`) compared often, and
        looked up in the matcher's memory on each comparison."""
        object.__setattr__(self, "words", _words(self.parts))
        fields = (self.given, self.initials, self.patronymic, self.surname, self.parts)
        object.__setattr__(self, "hashed", hash(fields))
        object.__setattr__(self, "full", bool(self.given or self.initials))

    def __hash__(self) -> int:
        return self.hashed


def _words(tokens: tuple[str, ...]) -> tuple[Part, ...]:
    """The name's words, hyphenated ones split (`Jean-Claude`, `Moskvin-Trilisser`).

    Particles go (`al-Assad`); a double surname is two capitalised halves, not a
    Korean given name (`Myong-sik`). Hyphenated letters (`Zh.-V`) are initials,
    a short word on its own (`Ян`) is a first name. Names share the Parts of a
    word; a word that recurs within one name gets a Part of its own, since the
    matcher tells a name's words apart by identity.
    """
    if not tokens:
        return ()
    *first, last = tokens
    words = [*chain.from_iterable(map(_pieces, first, repeat(False)))]
    words += _pieces(last, True)
    # only a recurring word shares its Parts
    if first and len(set(tokens)) < len(tokens):
        seen: set[int] = set()
        for index, part in enumerate(words):
            if id(part) in seen:
                words[index] = Part(part.text, part.surname, part.optional)
            seen.add(id(part))
    return tuple(words)


@lru_cache(maxsize=200_000)
def _pieces(token: str, last: bool) -> tuple[Part, ...]:
    """A word's pieces as Parts (a word recurs in many names: its pieces are
    worked out once, and its Parts shared by the names that bear it)."""
    surname = last and not is_initial(token)
    pieces = [p for p in token.split("-") if p and p.lower() not in particles()]
    initials = all(is_initial(p + ".") or is_initial(p) for p in pieces)
    if initials and (len(pieces) > 1 or is_initial(token)):
        pieces = [p if p.endswith(".") else p + "." for p in pieces]
    double = surname and len(pieces) > 1 and all(p[0].isupper() for p in pieces)
    return tuple(Part(piece, surname, double) for piece in pieces)


@cache
def _morph() -> Any:
    from kartoteka.extract.nlp.models import morph_vocab

    return morph_vocab()


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


def name_form(word: str) -> str:
    """One spelling of a name word for keys, whatever its case, its Unicode form
    (NFC or NFD) or the invisible characters inside it."""
    form = _title_case(reading_form(word))
    return form if form[:1].isupper() else form.capitalize()


@lru_cache(maxsize=200_000)
def name_word_keys(word: str) -> frozenset[str]:
    """Transliteration keys of a name word in all its possible nominatives, in
    any case, Unicode form or with invisible characters inside.

    A Latvian or Lithuanian nominative `-s` (`Berzins`, `Lavrovs`) is also read
    without it.
    """
    form = name_form(word)
    forms = list(nominatives(form))
    if BALTIC_NOMINATIVE.search(form):
        forms.append(form[:-1])
    if len(forms) == 1:  # one set per spelling, not a copy per cache
        return word_keys(forms[0])
    return frozenset(key for form in forms for key in word_keys(form))


@lru_cache(maxsize=200_000)
def surname_keys(surname: str) -> frozenset[str]:
    """Keys of a surname; a double-barrelled one also answers to its parts."""
    surname = name_form(surname)
    keys = name_word_keys(surname)
    if "-" in surname.strip("-"):
        for part in surname.split("-"):
            if len(part) > 2:
                keys |= name_word_keys(part)
    return keys


def is_initial(token: str) -> bool:
    """`G.`, `Yu.` or a lone capital letter (a longer word is none: no search)."""
    return len(token) < 5 and INITIAL.match(token) is not None


def _tokens(name: str) -> list[str]:
    """Words of a name: stress marks, titles and glued variants (`Яков(Янкель)`)
    gone, glued words and initials split.

    `Г.С.Люшков` is three words, `SergeiLavrov` two, `LAVROV` reads `Lavrov`.
    """
    name = unicodedata.normalize("NFC", _unstressed(name))
    if "(" in name:
        name = VARIANT.sub("", name) or name
    name = name.replace("\u00a0", " ").replace("(", " ").replace(")", " ")
    if "," in name:
        head, _, tail = name.partition(",")
        name = f"{tail.strip()} {head.strip()}"
    tokens = list(chain.from_iterable(map(_word_tokens, name.split())))
    while len(tokens) > 1 and tokens[0].lower() in _honorifics():
        tokens.pop(0)
    passed = particles()
    return [t for i, t in enumerate(tokens) if i == 0 or t.lower() not in passed]


def _unstressed(text: str) -> str:
    """`text` without stress marks (most names bear none: then no search)."""
    if "\u0301" in text or "\u0300" in text:
        return STRESS_MARKS.sub("", text)
    return text


@lru_cache(maxsize=200_000)
def _word_tokens(raw: str) -> tuple[str, ...]:
    """The tokens of one written word, glued initials and words split (worked
    out once per word: names share their words)."""
    raw = raw.strip(",;:")
    tokens = []
    glued = GLUED_INITIALS.match(raw)
    if glued:
        tokens += [i + "." for i in re.split(r"\.-?", glued.group()) if i]
        raw = raw[glued.end() :]
    tokens += [t for t in CAMEL_JOIN.split(raw) if t]
    return tuple(sys.intern(_title_case(t)) for t in tokens)  # one string per word


def _title_case(token: str) -> str:
    """`LAVROV` → `Lavrov`, `HONG-CHUL` → `Hong-chul`; other words stay as written."""
    if len(token) > 1 and token.isupper() and not token.endswith("."):
        return token.capitalize()
    return token


def _surname_first(words: list[str], raw: str) -> bool:
    """`Абакумов Виктор Семёнович`, `БЛОХИН Василий`: the surname leads."""
    if len(words) >= 3 and is_patronymic(words[-1]) and not is_patronymic(words[-2]):
        return True
    if len(words) < 2:
        return False
    first, second, *_ = [*_unstressed(raw).split(), ""]
    shouting = (
        first.isupper() and len(first) > 1 and not second.isupper()
    )  # `ABDUL AZIZ Nooristani` shouts its first names, not a surname
    return shouting or (len(words) == 2 and _surname_then_given(*words))


def _surname_then_given(first: str, second: str) -> bool:
    """Two Cyrillic words read surname then first name (`Ротенберг Аркадий`)."""
    if not (is_cyrillic(first) and is_cyrillic(second)):
        return False
    return (
        "Surn" in _grammemes(first)
        and _grammemes(second) >= {"Name"}
        and ("Surn" not in _grammemes(second))
    )


@lru_cache(maxsize=100_000)
def _grammemes(word: str) -> frozenset[str]:
    import pymorphy2

    parses = pymorphy2.MorphAnalyzer.parse(_morph(), word.lower())
    return frozenset(g for p in parses[:2] for g in p.tag.grammemes)


@lru_cache(maxsize=200_000)
def parse_name(name: str) -> PersonName:
    """Take a person name apart; the last non-initial word is the surname.

    The bibliographic order `Zemskov, V.` is read as `V. Zemskov`, and the
    Russian reference order `Абакумов Виктор Семёнович` as surname first.
    """
    tokens = _tokens(name)
    if not tokens:
        return PersonName((), (), None, name, (name,))
    initials = tuple(filter(is_initial, tokens))
    words = [t for t in tokens if t not in initials]  # an initial anywhere is one
    if not words:
        return PersonName((), initials[:-1], None, initials[-1], tuple(tokens))
    if "," not in name and _surname_first(words, name):  # a comma turned it already
        tokens.remove(words[0])
        tokens.append(words[0])
        words = [*words[1:], words[0]]
    surname = words[-1]
    if tokens[-1] != surname:  # `Антошин А.В.`: initials after the surname
        tokens.reverse()
        tokens.remove(surname)
        tokens.reverse()
        tokens.append(surname)
    rest = words[:-1]
    patronymic = None
    if len(rest) >= 2 and is_patronymic(rest[-1]):
        patronymic = rest.pop()
    return PersonName(tuple(rest), initials, patronymic, surname, tuple(tokens))


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
    near = DamerauLevenshtein.distance(ka, kb) <= 1  # cheaper than the pair
    return near and not gender_pair(a.lower(), b.lower())


def gender_pair(a: str, b: str) -> bool:
    """`orlov`/`orlova`: one surname in its two genders, two people (most pairs
    of words asked have no feminine ending: told by one look each)."""
    if not (a.endswith(FEMININE) or b.endswith(FEMININE)):
        return False
    for masculine, feminine in GENDER_PAIRS:
        for x, y in ((a, b), (b, a)):
            if (
                x.endswith(masculine)
                and y.endswith(feminine)
                and x[: -len(masculine)] == y[: -len(feminine)]
            ):
                return True
    return False
