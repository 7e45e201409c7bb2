"""A major figure's card on a large knowledge base: its size in bytes and its time.

The knowledge base is the sample corpus repeated (`--times`, default 64): the
corpus is built once (or read from --db) and its documents, mentions, events and
judgements are copied under new ids, as if the same sources had been collected
again and again. Prints, for the person with the most statements, the card's
HTML size (budget 100 KB) and the median time to serve it, beside the median
time of the home page in the same process as the reference.

    python bench/large_card.py --shared ../shared
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from contextlib import closing
from pathlib import Path

from fastapi.testclient import TestClient

from kartoteka.analysis.conflicts import conflicts
from kartoteka.build import build
from kartoteka.store import connect
from kartoteka.web import Settings, create_app

COPIED = {
    "documents": "id || :tail, :prefix || file, title, format, encoding, "
    "languages, text",
    "passages": "document || :tail, seq, start, end, kind, language, note",
    "footnote_refs": "document || :tail, start, end, number",
    "mentions": "id || :tail, entity, document || :tail, start, end, text, name, "
    "type, language, source, title, key",
    "events": "id || :tail, document || :tail, type, person, date, start, end, "
    "evidence, agent, org, place, position, stance, date_earliest, date_latest, "
    "date_inferred, reporter, reporter_entity",
    "judgements": "a || :tail, b || :tail, same, author, reason, score",
}


def repeat(db_path: Path, times: int) -> None:
    """Copy every source's rows `times - 1` more times under new ids."""
    with sqlite3.connect(db_path) as db:
        for table in COPIED:
            db.execute(f"CREATE TEMP TABLE first_{table} AS SELECT * FROM {table}")
        for copy in range(1, times):
            names = {"tail": f"-{copy}", "prefix": f"copy{copy:03d}/"}
            for table, columns in COPIED.items():
                db.execute(
                    f"INSERT INTO {table} SELECT {columns} FROM first_{table}", names
                )
    db.close()


def median_seconds(web: TestClient, path: str, rounds: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(rounds):
        began = time.perf_counter()
        response = web.get(path)
        times.append(time.perf_counter() - began)
        size = len(response.content)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--db", type=Path, help="a built sample corpus to start from")
    parser.add_argument("--times", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "large.sqlite"
        if args.db:
            shutil.copy(args.db, db_path)
        else:
            build([args.shared / "corpus"], db_path, workers=2)
        repeat(db_path, args.times)
        with sqlite3.connect(db_path) as db:
            person, count = db.execute(
                "SELECT person, COUNT(*) FROM events GROUP BY person "
                "ORDER BY COUNT(*) DESC LIMIT 1"
            ).fetchone()
        web = TestClient(create_app(Settings(db_path)), base_url="http://127.0.0.1")
        web.get(f"/card/{person}")
        home, _ = median_seconds(web, "/", args.rounds)
        card, size = median_seconds(web, f"/card/{person}", args.rounds)
        with closing(connect(db_path)) as db:
            began = time.perf_counter()
            conflicts(db, person)
            disagreeing = time.perf_counter() - began
    print(
        f"card of {person} ({count} statements, sample corpus x{args.times}): "
        f"{size / 1000:.0f} KB (budget 100 KB), {card * 1000:.0f} ms "
        f"= {card / home:.1f} x the home page ({home * 1000:.0f} ms); "
        f"of that, finding its conflicts {disagreeing * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
