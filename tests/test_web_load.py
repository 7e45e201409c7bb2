"""`kartoteka serve` under hostile searches from another process, over loopback.

The server runs as the real command over the sample corpus; two clients fire
searches that once held it for minutes (10 KB of text, hundreds of short
words) while a third reads the card of a major person. The card must stay
answered, and SIGTERM must stop the server while the hostile searches run.
The latency ratio against a quiet server is measured in bench/web_latency.py.
"""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from kartoteka.build import Summary

HOSTILE = [
    "x" * 10_240,
    " ".join(["t"] * 300),
    " ".join(["the"] * 300),
    " ".join(["a"] * 66),
    "the and was for had tha com wit sta his con sov int wer pol ezh",
]


class Server:
    """`kartoteka serve` on a free port of 127.0.0.1, once it accepts connections."""

    def __init__(self, db: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        command = [sys.executable, "-m", "kartoteka.cli", "serve", "--db", str(db)]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.process.kill()
        raise AssertionError("kartoteka serve did not start listening")

    def get(self, path: str, timeout: float = 60) -> tuple[int, str, float]:
        """One request on a fresh connection: status, body and seconds taken."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        began = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        return response.status, body, time.perf_counter() - began


@pytest.fixture
def server(corpus_db: tuple[Path, Summary]) -> Iterator[Server]:
    running = Server(corpus_db[0])
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def _yezhov(server: Server) -> str:
    _, page, _ = server.get("/search?q=" + quote("Ежов"))
    found = re.search(r'class="card-link" href="(/card/[\w-]+)"', page)
    assert found, "searching Ежов found no card"
    return found.group(1)


def _hostile(server: Server, stop: threading.Event, statuses: list[int]) -> None:
    """Fire the hostile searches one after another until told to stop."""
    while not stop.is_set():
        for query in HOSTILE:
            try:
                statuses.append(server.get("/search?q=" + quote(query))[0])
            except OSError:
                statuses.append(0)
            if stop.is_set():
                return


class Attack:
    """Two clients firing hostile searches until the block ends."""

    def __init__(self, server: Server) -> None:
        self.stop = threading.Event()
        self.statuses: list[int] = []
        self.clients = [
            threading.Thread(target=_hostile, args=(server, self.stop, self.statuses))
            for _ in range(2)
        ]

    def __enter__(self) -> Attack:
        for client in self.clients:
            client.start()
        time.sleep(0.5)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for client in self.clients:
            client.join()


def test_the_card_stays_answered_under_hostile_searches(server: Server) -> None:
    card = _yezhov(server)
    with Attack(server) as attack:
        answers = [server.get(card, timeout=30) for _ in range(60)]
    statuses = attack.statuses
    assert all(status == 200 for status, _, _ in answers)
    assert all("Yezhov" in body for _, body, _ in answers)
    times = sorted(seconds for _, _, seconds in answers)
    assert times[int(0.95 * len(times))] < 1.0, times
    assert statuses and set(statuses) <= {200, 400}, statuses
    assert statuses.count(400) >= len(statuses) // 2


def test_sigterm_stops_the_server_during_hostile_searches(server: Server) -> None:
    with Attack(server):
        server.process.terminate()
        server.process.wait(timeout=10)
