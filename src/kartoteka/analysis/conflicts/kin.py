"""A relative's fate told two ways: "they vanished without a trace" and, later,
"his wife was reported shot".

A source often tells what befell a person's family only as "his wife" or
"they", so the accounts of a death (accounts.py) leave those sentences out of
the person's own fate. Where the text states the family tie (a stored relation:
"his wife Inna"), the sentences after it in the same passage that give a cause
and speak of the relative ("his wife", "they") are accounts of the relative's
fate, compared as the person's own accounts are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from kartoteka.analysis.conflicts.accounts import (
    Cause,
    Spans,
    _kin,
    body_passages,
    cause_of,
    sentences,
)
from kartoteka.extract.events.stance import stance
from kartoteka.model import stable_id

FAMILY = ("spouse", "sibling", "child", "parent")


@dataclass(frozen=True)
class KinAccount:
    """A sentence on what befell a relative, told as "his wife" or "they"."""

    id: str
    relative: str
    name: str
    document: str
    file: str
    start: int
    end: int
    text: str
    cause: Cause
    stance: str


_TIES = """
    SELECT r.a, e.name, r.document, d.file, r.start, r.end
    FROM relations r JOIN entities e ON e.id = r.a
    JOIN documents d ON d.id = r.document
    WHERE r.type IN ({types}) {where} ORDER BY d.file, r.start"""


def kin_accounts(
    db: sqlite3.Connection, entity: str | None = None
) -> Iterator[KinAccount]:
    """Accounts of the fates of relatives whose tie the text states (of one
    relative, or all), from the sentences after the tie in its passage."""
    where, params = ("AND r.a = ?", (entity,)) if entity else ("", ())
    types = ", ".join("?" * len(FAMILY))
    rows = db.execute(_TIES.format(types=types, where=where), (*FAMILY, *params))
    texts: dict[str, str] = {}
    for relative, name, document, file, end, after in _in_passages(db, rows.fetchall()):
        text = _text(db, document, texts)
        for first, last in sentences(text, after, end):
            sentence = text[first:last]
            cause = cause_of(sentence)
            if cause is None or not _kin().search(sentence):
                continue
            yield KinAccount(
                stable_id(document, first, last, relative, "kin"), relative, name,
                document, file, first, last, sentence, cause, stance(sentence),
            )  # fmt: skip


def _in_passages(
    db: sqlite3.Connection, ties: list[tuple[str, str, str, str, int, int]]
) -> Iterator[tuple[str, str, str, str, int, int]]:
    """Each tie with the end of every body passage that holds it, the passages
    found by bisection (a join scanned every passage of the document for each
    tie: quadratic in the document's length)."""
    passages: dict[str, Spans] = {}
    for relative, name, document, file, start, end in ties:
        if document not in passages:
            passages.clear()
            passages[document] = body_passages(db, document)
        for _, last, _ in passages[document].around(start, end):
            yield relative, name, document, file, last, end


def _text(db: sqlite3.Connection, document: str, texts: dict[str, str]) -> str:
    """A document's text, read once while its ties are read (the ties come in
    document order): a copy of the whole text with every tie made the memory
    of a long document grow with the square of its length."""
    if document not in texts:
        texts.clear()
        row = db.execute("SELECT text FROM documents WHERE id = ?", (document,))
        texts[document] = row.fetchone()[0]
    return texts[document]
