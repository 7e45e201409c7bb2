"""Builds killed at random moments, alone and in pairs, and a server reading the
database while a build replaces it: the real command in real processes.
"""

from __future__ import annotations

import random
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from build_support import (
    SOURCES,
    children,
    command,
    documents,
    gone,
    kill,
    start_build,
    stray_files,
    wait_until,
    write_sources,
)

pytestmark = pytest.mark.slow
COPIES = 6  # enough documents that writing the database takes a moment


def many_sources(folder: Path) -> Path:
    """Each of our sources under several names: a build with a longer write."""
    folder.mkdir()
    for copy in range(COPIES):
        for name, text in SOURCES.items():
            (folder / f"{copy}-{name}").write_text(text, encoding="utf-8")
    return folder


def killed_at(process: subprocess.Popen[str], moment: float | None, db: Path) -> None:
    """Kill a build at a moment (seconds after its start) or, given None, while it
    writes its private file (it may have finished first)."""
    if moment is None:
        before = set(stray_files(db))
        wait_until(
            lambda: bool(set(stray_files(db)) - before) or process.poll() is not None,
            120,
            "the build writing its file",
        )
    else:
        time.sleep(moment)
    workers = children(process.pid)
    kill(process)
    gone(workers)


def whole(db: Path, before: int) -> int:
    """The database is the previous one or, when the kill came after the swap,
    the complete new one: never anything between. Its document count."""
    found = documents(db)
    assert found in (before, COPIES * len(SOURCES)), found
    return found


def test_builds_killed_at_random_moments_keep_the_previous_database(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kb.sqlite"
    two = write_sources(tmp_path / "two", ("artuzov.txt", "yagoda.txt"))
    many = many_sources(tmp_path / "many")
    began = time.monotonic()
    first = subprocess.run(command("build", str(two), "--db", str(db)), check=False)
    took = time.monotonic() - began
    assert first.returncode == 0 and documents(db) == 2
    expected, rng = 2, random.Random(1937)
    moments: list[float | None] = [rng.uniform(0.2, took * 1.2) for _ in range(2)]
    for moment in [*moments, None, None]:
        process = start_build(str(many), "--db", str(db), "--workers", "2")
        killed_at(process, moment, db)
        expected = whole(db, expected)
    pair = [start_build(str(many), "--db", str(db)) for _ in range(2)]
    wait_until(lambda: any(p.poll() is not None for p in pair), 120, "a build ending")
    refused = next(p for p in pair if p.poll() is not None)
    assert refused.returncode == 1 and "another build" in refused.communicate()[1]
    winner = next(p for p in pair if p is not refused)
    killed_at(winner, rng.uniform(0, took), db)
    whole(db, expected)
    again = subprocess.run(command("build", str(two), "--db", str(db)), check=False)
    assert again.returncode == 0 and documents(db) == 2
    assert stray_files(db) == []


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read().decode("utf-8")


def test_serve_answers_throughout_a_rebuild_and_from_the_new_file_after(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kb.sqlite"
    two = write_sources(tmp_path / "two", ("artuzov.txt", "yagoda.txt"))
    assert subprocess.run(command("build", str(two), "--db", str(db))).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        command("serve", "--db", str(db), "--port", str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    search = f"http://127.0.0.1:{port}/search?q=Trilisser"
    answers: list[tuple[int, bool]] = []
    building = threading.Event()

    def ask_while_building() -> None:
        while building.is_set():
            status, page = get(search)
            answers.append((status, "Meer Trilisser" in page))

    try:
        wait_until(lambda: _listening(port), 60, "kartoteka serve listening")
        assert "Meer Trilisser" not in get(search)[1]
        building.set()
        asker = threading.Thread(target=ask_while_building)
        asker.start()
        rebuilt = subprocess.run(
            command("build", str(write_sources(tmp_path / "all")), "--db", str(db))
        )
        building.clear()
        asker.join()
        after = get(search)
    finally:
        server.kill()
        server.wait()
    assert rebuilt.returncode == 0
    assert len(answers) >= 10 and {status for status, _ in answers} == {200}
    assert after[0] == 200 and "Meer Trilisser" in after[1]


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True
