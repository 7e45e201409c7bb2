"""Cue words from the data files as patterns, and the body passages they are sought in.

The conflict readings each look for a few words of their own (hedges, flights,
postings, reasons...) in the body text of every document; this is the one place
that turns a vocabulary list into a pattern and fetches those passages.
"""

from __future__ import annotations

import re
import sqlite3

from kartoteka.data import load


def words(items: list[str]) -> str:
    """Alternatives of cue words, longest first; a trailing * matches any ending."""
    return "|".join(
        re.escape(w.rstrip("*")).replace(r"\ ", r"\s+")
        + (r"\w*" if w[-1] == "*" else "")
        for w in sorted(items, key=len, reverse=True)
    )


def vocabulary(file: str, key: str) -> list[str]:
    """Every language's words of one list in a data file ({language: [words]})."""
    return [w for ws in load(file)[key].values() for w in ws]


def word_pattern(items: list[str]) -> re.Pattern[str]:
    """Any of the words, as whole words, in any case."""
    return re.compile(rf"(?<!\w)(?:{words(items)})(?!\w)", re.I)


def body_passages(
    db: sqlite3.Connection, entity: str | None = None
) -> list[tuple[str, str, str, int, int]]:
    """(document, file, text, start, end) of every body passage, in reading order;
    with an entity, only in the documents that name it (a reading about one card
    then reads its few documents, not the whole corpus).

    Each document's text is fetched once and shared by its passages: fetched
    with every passage, a long document was copied hundreds of times."""
    where, params = (
        ("WHERE id IN (SELECT document FROM mentions WHERE entity = ?)", (entity,))
        if entity
        else ("", ())
    )
    texts = dict(db.execute(f"SELECT id, text FROM documents {where}", params))
    rows = db.execute(
        """SELECT p.document, d.file, p.start, p.end FROM passages p
           JOIN documents d ON d.id = p.document WHERE p.kind = 'body'
           ORDER BY d.file, p.start"""
    ).fetchall()
    return [
        (doc, file, texts[doc], start, end)
        for doc, file, start, end in rows
        if doc in texts
    ]
