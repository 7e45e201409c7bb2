"""The main job: sources → documents → mentions and events → entities → store.

Documents are read and extracted in parallel worker processes (one model copy
each); a large document is extracted in parts, each a job of its own, and the
parts are merged into one extraction per document. Resolution needs all
mentions at once and runs after them. A file that cannot be read, or is larger
than the size limit, is reported and skipped; it never stops the others.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kartoteka import __version__, store
from kartoteka.curation import Decision, default_path
from kartoteka.curation import load as load_decisions
from kartoteka.extract import Extraction
from kartoteka.extract.parts import extract_part, merge_parts, part_count
from kartoteka.ingest import IngestError, discover, read_document
from kartoteka.resolve import resolve
from kartoteka.store import Problem

MAX_FILE_MB = 200.0
Job = tuple[Path, str, int, int]  # path, file name, part, parts of the file
Done = tuple[str, int, int, Extraction | IngestError]  # file name, part, parts, result
Progress = Callable[[Iterable[Done], int], Iterable[Done]]


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


def _process(job: Job) -> Done:
    """Read and extract one part of a file; any failure becomes a problem report."""
    path, file, part, parts = job
    try:
        document = _read(path, file) if parts > 1 else read_document(path, file)
        return file, part, parts, extract_part(document, part, parts)
    except IngestError as error:
        return file, part, parts, error
    except Exception as error:  # a bug on one file must not lose the others
        where = f"part {part + 1} of {parts} " if parts > 1 else ""
        problem = f"{where}could not be processed ({error!r}), skipped"
        return file, part, parts, IngestError(file, problem)


# The parts of a file come to a worker one after another: read the file once.
_read = lru_cache(maxsize=1)(read_document)


def _run(jobs: list[Job], workers: int) -> Iterator[Done]:
    """Extract every job, in worker processes when there is more than one job."""
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_process, jobs)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield from pool.imap(_process, jobs, chunksize=1)


def _jobs(
    files: list[tuple[Path, str]], max_mb: float
) -> tuple[list[Job], list[Problem]]:
    """One job per part of each file; a file over `max_mb` megabytes is skipped."""
    jobs: list[Job] = []
    problems: list[Problem] = []
    for path, file in files:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # reading it will say what is wrong
        if size > max_mb * 1_000_000:
            problem = (
                f"{size / 1_000_000:,.1f} MB is over the size limit of "
                f"{max_mb:g} MB (--max-file-size), skipped"
            )
            problems.append(Problem(file, "warning", problem))
            continue
        parts = part_count(size)
        jobs += [(path, file, part, parts) for part in range(parts)]
    return jobs, problems


def _documents(done: Iterable[Done]) -> Iterator[Extraction | IngestError]:
    """The extraction of each file once all its parts are in, or what went wrong.

    A part that fails is reported; the other parts of its file are kept when the
    first part, which carries the document, came through.
    """
    pending: dict[str, dict[int, Extraction | IngestError]] = {}
    for file, part, parts, result in done:
        arrived = pending.setdefault(file, {})
        arrived[part] = result
        if len(arrived) < parts:
            continue
        del pending[file]
        results = [arrived[i] for i in range(parts)]
        errors = [r for r in results if isinstance(r, IngestError)]
        yield from {e.problem: e for e in errors}.values()
        if not isinstance(results[0], IngestError):
            yield merge_parts([r for r in results if isinstance(r, Extraction)])


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
    max_file_mb: float = MAX_FILE_MB,
) -> Summary:
    """Build the knowledge base of exactly these sources into `db_path`.

    The user's decisions in the curation file (by default the one beside the
    database) are applied; decisions that no longer apply are reported. Files
    over `max_file_mb` megabytes are skipped with a warning; progress is
    reported in parts (a file, or a piece of a large one).
    """
    decisions = load_decisions(curation or default_path(Path(db_path)))
    began = time.perf_counter()
    found, errors = discover(sources)
    problems = [Problem(e.file, e.level, e.problem) for e in errors]
    jobs, too_large = _jobs(found, max_file_mb)
    problems += too_large
    done: Iterable[Done] = _run(jobs, workers or default_workers())
    if progress is not None:
        done = progress(done, len(jobs))
    extractions: list[Extraction] = []
    for result in _documents(done):
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
