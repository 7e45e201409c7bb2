"""How well the review queue finds the persons the machine left on two cards.

Builds the sample and dev corpora (or reads knowledge bases given with --sample-db
and --dev-db), then prints, for the first 20 and 50 proposals: of the gold pairs
of cards the machine keeps apart, how many the proposals name (found), how many
end on one card once a reader accepts the right proposals (closed), and how many
proposals join two gold persons (wrong).

    python bench/review_queue.py --shared ../shared
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from kartoteka.build import build
from kartoteka.evaluate.gold import load_gold
from kartoteka.evaluate.review import card_gold, score_queue
from kartoteka.resolve.review import proposals


def knowledge_base(corpus: Path, given: Path | None, folder: Path) -> Path:
    if given is not None:
        return given
    db = folder / f"{corpus.parent.name}-{corpus.name}.sqlite"
    build([corpus], db, workers=2)
    return db


def report(name: str, db_path: Path, gold: Path) -> None:
    with closing(sqlite3.connect(db_path)) as db:
        db.row_factory = sqlite3.Row
        queue = proposals(db)
        of_card = card_gold(db, load_gold(gold))
    for top in (20, 50):
        s = score_queue(queue, of_card, top)
        print(
            f"{name:<7} top {top:>2}: found {s.found}/{s.missed} ({s.share:.0%}), "
            f"closed {s.closed}/{s.missed} ({s.closed_share:.0%}), "
            f"right {s.right}, wrong {s.wrong}, of {len(queue)} proposals"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--sample-db", type=Path)
    parser.add_argument("--dev-db", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name, corpus, gold, given in (
            ("sample", args.shared / "corpus", args.shared / "gold", args.sample_db),
            ("dev", args.shared / "dev/corpus", args.shared / "dev/gold", args.dev_db),
        ):
            report(name, knowledge_base(corpus, given, Path(folder)), gold)


if __name__ == "__main__":
    main()
