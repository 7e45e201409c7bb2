"""Questions across persons: `events`, `cohort`, `network` and `path`."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kartoteka.cli.app import (
    DB_OPTION,
    best_person,
    card_named,
    fail,
    main,
    open_db,
    printable,
    rejected_ids,
    split_words,
)
from kartoteka.extract.events.lexicon import event_types

if TYPE_CHECKING:
    from kartoteka.analysis.networks import Network


@main.command()
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(event_types()),
    help="Only this event type (repeatable).",
)
@click.option("--org", help="Only events whose organization name contains this.")
@click.option("--place", help="Only events whose place contains this.")
@click.option(
    "--person", help="Only events of the person of this name (any spelling or script)."
)
@click.option("--from", "start", help="From this date on (EDTF: 1937, 1937-06).")
@click.option("--to", "end", help="Up to this date (EDTF: 1938, 1938-12-31).")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV with a header row.")
@DB_OPTION
def events(
    types: tuple[str, ...],
    org: str | None,
    place: str | None,
    person: str | None,
    start: str | None,
    end: str | None,
    as_csv: bool,
    db_path: Path,
) -> None:
    """List events across people, filtered by type, organization, place and date."""
    from kartoteka.analysis.timelines import EventFilter, find_events, write_csv

    where = EventFilter(types, org, place, person, start, end)
    rejected = rejected_ids(db_path)
    with open_db(db_path) as db:
        try:
            entries = find_events(db, where)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--from/--to") from error
    entries = [e for e in entries if e.id not in rejected]
    if as_csv:
        write_csv(entries, sys.stdout)
        return
    click.echo(f"{'date':<26} {'type':<10} {'person':<28} {'stance':<9} source")
    for entry in entries:
        click.echo(
            f"{entry.when:<26} {entry.type:<10} {entry.person[:28]:<28} "
            f"{entry.stance:<9} {printable(entry.citation.place)}"
        )
    click.echo(f"{len(entries)} event(s).")


@main.command()
@click.option(
    "--event", "events", required=True, help="Event type(s), comma-separated: defected."
)
@click.option("--from", "start", help="Events from this date on (EDTF: 1937).")
@click.option("--to", "end", help="Events up to this date (EDTF: 1940).")
@click.option("--org", help="Organizations, comma-separated, each with its lineage.")
@click.option("--role", help="Titles or posts, comma-separated (Major, chief).")
@click.option("--csv", "as_csv", is_flag=True, help="Print the rows as CSV.")
@click.option("--json", "as_json", is_flag=True, help="Print rows and figures as JSON.")
@DB_OPTION
def cohort(
    events: str,
    start: str | None,
    end: str | None,
    org: str | None,
    role: str | None,
    as_csv: bool,
    as_json: bool,
    db_path: Path,
) -> None:
    """Persons chosen by event, period, organization and role: one row each, then
    the figures (ages, birth decades, events within twelve months) with sources."""
    from kartoteka.analysis.cohorts import Selection
    from kartoteka.analysis.cohorts import cohort as find_cohort
    from kartoteka.export.cohorts import cohort_dict, text_lines, write_csv

    unknown = [e for e in split_words(events) if e not in event_types()]
    if unknown or not split_words(events):
        raise click.BadParameter(
            f"not an event type: {', '.join(unknown) or repr(events)} "
            f"(known: {', '.join(event_types())})",
            param_hint="--event",
        )
    selection = Selection(
        split_words(events), start, end, split_words(org), split_words(role)
    )
    rejected = rejected_ids(db_path)
    with open_db(db_path) as db:
        try:
            found = find_cohort(db, selection, rejected)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--from/--to") from error
    if as_csv:
        write_csv(found, sys.stdout)
    elif as_json:
        click.echo(json.dumps(cohort_dict(found), ensure_ascii=False, indent=1))
    else:
        click.echo("\n".join(printable(line) for line in text_lines(found)))


def _tie_options(command: Callable[..., None]) -> Callable[..., None]:
    """The filters every network command takes: years, organizations, tie types."""
    for option in reversed(
        [
            click.option("--from", "since", type=int, help="Ties from this year on."),
            click.option("--to", "until", type=int, help="Ties up to this year."),
            click.option("--org", help="Organizations, comma-separated, with lineage."),
            click.option(
                "--type",
                "types",
                multiple=True,
                help="Only this tie type (arrested, spouse, 'named together').",
            ),
            DB_OPTION,
        ]
    ):
        command = option(command)
    return command


def _network(
    db: sqlite3.Connection,
    since: int | None,
    until: int | None,
    org: str | None,
    types: tuple[str, ...],
) -> Network:
    from kartoteka.analysis.lineage import organization_ids
    from kartoteka.analysis.networks import TieFilter
    from kartoteka.analysis.networks import network as build_network

    orgs = organization_ids(db, split_words(org))
    if org and not orgs:
        fail(f"no organization matches {org!r}")
    return build_network(db, TieFilter(since, until, orgs, frozenset(types)))


@main.command()
@click.argument("name", required=False)
@click.option("--depth", type=click.IntRange(1, 2), default=1, show_default=True)
@click.option("--top", type=click.IntRange(1), default=20, show_default=True)
@_tie_options
def network(
    name: str | None,
    depth: int,
    top: int,
    since: int | None,
    until: int | None,
    org: str | None,
    types: tuple[str, ...],
    db_path: Path,
) -> None:
    """The ties around the person best matching NAME (to --depth), each with its
    sources; without NAME, the persons ranked by degree and betweenness."""
    from kartoteka.export.graph import ego_lines, ranking_lines

    with open_db(db_path) as db:
        net = _network(db, since, until, org, types)
        centre = best_person(db, name, db_path)[0] if name else None
    if centre is None:
        click.echo("\n".join(ranking_lines(net.ranking(top))))
        return
    click.echo(click.style(centre["name"], bold=True) + f"  [{centre['id']}]")
    ego = net.ego(centre["id"], depth)
    if not ego.ties:
        click.echo("No ties for these filters.")
    click.echo("\n".join(printable(line) for line in ego_lines(ego)))


@main.command()
@click.argument("first")
@click.argument("second")
@_tie_options
def path(
    first: str,
    second: str,
    since: int | None,
    until: int | None,
    org: str | None,
    types: tuple[str, ...],
    db_path: Path,
) -> None:
    """How the persons best matching FIRST and SECOND are connected: the shortest
    paths of ties, with the statements on each tie."""
    from kartoteka.export.graph import path_lines

    with open_db(db_path) as db:
        net = _network(db, since, until, org, types)
        a = card_named(db, first, db_path)
        b = card_named(db, second, db_path, avoid=a)
    paths = net.paths(a, b)
    if not paths:
        fail(f"no path of ties joins {first!r} and {second!r} (with these filters)")
    click.echo("\n".join(printable(line) for line in path_lines(paths, net)))
