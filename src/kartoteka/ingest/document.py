"""One source file to a Document: read, decode, pick a reader, clean, classify."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import replace
from pathlib import Path

from kartoteka.model import Document, FootnoteRef, stable_id

from .decode import decode_bytes
from .detect import detect_format
from .docx import is_docx, read_docx
from .edits import (
    Edit,
    EditIndex,
    asterisk_emphasis,
    hyphenation,
    soft_hyphens,
    superscript_refs,
)
from .errors import IngestError
from .htmlreader import HtmlReader
from .markdown import markdown_edits
from .ocr import ocr_format, read_alto, read_hocr
from .passages import build_passages, pick_title
from .pdf import read_pdf
from .segment import segment
from .units import Unit


def read_document(path: Path, file: str) -> Document:
    """Read one source file into a Document, or raise IngestError saying why not."""
    data = read_bytes(path, file)
    if not data:
        raise IngestError(file, "empty file, skipped", "warning")
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return read_pdf(data, file)
    if is_docx(data):
        return read_docx(data, file)
    decoded = decode_bytes(data, file)
    if not decoded.text.strip():
        raise IngestError(file, "empty file (only whitespace), skipped", "warning")
    ocr = ocr_format(decoded.text)
    if ocr is not None:
        read_ocr = read_alto if ocr == "alto" else read_hocr
        document = read_ocr(decoded.text, file)
        return replace(document, encoding=decoded.encoding, warnings=decoded.warnings)
    return document_from_text(
        decoded.text, file, decoded.encoding, path.suffix, decoded.warnings
    )


def read_bytes(path: Path, file: str) -> bytes:
    """The bytes of a regular file, with a one-line IngestError for anything else."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(file, "cannot read: it is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(file, "cannot read: not a regular file")
        return path.read_bytes()
    except PermissionError as err:
        raise IngestError(file, "cannot read: permission denied") from err
    except FileNotFoundError as err:
        raise IngestError(file, "cannot read: no such file or broken link") from err
    except OSError as err:
        reason = err.strerror or errno.errorcode.get(err.errno or 0, "I/O error")
        raise IngestError(file, f"cannot read: {reason.lower()}") from err


def document_from_text(
    text: str,
    file: str,
    encoding: str = "utf-8",
    suffix: str = "",
    warnings: tuple[str, ...] = (),
) -> Document:
    """Build a Document from decoded text (tests and other stages use this too)."""
    fmt = detect_format(text, suffix)
    units, edits, refs, hint = _read_units(text, fmt)
    passages, removed = build_passages(text, units, edits, fmt)
    all_refs = sorted({*refs, *removed}, key=lambda ref: (ref.start, ref.end))
    return Document(
        id=stable_id(file),
        file=file,
        text=text,
        encoding=encoding,
        format=fmt,
        title=pick_title(passages, hint),
        passages=passages,
        footnote_refs=tuple(all_refs),
        warnings=warnings,
    )


def _read_units(
    text: str, fmt: str
) -> tuple[list[Unit], EditIndex, list[FootnoteRef], str]:
    """Run the reader for `fmt`: units, edits, footnote markers and a title hint."""
    generic = [
        *superscript_refs(text),
        *soft_hyphens(text),
        *hyphenation(text),
    ]
    if fmt == "html":
        reader = HtmlReader(text)
        units = reader.read()
        return units, EditIndex(generic), reader.refs, reader.title
    units, marks = segment(text, markdown=fmt == "markdown")
    markup: list[Edit] = list(
        markdown_edits(text) if fmt == "markdown" else asterisk_emphasis(text)
    )
    return units, EditIndex([*marks, *generic, *markup]), [], ""
