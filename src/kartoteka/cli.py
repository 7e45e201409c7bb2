"""The `kartoteka` command: parse what the user typed, call one library function, print.

Exit codes: 0 success; 1 an error the user can act on (message on stderr);
2 bad usage; 3 the build finished but skipped some files. File names are printed
with control characters escaped, so a name cannot forge a line of output.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from kartoteka import __version__
from kartoteka.analysis.timelines import Entry
from kartoteka.curation import Decision
from kartoteka.export import DEFAULT_BASE
from kartoteka.export import FORMATS as EXPORT_FORMATS
from kartoteka.extract.events.lexicon import event_types
from kartoteka.pool import Limits
from kartoteka.query import Dossier
from kartoteka.store import Problem, StoreError, connect

if TYPE_CHECKING:
    from kartoteka.analysis.networks import Network
    from kartoteka.build import Summary

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., object])
DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("kartoteka.sqlite"),
    show_default=True,
    help="The knowledge base file.",
)


def fail(message: str) -> NoReturn:
    """Print one line to stderr and exit 1: an error the user can act on."""
    click.echo(f"kartoteka: {printable(message)}", err=True)
    sys.exit(1)


def printable(text: str) -> str:
    """`text` with control characters and line breaks written as escapes (`\\n`)."""
    return "".join(
        repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
    )


UNITS = {"extracting": "part", "grouping names": "document", "storing": "document"}


def _progress(items: Iterable[T], total: int, stage: str) -> Iterable[T]:
    """A bar on stderr for one stage of a build or an add."""
    from tqdm import tqdm

    unit = UNITS.get(stage, "step")
    bar: Iterable[T] = tqdm(items, total=total, unit=unit, desc=stage, file=sys.stderr)
    return bar


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kartoteka")
def main() -> None:
    """kartoteka: an evidence-linked card index of people, organizations and events."""


WORK_OPTIONS = (
    click.option(
        "--workers", type=int, default=None, help="Worker processes (default: cores)."
    ),
    click.option(
        "--file-timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=Limits.seconds,
        show_default=True,
        help="Seconds one file may take before it is stopped and skipped.",
    ),
    click.option(
        "--file-memory",
        type=click.IntRange(min=1),
        default=Limits.memory_mb,
        show_default=True,
        help="Megabytes a worker may grow by while reading one file.",
    ),
    click.option(
        "--max-file-size",
        "max_file_mb",
        type=click.FloatRange(min=0),
        default=200.0,
        show_default=True,
        help="Skip (with a warning) files larger than this many megabytes.",
    ),
)


def work_options(command: F) -> F:
    """The options of the commands that read sources: workers and file limits."""
    for option in reversed(WORK_OPTIONS):
        command = option(command)
    return command


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@DB_OPTION
@work_options
def build(
    sources: tuple[Path, ...],
    db_path: Path,
    workers: int | None,
    file_timeout: float,
    file_memory: int,
    max_file_mb: float,
) -> None:
    """Read SOURCES (files or folders) and build the knowledge base."""
    from kartoteka.build import build as run_build

    summary = _read_sources(
        run_build, sources, db_path, workers, file_timeout, file_memory, max_file_mb
    )
    report_summary(summary, db_path, "Built")


def _read_sources(
    run: Callable[..., Summary],
    sources: tuple[Path, ...],
    db_path: Path,
    workers: int | None,
    file_timeout: float,
    file_memory: int,
    max_file_mb: float,
) -> Summary:
    """Run a build or an add with the user's limits; what stops it is one line."""
    from kartoteka.build import NothingBuilt
    from kartoteka.curation import CurationError

    try:
        return run(
            list(sources),
            db_path,
            workers=workers,
            progress=_progress,
            limits=Limits(seconds=file_timeout, memory_mb=file_memory),
            max_file_mb=max_file_mb,
        )
    except NothingBuilt as error:
        _echo_problems(error.problems)
        fail(str(error))
    except (StoreError, CurationError) as error:
        fail(str(error))


def report_summary(summary: Summary, db_path: Path, verb: str) -> None:
    """What a build or an add did, problems first; exit 3 when files were skipped."""
    _echo_problems(summary.problems)
    entities = ", ".join(f"{n} {kind}s" for kind, n in sorted(summary.entities.items()))
    rate = summary.words / max(summary.seconds, 1e-9)
    click.echo(
        f"{verb} {printable(str(db_path))}: {summary.documents} documents "
        f"({summary.words:,} words), {summary.mentions:,} mentions, "
        f"{entities or 'no entities'}, {summary.events:,} events "
        f"in {summary.seconds:.1f} s ({rate:,.0f} words/s, "
        f"peak memory {_peak_memory_mb():,.0f} MiB)."
    )
    if summary.skipped:
        click.echo(f"Skipped {len(summary.skipped)} file(s); see the messages above.")
        sys.exit(3)


def _peak_memory_mb() -> float:
    """The largest resident size this process or any of its workers reached."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def _echo_problems(problems: Iterable[Problem]) -> None:
    """One line on stderr per problem: level, file name, what is wrong."""
    for problem in problems:
        click.echo(
            f"{problem.level}: {printable(problem.file)}: {printable(problem.problem)}",
            err=True,
        )


def _best_person(db: sqlite3.Connection, name: str, db_path: Path) -> list[sqlite3.Row]:
    """Persons matching a name in any spelling, best first; exit 1 when none."""
    from kartoteka.query import find_entities

    matches = find_entities(db, name, kind="person")
    if not matches:
        fail(f"no person matches {name!r} in {db_path}")
    return matches


def _echo_names(card: Dossier) -> None:
    click.echo(click.style(card.name, bold=True) + f"  [{card.id}]")
    click.echo("Names in the sources:")
    for variant, files in card.names.items():
        click.echo(f"  {variant}  — {printable(', '.join(files))}")


def _labelled(*parts: tuple[str, str | None]) -> str:
    """ ", as chief, by Ezhov, in Moscow": the participants an event names, each
    after its label; those it does not name are left out."""
    return "".join(f", {label} {value}" for label, value in parts if value)


def _decisions(db_path: Path) -> list[Decision]:
    """The decisions in the curation file beside the knowledge base."""
    from kartoteka.curation import CurationError, default_path, load

    try:
        return load(default_path(db_path))
    except CurationError as error:
        fail(str(error))


def _rejected(db_path: Path) -> frozenset[str]:
    """The events rejected in the curation file beside the knowledge base."""
    from kartoteka.curation import rejected_events

    return rejected_events(_decisions(db_path))


@main.command()
@click.argument("name")
@DB_OPTION
def person(name: str, db_path: Path) -> None:
    """Show the dossier of the person best matching NAME (any spelling or script)."""
    from kartoteka.analysis.timelines import timeline as person_timeline
    from kartoteka.query import dossier

    rejected = _rejected(db_path)
    with _open(db_path) as db:
        matches = _best_person(db, name, db_path)
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

    decisions = _decisions(db_path)
    with _open(db_path) as db:
        matches = _best_person(db, name, db_path)
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
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--edit", is_flag=True, help="Allow curation; prints the token that edits need."
)
@click.option("--author", default=None, help="Name recorded with each decision.")
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="Another host name the server answers to (repeatable).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds of work one request may take before it is stopped.",
)
@click.option(
    "--allow-origin",
    "allow_origins",
    multiple=True,
    help="Another web page origin that may read /reconcile and /ipif "
    "(repeatable; OpenRefine's local addresses always may).",
)
def serve(
    db_path: Path,
    host: str,
    port: int,
    edit: bool,
    author: str | None,
    allow_hosts: tuple[str, ...],
    time_limit: float,
    allow_origins: tuple[str, ...],
) -> None:
    """Serve the card index as a web application on this computer (Ctrl-C stops it)."""
    from kartoteka.web import Settings
    from kartoteka.web import serve as run_server
    from kartoteka.web.security import new_token

    with _open(db_path):
        pass
    token = new_token() if edit else None
    settings = Settings(
        db_path,
        edit=edit,
        token=token,
        host=host,
        port=port,
        time_limit=time_limit,
        allowed_hosts=allow_hosts,
        api_origins=(*Settings.api_origins, *allow_origins),
    )
    if author:
        settings = replace(settings, author=author)
    url = f"http://{host}:{port}"
    click.echo(f"Serving {db_path} at {url}  (Ctrl-C stops it)")
    if token:
        click.echo(f"Editing is on; decisions go to {settings.curation_file}")
        click.echo(f"Edit token: {token}")
        click.echo(f"Log in to edit: {url}/login?token={token}")
    sys.stdout.flush()
    run_server(settings)


def _card(db: sqlite3.Connection, name: str, db_path: Path, avoid: str = "") -> str:
    """The id of the person card that best matches a name, other than `avoid`."""
    matches = [m for m in _best_person(db, name, db_path) if m["id"] != avoid]
    if not matches:
        fail(f"no other person matches {name!r} in {db_path}")
    return str(matches[0]["id"])


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

    with _open(db_path) as db:
        a = _card(db, first, db_path)
        b = _card(db, second, db_path, avoid=a)
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

    with _open(db_path) as db:
        entity = _card(db, card, db_path)
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

    with _open(db_path):
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
@click.argument("name")
@DB_OPTION
def timeline(name: str, db_path: Path) -> None:
    """Show what happened to the person best matching NAME, in date order."""
    from kartoteka.analysis.timelines import timeline as person_timeline

    rejected = _rejected(db_path)
    with _open(db_path) as db:
        matches = _best_person(db, name, db_path)
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

    rejected = _rejected(db_path)
    with _open(db_path) as db:
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
    rejected = _rejected(db_path)
    with _open(db_path) as db:
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
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="json",
    show_default=True,
    help="json, csv (a folder, or a zip: -o x.zip), gexf, graphml, jsonld, tei, "
    "datasette (a folder). Each is described in docs/.",
)
@DB_OPTION
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True,
    help="The file (or folder) to write.",
)  # fmt: skip
@click.option(
    "--base",
    default=DEFAULT_BASE,
    show_default=True,
    help="Address the IRIs of jsonld and tei start with (where the cards are served).",
)
def export(fmt: str, db_path: Path, output: Path, base: str) -> None:
    """Export the knowledge base for other tools (docs/export*.md describe each)."""
    from kartoteka.export import write_export

    with _open(db_path) as db:
        try:
            write_export(db, fmt, output, base)
        except (ValueError, OSError) as error:
            fail(str(error))
    click.echo(f"Wrote {output}")


@main.command(name="eval")
@click.option(
    "--gold",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder with entities.yaml, events.yaml, conflicts.yaml.",
)
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--verbose", is_flag=True, help="Also list wrong and missed names.")
def evaluate(gold: Path, db_path: Path, as_json: bool, verbose: bool) -> None:
    """Score the knowledge base against hand-made gold annotations."""
    from kartoteka import evaluate as scoring
    from kartoteka.export import export_dict

    try:
        reference = scoring.load_gold(gold)
    except ValueError as error:
        fail(str(error))
    with _open(db_path) as db:
        payload = export_dict(db)
        texts = {
            r["file"]: r["text"] for r in db.execute("SELECT file, text FROM documents")
        }
    report = scoring.evaluate(payload, reference, texts)
    if as_json:
        click.echo(json.dumps(scoring.report_as_dict(report), indent=1))
    else:
        click.echo(scoring.format_report(report, verbose=verbose))


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

    with _open(db_path):
        pass
    if as_list:
        found = desk.queue(db_path, _decisions(db_path))
        for rank, proposal in enumerate(found[:limit], 1):
            click.echo(printable(desk.line(rank, proposal)))
        click.echo(f"{min(limit, len(found))} of {len(found)} proposal(s).")
        return
    answered, skipped = desk.ask(db_path, author, limit, lambda: _decisions(db_path))
    click.echo(f"{answered} answered, {skipped} skipped.")


class _open:
    """Open the knowledge base; a missing or foreign file becomes one clear line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self):  # type: ignore[no-untyped-def]
        try:
            self.db = connect(self.path)
        except StoreError as error:
            fail(str(error))
        return self.db

    def __exit__(self, *exc: object) -> None:
        self.db.close()


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@DB_OPTION
@work_options
def add(
    sources: tuple[Path, ...],
    db_path: Path,
    workers: int | None,
    file_timeout: float,
    file_memory: int,
    max_file_mb: float,
) -> None:
    """Add SOURCES to the knowledge base, extracting only new or changed files."""
    from kartoteka.add import add as run_add

    summary = _read_sources(
        run_add, sources, db_path, workers, file_timeout, file_memory, max_file_mb
    )
    click.echo(f"Extracted {summary.extracted} new or changed file(s).")
    report_summary(summary, db_path, "Updated")


def _words(value: str | None) -> tuple[str, ...]:
    """A comma-separated option as its words: "nkvd,razvedupr"."""
    return tuple(w.strip() for w in (value or "").split(",") if w.strip())


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

    unknown = [e for e in _words(events) if e not in event_types()]
    if unknown or not _words(events):
        raise click.BadParameter(
            f"not an event type: {', '.join(unknown) or repr(events)} "
            f"(known: {', '.join(event_types())})",
            param_hint="--event",
        )
    selection = Selection(_words(events), start, end, _words(org), _words(role))
    rejected = _rejected(db_path)
    with _open(db_path) as db:
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

    orgs = organization_ids(db, _words(org))
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

    with _open(db_path) as db:
        net = _network(db, since, until, org, types)
        centre = _best_person(db, name, db_path)[0] if name else None
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

    with _open(db_path) as db:
        net = _network(db, since, until, org, types)
        a = _card(db, first, db_path)
        b = _card(db, second, db_path, avoid=a)
    paths = net.paths(a, b)
    if not paths:
        fail(f"no path of ties joins {first!r} and {second!r} (with these filters)")
    click.echo("\n".join(printable(line) for line in path_lines(paths, net)))


if __name__ == "__main__":
    main()
