"""Build throughput against the models alone, measured in one run on the same texts.

The reference is what the build cannot avoid: for English, spaCy running the
components the build runs on every passage (sentence splitting and NER,
`READ_PIPES` of `kartoteka.extract.nlp.models`), loaded without the others; for
Russian, natasha's segmentation and NER. The build runs spaCy's layers on
numpy's BLAS (`kartoteka.extract.nlp.blas`), faster here than the BLIS thinc
bundles, so English has two references: spaCy as installed, and spaCy on the
same BLAS, against which the ratio is the cost of kartoteka's own work alone.
Each corpus is a source repeated under
new file names up to the requested size; reference and build run in fresh
processes, alternating,
with the same number of processes, and the load average is printed beside each
run. Each side's time includes importing and loading its models, as anyone
running either pays them. The ratio is the build's median words per second over
the reference's; beside it the same ratio per processor second (the process and
its workers), which the machine's other work disturbs less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import tempfile
import time
from functools import cache
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from fresh import in_fresh_interpreter

# Imported first, so that every measure runs with the maths library's threads as
# the build runs them (one per process): natasha imported before kartoteka would
# start threads that spin in each reference worker and slow the reference.
import kartoteka  # noqa: F401

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def make_corpus(files: list[Path], target: Path, words: int) -> int:
    """Copy the files round-robin under new names until `words` is reached."""
    total, copy = 0, 0
    while total < words:
        for path in files:
            shutil.copyfile(path, target / f"{copy:04d}_{path.name}")
            total += len(path.read_bytes().decode("utf-8", "replace").split())
        copy += 1
    return total


def peak_mb() -> float:
    """Peak resident memory of this process and its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def texts_of(corpus: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir())]


def cpu_seconds() -> float:
    """Processor time of this process and its finished children (the workers):
    on a machine shared with other work, the steadier measure of cost."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(texts: list[str], run: Any) -> dict[str, float]:
    began, cpu = time.perf_counter(), cpu_seconds()
    run()
    seconds = time.perf_counter() - began
    words = sum(len(t.split()) for t in texts)
    cpu = cpu_seconds() - cpu
    return {"seconds": seconds, "cpu": cpu, "words": words, "peak_mb": peak_mb()}


def measure_build(corpus: Path, workers: int) -> dict[str, float]:
    from kartoteka.build import build

    with tempfile.TemporaryDirectory() as tmp:
        began, cpu = time.perf_counter(), cpu_seconds()
        summary = build([corpus], Path(tmp) / "bench.sqlite", workers=workers)
        seconds = time.perf_counter() - began
        cpu = cpu_seconds() - cpu
    return {
        "seconds": seconds,
        "cpu": cpu,
        "words": summary.words,
        "peak_mb": peak_mb(),
    }


# Every component of the model but sentence splitting and NER (the senter is
# loaded disabled, and enabled).
REFERENCE_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def measure_spacy(
    corpus: Path, workers: int, numpy_blas: bool = False
) -> dict[str, float]:
    import spacy

    from kartoteka.extract.nlp.blas import numpy_blas as numpy_ops
    from kartoteka.extract.nlp.blas import use_ops
    from kartoteka.extract.nlp.models import SPACY_MODEL

    texts = texts_of(corpus)

    def run() -> None:
        # Loading counts, as the build's own loading does; the reference loads
        # only the components it runs (the build loads the parser too).
        nlp = spacy.load(SPACY_MODEL, exclude=REFERENCE_EXCLUDE)
        nlp.enable_pipe("senter")
        if numpy_blas:
            use_ops(nlp, nlp.component_names, numpy_ops())
        for _ in nlp.pipe(texts, n_process=workers, batch_size=4):
            pass

    return timed(texts, run)


def measure_spacy_blas(corpus: Path, workers: int) -> dict[str, float]:
    """spaCy multiplying on numpy's BLAS, as the build runs it: against this
    reference the ratio is the cost of kartoteka's own work alone."""
    return measure_spacy(corpus, workers, numpy_blas=True)


@cache
def natasha_reference() -> tuple[Any, Any]:
    """natasha's segmenter and NER, and nothing else (the build loads its morph
    tagger and parser too, which the reference does not run)."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def _natasha_ner(text: str) -> int:
    from natasha import Doc

    segmenter, ner_tagger = natasha_reference()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(ner_tagger)
    return len(doc.spans)


def measure_natasha(corpus: Path, workers: int) -> dict[str, float]:
    texts = texts_of(corpus)

    def run() -> None:
        # Loaded once before the workers fork, as the build loads its models.
        natasha_reference()
        with Pool(workers) as pool:
            pool.map(_natasha_ner, texts, chunksize=8)

    return timed(texts, run)


MEASURES = {
    "build": measure_build,
    "spacy": measure_spacy,
    "spacy-blas": measure_spacy_blas,
    "natasha": measure_natasha,
}


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def compare(
    label: str, references: list[str], corpus: Path, workers: int, rounds: int
) -> dict[str, tuple[float, float]]:
    """Alternate the references and the build, each round in the other order;
    print each run; return, per reference, the ratios of the median words per
    second and per processor second."""
    rates: dict[str, list[float]] = {which: [] for which in [*references, "build"]}
    per_cpu: dict[str, list[float]] = {which: [] for which in rates}
    for round_ in range(rounds):
        order = list(rates) if round_ % 2 == 0 else list(reversed(rates))
        for which in order:
            before = load()
            result = in_fresh_interpreter(
                __file__, "--measure", which, "--corpus", str(corpus),
                "--workers", str(workers),
            )  # fmt: skip
            rate = result["words"] / result["seconds"]
            rates[which].append(rate)
            per_cpu[which].append(result["words"] / result["cpu"])
            print(
                f"  {label} {which:<10} {rate:>9,.0f} words/s"
                f" {result['seconds']:7.1f} s"
                f"  processor {result['cpu']:7.1f} s"
                f"  peak {result['peak_mb']:,.0f} MiB  load before {before}"
            )
    build = statistics.median(rates["build"]), statistics.median(per_cpu["build"])
    return {
        which: (
            build[0] / statistics.median(rates[which]),
            build[1] / statistics.median(per_cpu[which]),
        )
        for which in references
    }


REFERENCES = {
    "spacy": "spaCy senter+NER as installed (thinc's BLIS)",
    "spacy-blas": "spaCy senter+NER on numpy's BLAS, as the build runs it",
    "natasha": "natasha NER",
}


def corpora(shared: Path) -> dict[str, tuple[list[str], list[Path]]]:
    """English: the sample corpus; Russian: the Russian documents of the dev set."""
    english = shared / "corpus"
    if not english.is_dir():
        english = ROOT / "examples" / "corpus"
    found = {
        "English": (
            ["spacy", "spacy-blas"],
            sorted(p for p in english.iterdir() if p.is_file()),
        )
    }
    russian = sorted((shared / "dev" / "corpus").glob("ru-*"))
    if russian:
        found["Russian"] = (["natasha"], russian)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--measure", choices=sorted(MEASURES))
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--only", choices=["English", "Russian"], help="one language")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(MEASURES[args.measure](args.corpus, args.workers)))
        return
    ratios = {}
    for label, (references, files) in corpora(args.shared).items():
        if args.only and label != args.only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp)
            words = make_corpus(files, corpus, args.words)
            print(f"{label}: {words:,} words in {len(files)} sources repeated")
            ratios[label] = compare(
                label, references, corpus, args.workers, args.rounds
            )
    for label, by_reference in ratios.items():
        for which, (ratio, cpu) in by_reference.items():
            print(
                f"ratio {label} build / {REFERENCES[which]} alone: {ratio:.2f} "
                f"(goal 0.90), per processor second {cpu:.2f}, "
                f"{args.workers} processes each"
            )


if __name__ == "__main__":
    main()
