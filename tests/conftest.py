"""Shared fixtures: the sample corpus in ../shared, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kartoteka.build import Summary, build

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
EXAMPLES = ROOT / "examples"


def need_shared() -> None:
    if not CORPUS.is_dir() or not GOLD.is_dir():
        pytest.skip(
            f"the sample corpus and gold are not at {SHARED} (clone beside shared/)"
        )


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Summary]:
    """The knowledge base of the sample corpus, built once with two workers."""
    need_shared()
    db = tmp_path_factory.mktemp("kb") / "corpus.sqlite"
    summary = build([CORPUS], db, workers=2)
    return db, summary
