"""The `kartoteka` command: parse what the user typed, call one library function, print.

Exit codes: 0 success; 1 an error the user can act on (message on stderr);
2 bad usage; 3 the build finished but skipped some files.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

import click

from kartoteka import __version__
from kartoteka.store import StoreError, connect

T = TypeVar("T")
DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("kartoteka.sqlite"),
    show_default=True,
    help="The knowledge base file.",
)


def fail(message: str) -> None:
    """Print one line to stderr and exit 1: an error the user can act on."""
    click.echo(f"kartoteka: {message}", err=True)
    sys.exit(1)


def _progress(items: Iterable[T], total: int) -> Iterable[T]:
    from tqdm import tqdm

    bar: Iterable[T] = tqdm(
        items, total=total, unit="file", desc="building", file=sys.stderr
    )
    return bar


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kartoteka")
def main() -> None:
    """kartoteka: an evidence-linked card index of people, organizations and events."""


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@DB_OPTION
@click.option(
    "--workers", type=int, default=None, help="Worker processes (default: cores)."
)
def build(sources: tuple[Path, ...], db_path: Path, workers: int | None) -> None:
    """Read SOURCES (files or folders) and build the knowledge base."""
    from kartoteka.build import build as run_build

    summary = run_build(list(sources), db_path, workers=workers, progress=_progress)
    for problem in summary.problems:
        click.echo(f"{problem.level}: {problem.file}: {problem.problem}", err=True)
    entities = ", ".join(f"{n} {kind}s" for kind, n in sorted(summary.entities.items()))
    click.echo(
        f"Built {db_path}: {summary.documents} documents ({summary.words:,} words), "
        f"{summary.mentions:,} mentions, {entities or 'no entities'}, "
        f"{summary.events:,} events in {summary.seconds:.1f} s."
    )
    if summary.skipped:
        click.echo(f"Skipped {len(summary.skipped)} file(s); see the messages above.")
    if summary.documents == 0:
        fail("no document could be read; nothing was built")
    if summary.skipped:
        sys.exit(3)


@main.command()
@click.argument("name")
@DB_OPTION
def person(name: str, db_path: Path) -> None:
    """Show the dossier of the person best matching NAME (any spelling or script)."""
    from kartoteka.query import dossier, find_entities

    with _open(db_path) as db:
        matches = find_entities(db, name, kind="person")
        if not matches:
            fail(f"no person matches {name!r} in {db_path}")
        card = dossier(db, matches[0]["id"])
    assert card is not None
    click.echo(click.style(card.name, bold=True) + f"  [{card.id}]")
    click.echo("Names in the sources:")
    for variant, files in card.names.items():
        click.echo(f"  {variant}  — {', '.join(files)}")
    click.echo("Facts:" if card.facts else "Facts: none found yet.")
    for fact in card.facts:
        extra = "".join(
            f", {label} {value}"
            for label, value in (
                ("by", fact.agent),
                ("org", fact.org),
                ("in", fact.place),
            )
            if value
        )
        stance = "" if fact.stance == "asserted" else f" ({fact.stance})"
        click.echo(f"  {fact.date or '(no date)':<12} {fact.type}{stance}{extra}")
        click.echo(f"      {fact.citation} “{fact.citation.quote}”")
    if len(matches) > 1:
        others = "; ".join(f"{m['name']} [{m['id']}]" for m in matches[1:6])
        click.echo(f"Other matches: {others}")


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True
)
@DB_OPTION
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True
)
def export(fmt: str, db_path: Path, output: Path) -> None:
    """Export the knowledge base (the JSON contract is in docs/export.md)."""
    from kartoteka.export import write_export

    with _open(db_path) as db:
        write_export(db, fmt, output)
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


if __name__ == "__main__":
    main()
