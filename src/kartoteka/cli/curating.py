"""A historian's decisions: `merge`, `split`, `confirm-event`, `reject-event`,
and `review`, the queue of what most needs a look."""

from __future__ import annotations

from pathlib import Path

import click

from kartoteka.cli.app import (
    DB_OPTION,
    card_named,
    fail,
    main,
    open_db,
    printable,
    saved_decisions,
)
from kartoteka.curation import Decision


def _decide(db_path: Path, decision: Decision) -> None:
    """Record a decision in the curation file and apply it to the knowledge base."""
    from kartoteka.curate import CurationRefused, record
    from kartoteka.curation import default_path

    try:
        shown = record(db_path, default_path(db_path), decision)
    except CurationRefused as error:
        fail(str(error))
    after = f"; the card is now {shown}" if shown else ""
    click.echo(f"Recorded in {default_path(db_path)}{after}.")


@main.command()
@click.argument("first")
@click.argument("second")
@DB_OPTION
@click.option("--author", default="user", show_default=True, help="Who decides.")
def merge(first: str, second: str, db_path: Path, author: str) -> None:
    """Record that the cards best matching FIRST and SECOND are one person."""
    from kartoteka.curate import card_ref
    from kartoteka.curation import Decision

    with open_db(db_path) as db:
        a = card_named(db, first, db_path)
        b = card_named(db, second, db_path, avoid=a)
        refs = card_ref(db, a), card_ref(db, b)
    _decide(db_path, Decision("merge", a=refs[0], b=refs[1], author=author))


@main.command()
@click.argument("name")
@click.option("--from", "card", required=True, help="The card to take NAME off.")
@click.option("--file", "file", default=None, help="Only the mentions in this file.")
@DB_OPTION
@click.option("--author", default="user", show_default=True, help="Who decides.")
def split(name: str, card: str, file: str | None, db_path: Path, author: str) -> None:
    """Record that the mentions called NAME are not the person CARD."""
    from kartoteka.curate import card_ref
    from kartoteka.curation import Decision, Ref

    with open_db(db_path) as db:
        entity = card_named(db, card, db_path)
        rows = db.execute(
            """SELECT DISTINCT d.file FROM mentions m JOIN documents d
               ON d.id = m.document WHERE m.entity = ? AND m.name = ?""",
            (entity, name),
        ).fetchall()
        files = [r["file"] for r in rows if file in (None, r["file"])]
        if not files:
            fail(f"the card of {card!r} has no mention called {name!r}")
        keep = card_ref(db, entity, avoid=Ref(files[0], name))
    _decide(db_path, Decision("split", a=Ref(files[0], name), b=keep, author=author))


def _judge_event(action: str, event: str, db_path: Path, author: str) -> None:
    from kartoteka.curation import Decision

    with open_db(db_path):
        pass
    _decide(db_path, Decision(action, event=event, author=author))


@main.command(name="confirm-event")
@click.argument("event")
@DB_OPTION
@click.option("--author", default="user", show_default=True, help="Who decides.")
def confirm_event(event: str, db_path: Path, author: str) -> None:
    """Record that the statement with id EVENT is right."""
    _judge_event("confirm-event", event, db_path, author)


@main.command(name="reject-event")
@click.argument("event")
@DB_OPTION
@click.option("--author", default="user", show_default=True, help="Who decides.")
def reject_event(event: str, db_path: Path, author: str) -> None:
    """Record that the statement with id EVENT is wrong; no listing shows it."""
    _judge_event("reject-event", event, db_path, author)


@main.command()
@DB_OPTION
@click.option(
    "--list", "as_list", is_flag=True, help="Print the ranked pairs; ask nothing."
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="How many pairs to list or ask about.",
)
@click.option("--author", default="user", show_default=True, help="Who decides.")
def review(db_path: Path, as_list: bool, limit: int, author: str) -> None:
    """Decide the pairs the machine was unsure about: one person or two?"""
    from kartoteka import desk

    with open_db(db_path):
        pass
    if as_list:
        found = desk.queue(db_path, saved_decisions(db_path))
        for rank, proposal in enumerate(found[:limit], 1):
            click.echo(printable(desk.line(rank, proposal)))
        click.echo(f"{min(limit, len(found))} of {len(found)} proposal(s).")
        return
    answered, skipped = desk.ask(
        db_path, author, limit, lambda: saved_decisions(db_path)
    )
    click.echo(f"{answered} answered, {skipped} skipped.")
