"""`/reconcile` through the in-process client, over the sample corpus.

Every answer is validated against the W3C Reconciliation API 0.2 JSON Schemas
in ../shared/bench/reconciliation/0.2/, as OpenRefine 3.x expects them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLD, SHARED
from fastapi.testclient import TestClient
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from web_support import client

from kartoteka.build import Summary
from kartoteka.evaluate.gold import load_gold
from kartoteka.evaluate.reconciliation import reconcile_score
from kartoteka.store import connect

SCHEMAS = SHARED / "bench" / "reconciliation" / "0.2"
# OpenAPI's description of Swagger 2.0, which the manifest's `authentication` cites.
SWAGGER = "http://swagger.io/v2/schema.json"


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema, default_specification=DRAFT7)
        uri = SWAGGER if path.name == "openapi.json" else schema["$id"]
        resources.append((uri, resource))
    return Registry().with_resources(resources)


def check(answer: Any, schema_file: str) -> None:
    """Fail with every schema error of an answer."""
    if not SCHEMAS.is_dir():
        pytest.skip(f"the reconciliation schemas are not at {SCHEMAS}")
    schema = json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, registry=_registry())
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(answer)]
    assert not errors, errors


@pytest.fixture(scope="module")
def web(corpus_db: tuple[Path, Summary]) -> TestClient:
    return client(corpus_db[0])


def batch(web: TestClient, queries: dict[str, Any], post: bool = True) -> Any:
    check(queries, "reconciliation-query-batch.json")
    data = {"queries": json.dumps(queries, ensure_ascii=False)}
    response = (
        web.post("/reconcile", data=data)
        if post
        else web.get("/reconcile", params=data)
    )
    assert response.status_code == 200, response.text
    found = response.json()
    check(found, "reconciliation-result-batch.json")
    assert found.keys() == queries.keys()
    return found


def test_the_manifest_declares_every_service(web: TestClient) -> None:
    manifest = web.get("/reconcile").json()
    check(manifest, "manifest.json")
    assert manifest["versions"] == ["0.2"]
    for service in ("entity", "property", "type"):
        found = manifest["suggest"][service]
        assert web.get(found["service_url"] + found["service_path"]).status_code == 200
    assert (
        "{{id}}" in manifest["preview"]["url"] and "{{id}}" in manifest["view"]["url"]
    )
    assert manifest["extend"]["propose_properties"]["service_path"] == "/properties"


def test_a_name_in_any_spelling_or_script_finds_one_certain_card(
    web: TestClient,
) -> None:
    found = batch(
        web,
        {
            "latin": {"query": "Nikolai Yezhov", "type": "person"},
            "cyrillic": {"query": "Николай Ежов", "type": "person"},
            "inflected": {"query": "Люшкова", "type": "person", "limit": 3},
            "scholarly": {"query": "Iagoda"},
        },
    )
    assert "Yezhov" in found["latin"]["result"][0]["name"]
    assert found["cyrillic"]["result"][0]["id"] == found["latin"]["result"][0]["id"]
    assert found["latin"]["result"][0]["match"] is True
    assert "Lyushkov" in found["inflected"]["result"][0]["name"]
    assert len(found["inflected"]["result"]) <= 3
    assert "Yagoda" in found["scholarly"]["result"][0]["name"]
    scores = [c["score"] for c in found["latin"]["result"]]
    assert scores == sorted(scores, reverse=True)


def test_get_and_post_give_the_same_answer(web: TestClient) -> None:
    queries = {"q0": {"query": "Slutsky", "type": "person"}}
    assert batch(web, queries, post=False) == batch(web, queries, post=True)


def test_birth_year_and_organization_confirm_or_contradict(web: TestClient) -> None:
    def first(*properties: dict[str, Any]) -> Any:
        query = {
            "query": "G. Liushkov",
            "type": "person",
            "properties": list(properties),
        }
        return batch(web, {"q": query})["q"]["result"][0]

    plain = first()
    born = first({"pid": "born", "v": 1900})
    wrong = first({"pid": "born", "v": "1850"})
    org = first({"pid": "organizations", "v": [{"id": "nkvd", "name": "NKVD"}]})
    assert born["id"] == plain["id"] and born["score"] > plain["score"]
    assert {"id": "birth_year", "value": 1.0} in born["features"]
    assert wrong["score"] < plain["score"] and wrong["match"] is False
    assert org["score"] > plain["score"] and org["id"] == plain["id"]


def test_a_shared_first_name_alone_is_never_certain(web: TestClient) -> None:
    found = batch(
        web,
        {
            "given": {"query": "Aleksandr Pavlovich Nobodyev", "type": "person"},
            "nothing": {"query": "Qwzx Plyth", "type": "person"},
        },
    )
    assert not any(c["match"] for c in found["given"]["result"])
    assert found["nothing"]["result"] == []


def test_organizations_are_reconciled_by_type(web: TestClient) -> None:
    found = batch(web, {"org": {"query": "NKVD", "type": "org"}})["org"]["result"]
    assert found[0]["name"] == "NKVD"
    assert all(c["type"] == [{"id": "org", "name": "Organization"}] for c in found)


def test_bad_requests_get_one_clear_line(web: TestClient) -> None:
    for data, said in (
        ({"queries": "{not json"}, "not valid JSON"),
        ({"queries": json.dumps(["a"])}, "JSON object"),
        ({"queries": json.dumps({"q": {"query": 5}})}, "'query'"),
        ({"queries": json.dumps({f"q{i}": {"query": "x"} for i in range(51)})}, "50"),
        ({"queries": json.dumps({"q": {"query": "Ezhov " * 50}})}, "characters"),
        ({"extend": json.dumps({"ids": "x"})}, "'ids'"),
    ):
        response = web.post("/reconcile", data=data)
        assert response.status_code == 400 and said in response.json()["message"]
    big = {"queries": "x" * 300_000}
    assert web.post("/reconcile", data=big).status_code == 400


def test_suggest_completes_names_properties_and_types(web: TestClient) -> None:
    typed = web.get("/reconcile/suggest/entity", params={"prefix": "Yezh"}).json()
    check(typed, "suggest-entities-response.json")
    assert any("Yezhov" in s["name"] for s in typed["result"])
    word = web.get("/reconcile/suggest/entity", params={"prefix": "Ежов"}).json()
    assert "Yezhov" in word["result"][0]["name"]
    orgs = web.get(
        "/reconcile/suggest/entity", params={"prefix": "NK", "type": "org"}
    ).json()
    assert orgs["result"] and all(
        s["notable"] == [{"id": "org", "name": "Organization"}] for s in orgs["result"]
    )
    props = web.get("/reconcile/suggest/property", params={"prefix": "bo"}).json()
    check(props, "suggest-properties-response.json")
    assert [p["id"] for p in props["result"]] == ["born"]
    types = web.get("/reconcile/suggest/type", params={"prefix": "org"}).json()
    check(types, "suggest-types-response.json")
    assert types["result"] == [{"id": "org", "name": "Organization"}]


def test_data_extension_gives_birth_death_posts_organizations(
    web: TestClient, corpus_db: tuple[Path, Summary]
) -> None:
    proposed = web.get("/reconcile/properties", params={"type": "person"}).json()
    check(proposed, "data-extension-property-proposal.json")
    wanted = [p["id"] for p in proposed["properties"]]
    assert {"born", "died", "posts", "organizations"} <= set(wanted)
    card = batch(web, {"q": {"query": "Lyushkov", "type": "person"}})["q"]["result"][0]
    request = {
        "ids": [card["id"], "no-such-card"],
        "properties": [{"id": p} for p in wanted],
    }
    check(request, "data-extension-query.json")
    found = web.post("/reconcile", data={"extend": json.dumps(request)}).json()
    check(found, "data-extension-response.json")
    row = found["rows"][card["id"]]
    assert {"str": "1900"} in row["born"] and row["died"] and row["posts"]
    db = sqlite3.connect(corpus_db[0])
    for org in row["organizations"]:
        kind = db.execute("SELECT type FROM entities WHERE id = ?", (org["id"],))
        assert kind.fetchone() == ("org",)
    assert all(values == [] for values in found["rows"]["no-such-card"].values())


def test_preview_shows_the_card_and_alone_may_be_framed(web: TestClient) -> None:
    card = batch(web, {"q": {"query": "Yagoda"}})["q"]["result"][0]
    preview = web.get("/reconcile/preview", params={"id": card["id"]})
    assert preview.status_code == 200 and card["name"] in preview.text
    assert "x-frame-options" not in preview.headers
    assert "frame-ancestors" not in preview.headers["content-security-policy"]
    assert web.get("/").headers["x-frame-options"] == "DENY"
    assert web.get("/reconcile/preview", params={"id": "nope"}).status_code == 404


def test_the_right_card_comes_first_for_gold_names(
    corpus_db: tuple[Path, Summary],
) -> None:
    """Every gold person's names, reconciled as persons (measured: 633/664 = 95.3%)."""
    db = connect(corpus_db[0])
    score = reconcile_score(db, load_gold(GOLD))
    print(f"right card first: {score.right}/{score.total} = {score.share:.1%}")
    assert score.total > 600
    assert score.share >= 0.95


def test_only_openrefine_and_named_pages_may_read_the_api(
    corpus_db: tuple[Path, Summary],
) -> None:
    web = client(
        corpus_db[0], api_origins=("http://127.0.0.1:3333", "http://mine.example")
    )
    allowed = "access-control-allow-origin"
    for origin in ("http://127.0.0.1:3333", "http://mine.example"):
        for path in ("/reconcile", "/ipif/describe", "/reconcile/suggest/entity"):
            response = web.get(path, headers={"Origin": origin})
            assert response.headers[allowed] == origin
    assert (
        allowed
        not in web.get("/reconcile", headers={"Origin": "http://evil.example"}).headers
    )
    assert (
        allowed not in web.get("/", headers={"Origin": "http://127.0.0.1:3333"}).headers
    )
