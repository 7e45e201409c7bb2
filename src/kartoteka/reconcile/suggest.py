"""Suggest: cards whose names begin with what the user has typed so far.

A whole word is looked up by its transliteration keys (any spelling or script);
a word still being typed by the beginning of a name or of one of its words.
"""

from __future__ import annotations

import sqlite3

from kartoteka.query import find_entities
from kartoteka.reconcile.candidates import TYPES, describe


def _escaped(text: str) -> str:
    """Text for a LIKE pattern, its wildcards taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _by_prefix(
    db: sqlite3.Connection, prefix: str, kind: str | None, limit: int
) -> list[sqlite3.Row]:
    """Cards with a name, or a word of a name, that begins with the prefix."""
    start = _escaped(prefix)
    return list(
        db.execute(
            f"""SELECT e.id, e.type, e.name, COUNT(*) AS weight
                FROM mentions m JOIN entities e ON e.id = m.entity
                WHERE (m.name LIKE ? ESCAPE '\\' OR m.name LIKE ? ESCAPE '\\')
                {"AND e.type = ?" if kind else ""}
                GROUP BY e.id ORDER BY weight DESC, e.name LIMIT ?""",
            (f"{start}%", f"% {start}%", *([kind] if kind else []), limit),
        )
    )


def suggest_entities(
    db: sqlite3.Connection, prefix: str, kind: str | None, limit: int
) -> list[dict[str, object]]:
    """Cards for a typed prefix: whole-word matches first, then prefix matches."""
    kind = kind if kind in TYPES else None
    rows = [r for r in find_entities(db, prefix, kind=kind) if r["type"] in TYPES]
    rows += [
        r for r in _by_prefix(db, prefix.strip(), kind, limit) if r["type"] in TYPES
    ]
    found: dict[str, dict[str, object]] = {}
    for row in rows:
        if row["id"] not in found and len(found) < limit:
            found[row["id"]] = {
                "id": row["id"],
                "name": row["name"],
                "description": describe(db, row["id"], row["type"]),
                "notable": [{"id": row["type"], "name": TYPES[row["type"]]}],
            }
    return list(found.values())
