"""Documents whose text a reader lays out from pages: PDF, ALTO, hOCR, DOCX.

Such a file has no text of its own to point into, so the reader writes one, and
that text is what the knowledge base stores and every span indexes: the lines
of a block joined by line breaks, blocks by a blank line, pages by a form feed
(`\\f`), so the page of any span is one plus the form feeds before it. The
layout is a function of the file alone, so offsets are the same on every run.
Page furniture (running heads, page numbers) stands in blocks of its own,
marked boilerplate; words a line break hyphenated are joined in the clean text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kartoteka.model import Document, stable_id
from kartoteka.pages import PAGE_BREAK

from .edits import EditIndex, hyphenation, soft_hyphens
from .errors import IngestError
from .furniture import furniture_lines
from .passages import build_passages, pick_title
from .units import Unit


@dataclass(frozen=True)
class Block:
    """A paragraph as the file lays it out: its lines, and what the file says it
    is (body, or heading where the format marks one)."""

    lines: tuple[str, ...]
    kind: str = "body"
    furniture: bool = False


Page = tuple[Block, ...]


def laid_out_document(
    pages: Sequence[Page], file: str, fmt: str, title: str = ""
) -> Document:
    """A Document from a reader's pages; IngestError when they hold no text."""
    pages = [_with_furniture(page, marks) for page, marks in _marked(pages)]
    text, units = _lay_out(pages)
    if not text.strip():
        raise IngestError(file, f"no text in this {fmt.upper()} file, skipped")
    edits = EditIndex([*soft_hyphens(text), *hyphenation(text)])
    passages, _ = build_passages(text, units, edits, "text")
    return Document(
        id=stable_id(file),
        file=file,
        text=text,
        encoding="",  # no characters were decoded; an XML reader sets its own
        format=fmt,
        title=pick_title(passages, title),
        passages=passages,
    )


def _marked(pages: Sequence[Page]) -> list[tuple[Page, tuple[bool, bool]]]:
    """Each page with whether its first and its last line is furniture."""
    firsts = [_line(page, 0) for page in pages]
    lasts = [_line(page, -1) for page in pages]
    heads, feet = furniture_lines(firsts), furniture_lines(lasts)
    return list(zip(pages, zip(heads, feet, strict=True), strict=True))


def _line(page: Page, index: int) -> str:
    lines = [line for block in page for line in block.lines if line.strip()]
    return lines[index] if lines else ""


def _with_furniture(page: Page, marks: tuple[bool, bool]) -> Page:
    """The page with its furniture lines split off into blocks of their own."""
    blocks = [b for b in page if any(line.strip() for line in b.lines)]
    head, foot = marks
    if head and blocks:
        first = blocks[0]
        rest = Block(first.lines[1:], first.kind) if len(first.lines) > 1 else None
        blocks[:1] = [Block(first.lines[:1], first.kind, True), *filter(None, [rest])]
    if foot and blocks and not (len(blocks) == 1 and blocks[0].furniture):
        last = blocks[-1]
        rest = Block(last.lines[:-1], last.kind) if len(last.lines) > 1 else None
        blocks[-1:] = [*filter(None, [rest]), Block(last.lines[-1:], last.kind, True)]
    return tuple(blocks)


def _lay_out(pages: Sequence[Page]) -> tuple[str, list[Unit]]:
    """The text of the pages and one unit per block, at its span in that text."""
    chunks: list[str] = []
    units: list[Unit] = []
    at = 0
    for number, page in enumerate(pages):
        if number:
            chunks.append(PAGE_BREAK)
            at += 1
        for index, block in enumerate(page):
            if index:
                chunks.append("\n\n")
                at += 2
            body = "\n".join(line.strip() for line in block.lines)
            kind = "body" if block.furniture else block.kind
            units.append(
                Unit(
                    at,
                    at + len(body),
                    kind,
                    None,
                    block.furniture,
                    False,
                    len(block.lines),
                )
            )
            chunks.append(body)
            at += len(body)
    return "".join(chunks), units
