"""A real `kartoteka build` over the hostile corpus (tests/hostile.py), as a user
runs it: no traceback, one line per problem naming its file, every readable file
built, and the real sources' events the same as when they are built alone."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from conftest import CORPUS, need_shared
from hostile import Corpus, write_corpus

from kartoteka.build import Summary
from kartoteka.cli.app import printable as one_line

REAL = ("000_518b2fea40706d4b.txt", "002_98aa88b8d676a326.txt")
BARS = ("extracting:", "grouping names:", "joining cards:", "storing:")
_PROBLEM = re.compile(r"^(error|warning): (.+?): (.+)$")


def _build(root: Path, db: Path) -> tuple[int, list[str]]:
    """Run the CLI; return its exit code and its stderr lines (progress left out)."""
    command = [sys.executable, "-m", "kartoteka.cli", "build", str(root)]
    done = subprocess.run(
        [*command, "--db", str(db), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    lines = [line.split("\r")[-1] for line in done.stderr.split("\n")]
    return done.returncode, [ln for ln in lines if ln and not ln.startswith(BARS)]


def _events(db: Path, file: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db)) as conn:
        return list(
            conn.execute(
                "SELECT e.type, e.start, e.end, e.date, e.evidence, e.stance"
                " FROM events e JOIN documents d ON d.id = e.document"
                " WHERE d.file = ? ORDER BY 1, 2, 3, 4, 5, 6",
                (file,),
            )
        )


def _check_build(corpus: Corpus, root: Path, db: Path) -> None:
    code, lines = _build(root, db)
    assert code == 3, lines  # built, with files skipped
    problems = [_PROBLEM.match(line) for line in lines]
    assert all(problems), [ln for ln, m in zip(lines, problems, strict=True) if not m]
    shown = {m.group(2): m.group(1) for m in problems if m}
    assert shown == {one_line(f): level for f, level in corpus.problems.items()}
    with closing(sqlite3.connect(db)) as conn:
        built = {file for (file,) in conn.execute("SELECT file FROM documents")}
        stored = set(conn.execute("SELECT file, level FROM problems"))
    assert built == corpus.built
    assert stored == set(corpus.problems.items())


def test_hostile_corpus_builds_every_readable_file_and_names_every_problem(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    need_shared()
    root = tmp_path / "hostile"
    root.mkdir()
    corpus = write_corpus(root, tiny=300, real=[CORPUS / name for name in REAL])
    assert len(corpus.kinds) >= 30
    db = tmp_path / "hostile.sqlite"
    _check_build(corpus, root, db)
    alone, _ = corpus_db
    for name in REAL:
        assert _events(db, f"real/{name}") == _events(alone, name) != []


@pytest.mark.slow
def test_hostile_corpus_with_5000_tiny_files_and_the_whole_sample_corpus(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    need_shared()
    root = tmp_path / "hostile"
    root.mkdir()
    real = sorted(CORPUS.glob("*.txt"))
    corpus = write_corpus(root, tiny=5000, line_kb=300, real=real)
    db = tmp_path / "hostile.sqlite"
    _check_build(corpus, root, db)
    alone, _ = corpus_db
    for path in sorted(CORPUS.glob("*.txt")):
        assert _events(db, f"real/{path.name}") == _events(alone, path.name)
