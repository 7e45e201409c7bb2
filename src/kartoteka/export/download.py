"""One export as a single file to hand to a browser: folders travel as a zip."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kartoteka.export import DEFAULT_BASE, write_export

FILE_NAMES = {
    "json": "kartoteka.json",
    "csv": "kartoteka-csv.zip",
    "gexf": "kartoteka.gexf",
    "graphml": "kartoteka.graphml",
    "jsonld": "kartoteka.jsonld",
    "tei": "kartoteka.tei.xml",
    "datasette": "kartoteka-datasette.zip",
}
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "application/zip",
    "gexf": "application/xml",
    "graphml": "application/xml",
    "jsonld": "application/ld+json",
    "tei": "application/tei+xml",
    "datasette": "application/zip",
}


@dataclass(frozen=True)
class Download:
    name: str
    media_type: str
    content: bytes


def download(db: sqlite3.Connection, fmt: str, base: str = DEFAULT_BASE) -> Download:
    """The export in `fmt` as the bytes of one file, named for saving."""
    name = FILE_NAMES[fmt]
    with tempfile.TemporaryDirectory(prefix="kartoteka-export-") as folder:
        out = Path(folder) / name
        if fmt == "datasette":
            write_export(db, fmt, Path(folder) / "kartoteka", base)
            _zip_folder(Path(folder) / "kartoteka", out)
        else:
            write_export(db, fmt, out, base)
        return Download(name, MEDIA_TYPES[fmt], out.read_bytes())


def _zip_folder(folder: Path, out: Path) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{folder.name}/{path.name}")
