"""Names written in capitals, shown to the models in ordinary case.

Registers, lists and reference books print surnames, often whole names, in
capitals (`GRIGORI TOKAEV`, `RASKOLNIKOV, Fedor`, `БЛОХИН Василий`), and the
statistical models read a word in capitals as an abbreviation. A word in
capitals beside another name word is given ordinary case before the models
read the text; the length does not change, so every span still points into
the original text, and mentions keep the capitals as written.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from kartoteka.extract.mentions.gazetteer import organizations, places

CAPS = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
SHOUTED_WORD = rf"[{CAPS}][{CAPS}'’-]+"
NAME_WORD = rf"['’]?(?:{SHOUTED_WORD}|[{CAPS}][a-zà-öø-ÿā-žа-яё'’-]+)"
NAME_RUN = re.compile(rf"(?<![\w'’-]){NAME_WORD}(?:,?\s{NAME_WORD}){{1,5}}(?![\w'’-])")
# A word opens after a space or a quote mark (`'ALI`), not after an inner
# apostrophe (`MU'TASSIM`). Its first capital comes first, before the looks
# behind it, so that the search jumps from capital to capital.
SHOUTED = re.compile(rf"[{CAPS}](?<![\w-].)(?<!\w['’].)[{CAPS}'’-]+(?![\w'’-])")
VOWELS = set("AEIOUYÀÁÂÄÉÈÍÓÖÚÜАЕЁИОУЫЭЮЯ")
ROMAN = re.compile(r"^[IVXLC]+$")


@cache
def abbreviations() -> frozenset[str]:
    """Organization and place names of the gazetteer (`NKVD`, `USSR`)."""
    orgs = {name for org in organizations().values() for name in org.names}
    return frozenset(orgs | places())


def shouted_name(word: str) -> bool:
    """Whether a word in capitals can be a name (`TOKAEV`), not an abbreviation:
    four letters or more, two of them vowels, no organization or place."""
    letters = word.strip("'’-")
    return (
        len(letters) >= 4
        and letters.isupper()
        and sum(c in VOWELS for c in letters) >= 2
        and not ROMAN.match(letters)
        and letters not in abbreviations()
    )


# A passage's text is read so by the models, then twice more by the name rules:
# the cache holds a document part's passages, so each is worked out once.
@lru_cache(maxsize=1024)
def readable_case(text: str) -> str:
    """The text with its names in capitals in ordinary case, at the same offsets."""
    if not SHOUTED.search(text):
        return text
    chars = list(text)
    for run in NAME_RUN.finditer(text):
        words = list(SHOUTED.finditer(text, run.start(), run.end()))
        named = any(shouted_name(w.group()) for w in words)
        for word in words:
            if shouted_name(word.group()) or (named and _short_name(word.group())):
                lowered = word.group()[0] + word.group()[1:].lower()
                chars[word.start() : word.end()] = lowered
    return "".join(chars)


def _short_name(word: str) -> bool:
    """A short word in capitals beside a name in capitals (`KIM` in `KIM KYONG
    MIN`): a word of the name when it has a vowel and is no abbreviation."""
    letters = word.strip("'’-")
    return (
        any(c in VOWELS for c in letters)
        and not ROMAN.match(letters)
        and letters not in abbreviations()
    )
