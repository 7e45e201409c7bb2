"""What the knowledge base says of one person: `person`, `names`, `timeline`,
`conflicts`."""

from __future__ import annotations

from pathlib import Path

import click

from kartoteka.analysis.timelines import Entry
from kartoteka.cli.app import (
    DB_OPTION,
    best_person,
    fail,
    main,
    open_db,
    printable,
    rejected_ids,
    saved_decisions,
)
from kartoteka.curation import Decision
from kartoteka.query import Dossier


def _echo_names(card: Dossier) -> None:
    click.echo(click.style(card.name, bold=True) + f"  [{card.id}]")
    click.echo("Names in the sources:")
    for variant, files in card.names.items():
        click.echo(f"  {variant}  — {printable(', '.join(files))}")


def _labelled(*parts: tuple[str, str | None]) -> str:
    """ ", as chief, by Ezhov, in Moscow": the participants an event names, each
    after its label; those it does not name are left out."""
    return "".join(f", {label} {value}" for label, value in parts if value)


@main.command()
@click.argument("name")
@DB_OPTION
def person(name: str, db_path: Path) -> None:
    """Show the dossier of the person best matching NAME (any spelling or script)."""
    from kartoteka.analysis.timelines import timeline as person_timeline
    from kartoteka.query import dossier

    rejected = rejected_ids(db_path)
    with open_db(db_path) as db:
        matches = best_person(db, name, db_path)
        card = dossier(db, matches[0]["id"])
        entries = person_timeline(db, matches[0]["id"])
    assert card is not None
    _echo_names(card)
    facts = [e for e in entries if e.id not in rejected]
    click.echo(
        "Facts:" if facts else "Facts: the sources state no event about this person."
    )
    for entry in facts:
        _echo_entry(entry)
    if len(matches) > 1:
        others = "; ".join(f"{m['name']} [{m['id']}]" for m in matches[1:6])
        click.echo(f"Other matches: {others}")


def _echo_entry(entry: Entry) -> None:
    """One statement as `person` and `timeline` say it: the date in words (with
    "(inferred)"), stance and reporter, participants, and the citation."""
    said = "" if entry.stance == "asserted" else f" ({entry.stance})"
    if entry.reporter:
        said = f" ({entry.stance}, according to {entry.reporter})"
    extra = _labelled(
        ("as", entry.position),
        ("by", entry.agent),
        ("org", entry.org),
        ("in", entry.place),
    )
    click.echo(f"  {entry.when:<28} {entry.type}{said}{extra}")
    click.echo(f"      {printable(str(entry.citation))} “{entry.citation.quote}”")


@main.command()
@click.argument("name")
@DB_OPTION
def names(name: str, db_path: Path) -> None:
    """Show every name of the person best matching NAME, and why they were joined."""
    from kartoteka.query import dossier, links

    decisions = saved_decisions(db_path)
    with open_db(db_path) as db:
        matches = best_person(db, name, db_path)
        card = dossier(db, matches[0]["id"])
        reasons = [r for r in links(db, matches[0]["id"]) if r.author == "machine"]
    assert card is not None
    _echo_names(card)
    click.echo("Why these names are one card:" if reasons else "A single name.")
    for link in reasons:
        verb = "=" if link.same else "≠"
        times = f" (×{link.count})" if link.count > 1 else ""
        click.echo(
            f"  “{link.a}” ({printable(link.a_file)}) {verb} “{link.b}” "
            f"({printable(link.b_file)}){times}: "
            f"{link.reason} [{link.author}]"
        )
    _echo_decisions(card, decisions)


def _echo_decisions(card: Dossier, decisions: list[Decision]) -> None:
    """The users' merges and splits that name this card's names, oldest first."""
    from kartoteka.curation import decisions_about

    pairs = {(file, name) for name, files in card.names.items() for file in files}
    mine = [
        d
        for d in decisions_about(decisions, pairs)
        if d.action in ("merge", "split", "distinct")
    ]
    if mine:
        click.echo("Users' decisions about these names:")
    for d in mine:
        assert d.a and d.b
        verb, done = {
            "merge": ("=", "merged"),
            "split": ("≠", "split"),
            "distinct": ("≠", "told apart"),
        }[d.action]
        click.echo(
            f"  “{d.a.name}” ({d.a.file}) {verb} “{d.b.name}” ({d.b.file}): "
            f"{done} by {d.author} on {d.at}"
        )


@main.command()
@click.argument("name")
@DB_OPTION
def timeline(name: str, db_path: Path) -> None:
    """Show what happened to the person best matching NAME, in date order."""
    from kartoteka.analysis.timelines import timeline as person_timeline

    rejected = rejected_ids(db_path)
    with open_db(db_path) as db:
        matches = best_person(db, name, db_path)
        entries = person_timeline(db, matches[0]["id"])
    entries = [e for e in entries if e.id not in rejected]
    click.echo(click.style(matches[0]["name"], bold=True) + f"  [{matches[0]['id']}]")
    if not entries:
        click.echo("The sources state no event about this person.")
    for entry in entries:
        _echo_entry(entry)


@main.command()
@click.argument("name", required=False)
@DB_OPTION
def conflicts(name: str | None, db_path: Path) -> None:
    """List where the sources disagree: about the card best matching NAME, or all."""
    from kartoteka.analysis.conflicts import stored_conflicts
    from kartoteka.query import find_entities

    rejected = rejected_ids(db_path)
    with open_db(db_path) as db:
        entity = None
        if name:
            matches = find_entities(db, name)
            if not matches:
                fail(f"nothing matches {name!r} in {db_path}")
            exact = [m for m in matches if m["name"].casefold() == name.casefold()]
            entity = (exact or matches)[0]["id"]
        found = stored_conflicts(db, entity, rejected)
    for conflict in found:
        click.echo(
            click.style(
                conflict.question[:1].upper() + conflict.question[1:], bold=True
            )
            + f"  [{conflict.kind}, {conflict.about}]"
        )
        for claim in conflict.claims:
            said = f", according to {claim.reporter}" if claim.reporter else ""
            click.echo(
                f"  {claim.value}{said} — {printable(claim.file)} "
                f"({claim.start}-{claim.end})"
            )
            click.echo(f"      “{printable(claim.evidence[:160])}”")
    click.echo(f"{len(found)} conflict(s).")
