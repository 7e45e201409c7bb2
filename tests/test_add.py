"""`kartoteka add` extracts only new or changed files and ends where a full build
of the same files ends: the JSON exports are equal, curation still applies, and
an add that read nothing leaves the knowledge base as it was."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import zlib
from contextlib import closing
from pathlib import Path

import pytest
from build_support import SOURCES, command, write_sources
from conftest import CORPUS, need_shared

from kartoteka.add import add
from kartoteka.build import NothingBuilt, Summary, build
from kartoteka.curation import Decision, Ref, append, default_path
from kartoteka.export import export_dict
from kartoteka.records import load as load_records
from kartoteka.records import unpack
from kartoteka.store import StoreError, connect


def exported(db: Path) -> str:
    with closing(connect(db)) as kb:
        return json.dumps(export_dict(kb), sort_keys=True, ensure_ascii=False)


def digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.mark.slow
def test_adding_to_the_sample_corpus_equals_building_it_whole(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    """One file new, one changed since the first build: both are extracted, the
    other three reused, and the export equals the full build's."""
    need_shared()
    full, _ = corpus_db
    files = sorted(p for p in CORPUS.iterdir() if p.is_file())
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in files[1:]:
        shutil.copyfile(path, folder / path.name)
    changed = folder / files[-1].name
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n\nA line of ours added later.\n",
        encoding="utf-8",
    )
    db = tmp_path / "kb.sqlite"
    build([folder], db, workers=2)
    assert exported(db) != exported(full)
    shutil.copyfile(files[0], folder / files[0].name)
    shutil.copyfile(files[-1], changed)
    summary = add([folder], db, workers=2)
    assert summary.extracted == 2
    assert summary.documents == len(files)
    assert exported(db) == exported(full)
    again = add([folder], db, workers=2)
    assert again.extracted == 0
    assert exported(db) == exported(full)


def test_add_through_the_command_keeps_curation(tmp_path: Path) -> None:
    """A user's merge made before the add still joins the two cards after it."""
    db = tmp_path / "kb.sqlite"
    folder = write_sources(tmp_path / "src", ("artuzov.txt", "yagoda.txt"))
    build([folder], db, workers=1)
    merge = Decision(
        "merge", Ref("artuzov.txt", "Artur Artuzov"), Ref("yagoda.txt", "Yagoda")
    )
    append(default_path(db), merge)
    (folder / "berman.txt").write_text(SOURCES["berman.txt"], encoding="utf-8")
    run = subprocess.run(
        command("add", str(folder), "--db", str(db), "--workers", "1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "Extracted 1 new or changed file(s)." in run.stdout
    with closing(sqlite3.connect(db)) as kb:
        cards = kb.execute(
            "SELECT COUNT(DISTINCT entity) FROM mentions WHERE name IN "
            "('Artur Artuzov', 'Yagoda', 'Genrikh Yagoda')"
        ).fetchone()[0]
        files = [f for (f,) in kb.execute("SELECT file FROM extractions ORDER BY 1")]
    assert cards == 1
    assert files == ["artuzov.txt", "berman.txt", "yagoda.txt"]


def test_an_add_that_reads_nothing_leaves_the_knowledge_base(tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    build([write_sources(tmp_path / "src", ("artuzov.txt",))], db, workers=1)
    before = digest(db)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    os.mkfifo(tmp_path / "pipe.txt")  # hashing it must not wait for a writer
    with pytest.raises(NothingBuilt, match="nothing was added"):
        add([empty, tmp_path / "pipe.txt", tmp_path / "missing.txt"], db, workers=1)
    assert digest(db) == before


def test_add_needs_a_knowledge_base_that_keeps_extractions(tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    build([write_sources(tmp_path / "src", ("artuzov.txt",))], db, workers=1)
    with closing(sqlite3.connect(db)) as kb:
        kb.execute("UPDATE extractions SET extractor = 'older'")
        kb.commit()
    source = write_sources(tmp_path / "more", ("berman.txt",)) / "berman.txt"
    with pytest.raises(StoreError, match="another version of kartoteka"):
        add([source], db, workers=1)
    with closing(sqlite3.connect(db)) as kb:
        kb.execute("DROP TABLE extractions")
        kb.commit()
    with pytest.raises(StoreError, match="build it once"):
        add([source], db, workers=1)


class _Touch:
    """What a hostile knowledge base could hold: a pickle that runs a call."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return Path.touch, (self.marker,)


def test_a_stored_extraction_never_runs_code(tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "sources")
    db = tmp_path / "kb.sqlite"
    build([sources], db, workers=1)
    marker = tmp_path / "ran"
    with closing(sqlite3.connect(db)) as kb, kb:
        kb.execute(
            "UPDATE extractions SET data = ? WHERE file = ?",
            (zlib.compress(pickle.dumps(_Touch(marker))), "artuzov.txt"),
        )
    done = subprocess.run(
        command("add", str(sources), "--db", str(db)), capture_output=True, text=True
    )
    assert not marker.exists()
    assert done.returncode == 0, done.stderr
    assert "Extracted 1 new or changed file(s)." in done.stdout
    whole = tmp_path / "whole.sqlite"
    build([sources], whole, workers=1)
    assert exported(db) == exported(whole)


def test_a_record_holds_its_document_packed_until_it_is_stored(
    corpus_db: tuple[Path, Summary],
) -> None:
    """Between extraction and storing a build holds each document without its
    text and passages; unpacked, the record gives back the document stored."""
    db, summary = corpus_db
    with closing(sqlite3.connect(db)) as con:
        records, stale = load_records(con)
        texts = dict(con.execute("SELECT file, text FROM documents").fetchall())
    assert len(records) == 5 and not stale
    for record in records:
        slim, whole = record.extraction, unpack(record)
        assert slim.document.text == "" and slim.document.passages == ()
        assert whole.document.text == texts[record.file] and whole.document.passages
        assert slim.mentions == whole.mentions and slim.events == whole.events
        assert record.words == len(texts[record.file].split())
    assert sum(r.words for r in records) == summary.words
