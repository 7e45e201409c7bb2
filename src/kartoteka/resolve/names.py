"""Person names: split into parts, and fold spellings into one comparable key.

`Ezhov`, `Yezhov`, `Jeschow`, `Ežov` and `Ежов` are one surname written in five
transliteration schemes; `fold` maps them all to the same key so that resolution
can compare names across sources and scripts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

# Cyrillic → a plain Latin spelling; scheme differences are folded afterwards.
CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)
# Spelling variants of the same sound across LoC, popular, German, French and
# ISO 9 schemes, applied in order to a lowercase ASCII spelling.
FOLDS: list[tuple[str, str]] = [
    ("tsch", "ch"),
    ("shch", "sh"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("ch", "c"),
    ("kh", "h"),
    ("zh", "j"),
    ("sh", "s"),
    ("ts", "c"),
    ("tz", "c"),
    ("cz", "c"),
    ("w", "v"),
    ("ph", "f"),
    ("x", "ks"),
    ("ou", "u"),
    ("ck", "k"),
    ("yu", "u"),
    ("iu", "u"),
    ("ju", "u"),
    ("ya", "a"),
    ("ia", "a"),
    ("ja", "a"),
    ("ye", "e"),
    ("ie", "e"),
    ("je", "e"),
    ("yo", "e"),
    ("io", "o"),
    ("iy", "i"),
    ("yi", "i"),
    ("ii", "i"),
    ("y", "i"),
    ("j", "z"),
]
# French spellings of Russian endings (Agabekoff, Barmine).
FRENCH_ENDINGS = re.compile(r"(?:of|ef|ine)$")
NAME_PARTICLES = {"von", "van", "de", "der", "la", "le", "di", "da", "del", "du", "ibn"}
INITIAL = re.compile(r"^[A-ZА-ЯЁ][a-zа-яё]?\.$|^[A-ZА-ЯЁ]$")
PATRONYMIC = re.compile(r"(?:ovich|evich|ich|ovna|evna|ichna|ovitch|ievich)$")


@dataclass(frozen=True)
class PersonName:
    """A person name taken apart: given names, patronymic, surname, initials."""

    given: tuple[str, ...]
    initials: tuple[str, ...]
    patronymic: str | None
    surname: str

    @property
    def surname_key(self) -> str:
        return fold(self.surname)

    @property
    def first_initial(self) -> str | None:
        if self.given:
            return fold(self.given[0])[:1] or None
        if self.initials:
            return fold(self.initials[0])[:1] or None
        return None


def to_ascii(text: str) -> str:
    """Latin letters only: Cyrillic transliterated, diacritics and apostrophes gone."""
    out = []
    for char in text.lower():
        if char in CYRILLIC:
            out.append(CYRILLIC[char])
        else:
            out.append(char)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in decomposed if "a" <= c <= "z")


@cache
def fold(word: str) -> str:
    """A key equal across transliteration schemes and scripts (`Iagoda` = `Jagoda`)."""
    key = to_ascii(word)
    for old, new in FOLDS:
        key = key.replace(old, new)
    key = re.sub(r"(.)\1+", r"\1", key)
    key = FRENCH_ENDINGS.sub(lambda m: {"of": "ov", "ef": "ev", "ine": "in"}[m[0]], key)
    if key.endswith("i") and len(key) > 4 and key[-2] in "kc":
        key = key[:-1] + "i"
    return key


def _is_initial(token: str) -> bool:
    return bool(INITIAL.match(token))


def _split_initials(token: str) -> list[str]:
    """`G.S.` and `B.N.` are two initials written without a space."""
    if re.fullmatch(r"(?:[A-ZА-ЯЁ]\.){2,3}", token):
        return [part + "." for part in token.split(".") if part]
    return [token]


def parse_name(name: str) -> PersonName:
    """Take a person name apart; the last non-initial token is the surname."""
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
    if len(rest) >= 2 and PATRONYMIC.search(to_ascii(rest[-1])):
        patronymic = rest.pop()
    return PersonName(tuple(rest), initials, patronymic, surname)


def compatible(a: PersonName, b: PersonName) -> bool:
    """Whether two names could be one person: same surname, no clash of first names."""
    if a.surname_key != b.surname_key:
        return False
    ia, ib = a.first_initial, b.first_initial
    if ia and ib and ia != ib:
        return False
    if a.given and b.given and fold(a.given[0]) != fold(b.given[0]):
        return _given_variants(a.given[0], b.given[0])
    return True


def _given_variants(a: str, b: str) -> bool:
    """`Nikolai`/`Nikolay`, `Yan`/`Jan`: given names that fold to near the same key."""
    ka, kb = fold(a), fold(b)
    return ka.startswith(kb) or kb.startswith(ka)
