"""Inline Markdown markup as edits: what a reader of the rendered page would not see."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from .edits import Edit, asterisk_emphasis

_SUP_REF = re.compile(r"<sup>\s*(\d{1,4})\s*</sup>", re.IGNORECASE)
_NOTE_REF = re.compile(r"\[\^([^\]\s]{1,10})\](?!:)")
_INLINE_TAG = re.compile(
    r"</?(?:sup|sub|span|em|strong|b|i|u|s|small|mark|del|ins|code|br|a|img|abbr)"
    r"\b[^<>\n]*>",
    re.IGNORECASE,
)
_LINK = re.compile(r"(!?\[)([^\]\n]*)(\]\([^()\s]*(?:\([^()\s]*\))?[^()\s]*"
                   r"(?:\s+\"[^\"\n]*\")?\))")  # fmt: skip
_AUTOLINK = re.compile(r"(<)(?:https?|ftp|mailto):[^<>\s]+(>)", re.IGNORECASE)
_ESCAPES = re.compile(r"\\+(?=[!-/:-@\[-`{-~])")
_UNDERSCORE_EMPHASIS = re.compile(
    r"(?<![\w\\])(_{1,3})(?=[^\s_])([^\n]+?)(?<=[^\s_\\])\1(?!\w)"
)
_CODE = re.compile(r"(?<!`)(`+)[^`\n]+?\1(?!`)")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def markdown_edits(text: str) -> Iterator[Edit]:
    """Yield the edits that strip inline Markdown (and stray inline HTML)."""
    for match in _SUP_REF.finditer(text):
        yield Edit(match.start(), match.end(), "", match.group(1))
    for match in _NOTE_REF.finditer(text):
        yield Edit(match.start(), match.end(), "", match.group(1))
    for match in _INLINE_TAG.finditer(text):
        yield Edit(match.start(), match.end())
    for match in _LINK.finditer(text):
        yield Edit(match.start(1), match.end(1))
        yield Edit(match.start(3), match.end(3))
    for match in _AUTOLINK.finditer(text):
        yield Edit(match.start(1), match.end(1))
        yield Edit(match.start(2), match.end(2))
    for match in _ESCAPES.finditer(text):
        yield Edit(match.start(), match.end())
    for match in _CODE.finditer(text):
        fence = len(match.group(1))
        yield Edit(match.start(), match.start() + fence)
        yield Edit(match.end() - fence, match.end())
    yield from asterisk_emphasis(text)
    yield from _underscore_emphasis(text, 0, len(text))
    yield from entities(text)


def _underscore_emphasis(text: str, start: int, end: int) -> Iterator[Edit]:
    """Delete `_`/`__` emphasis marks; underscores inside words are left alone."""
    for match in _UNDERSCORE_EMPHASIS.finditer(text, start, end):
        yield Edit(match.start(1), match.end(1))
        yield Edit(match.start(2) + len(match.group(2)), match.end())
        yield from _underscore_emphasis(text, match.start(2), match.end(2))


def entities(text: str) -> Iterator[Edit]:
    """Replace each HTML character reference by the one character it stands for."""
    for match in _ENTITY.finditer(text):
        char = html.unescape(match.group())
        if char != match.group() and len(char) == 1:
            yield Edit(match.start(), match.end(), char)
