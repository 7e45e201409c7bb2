"""Units: the passage candidates a reader finds, before cleaning and classification."""

from __future__ import annotations

from dataclasses import dataclass

# A run of the original text: (start, end, None) keeps `text[start:end]`,
# (start, end, char) stands for it with `char`.
Piece = tuple[int, int, str | None]


@dataclass
class Unit:
    """A paragraph-sized span of the original text and what its markup says it is.

    `kind` is the reader's hint (body, heading, quote, footnote); `pieces`, when
    set, lists the runs of the span that are text at all (HTML drops its tags),
    otherwise the whole span is text. `block_first`/`block_last` say whether a
    blank line precedes/follows the unit, which page-break joining needs.
    """

    start: int
    end: int
    kind: str = "body"
    note: str | None = None
    boilerplate: bool = False
    listed: bool = False
    lines: int = 1
    block_first: bool = True
    block_last: bool = True
    pieces: list[Piece] | None = None
