"""Documents of the dev corpus that once stopped a build now build whole."""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED

DEV = SHARED / "dev" / "corpus"
# Issue 9: a parse with a loop of heads grew a worker past 21 GB.
# Issue 14: "soon after" a span of years wrote `1930/19~`, and the file was skipped.
ONCE_STOPPED = ("ru-yakov-blumkin.txt", "en-meer-trilisser.txt")


def _limit_memory() -> None:
    limit = 4_000_000_000
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_the_documents_of_issues_9_and_14_build(tmp_path: Path) -> None:
    files = [DEV / name for name in ONCE_STOPPED]
    if not all(f.is_file() for f in files):
        pytest.skip(f"the dev corpus is not at {DEV}")
    db = tmp_path / "kb.sqlite"
    command = [sys.executable, "-m", "kartoteka.cli", "build", *map(str, files)]
    done = subprocess.run(
        [*command, "--db", str(db), "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert ": 2 documents" in done.stdout
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT date, date_earliest FROM events").fetchall()
    assert len(rows) >= 10
    assert all(earliest for date, earliest in rows if date)
