"""Reconciliation on the sample corpus: how often the right card comes first.

Reconciles every gold person's preferred name, Russian name and every form a
document uses (`../shared/gold/entities.yaml`) against a knowledge base of the
sample corpus, as OpenRefine would through `/reconcile`, and prints the share
whose first candidate is the right card; `--show` lists the others.

    python bench/reconcile_gold.py [--shared ../shared] [--db kb.sqlite] [--show]

Without `--db` the sample corpus is built into a temporary folder first.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
from pathlib import Path

from kartoteka.build import build
from kartoteka.evaluate.gold import load_gold
from kartoteka.evaluate.reconciliation import ReconcileScore, reconcile_score
from kartoteka.store import connect

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def show(db: sqlite3.Connection, score: ReconcileScore) -> None:
    """One line per query whose first candidate is not the right card."""

    def name(entity: str | None) -> str:
        row = (
            entity
            and db.execute(
                "SELECT name FROM entities WHERE id = ?", (entity,)
            ).fetchone()
        )
        return row["name"] if row else "(no card)"

    for miss in score.misses:
        print(f"  {miss.query!r}: want {name(miss.expected)}, got {name(miss.got)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="corpus and gold")
    parser.add_argument("--db", type=Path, help="a knowledge base of the sample corpus")
    parser.add_argument("--show", action="store_true", help="list the misses")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db
        if path is None:
            path = Path(folder) / "sample.sqlite"
            build([args.shared / "corpus"], path, workers=2)
        db = connect(path)
        score = reconcile_score(db, load_gold(args.shared / "gold"))
        print(
            f"right card first: {score.right}/{score.total} = {score.share:.1%} "
            "(gold person names reconciled as type person)"
        )
        if args.show:
            show(db, score)
        db.close()


if __name__ == "__main__":
    main()
