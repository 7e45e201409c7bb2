"""Shared fixtures: the sample corpus in ../shared, built once per test session.

`make test` runs the suite in two processes (pytest-xdist, whole files to one
worker): a session fixture is then made by the first worker that needs it and
read by the other from the run's shared temporary folder.
"""

from __future__ import annotations

import fcntl
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from kartoteka.build import Summary, build

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
EXAMPLES = ROOT / "examples"
# The files that take longest start first, so the two workers finish together
# (their share of the single-process run's time: stored_analysis 45%, the next
# four 5-10% each).
LONGEST_FIRST = (
    "test_stored_analysis.py",
    "test_build_safety.py",
    "test_hostile.py",
    "test_stored_cards.py",
    "test_build_kills.py",
    "test_web_browser.py",
    "test_add.py",
    "test_large.py",
    "test_scorer.py",
    "test_organizations.py",
)
T = TypeVar("T")


def need_shared() -> None:
    if not CORPUS.is_dir() or not GOLD.is_dir():
        pytest.skip(
            f"the sample corpus and gold are not at {SHARED} (clone beside shared/)"
        )


def corpus_texts() -> list[str]:
    """The texts of the sample and dev corpora, for tests that check a rule
    against every real document."""
    need_shared()
    folders = [SHARED / "corpus", SHARED / "dev" / "corpus"]
    return [
        p.read_text(encoding="utf-8")
        for folder in folders
        if folder.is_dir()
        for p in sorted(folder.iterdir())
    ]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return (
            LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)
        )

    items.sort(key=rank)  # stable: the files' own order is kept otherwise


def made_once(
    factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]
) -> T:
    """`make(folder)` once per run, even with several pytest-xdist workers: the
    first worker makes it under a lock, the others wait and read its result."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make(factory.mktemp(name))
    run = factory.getbasetemp().parent  # shared by the workers of this run
    with (run / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = run / name / "made.pickle"
        if made.is_file():
            value: T = pickle.loads(made.read_bytes())
            return value
        (run / name).mkdir(exist_ok=True)
        value = make(run / name)
        made.write_bytes(pickle.dumps(value))
        return value


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Summary]:
    """The knowledge base of the sample corpus, built once with two workers."""
    need_shared()

    def make(folder: Path) -> tuple[Path, Summary]:
        db = folder / "corpus.sqlite"
        return db, build([CORPUS], db, workers=2)

    return made_once(tmp_path_factory, "kb", make)
