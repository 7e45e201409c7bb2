"""The knowledge base: one SQLite file that every reader of kartoteka opens.

One build at a time holds the file's lock (`kb.sqlite.lock`). It writes a
private file beside the old one and swaps it in only when complete, so a killed
build leaves the previous knowledge base intact, and a reader that has the old
file open keeps reading it while the next request opens the new one.
"""

from __future__ import annotations

import fcntl
import glob
import json
import os
import secrets
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from kartoteka import records as extraction_records
from kartoteka.edtf import bounds
from kartoteka.extract import Extraction
from kartoteka.model import Entity, Event, Judgement, Relation, stable_id
from kartoteka.progress import Progress, quiet
from kartoteka.records import Record
from kartoteka.resolve.names import name_word_keys

SCHEMA_VERSION = 6
TABLES = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY, file TEXT NOT NULL UNIQUE, title TEXT, format TEXT,
    encoding TEXT, languages TEXT, text TEXT NOT NULL);
CREATE TABLE passages (
    document TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, kind TEXT NOT NULL,
    language TEXT NOT NULL, note TEXT, PRIMARY KEY (document, seq));
CREATE VIRTUAL TABLE passage_text USING fts5(
    clean, document UNINDEXED, start UNINDEXED, end UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE footnote_refs (
    document TEXT NOT NULL REFERENCES documents(id), start INTEGER NOT NULL,
    end INTEGER NOT NULL, number TEXT NOT NULL);
CREATE TABLE entities (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE mentions (
    id TEXT PRIMARY KEY, entity TEXT REFERENCES entities(id),
    document TEXT NOT NULL REFERENCES documents(id), start INTEGER NOT NULL,
    end INTEGER NOT NULL, text TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
    language TEXT, source TEXT, title TEXT, key TEXT);
CREATE TABLE name_keys (
    entity TEXT NOT NULL REFERENCES entities(id), key TEXT NOT NULL);
CREATE TABLE events (
    id TEXT PRIMARY KEY, document TEXT NOT NULL REFERENCES documents(id),
    type TEXT NOT NULL, person TEXT NOT NULL REFERENCES entities(id),
    date TEXT, start INTEGER NOT NULL, end INTEGER NOT NULL, evidence TEXT NOT NULL,
    agent TEXT REFERENCES entities(id), org TEXT REFERENCES entities(id),
    place TEXT, position TEXT, stance TEXT NOT NULL,
    date_earliest TEXT, date_latest TEXT, date_inferred INTEGER NOT NULL DEFAULT 0,
    reporter TEXT, reporter_entity TEXT REFERENCES entities(id));
CREATE TABLE relations (
    id TEXT PRIMARY KEY, document TEXT NOT NULL REFERENCES documents(id),
    type TEXT NOT NULL, a TEXT NOT NULL REFERENCES entities(id),
    b TEXT NOT NULL REFERENCES entities(id), start INTEGER NOT NULL, end INTEGER NOT NULL,
    evidence TEXT NOT NULL, date TEXT, stance TEXT NOT NULL);
CREATE TABLE judgements (
    a TEXT NOT NULL REFERENCES mentions(id), b TEXT NOT NULL REFERENCES mentions(id),
    same INTEGER NOT NULL, author TEXT NOT NULL, reason TEXT NOT NULL,
    score REAL NOT NULL);
CREATE TABLE problems (file TEXT NOT NULL, level TEXT NOT NULL, problem TEXT NOT NULL);
CREATE TABLE build (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE conflicts (
    card TEXT NOT NULL, about TEXT NOT NULL, conflict TEXT NOT NULL);
CREATE TABLE analysed (rejected TEXT NOT NULL);
CREATE TABLE citations (
    statement TEXT PRIMARY KEY, line INTEGER NOT NULL, quote TEXT NOT NULL,
    note TEXT, page INTEGER);
CREATE TABLE cards (
    entity TEXT PRIMARY KEY, mentions INTEGER NOT NULL, card TEXT NOT NULL);
"""
# Made once the rows are in: an index built from all its rows at once costs
# less than one kept in order row by row (a fifth of inserting the mentions).
INDEXES = """
CREATE INDEX mentions_entity ON mentions(entity);
CREATE INDEX mentions_document ON mentions(document, start);
CREATE INDEX name_keys_key ON name_keys(key);
CREATE INDEX events_person ON events(person);
CREATE INDEX events_date ON events(type, date_earliest);
CREATE INDEX events_agent ON events(agent);
CREATE INDEX events_org ON events(org);
CREATE INDEX events_document ON events(document, start);
CREATE INDEX judgements_a ON judgements(a);
CREATE INDEX judgements_b ON judgements(b);
CREATE INDEX relations_a ON relations(a);
CREATE INDEX relations_b ON relations(b);
CREATE INDEX conflicts_card ON conflicts(card);
CREATE INDEX conflicts_about ON conflicts(about);
"""
SCHEMA = TABLES + INDEXES


class StoreError(Exception):
    """The knowledge base file is missing or not a kartoteka database."""


class BusyError(StoreError):
    """Another build of the same knowledge base is running."""


@dataclass(frozen=True)
class Stored:
    """What a written knowledge base holds, counted in the file itself."""

    documents: int
    mentions: int
    entities: Counter[str]
    events: int


@dataclass(frozen=True)
class Problem:
    """A source that was skipped or read with a warning."""

    file: str
    level: str
    problem: str


def search_keys(name: str) -> set[str]:
    """Keys under which a name is found: each word's transliteration keys."""
    return set().union(*word_search_keys(name))


def word_search_keys(name: str) -> list[frozenset[str]]:
    """The keys of each word of a name that carries keys (initials do not).

    A hyphenated word also answers to its halves, so `Moskvin` finds the card
    of `Moskvin-Trilisser`.
    """
    words = [w.strip(".,'’()") for w in name.split()]
    found = []
    for word in words:
        if len(word.strip(".")) <= 1:
            continue
        keys = set(name_word_keys(word))
        for half in word.split("-") if "-" in word.strip("-") else ():
            if len(half) > 2:
                keys |= name_word_keys(half)
        found.append(frozenset(keys))
    return found


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Be the one writer of the knowledge base at `path` while the block runs.

    The lock is an flock on `<path>.lock`, which the kernel releases when its
    holder dies, so a killed build never blocks the next one. Holding it, the
    private files of builds that died are ours to delete.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 20, 0).decode("ascii", "replace").strip()
            raise BusyError(
                f"another build of {path} is running (process {holder or '?'}); "
                "try again when it has finished"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        for leftover in glob.glob(glob.escape(str(path)) + ".build-*"):
            Path(leftover).unlink(missing_ok=True)
        yield
    finally:
        os.close(fd)


def write(
    path: Path,
    extractions: Sequence[Extraction],
    entities: Sequence[Entity],
    problems: Iterable[Problem] = (),
    info: dict[str, str] | None = None,
    judgements: Sequence[Judgement] = (),
    records: Sequence[Record] = (),
    analyse: Callable[[sqlite3.Connection], None] | None = None,
    progress: Progress = quiet,
) -> Stored:
    """Write a complete knowledge base to `path`, replacing the old one atomically.

    The caller holds `writing(path)`; the new file is private to this build
    (named with its process id) until the swap. `records` are the per-file
    extractions a later `add` reuses; `analyse` fills the tables of what is
    found by comparing statements (`conflicts`, `analysed`), where each
    statement stands in its source (`citations`) and what each card shows
    (`cards`) before the swap;
    `progress` shows the documents written.
    """
    path = Path(path)
    private = path.with_name(
        f"{path.name}.build-{os.getpid()}-{secrets.token_hex(4)}.sqlite"
    )
    try:
        with closing(sqlite3.connect(private)) as db:
            _unsynced(db)
            db.executescript(TABLES)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            with db:
                entity_of = {m.id: e.id for e in entities for m in e.mentions}
                whole = progress(
                    _whole(extractions, records), len(extractions), "storing"
                )
                _write_documents(db, whole, entity_of)
                _write_entities(db, entities)
                events = (e for x in extractions for e in x.events)
                _write_events(db, events, entity_of)
                ties = (r for x in extractions for r in x.relations)
                _write_relations(db, ties, entity_of)
                db.executemany(
                    "INSERT INTO judgements VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (j.a, j.b, j.same, j.author, j.reason, j.score)
                        for j in judgements
                    ],
                )
                db.executemany(
                    "INSERT INTO problems VALUES (?, ?, ?)",
                    [(p.file, p.level, p.problem) for p in problems],
                )
                db.executemany("INSERT INTO build VALUES (?, ?)", (info or {}).items())
                extraction_records.write(db, records)
                _index(db)
                if analyse is not None:
                    analyse(db)
            stored = _count(db)
        _sync(private)
        os.replace(private, path)
    finally:
        private.unlink(missing_ok=True)
    _sync(path.parent)
    return stored


def _index(db: sqlite3.Connection) -> None:
    """Make the indexes, inside the transaction that wrote the rows (a script
    would commit it first)."""
    for statement in INDEXES.split(";"):
        if statement.strip():
            db.execute(statement)


def _whole(
    extractions: Iterable[Extraction], records: Sequence[Record]
) -> Iterator[Extraction]:
    """Each extraction with its document whole, one at a time: a record holds
    the text and passages of its document packed until they are written."""
    packed = {r.file: r for r in records}
    for extraction in extractions:
        record = packed.get(extraction.document.file)
        yield extraction_records.unpack(record) if record else extraction


def _count(db: sqlite3.Connection) -> Stored:
    def rows(table: str) -> int:
        count: int = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return count

    kinds = db.execute("SELECT type, COUNT(*) FROM entities GROUP BY type")
    return Stored(
        documents=rows("documents"),
        mentions=rows("mentions"),
        entities=Counter({kind: n for kind, n in kinds}),
        events=rows("events"),
    )


def _unsynced(db: sqlite3.Connection) -> None:
    """Write the private file without a journal on disk and without waiting for
    the disk at each commit (each table created is one; a hundred waits of a
    few milliseconds): until the swap no one reads the file, a build that dies
    leaves it to be deleted, and `_sync` makes it durable once."""
    db.execute("PRAGMA journal_mode = MEMORY")
    db.execute("PRAGMA synchronous = OFF")


def _sync(path: Path) -> None:
    """Make a file's contents, or a folder's entries (the swap itself), durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_documents(
    db: sqlite3.Connection,
    extractions: Iterable[Extraction],
    entity_of: dict[str, str],
) -> None:
    """The documents with their passages and mentions, each mention with the
    card it was resolved to (`entity_of`, by mention id) as it is inserted:
    updating every mention afterwards looked each one up again (0.08 s of
    8,000 mentions)."""
    for extraction in extractions:
        doc = extraction.document
        db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                doc.file,
                doc.title,
                doc.format,
                doc.encoding,
                json.dumps(doc.languages),
                doc.text,
            ),
        )
        db.executemany(
            "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (doc.id, i, p.start, p.end, p.kind, p.language, p.note)
                for i, p in enumerate(doc.passages)
            ],
        )
        db.executemany(
            "INSERT INTO passage_text VALUES (?, ?, ?, ?)",
            [
                (p.clean, doc.id, p.start, p.end)
                for p in doc.passages
                if p.kind != "boilerplate"
            ],
        )
        db.executemany(
            "INSERT INTO footnote_refs VALUES (?, ?, ?, ?)",
            [(doc.id, r.start, r.end, r.number) for r in doc.footnote_refs],
        )
        db.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    m.id,
                    entity_of.get(m.id),
                    m.document,
                    m.start,
                    m.end,
                    m.text,
                    m.name,
                    m.type,
                    m.language,
                    m.source,
                    m.title,
                    m.key,
                )
                for m in extraction.mentions
            ],
        )


def _write_entities(db: sqlite3.Connection, entities: Sequence[Entity]) -> None:
    for entity in entities:
        db.execute(
            "INSERT INTO entities VALUES (?, ?, ?)",
            (entity.id, entity.type, entity.name),
        )
        keys = set().union(*(search_keys(name) for name in entity.names))
        db.executemany(
            "INSERT INTO name_keys VALUES (?, ?)",
            [(entity.id, k) for k in sorted(keys)],
        )


def _write_events(
    db: sqlite3.Connection, events: Iterable[Event], entity_of: dict[str, str]
) -> None:
    rows = []
    for key, event in _distinct_ids(events):
        person = entity_of.get(event.person.id)
        if person is None:
            continue
        agent = entity_of.get(event.agent.id) if event.agent else None
        org = entity_of.get(event.org.id) if event.org else None
        said_by = event.reporter_mention
        earliest, latest = bounds(event.date) or (None, None)
        rows.append(
            (
                key,
                event.document,
                event.type,
                person,
                event.date,
                event.start,
                event.end,
                event.evidence,
                agent,
                org,
                event.place,
                event.position,
                event.stance,
                earliest,
                latest,
                int(event.date_inferred),
                event.reporter,
                entity_of.get(said_by.id) if said_by else None,
            )
        )
    db.executemany(f"INSERT OR IGNORE INTO events VALUES ({', '.join('?' * 18)})", rows)


def _distinct_ids(events: Iterable[Event]) -> Iterator[tuple[str, Event]]:
    """Each event with the id it is stored under.

    An event's id names its type, person, span and date; a sentence listing
    several bodies or posts ("joined the party and the Red Army in 1918") gives
    events that differ only in what they name, and under one id all but the first
    were dropped. The first keeps the id (a user's decisions refer to it); the
    others take one that adds what they name.
    """
    named: dict[str, tuple[str, ...]] = {}
    for event in events:
        what = (
            event.org.name if event.org else "",
            event.position or "",
            event.place or "",
        )
        key = event.id
        if named.setdefault(key, what) != what:
            key = stable_id(key, *what)
        yield key, event


def _write_relations(
    db: sqlite3.Connection, relations: Iterable[Relation], entity_of: dict[str, str]
) -> None:
    """Ties between two different cards; a tie whose names resolve to one card
    (or to none) says nothing about persons and is left out."""
    rows = []
    for r in relations:
        a, b = entity_of.get(r.a.id), entity_of.get(r.b.id)
        if a is not None and b is not None and a != b:
            rows.append(
                (
                    r.id,
                    r.document,
                    r.type,
                    a,
                    b,
                    r.start,
                    r.end,
                    r.evidence,
                    r.date,
                    r.stance,
                )
            )
    db.executemany(
        "INSERT OR IGNORE INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
    )


def connect(path: Path) -> sqlite3.Connection:
    """Open an existing knowledge base read-only; a clear error if it is not one."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(
            f"{path}: no knowledge base here (run 'kartoteka build' first)"
        )
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        db.execute("SELECT 1 FROM entities LIMIT 1")
    except sqlite3.DatabaseError as error:
        db.close()
        raise StoreError(f"{path}: not a kartoteka knowledge base ({error})") from error
    if version != SCHEMA_VERSION:
        db.close()
        raise StoreError(
            f"{path}: knowledge base version {version}, "
            f"expected {SCHEMA_VERSION}; rebuild it"
        )
    return db
