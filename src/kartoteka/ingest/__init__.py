"""Ingest: source files to Documents with clean, offset-mapped passages.

`discover` expands file and folder arguments; `read_document` reads one file
(decoding it, choosing the HTML, Markdown or plain-text reader by content,
cleaning footnote markers, markup and hyphenation, and marking boilerplate).
Every span in the result indexes `Document.text`, the untouched decoded file.
"""

from __future__ import annotations

from .document import document_from_text, read_document
from .errors import IngestError
from .sources import discover

__all__ = [
    "IngestError",
    "discover",
    "document_from_text",
    "read_document",
]
