"""`build` and `add`: read sources into a knowledge base, with a bar per stage
and a summary of what was read, skipped and how fast."""

from __future__ import annotations

import resource
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from kartoteka.cli.app import DB_OPTION, fail, main, printable, work_options
from kartoteka.pool import Limits
from kartoteka.store import Problem, StoreError

if TYPE_CHECKING:
    from kartoteka.build import Summary

T = TypeVar("T")


UNITS = {"extracting": "part", "grouping names": "document", "storing": "document"}


def _progress(items: Iterable[T], total: int, stage: str) -> Iterable[T]:
    """A bar on stderr for one stage of a build or an add."""
    from tqdm import tqdm

    unit = UNITS.get(stage, "step")
    bar: Iterable[T] = tqdm(items, total=total, unit=unit, desc=stage, file=sys.stderr)
    return bar


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
