"""What keeps one request from holding the server: bounded queries, a time limit.

Over the real sample corpus through the in-process client; the load from another
process, against `kartoteka serve`, is in test_web_load.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_support import client

from kartoteka.build import Summary
from kartoteka.web.search import MAX_QUERY_CHARS, MAX_QUERY_TERMS, fts_query
from kartoteka.web.site import Settings, Site, WorkLimit

# A recursive count that SQLite needs minutes for, unless something stops it.
LONG_QUERY = """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                WHERE i < 5000000000) SELECT COUNT(*) FROM n"""


@pytest.fixture(scope="module")
def web(corpus_db: tuple[Path, Summary]) -> TestClient:
    return client(corpus_db[0])


def test_a_query_past_the_length_bound_is_refused_with_a_reason(
    web: TestClient,
) -> None:
    page = web.get("/search", params={"q": " ".join(["Yezhov"] * 1500)})
    assert page.status_code == 400
    assert f"10,499 characters long; at most {MAX_QUERY_CHARS}" in page.text
    assert web.get("/search", params={"q": "x" * 10_240}).status_code == 400


def test_a_query_with_too_many_words_is_refused_with_a_reason(
    web: TestClient,
) -> None:
    words = "arrest trial order camp court purge agent case chief file head list"
    many = f"{words} note post rank seal term unit"
    page = web.get("/search", params={"q": many})
    assert page.status_code == 400
    assert f"18 different words; at most {MAX_QUERY_TERMS}" in page.text
    assert web.get("/search", params={"q": words}).status_code == 200


def test_repeated_words_are_one_term_and_short_words_no_prefix(
    web: TestClient,
) -> None:
    assert fts_query("the The THE a a a", []) == '("the"* "a")'
    assert fts_query("NKVD of nkvd", []) == '("NKVD"* "of")'
    repeated = web.get("/search", params={"q": " ".join(["t"] * 66)})
    assert repeated.status_code == 200


def test_a_request_past_its_time_limit_is_stopped_and_says_why(
    corpus_db: tuple[Path, Summary],
) -> None:
    site = Site(Settings(corpus_db[0], time_limit=0.2))
    stopped_by = pytest.raises(WorkLimit, match=r"more than 0\.2 s of work")
    with stopped_by, site.db() as db:
        db.execute(LONG_QUERY).fetchone()
    with site.db() as db:
        assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 5
    stopped = client(corpus_db[0], time_limit=0.000_001)
    page = stopped.get("/search", params={"q": "the"})
    assert page.status_code == 503 and "was stopped" in page.text


def test_a_stopping_server_abandons_running_queries(
    corpus_db: tuple[Path, Summary],
) -> None:
    web = client(corpus_db[0])
    site: Site = web.app.state.site  # type: ignore[attr-defined]
    with web:
        assert web.get("/").status_code == 200
        assert not site.stopping.is_set()
    assert site.stopping.is_set()
    with pytest.raises(WorkLimit, match="server is stopping"), site.db() as db:
        db.execute(LONG_QUERY).fetchone()


def test_every_address_still_checks_the_host(corpus_db: tuple[Path, Summary]) -> None:
    import socket

    web = client(corpus_db[0], host="0.0.0.0", allowed_hosts=("kb.example.org",))
    for host in ("127.0.0.1:8000", "localhost", socket.gethostname(), "kb.example.org"):
        assert web.get("/", headers={"host": host}).status_code == 200, host
    refused = web.get("/", headers={"host": "rebound.example"})
    assert refused.status_code == 400
