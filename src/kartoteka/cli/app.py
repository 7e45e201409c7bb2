"""The command group and what its commands share: the knowledge-base option,
the work limits, one-line errors, and finding a person by name.

Exit codes: 0 success; 1 an error the user can act on (message on stderr);
2 bad usage; 3 the build finished but skipped some files. File names are printed
with control characters escaped, so a name cannot forge a line of output.
"""

from __future__ import annotations

import sqlite3
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from kartoteka import __version__
from kartoteka.curation import Decision
from kartoteka.pool import Limits
from kartoteka.store import StoreError, connect

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


class open_db:
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


def split_words(value: str | None) -> tuple[str, ...]:
    """A comma-separated option as its words: "nkvd,razvedupr"."""
    return tuple(w.strip() for w in (value or "").split(",") if w.strip())


def saved_decisions(db_path: Path) -> list[Decision]:
    """The decisions in the curation file beside the knowledge base."""
    from kartoteka.curation import CurationError, default_path, load

    try:
        return load(default_path(db_path))
    except CurationError as error:
        fail(str(error))


def rejected_ids(db_path: Path) -> frozenset[str]:
    """The events rejected in the curation file beside the knowledge base."""
    from kartoteka.curation import rejected_events

    return rejected_events(saved_decisions(db_path))


def best_person(db: sqlite3.Connection, name: str, db_path: Path) -> list[sqlite3.Row]:
    """Persons matching a name in any spelling, best first; exit 1 when none."""
    from kartoteka.query import find_entities

    matches = find_entities(db, name, kind="person")
    if not matches:
        fail(f"no person matches {name!r} in {db_path}")
    return matches


def card_named(
    db: sqlite3.Connection, name: str, db_path: Path, avoid: str = ""
) -> str:
    """The id of the person card that best matches a name, other than `avoid`."""
    matches = [m for m in best_person(db, name, db_path) if m["id"] != avoid]
    if not matches:
        fail(f"no other person matches {name!r} in {db_path}")
    return str(matches[0]["id"])
