"""`--format datasette`: a copy of the knowledge base ready to publish with Datasette.

The folder holds `kartoteka.sqlite`, the knowledge base with views a reader
understands (persons, their names, events and relations with file, span and
quote) and the conflicts written out as a table, and `metadata.json`, which
describes every view and column and hides the tables only the build needs.
`datasette -i kartoteka.sqlite -m metadata.json` serves it.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from kartoteka import __version__
from kartoteka.export import records

DATABASE = "kartoteka.sqlite"
CITED = "d.file, {t}.document, {t}.start, {t}.end"
VIEWS: dict[str, tuple[str, str]] = {
    "persons": (
        "Every person, with the names the sources use and dates of birth and death.",
        """SELECT e.id, e.name,
             (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT name FROM mentions
               WHERE entity = e.id)) AS names,
             (SELECT COUNT(*) FROM mentions WHERE entity = e.id) AS mentions,
             (SELECT COUNT(DISTINCT document) FROM mentions WHERE entity = e.id)
               AS documents,
             (SELECT date FROM events WHERE person = e.id AND type = 'born'
               AND date IS NOT NULL ORDER BY date_earliest LIMIT 1) AS born,
             (SELECT date FROM events WHERE person = e.id AND date IS NOT NULL
               AND type IN ('died', 'executed', 'killed', 'suicide')
               ORDER BY date_earliest LIMIT 1) AS died
           FROM entities e WHERE e.type = 'person'""",
    ),
    "organizations": (
        "Every organization, with the names the sources use.",
        """SELECT e.id, e.name,
             (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT name FROM mentions
               WHERE entity = e.id)) AS names,
             (SELECT COUNT(*) FROM mentions WHERE entity = e.id) AS mentions
           FROM entities e WHERE e.type = 'org'""",
    ),
    "name_forms": (
        "Every name as a source writes it, with the card it belongs to and where.",
        f"""SELECT e.name AS card, e.type, m.entity, m.name, m.text,
                  {CITED.format(t="m")}
           FROM mentions m JOIN entities e ON e.id = m.entity
           JOIN documents d ON d.id = m.document""",
    ),
    "person_events": (
        "What the sources say happened to each person: one row per statement.",
        f"""SELECT ev.type, p.name AS person, ev.date, ev.date_earliest,
                  ev.date_latest, ev.stance, a.name AS agent, o.name AS organization,
                  ev.place, ev.position, ev.reporter, ev.evidence AS quote,
                  {CITED.format(t="ev")}, ev.person AS person_id, ev.id
           FROM events ev JOIN entities p ON p.id = ev.person
           JOIN documents d ON d.id = ev.document
           LEFT JOIN entities a ON a.id = ev.agent
           LEFT JOIN entities o ON o.id = ev.org""",
    ),
    "person_relations": (
        "Ties the sources state between two persons: a is type of b.",
        f"""SELECT pa.name AS a, r.type, pb.name AS b, r.date, r.stance,
                  r.evidence AS quote, {CITED.format(t="r")}, r.a AS a_id,
                  r.b AS b_id, r.id
           FROM relations r JOIN entities pa ON pa.id = r.a
           JOIN entities pb ON pb.id = r.b JOIN documents d ON d.id = r.document""",
    ),
    "sources": (
        "The source files, without their text.",
        """SELECT id, file, title, format, languages, length(text) AS characters
           FROM documents""",
    ),
}
COLUMNS = {
    "file": "the source file",
    "document": "the source's id",
    "start": "where the cited words begin: a character offset into the source text",
    "end": "where they end (the words are text[start:end])",
    "quote": "the words of the source, whole",
    "date": "EDTF: 1938, 1938-06, 1938-06-13, 1937/1938, 193X",
    "date_earliest": "the first day the date allows",
    "date_latest": "the last day the date allows",
    "stance": "asserted, reported, disputed or denied: how the source puts it",
}
HIDDEN = ("passages", "footnote_refs", "name_keys", "judgements", "build")


CLAIM_COLUMNS = {
    "conflict": "id of the conflict: the claims with one id cannot all be true",
    "about": "the card id",
    "about_name": "who the conflict is about",
    "kind": "date, fate, stance or quantity",
    "question": "what the claims disagree about",
    "statement": "id of the event statement",
    "value": "what this claim says",
    "stance": COLUMNS["stance"],
    "reporter": "who the source says states it",
    "quote": COLUMNS["quote"],
    "file": COLUMNS["file"],
    "start": COLUMNS["start"],
    "end": COLUMNS["end"],
    "sentence": "the sentence the claim stands in",
}


def write_datasette(db: sqlite3.Connection, out: Path) -> None:
    """Write the folder `out`: the database with its views, and its metadata."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / DATABASE
    partial = out / f".{DATABASE}.part"
    partial.unlink(missing_ok=True)
    claims = records.conflict_claims(db)
    try:
        shown = _write_database(db, partial, claims)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    metadata = json.dumps(datasette_metadata(shown), ensure_ascii=False, indent=1)
    (out / "metadata.json").write_text(metadata, encoding="utf-8")


def _write_database(
    db: sqlite3.Connection, path: Path, claims: list[records.Record]
) -> dict[str, list[str]]:
    """Copy the knowledge base to `path` and add the views; their columns."""
    with closing(sqlite3.connect(path)) as copy:
        db.backup(copy)
        with copy:
            for name, (_, sql) in VIEWS.items():
                copy.execute(f"CREATE VIEW {name} AS {sql}")
            _write_claims(copy, claims)
        return {
            name: [
                d[0] for d in copy.execute(f"SELECT * FROM {name} LIMIT 0").description
            ]
            for name in VIEWS
        }


def _write_claims(db: sqlite3.Connection, claims: list[records.Record]) -> None:
    """Conflicts are computed, not stored; the copy keeps them as a table."""
    columns = list(CLAIM_COLUMNS)
    db.execute(f"CREATE TABLE conflict_claims ({', '.join(columns)})")
    db.executemany(
        f"INSERT INTO conflict_claims VALUES ({', '.join('?' * len(columns))})",
        [[claim[c] for c in columns] for claim in claims],
    )


def datasette_metadata(views: dict[str, list[str]]) -> dict[str, Any]:
    """Titles and descriptions for Datasette's pages, and the tables it hides."""
    tables: dict[str, Any] = {
        name: {
            "description": VIEWS[name][0],
            "columns": {c: COLUMNS[c] for c in columns if c in COLUMNS},
        }
        for name, columns in views.items()
    }
    tables["conflict_claims"] = {
        "description": "Statements that disagree, one row per claim.",
        "columns": CLAIM_COLUMNS,
    }
    tables |= {name: {"hidden": True} for name in HIDDEN}
    return {
        "title": "kartoteka",
        "description": (
            "An evidence-linked card index: every statement cites its source file, "
            "the character span and the words there."
        ),
        "source": f"kartoteka {__version__}",
        "databases": {Path(DATABASE).stem: {"tables": tables}},
    }
