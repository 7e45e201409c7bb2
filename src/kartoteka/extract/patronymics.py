"""Full Russian names built around a patronymic, found by their shape.

A generic model cuts `Jan Karlovich Berzin` after the patronymic, misses the
reference-book orders `Blokhin, Vasily Mikhailovich` and `БЛОХИН Василий
Михайлович`, and loses names whose vowels carry stress marks (`Ви́ктор`). A
first name, a patronymic (its ending in any scheme, `data/names.yaml`) and a
surname, in any of these orders, are one person's full name.
"""

from __future__ import annotations

import re
from functools import cache

from kartoteka import data

STRESS = "\u0300\u0301"
CAPITAL = rf"(?:[A-ZА-ЯЁ][a-zа-яёáéíóúäöüčšžćłńśźżęą{STRESS}'’]+)"
SHOUTED = rf"(?:[A-ZА-ЯЁ]{{2}}[A-ZА-ЯЁ{STRESS}-]+)"
WORD = rf"(?:{CAPITAL}|{SHOUTED})"
END = r"(?![\w'’-])"
START = r"(?<![\w'’-])"
FORWARD = re.compile(rf"{START}({WORD})\s({WORD})\s({CAPITAL}(?:-{CAPITAL})?){END}")
SURNAME_FIRST = re.compile(rf"{START}({WORD})(,?)\s({WORD})\s({WORD}){END}")


@cache
def _endings() -> re.Pattern[str]:
    endings = sorted(data.load("names.yaml")["patronymic_endings"], key=len)
    return re.compile("(?:" + "|".join(map(re.escape, reversed(endings))) + ")$")


def is_patronymic(word: str) -> bool:
    """A word with a patronymic's ending (`-ovich`, `-owicz`, `-ович`, `-ОВИЧ`)."""
    plain = word.lower().translate(dict.fromkeys(map(ord, STRESS)))
    return len(plain) > 5 and bool(_endings().search(plain))


def _shouted(word: str) -> bool:
    return word.replace("-", "").isupper()


def patronymic_names(text: str) -> list[tuple[int, int]]:
    """Spans of `Given Patronymic Surname`, `Surname Given Patronymic` and
    `Surname, Given Patronymic` in a text."""
    found: list[tuple[int, int]] = []
    for match in FORWARD.finditer(text):
        given, patronymic, surname = match.groups()
        shouted = _shouted(given) or _shouted(surname)
        if is_patronymic(patronymic) and not is_patronymic(surname) and not shouted:
            found.append((match.start(), match.end()))
    for match in SURNAME_FIRST.finditer(text):
        surname, comma, given, patronymic = match.groups()
        if is_patronymic(patronymic) and not is_patronymic(given):
            if _overlaps(found, match.start(), match.end()):
                continue
            if comma or _shouted(surname) or _cyrillic(surname):
                found.append((match.start(), match.end()))
    return sorted(found)


def _cyrillic(word: str) -> bool:
    return bool(re.match("[А-ЯЁ]", word))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
