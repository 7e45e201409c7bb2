"""Ties between persons as one card sees them: who the other is, and who says so.

A stored relation reads "a is `type` of b"; from a's card it is "deputy of B",
from b's card "deputy: A". Each tie keeps the sentence that states it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kartoteka.query import Citation, quote

# What the other person is, seen from a's card and from b's card.
AS_A = {
    "spouse": "spouse of",
    "parent": "parent of",
    "child": "child of",
    "sibling": "sibling of",
    "in_law": "in-law of",
    "deputy_of": "deputy of",
    "subordinate_of": "subordinate of",
    "successor_of": "successor of",
    "recruited": "recruited",
    "handled": "handler of",
}
AS_B = {
    "spouse": "spouse",
    "parent": "parent",
    "child": "child",
    "sibling": "sibling",
    "in_law": "in-law",
    "deputy_of": "deputy",
    "subordinate_of": "subordinate",
    "successor_of": "successor",
    "recruited": "recruited by",
    "handled": "handled by",
}


@dataclass(frozen=True)
class Tie:
    """One relation seen from one card: `label` says what links the other person."""

    id: str
    type: str
    label: str
    other: str
    other_name: str
    date: str | None
    document: str
    citation: Citation


def ties(db: sqlite3.Connection, entity: str) -> list[Tie]:
    """The relations a card takes part in, on either side, in source order."""
    found = []
    for r in db.execute(
        """SELECT r.*, d.file, d.text, ea.name AS a_name, eb.name AS b_name
           FROM relations r JOIN documents d ON d.id = r.document
           JOIN entities ea ON ea.id = r.a JOIN entities eb ON eb.id = r.b
           WHERE r.a = ? OR r.b = ? ORDER BY d.file, r.start, r.type""",
        (entity, entity),
    ):
        mine = r["a"] == entity
        other, name = (r["b"], r["b_name"]) if mine else (r["a"], r["a_name"])
        label = (AS_A if mine else AS_B).get(r["type"], r["type"])
        text = r["text"]
        citation = Citation(
            r["file"],
            r["start"],
            r["end"],
            text.count("\n", 0, r["start"]) + 1,
            quote(text, r["start"], r["end"]),
        )
        found.append(
            Tie(
                r["id"],
                r["type"],
                label,
                other,
                name,
                r["date"],
                r["document"],
                citation,
            )
        )
    return found
