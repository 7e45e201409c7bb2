"""The source reader: a document cut into blocks and runs that a template can show.

Every run of text keeps its span in the original, so a deep link
(`/doc/<id>#<start>-<end>`) can find and highlight exactly the cited characters.
Markup in HTML sources is hidden and its entities shown decoded; such pieces are
marked as not verbatim, and a highlight covers them whole.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
from bisect import bisect_left
from dataclasses import dataclass, field

from kartoteka.pages import page_of, printed_offset

HTML_MARKUP = re.compile(r"<[^>]*>|&#?\w+;|\r")
OTHER_MARKUP = re.compile(r"\r")


@dataclass(frozen=True)
class Piece:
    """Characters `start`..`end` of the original, shown as `text`."""

    start: int
    end: int
    text: str
    exact: bool


@dataclass(frozen=True)
class Run:
    """Consecutive pieces shown alike: plain text, a mention, or a footnote marker."""

    kind: str
    pieces: tuple[Piece, ...]
    href: str | None = None
    css: str = ""
    title: str | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class Statement:
    """An event stated in a block, for the margin of the reader."""

    id: str
    type: str
    person: str
    person_name: str
    start: int
    end: int


@dataclass
class Block:
    """One passage: heading, body paragraph, quotation, footnote or boilerplate."""

    kind: str
    start: int
    end: int
    language: str
    note: str | None
    runs: list[Run]
    statements: list[Statement] = field(default_factory=list)
    anchor: str | None = None
    back: str | None = None
    page: int | None = None  # set on the first block of each page of a paged source


@dataclass(frozen=True)
class Mark:
    """Something drawn over the text: a mention or a footnote marker."""

    start: int
    end: int
    kind: str
    href: str | None
    css: str
    title: str | None
    anchor: str | None = None


@dataclass
class Reading:
    """A document ready to read."""

    id: str
    file: str
    title: str
    format: str
    languages: list[str]
    blocks: list[Block]
    mentions: int
    statements: int


def pieces(text: str, start: int, end: int, markup: re.Pattern[str]) -> list[Piece]:
    """Cut `text[start:end]` into verbatim pieces and decoded or hidden markup."""
    found: list[Piece] = []
    at = start
    for match in markup.finditer(text, start, end):
        if match.start() > at:
            found.append(Piece(at, match.start(), text[at : match.start()], True))
        token = match.group()
        shown = html.unescape(token) if token.startswith("&") else ""
        found.append(Piece(match.start(), match.end(), shown, False))
        at = match.end()
    if at < end:
        found.append(Piece(at, end, text[at:end], True))
    return found


SUPERSCRIPTS = set("⁰¹²³⁴⁵⁶⁷⁸⁹")


def _marks(db: sqlite3.Connection, document: str, text: str) -> list[Mark]:
    """Mentions and footnote markers of a document, by position, without overlaps."""
    marks = [
        Mark(
            r["start"],
            r["end"],
            "mention",
            f"/card/{r['entity']}" if r["entity"] else None,
            f"m m-{r['type']}",
            r["card"] or r["name"],
        )
        for r in db.execute(
            """SELECT m.start, m.end, m.type, m.entity, m.name, e.name AS card
               FROM mentions m LEFT JOIN entities e ON e.id = m.entity
               WHERE m.document = ? ORDER BY m.start, m.end DESC""",
            (document,),
        )
    ]
    notes = {
        r[0]
        for r in db.execute(
            "SELECT note FROM passages WHERE document = ? AND kind = 'footnote'",
            (document,),
        )
    }
    seen: set[str] = set()
    for r in db.execute(
        "SELECT start, end, number FROM footnote_refs WHERE document = ?", (document,)
    ):
        number = r["number"]
        anchor = None if number in seen or number not in notes else f"ref-{number}"
        seen.add(number)
        marks.append(
            Mark(
                r["start"],
                r["end"],
                "note-ref",
                f"#note-{number}" if number in notes else None,
                "fn-ref"
                if set(text[r["start"] : r["end"]].strip()) <= SUPERSCRIPTS
                else "fn-ref raised",
                f"note {number}"
                if number in notes
                else f"note {number}, not in this source",
                anchor,
            )
        )
    marks.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mark] = []
    for mark in marks:
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


def runs(
    text: str, start: int, end: int, marks: list[Mark], markup: re.Pattern[str]
) -> list[Run]:
    """The runs of one passage: text between marks, and the marks themselves."""
    found: list[Run] = []
    at = start
    for mark in marks:
        if mark.end <= start or mark.start >= end:
            continue
        if mark.start > at:
            found.append(Run("text", tuple(pieces(text, at, mark.start, markup))))
        low, high = max(mark.start, start), min(mark.end, end)
        found.append(
            Run(
                mark.kind,
                tuple(pieces(text, low, high, markup)),
                mark.href,
                mark.css,
                mark.title,
                mark.anchor,
            )
        )
        at = high
    if at < end:
        found.append(Run("text", tuple(pieces(text, at, end, markup))))
    return found


def own_parts(
    start: int, end: int, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The parts of a passage's span that are its own text, without the passages set
    inside it (a caption a page put between the two halves of a sentence), so each
    character is shown once, in the block it belongs to. `spans` is sorted."""
    parts: list[tuple[int, int]] = []
    at = start
    for inner_start, inner_end in spans[bisect_left(spans, (start, start)) :]:
        if inner_start >= end:
            break
        if (inner_start, inner_end) == (start, end) or inner_end > end:
            continue
        if inner_start > at:
            parts.append((at, inner_start))
        at = max(at, inner_end)
    if at < end:
        parts.append((at, end))
    return parts


def _statements(db: sqlite3.Connection, document: str) -> list[Statement]:
    return [
        Statement(r["id"], r["type"], r["person"], r["name"], r["start"], r["end"])
        for r in db.execute(
            """SELECT ev.id, ev.type, ev.person, e.name, ev.start, ev.end
               FROM events ev JOIN entities e ON e.id = ev.person
               WHERE ev.document = ? ORDER BY ev.start""",
            (document,),
        )
    ]


def reading(db: sqlite3.Connection, document: str) -> Reading | None:
    """The document with its passages as blocks, mentions linked to their cards."""
    doc = db.execute("SELECT * FROM documents WHERE id = ?", (document,)).fetchone()
    if doc is None:
        return None
    text: str = doc["text"]
    markup = HTML_MARKUP if doc["format"] == "html" else OTHER_MARKUP
    marks = _marks(db, document, text)
    refs = {m.title for m in marks if m.kind == "note-ref"}
    statements = _statements(db, document)
    blocks: list[Block] = []
    passages = db.execute(
        "SELECT * FROM passages WHERE document = ? ORDER BY seq", (document,)
    ).fetchall()
    spans = sorted((p["start"], p["end"]) for p in passages)
    for p in passages:
        if not text[p["start"] : p["end"]].strip():
            continue
        parts = own_parts(p["start"], p["end"], spans)
        block = Block(
            p["kind"],
            p["start"],
            p["end"],
            p["language"],
            p["note"],
            [run for a, b in parts for run in runs(text, a, b, marks, markup)],
        )
        if p["kind"] == "footnote" and p["note"]:
            block.anchor = f"note-{p['note']}"
            block.back = f"#ref-{p['note']}" if f"note {p['note']}" in refs else None
        block.statements = [
            s for s in statements if any(a <= s.start < b for a, b in parts)
        ]
        page = page_of(text, p["start"])
        before = page_of(text, blocks[-1].start) if blocks else None
        if page is not None and page != before:
            block.page = page + printed_offset(text)
        blocks.append(block)
    return Reading(
        doc["id"],
        doc["file"],
        doc["title"] or doc["file"],
        doc["format"] or "",
        list(json.loads(doc["languages"] or "[]")),
        blocks,
        sum(1 for m in marks if m.kind == "mention"),
        len(statements),
    )
