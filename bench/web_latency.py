"""Latency of the web UI on a large knowledge base, under load from another process.

Writes a synthetic knowledge base (synthetic_kb.py: 10,000 persons, 200,000
events in 1,000 documents), starts `kartoteka serve` on 127.0.0.1 in a
subprocess, and sends a bounded number of requests for search pages and person
cards from a second process over several keep-alive connections. Then the same
card requests again while two more clients fire hostile searches (hundreds of
words, 10 KB of text), the time of each hostile search alone, and how long the
server takes to stop on SIGTERM while they run. Prints p50/p95/max latency of
each page, the card's p95 under attack as a ratio of its quiet p95, and checks
the quiet card p95 against its 50 ms budget and the attacked one against 1 s.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any
from urllib.parse import quote

from synthetic_kb import synthesize


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(db: Path, port: int, start: float = 30) -> subprocess.Popen[bytes]:
    """`kartoteka serve` in its own process, once it accepts connections (within
    `start` seconds)."""
    command = [sys.executable, "-m", "kartoteka.cli", "serve", "--db", str(db)]
    server = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + start
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("kartoteka serve did not start")


def _client(port: int, paths: list[str], times: list[float], errors: list[str]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for path in paths:
        began = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        times.append(time.perf_counter() - began)
        if response.status != 200:
            errors.append(f"{path}: {response.status}")
    connection.close()


def load(port: int, paths: list[str], clients: int) -> tuple[list[float], list[str]]:
    """Request every path once over `clients` keep-alive connections; the times."""
    times: list[float] = []
    errors: list[str] = []
    threads = [
        threading.Thread(target=_client, args=(port, paths[i::clients], times, errors))
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def pages(db: Path, requests: int, rng: random.Random) -> dict[str, list[str]]:
    """Card and search paths for a random sample of persons."""
    with sqlite3.connect(db) as kb:
        rows = kb.execute(
            "SELECT id, name FROM entities WHERE type = 'person'"
        ).fetchall()
    sample = [rng.choice(rows) for _ in range(requests)]
    return {
        "card": [f"/card/{entity}" for entity, _ in sample],
        "search": [f"/search?q={quote(name.split()[-1])}" for _, name in sample],
    }


def hostile_queries(db: Path, rng: random.Random) -> dict[str, str]:
    """Searches that once held the server for minutes, from the sources' own words."""
    with sqlite3.connect(db) as kb:
        text = " ".join(r[0] for r in kb.execute("SELECT text FROM documents LIMIT 5"))
    words = re.findall(r"\w+", text)
    distinct = list(dict.fromkeys(w.casefold() for w in words))
    return {
        "16 different words": " ".join(rng.sample(distinct, 16)),
        "300 words": " ".join(rng.choice(words) for _ in range(300)),
        "10 KB": " ".join(rng.choice(words) for _ in range(3000))[:10_240],
        "300 repeated words": " ".join(["the"] * 300),
        "66 one-letter words": " ".join(["t"] * 66),
    }


def timed_search(port: int, query: str, timeout: float) -> tuple[int, float]:
    """One search on its own connection: the status (0: no answer) and seconds."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    began = time.perf_counter()
    try:
        connection.request("GET", "/search?q=" + quote(query))
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - began


def _attacker(
    port: int, queries: list[str], stop: threading.Event, answers: list[int]
) -> None:
    while not stop.is_set():
        for query in queries:
            answers.append(timed_search(port, query, 120)[0])
            if stop.is_set():
                return


class Attack:
    """Two clients firing the hostile searches, round after round, until the end."""

    def __init__(self, port: int, queries: list[str]) -> None:
        self.stop = threading.Event()
        self.answers: list[int] = []
        self.clients = [
            threading.Thread(
                target=_attacker, args=(port, queries, self.stop, self.answers)
            )
            for _ in range(2)
        ]

    def __enter__(self) -> Attack:
        for client in self.clients:
            client.start()
        time.sleep(1.0)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for client in self.clients:
            client.join()


def card_under_attack(
    port: int, paths: list[str], queries: list[str], clients: int
) -> tuple[list[float], list[str], list[int]]:
    """Card times and failures while the hostile searches run; their statuses."""
    with Attack(port, queries) as attack:
        times, errors = load(port, paths, clients)
    return times, errors, attack.answers


def attack_for(port: int, queries: list[str], seconds: float) -> list[int]:
    """Run the hostile searches for a while (the server may stop meanwhile)."""
    with Attack(port, queries) as attack:
        time.sleep(seconds)
    return attack.answers


def summary(times: list[float]) -> dict[str, float]:
    return {
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
        "max_ms": max(times) * 1000,
        "requests": len(times),
    }


def measure_pages(
    port: int, paths: dict[str, list[str]], queries: dict[str, str], clients: int
) -> dict[str, Any]:
    """Quiet search and card pages, then cards under attack, from another process."""
    results: dict[str, Any] = {}
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as loader:
        loader.submit(load, port, paths["card"][:20], 2).result()
        for page in ("search", "card"):
            times, errors = loader.submit(load, port, paths[page], clients).result()
            if errors:
                raise SystemExit(f"{len(errors)} failed requests: {errors[:3]}")
            results[page] = summary(times)
        times, errors, answers = loader.submit(
            card_under_attack, port, paths["card"], list(queries.values()), clients
        ).result()
    results["card under attack"] = summary(times)
    results["card under attack"]["failures"] = len(errors)
    results["attack statuses"] = {str(s): answers.count(s) for s in set(answers)}
    return results


def hostile_alone(port: int, queries: dict[str, str], timeout: float) -> dict[str, Any]:
    """Each hostile search on its own: status (0: none in time) and seconds."""
    found = {}
    for label, query in queries.items():
        status, seconds = timed_search(port, query, timeout)
        found[label] = {"status": status, "seconds": round(seconds, 2)}
    return found


def seconds_to_stop(
    server: subprocess.Popen[bytes], port: int, queries: dict[str, str], cap: float
) -> float:
    """Seconds from SIGTERM to exit while hostile searches run (cap: killed)."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as loader:
        attack = loader.submit(attack_for, port, list(queries.values()), 3.0)
        time.sleep(2.0)
        began = time.perf_counter()
        server.terminate()
        try:
            server.wait(timeout=cap)
            stopped = time.perf_counter() - began
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            stopped = cap
        attack.result()
    return stopped


def run(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "synthetic.sqlite"
        began = time.perf_counter()
        synthesize(db, args.persons, args.events, args.documents)
        seconds = time.perf_counter() - began
        print(
            f"synthetic knowledge base: {args.persons:,} persons, {args.events:,} "
            f"events, {args.documents:,} documents, written in {seconds:.0f} s"
        )
        port = free_port()
        server = serve(db, port)
        try:
            paths = pages(db, args.requests, random.Random(1954))
            queries = hostile_queries(db, random.Random(1917))
            results = measure_pages(port, paths, queries, args.clients)
            results["hostile alone"] = hostile_alone(port, queries, args.timeout)
            results["sigterm to exit s"] = seconds_to_stop(
                server, port, queries, args.timeout
            )
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
    return results


def report(results: dict[str, Any], args: argparse.Namespace) -> bool:
    """Print the results; whether the card pages kept within their budgets."""
    print(f"{'page':<18} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for page in ("search", "card", "card under attack"):
        r = results[page]
        print(
            f"{page:<18} {r['requests']:>8.0f} {r['p50_ms']:>8.1f} "
            f"{r['p95_ms']:>8.1f} {r['max_ms']:>8.1f}"
        )
    for label, found in results["hostile alone"].items():
        answer = found["status"] or f"no answer in {args.timeout:.0f} s"
        print(f"hostile search, {label}: {answer} after {found['seconds']:.2f} s")
    print(f"hostile searches answered under attack: {results['attack statuses']}")
    stop = results["sigterm to exit s"]
    print(f"SIGTERM to exit during hostile searches: {stop:.1f} s")
    quiet = results["card"]["p95_ms"]
    attacked = results["card under attack"]["p95_ms"]
    print(
        f"card page p95 {quiet:.1f} ms quiet (budget {args.budget:.0f} ms), "
        f"{attacked:.1f} ms under attack (budget {args.attack_budget:.0f} ms): "
        f"ratio {attacked / quiet:.1f} ({args.clients} concurrent clients)"
    )
    failures = results["card under attack"]["failures"]
    if failures:
        print(f"{failures} card requests failed under attack")
    return quiet <= args.budget and attacked <= args.attack_budget and not failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--documents", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=500, help="per page")
    parser.add_argument("--clients", type=int, default=4, help="concurrent connections")
    parser.add_argument("--budget", type=float, default=50.0, help="card p95, ms")
    parser.add_argument(
        "--attack-budget", type=float, default=1000.0, help="card p95 under attack, ms"
    )
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds to wait for one answer"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    results = run(args)
    if args.json:
        print(json.dumps(results, indent=1))
    if not report(results, args):
        sys.exit(1)


if __name__ == "__main__":
    main()
