"""The learned event scorer: cues by lemma, candidates, the model, its training."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import SHARED, need_shared

from kartoteka.extract import extract, extract_by_rules
from kartoteka.extract.scorer import MODEL_FILE, document_candidates, shipped_model
from kartoteka.extract.scorer.model import Model, fit
from kartoteka.extract.scorer.units import Word, cue_types, lemma, subject_word
from kartoteka.ingest import document_from_text

ROOT = Path(__file__).resolve().parent.parent
TRAIN = (sys.executable, "-m", "kartoteka.extract.scorer.train")
SCORER = ROOT / "src" / "kartoteka" / "extract" / "scorer"
BIOGRAPHY = (
    "Pyotr Ivanovich Sokolov (1895 — 1941) was a Soviet security officer.\n\n"
    "Sokolov was born in Tula. From 1925 to 1930 he headed the economic "
    "department of the regional OGPU. In 1937 he was arrested.\n\n"
    "Начальник районного отдела (июль 1931 — март 1934), затем заместитель "
    "начальника управления.\n"
)


def _cue(text: str, language: str) -> tuple[str, tuple[str, ...]]:
    return cue_types(Word(0, len(text), text, lemma(text, language)), language)


def test_cues_match_every_inflection() -> None:
    assert "appointed" in _cue("назначен", "ru")[1]
    assert "appointed" in _cue("назначили", "ru")[1]
    assert "executed" in _cue("расстреляна", "ru")[1]
    assert _cue("appointment", "en") == ("appoint*", ("appointed",))
    assert "arrested" in _cue("Arrested", "en")[1]
    assert _cue("weather", "en") == ("", ())


def test_a_closed_tenure_is_a_start_and_an_end() -> None:
    events = extract(document_from_text(BIOGRAPHY, "own.txt")).events
    found = {(e.type, e.date) for e in events}
    # the English range is read by the rules, the Russian list line by the scorer
    assert {("appointed", "1925"), ("dismissed", "1930")} <= found
    assert {("appointed", "1931-07"), ("dismissed", "1934-03")} <= found
    assert ("arrested", "1937") in found
    # life dates in brackets are a birth, never the end of a post
    assert ("born", "1895") in found
    assert ("dismissed", "1941") not in found
    for event in events:
        assert BIOGRAPHY[event.start : event.end] == event.evidence


def test_candidates_never_see_names_or_date_values() -> None:
    document = document_from_text(BIOGRAPHY, "own.txt")
    found, analyses = extract_by_rules(document)
    assert subject_word(found.mentions, document.text) == "sokolov"
    candidates = document_candidates(document, analyses, found.mentions)
    assert {c.type for c, _ in candidates} >= {"appointed", "dismissed", "born"}
    named = re.compile(r"sokolov|pyotr|tula|18\d\d|19\d\d", re.IGNORECASE)
    assert not [f for _, features in candidates for f in features if named.search(f)]


def test_fit_is_deterministic_and_learns_the_signal() -> None:
    rows = [["bias", "good"]] * 30 + [["bias", "bad"]] * 30 + [["bias"]] * 10
    labels = [True] * 28 + [False] * 2 + [False] * 28 + [True] * 2 + [False] * 10
    first, second = fit(rows, labels), fit(rows, labels)
    assert first == second
    model = Model(first, 0.5)
    assert model.score(["bias", "good"]) > 0.8 > 0.2 > model.score(["bias", "bad"])


def test_the_shipped_model_loads_with_its_threshold() -> None:
    model = shipped_model()
    assert 0.5 <= model.threshold < 1.0
    assert len(model.weights) > 100
    # no feature is a name or a year of the people in the training documents
    assert not [f for f in model.weights if re.search(r"\d{4}", f)]


def test_training_reproduces_the_model_and_its_cross_validated_figures(
    tmp_path: Path,
) -> None:
    """`make train`: documents scored by models that never saw them."""
    need_shared()
    out, dump = tmp_path / MODEL_FILE, tmp_path / "candidates.jsonl"
    run = subprocess.run(
        [*TRAIN, "--shared", str(SHARED), "--out", str(out), "--dump", str(dump)],
        capture_output=True,
        text=True,
        check=True,
    )
    # the project's own training corpus is opt-in (--own): it did not help dev
    assert "train every fold" not in run.stdout
    sweep = r"  (\w+) strict P R F1 by threshold:\n(?:    .*\n)*?    0\.90  (.*)"
    sweeps = dict(re.findall(sweep, run.stdout))
    assert set(sweeps) == {"sample", "dev"}
    sample_p, _, sample_f1 = map(float, sweeps["sample"].split())
    dev_p, dev_r, dev_f1 = map(float, sweeps["dev"].split())
    assert sample_p >= 0.92 and sample_f1 >= 0.855
    assert dev_f1 >= 0.765 and dev_r >= 0.665 and dev_p >= 0.89
    # what rules plus a perfect scorer reach: the room left for discrimination
    ceiling = r"  (\w+) strict P R F1 with a perfect scorer \(the ceiling\):\n    (.*)"
    ceilings = {
        c: [float(x) for x in v.split()] for c, v in re.findall(ceiling, run.stdout)
    }
    assert ceilings["dev"][2] >= 0.885
    assert ceilings["sample"][2] >= 0.88
    assert out.read_bytes() == (SCORER / MODEL_FILE).read_bytes()
    # the dump: each scored candidate with its held-out score, label and features
    rows = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert {r["corpus"] for r in rows} == {"sample", "dev"}
    assert all(0.0 <= r["score"] <= 1.0 for r in rows)
    # an other person's candidate has its features under "o:"
    assert all(
        {f"type={r['type']}", f"o:type={r['type']}"} & set(r["features"]) for r in rows
    )
    right = [r["score"] for r in rows if r["label"]]
    wrong = [r["score"] for r in rows if not r["label"]]
    assert len(right) > 500 and sum(right) / len(right) > 2 * sum(wrong) / len(wrong)
