"""The cost of one large document: per word, against its size and against many files.

Writes English texts of 0.1, 1 and 10 MB at run time from the paragraphs of the
sample corpus, shuffled, with the surnames changed in every round so that a
longer text names more people, as a longer book does. Each text is built as
one file, and the 1 MB text also as many small files, each in a fresh process
with the same number of workers. Prints seconds per thousand words for each and
two ratios: 10 MB ÷ 1 MB, or the largest size ÷ the next (the cost of a
document should be linear in its length; goal ≤ 1.1), and one 1 MB document ÷
the same words in many files (a large document should use every worker; goal
≤ 1.2). `--sizes 0.3,3` measures the first ratio in a tenth of the time.

The two layouts of the 1 MB text are not read alike: the renaming takes only
surnames of the shapes `SURNAME` knows, so a subject's surname of another shape
stays the same in every round, and the one document is read as that person's
life (the scorer reads each of its sentences for the subject's events), while
most of the 80 files are not (only the sentences naming a person are read).
That, and the passages each part reads before its stretch, is most of the
processor time one document takes beyond its 80 files.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import tempfile
import time
from functools import partial
from pathlib import Path

from fresh import in_fresh_interpreter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SURNAME = re.compile(r"\b([A-Z][a-z]{2,}(?:ov|ev|in|sky|skii|ski|ich|enko|man))\b")
SYLLABLES = ["ar", "el", "on", "ik", "us", "an", "er", "ol", "am", "it"]
MANY_FILES = 80


def english_paragraphs(corpus: Path) -> list[str]:
    """The paragraphs of the mostly English files of a corpus."""
    found = []
    for path in sorted(p for p in corpus.iterdir() if p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace")
        letters = [c for c in text if c.isalpha()]
        if sum(c.isascii() for c in letters) < 0.8 * len(letters):
            continue
        found += [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.split()) > 8]
    return found


def synthetic_text(paragraphs: list[str], chars: int, seed: int = 0) -> str:
    """About `chars` characters of shuffled paragraphs, new surnames each round."""
    rng = random.Random(seed)
    chosen: list[str] = []
    size = round_ = 0
    while size < chars:
        tag = SYLLABLES[round_ % 10] + SYLLABLES[round_ // 10 % 10] if round_ else ""
        order = paragraphs[:]
        rng.shuffle(order)
        for paragraph in order:
            if tag:
                paragraph = SURNAME.sub(partial(_renamed, tag=tag), paragraph)
            chosen.append(paragraph)
            size += len(paragraph) + 2
            if size >= chars:
                break
        round_ += 1
    return "\n\n".join(chosen) + "\n"


def _renamed(match: re.Match[str], tag: str) -> str:
    """`Ezhov` → `Ezhartov`: another surname of the same shape."""
    return match.group(1)[:-2] + tag + match.group(1)[-2:]


def write_corpus(text: str, folder: Path, files: int) -> None:
    """The text as `files` files of consecutive paragraphs."""
    folder.mkdir(parents=True)
    paragraphs = text.split("\n\n")
    step = -(-len(paragraphs) // files)
    for index in range(files):
        part = paragraphs[index * step : (index + 1) * step]
        if part:
            (folder / f"{index:04d}.txt").write_text(
                "\n\n".join(part) + "\n", encoding="utf-8"
            )


def cpu_seconds() -> float:
    """Processor time of this process and its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(corpus: Path, workers: int) -> dict[str, float]:
    from kartoteka.build import build

    with tempfile.TemporaryDirectory() as tmp:
        began, cpu = time.perf_counter(), cpu_seconds()
        summary = build([corpus], Path(tmp) / "bench.sqlite", workers=workers)
        seconds = time.perf_counter() - began
    return {
        "seconds": seconds,
        "cpu": cpu_seconds() - cpu,
        "words": summary.words,
        **peak_megabytes(),
    }


def peak_megabytes() -> dict[str, float]:
    """The peak resident memory of this process (the build's parent, the models
    included) and of its largest worker, in megabytes (Linux counts kilobytes)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"parent_mb": own / 1024, "worker_mb": worker / 1024}


def run_measure(corpus: Path, workers: int) -> dict[str, float]:
    """Build one corpus in a fresh interpreter, so caches and memory are its own."""
    return in_fresh_interpreter(
        __file__, "--measure", str(corpus), "--workers", str(workers)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sizes", default="0.1,1,10", help="megabytes, one file each")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--measure", type=Path)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.workers)))
        return
    source = args.shared / "corpus"
    if not source.is_dir():
        source = ROOT / "examples" / "corpus"
    paragraphs = english_paragraphs(source)
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"load average {os.getloadavg()[0]:.1f} (the machine's other work)")
    results: dict[tuple[float, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        runs = [(mb, 1) for mb in sizes] + ([(1.0, MANY_FILES)] if 1.0 in sizes else [])
        for mb, files in runs:
            folder = Path(tmp) / f"{mb:g}MB_{files}"
            write_corpus(synthetic_text(paragraphs, int(mb * 1e6)), folder, files)
            result = results[mb, files] = run_measure(folder, args.workers)
            per_word = 1000 / result["words"]
            print(
                f"{mb:g} MB in {files} file(s): {result['words']:>10,.0f} words  "
                f"{result['seconds']:7.1f} s ({result['seconds'] * per_word:.3f} "
                f"per 1000 words)  processor {result['cpu']:7.1f} s "
                f"({result['cpu'] * per_word:.3f} per 1000 words)  peak memory "
                f"{result['parent_mb']:,.0f} MB (parent), "
                f"{result['worker_mb']:,.0f} MB (largest worker)",
                flush=True,
            )
    _ratios(results, sorted(sizes), args.workers)
    print(f"load average now {os.getloadavg()[0]:.1f}")


def _ratios(
    results: dict[tuple[float, int], dict[str, float]],
    sizes: list[float],
    workers: int,
) -> None:
    """Cost per word of the largest document ÷ the next smaller one (10 MB ÷ 1 MB
    by default), and of one 1 MB document ÷ the same words in many files."""

    def cost(key: tuple[float, int], measure: str) -> float:
        return results[key][measure] / results[key]["words"]

    if len(sizes) > 1:
        large, small = (sizes[-1], 1), (sizes[-2], 1)
        wall = cost(large, "seconds") / cost(small, "seconds")
        cpu = cost(large, "cpu") / cost(small, "cpu")
        print(
            f"cost per word, {large[0]:g} MB ÷ {small[0]:g} MB: {wall:.2f} "
            f"(processor time {cpu:.2f}; goal ≤ 1.1)"
        )
    if (1.0, MANY_FILES) in results:
        wall = cost((1.0, 1), "seconds") / cost((1.0, MANY_FILES), "seconds")
        cpu = cost((1.0, 1), "cpu") / cost((1.0, MANY_FILES), "cpu")
        print(
            f"cost per word, one 1 MB document ÷ {MANY_FILES} files: {wall:.2f} "
            f"(processor time {cpu:.2f}; goal ≤ 1.2), {workers} workers"
        )


if __name__ == "__main__":
    main()
