"""Pages of a document's text: where they break, and the numbers printed on them.

A paged source's text separates its pages with form feeds (`\\f`), so the page
of any span is one plus the form feeds before it. A citation gives the number
the page prints ("p. 47") when the page numbers the book prints run in step
with the pages; otherwise it counts the pages from the first.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

PAGE_BREAK = "\f"
PAGE_NUMBER = re.compile(
    r"[-–—\s]*(?:(?:page|p\.|стр\.|с\.)\s*)?(\d{1,4}|[ivxlcdm]{1,7})[-–—\s]*",
    re.IGNORECASE,
)


def page_of(text: str, offset: int) -> int | None:
    """The page (from 1) that character `offset` stands on; None for a text
    without pages."""
    if PAGE_BREAK not in text:
        return None
    return text.count(PAGE_BREAK, 0, offset) + 1


def page_label(text: str, offset: int) -> int | None:
    """The page number to cite for character `offset`: the printed one when the
    printed numbers run in step with the pages, else the page's place."""
    page = page_of(text, offset)
    if page is None:
        return None
    return page + printed_offset(text)


@lru_cache(maxsize=16)
def printed_offset(text: str) -> int:
    """How far the printed page numbers run ahead of the pages' places: the
    shift most pages agree on (at least two, and half of those that print one),
    or 0."""
    shifts = Counter(
        number - place
        for place, page in enumerate(text.split(PAGE_BREAK), start=1)
        if (number := _printed_number(page)) is not None
    )
    if not shifts:
        return 0
    shift, count = shifts.most_common(1)[0]
    return shift if count >= 2 and 2 * count >= sum(shifts.values()) else 0


def _printed_number(page: str) -> int | None:
    """The arabic number a page prints alone on its first or last line."""
    lines = [line for line in page.splitlines() if line.strip()]
    for line in lines[:1] + lines[-1:]:
        match = PAGE_NUMBER.fullmatch(line)
        if match and match.group(1).isdigit():
            return int(match.group(1))
    return None
