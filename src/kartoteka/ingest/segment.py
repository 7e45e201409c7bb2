"""Plain text and Markdown into units: blocks between blank lines, split further
where a line is a heading, a list item, a footnote text or a short label line, and
joined again where a page break cut a sentence in two."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from .edits import SUPERSCRIPT_DIGITS, Edit
from .language import foreign_script, letter_counts
from .pagebreaks import join_page_breaks
from .units import Unit

SHORT_LINE = 60
_BREAK = re.compile(r"\r\n|\r|\n")
_MD_HEADING = re.compile(r"#{1,6}(?:[ \t]+|$)")
_MD_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_MD_QUOTE = re.compile(r"(?:>[ \t]?)+")
_MD_RULE = re.compile(
    r"(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|`{3,}.*|~{3,}.*)$"
)
_MD_NOTE = re.compile(r"<sup>\s*(\d{1,4})\s*</sup>[ \t]*|\[\^([^\]\s]{1,10})\]:[ \t]*")
_SUPER_NOTE = re.compile(rf"([{SUPERSCRIPT_DIGITS}]{{1,4}})[ \t]*(?=\S)")
_MD_BULLET = re.compile(r"[-*+][ \t]+(?=\S)")
_TEXT_BULLET = re.compile(r"[-*•◦▪‣·][ \t]+(?=\S)")
_NUMBERED = re.compile(r"\(?\d{1,3}[.)][ \t]+(?=\S)")
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u0400-\u052f\u1e00-\u1eff]")


class Line(NamedTuple):
    """One non-blank line: its content span, what it is, and its markup to delete."""

    start: int
    end: int
    kind: str
    note: str | None = None
    marks: tuple[Edit, ...] = ()
    hard_break: bool = False


def segment(text: str, markdown: bool) -> tuple[list[Unit], list[Edit]]:
    """Split a text or Markdown document into units, plus its line-markup edits."""
    units: list[Unit] = []
    marks: list[Edit] = []
    current: Unit | None = None
    prev: Line | None = None
    scripts = _ScriptChange(text)
    for start, end in _line_spans(text):
        line = _classify(text, start, end, markdown)
        if line is None:
            if current is not None:
                current.block_last = True
            current, prev = None, None
            continue
        marks.extend(line.marks)
        changed = scripts.changes_at(line)
        if (
            current is None
            or prev is None
            or changed
            or _starts_unit(text, prev, line, current)
        ):
            current = _new_unit(line, block_first=prev is None)
            units.append(current)
        else:
            current.end = line.end
            current.lines += 1
        prev = line
    if current is not None:
        current.block_last = True
    return _footnote_continuations(join_page_breaks(text, units)), marks


class _ScriptChange:
    """Tells where a line in another script (a Hebrew footer line) follows a Latin
    or Cyrillic one or the reverse, so each is a passage of its own and marking
    the foreign one boilerplate never takes the other's text with it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mixed = _OTHER_SCRIPT.search(text) is not None
        self.foreign = False

    def changes_at(self, line: Line) -> bool:
        """Whether `line` is in the other kind of script than the line before."""
        if not self.mixed:
            return False
        before = self.foreign
        counts = letter_counts(self.text[line.start : line.end])
        self.foreign = foreign_script(counts) if any(counts) else before
        return self.foreign != before


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every line, without its line terminator."""
    pos = 0
    for match in _BREAK.finditer(text):
        yield pos, match.start()
        pos = match.end()
    yield pos, len(text)


def _new_unit(line: Line, block_first: bool) -> Unit:
    """Start a unit at `line`, taking its kind from the line's markup."""
    kind = {"heading": "heading", "quote": "quote", "footnote": "footnote"}
    return Unit(
        line.start,
        line.end,
        kind=kind.get(line.kind, "body"),
        note=line.note,
        listed=line.kind == "item",
        block_first=block_first,
        block_last=False,
    )


def _starts_unit(text: str, prev: Line, line: Line, current: Unit) -> bool:
    """Whether `line` begins a new unit rather than continuing the current one."""
    if line.kind in ("heading", "footnote", "item", "rule") or prev.hard_break:
        return True
    if prev.kind in ("heading", "rule"):
        return True
    if (line.kind == "quote") != (current.kind == "quote"):
        return True
    short = prev.end - prev.start < SHORT_LINE and text[prev.end - 1] not in ",-"
    return short and not text[line.start].islower()


def _classify(text: str, start: int, end: int, markdown: bool) -> Line | None:
    """Describe one line, or return None for a blank line."""
    hard_break = markdown and (
        text.endswith("  ", start, end) or _ends_backslash(text, end)
    )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    extra: tuple[Edit, ...] = ()
    if markdown and text[end - 1] == "\\":
        extra = (Edit(end - 1, end),)
    line = _markup(text, start, end, markdown)
    if line is None:
        return Line(start, end, "text", marks=extra, hard_break=hard_break)
    return line._replace(marks=line.marks + extra, hard_break=hard_break)


def _ends_backslash(text: str, end: int) -> bool:
    """A Markdown line ending in a backslash is a hard line break."""
    return end > 0 and text[end - 1] == "\\"


def _markup(text: str, start: int, end: int, markdown: bool) -> Line | None:
    """Recognise line-level markup at the start of a line; None for a plain line."""
    if markdown:
        found = _markdown_line(text, start, end)
        if found is not None:
            return found
    note = _SUPER_NOTE.match(text, start, end)
    if note:
        number = note.group(1).translate(_FROM_SUPERSCRIPT)
        return Line(start, end, "footnote", number, (Edit(start, note.end()),))
    bullet = (_MD_BULLET if markdown else _TEXT_BULLET).match(text, start, end)
    if bullet:
        return Line(start, end, "item", None, (Edit(start, bullet.end()),))
    if _NUMBERED.match(text, start, end):
        return Line(start, end, "item")
    return None


def _markdown_line(text: str, start: int, end: int) -> Line | None:
    """Recognise Markdown headings, rules, quotes and footnote texts."""
    if _MD_RULE.match(text, start, end):
        return Line(start, end, "rule", None, (Edit(start, end),))
    heading = _MD_HEADING.match(text, start, end)
    if heading:
        marks = [Edit(start, heading.end())]
        closing = _MD_CLOSING_HASHES.search(text, heading.end(), end)
        if closing:
            marks.append(Edit(closing.start(), end))
        return Line(start, end, "heading", None, tuple(marks))
    quote = _MD_QUOTE.match(text, start, end)
    if quote:
        return Line(start, end, "quote", None, (Edit(start, quote.end()),))
    note = _MD_NOTE.match(text, start, end)
    if note:
        number = note.group(1) or note.group(2)
        return Line(start, end, "footnote", number, (Edit(start, note.end()),))
    return None


def _footnote_continuations(units: list[Unit]) -> list[Unit]:
    """An unnumbered paragraph between two footnote texts continues the first one."""
    for prev, unit, after in zip(units, units[1:], units[2:], strict=False):
        if (
            prev.kind == after.kind == "footnote"
            and unit.kind == "body"
            and not unit.listed
        ):
            unit.kind = "footnote"
            unit.note = prev.note
    return units
