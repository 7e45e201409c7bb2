"""`/ipif`: the knowledge base, read-only, as IPIF (the prosopography API).

The routes of IPIF's OpenAPI description (compliance level 1: every filter,
no writing). Each reads its parameters and calls `kartoteka.ipif`; a filter it
cannot apply is a 400 with IPIF's error object, writing is a 501.
"""

from __future__ import annotations

import datetime
from typing import Any

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from kartoteka import __version__
from kartoteka.curation import rejected_events
from kartoteka.ipif import FilterRefused, Filters, Meta, get_one, listing
from kartoteka.ipif.objects import RESOURCES
from kartoteka.store import StoreError
from kartoteka.web.site import Site, WorkLimit, file_stamp

PROFILE = '<https://raw.githubusercontent.com/GVogeler/prosopogrAPhI/master/level1.json>;rel="profile"'
MAX_FILTER_CHARS = 200
FILTERS = [name for name in Filters.__dataclass_fields__ if name != "from_"]


def problem(status: int, title: str, detail: str = "") -> JSONResponse:
    """IPIF's Error object."""
    body: dict[str, Any] = {"status": status, "title": title}
    if detail:
        body["detail"] = detail
    return JSONResponse(body, status_code=status)


def filters_of(request: Request) -> Filters:
    """The filter parameters of a request, each bounded in length."""
    params = request.query_params
    given = {name: params.get(name) or None for name in FILTERS}
    given["from_"] = params.get("from") or None
    for name, value in given.items():
        if value and len(value) > MAX_FILTER_CHARS:
            raise FilterRefused(
                f"'{name}' is longer than {MAX_FILTER_CHARS} characters"
            )
    return Filters(**given)


def _number(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name, "")
    if not value:
        return default
    if not value.isdigit():
        raise FilterRefused(f"'{name}' must be a whole number, got {value!r}")
    return int(value)


def meta_of(site: Site, request: Request) -> Meta:
    """Who made the statements and when, where the service lives, what is rejected."""
    built = file_stamp(site.settings.db_path)[1] / 1e9
    day = datetime.datetime.fromtimestamp(built, datetime.UTC).date()
    return Meta(
        base=str(request.base_url).rstrip("/"),
        created_by=f"kartoteka {__version__} (machine extraction)",
        created_when=day.isoformat(),
        rejected=rejected_events(site.decisions()),
    )


async def answer(work: Any) -> Response:
    """The JSON of work done in a worker thread, or IPIF's error object."""
    try:
        found = await run_in_threadpool(work)
    except FilterRefused as error:
        return problem(400, "Bad request", str(error))
    except (WorkLimit, StoreError) as error:
        return problem(503, "Unavailable", str(error))
    if found is None:
        return problem(404, "Not found")
    return JSONResponse(found, headers={"Link": PROFILE})


def add_resource(app: FastAPI, site: Site, resource: str) -> None:
    """Register the list, the single object, and the refused writes of a resource."""

    @app.get(f"/ipif/{resource}", name=f"ipif-{resource}")
    async def many(request: Request) -> Response:
        def work() -> dict[str, Any]:
            filters = filters_of(request)
            size = _number(request, "size", 30)
            page = _number(request, "page", 1)
            sort_by = request.query_params.get("sortBy")
            meta = meta_of(site, request)
            with site.db() as db:
                return listing(db, resource, filters, meta, size, page, sort_by)

        return await answer(work)

    @app.get(f"/ipif/{resource}/{{id}}", name=f"ipif-{resource}-one")
    async def one(request: Request, id: str) -> Response:
        def work() -> dict[str, Any] | None:
            with site.db() as db:
                return get_one(db, resource, id, meta_of(site, request))

        return await answer(work)

    @app.api_route(f"/ipif/{resource}", methods=["POST"])
    @app.api_route(f"/ipif/{resource}/{{id}}", methods=["PUT", "DELETE"])
    def read_only() -> Response:
        return problem(501, "Not implemented", "this service is read-only")


def add_ipif(app: FastAPI, site: Site) -> None:
    """Register IPIF's read-only routes under `/ipif`."""
    for resource in RESOURCES:
        add_resource(app, site, resource)

    @app.get("/ipif/describe")
    def describe() -> Response:
        return JSONResponse(
            {
                "description": "Persons, sources and the statements the sources make "
                "about them, extracted by kartoteka with their spans",
                "provider": f"kartoteka {__version__}",
                "complianceLevel": 1,
                "formats": ["application/json"],
                "vocabs": [],
            },
            headers={"Link": PROFILE},
        )
