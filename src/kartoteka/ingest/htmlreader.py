"""HTML into units with the stdlib parser, keeping the exact offset of every text node.

Tags are dropped, entities stand for their characters, script/style/head are
skipped, block elements end a unit, `<sup>digits</sup>` is a footnote marker and
page furniture (nav, header, footer, aside) is marked boilerplate.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from kartoteka.model import FootnoteRef

from .units import Piece, Unit

# fmt: off
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr",
    "ul"
})
# fmt: on
_SPACERS = frozenset({"td", "th", "img"})
# fmt: off
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr"
})
# fmt: on
_SKIPPED = frozenset({"script", "style", "head", "template", "noscript", "svg"})
# What may stand in <head>; anything else (or text) ends it, as HTML5 says.
# fmt: off
_HEAD_CONTENT = frozenset({
    "head", "title", "meta", "link", "base", "style", "script", "noscript", "template"
})
# fmt: on
_FURNITURE = frozenset({"nav", "header", "footer", "aside"})
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary"})
_FURNITURE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|breadcrumbs?|cookies?|sidebar"
    r"|share|social|skip-?link)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NOTE_ID = re.compile(
    r"^(?:fn|footnote|note|ftn|endnote)[-_:]?(\d{1,4})$", re.IGNORECASE
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SPACE = re.compile(r"\s+")


class HtmlReader(HTMLParser):
    """Collect the units, footnote markers and title of one HTML document."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.units: list[Unit] = []
        self.refs: list[FootnoteRef] = []
        self.title = ""
        self._lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self._stack: list[tuple[str, bool]] = []
        self._counts: dict[str, int] = {}
        self._pieces: list[Piece] = []
        self._note: str | None = None
        self._sup: tuple[int, int] | None = None
        self._title_parts: list[str] = []
        self._h1_parts: list[str] = []
        self._h1_state = "before"

    def read(self) -> list[Unit]:
        """Parse the whole text and return its units."""
        self.feed(self.text)
        self.close()
        self._flush()
        h1 = _SPACE.sub(" ", html.unescape("".join(self._h1_parts))).strip()
        title = _SPACE.sub(" ", html.unescape("".join(self._title_parts))).strip()
        self.title = h1 or title
        return self.units

    def _offset(self) -> int:
        """The parser's current position as an index into the original text."""
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element: maybe end a unit, track context, start a footnote marker."""
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        if tag not in _HEAD_CONTENT:
            self._end_head()
        if tag in BLOCKS:
            self._flush()
            self._note = _note_id(attrs) or self._note
        elif tag in _SPACERS:
            self._pieces.append((start, end, " "))
        if tag == "sup":
            self._sup = (start, len(self._pieces))
        if tag == "h1" and self._h1_state == "before":
            self._h1_state = "inside"
        if tag not in _VOID:
            if tag == "p" and self._stack and self._stack[-1][0] == "p":
                self._pop("p")
            furniture = _is_furniture(tag, attrs, self._counts)
            self._stack.append((tag, furniture))
            self._counts[tag] = self._counts.get(tag, 0) + 1
            if furniture:
                self._counts["#furniture"] = self._counts.get("#furniture", 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closing tag (`<br/>`) opens nothing."""
        if tag not in _HEAD_CONTENT:
            self._end_head()
        if tag in BLOCKS:
            self._flush()
        elif tag in _SPACERS:
            start = self._offset()
            self._pieces.append(
                (start, start + len(self.get_starttag_text() or ""), " ")
            )

    def handle_endtag(self, tag: str) -> None:
        """Close an element: finish a footnote marker, maybe end a unit."""
        start = self._offset()
        end = self.text.find(">", start) + 1 or len(self.text)
        if tag == "sup" and self._sup is not None:
            self._end_sup(end)
        if tag in BLOCKS:
            self._flush()
        if tag == "h1" and self._h1_state == "inside":
            self._h1_state = "after"
        self._pop(tag)

    def handle_data(self, data: str) -> None:
        """Keep a text node at its exact offset, unless it is in skipped markup."""
        start = self._offset()
        if self._counts.get("title"):
            self._title_parts.append(data)
        elif data.strip() and not self._in_head_content():
            self._end_head()
        if self._skipping() or self.text[start : start + len(data)] != data:
            return
        if self._h1_state == "inside":
            self._h1_parts.append(data)
        self._pieces.append((start, start + len(data), None))

    def handle_entityref(self, name: str) -> None:
        """Stand the entity's character for the entity's span."""
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        """Stand the character for a numeric character reference."""
        self._reference("&#" + name)

    def _reference(self, raw: str) -> None:
        """Record a character reference as a one-character piece."""
        start = self._offset()
        end = start + len(raw)
        if self.text.startswith(";", end):
            end += 1
        source = self.text[start:end]
        char = html.unescape(source)
        if self._counts.get("title"):
            self._title_parts.append(source)
        if self._skipping():
            return
        if self._h1_state == "inside":
            self._h1_parts.append(source)
        if char == source or not char:
            self._pieces.append((start, end, None))
        else:
            self._pieces.append((start, end, char[0]))

    def _end_head(self) -> None:
        """Close a `<head>` left open: body content implies its end (legal HTML5)."""
        if self._counts.get("head"):
            self._pop("head")

    def _in_head_content(self) -> bool:
        """Inside an element whose text is not body text even in an open `<head>`."""
        return any(self._counts.get(tag) for tag in _HEAD_CONTENT - {"head"})

    def _skipping(self) -> bool:
        """True inside script, style, head and other non-text elements."""
        return any(self._counts.get(tag) for tag in _SKIPPED)

    def _pop(self, tag: str) -> None:
        """Close `tag` and whatever was left open inside it; ignore stray end tags."""
        names = [name for name, _ in self._stack]
        if tag not in names:
            return
        while self._stack:
            name, furniture = self._stack.pop()
            self._counts[name] -= 1
            if furniture:
                self._counts["#furniture"] -= 1
            if name == tag:
                return

    def _end_sup(self, end: int) -> None:
        """Turn `<sup>digits</sup>` into a footnote marker (or a footnote's number)."""
        assert self._sup is not None
        sup_start, index = self._sup
        self._sup = None
        inner = "".join(
            self.text[a:b] if repl is None else repl
            for a, b, repl in self._pieces[index:]
        ).strip()
        if not inner.isdecimal() or len(inner) > 4:
            return
        del self._pieces[index:]
        before = "".join(self.text[a:b] for a, b, repl in self._pieces if repl is None)
        if before.strip() or self._note is not None:
            self.refs.append(FootnoteRef(sup_start, end, inner))
        else:
            self._note = inner

    def _flush(self) -> None:
        """End the current unit, taking its kind from the open elements."""
        pieces = self._pieces
        self._pieces = []
        kept = [
            p
            for p in pieces
            if p[2] is not None or not self.text[p[0] : p[1]].isspace()
        ]
        if not kept:
            return
        note, self._note = self._note, None
        kind = "body"
        if note is not None:
            kind = "footnote"
        elif any(self._counts.get(tag) for tag in _HEADINGS):
            kind = "heading"
        elif self._counts.get("blockquote"):
            kind = "quote"
        furniture = bool(self._counts.get("#furniture"))
        listed = bool(self._counts.get("li"))
        start, end = _trimmed_span(self.text, kept)
        unit = Unit(start, end, kind, note, furniture, listed, pieces=pieces)
        self.units.append(unit)


def _trimmed_span(text: str, pieces: list[Piece]) -> tuple[int, int]:
    """The span from the first to the last non-blank character of the pieces."""
    start, end = pieces[0][0], pieces[-1][1]
    if pieces[0][2] is None:
        start += len(text[start : pieces[0][1]]) - len(
            text[start : pieces[0][1]].lstrip()
        )
    if pieces[-1][2] is None:
        end -= len(text[pieces[-1][0] : end]) - len(text[pieces[-1][0] : end].rstrip())
    return start, end


def _note_id(attrs: list[tuple[str, str | None]]) -> str | None:
    """A footnote number from an element id like `fn3` or `footnote-3`."""
    for name, value in attrs:
        if name == "id" and value:
            match = _NOTE_ID.match(value)
            if match:
                return match.group(1)
    return None


def _is_furniture(
    tag: str, attrs: list[tuple[str, str | None]], counts: dict[str, int]
) -> bool:
    """Whether an element is page furniture (navigation, banners, footers, sidebars)."""
    if tag == "header" and (counts.get("article") or counts.get("main")):
        return False
    if tag in _FURNITURE:
        return True
    values = {name: value or "" for name, value in attrs}
    if values.get("role", "").lower() in _FURNITURE_ROLES:
        return True
    return bool(
        _FURNITURE_NAMES.search(values.get("class", "") + " " + values.get("id", ""))
    )
