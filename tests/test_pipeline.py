"""The whole path on the real sample corpus, scored against the hand-made gold."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS, GOLD

from kartoteka import evaluate
from kartoteka.build import Summary, build
from kartoteka.export import export_dict
from kartoteka.store import connect


def _report(db: Path) -> evaluate.Report:
    with connect(db) as conn:
        payload = export_dict(conn)
        texts = {
            r["file"]: r["text"]
            for r in conn.execute("SELECT file, text FROM documents")
        }
    return evaluate.evaluate(payload, evaluate.load_gold(GOLD), texts)


def test_floors_against_gold(corpus_db: tuple[Path, Summary]) -> None:
    db, summary = corpus_db
    assert summary.documents == 5 and not summary.problems
    report = _report(db)
    assert report.offsets.total > 1500
    assert report.offsets.correct == report.offsets.total
    assert report.persons.forms.f1 >= 0.94
    assert report.orgs.forms.f1 >= 0.79
    clustering = report.persons.clustering
    assert clustering.bcubed.f1 >= 0.98 and clustering.bcubed.precision >= 0.97
    assert clustering.pairs.f1 >= 0.95 and clustering.pairs.precision >= 0.97
    references = {r.method: r for r in report.persons.references}
    assert {"exact", "fingerprint", "surname"} <= set(references)
    assert all(clustering.bcubed.f1 > r.bcubed.f1 for r in references.values())


def test_every_mention_and_event_quotes_its_source(
    corpus_db: tuple[Path, Summary],
) -> None:
    db, _ = corpus_db
    with connect(db) as conn:
        texts = {
            r["id"]: r["text"] for r in conn.execute("SELECT id, text FROM documents")
        }
        for row in conn.execute("SELECT document, start, end, text FROM mentions"):
            assert texts[row["document"]][row["start"] : row["end"]] == row["text"]
        for row in conn.execute("SELECT document, start, end, evidence FROM events"):
            assert texts[row["document"]][row["start"] : row["end"]] == row["evidence"]


def test_one_person_under_every_spelling_and_script(
    corpus_db: tuple[Path, Summary],
) -> None:
    from kartoteka.query import dossier, find_entities

    db, _ = corpus_db
    with connect(db) as conn:
        found = {
            find_entities(conn, q, kind="person")[0]["id"]
            for q in ("Ezhov", "Yezhov", "Ежов")
        }
        assert len(found) == 1
        card = dossier(conn, found.pop())
    assert card is not None
    files = {f for files in card.names.values() for f in files}
    assert {
        "000_518b2fea40706d4b.txt",
        "001_6e4e8980019ef5a9.txt",
        "004_048388acb60f1b94.txt",
    } <= files


def test_rebuild_gives_the_same_knowledge_base(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    db, _ = corpus_db
    again = tmp_path / "again.sqlite"
    build([CORPUS], again, workers=1)
    build([CORPUS], again, workers=1)
    with connect(db) as first, connect(again) as second:
        assert export_dict(first) == export_dict(second)


def test_an_interrupted_build_keeps_the_previous_database(tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    build([CORPUS / "002_98aa88b8d676a326.txt"], db, workers=1)
    with connect(db) as conn:
        before = json.dumps(export_dict(conn), sort_keys=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "kartoteka.cli", "build", str(CORPUS), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with connect(db) as conn:
        assert json.dumps(export_dict(conn), sort_keys=True) == before


LOADED_MODELS = """
import sys
from pathlib import Path
from kartoteka.build import build
from kartoteka.extract.nlp import models
summary = build([Path(sys.argv[1])], Path(sys.argv[2]), workers=1)
loads = (models.english, models.russian)
loaded = [load.__name__ for load in loads if load.cache_info().currsize]
print(summary.documents, summary.mentions, *loaded)
"""


def test_a_russian_corpus_is_built_without_loading_the_english_model(
    tmp_path: Path,
) -> None:
    dev = CORPUS.parent / "dev" / "corpus"
    russian = sorted(dev.glob("ru-*"))[:3]
    if not russian:
        pytest.skip(f"no Russian documents in {dev}")
    sources = tmp_path / "sources"
    sources.mkdir()
    for path in russian:
        (sources / path.name).write_bytes(path.read_bytes())
    done = subprocess.run(
        [sys.executable, "-c", LOADED_MODELS, str(sources), str(tmp_path / "kb")],
        capture_output=True,
        text=True,
        check=True,
    )
    documents, mentions, *loaded = done.stdout.split()
    assert (int(documents), loaded) == (3, ["russian"])
    assert int(mentions) > 30
