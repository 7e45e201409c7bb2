"""`/reconcile`: the W3C Reconciliation Service API, version 0.2 (OpenRefine 3.x).

The protocol only: the manifest, reading batched queries and extension requests
(from the query string or a posted form), and writing the answers as JSON. The
matching, scoring and property values are `kartoteka.reconcile`'s.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, JSONResponse, Response

from kartoteka import __version__
from kartoteka.reconcile import (
    TYPES,
    Candidate,
    Query,
    extend,
    properties_of,
    reconcile,
    suggest_entities,
)
from kartoteka.reconcile.candidates import describe
from kartoteka.store import StoreError
from kartoteka.web.search import MAX_QUERY_CHARS, QueryRefused, check_query
from kartoteka.web.site import Site, WorkLimit

MAX_BODY = 256_000  # bytes of a posted form
MAX_BATCH = 50  # queries (or ids to extend) in one request
MAX_LIMIT = 25  # candidates per query
BIRTH = ("born", "birth_year")
ORGANIZATION = ("organizations", "organization", "org")


class BadRequest(ValueError):
    """A request this service cannot read; the message says what was wrong."""


def manifest(base: str) -> dict[str, Any]:
    """What the service offers, with the addresses OpenRefine calls."""
    return {
        "versions": ["0.2"],
        "name": "kartoteka card index",
        "identifierSpace": f"{base}/card/",
        "schemaSpace": f"{base}/reconcile/types/",
        "serviceVersion": __version__,
        "view": {"url": f"{base}/card/{{{{id}}}}"},
        "defaultTypes": [{"id": "person", "name": "Person"}],
        "preview": {
            "url": f"{base}/reconcile/preview?id={{{{id}}}}",
            "width": 400,
            "height": 160,
        },
        "suggest": {
            kind: {
                "service_url": f"{base}/reconcile",
                "service_path": f"/suggest/{kind}",
            }
            for kind in ("entity", "property", "type")
        },
        "extend": {
            "propose_properties": {
                "service_url": f"{base}/reconcile",
                "service_path": "/properties",
            },
            "property_settings": [],
        },
    }


def _values(value: Any) -> list[str]:
    """A property value (or list of them) as strings; an entity by its id."""
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("id") or item.get("name")
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            found.append(str(item).strip())
    return [v for v in found if v]


def parse_query(raw: Any) -> Query:
    """One query of a batch, checked; a bad one raises BadRequest."""
    if not isinstance(raw, dict):
        raise BadRequest("each query must be a JSON object")
    text = raw.get("query", "")
    if not isinstance(text, str):
        raise BadRequest("'query' must be a string")
    check_query(text)
    kinds = raw.get("type")
    kind = kinds[0] if isinstance(kinds, list) and kinds else kinds
    limit = raw.get("limit", 5)
    if not isinstance(limit, int | float) or isinstance(limit, bool):
        raise BadRequest("'limit' must be a number")
    born: list[str] = []
    orgs: list[str] = []
    for prop in raw.get("properties") or []:
        if not isinstance(prop, dict) or "pid" not in prop or "v" not in prop:
            raise BadRequest("each property must be an object with 'pid' and 'v'")
        if prop["pid"] in BIRTH:
            born += _values(prop["v"])
        elif prop["pid"] in ORGANIZATION:
            orgs += [v[:MAX_QUERY_CHARS] for v in _values(prop["v"])]
    return Query(
        text=text,
        type=kind if isinstance(kind, str) else None,
        limit=max(1, min(MAX_LIMIT, int(limit))),
        born=tuple(born),
        orgs=tuple(orgs[:MAX_BATCH]),
    )


def _json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise BadRequest(f"'{what}' is not valid JSON ({error})") from None


def parse_batch(text: str) -> dict[str, Query]:
    """The `queries` parameter: an object of named queries."""
    raw = _json(text, "queries")
    if not isinstance(raw, dict):
        raise BadRequest("'queries' must be a JSON object of named queries")
    if len(raw) > MAX_BATCH:
        raise BadRequest(f"at most {MAX_BATCH} queries in one batch, got {len(raw)}")
    return {str(key): parse_query(value) for key, value in raw.items()}


def candidate_json(candidate: Candidate) -> dict[str, Any]:
    """A candidate as the protocol writes it."""
    return {
        "id": candidate.id,
        "name": candidate.name,
        "description": candidate.description,
        "score": candidate.score,
        "match": candidate.match,
        "type": [{"id": candidate.type, "name": TYPES[candidate.type]}],
        "features": [{"id": key, "value": value} for key, value in candidate.features],
    }


def parse_extend(text: str) -> tuple[list[str], list[str]]:
    """The `extend` parameter: card ids and property ids."""
    raw = _json(text, "extend")
    if not isinstance(raw, dict):
        raise BadRequest("'extend' must be a JSON object with 'ids' and 'properties'")
    ids, props = raw.get("ids"), raw.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise BadRequest("'ids' must be a list of card ids")
    if not isinstance(props, list) or not all(
        isinstance(p, dict) and isinstance(p.get("id"), str) for p in props
    ):
        raise BadRequest("'properties' must be a list of objects with an 'id'")
    if len(ids) > MAX_BATCH or len(props) > MAX_BATCH:
        raise BadRequest(f"at most {MAX_BATCH} ids and properties in one request")
    return ids, [p["id"] for p in props]


def extension_json(site: Site, ids: list[str], wanted: list[str]) -> dict[str, Any]:
    """The data extension answer: each property's name, and each card's values."""
    names = {p.id: p.name for p in properties_of(None)}
    with site.db() as db:
        rows = extend(db, ids, wanted)
    meta: list[dict[str, Any]] = []
    for pid in wanted:
        meta.append({"id": pid, "name": names.get(pid, pid)})
        if pid == "organizations":
            meta[-1]["type"] = {"id": "org", "name": TYPES["org"]}
    return {"meta": meta, "rows": rows}


def answer(site: Site, fields: dict[str, str], base: str) -> Any:
    """The JSON for one call of `/reconcile`: manifest, results, or extension."""
    if "queries" in fields:
        batch = parse_batch(fields["queries"])
        with site.db() as db:
            return {
                key: {"result": [candidate_json(c) for c in reconcile(db, query)]}
                for key, query in batch.items()
            }
    if "extend" in fields:
        return extension_json(site, *parse_extend(fields["extend"]))
    return manifest(base)


async def _fields(request: Request) -> dict[str, str]:
    """The query string's parameters, and a posted url-encoded form's."""
    fields = dict(request.query_params)
    if request.method == "POST":
        body = await request.body()
        if len(body) > MAX_BODY:
            raise BadRequest(f"the request is over {MAX_BODY:,} bytes")
        form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        fields.update({key: values[0] for key, values in form.items()})
    return fields


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"status": status, "message": message}, status_code=status)


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


async def run(work: Any, *args: Any) -> Response:
    """The JSON of work done in a worker thread, or the error that stopped it."""
    try:
        return JSONResponse(await run_in_threadpool(work, *args))
    except (BadRequest, QueryRefused) as problem:
        return error(400, str(problem))
    except (WorkLimit, StoreError) as problem:
        return error(503, str(problem))


def add_reconcile(app: FastAPI, site: Site) -> None:
    """Register `/reconcile`, its preview, and its suggest and property services."""

    @app.api_route("/reconcile", methods=["GET", "POST"])
    async def service(request: Request) -> Response:
        try:
            fields = await _fields(request)
        except BadRequest as problem:
            return error(400, str(problem))
        return await run(answer, site, fields, base_url(request))

    @app.get("/reconcile/preview", response_class=HTMLResponse)
    def preview(id: str = "") -> Response:
        with site.db() as db:
            row = db.execute("SELECT * FROM entities WHERE id = ?", (id,)).fetchone()
            text = describe(db, id, row["type"]) if row else ""
        if row is None:
            return site.render("missing.html", status=404, what=f"card {id}")
        return site.render("preview.html", entity=row, description=text)

    _add_suggest(app, site)


def _add_suggest(app: FastAPI, site: Site) -> None:
    """Register the suggest services and the property proposals."""

    @app.get("/reconcile/suggest/entity")
    async def suggest_entity(prefix: str = "", type: str = "") -> Response:
        def work() -> dict[str, Any]:
            check_query(prefix)
            with site.db() as db:
                found = suggest_entities(db, prefix, type or None, 10)
            return {"result": found}

        return await run(work)

    @app.get("/reconcile/suggest/property")
    def suggest_property(prefix: str = "") -> Response:
        wanted = prefix.strip().casefold()
        found = [
            {"id": p.id, "name": p.name, "description": p.description}
            for p in properties_of(None)
            if wanted in p.id or wanted in p.name.casefold()
        ]
        return JSONResponse({"result": found})

    @app.get("/reconcile/suggest/type")
    def suggest_type(prefix: str = "") -> Response:
        wanted = prefix.strip().casefold()
        found = [
            {"id": kind, "name": name}
            for kind, name in TYPES.items()
            if wanted in kind or wanted in name.casefold()
        ]
        return JSONResponse({"result": found})

    @app.get("/reconcile/properties")
    def propose(type: str = "person", limit: int = 20) -> Response:
        found = [
            {"id": p.id, "name": p.name, "description": p.description}
            for p in properties_of(type)
        ]
        return JSONResponse({"type": type, "properties": found[: max(0, limit)]})
