"""What the export tests share: the real command, texts by span, a relation added."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from kartoteka.cli import main


def export(db: Path, fmt: str, out: Path, *extra: str) -> Path:
    """`kartoteka export --format FMT` through the real command line."""
    result = CliRunner().invoke(
        main, ["export", "--format", fmt, "--db", str(db), "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out


def texts(db: Path) -> dict[str, str]:
    """Each source's text by file name, to check cited spans against."""
    with sqlite3.connect(db) as kb:
        return dict(kb.execute("SELECT file, text FROM documents"))


def with_relation(db: Path, folder: Path) -> tuple[Path, dict[str, object]]:
    """A copy of the knowledge base with one more relation between two real persons.

    The ties extraction finds are undated; this one carries a date so the date
    columns of every format are exercised. It cites a real sentence naming both.
    """
    copy = folder / "with-relation.sqlite"
    shutil.copy(db, copy)
    with sqlite3.connect(copy) as kb:
        kb.row_factory = sqlite3.Row
        row = kb.execute(
            """SELECT ev.document, ev.person AS a, ev.agent AS b, ev.start, ev.end,
                      ev.evidence FROM events ev JOIN entities e ON e.id = ev.agent
               WHERE e.type = 'person' AND ev.agent != ev.person
               ORDER BY ev.start LIMIT 1"""
        ).fetchone()
        relation = dict(row) | {"id": "relation0001", "type": "subordinate_of"}
        relation["date"] = "1936"
        kb.execute(
            "INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                relation["id"],
                relation["document"],
                relation["type"],
                relation["a"],
                relation["b"],
                relation["start"],
                relation["end"],
                relation["evidence"],
                relation["date"],
                "asserted",
            ),
        )
    return copy, relation
