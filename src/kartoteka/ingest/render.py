"""Render a unit to clean text plus, for every clean character, its original span.

Cleaning only ever deletes original characters (markup, invisible format
characters) or stands characters for a region (an entity, a run of whitespace,
letters composed to NFC), so `Passage.original_span` maps any span
of the clean text back to original text that differs only by what was removed.
"""

from __future__ import annotations

import re
from array import array

from .edits import EditIndex
from .normalise import normalise
from .units import Piece, Unit

_UNUSUAL_SPACE = re.compile(r"\s{2,}|[^\S ]")


class Rendered:
    """A unit's clean text, its offset arrays and the footnote markers it removed."""

    __slots__ = ("clean", "ends", "refs", "starts")

    def __init__(
        self,
        clean: str,
        starts: array[int],
        ends: array[int],
        refs: list[tuple[int, int, str]],
    ) -> None:
        self.clean = clean
        self.starts = starts
        self.ends = ends
        self.refs = refs


def render(text: str, unit: Unit, edits: EditIndex) -> Rendered:
    """Apply the edits that fall inside `unit` and squeeze its whitespace."""
    refs: list[tuple[int, int, str]] = []
    base = unit.pieces if unit.pieces is not None else [(unit.start, unit.end, None)]
    pieces: list[Piece] = []
    for piece in base:
        if piece[2] is None:
            pieces.extend(_split(piece[0], piece[1], edits, refs))
        else:
            pieces.append(piece)
    raw, starts, ends = normalise(*_concat(text, pieces))
    clean, starts, ends = _squeeze(raw, starts, ends)
    return Rendered(clean, starts, ends, refs)


def _split(
    start: int, end: int, edits: EditIndex, refs: list[tuple[int, int, str]]
) -> list[Piece]:
    """Cut a kept run around the edits inside it; record removed footnote markers."""
    pieces: list[Piece] = []
    pos = start
    for edit in edits.within(start, end):
        inside = start <= edit.start and edit.end <= end
        if edit.repl and not inside:
            continue
        cut_start, cut_end = max(edit.start, start), min(edit.end, end)
        if cut_start > pos:
            pieces.append((pos, cut_start, None))
        if edit.repl:
            pieces.append((cut_start, cut_end, edit.repl))
        if edit.ref is not None and inside:
            refs.append((edit.start, edit.end, edit.ref))
        pos = max(pos, cut_end)
    if pos < end:
        pieces.append((pos, end, None))
    return pieces


def _concat(text: str, pieces: list[Piece]) -> tuple[str, array[int], array[int]]:
    """Join the pieces into raw clean text with per-character original spans."""
    chunks: list[str] = []
    starts: array[int] = array("i")
    ends: array[int] = array("i")
    if not pieces:
        return "", starts, ends
    origin = pieces[0][0]
    positions = array("i", range(origin, pieces[-1][1] + 1))
    for start, end, repl in pieces:
        if repl is None:
            chunks.append(text[start:end])
            starts.extend(positions[start - origin : end - origin])
            ends.extend(positions[start - origin + 1 : end - origin + 1])
        else:
            for char in repl:
                chunks.append(char)
                starts.append(start)
                ends.append(end)
    return "".join(chunks), starts, ends


def _squeeze(
    raw: str, starts: array[int], ends: array[int]
) -> tuple[str, array[int], array[int]]:
    """Turn each whitespace run into one space (from its first character); trim ends."""
    first = len(raw) - len(raw.lstrip())
    last = len(raw.rstrip())
    if first >= last:
        return "", array("i"), array("i")
    chunks: list[str] = []
    new_starts: array[int] = array("i")
    new_ends: array[int] = array("i")
    pos = first
    for match in _UNUSUAL_SPACE.finditer(raw, first, last):
        a, b = match.span()
        chunks.append(raw[pos:a])
        chunks.append(" ")
        new_starts.extend(starts[pos : a + 1])
        new_ends.extend(ends[pos : a + 1])
        pos = b
    if pos == 0 and last == len(raw):
        return raw, starts, ends
    chunks.append(raw[pos:last])
    new_starts.extend(starts[pos:last])
    new_ends.extend(ends[pos:last])
    return "".join(chunks), new_starts, new_ends
