"""A major figure's card on a large knowledge base: its size, its queries, its time.

The knowledge base is the sample corpus repeated (`--times`, default 64): the
corpus is built once (or read from --db) and its documents, mentions, events and
judgements are copied under new ids, as if the same sources had been collected
again and again; then its conflicts and cards are found and stored as a build
stores them (the seconds that takes are printed). For the person with the most
statements it prints the card's HTML size (budget 100 KB); the SQL queries and
time it takes in this process to make the card afresh (as the build does) and
to read it from the store (as a page does), beside the home page's time as the
reference; and from `kartoteka serve` in its own process: the first load of the
card, the p50/p95 of --requests loads of it by 4 concurrent clients (budget p95
50 ms), and the p50/p95 of the --cold heaviest cards loaded once each by 4
concurrent clients (none kept by the server yet), each with the server's processor
time per load (which the machine's other work inflates least).

    python bench/large_card.py --shared ../shared
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient
from web_latency import free_port, load, percentile, serve

from kartoteka.build import build, store_analysis
from kartoteka.cards.card import card
from kartoteka.cards.stored import stored_card
from kartoteka.store import connect
from kartoteka.web import Settings, create_app

CLIENTS = 4  # concurrent clients, as issue 13 measures the card
# A loaded machine may take over half a minute to import the server's modules.
START_SECONDS = 180
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


def analysed(db_path: Path) -> float:
    """Find and store the conflicts and cards of the repeated knowledge base,
    as a build stores them; the seconds."""
    began = time.perf_counter()
    with closing(sqlite3.connect(db_path)) as db, db:
        store_analysis(db)
    return time.perf_counter() - began


def median_seconds(web: TestClient, path: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        web.get(path)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def in_process(
    db_path: Path,
    make: Callable[[sqlite3.Connection, str], object],
    person: str,
    rounds: int,
) -> tuple[float, int]:
    """The median seconds to make the card with `make` (nothing kept between
    rounds) and the SQL statements one making runs."""
    with closing(connect(db_path)) as db:
        statements = 0

        def count(_: str) -> None:
            nonlocal statements
            statements += 1

        times = []
        for _ in range(rounds):
            db.set_trace_callback(count)
            statements = 0
            began = time.perf_counter()
            make(db, person)
            times.append(time.perf_counter() - began)
            db.set_trace_callback(None)
    return statistics.median(times), statements


def heaviest(db_path: Path, count: int) -> list[tuple[str, int]]:
    """The persons with the most statements, and how many each has."""
    with closing(sqlite3.connect(db_path)) as db:
        return db.execute(
            "SELECT person, COUNT(*) FROM events GROUP BY person "
            "ORDER BY COUNT(*) DESC, person LIMIT ?",
            (count,),
        ).fetchall()


@dataclass(frozen=True)
class Served:
    """What `kartoteka serve` took: the card's first load and its size, its loads
    by concurrent clients, and other cards each loaded once by them (seconds);
    the server's processor seconds per load of each kind (None off Linux)."""

    first: float
    size: int
    warm: list[float]
    cold: list[float]
    warm_cpu: float | None
    cold_cpu: float | None


def served(db_path: Path, person: str, others: list[str], requests: int) -> Served:
    """Load the card, then load it again and again, then the other cards."""
    port = free_port()
    server = serve(db_path, port, start=START_SECONDS)
    try:
        first, errors = load(port, [f"/card/{person}"], 1)
        size = len(_body(port, f"/card/{person}"))
        began = processor_seconds(server.pid)
        warm, more = load(port, [f"/card/{person}"] * requests, CLIENTS)
        middle = processor_seconds(server.pid)
        cold, rest = load(port, [f"/card/{o}" for o in others], CLIENTS)
        end = processor_seconds(server.pid)
    finally:
        server.terminate()
        server.wait()
    if errors or more or rest:
        raise SystemExit(f"failed requests: {(errors + more + rest)[:3]}")
    return Served(
        first[0], size, warm, cold, per(began, middle, warm), per(middle, end, cold)
    )


def processor_seconds(pid: int) -> float | None:
    """A process's processor time, all its threads, from /proc (Linux only): the
    figure the machine's other work does not inflate."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def per(began: float | None, end: float | None, loads: list[float]) -> float | None:
    return None if began is None or end is None else (end - began) / len(loads)


def processor_ms(seconds: float | None) -> str:
    return "" if seconds is None else f", server processor {seconds * 1000:.1f} ms each"


def _body(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    body = connection.getresponse().read()
    connection.close()
    return body


def ms(values: list[float], share: float) -> str:
    return f"{percentile(values, share) * 1000:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--db", type=Path, help="a built sample corpus to start from")
    parser.add_argument("--times", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--cold", type=int, default=40)
    parser.add_argument("--budget", type=float, default=50.0, help="card p95, ms")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "large.sqlite"
        if args.db:
            shutil.copy(args.db, db_path)
        else:
            build([args.shared / "corpus"], db_path, workers=2)
        repeat(db_path, args.times)
        analysing = analysed(db_path)
        (person, count), *others = heaviest(db_path, args.cold + 1)
        web = TestClient(create_app(Settings(db_path)), base_url="http://127.0.0.1")
        home = median_seconds(web, "/", args.rounds)
        made, statements = in_process(db_path, card, person, args.rounds)
        read, reads = in_process(db_path, stored_card, person, args.rounds)
        found = served(db_path, person, [o for o, _ in others], args.requests)
    warm, cold = found.warm, found.cold
    print(
        f"sample corpus x{args.times}: finding and storing its conflicts and "
        f"cards took "
        f"{analysing:.1f} s; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} processors"
    )
    print(
        f"card of {person} ({count} statements): {found.size / 1000:.0f} KB "
        f"(budget 100 KB); made afresh: {statements} SQL queries, "
        f"{made * 1000:.0f} ms = {made / home:.1f} x the home page "
        f"({home * 1000:.0f} ms); read from the store: {reads} SQL queries, "
        f"{read * 1000:.1f} ms = {read / home:.2f} x the home page"
    )
    print(
        f"served: first load {found.first * 1000:.0f} ms; "
        f"{len(warm)} loads by {CLIENTS} concurrent clients p50 {ms(warm, 0.5)} ms "
        f"p95 {ms(warm, 0.95)} ms (budget {args.budget:.0f} ms)"
        f"{processor_ms(found.warm_cpu)}; the {len(cold)} next heaviest cards, "
        f"each loaded once: p50 {ms(cold, 0.5)} ms p95 {ms(cold, 0.95)} ms"
        f"{processor_ms(found.cold_cpu)}; load average now {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
