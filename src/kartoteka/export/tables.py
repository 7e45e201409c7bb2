"""`--format csv`: one table per kind of record, for spreadsheets and Palladio.

A folder of CSV files, or one zip of them when the output ends in `.zip`.
Files are UTF-8 with a byte-order mark, which spreadsheets need to read Cyrillic
and which Palladio and Python's `utf-8-sig` skip.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

from kartoteka.export import records
from kartoteka.export.records import Record

CITATION = ["file", "document", "start", "end", "quote"]
DATES = ["date", "date_earliest", "date_latest"]
COLUMNS: dict[str, list[str]] = {
    "persons": [
        "id", "name", "names", "mentions", "documents", "born", "died", "fate",
        "organizations", *CITATION,
    ],
    "organizations": [
        "id", "name", "names", "mentions", "documents", *CITATION,
    ],
    "names": [
        "entity", "entity_type", "entity_name", "name", "language",
        "file", "document", "start", "end", "text",
    ],
    "events": [
        "id", "type", "person", "person_name", *DATES, "date_inferred", "stance",
        "agent", "agent_name", "org", "org_name", "place", "position", "reporter",
        "reporter_entity", *CITATION,
    ],
    "relations": [
        "id", "type", "a", "a_name", "b", "b_name", *DATES, "stance", *CITATION,
    ],
    "conflicts": [
        "conflict", "about", "about_name", "kind", "question", "statement", "value",
        "stance", "reporter", *CITATION, "sentence",
    ],
    "documents": ["id", "file", "title", "format", "languages", "characters"],
}  # fmt: skip


def readers() -> dict[str, Callable[[sqlite3.Connection], list[Record]]]:
    """Which records fill each table."""
    return {
        "persons": lambda db: records.entities(db, "person"),
        "organizations": lambda db: records.entities(db, "org"),
        "names": records.names,
        "events": records.events,
        "relations": records.relations,
        "conflicts": records.conflict_claims,
        "documents": records.documents,
    }


def table_text(found: list[Record], columns: list[str]) -> str:
    """One table as CSV text with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(found)
    return out.getvalue()


def write_tables(db: sqlite3.Connection, out: Path) -> None:
    """Write every table to the folder `out`, or into the zip `out` (`*.zip`)."""
    tables = {
        f"{name}.csv": table_text(read(db), COLUMNS[name])
        for name, read in readers().items()
    }
    if out.suffix.lower() == ".zip":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in tables.items():
                archive.writestr(name, text.encode("utf-8-sig"))
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (out / name).write_text(text, encoding="utf-8-sig", newline="")
