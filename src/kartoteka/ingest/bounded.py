"""Passages of bounded length: a paragraph too long to read at once is cut.

Hard-wrapped OCR text without blank lines, a file that is one long line, or a
huge Markdown table arrives as one unit. The models refuse or crawl on such a
text (spaCy stops at a million characters), so a rendered unit longer than
`MAX_PASSAGE_CHARS` is cut into consecutive pieces: at the last sentence end
before the limit, else at the last line break, else at the last space. Each
piece keeps its slice of the offset arrays, so its spans still map to the
original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .render import Rendered

MAX_PASSAGE_CHARS = 20_000
# A full stop after a lone capital is an initial (`R. A. Rudenko`), not an end.
SENTENCE_END = re.compile(
    r"(?<![\s.][A-ZА-ЯЁ])[.!?…][\"'”’»)\]]*(?= [\"“«(]?[A-ZА-ЯЁ0-9])"
)


def cut_rendered(text: str, rendered: Rendered) -> Iterator[Rendered]:
    """The rendered unit itself when it is short enough, else its pieces in order.

    Footnote markers removed from the unit stay with the first piece.
    """
    clean = rendered.clean
    if len(clean) <= MAX_PASSAGE_CHARS:
        yield rendered
        return
    begin = 0
    refs = rendered.refs
    while begin < len(clean):
        end = _cut(text, rendered, begin)
        piece = clean[begin:end]
        lead = len(piece) - len(piece.lstrip())
        tail = len(piece.rstrip())
        if lead < tail:
            yield Rendered(
                piece[lead:tail],
                rendered.starts[begin + lead : begin + tail],
                rendered.ends[begin + lead : begin + tail],
                refs,
            )
            refs = []
        begin = end


def _cut(text: str, rendered: Rendered, begin: int) -> int:
    """Where the piece that starts at `begin` ends (exclusive, in clean text)."""
    clean = rendered.clean
    limit = begin + MAX_PASSAGE_CHARS
    if limit >= len(clean):
        return len(clean)
    floor = begin + MAX_PASSAGE_CHARS // 2
    window = clean[floor:limit]
    ends = [m.end() for m in SENTENCE_END.finditer(window)]
    if ends:
        return floor + ends[-1]
    starts = rendered.starts
    for i in range(limit - 1, floor - 1, -1):
        if clean[i] == " " and "\n" in text[starts[i] : starts[i + 1]]:
            return i
    space = clean.rfind(" ", floor, limit)
    return space if space > 0 else limit
