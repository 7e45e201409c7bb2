"""The review page: two cards side by side, the evidence, and same / not same.

The queue is the one `kartoteka review` asks from; an answer is applied to the
knowledge base at once and appended to the curation file, as every other edit.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kartoteka.curate import CurationRefused, record_answer
from kartoteka.query import Citation, Fact, dossier, quote
from kartoteka.resolve.review import Proposal, proposals
from kartoteka.web.edits import Refused, _form, check
from kartoteka.web.security import COOKIE
from kartoteka.web.site import Site, file_stamp

LISTED = 50  # proposals listed under the pair being decided
FACTS = 12  # statements shown per side


@dataclass(frozen=True)
class Use:
    """The first place a side's name is used, with the words around it."""

    document: str
    citation: Citation


@dataclass(frozen=True)
class SideView:
    """One side of the pair as the page shows it: names, a use, statements."""

    card: str
    name: str
    names: list[str]
    use: Use | None
    facts: list[Fact]
    more: int


def side_view(db: sqlite3.Connection, card: str, name: str, file: str) -> SideView:
    """A side's card: on a joined pair, only the statements of the side's file."""
    found = dossier(db, card)
    assert found is not None
    facts = [f for f in found.facts if f.citation.file == file] or found.facts
    return SideView(
        card,
        name,
        list(found.names),
        _first_use(db, name, file),
        facts[:FACTS],
        max(0, len(facts) - FACTS),
    )


def _first_use(db: sqlite3.Connection, name: str, file: str) -> Use | None:
    row = db.execute(
        """SELECT m.document, m.start, m.end, d.text FROM mentions m
           JOIN documents d ON d.id = m.document WHERE d.file = ? AND m.name = ?
           ORDER BY m.start LIMIT 1""",
        (file, name),
    ).fetchone()
    if row is None:
        return None
    text, start, end = row["text"], row["start"], row["end"]
    around = max(0, start - 120), min(len(text), end + 120)
    return Use(
        row["document"],
        Citation(
            file,
            start,
            end,
            text.count("\n", 0, start) + 1,
            quote(text, *around, width=280),
        ),
    )


def _find(queue: list[Proposal], form: dict[str, str]) -> Proposal:
    """The proposal the form answers, named by the files and names of its sides."""
    wanted = tuple(form.get(k, "") for k in ("a_file", "a_name", "b_file", "b_name"))
    for proposal in queue:
        a, b = proposal.a.ref, proposal.b.ref
        if (a.file, a.name, b.file, b.name) == wanted:
            return proposal
    raise Refused("This pair is no longer in the queue: it was decided already.", 409)


def add_review(app: FastAPI, site: Site) -> None:
    """Register the review page and its answer form on the app."""

    def queue(db: sqlite3.Connection) -> list[Proposal]:
        decisions = site.decisions()
        stamp = file_stamp(site.settings.curation_file)
        found: list[Proposal] = site.review.get(
            lambda: proposals(db, decisions), key=stamp
        )
        return found

    @app.get("/review", response_class=HTMLResponse)
    def review(request: Request, at: str = "0", done: str = "") -> Response:
        position = int(at) if at.isdigit() else 0
        with site.db() as db:
            found = queue(db)
            shown = found[position] if position < len(found) else None
            sides = []
            if shown is not None:
                sides = [
                    side_view(db, s.card, s.name, s.ref.file)
                    for s in (shown.a, shown.b)
                ]
        return site.render(
            "review.html",
            editing=site.editing(request.cookies.get(COOKIE)),
            queue=found[:LISTED],
            total=len(found),
            at=position,
            shown=shown,
            sides=sides,
            done=done,
            curation_file=site.settings.curation_file.name,
        )

    @app.post("/review")
    async def answer(request: Request) -> Response:
        form = await _form(request)
        try:
            check(site, request, form)
            if form.get("answer") not in ("same", "different"):
                raise Refused("Answer same or not the same.", 400)
            with site.db() as db:
                proposal = _find(queue(db), form)
            await run_in_threadpool(_record, site, proposal, form["answer"] == "same")
        except Refused as error:
            return site.render("refused.html", status=error.status, message=str(error))
        except CurationRefused as error:
            return site.render("refused.html", status=409, message=str(error))
        return RedirectResponse(f"/review?done={form['answer']}", 303)


def _record(site: Site, proposal: Proposal, same: bool) -> None:
    settings = site.settings
    with site.edit_lock:
        record_answer(
            settings.db_path, settings.curation_file, proposal, same, settings.author
        )
