"""Edits: the only ways cleaning may change the original text.

An edit deletes `text[start:end]` (`repl == ""`) or replaces it with one character
(an entity by the character it stands for). Every cleaning rule is a regex pass
that yields edits over the whole original text; overlapping edits are resolved
once, so a passage's clean text always maps back to the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_LETTER = r"[^\W\d_]"
_WORD = re.compile(rf"{_LETTER}+(?:['’]{_LETTER}+)*(?:-{_LETTER}+(?:['’]{_LETTER}+)*)*")
_SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_SOFT_HYPHEN = re.compile(r"\u00ad|¬[ \t]*(?:\r\n|\r|\n)?[ \t]*")
_BREAK_HYPHEN = re.compile(r"-([ \t]*(?:\r\n|\r|\n)\s*)")
_INLINE_HYPHEN = re.compile(r"-(?=[a-zа-яё])")
_HEAD = re.compile(rf"{_LETTER}+['’]?$")
_TAIL = re.compile(rf"{_LETTER}+")
_HEAD_REACH = 64
_ASTERISK_EMPHASIS = re.compile(
    r"(?<![\w*\\])(\*{1,3})(?=[^\s*])([^\n]+?)(?<=[^\s*\\])\1(?![\w*])"
)


class Edit(NamedTuple):
    """Delete `text[start:end]` or replace it by `repl`; `ref` numbers a footnote."""

    start: int
    end: int
    repl: str = ""
    ref: str | None = None


class EditIndex:
    """Non-overlapping edits in text order, searchable by position."""

    def __init__(self, edits: Iterable[Edit]) -> None:
        self.edits = resolve_overlaps(edits)
        self.starts = [edit.start for edit in self.edits]

    def within(self, start: int, end: int) -> Iterator[Edit]:
        """Yield the edits that overlap `[start, end)`, in order."""
        i = bisect_right(self.starts, start) - 1
        if i < 0 or self.edits[i].end <= start:
            i += 1
        while i < len(self.edits) and self.edits[i].start < end:
            yield self.edits[i]
            i += 1


def resolve_overlaps(edits: Iterable[Edit]) -> list[Edit]:
    """Keep the earliest (and, at one position, the longest) of overlapping edits."""
    kept: list[Edit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda e: (e.start, e.start - e.end)):
        if edit.start >= last_end and edit.end > edit.start:
            kept.append(edit)
            last_end = edit.end
    return kept


def superscript_refs(text: str) -> Iterator[Edit]:
    """Delete Unicode superscript footnote markers glued to a word (`Passov.¹³`)."""
    for match in _SUPERSCRIPT_RUN.finditer(text):
        start = match.start()
        if start > 0 and not text[start - 1].isspace():
            number = match.group().translate(_FROM_SUPERSCRIPT)
            yield Edit(start, match.end(), "", number)


def soft_hyphens(text: str) -> Iterator[Edit]:
    """Delete soft hyphens, and `¬` line-break marks inside a word (`com¬mitted`)."""
    for match in _SOFT_HYPHEN.finditer(text):
        start, end = match.span()
        if text[start] == "\u00ad" or (
            _letter_at(text, start - 1) and _letter_at(text, end)
        ):
            yield Edit(start, end)


def hyphenation(text: str) -> Iterator[Edit]:
    """Join words split by a hyphen at a line or page break, or set as `Sokol'-nikov`.

    At a break before a lowercase letter the word is joined unless the document
    writes it hyphenated elsewhere at least as often as joined (then only the break
    goes); before a capital the hyphen stays. Inside a line the hyphen goes only
    when the joined word occurs elsewhere at least as often as the hyphenated one,
    so `Sokol'-nikov` joins while `post-war` stays beside a stray `postwar`.
    """
    breaks, inline = _hyphen_candidates(text)
    if not breaks and not inline:
        return
    words = Counter(_WORD.findall(text.lower()))
    for hyphen, gap_end, head, tail in breaks:
        hyphenated, joined = (
            words[f"{head}-{tail}".lower()],
            words[(head + tail).lower()],
        )
        if tail[0].islower() and (not hyphenated or hyphenated < joined):
            yield Edit(hyphen, gap_end)
        else:
            yield Edit(hyphen + 1, gap_end)
    for hyphen, _, head, tail in inline:
        joined = words[(head + tail).lower()]
        if joined and joined >= words[f"{head}-{tail}".lower()]:
            yield Edit(hyphen, hyphen + 1)


Candidate = tuple[int, int, str, str]


def _hyphen_candidates(text: str) -> tuple[list[Candidate], list[Candidate]]:
    """Hyphens between two word parts: at a line break, and inside a line."""
    breaks: list[Candidate] = []
    for match in _BREAK_HYPHEN.finditer(text):
        head = _head(text, match.start(), allow_hyphen=True)
        tail = _TAIL.match(text, match.end())
        if head and tail:
            breaks.append((match.start(), match.end(), head, tail.group()))
    inline: list[Candidate] = []
    for match in _INLINE_HYPHEN.finditer(text):
        head = _head(text, match.start(), allow_hyphen=False)
        tail = _TAIL.match(text, match.end())
        if head and tail and not _word_char_at(text, tail.end()):
            inline.append((match.start(), match.end(), head, tail.group()))
    return breaks, inline


def _head(text: str, hyphen: int, allow_hyphen: bool) -> str | None:
    """The word part just before a hyphen, if it starts a word."""
    match = _HEAD.search(text, max(0, hyphen - _HEAD_REACH), hyphen)
    if match is None:
        return None
    before = text[match.start() - 1] if match.start() > 0 else " "
    if before.isalnum() or before in "_'’" or (before == "-" and not allow_hyphen):
        return None
    return match.group()


def _letter_at(text: str, index: int) -> bool:
    """Whether `text[index]` exists and is a letter."""
    return 0 <= index < len(text) and text[index].isalpha()


def _word_char_at(text: str, index: int) -> bool:
    """Whether `text[index]` exists and continues a word (letter, digit, `_`, `-`)."""
    return index < len(text) and (text[index].isalnum() or text[index] in "_-")


def asterisk_emphasis(
    text: str, start: int = 0, end: int | None = None
) -> Iterator[Edit]:
    """Delete `*`/`**`/`***` emphasis marks around a phrase, nested ones too."""
    stop = len(text) if end is None else end
    for match in _ASTERISK_EMPHASIS.finditer(text, start, stop):
        yield Edit(match.start(1), match.end(1))
        yield Edit(match.start(2) + len(match.group(2)), match.end())
        yield from asterisk_emphasis(text, match.start(2), match.end(2))
