"""A build never loses a knowledge base: the real command, real processes, real kills.

A build that reads nothing leaves the old database alone; two builds of one
database never run at once; a worker that dies or runs out of time or memory
costs only its file; file names cannot forge lines of output.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from build_support import (
    SOURCES,
    children,
    command,
    documents,
    gone,
    kill,
    lock_held,
    start_build,
    stray_files,
    wait_until,
    write_sources,
)
from conftest import CORPUS, need_shared

from kartoteka.build import Summary, build
from kartoteka.curation import Decision, Ref, append, default_path

TWO = ("artuzov.txt", "yagoda.txt")


@pytest.fixture(scope="module")
def old_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base of two sources, the one every test tries to lose."""
    folder = tmp_path_factory.mktemp("old")
    db = folder / "kb.sqlite"
    build([write_sources(folder / "sources", TWO)], db, workers=1)
    return db


def copy_of(old_db: Path, folder: Path) -> tuple[Path, str]:
    """A private copy of the old database and the hash of its bytes."""
    db = folder / "kb.sqlite"
    shutil.copyfile(old_db, db)
    return db, hashlib.sha256(db.read_bytes()).hexdigest()


def unread_source(folder: Path, kind: str) -> Path:
    """A source argument from which no document can be read."""
    source = folder / kind.replace(" ", "-")
    if kind != "missing":
        source.mkdir()
    if kind == "unreadable files":
        (source / "blank.txt").write_text(" \n\n ", encoding="utf-8")
        (source / "scan.pdf").write_bytes(b"%PDF-1.4\x00\x01\x02" * 50)
    return source


@pytest.mark.parametrize("source", ["missing", "empty folder", "unreadable files"])
def test_a_build_that_reads_nothing_leaves_the_database_alone(
    tmp_path: Path, old_db: Path, source: str
) -> None:
    db, digest = copy_of(old_db, tmp_path)
    given = unread_source(tmp_path, source)
    done = subprocess.run(
        command("build", str(given), "--db", str(db)), capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "Built" not in done.stdout + done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("kartoteka: nothing was built") and "unchanged" in last
    assert "Traceback" not in done.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert stray_files(db) == []


def test_a_broken_curation_file_stops_the_build_in_one_line(
    tmp_path: Path, old_db: Path
) -> None:
    db, digest = copy_of(old_db, tmp_path)
    curation = tmp_path / "kb.curation.yaml"
    curation.write_text("- action: [unclosed\n", encoding="utf-8")
    sources = write_sources(tmp_path / "sources")
    done = subprocess.run(
        command("build", str(sources), "--db", str(db)), capture_output=True, text=True
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert re.fullmatch(r"kartoteka: \S*kb\.curation\.yaml\b.*\n", done.stderr)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert curation.read_text(encoding="utf-8") == "- action: [unclosed\n"


def test_a_second_build_of_the_same_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    sources = write_sources(tmp_path / "sources")
    first = start_build(str(sources), "--db", str(db), "--workers", "1")
    try:
        wait_until(lambda: lock_held(db), 60, "the first build taking the lock")
        second = subprocess.run(
            command("build", str(sources), "--db", str(db)),
            capture_output=True,
            text=True,
        )
        _, err = first.communicate(timeout=300)
    finally:
        kill(first)
    assert first.returncode == 0, err
    assert second.returncode == 1 and "Traceback" not in second.stderr
    assert re.fullmatch(
        r"kartoteka: another build of \S*kb\.sqlite is running \(process \d+\); "
        r"try again when it has finished\n",
        second.stderr,
    )
    assert documents(db) == len(SOURCES)
    assert stray_files(db) == []


def test_a_decision_made_during_a_build_is_in_the_database_it_writes(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kb.sqlite"
    sources = write_sources(tmp_path / "sources")
    process = start_build(str(sources), "--db", str(db), "--workers", "1")
    try:
        wait_until(lambda: lock_held(db), 60, "the build taking the lock")
        merge = Decision(
            "merge", Ref("artuzov.txt", "Artur Artuzov"), Ref("yagoda.txt", "Yagoda")
        )
        append(default_path(db), merge)
        _, err = process.communicate(timeout=300)
    finally:
        kill(process)
    assert process.returncode == 0, err
    names = subprocess.run(
        command("names", "Artuzov", "--db", str(db)), capture_output=True, text=True
    )
    assert "Genrikh Yagoda" in names.stdout and "merged by user" in names.stdout


def test_a_killed_build_frees_the_lock_and_takes_its_workers_along(
    tmp_path: Path, old_db: Path
) -> None:
    db, digest = copy_of(old_db, tmp_path)
    sources = write_sources(tmp_path / "sources")
    first = start_build(str(sources), "--db", str(db), "--workers", "2")
    try:
        wait_until(lambda: len(children(first.pid)) == 2, 60, "two workers starting")
        workers = children(first.pid)
    finally:
        kill(first)
    gone(workers)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    again = subprocess.run(
        command("build", str(sources), "--db", str(db), "--workers", "1"),
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    assert documents(db) == len(SOURCES)
    assert stray_files(db) == []


def test_a_worker_killed_mid_file_costs_only_that_file(tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    sources = write_sources(tmp_path / "sources")
    process = start_build(str(sources), "--db", str(db), "--workers", "2")
    try:
        wait_until(lambda: len(children(process.pid)) == 2, 60, "workers starting")
        subprocess.run(["kill", "-9", str(children(process.pid)[0])], check=True)
        out, err = process.communicate(timeout=300)
    finally:
        kill(process)
    assert process.returncode == 3, err
    died = [line for line in err.splitlines() if "died" in line]
    assert len(died) == 1
    assert re.fullmatch(
        r"error: (\w+\.txt): the worker reading it died \(signal 9, SIGKILL\), "
        r"skipped",
        died[0],
    )
    assert f"Built {db}: {len(SOURCES) - 1} documents" in out
    assert documents(db) == len(SOURCES) - 1


def test_files_over_the_time_limit_are_stopped_and_named(
    tmp_path: Path, old_db: Path
) -> None:
    db, digest = copy_of(old_db, tmp_path)
    sources = write_sources(tmp_path / "sources")
    done = subprocess.run(
        command("build", str(sources), "--db", str(db), "--file-timeout=0.001"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    for name in SOURCES:
        stopped = rf"^error: {name}: took longer than 0\.001 s \(--file-timeout\)"
        assert re.search(stopped, done.stderr, re.M), name
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_a_file_over_the_memory_limit_is_named_and_the_rest_built(
    tmp_path: Path,
) -> None:
    need_shared()
    sources = write_sources(tmp_path / "sources")
    # The longest sample file twenty times over (1 MB): the worker of each of its
    # parts reads the whole file, tens of MB more than the models forked with it.
    large = "large.txt"
    text = (CORPUS / "001_6e4e8980019ef5a9.txt").read_text(encoding="utf-8")
    (sources / large).write_text(text * 20, encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    done = subprocess.run(
        command("build", str(sources), "--db", str(db), "--file-memory=1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 3, done.stderr
    named = re.findall(
        r"^error: (\S+): (?:part \d+ of \d+: )?needed more than 1 MB of memory "
        r"\(--file-memory\), skipped$",
        done.stderr,
        re.M,
    )
    assert large in named
    # every other file is built; of the large one, only parts that fitted are kept
    with closing(sqlite3.connect(db)) as conn:
        files = {f for (f,) in conn.execute("SELECT file FROM documents")}
    assert set(SOURCES) <= files <= {*SOURCES, large}


def test_a_file_name_cannot_forge_lines_of_output(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "artuzov\nforged.txt").write_text(SOURCES["artuzov.txt"], "utf-8")
    (sources / "bad\nerror: forged.txt").write_text("  \n", encoding="utf-8")
    (sources / "bell\a\x1b[2J.txt").write_text("  \n", encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    done = subprocess.run(
        command("build", str(sources), "--db", str(db), "--workers", "1"),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert not re.search(r"^error: forged", done.stderr, re.M)
    assert "\x1b" not in done.stderr and "\a" not in done.stderr
    for name in (r"bad\nerror: forged.txt", r"bell\x07\x1b[2J.txt"):
        shown = rf"^warning: {re.escape(name)}: empty file"
        assert re.search(shown, done.stderr, re.M), name
    card = subprocess.run(
        command("person", "Artuzov", "--db", str(db)), capture_output=True, text=True
    )
    assert card.returncode == 0 and r"artuzov\nforged.txt:" in card.stdout
    assert not re.search(r"^forged", card.stdout, re.M)


def test_the_summary_counts_what_is_stored(corpus_db: tuple[Path, Summary]) -> None:
    db, summary = corpus_db
    with sqlite3.connect(db) as conn:
        stored = [
            conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("documents", "mentions", "events")
        ]
    assert [summary.documents, summary.mentions, summary.events] == stored
    assert len(list(CORPUS.iterdir())) == summary.documents
