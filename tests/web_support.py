"""What the web tests share: a corpus with two extra sources, and the client.

The extra sources are the sample corpus's real texts plus two short files of
our own: one that names Orlov by his birth name (a card a researcher would merge
by hand), and one whose text contains HTML and script that must be shown as text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, need_shared
from fastapi.testclient import TestClient

from kartoteka.build import build
from kartoteka.web import Settings, create_app

BASE_URL = "http://127.0.0.1:8000"
FELDBIN = (
    "Birth names\n\n"
    "Lev Lazarevich Feldbin was born in Bobruisk in 1895. "
    "Feldbin joined the Cheka in 1920.\n"
)
HOSTILE = (
    "A memoir with markup in it\n\n"
    'The editor printed <script>document.title = "pwned"; window.pwned = 1;'
    '</script> and <img src=x onerror="window.pwned = 2"> beside the name of '
    "Georges Agabekov, who was arrested in Paris in 1931.\n"
)
_built: dict[Path, Path] = {}


def extended_corpus(folder: Path) -> Path:
    """The sample corpus and the two extra files, copied into `folder`."""
    need_shared()
    corpus = folder / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "zz_feldbin.txt").write_text(FELDBIN, encoding="utf-8")
    (corpus / "zz_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    return corpus


def extended_kb(factory: pytest.TempPathFactory) -> Path:
    """A knowledge base of the extended corpus, built once per session."""
    root = factory.getbasetemp()
    if root not in _built:
        folder = factory.mktemp("web-kb")
        corpus = extended_corpus(folder)
        db = folder / "kb.sqlite"
        build([corpus], db, workers=2)
        _built[root] = db
    return _built[root]


def copy_kb(db: Path, folder: Path) -> Path:
    """A private copy of a knowledge base, for a test that changes it."""
    target = folder / "kb.sqlite"
    shutil.copy(db, target)
    return target


def client(db: Path, **settings: object) -> TestClient:
    """An in-process client of the web app over `db`."""
    app = create_app(Settings(db, **settings))  # type: ignore[arg-type]
    return TestClient(app, base_url=BASE_URL)
