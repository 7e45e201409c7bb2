"""What users decided: the curation file that every rebuild applies.

Decisions name mentions by file and surface name (optionally one occurrence by
its start), never by machine ids, so they survive rebuilds and changes to the
resolver. The file is plain YAML that a user may also edit by hand; kartoteka
only ever appends to it, rewriting it atomically.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from kartoteka.model import stable_id

ACTIONS = ("merge", "split", "distinct", "confirm-event", "reject-event", "note")


class CurationError(Exception):
    """The curation file cannot be read; the message names the file and the entry."""


@dataclass(frozen=True)
class Ref:
    """Mentions of one surface name in one file (or one occurrence, with `start`)."""

    file: str
    name: str
    start: int | None = None

    def label(self) -> str:
        at = f" at {self.start}" if self.start is not None else ""
        return f"“{self.name}” in {self.file}{at}"


@dataclass(frozen=True)
class Decision:
    """One user decision with its author and time.

    merge: `a` and `b` are one person. split: `a` is not the same as `b`, and
    its mentions leave the card of `b`. distinct: `a` and `b`, on two cards,
    are two people (a reviewer's "not the same"; no card changes).
    confirm-event / reject-event: the event with id `event`. note: `text` about
    the entity of `a`, with an optional `source` citation.
    """

    action: str
    a: Ref | None = None
    b: Ref | None = None
    event: str | None = None
    text: str | None = None
    source: str | None = None
    author: str = "user"
    at: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )

    @property
    def id(self) -> str:
        a = self.a.label() if self.a else None
        b = self.b.label() if self.b else None
        return stable_id(self.action, a, b, self.event, self.text, self.at)


def default_path(db_path: Path) -> Path:
    """The curation file beside a knowledge base: `kb.sqlite` → `kb.curation.yaml`."""
    return db_path.with_name(db_path.stem + ".curation.yaml")


def _ref(value: Any, where: str) -> Ref | None:
    if value is None:
        return None
    if not isinstance(value, dict) or "file" not in value or "name" not in value:
        raise CurationError(f"{where}: a mention needs 'file' and 'name'")
    start = value.get("start")
    return Ref(
        str(value["file"]),
        str(value["name"]),
        int(start) if start is not None else None,
    )


def _decision(item: Any, where: str) -> Decision:
    if not isinstance(item, dict) or item.get("action") not in ACTIONS:
        raise CurationError(f"{where}: 'action' must be one of {', '.join(ACTIONS)}")
    decision = Decision(
        action=item["action"],
        a=_ref(item.get("a"), where),
        b=_ref(item.get("b"), where),
        event=item.get("event"),
        text=item.get("text"),
        source=item.get("source"),
        author=str(item.get("author", "user")),
        at=str(item.get("at", "")),
    )
    needs = {
        "merge": decision.a and decision.b,
        "split": decision.a and decision.b,
        "distinct": decision.a and decision.b,
        "confirm-event": decision.event,
        "reject-event": decision.event,
        "note": decision.a and decision.text,
    }
    if not needs[decision.action]:
        raise CurationError(f"{where}: a {decision.action} decision is incomplete")
    return decision


def load(path: Path) -> list[Decision]:
    """All decisions in the file; none if it does not exist yet."""
    if not path.exists():
        return []
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as error:
        raise CurationError(
            f"{path}: cannot read the curation file ({error})"
        ) from error
    if not isinstance(raw, list):
        raise CurationError(f"{path}: expected a list of decisions")
    return [_decision(item, f"{path}: entry {i + 1}") for i, item in enumerate(raw)]


def decisions_about(
    decisions: Iterable[Decision],
    names: Collection[tuple[str, str]],
    events: Collection[str] = (),
) -> list[Decision]:
    """The decisions about one card: those naming its (file, name) pairs or events."""
    return [
        d
        for d in decisions
        if (d.event and d.event in events)
        or any(r and (r.file, r.name) in names for r in (d.a, d.b))
    ]


def event_statuses(decisions: Iterable[Decision]) -> dict[str, Decision]:
    """The last confirm or reject decision for each event id: the later one wins."""
    return {
        d.event: d
        for d in decisions
        if d.event and d.action in ("confirm-event", "reject-event")
    }


def rejected_events(decisions: Iterable[Decision]) -> frozenset[str]:
    """Ids of the events a user rejected last: no view shows them."""
    return frozenset(
        event
        for event, d in event_statuses(decisions).items()
        if d.action == "reject-event"
    )


def _as_yaml(decision: Decision) -> dict[str, Any]:
    """The decision as YAML-ready data, without empty fields."""

    def drop_none(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: drop_none(v) for k, v in value.items() if v is not None}
        return value

    result: dict[str, Any] = drop_none(asdict(decision))
    return result


def append(path: Path, decision: Decision) -> None:
    """Add one decision, keeping every earlier one.

    Writers take turns (a web edit and a CLI merge at the same moment both land),
    and each writes a private file that replaces the old one atomically, so a
    crash mid-write leaves the previous file whole.
    """
    with _turn(path):
        decisions = [*load(path), decision]
        text = yaml.safe_dump(
            [_as_yaml(d) for d in decisions], allow_unicode=True, sort_keys=False
        )
        fd, partial = tempfile.mkstemp(
            dir=path.parent, prefix=path.name + ".", suffix=".partial"
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(partial, 0o644)
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise


@contextmanager
def _turn(path: Path) -> Iterator[None]:
    """Hold `<file>.lock` while the block runs; the kernel frees it if we die."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
