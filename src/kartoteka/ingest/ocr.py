"""OCR output as archives deliver it: ALTO XML and hOCR, pages of blocks of lines.

ALTO gives each word as a `String` (its `CONTENT`), lines as `TextLine`, blocks
as `TextBlock`, and marks a word hyphenated at the line's end with `HYP`, which
becomes the hyphen that cleaning joins again. hOCR is HTML whose classes say
the structure: `ocr_page`, `ocr_par` (or `ocr_carea`), `ocr_line` and its kin.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree import ElementTree

from kartoteka.model import Document

from .errors import IngestError
from .layout import Block, laid_out_document

ALTO_ROOT = re.compile(r"<(?:\w+:)?alto[\s>]")
HOCR_PAGE = re.compile(r"""class\s*=\s*["'][^"'<>]{0,200}?\bocr_page\b""")
LINE_CLASSES = frozenset(
    {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat", "ocrx_line"}
)
BLOCK_CLASSES = frozenset({"ocr_par", "ocr_carea"})
VOID = frozenset({"area", "base", "br", "col", "hr", "img", "input", "link", "meta"})


def ocr_format(text: str) -> str | None:
    """ "alto" or "hocr" when the text is one of them, else None."""
    head = text[:4096]
    if head.lstrip().startswith("<") and ALTO_ROOT.search(head):
        return "alto"
    if HOCR_PAGE.search(text[:200_000]):
        return "hocr"
    return None


def read_alto(text: str, file: str) -> Document:
    """The document an ALTO file holds, or IngestError saying why none."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        problem = f"not well-formed ALTO XML ({error}), skipped"
        raise IngestError(file, problem) from error
    pages = [
        tuple(
            Block(tuple(_alto_line(line) for line in _children(block, "TextLine")))
            for block in _children(page, "TextBlock")
        )
        for page in _children(root, "Page")
    ]
    return laid_out_document(pages, file, "alto")


def _children(element: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    """Descendants by local name, whatever the ALTO version's namespace."""
    return [e for e in element.iter() if e.tag.rsplit("}", 1)[-1] == name]


def _alto_line(line: ElementTree.Element) -> str:
    words: list[str] = []
    for element in line:
        name = element.tag.rsplit("}", 1)[-1]
        if name == "String":
            words.append(element.get("CONTENT", ""))
        elif name == "HYP" and words:
            words[-1] += "-"
    return " ".join(w for w in words if w)


def read_hocr(text: str, file: str) -> Document:
    """The document an hOCR file holds."""
    reader = _HocrReader()
    reader.feed(text)
    reader.close()
    pages = [
        tuple(Block(tuple(b)) for b in page if any(line.strip() for line in b))
        for page in reader.pages
    ]
    return laid_out_document(pages, file, "hocr")


class _HocrReader(HTMLParser):
    """Collect the lines of each block of each page from the hOCR classes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pages: list[list[list[str]]] = []
        self._depth = 0
        self._line_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self._depth += 1
        if "ocr_page" in classes:
            self.pages.append([])
        elif classes & BLOCK_CLASSES and self.pages:
            self.pages[-1].append([])
        elif classes & LINE_CLASSES and self.pages:
            if not self.pages[-1]:
                self.pages[-1].append([])
            self.pages[-1][-1].append("")
            self._line_depth = self._depth

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self._line_depth == self._depth:
            self._line_depth = None
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._line_depth is not None:
            line = self.pages[-1][-1]
            line[-1] = " ".join(f"{line[-1]} {data}".split())
