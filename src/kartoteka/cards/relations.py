"""Ties between persons as one card sees them: who the other is, and who says so.

A stored relation reads "a is `type` of b"; from a's card it is "deputy of B",
from b's card "deputy: A". Each tie keeps the sentence that states it.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
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


def ties(
    db: sqlite3.Connection,
    entity: str,
    cited: Mapping[str, Citation] | None = None,
) -> list[Tie]:
    """The relations a card takes part in, on either side, in source order;
    `cited` holds their citations when a pass over many cards made them once."""
    rows = db.execute(
        """SELECT r.*, ea.name AS a_name, eb.name AS b_name
           FROM relations r JOIN documents d ON d.id = r.document
           JOIN entities ea ON ea.id = r.a JOIN entities eb ON eb.id = r.b
           WHERE r.a = ? OR r.b = ? ORDER BY d.file, r.start, r.type""",
        (entity, entity),
    ).fetchall()
    if cited is None:
        cited = relation_citations(db, [entity])
    return [_tie(r, entity, cited[r["id"]]) for r in rows]


def _tie(r: sqlite3.Row, entity: str, citation: Citation) -> Tie:
    """One relation row as `entity`'s card sees it."""
    mine = r["a"] == entity
    other, name = (r["b"], r["b_name"]) if mine else (r["a"], r["a_name"])
    label = (AS_A if mine else AS_B).get(r["type"], r["type"])
    return Tie(
        r["id"], r["type"], label, other, name, r["date"], r["document"], citation
    )


def relation_citations(
    db: sqlite3.Connection, entities: Iterable[str]
) -> dict[str, Citation]:
    """The citation of every relation of these entities, by relation id: each
    document read once and its lines counted once, so that a card's cost does
    not grow with the length of the documents before its relations."""
    found: dict[str, Citation] = {}
    for document, spans in _spans_by_document(db, entities).items():
        file, text = db.execute(
            "SELECT file, text FROM documents WHERE id = ?", (document,)
        ).fetchone()
        line, counted = 1, 0
        for relation, start, end in spans:
            line += text.count("\n", counted, start)
            counted = start
            found[relation] = Citation(file, start, end, line, quote(text, start, end))
    return found


def _spans_by_document(
    db: sqlite3.Connection, entities: Iterable[str]
) -> dict[str, list[tuple[str, int, int]]]:
    """The (id, start, end) of the relations of these entities, by document,
    in order of start."""
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for relation, document, start, end in db.execute(
        """SELECT id, document, start, end FROM relations
           WHERE a IN (SELECT value FROM json_each(?1))
              OR b IN (SELECT value FROM json_each(?1))
           ORDER BY document, start""",
        (json.dumps(sorted(set(entities))),),
    ):
        spans[document].append((relation, start, end))
    return dict(spans)
