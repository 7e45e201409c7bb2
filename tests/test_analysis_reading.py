"""The analyses read each document once and find passages and names by bisection:
what they find is what the joins and scans they replaced find, on the sample."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kartoteka.analysis.conflicts.accounts import Read, named_passages, starting_in
from kartoteka.analysis.conflicts.views import _mentions
from kartoteka.build import Summary
from kartoteka.store import connect

JOINED = """SELECT DISTINCT p.document, p.start, p.end FROM mentions m
    JOIN passages p ON p.document = m.document AND p.start <= m.start
         AND m.end <= p.end AND p.kind != 'boilerplate'
    WHERE m.entity = ?"""


@pytest.fixture
def kb(corpus_db: tuple[Path, Summary]) -> sqlite3.Connection:
    return connect(corpus_db[0])


def test_the_passages_naming_a_person_are_those_a_join_finds(
    kb: sqlite3.Connection,
) -> None:
    nested = kb.execute(
        """SELECT COUNT(*) FROM passages a JOIN passages b ON a.document = b.document
           AND a.seq < b.seq AND b.start < a.end"""
    ).fetchone()[0]
    assert nested >= 1  # a caption inside a paragraph: passages may overlap
    documents: dict[str, Read] = {}
    persons = [r[0] for r in kb.execute("SELECT id FROM entities")]
    assert len(persons) >= 300
    for person in persons:
        joined = sorted(map(tuple, kb.execute(JOINED, (person,))))
        assert named_passages(kb, person, documents) == joined, person


def test_a_stretch_s_mentions_are_those_a_scan_finds(kb: sqlite3.Connection) -> None:
    stretches = 0
    for (document,) in kb.execute("SELECT id FROM documents"):
        mentions = _mentions(kb, document)
        spans = kb.execute(
            "SELECT start, end FROM passages WHERE document = ?", (document,)
        ).fetchall()
        for start, end in spans:
            scanned = [m for m in mentions if start <= m.start < end]
            assert starting_in(mentions, start, end) == scanned
            stretches += bool(scanned)
    assert stretches >= 100
