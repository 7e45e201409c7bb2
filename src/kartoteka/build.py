"""The main job: sources → documents → mentions and events → entities → store.

Documents are read and extracted in worker processes forked from this one after
it loaded the language models (see `kartoteka.pool`: a worker that dies or
overruns its limits costs only its job). A large document is extracted in
parts, each a job of its own, merged into one extraction per document.
Each file's extraction is stored with the hash of its bytes (`kartoteka.records`),
for `kartoteka.add` to reuse. Resolution needs all mentions at once and runs
after them. A file that cannot be read, or is over the size limit, is reported
and skipped; it never stops the others, and a build that read nothing writes
nothing.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import import_module
from pathlib import Path

from kartoteka import __version__, store
from kartoteka.analysis.conflicts import analyse
from kartoteka.cards.stored import store_cards
from kartoteka.curation import Decision, default_path, rejected_events
from kartoteka.curation import load as load_decisions
from kartoteka.extract import Extraction, extract
from kartoteka.extract.nlp import models as nlp
from kartoteka.extract.parts import PART_CHARS, extract_part, merge_parts, part_count
from kartoteka.ingest import IngestError, discover, document_from_text, read_document
from kartoteka.ingest.language import SENTENCE_LETTERS, letter_counts
from kartoteka.pool import Failure, Limits, run_jobs
from kartoteka.progress import Progress, quiet
from kartoteka.query import keep_citations
from kartoteka.records import Record, content_hash, fingerprint, pack
from kartoteka.resolve import resolve
from kartoteka.resolve.translit import families
from kartoteka.store import Problem

MAX_FILE_MB = 200.0
Job = tuple[Path, str, int, int]  # path, file name, part, parts of the file
Done = tuple[str, int, int, Extraction | IngestError]  # file name, part, parts, result


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
    extracted: int = 0  # files read and extracted; the others' records were reused

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


class NothingBuilt(Exception):
    """No document could be read, so the knowledge base was left as it was."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


def _process(job: Job) -> Extraction | IngestError:
    """Read and extract one part of a file in a worker. A file that cannot be
    read is a problem report; any other failure is the pool's to name (a bug, a
    death, a limit), and costs only this part."""
    path, file, part, parts = job
    try:
        document = _read(path, file) if parts > 1 else read_document(path, file)
        return extract_part(document, part, parts)
    except IngestError as error:
        return error


# The parts of a file come to a worker one after another: read the file once.
_read = lru_cache(maxsize=1)(read_document)


SNIFF_BYTES = 1 << 20  # of each file, to tell which scripts it is written in


def _load_models(paths: Iterable[Path]) -> None:
    """Load the models of the scripts the files are written in once here, so
    that every worker forked later shares them and a file's limits count only
    the work on that file. A model no file seemed to need is never loaded,
    unless some passage asks for it after all (its worker loads it then).
    pdfminer is imported here too if a file is named as a PDF, and the
    transliteration tables are learnt here: resolution needs them in this
    process anyway, and a worker that compares names would learn them again."""
    paths = list(paths)
    latin = cyrillic = False
    for path in paths:
        counts = letter_counts(_head(path))
        # A roman numeral in a Russian text asks for no English model.
        latin = latin or counts[0] >= SENTENCE_LETTERS
        cyrillic = cyrillic or counts[1] > 0
        if latin and cyrillic:
            break
    loads = [nlp.english] if latin else []
    loads += [nlp.russian, nlp.russian_parser] if cyrillic else []
    for load in loads:
        load()
    if any(path.suffix.lower() == ".pdf" for path in paths):
        import_module("pdfminer.high_level")  # what `ingest.pdf` imports on first use
    families()
    _warm_up([WARM_UP["en"]] * latin + [WARM_UP["ru"]] * cyrillic)


# A few sentences in each language the models read, written for warming up.
WARM_UP = {
    "en": "Ivan Petrov was born in Moscow on 3 May 1891. In 1937 he was appointed head "
    "of the NKVD department in Kiev; in 1938 he was arrested and shot. He wrote "
    "for the newspaper Pravda.",
    "ru": "Иван Петров родился в Москве в 1891 году. В 1937 году назначен начальником "
    "отдела НКВД, в 1938 арестован и расстрелян.",
}


def _warm_up(texts: list[str]) -> None:
    """Extract a short text here, so that the tables extraction builds on first
    use (the organization names' pattern, the vocabularies, the morphology
    dictionary) are built once and shared by every worker forked later, not
    built again in each."""
    if texts:
        extract(document_from_text("\n\n".join(texts), "warm-up.txt"))


def _head(path: Path) -> str:
    """The first megabyte of a regular file as text, else "" (opening a named
    pipe would wait for a writer; reading the file will say what is wrong)."""
    try:
        if not path.is_file():
            return ""
        with open(path, "rb") as file:
            return file.read(SNIFF_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


def _run(jobs: list[Job], workers: int, limits: Limits) -> Iterator[Done]:
    """Extract every job in worker processes; a job whose worker failed it
    becomes a problem report for its file (and part)."""
    with _models_for_workers(jobs):
        for (_, file, part, parts), result in run_jobs(jobs, _process, workers, limits):
            if isinstance(result, Failure):
                where = f"part {part + 1} of {parts}: " if parts > 1 else ""
                result = IngestError(file, where + result.reason)
            yield file, part, parts, result


@contextmanager
def _models_for_workers(jobs: list[Job]) -> Iterator[None]:
    """Load the models the jobs need with the cycle collector paused, then
    freeze them until the build ends (`thawed_at_end`).

    Loading makes hundreds of thousands of objects that live as long as the
    process, and the collector would walk them again and again (half a second
    of the parent's, most while the organization names' pattern compiles);
    frozen, they are not walked again, here, in the workers forked later, or
    while the records are stored. The collector is paused by its threshold,
    not `gc.disable`: spaCy's loader enables it again.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        if jobs:
            _load_models(dict.fromkeys(path for path, _, _, _ in jobs))
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)
    yield


@contextmanager
def thawed_at_end() -> Iterator[None]:
    """Unfreeze at the end of a build what its loading froze, so that a process
    that builds again (the tests, a server) does not keep for good what became
    garbage since."""
    try:
        yield
    finally:
        gc.unfreeze()


def _jobs(
    files: list[tuple[Path, str]], max_mb: float
) -> tuple[list[Job], list[Problem]]:
    """One job per part of each file, the largest first (so that no worker is
    left reading a large file alone at the end); a file over `max_mb`
    megabytes is skipped."""
    jobs: list[Job] = []
    problems: list[Problem] = []
    sizes: dict[str, int] = {}
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
        sizes[file] = min(size, PART_CHARS)
    jobs.sort(key=lambda job: -sizes[job[1]])  # a file's parts stay in order
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


def document_warnings(extraction: Extraction) -> list[Problem]:
    """What reading and extracting a document had to repair or leave out, as
    warning-level problems naming its file."""
    file = extraction.document.file
    said = (*extraction.document.warnings, *extraction.warnings)
    return [Problem(file, "warning", w) for w in said]


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
    limits: Limits | None = None,
    max_file_mb: float = MAX_FILE_MB,
) -> Summary:
    """Build the knowledge base of exactly these sources into `db_path`.

    The user's decisions in the curation file (by default the one beside the
    database) are applied; decisions that no longer apply are reported. Raises
    `store.BusyError` when another build of `db_path` is running, and
    `NothingBuilt` (leaving the old file untouched) when no document was read.
    Files over `max_file_mb` megabytes are skipped with a warning; `progress`
    is shown for extraction (in parts: a file, or a piece of a large one),
    resolution and storing.
    """
    with store.writing(db_path), thawed_at_end():
        curation = curation or default_path(Path(db_path))
        load_decisions(curation)  # a broken file stops the build before the work
        began = time.perf_counter()
        found, errors = discover(sources)
        problems = [Problem(e.file, e.level, e.problem) for e in errors]
        work = Work(workers or default_workers(), limits or Limits(), max_file_mb)
        fresh = extract_files(found, work, progress, problems)
        if not fresh:
            raise NothingBuilt(_nothing_read(db_path, found), problems)
        info = {"version": __version__, "sources": " ".join(map(str, sources))}
        finish = Finish(db_path, curation, info, began, progress or quiet)
        summary = store_records(fresh, finish, problems)
    return replace(summary, extracted=len(fresh))


@dataclass(frozen=True)
class Work:
    """How extraction runs: worker processes, each job's limits, the file size cap."""

    workers: int
    limits: Limits
    max_file_mb: float = MAX_FILE_MB


@dataclass(frozen=True)
class Finish:
    """Where and how the records end up: the knowledge base, the curation file
    applied to it, what the build table says, when the work began, and how
    resolving and storing show their progress."""

    db_path: Path
    curation: Path
    info: dict[str, str]
    began: float
    progress: Progress = quiet


def extract_files(
    found: list[tuple[Path, str]],
    work: Work,
    progress: Progress | None,
    problems: list[Problem],
) -> list[Record]:
    """Read and extract these files in the worker pool, each with the hash of
    the bytes it was read from; `problems` gains what went wrong or was repaired."""
    fingerprint()  # of the code as it is now, before any of it runs
    hashes = {file: content_hash(path) for path, file in found}
    jobs, too_large = _jobs(found, work.max_file_mb)
    problems += too_large
    done: Iterable[Done] = _run(jobs, work.workers, work.limits)
    done = (progress or quiet)(done, len(jobs), "extracting")
    fresh: list[Record] = []
    for result in _documents(done):
        if isinstance(result, IngestError):
            problems.append(Problem(result.file, result.level, result.problem))
        else:
            file = result.document.file
            fresh.append(pack(file, hashes[file], result))
            problems += document_warnings(result)
    return fresh


def store_records(
    kept: list[Record], finish: Finish, problems: list[Problem]
) -> Summary:
    """Resolve the mentions of all records into entities, with the user's
    decisions made so far, and write them with the records as the new knowledge
    base; `problems` gains the decisions that no longer apply."""
    decisions = load_decisions(finish.curation)  # with those made during the work
    kept = sorted(kept, key=lambda r: r.file)
    extractions = [r.extraction for r in kept]
    stored = _resolve_and_store(extractions, decisions, problems, finish, kept)
    return Summary(
        documents=stored.documents,
        words=sum(r.words for r in kept),
        mentions=stored.mentions,
        entities=stored.entities,
        events=stored.events,
        seconds=time.perf_counter() - finish.began,
        problems=problems,
    )


def store_analysis(db: sqlite3.Connection, rejected: Collection[str] = ()) -> None:
    """Find and keep what the views read of a knowledge base being written:
    where its statements stand in their sources, its conflicts and every card,
    leaving out the `rejected` statements."""
    keep_citations(db)
    analyse(db, rejected)
    store_cards(db, rejected)


def _nothing_read(db_path: Path, jobs: list[tuple[Path, str]]) -> str:
    why = "no document could be read" if jobs else "no source files were found"
    kept = (
        f"{db_path} was left unchanged"
        if Path(db_path).exists()
        else f"{db_path} was not written"
    )
    return f"nothing was built: {why}; {kept}"


def _resolve_and_store(
    extractions: list[Extraction],
    decisions: list[Decision],
    problems: list[Problem],
    finish: Finish,
    kept: list[Record],
) -> store.Stored:
    """Join the mentions into entities and write the knowledge base; `problems`
    gains the curation decisions that no longer apply."""
    mentions = [m for x in extractions for m in x.mentions]
    links = [link for x in extractions for link in x.links]
    files = {x.document.id: x.document.file for x in extractions}
    resolution = resolve(mentions, links, decisions, files, finish.progress)
    problems += [Problem("curation", "warning", s) for s in resolution.stale]
    problems += [
        Problem("curation", "warning", s)
        for s in stale_event_decisions(decisions, extractions)
    ]
    return store.write(
        finish.db_path,
        extractions,
        resolution.entities,
        problems,
        finish.info,
        judgements=resolution.judgements,
        records=kept,
        analyse=lambda db: store_analysis(db, rejected_events(decisions)),
        progress=finish.progress,
    )
