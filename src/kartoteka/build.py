"""The main job: sources → documents → mentions and events → entities → store.

Documents are read and extracted in parallel worker processes (one model copy
each); resolution needs all mentions at once and runs after them. A file that
cannot be read is reported and skipped; it never stops the others.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kartoteka import __version__, store
from kartoteka.curation import Decision, default_path
from kartoteka.curation import load as load_decisions
from kartoteka.extract import Extraction, extract
from kartoteka.ingest import IngestError, discover, read_document
from kartoteka.resolve import resolve
from kartoteka.store import Problem

Progress = Callable[
    [Iterable[Extraction | IngestError], int], Iterable[Extraction | IngestError]
]


@dataclass(frozen=True)
class Summary:
    """What a build did, for the user and for scripts."""

    documents: int
    words: int
    mentions: int
    entities: Counter[str]
    events: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


def _process(job: tuple[Path, str]) -> Extraction | IngestError:
    """Read and extract one file; any failure becomes a problem report for it."""
    path, file = job
    try:
        return extract(read_document(path, file))
    except IngestError as error:
        return error
    except Exception as error:  # a bug on one file must not lose the others
        return IngestError(file, f"could not be processed ({error!r}), skipped")


def _run(
    jobs: list[tuple[Path, str]], workers: int
) -> Iterator[Extraction | IngestError]:
    """Extract every job, in worker processes when there is more than one job."""
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_process, jobs)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield from pool.imap(_process, jobs, chunksize=1)


def stale_event_decisions(
    decisions: Iterable[Decision], extractions: Iterable[Extraction]
) -> list[str]:
    """Confirmations and rejections of events that this build no longer states
    (their sentence or reading changed): kept in the file, said out loud."""
    built = {e.id for x in extractions for e in x.events}
    return [
        f"{d.action} by {d.author} ({d.at}): no event {d.event} any more; "
        "the decision is kept in case it returns"
        for d in decisions
        if d.event
        and d.action in ("confirm-event", "reject-event")
        and d.event not in built
    ]


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def build(
    sources: list[Path],
    db_path: Path,
    workers: int | None = None,
    progress: Progress | None = None,
    curation: Path | None = None,
) -> Summary:
    """Build the knowledge base of exactly these sources into `db_path`.

    The user's decisions in the curation file (by default the one beside the
    database) are applied; decisions that no longer apply are reported.
    """
    decisions = load_decisions(curation or default_path(Path(db_path)))
    began = time.perf_counter()
    jobs, errors = discover(sources)
    problems = [Problem(e.file, e.level, e.problem) for e in errors]
    results: Iterable[Extraction | IngestError] = _run(
        jobs, workers or default_workers()
    )
    if progress is not None:
        results = progress(results, len(jobs))
    extractions: list[Extraction] = []
    for result in results:
        if isinstance(result, IngestError):
            problems.append(Problem(result.file, result.level, result.problem))
        else:
            extractions.append(result)
    extractions.sort(key=lambda x: x.document.file)
    mentions = [m for x in extractions for m in x.mentions]
    links = [link for x in extractions for link in x.links]
    files = {x.document.id: x.document.file for x in extractions}
    resolution = resolve(mentions, links, decisions, files)
    problems += [Problem("curation", "warning", s) for s in resolution.stale]
    problems += [
        Problem("curation", "warning", s)
        for s in stale_event_decisions(decisions, extractions)
    ]
    problems += [
        Problem(x.document.file, "warning", w) for x in extractions for w in x.warnings
    ]
    info = {"version": __version__, "sources": " ".join(map(str, sources))}
    store.write(
        db_path,
        extractions,
        resolution.entities,
        problems,
        info,
        judgements=resolution.judgements,
    )
    return Summary(
        documents=len(extractions),
        words=sum(len(x.document.text.split()) for x in extractions),
        mentions=len(mentions),
        entities=Counter(e.type for e in resolution.entities),
        events=sum(len(x.events) for x in extractions),
        seconds=time.perf_counter() - began,
        problems=problems,
    )
