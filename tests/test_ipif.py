"""`/ipif` through the in-process client, over the sample corpus.

The objects carry the fields IPIF's OpenAPI description requires; every
statement's link opens the span in its source whose words it quotes; each
filter keeps only what it names.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_support import client, copy_kb

from kartoteka.build import Summary
from kartoteka.curation import Decision, append, default_path

REQUIRED = {
    "factoids": {"@id", "person-ref", "source-ref", "statement-refs", "createdBy",
                 "createdWhen"},
    "statements": {"@id", "factoid-refs"},
    "persons": {"@id", "factoid-refs"},
    "sources": {"@id", "factoid-refs"},
}  # fmt: skip
SPAN = re.compile(r"/doc/([0-9a-f]+)#(\d+)-(\d+)$")


@pytest.fixture(scope="module")
def web(corpus_db: tuple[Path, Summary]) -> TestClient:
    return client(corpus_db[0])


@pytest.fixture(scope="module")
def kb(corpus_db: tuple[Path, Summary]) -> sqlite3.Connection:
    db = sqlite3.connect(corpus_db[0])
    db.row_factory = sqlite3.Row
    return db


def listing(web: TestClient, resource: str, **params: Any) -> Any:
    response = web.get(f"/ipif/{resource}", params=params)
    assert response.status_code == 200, response.text
    found = response.json()
    assert set(found["protocol"]) == {"size", "page", "totalHits"}
    for item in found[resource]:
        assert REQUIRED[resource] <= item.keys()
    return found


def yezhov(kb: sqlite3.Connection) -> str:
    row = kb.execute(
        "SELECT id FROM entities WHERE type = 'person' AND name LIKE '%Yezhov'"
    ).fetchone()
    return str(row["id"])


def test_describe_says_read_only_with_every_filter(web: TestClient) -> None:
    described = web.get("/ipif/describe").json()
    assert described["complianceLevel"] == 1
    for method, path in (("post", "/ipif/persons"), ("put", "/ipif/factoids/x"),
                         ("delete", "/ipif/sources/x")):  # fmt: skip
        response = web.request(method, path)
        assert response.status_code == 501 and response.json()["status"] == 501


def test_every_statement_quotes_its_span(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    found = listing(web, "statements", personId=yezhov(kb), size=100)
    assert found["protocol"]["totalHits"] == len(found["statements"]) > 5
    kinds = set()
    for item in found["statements"]:
        span = SPAN.search(item["uris"][0])
        assert span is not None
        document, start, end = span.groups()
        text = kb.execute("SELECT text FROM documents WHERE id = ?", (document,))
        assert text.fetchone()[0][int(start) : int(end)] == item["statementText"]
        kinds.add(item["statementType"]["label"])
        assert item["factoid-refs"][0]["person-ref"] == {"@id": yezhov(kb)}
    assert "name" in kinds and len(kinds) > 2


def test_a_factoid_joins_person_source_and_statement(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    factoids = listing(web, "factoids", personId=yezhov(kb), size=5)["factoids"]
    for factoid in factoids:
        one = web.get(f"/ipif/factoids/{factoid['@id']}").json()
        assert one == factoid
        statement = web.get(f"/ipif/statements/{factoid['statement-refs'][0]['@id']}")
        assert statement.json()["factoid-refs"][0]["@id"] == factoid["@id"]
        source = web.get(f"/ipif/sources/{factoid['source-ref']['@id']}").json()
        assert factoid["@id"] in {r["@id"] for r in source["factoid-refs"]}
    person = web.get(f"/ipif/persons/{yezhov(kb)}").json()
    assert "Yezhov" in person["label"] and person["uris"][0].endswith(yezhov(kb))
    assert web.get("/ipif/persons/no-such-person").status_code == 404


def test_dates_filter_by_overlap(web: TestClient, kb: sqlite3.Connection) -> None:
    found = listing(web, "statements", **{"from": "1937", "to": "1938"}, size=200)
    assert found["statements"]
    for item in found["statements"]:
        latest = kb.execute(
            "SELECT date_latest FROM events WHERE id = ?", (item["@id"],)
        ).fetchone()[0]
        assert item["date"]["sortdate"] <= "1938-12-31" and latest >= "1937-01-01"
    one_year = listing(web, "statements", **{"from": "1938"}, size=1)
    assert 0 < one_year["protocol"]["totalHits"] < found["protocol"]["totalHits"]
    since = listing(web, "statements", **{"from": "1938-01-01"}, size=1)
    assert since["protocol"]["totalHits"] > one_year["protocol"]["totalHits"]


def test_content_filters_keep_only_what_they_name(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    nkvd = listing(web, "statements", memberOf="NKVD", size=100)["statements"]
    assert nkvd and all("NKVD" in s["memberOf"]["label"] for s in nkvd)
    placed = listing(web, "statements", place="*", size=100)["statements"]
    assert placed and all(s["places"] for s in placed)
    roles = listing(web, "statements", role="Commissar", size=100)["statements"]
    assert roles and all("Commissar" in s["role"]["label"] for s in roles)
    text = listing(web, "statements", statementText="border", size=100)["statements"]
    assert text and all("border" in s["statementText"] for s in text)
    named = listing(web, "persons", name="Ежов")["persons"]
    assert [p["@id"] for p in named] == [yezhov(kb)]


def test_search_filters_look_in_persons_factoids_and_statements(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    anywhere = listing(web, "statements", st="Commissar", size=200)["statements"]
    assert anywhere and all("Commissar" in json.dumps(s) for s in anywhere)
    by_person = listing(web, "factoids", p="Yezhov", size=200)["factoids"]
    assert {f["person-ref"]["@id"] for f in by_person} == {yezhov(kb)}
    machine = listing(web, "factoids", f="machine", size=1)["protocol"]["totalHits"]
    assert machine == listing(web, "factoids", size=1)["protocol"]["totalHits"]
    assert listing(web, "factoids", f="nobody-made-this")["factoids"] == []
    tied = listing(web, "statements", relatesToPerson="*", size=200)["statements"]
    assert tied and all(s["relatesToPersons"][0]["label"] for s in tied)
    agent = tied[0]["relatesToPersons"][0]["label"]
    named = listing(web, "statements", relatesToPerson=agent, size=200)["statements"]
    assert named and all(s["relatesToPersons"][0]["label"] == agent for s in named)


def test_persons_and_sources_are_those_of_matching_statements(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    file = kb.execute("SELECT id, file FROM documents ORDER BY file").fetchone()
    sources = listing(web, "sources", s=file["file"][:12])["sources"]
    assert [s["@id"] for s in sources] == [file["id"]]
    persons = listing(web, "persons", sourceId=file["id"], size=500)
    mentioned = kb.execute(
        """SELECT COUNT(DISTINCT m.entity) FROM mentions m JOIN entities e
           ON e.id = m.entity WHERE e.type = 'person' AND m.document = ?""",
        (file["id"],),
    ).fetchone()[0]
    assert persons["protocol"]["totalHits"] == mentioned


def test_paging_and_sorting(web: TestClient) -> None:
    first = listing(web, "factoids", size=10, page=1)
    second = listing(web, "factoids", size=10, page=2)
    ids = {f["@id"] for f in first["factoids"]}
    assert ids.isdisjoint(f["@id"] for f in second["factoids"])
    dated = listing(web, "statements", role="*", sortBy="date DESC", size=50)
    days = [s["date"]["sortdate"] for s in dated["statements"] if "date" in s]
    assert days == sorted(days, reverse=True)


def test_bad_parameters_get_ipif_errors(web: TestClient) -> None:
    for params, said in (
        ({"from": "someday"}, "'from'"),
        ({"sortBy": "colour"}, "cannot sort"),
        ({"size": "100000"}, "'size'"),
        ({"page": "-1"}, "'page'"),
        ({"st": "x" * 300}, "'st'"),
    ):
        response = web.get("/ipif/factoids", params=params)
        body = response.json()
        assert response.status_code == 400 and body["status"] == 400
        assert said in body["detail"]


def test_a_rejected_statement_is_no_factoid(
    corpus_db: tuple[Path, Summary], tmp_path: Path
) -> None:
    db = copy_kb(corpus_db[0], tmp_path)
    web = client(db)
    event = listing(web, "factoids", role="*", size=1)["factoids"][0]["@id"]
    append(default_path(db), Decision("reject-event", event=event))
    assert web.get(f"/ipif/factoids/{event}").status_code == 404
    kept = listing(web, "factoids", size=500)["factoids"]
    assert event not in {f["@id"] for f in kept}
