"""Build throughput against spaCy alone, measured in the same run on the same texts.

Makes a corpus of about a million words (the sample corpus repeated under new file
names), then times `kartoteka build` and spaCy's English pipeline (`nlp.pipe`
over the same texts, same number of processes), each in a fresh process, and
prints words per second, their ratio and the peak memory of each.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from fresh import in_fresh_interpreter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def make_corpus(source: Path, target: Path, words: int) -> int:
    """Copy the source files round-robin under new names until `words` is reached."""
    files = sorted(
        p for p in source.iterdir() if p.is_file() and not p.name.startswith(".")
    )
    total, copy = 0, 0
    while total < words:
        for path in files:
            name = f"{copy:04d}_{path.name}"
            shutil.copyfile(path, target / name)
            total += len(path.read_bytes().decode("utf-8", "replace").split())
        copy += 1
    return total


def peak_mb() -> float:
    """Peak resident memory of this process and its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def measure_kartoteka(corpus: Path, workers: int) -> dict[str, float]:
    from kartoteka.build import build

    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        summary = build([corpus], Path(tmp) / "bench.sqlite", workers=workers)
        seconds = time.perf_counter() - began
    return {"seconds": seconds, "words": summary.words, "peak_mb": peak_mb()}


def measure_spacy(corpus: Path, workers: int) -> dict[str, float]:
    import spacy

    from kartoteka.extract.nlp.models import SPACY_MODEL

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir())]
    nlp = spacy.load(SPACY_MODEL)
    began = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=workers, batch_size=4):
        pass
    seconds = time.perf_counter() - began
    words = sum(len(t.split()) for t in texts)
    return {"seconds": seconds, "words": words, "peak_mb": peak_mb()}


def run_measure(which: str, corpus: Path, workers: int) -> dict[str, float]:
    """Run one measurement in a fresh interpreter so memory and caches are its own."""
    return in_fresh_interpreter(
        __file__, "--measure", which, "--corpus", str(corpus), "--workers", str(workers)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--measure", choices=["kartoteka", "spacy"])
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()
    if args.measure:
        measure = measure_kartoteka if args.measure == "kartoteka" else measure_spacy
        print(json.dumps(measure(args.corpus, args.workers)))
        return
    source = args.shared / "corpus"
    if not source.is_dir():
        source = ROOT / "examples" / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        words = make_corpus(source, corpus, args.words)
        print(
            f"corpus: {words:,} words in {len(list(corpus.iterdir()))} files "
            f"from {source}"
        )
        spacy_run = run_measure("spacy", corpus, args.workers)
        ours = run_measure("kartoteka", corpus, args.workers)
    for label, result in (
        ("spaCy en_core_web_sm alone", spacy_run),
        ("kartoteka build", ours),
    ):
        rate = result["words"] / result["seconds"]
        print(
            f"{label:<28} {rate:>10,.0f} words/s  {result['seconds']:7.1f} s  "
            f"peak {result['peak_mb']:,.0f} MiB"
        )
    ratio = (ours["words"] / ours["seconds"]) / (
        spacy_run["words"] / spacy_run["seconds"]
    )
    print(
        f"ratio kartoteka / spaCy: {ratio:.2f} (floor 0.5, goal 1.0), "
        f"{args.workers} processes each"
    )


if __name__ == "__main__":
    main()
