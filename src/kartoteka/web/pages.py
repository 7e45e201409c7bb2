"""The pages a researcher reads: search, persons, card, source, network, conflicts.

Each handler reads its parameters, calls one library function over the
knowledge base, and renders a template; nothing here knows SQL.
"""

from __future__ import annotations

import io
from collections.abc import Hashable
from typing import Annotated

from fastapi import FastAPI, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)

from kartoteka.analysis.cohorts import Cohort, Selection, cohort
from kartoteka.analysis.conflicts import stored_conflicts
from kartoteka.analysis.networks import Network, TieFilter
from kartoteka.analysis.networks import network as build_network
from kartoteka.cards import card as cards
from kartoteka.cards.statements import page_of
from kartoteka.curation import event_statuses, rejected_events
from kartoteka.export import cohorts as cohort_cells
from kartoteka.export.cohorts import cohort_dict, write_csv
from kartoteka.extract.events.lexicon import event_types
from kartoteka.query import dossier
from kartoteka.web import network, persons, reader
from kartoteka.web.overview import overview
from kartoteka.web.search import QueryRefused, search
from kartoteka.web.security import COOKIE
from kartoteka.web.site import Site


def _body_if_found(response: Response) -> bytes | None:
    """The body of a page that was found (a missing card's page is not kept)."""
    return bytes(response.body) if response.status_code == 200 else None


def words(value: str) -> tuple[str, ...]:
    """A comma-separated field as its words: "nkvd, razvedupr"."""
    return tuple(w.strip() for w in value.split(",") if w.strip())


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().lstrip("-").isdigit() else None


def add_pages(app: FastAPI, site: Site) -> None:
    """Register the reading pages on the app."""

    def editing(request: Request) -> bool:
        return site.editing(request.cookies.get(COOKIE))

    def missing(request: Request, what: str) -> Response:
        """The 404 page, naming what was asked for."""
        return site.render(
            "missing.html", status=404, editing=editing(request), what=what
        )

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> Response:
        with site.db() as db:
            summary = site.overview.get(lambda: overview(db))
        return site.render("home.html", editing=editing(request), summary=summary)

    @app.get("/search", response_class=HTMLResponse)
    def find(request: Request, q: str = "") -> Response:
        if not q.strip():
            return RedirectResponse("/", status_code=303)
        try:
            with site.db() as db:
                results = search(db, q)
        except QueryRefused as error:
            return site.render("refused.html", status=400, message=str(error), q=q)
        return site.render(
            "search.html", editing=editing(request), results=results, q=q
        )

    @app.get("/persons", response_class=HTMLResponse)
    def index(
        request: Request,
        org: str = "",
        role: str = "",
        event: str = "",
        decade: str = "",
        name: str = "",
        sort: str = "name",
        desc: str = "",
        page: str = "1",
    ) -> Response:
        filters = persons.Filters(org, role, event, decade, name)
        with site.db() as db:
            rows = site.index.get(lambda: persons.all_persons(db))
            choices = site.choices.get(lambda: persons.choices(db))
            ids = persons.matching_ids(db, filters)
        shown = persons.page(
            rows,
            ids,
            filters,
            sort,
            bool(desc),
            _int(page) or 1,
            site.settings.page_size,
        )
        return site.render(
            "persons.html",
            editing=editing(request),
            page=shown,
            choices=choices,
        )

    def card_page(request: Request, entity: str, done: str) -> Response:
        with site.db() as db:
            found = site.card(db, entity)
        if found is None:
            return missing(request, f"card {entity}")
        return site.render(
            "card.html",
            editing=editing(request),
            card=found,
            done=done,
            curation_file=site.settings.curation_file.name,
        )

    def kept_card_page(request: Request, entity: str, key: Hashable) -> Response:
        """The card's page made once and kept until the knowledge base or the
        curation file changes."""
        body: bytes | None = site.card_pages.get(
            lambda: _body_if_found(card_page(request, entity, "")), key=key
        )
        return card_page(request, entity, "") if body is None else HTMLResponse(body)

    @app.get("/card/{entity}", response_class=HTMLResponse)
    async def card(request: Request, entity: str, done: str = "") -> Response:
        """A card's page: a kept page is sent from the event loop, since a
        worker thread's round trip costs more than sending it, under load
        most of all; a page still to be made is made in a worker thread."""
        if done:
            return await run_in_threadpool(card_page, request, entity, done)
        key = site.card_page_key(entity, editing(request))
        body: bytes | None = site.card_pages.peek(key)
        if body is not None:
            return HTMLResponse(body)
        return await run_in_threadpool(kept_card_page, request, entity, key)

    @app.get("/card/{entity}/statements", response_class=HTMLResponse)
    def statements(
        request: Request, entity: str, type: str = "", page: str = "1"
    ) -> Response:
        with site.db() as db:
            found = dossier(db, entity, kind=type)
            evidence = cards.evidence(db, entity) if found else {}
        if found is None:
            return missing(request, f"card {entity}")
        shown, pages = page_of(found.facts, type, _int(page) or 1)
        return site.render(
            "statements.html",
            editing=editing(request),
            d=found,
            kind=type,
            shown=shown,
            number=min(max(1, _int(page) or 1), pages),
            pages=pages,
            evidence=evidence,
            statuses=event_statuses(site.decisions()),
        )

    @app.get("/conflicts", response_class=HTMLResponse)
    def disagreements(request: Request) -> Response:
        rejected = rejected_events(site.decisions())
        with site.db() as db:
            found = site.conflicts.get(
                lambda: stored_conflicts(db, rejected=rejected), key=rejected
            )
        return site.render("conflicts.html", editing=editing(request), conflicts=found)

    def selected(
        event: str, start: str, end: str, org: str, role: str
    ) -> tuple[Selection, Cohort | None, str]:
        """The cohort a form asks for, or the reason there is none."""
        selection = Selection(
            words(event), start or None, end or None, words(org), words(role)
        )
        if not selection.events:
            return selection, None, ""
        rejected = rejected_events(site.decisions())
        try:
            with site.db() as db:
                return selection, cohort(db, selection, rejected), ""
        except ValueError as error:
            return selection, None, str(error)

    @app.get("/cohort", response_class=HTMLResponse)
    def cohort_page(
        request: Request,
        event: str = "",
        start: Annotated[str, Query(alias="from")] = "",
        end: Annotated[str, Query(alias="to")] = "",
        org: str = "",
        role: str = "",
    ) -> Response:
        selection, found, problem = selected(event, start, end, org, role)
        return site.render(
            "cohort.html",
            editing=editing(request),
            selection=selection,
            cohort=found,
            problem=problem,
            cited=found.cited() if found else {},
            cells=cohort_cells,
            event_types=event_types(),
            download=request.url.query,
        )

    @app.get("/cohort.{form}")
    def cohort_download(
        form: str,
        event: str = "",
        start: Annotated[str, Query(alias="from")] = "",
        end: Annotated[str, Query(alias="to")] = "",
        org: str = "",
        role: str = "",
    ) -> Response:
        """The cohort as a CSV file or as JSON, from the page's own selection."""
        if form not in ("csv", "json"):
            return PlainTextResponse(f"no cohort format {form!r}", status_code=404)
        _, found, problem = selected(event, start, end, org, role)
        if found is None:
            return PlainTextResponse(problem or "choose an event type", status_code=400)
        if form == "json":
            return JSONResponse(cohort_dict(found))
        out = io.StringIO()
        write_csv(found, out)
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="cohort.csv"'},
        )

    @app.get("/doc/{document}", response_class=HTMLResponse)
    def doc(request: Request, document: str) -> Response:
        with site.db() as db:
            found = reader.reading(db, document)
        if found is None:
            return missing(request, f"document {document}")
        return site.render("doc.html", editing=editing(request), doc=found)

    @app.get("/network", response_class=HTMLResponse)
    def graph(
        request: Request,
        person: str = "",
        depth: str = "1",
        since: str = "",
        until: str = "",
        org: str = "",
        type: Annotated[list[str] | None, Query()] = None,
        a: str = "",
        b: str = "",
    ) -> Response:
        query = network.Query(
            person,
            2 if depth == "2" else 1,
            _int(since),
            _int(until),
            org,
            tuple(type or ()),
            a,
            b,
        )
        with site.db() as db:

            def whole(where: TieFilter) -> Network:
                return site.networks.get(lambda: build_network(db, where), key=where)

            found = network.page(db, query, whole)
            choices = site.choices.get(lambda: persons.choices(db))
        return site.render(
            "network.html",
            editing=editing(request),
            page=found,
            data=found.ego.as_json(),
            choices=choices,
        )
