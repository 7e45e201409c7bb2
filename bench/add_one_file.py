"""Adding one file to a large knowledge base against rebuilding it whole.

Makes a corpus of about a million words (the dev corpus, or else the sample
corpus, repeated under new file names), builds it, then times in fresh
interpreters `kartoteka add` of one more file and a full `kartoteka build` of
the same files, and prints both with their ratio. `add` extracts the one file
and reuses the stored extractions of the others; what it still does in full is
resolving every mention and writing the knowledge base.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from build_throughput import make_corpus
from fresh import in_fresh_interpreter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def measure(which: str, corpus: Path, db: Path, workers: int) -> dict[str, float]:
    """Time one build or add of `corpus` into `db` in this interpreter."""
    from kartoteka.add import add
    from kartoteka.build import build

    run = add if which == "add" else build
    began = time.perf_counter()
    summary = run([corpus], db, workers=workers)
    seconds = time.perf_counter() - began
    return {
        "seconds": seconds,
        "words": summary.words,
        "extracted": summary.extracted,
        "documents": summary.documents,
    }


def run_measure(which: str, corpus: Path, db: Path, workers: int) -> dict[str, float]:
    return in_fresh_interpreter(
        __file__,
        *("--measure", which, "--corpus", str(corpus), "--db", str(db)),
        *("--workers", str(workers)),
    )


def source_folder(shared: Path) -> Path:
    for folder in (shared / "dev" / "corpus", shared / "corpus"):
        if folder.is_dir():
            return folder
    return ROOT / "examples" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--measure", choices=["add", "build"])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.corpus, args.db, args.workers)))
        return
    source = source_folder(args.shared)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        words = make_corpus(source, corpus, args.words)
        extra = sorted(p for p in source.iterdir() if p.is_file())[0]
        print(f"corpus: {words:,} words in {len(list(corpus.iterdir()))} files")
        first = run_measure("build", corpus, Path(tmp) / "kb.sqlite", args.workers)
        shutil.copyfile(extra, corpus / f"zz_added_{extra.name}")
        added = run_measure("add", corpus, Path(tmp) / "kb.sqlite", args.workers)
        whole = run_measure("build", corpus, Path(tmp) / "whole.sqlite", args.workers)
    print(f"first build   {first['seconds']:8.1f} s  {first['words']:>10,.0f} words")
    print(
        f"add one file  {added['seconds']:8.1f} s  extracted "
        f"{added['extracted']:.0f} of {added['documents']:.0f} files"
    )
    print(f"full rebuild  {whole['seconds']:8.1f} s  {whole['words']:>10,.0f} words")
    print(
        f"ratio add / rebuild: {added['seconds'] / whole['seconds']:.3f} "
        f"at {whole['words']:,.0f} words, {args.workers} workers"
    )


if __name__ == "__main__":
    main()
