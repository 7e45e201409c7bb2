"""Titles of works in citations, whose words name no one.

A citation gives a transliterated title and its translation in square brackets
(`Put' domoi [The Way Home]`). The words of such a title are no persons however
a model reads them (`Fascist Anti-Marxism`, `Russkuiu Ameriku`):
the title runs from its opening quote, or the full stop that ends the authors,
to the closing bracket of its translation.
"""

from __future__ import annotations

import re

TRANSLATION = re.compile(r"\[[A-Z“\"‘'][^\[\]\n]{0,80}\s[^\[\]\n]{1,80}\]")
TITLE_OPENS = re.compile(r"[“\"*]|\.\s|:\s")
LOOK_BACK = 200
TITLE_WORDS = 12


def title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of titles of works given with a bracketed translation."""
    spans = []
    for translation in TRANSLATION.finditer(text):
        low = max(0, translation.start() - LOOK_BACK)
        opens = list(TITLE_OPENS.finditer(text, low, translation.start()))
        start = opens[-1].end() if opens else low
        if len(text[start : translation.start()].split()) <= TITLE_WORDS:
            spans.append((start, translation.end()))
    return spans


def inside_title(titles: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a span lies wholly inside one of the titles."""
    return any(low <= start and end <= high for low, high in titles)
