"""Adding sources to a knowledge base: extract only what is new or changed.

The knowledge base keeps each file's extraction with the hash of its bytes
(`kartoteka.records`). Adding files extracts those whose name is new or whose
bytes changed, keeps the stored extractions of all the others, then resolves
again over every stored mention and swaps the result in like a build does, so
the knowledge base equals a full build of the same files.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from kartoteka import __version__, store
from kartoteka.build import (
    MAX_FILE_MB,
    Finish,
    NothingBuilt,
    Summary,
    Work,
    default_workers,
    extract_files,
    store_records,
    thawed_at_end,
)
from kartoteka.curation import default_path
from kartoteka.curation import load as load_decisions
from kartoteka.ingest import discover
from kartoteka.pool import Limits
from kartoteka.progress import Progress, quiet
from kartoteka.records import Record, content_hash
from kartoteka.records import load as load_records
from kartoteka.store import Problem, StoreError


def add(
    sources: list[Path],
    db_path: Path,
    workers: int | None = None,
    progress: Progress | None = None,
    curation: Path | None = None,
    limits: Limits | None = None,
    max_file_mb: float = MAX_FILE_MB,
) -> Summary:
    """Add these sources (files or folders, named as `build` names them) to the
    knowledge base at `db_path`, extracting only new or changed files.

    Raises `StoreError` when `db_path` is no knowledge base `add` can extend,
    `store.BusyError` when a build of it is running, and `NothingBuilt` (the
    file left as it was) when none of the sources could be read.
    """
    with store.writing(db_path), thawed_at_end():
        curation = curation or default_path(Path(db_path))
        load_decisions(curation)  # a broken file stops the work before it starts
        began = time.perf_counter()
        base = _base(db_path)
        found, errors = discover(sources)
        problems = [Problem(e.file, e.level, e.problem) for e in errors]
        changed = [(path, file) for path, file in found if base.changed(path, file)]
        _check_current(base, {file for _, file in changed})
        work = Work(workers or default_workers(), limits or Limits(), max_file_mb)
        fresh = extract_files(changed, work, progress, problems)
        if len(fresh) + len(found) - len(changed) == 0:
            raise NothingBuilt(_nothing_added(db_path, found), problems)
        kept = {**base.records, **{r.file: r for r in fresh}}
        added = " ".join([base.sources, *map(str, sources)]).strip()
        info = {"version": __version__, "sources": added}
        finish = Finish(db_path, curation, info, began, progress or quiet)
        summary = store_records(list(kept.values()), finish, problems)
    return replace(summary, extracted=len(fresh))


@dataclass(frozen=True)
class Base:
    """What a knowledge base keeps for `add`: this extractor's records by file,
    the files another version read (`stale`), and the sources it was built of."""

    records: dict[str, Record]
    stale: list[str]
    sources: str

    def changed(self, path: Path, file: str) -> bool:
        """Whether a file is new here, or its bytes differ from its record's."""
        record = self.records.get(file)
        return record is None or record.hash != content_hash(path)


def _base(db_path: Path) -> Base:
    """Read what the knowledge base at `db_path` keeps for `add`."""
    with closing(store.connect(db_path)) as db:
        try:
            kept, stale = load_records(db)
            info = dict(db.execute("SELECT key, value FROM build").fetchall())
        except sqlite3.OperationalError as error:
            raise StoreError(
                f"{db_path}: it keeps no extractions to add to ({error}); "
                "build it once with 'kartoteka build'"
            ) from error
    return Base({r.file: r for r in kept}, stale, info.get("sources", ""))


def _check_current(base: Base, changed: set[str]) -> None:
    """Refuse to mix extractions of two versions: every file another extractor
    read must be among those added again."""
    stale = [f for f in base.stale if f not in changed]
    if stale:
        raise StoreError(
            f"{len(stale)} file(s) in the knowledge base were read by another "
            f"version of kartoteka or cannot be read back (first: {stale[0]}); "
            "add them again too, "
            "or rebuild with 'kartoteka build'"
        )


def _nothing_added(db_path: Path, found: list[tuple[Path, str]]) -> str:
    why = "no document could be read" if found else "no source files were found"
    return f"nothing was added: {why}; {db_path} was left unchanged"
