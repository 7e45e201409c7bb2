"""The forms that change the card index: merge, split, confirm or reject, note.

Each one is refused unless editing is on, the browser holds the edit cookie, the
form carries the anti-forgery key and the request comes from this server's
pages. An accepted decision is applied and appended to the curation file, then
the browser is sent back to the card (post, redirect, get).
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlencode

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from kartoteka.curate import CurationRefused, card_ref, person, record
from kartoteka.curation import Decision, Ref
from kartoteka.web.search import QueryRefused, card_hits, check_query
from kartoteka.web.security import COOKIE, form_key, same, same_origin
from kartoteka.web.site import Site

MAX_FORM = 64_000


async def _form(request: Request) -> dict[str, str]:
    """The fields of a url-encoded form, one value each."""
    body = await request.body()
    if len(body) > MAX_FORM:
        return {}
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {key: values[0] for key, values in fields.items()}


class Choose(Exception):
    """The merge form named a card by a name, not an id: let the user choose."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class Refused(Exception):
    """A request to edit that is not allowed; the message is shown to the user."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


def check(site: Site, request: Request, form: dict[str, str]) -> None:
    """Refuse an edit unless editing is on and the request is this user's own."""
    settings = site.settings
    if not settings.edit or not settings.token:
        raise Refused("Editing is off: start the server with 'kartoteka serve --edit'.")
    if not same(request.cookies.get(COOKIE), settings.token):
        raise Refused("Editing needs the token printed when the server started.")
    if not same(form.get("csrf"), form_key(settings.token)):
        raise Refused("This form is out of date or was not made by kartoteka.")
    headers = request.headers
    if not same_origin(
        headers.get("origin"), headers.get("referer"), headers.get("host")
    ):
        raise Refused("A page of another site tried to change the card index.")


def add_edits(app: FastAPI, site: Site) -> None:
    """Register the login and the editing forms on the app."""
    settings = site.settings

    def refuse(message: str, status: int = 403) -> Response:
        return site.render("refused.html", status=status, message=message)

    async def decide(request: Request, kind: str, card: str, done: str) -> Response:
        form = await _form(request)
        try:
            check(site, request, form)
            decision = await run_in_threadpool(_decision, site, kind, form, card)
            shown = await run_in_threadpool(_record, site, decision)
        except Refused as error:
            return refuse(str(error), error.status)
        except CurationRefused as error:
            return refuse(str(error), 409)
        except Choose as choice:
            query = urlencode({"q": choice.name})
            return RedirectResponse(f"/card/{quote(card)}/merge?{query}", 303)
        target = quote(shown or card)
        return RedirectResponse(f"/card/{target}?done={done}#decisions", 303)

    @app.get("/login")
    def login(request: Request, token: str = "") -> Response:
        if not settings.edit or not settings.token:
            return refuse("Editing is off: start the server with --edit.")
        if not token and site.editing(request.cookies.get(COOKIE)):
            return RedirectResponse("/", status_code=303)
        if not same(token, settings.token):
            return site.render("login.html", status=401 if token else 200)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(
            COOKIE, settings.token, httponly=True, samesite="strict", path="/"
        )
        return response

    @app.get("/card/{entity}/merge")
    def choose(request: Request, entity: str, q: str = "") -> Response:
        if not site.editing(request.cookies.get(COOKIE)):
            return refuse("Merging needs editing: log in with the token first.")
        try:
            check_query(q)
        except QueryRefused as error:
            return refuse(str(error), 400)
        with site.db() as db:
            this = person(db, entity)
            hits = card_hits(db, q, "person", 15) if q.strip() else []
        if this is None:
            return refuse(f"There is no card {entity}.", 404)
        return site.render(
            "merge.html",
            editing=True,
            card=this,
            hits=[h for h in hits if h.id != entity],
            wanted=q,
        )

    @app.post("/card/{entity}/merge")
    async def merge(request: Request, entity: str) -> Response:
        return await decide(request, "merge", entity, "merged")

    @app.post("/card/{entity}/split")
    async def split(request: Request, entity: str) -> Response:
        return await decide(request, "split", entity, "split")

    @app.post("/card/{entity}/event")
    async def event(request: Request, entity: str) -> Response:
        return await decide(request, "event", entity, "event")

    @app.post("/card/{entity}/note")
    async def note(request: Request, entity: str) -> Response:
        return await decide(request, "note", entity, "note")


def _record(site: Site, decision: Decision) -> str | None:
    """Apply and keep one decision; one at a time, as they share two files."""
    with site.edit_lock:
        return record(site.settings.db_path, site.settings.curation_file, decision)


def _decision(site: Site, kind: str, form: dict[str, str], card: str) -> Decision:
    """Turn a submitted form into a decision that names mentions by file and name."""
    author = site.settings.author
    with site.db() as db:
        if kind == "merge":
            other = form.get("other", "").strip()
            if not other or other == card:
                raise Refused("Choose another card to merge with.", 400)
            if person(db, other) is None:
                raise Choose(other)
            a = card_ref(db, card)
            return Decision("merge", a=a, b=card_ref(db, other), author=author)
        if kind == "split":
            taken = Ref(form.get("file", ""), form.get("name", ""))
            stays = card_ref(db, card, avoid=taken)
            return Decision("split", a=taken, b=stays, author=author)
        if kind == "event":
            action = form.get("action", "")
            if action not in ("confirm-event", "reject-event") or not form.get("event"):
                raise Refused("Confirm or reject which event?", 400)
            return Decision(action, event=form["event"], author=author)
        text = form.get("text", "").strip()
        if not text:
            raise Refused("A note needs some text.", 400)
        return Decision(
            "note",
            a=card_ref(db, card),
            text=text,
            source=form.get("source", "").strip() or None,
            author=author,
        )
