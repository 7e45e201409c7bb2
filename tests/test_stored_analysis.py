"""Conflicts are found when the knowledge base is written and read back by every
view: the card and the Conflicts page serve what a fresh search finds, a
curation decision (reject, confirm, merge, split) keeps the stored conflicts
current at once, a hand-edited curation file is still honoured, and an older
knowledge base is refused with one line that says to rebuild it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import defaultdict
from collections.abc import Collection
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_support import client

from kartoteka.analysis.conflicts import conflicts
from kartoteka.analysis.conflicts.stored import stored_conflicts
from kartoteka.build import Summary
from kartoteka.cli import main
from kartoteka.curate import record
from kartoteka.curation import Decision, Ref, append, default_path
from kartoteka.edtf import dates_compatible
from kartoteka.store import SCHEMA_VERSION, connect


@pytest.fixture
def kb(corpus_db: tuple[Path, Summary], tmp_path: Path) -> Path:
    db = tmp_path / "kb.sqlite"
    shutil.copy(corpus_db[0], db)
    return db


def stored_rows(db: sqlite3.Connection) -> dict[str, list[str]]:
    """The conflicts table as it is: each card's conflicts, by question (a
    conflict citing two cards is stored under both)."""
    found: dict[str, list[str]] = defaultdict(list)
    for card, conflict in db.execute("SELECT card, conflict FROM conflicts"):
        found[card].append(json.loads(conflict)["question"])
    return {card: sorted(questions) for card, questions in found.items()}


def assert_current(path: Path, rejected: Collection[str] = ()) -> None:
    """The stored conflicts of every card are those a fresh search finds."""
    with closing(connect(path)) as db:
        fresh: dict[str, list[str]] = {}
        for (entity,) in db.execute("SELECT id FROM entities"):
            found = conflicts(db, entity, rejected)
            if found:
                fresh[entity] = sorted(c.question for c in found)
        assert stored_rows(db) == fresh
        kept = db.execute("SELECT rejected FROM analysed").fetchone()[0]
        assert json.loads(kept) == sorted(rejected)
        assert stored_conflicts(db, rejected=rejected) == conflicts(db, None, rejected)


def test_the_build_stores_every_conflict_a_fresh_search_finds(kb: Path) -> None:
    with closing(connect(kb)) as db:
        stored = stored_conflicts(db)
        assert len(stored) >= 5
        assert {c.kind for c in stored} >= {"fate", "quantity"}
        for (entity,) in db.execute("SELECT id FROM entities"):
            assert stored_conflicts(db, entity) == conflicts(db, entity)
    assert_current(kb)


def test_cards_and_the_conflicts_page_equal_those_found_afresh(
    kb: Path, tmp_path: Path
) -> None:
    """The same pages from a knowledge base whose stored conflicts are gone
    (the views then search afresh) and from the stored ones."""
    bare = tmp_path / "bare" / "kb.sqlite"
    bare.parent.mkdir()
    shutil.copy(kb, bare)
    with closing(sqlite3.connect(bare)) as db, db:
        db.execute("DELETE FROM conflicts")
        db.execute("DELETE FROM analysed")
    with closing(connect(kb)) as db:
        cards = sorted({c.about for c in stored_conflicts(db)})
    assert len(cards) >= 4
    stored, fresh = client(kb), client(bare)
    for path in ["/conflicts", *(f"/card/{card}" for card in cards)]:
        page = stored.get(path)
        assert page.status_code == 200
        assert page.text == fresh.get(path).text, path
    assert 'id="conflicts"' in stored.get(f"/card/{cards[0]}").text


def _fate_event(db: sqlite3.Connection) -> tuple[str, str]:
    """A person's statement that takes part in a conflict about a death."""
    for conflict in stored_conflicts(db):
        for claim in conflict.claims:
            row = db.execute(
                "SELECT person FROM events WHERE id = ?", (claim.statement,)
            ).fetchone()
            if conflict.kind == "fate" and row:
                return row[0], claim.statement
    raise AssertionError("no conflict cites a stored event")


def test_rejecting_and_confirming_a_statement_update_its_card_at_once(
    kb: Path,
) -> None:
    with closing(connect(kb)) as db:
        person, event = _fate_event(db)
        before = stored_conflicts(db, person)
    curation = default_path(kb)
    record(kb, curation, Decision("reject-event", event=event))
    assert_current(kb, {event})
    with closing(connect(kb)) as db:
        after = stored_conflicts(db, person, {event})
    assert after != before
    assert all(event not in {c.statement for c in x.claims} for x in after)
    record(kb, curation, Decision("confirm-event", event=event))
    assert_current(kb)
    with closing(connect(kb)) as db:
        assert stored_conflicts(db, person) == before


def _born_apart(db: sqlite3.Connection) -> tuple[Ref, Ref]:
    """Two cards, each with one birth date, that would clash on one card."""
    rows = db.execute(
        """SELECT ev.person, ev.date, d.file, m.name FROM events ev
           JOIN mentions m ON m.entity = ev.person AND m.document = ev.document
           JOIN documents d ON d.id = ev.document
           WHERE ev.type = 'born' AND ev.date IS NOT NULL AND m.type = 'person'
           GROUP BY ev.person HAVING COUNT(DISTINCT ev.id) = 1"""
    ).fetchall()
    for first in rows:
        for second in rows:
            if first[0] != second[0] and not dates_compatible(first[1], second[1]):
                return Ref(first[2], first[3]), Ref(second[2], second[3])
    raise AssertionError("no two birth dates clash")


def test_a_merge_and_a_split_update_the_cards_they_change(kb: Path) -> None:
    with closing(connect(kb)) as db:
        a, b = _born_apart(db)
    curation = default_path(kb)
    joined = record(kb, curation, Decision("merge", a=a, b=b))
    assert joined is not None
    assert_current(kb)
    with closing(connect(kb)) as db:
        assert any("born" in q for q in stored_rows(db)[joined])
    record(kb, curation, Decision("split", a=b, b=a))
    assert_current(kb)


def test_a_curation_file_edited_by_hand_is_still_honoured(
    kb: Path, tmp_path: Path
) -> None:
    """A rejection written into the file without kartoteka: the views leave the
    statement out, the card concerned found afresh, the others read as stored."""
    with closing(connect(kb)) as db:
        person, event = _fate_event(db)
        others = {c.about for c in stored_conflicts(db)} - {person}
    append(default_path(kb), Decision("reject-event", event=event))
    bare = tmp_path / "bare" / "kb.sqlite"
    bare.parent.mkdir()
    shutil.copy(kb, bare)
    shutil.copy(default_path(kb), default_path(bare))
    with closing(sqlite3.connect(bare)) as db, db:
        db.execute("DELETE FROM conflicts")
        db.execute("DELETE FROM analysed")
    page = client(kb).get(f"/card/{person}").text
    assert page == client(bare).get(f"/card/{person}").text
    with closing(connect(kb)) as db:
        assert stored_conflicts(db, rejected={event}) == conflicts(db, None, {event})
        assert stored_conflicts(db, person, {event}) != conflicts(db, person)
        for other in others:
            assert stored_conflicts(db, other, {event}) == conflicts(db, other)


def test_an_older_knowledge_base_is_refused_with_one_line(kb: Path) -> None:
    with closing(sqlite3.connect(kb)) as db, db:
        db.execute("DROP TABLE conflicts")
        db.execute("DROP TABLE analysed")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    result = CliRunner().invoke(main, ["conflicts", "--db", str(kb)])
    assert result.exit_code != 0
    message = result.output.strip()
    assert len(message.splitlines()) == 1
    assert f"version {SCHEMA_VERSION - 1}, expected {SCHEMA_VERSION}" in message
    assert "rebuild" in message
