"""Every card is made when the knowledge base is written and read back by its
page: the stored card equals the card made afresh, for every entity of the
sample corpus, after the build and after each kind of curation decision (merge,
split, told apart, reject, confirm); a curation file edited by hand is still
honoured; and the page read from the store is the page made afresh."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import pytest
from web_support import client

from kartoteka.build import Summary
from kartoteka.cards.card import card
from kartoteka.cards.stored import stored_card
from kartoteka.curate import card_ref, record
from kartoteka.curation import Decision, append, default_path
from kartoteka.curation import load as load_decisions
from kartoteka.query import dossier
from kartoteka.store import connect


@pytest.fixture
def kb(corpus_db: tuple[Path, Summary], tmp_path: Path) -> Path:
    db = tmp_path / "kb.sqlite"
    shutil.copy(corpus_db[0], db)
    return db


def assert_current(path: Path, decisions: Sequence[Decision] = ()) -> None:
    """Each entity has one stored card, and it is the card made afresh."""
    with closing(connect(path)) as db:
        entities = {r[0] for r in db.execute("SELECT id FROM entities")}
        stored = {r[0]: r[1] for r in db.execute("SELECT entity, mentions FROM cards")}
        assert set(stored) == entities
        for entity in sorted(entities):
            fresh = card(db, entity, decisions)
            assert stored_card(db, entity, decisions) == fresh, entity
            mentions = db.execute(
                "SELECT COUNT(*) FROM mentions WHERE entity = ?", (entity,)
            ).fetchone()[0]
            assert stored[entity] == mentions, entity


def test_the_build_stores_every_card_as_it_is_made_afresh(kb: Path) -> None:
    assert_current(kb)
    with closing(connect(kb)) as db:
        persons = db.execute(
            "SELECT COUNT(*) FROM cards c JOIN entities e"
            " ON e.id = c.entity WHERE e.type = 'person'"
        )
        assert persons.fetchone()[0] >= 150


def test_stored_citations_are_those_the_sources_give(kb: Path, tmp_path: Path) -> None:
    """Every statement's line, quote, footnote and page, stored by the build,
    equal those read from its source when none is stored."""
    bare = tmp_path / "bare.sqlite"
    shutil.copy(kb, bare)
    with closing(sqlite3.connect(bare)) as db, db:
        db.execute("DELETE FROM citations")
    with closing(connect(kb)) as db, closing(connect(bare)) as read:
        stored = db.execute("SELECT COUNT(*) FROM citations").fetchone()[0]
        assert stored == db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        for (entity,) in db.execute("SELECT id FROM entities"):
            assert dossier(db, entity) == dossier(read, entity), entity


def _agent_and_other(db: sqlite3.Connection) -> tuple[str, str]:
    """A person who is the agent of another person's statement and is named in
    statements, and another person card with statements of its own."""
    agent = db.execute(
        """SELECT agent FROM events WHERE agent IS NOT NULL AND agent != person
           AND agent LIKE 'person-%' GROUP BY agent ORDER BY COUNT(*) DESC"""
    ).fetchone()[0]
    other = db.execute(
        """SELECT person FROM events WHERE person != ? AND person LIKE 'person-%'
           GROUP BY person HAVING COUNT(*) >= 2 ORDER BY COUNT(*), person""",
        (agent,),
    ).fetchone()[0]
    return agent, other


def test_curation_keeps_every_stored_card_current(kb: Path) -> None:
    """A merge, a split, two cards told apart, a rejection and a confirmation:
    after each, every card (those shown beside the changed ones too) is as a
    fresh making has it."""
    curation = default_path(kb)
    with closing(connect(kb)) as db:
        agent, other = _agent_and_other(db)
        a, b = card_ref(db, agent), card_ref(db, other)
        event = db.execute(
            "SELECT id FROM events WHERE person = ? AND date IS NOT NULL", (other,)
        ).fetchone()[0]
    joined = record(kb, curation, Decision("merge", a=b, b=a))
    assert joined is not None
    assert_current(kb, load_decisions(curation))
    record(kb, curation, Decision("split", a=b, b=a))
    assert_current(kb, load_decisions(curation))
    record(kb, curation, Decision("distinct", a=a, b=b))
    assert_current(kb, load_decisions(curation))
    record(kb, curation, Decision("reject-event", event=event))
    decisions = load_decisions(curation)
    assert_current(kb, decisions)
    with closing(connect(kb)) as db:
        (person,) = db.execute("SELECT person FROM events WHERE id = ?", (event,))
        shown = stored_card(db, person[0], decisions)
        assert shown is not None
        assert event not in {m.id for m in shown.timeline.marks}
        assert shown.status[event].action == "reject-event"
    record(kb, curation, Decision("confirm-event", event=event))
    assert_current(kb, load_decisions(curation))


def test_a_card_page_read_from_the_store_is_the_page_made_afresh(
    kb: Path, tmp_path: Path
) -> None:
    """Every card page, and after a rejection written into the curation file by
    hand (the stored card's timeline still shows the statement: the page makes
    the card afresh)."""
    bare = tmp_path / "bare" / "kb.sqlite"
    bare.parent.mkdir()
    shutil.copy(kb, bare)
    with closing(sqlite3.connect(bare)) as db, db:
        db.execute("DELETE FROM cards")
    with closing(connect(kb)) as db:
        entities = [r[0] for r in db.execute("SELECT id FROM entities ORDER BY id")]
        person = db.execute(
            "SELECT person FROM events GROUP BY person ORDER BY COUNT(*) DESC"
        ).fetchone()[0]
        shown = stored_card(db, person)
        assert shown is not None
        event = next(m.id for m in shown.timeline.marks if m.count == 1)
    stored, fresh = client(kb), client(bare)
    for entity in entities:
        page = stored.get(f"/card/{entity}")
        assert page.status_code == 200
        assert page.text == fresh.get(f"/card/{entity}").text, entity
    before = stored.get(f"/card/{person}").text
    assert f'href="#ev-{event}"' in before
    for path in (kb, bare):
        append(default_path(path), Decision("reject-event", event=event))
    after = client(kb).get(f"/card/{person}").text
    assert after == client(bare).get(f"/card/{person}").text
    assert f'href="#ev-{event}"' not in after
