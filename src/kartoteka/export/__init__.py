"""Exports of the knowledge base in formats other tools read."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kartoteka.analysis.cohorts import Selection, cohort
from kartoteka.analysis.conflicts import stored_conflicts
from kartoteka.export.cohorts import cohort_dict
from kartoteka.model import Conflict

FORMATS = ("json", "csv", "gexf", "graphml", "jsonld", "tei", "datasette")
DEFAULT_BASE = "http://127.0.0.1:8000/"  # where `kartoteka serve` answers
FOLDERS = ("csv", "datasette")  # written as a folder (csv: a zip when named *.zip)


def export_dict(db: sqlite3.Connection) -> dict[str, Any]:
    """The whole knowledge base as one object, in the documented JSON contract."""
    documents = [
        {
            "id": r["id"],
            "file": r["file"],
            "title": r["title"],
            "languages": json.loads(r["languages"]),
        }
        for r in db.execute("SELECT * FROM documents ORDER BY file")
    ]
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in db.execute(
        """SELECT m.entity, d.file, m.start, m.end, m.text FROM mentions m
           JOIN documents d ON d.id = m.document
           WHERE m.entity IS NOT NULL ORDER BY d.file, m.start"""
    ):
        mentions[r["entity"]].append(
            {"file": r["file"], "start": r["start"], "end": r["end"], "text": r["text"]}
        )
    names: dict[str, list[str]] = defaultdict(list)
    for r in db.execute(
        "SELECT entity, name FROM mentions WHERE entity IS NOT NULL "
        "GROUP BY entity, name ORDER BY entity, MIN(rowid)"
    ):
        names[r["entity"]].append(r["name"])
    entities = [
        {
            "id": r["id"],
            "type": r["type"],
            "name": r["name"],
            "names": names[r["id"]],
            "mentions": mentions[r["id"]],
        }
        for r in db.execute("SELECT * FROM entities ORDER BY type, id")
    ]
    events = [
        {
            "id": r["id"],
            "type": r["type"],
            "person": r["person"],
            "date": r["date"],
            "file": r["file"],
            "start": r["start"],
            "end": r["end"],
            "evidence": r["evidence"],
            "agent": r["agent"],
            "org": r["org"],
            "place": r["place"],
            "position": r["position"],
            "stance": r["stance"],
            "date_earliest": r["date_earliest"],
            "date_latest": r["date_latest"],
            "date_inferred": bool(r["date_inferred"]),
            "reporter": r["reporter"],
            "reporter_id": r["reporter_entity"],
        }
        for r in db.execute(
            """SELECT ev.*, d.file FROM events ev JOIN documents d ON d.id = ev.document
               ORDER BY d.file, ev.start, ev.type"""
        )
    ]
    return {
        "documents": documents,
        "entities": entities,
        "events": events,
        "relations": relation_dicts(db),
        "conflicts": [conflict_dict(c) for c in stored_conflicts(db)],
        "cohorts": cohort_dicts(db),
    }


def cohort_dicts(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """One cohort per event type the knowledge base states, over all years and
    organizations, each as `kartoteka cohort --event TYPE --json` writes it."""
    types = [r[0] for r in db.execute("SELECT DISTINCT type FROM events ORDER BY 1")]
    return [cohort_dict(cohort(db, Selection((t,)))) for t in types]


def relation_dicts(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """Ties between persons in the export contract: `a` is `type` of `b`."""
    return [
        {
            "id": r["id"],
            "type": r["type"],
            "a": r["a"],
            "b": r["b"],
            "file": r["file"],
            "start": r["start"],
            "end": r["end"],
            "evidence": r["evidence"],
            "date": r["date"],
            "stance": r["stance"],
        }
        for r in db.execute(
            """SELECT r.*, d.file FROM relations r JOIN documents d ON d.id = r.document
               ORDER BY d.file, r.start, r.type, r.a"""
        )
    ]


def conflict_dict(conflict: Conflict) -> dict[str, Any]:
    """A conflict in the export contract: its subject, question and cited claims."""
    return {
        "id": conflict.id,
        "about": conflict.about,
        "kind": conflict.kind,
        "question": conflict.question,
        "claims": [
            {
                "file": c.file,
                "start": c.start,
                "end": c.end,
                "value": c.value,
                "reporter": c.reporter,
            }
            for c in conflict.claims
        ],
    }


Writer = Callable[[sqlite3.Connection, Path, str], None]


def writers() -> dict[str, Writer]:
    """The writer of each format, each in its own module."""
    from kartoteka.export import datasette, gexf, graphml, jsonld, tables, tei
    from kartoteka.export.network import network

    return {
        "json": lambda db, out, base: out.write_text(
            json.dumps(export_dict(db), ensure_ascii=False, indent=1), encoding="utf-8"
        ),
        "csv": lambda db, out, base: tables.write_tables(db, out),
        "gexf": lambda db, out, base: gexf.write_gexf(network(db), out),
        "graphml": lambda db, out, base: graphml.write_graphml(network(db), out),
        "jsonld": jsonld.write_jsonld,
        "tei": tei.write_tei,
        "datasette": lambda db, out, base: datasette.write_datasette(db, out),
    }


def write_export(
    db: sqlite3.Connection, fmt: str, out: Path, base: str = DEFAULT_BASE
) -> None:
    """Write the knowledge base in one of FORMATS to `out`.

    `base` is the address the IRIs of `jsonld` and `tei` start with (the web
    app's own address by default), so a person's IRI opens its card.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    folder = fmt in FOLDERS and out.suffix.lower() != ".zip"
    if folder and out.is_file():
        raise ValueError(f"{out}: is a file, and --format {fmt} writes a folder")
    if not folder and out.is_dir():
        raise ValueError(f"{out}: is a folder, and --format {fmt} writes a file")
    if folder:
        writers()[fmt](db, out, base)
        return
    if not out.parent.is_dir():
        raise ValueError(f"{out}: there is no folder {out.parent} to write it in")
    # A file appears whole or not at all: an export that fails leaves no torso.
    partial = out.with_name(f".{out.stem}.part{out.suffix}")  # keeps its suffix
    try:
        writers()[fmt](db, partial, base)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
