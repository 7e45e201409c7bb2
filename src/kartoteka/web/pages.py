"""The pages a researcher reads: search, persons, card, source, network, conflicts.

Each handler reads its parameters, calls one library function over the
knowledge base, and renders a template; nothing here knows SQL.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kartoteka.analysis.conflicts import conflicts
from kartoteka.curation import event_statuses, rejected_events
from kartoteka.query import dossier
from kartoteka.web import card as cards
from kartoteka.web import persons, reader
from kartoteka.web.network import Filter, network
from kartoteka.web.overview import overview
from kartoteka.web.search import QueryRefused, search
from kartoteka.web.security import COOKIE
from kartoteka.web.site import Site
from kartoteka.web.statements import page_of


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

    @app.get("/card/{entity}", response_class=HTMLResponse)
    def card(request: Request, entity: str, done: str = "") -> Response:
        with site.db() as db:
            found = cards.card(db, entity, site.decisions())
        if found is None:
            return missing(request, f"card {entity}")
        return site.render(
            "card.html",
            editing=editing(request),
            card=found,
            done=done,
            curation_file=site.settings.curation_file.name,
        )

    @app.get("/card/{entity}/statements", response_class=HTMLResponse)
    def statements(
        request: Request, entity: str, type: str = "", page: str = "1"
    ) -> Response:
        with site.db() as db:
            found = dossier(db, entity)
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
                lambda: conflicts(db, rejected=rejected), key=rejected
            )
        return site.render("conflicts.html", editing=editing(request), conflicts=found)

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
        since: str = "",
        until: str = "",
        org: str = "",
        named: str = "",
        applied: str = "",
    ) -> Response:
        where = Filter(_int(since), _int(until), org, bool(named) or not applied)
        with site.db() as db:
            found = site.networks.get(lambda: network(db, where), key=where)
            choices = site.choices.get(lambda: persons.choices(db))
        return site.render(
            "network.html",
            editing=editing(request),
            graph=found,
            data=found.as_json(),
            where=where,
            choices=choices,
        )
