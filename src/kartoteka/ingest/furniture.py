"""Page furniture in a paged source: page numbers and running heads.

A line is furniture when it stands first (or last) on its page and is a page
number ("47", "- 47 -", "Page 47", "xii"), or when the same words, numbers
aside, stand first (or last) on another page too: a running head or foot.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from kartoteka.pages import PAGE_NUMBER

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
MIN_SHAPE = 6  # a short shared line ("Ibid.") is no running head
MAX_CHARS = 120


def furniture_lines(lines: Sequence[str]) -> list[bool]:
    """For the first (or last) line of each page, whether it is furniture."""
    shapes = [_shape(line) for line in lines]
    repeated = Counter(s for s in shapes if len(s) >= MIN_SHAPE)
    return [
        bool(line.strip())
        and len(line) <= MAX_CHARS
        and (PAGE_NUMBER.fullmatch(line) is not None or repeated[shape] >= 2)
        for line, shape in zip(lines, shapes, strict=True)
    ]


def _shape(line: str) -> str:
    """The line's words without numbers, case or spacing: what a running head
    keeps from page to page."""
    return _SPACE.sub(" ", _DIGITS.sub("", line)).strip(" -–—.|").lower()
