"""What the build-safety tests share: small sources of our own, the real command
in a subprocess, and looks at processes and files from the outside (/proc, flock).
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SOURCES = {
    "artuzov.txt": (
        "Artur Artuzov headed the counter-intelligence department of the OGPU.\n\n"
        "He was arrested in May 1937 and shot on 21 August 1937 in Moscow.\n"
    ),
    "yagoda.txt": (
        "Genrikh Yagoda was in charge of the NKVD until September 1936.\n\n"
        "Arrested in March 1937, Yagoda was executed in March 1938 in Moscow.\n"
    ),
    "trilisser.txt": (
        "Meer Trilisser ran the foreign department of the OGPU for years.\n\n"
        "He was arrested in November 1938 and shot in February 1940.\n"
    ),
    "berman.txt": (
        "Matvei Berman directed the camp administration of the OGPU in 1932.\n\n"
        "He was arrested in December 1938 and shot in March 1939 in Moscow.\n"
    ),
}


def write_sources(folder: Path, names: tuple[str, ...] = tuple(SOURCES)) -> Path:
    """A folder holding the chosen sources."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(SOURCES[name], encoding="utf-8")
    return folder


def command(*args: str) -> list[str]:
    """The real `kartoteka` command with these arguments."""
    return [sys.executable, "-m", "kartoteka.cli", *args]


def start_build(*args: str) -> subprocess.Popen[str]:
    """`kartoteka build ARGS` in the background, its output captured as text."""
    return subprocess.Popen(
        command("build", *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def documents(db: Path) -> int:
    """How many documents a knowledge base holds, after SQLite checked the file."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count: int = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    return count


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def lock_held(db: Path) -> bool:
    """Whether some process holds the build lock of `db`."""
    lock = db.with_name(db.name + ".lock")
    if not lock.exists():
        return False
    with open(lock, "rb") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(file, fcntl.LOCK_UN)
    return False


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll a condition; fail naming what did not happen in time."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {seconds} s")
        time.sleep(0.02)


def gone(pids: list[int], seconds: float = 10) -> None:
    """Assert that all these processes end within `seconds`."""
    wait_until(lambda: not any(map(alive, pids)), seconds, f"the end of {pids}")


def stray_files(db: Path) -> list[str]:
    """Files beside the database that are not the database, its lock or curation."""
    keep = {db.name, db.name + ".lock"}
    return sorted(
        p.name
        for p in db.parent.iterdir()
        if p.name.startswith(db.name) and p.name not in keep
    )


def kill(process: subprocess.Popen[str]) -> None:
    """SIGKILL a process and reap it."""
    if process.poll() is None:
        os.kill(process.pid, 9)
    process.communicate()
