"""What every page handler shares: the settings, the templates, and the caches.

A rebuild replaces the knowledge base file and a curation edit changes it, so
connections and cached values are tied to the file's identity and modification
time: the next request sees the new state without a restart.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.responses import HTMLResponse

from kartoteka import curation
from kartoteka.cards.card import Card
from kartoteka.cards.stored import stored_card
from kartoteka.curation import Decision
from kartoteka.edtf import describe
from kartoteka.store import connect
from kartoteka.web.security import form_key, same

T = TypeVar("T")
PROGRESS_STEPS = 10_000  # SQLite instructions between two looks at the clock


def _author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "user"


@dataclass(frozen=True)
class Settings:
    """How the server was started; the only configuration the web app has."""

    db_path: Path
    curation_path: Path | None = None
    edit: bool = False
    token: str | None = None
    author: str = field(default_factory=_author)
    host: str = "127.0.0.1"
    port: int = 8000
    page_size: int = 100
    time_limit: float = 30.0
    allowed_hosts: tuple[str, ...] = ()
    # Pages that may read /reconcile and /ipif: OpenRefine at its usual address.
    api_origins: tuple[str, ...] = ("http://127.0.0.1:3333", "http://localhost:3333")

    @property
    def curation_file(self) -> Path:
        return self.curation_path or curation.default_path(self.db_path)


class WorkLimit(Exception):
    """A request ran past its time limit (or the server is stopping) and was stopped."""


def file_stamp(path: Path) -> tuple[int, int, int]:
    """What changes when a file is rewritten or replaced."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return (0, 0, 0)
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class Cached:
    """Values computed from a file, forgotten when the file changes.

    Each value has a key (one per filter, say); the oldest is dropped when more
    than `size` are kept.
    """

    def __init__(self, path: Callable[[], Path], size: int = 1) -> None:
        self.path = path
        self.size = size
        self.lock = threading.Lock()
        self.stamp: tuple[int, int, int] | None = None
        self.values: dict[Hashable, Any] = {}

    def get(self, compute: Callable[[], T], key: Hashable = None) -> T:
        stamp = file_stamp(self.path())
        with self.lock:
            if stamp != self.stamp:
                self.values.clear()
                self.stamp = stamp
            if key not in self.values:
                if len(self.values) >= self.size:
                    self.values.pop(next(iter(self.values)))
                self.values[key] = compute()
            value: T = self.values[key]
            return value

    def peek(self, key: Hashable) -> Any:
        """The value kept for `key` while the file is unchanged, else None;
        never computes, so an event loop may ask."""
        stamp = file_stamp(self.path())
        with self.lock:
            return self.values.get(key) if stamp == self.stamp else None


def environment() -> Environment:
    """The templates, with every value escaped unless a template says otherwise."""
    env = Environment(
        loader=PackageLoader("kartoteka.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["span_href"] = span_href
    env.filters["when"] = describe
    env.filters["query"] = lambda params: urlencode(
        {k: v for k, v in params.items() if v not in (None, "", False)}
    )
    return env


def span_href(document: str, start: int, end: int) -> str:
    """The deep link that opens a document at a span and highlights it."""
    return f"/doc/{document}#{start}-{end}"


class Site:
    """The settings and shared state of one running web app."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.env = environment()
        self.index = Cached(lambda: settings.db_path)
        self.choices = Cached(lambda: settings.db_path)
        self.curation = Cached(lambda: settings.curation_file)
        self.overview = Cached(lambda: settings.db_path)
        self.networks = Cached(lambda: settings.db_path, size=16)
        self.conflicts = Cached(lambda: settings.db_path, size=4)
        self.card_pages = Cached(lambda: settings.db_path, size=32)
        self.review = Cached(lambda: settings.db_path, size=2)
        self.edit_lock = threading.Lock()
        self.local = threading.local()
        self.stopping = threading.Event()

    def compile_templates(self) -> None:
        """Compile every template now rather than on the first page using it."""
        for name in self.env.list_templates(extensions=["html"]):
            self.env.get_template(name)

    @contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        """The knowledge base, read-only, for one request, within the time limit.

        Each worker thread keeps its connection (and so SQLite's page cache)
        while the file stays the same one; a rebuild replaces the file, and the
        next request opens the new one. SQLite looks at the clock as it works,
        so no request holds a thread past the limit or the server's shutdown.
        """
        inode = file_stamp(self.settings.db_path)[0]
        held: tuple[int, sqlite3.Connection] | None = getattr(self.local, "db", None)
        if held is None or held[0] != inode:
            if held is not None:
                held[1].close()
            held = (inode, connect(self.settings.db_path))
            self.local.db = held
        db = held[1]
        deadline = time.monotonic() + self.settings.time_limit
        db.set_progress_handler(lambda: self._stop(deadline), PROGRESS_STEPS)
        try:
            yield db
        except sqlite3.OperationalError as error:
            if str(error) != "interrupted":
                raise
            raise WorkLimit(self._stopped_because()) from error
        finally:
            db.set_progress_handler(None, 0)

    def _stop(self, deadline: float) -> bool:
        return self.stopping.is_set() or time.monotonic() > deadline

    def _stopped_because(self) -> str:
        if self.stopping.is_set():
            return "The server is stopping; this request was not finished."
        return (
            f"This page needed more than {self.settings.time_limit:g} s of work "
            "and was stopped. For a search, use fewer or longer words."
        )

    def decisions(self) -> list[Decision]:
        """The curation file's decisions, read again only when the file changed."""
        path = self.settings.curation_file
        found: list[Decision] = self.curation.get(lambda: curation.load(path))
        return found

    def card(self, db: sqlite3.Connection, entity: str) -> Card | None:
        """A card as the knowledge base and the curation file have it now."""
        return stored_card(db, entity, self.decisions())

    def card_page_key(self, entity: str, editing: bool) -> Hashable:
        """What a card's page shows beyond the knowledge base file (whose
        changes `card_pages` follows): the curation file and the editing state."""
        return (entity, editing, file_stamp(self.settings.curation_file))

    def editing(self, cookie: str | None) -> bool:
        """Whether this browser may edit: the server allows it and the cookie fits."""
        return self.settings.edit and same(cookie, self.settings.token)

    def render(
        self, name: str, status: int = 200, editing: bool = False, **context: Any
    ) -> HTMLResponse:
        """A page from a template, with what the layout needs."""
        token = self.settings.token
        context.setdefault("q", "")
        html = self.env.get_template(name).render(
            editing=editing,
            edit_enabled=self.settings.edit,
            csrf=form_key(token) if editing and token else "",
            author=self.settings.author,
            **context,
        )
        return HTMLResponse(html, status_code=status)
