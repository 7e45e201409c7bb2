"""DOCX: the paragraphs of `word/document.xml`, pages cut at the page breaks.

Word stores no pages, only where the author broke one (`w:br w:type="page"`)
and where Word last broke one when it laid the text out
(`w:lastRenderedPageBreak`); both start a new page here. A paragraph in a
Heading or Title style is a heading; a line break inside a paragraph starts a
new line of its block.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from kartoteka.model import Document

from .errors import IngestError
from .layout import Block, laid_out_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY_PART = "word/document.xml"
MAX_PART_BYTES = 200_000_000  # a zip bomb is no document
PAGE = "\f"


def is_docx(data: bytes) -> bool:
    """Whether the bytes are a zip holding a Word document."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return BODY_PART in archive.namelist()
    except zipfile.BadZipFile:
        return False


def read_docx(data: bytes, file: str) -> Document:
    """The document a DOCX holds, or IngestError saying why none."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo(BODY_PART).file_size > MAX_PART_BYTES:
                raise IngestError(file, "its text part is too large to read, skipped")
            root = ElementTree.fromstring(archive.read(BODY_PART))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise IngestError(file, f"not a readable DOCX ({error}), skipped") from error
    pages: list[list[Block]] = [[]]
    for paragraph in root.iter(f"{W}p"):
        for number, text in enumerate(_paragraph_text(paragraph).split(PAGE)):
            if number:
                pages.append([])
            if text.strip():
                pages[-1].append(Block(tuple(text.split("\n")), _kind(paragraph)))
    return laid_out_document([tuple(p) for p in pages], file, "docx")


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    """The paragraph's text, with line breaks and page breaks as characters."""
    chunks: list[str] = []
    for element in paragraph.iter():
        if element.tag == f"{W}t":
            chunks.append(element.text or "")
        elif element.tag == f"{W}tab":
            chunks.append("\t")
        elif element.tag == f"{W}br":
            chunks.append(PAGE if element.get(f"{W}type") == "page" else "\n")
        elif element.tag == f"{W}lastRenderedPageBreak" and "".join(chunks).strip():
            chunks.append(PAGE)
    return "".join(chunks)


def _kind(paragraph: ElementTree.Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    name = (style.get(f"{W}val") or "") if style is not None else ""
    return "heading" if name.lower().startswith(("heading", "title")) else "body"
