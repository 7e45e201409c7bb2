"""Which alphabet a passage is in: language tags and foreign-script furniture."""

from __future__ import annotations

import re
import string

_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
# UTF-8 lead bytes: Cyrillic U+0400-U+052F, Latin-1 and Latin Extended U+00C0-U+024F.
_CYRILLIC_LEADS = bytes(range(0xD0, 0xD5))
_LATIN_LEADS = bytes(range(0xC3, 0xCA))
_ALL_LEADS = bytes(range(0xC0, 0x100))
SENTENCE_LETTERS = 40
"""Latin or Cyrillic letters enough for a short sentence rather than a name."""


def letter_counts(text: str) -> tuple[int, int, int]:
    """Count (Latin, Cyrillic, other-script) letters without a Python object per letter.

    Counting UTF-8 lead bytes is fast and exact enough for Latin and Cyrillic; the
    slower per-character count of other scripts runs only when they could matter.
    """
    data = text.encode("utf-8")
    size = len(data)
    ascii_letters = size - len(data.translate(None, _ASCII_LETTERS))
    cyrillic = size - len(data.translate(None, _CYRILLIC_LEADS))
    latin_extended = size - len(data.translate(None, _LATIN_LEADS))
    non_ascii = size - len(data.translate(None, _ALL_LEADS))
    latin = ascii_letters + latin_extended
    if non_ascii - cyrillic - latin_extended <= latin + cyrillic:
        return latin, cyrillic, 0
    letters = _LETTER.subn("", text)[1]
    latin = _LATIN.subn("", text)[1]
    cyrillic = _CYRILLIC.subn("", text)[1]
    return latin, cyrillic, max(0, letters - latin - cyrillic)


def language_of(counts: tuple[int, int, int]) -> str | None:
    """`ru` if Cyrillic letters outnumber Latin ones, `en` if not, None if neither."""
    latin, cyrillic, _ = counts
    if cyrillic > latin:
        return "ru"
    if latin > 0:
        return "en"
    return None


def foreign_script(counts: tuple[int, int, int]) -> bool:
    """True when most letters are neither Latin nor Cyrillic (a Hebrew site footer)
    and the Latin or Cyrillic ones are too few to make a sentence worth reading."""
    latin, cyrillic, other = counts
    return other > latin + cyrillic and latin + cyrillic < SENTENCE_LETTERS
