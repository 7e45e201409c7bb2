"""PDF with a text layer (pdfminer.six, MIT): each page's text boxes as blocks.

pdfminer's layout analysis groups characters into lines and lines into boxes in
reading order; a box is a paragraph-sized block of its page. A PDF without a
text layer (a scan that was never OCRed) has nothing to read and says so.
pdfminer is imported by the first PDF (a build's parent imports it before its
workers start if a file is named as one), not by every reader of documents.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from kartoteka.model import Document

from .errors import IngestError
from .layout import Block, Page, laid_out_document

if TYPE_CHECKING:
    from pdfminer.layout import LTPage

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it logs every odd object


def read_pdf(data: bytes, file: str) -> Document:
    """The document a PDF's text layer holds, or IngestError saying why none."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.psexceptions import PSException

    try:
        found = extract_pages(io.BytesIO(data), laparams=LAParams())
        pages = [_page(page) for page in found]
    except PSException as error:
        raise IngestError(file, f"not a readable PDF ({error}), skipped") from error
    if not any(block.lines for page in pages for block in page):
        raise IngestError(
            file, "this PDF has no text layer (a scan without OCR?), skipped"
        )
    return laid_out_document(pages, file, "pdf")


def _page(page: LTPage) -> Page:
    """The text boxes of a page, in pdfminer's reading order, as blocks."""
    from pdfminer.layout import LTTextBox, LTTextLine

    blocks = []
    for box in page:
        if isinstance(box, LTTextBox):
            lines = [
                line.get_text().rstrip("\n")
                for line in box
                if isinstance(line, LTTextLine) and line.get_text().strip()
            ]
            if lines:
                blocks.append(Block(tuple(lines)))
    return tuple(blocks)
