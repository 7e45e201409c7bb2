"""Read the knowledge base: find a person by any spelling, and assemble a dossier."""

from __future__ import annotations

import json
import re
import sqlite3
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kartoteka.pages import PAGE_BREAK, page_label
from kartoteka.store import search_keys

LINE_BREAK = re.compile("\n")


@dataclass(frozen=True)
class Citation:
    """Where a statement comes from: file, character span, line (and page, in a
    paged source such as a PDF), and the words."""

    file: str
    start: int
    end: int
    line: int
    quote: str
    note: str | None = None
    page: int | None = None

    @property
    def place(self) -> str:
        """How a reader finds the words: `file, p. 47` in a paged source, else
        `file:line`."""
        if self.page is not None:
            return f"{self.file}, p. {self.page}"
        return f"{self.file}:{self.line}"

    def __str__(self) -> str:
        where = f"note {self.note}, " if self.note else ""
        return f"{self.place} ({where}{self.start}-{self.end})"


def cite(
    file: str,
    text: str,
    start: int,
    end: int,
    width: int = 160,
    note: str | None = None,
) -> Citation:
    """The citation of `text[start:end]` in `file`, with its line and page."""
    return Citation(
        file=file,
        start=start,
        end=end,
        line=text.count("\n", 0, start) + 1,
        quote=quote(text, start, end, width),
        note=note,
        page=page_label(text, start),
    )


@dataclass(frozen=True)
class Fact:
    """One event on a card, with its source."""

    type: str
    date: str | None
    stance: str
    agent: str | None
    org: str | None
    place: str | None
    citation: Citation
    id: str = ""
    document: str = ""
    agent_id: str | None = None
    org_id: str | None = None
    position: str | None = None


@dataclass(frozen=True)
class Dossier:
    """A person's card: names seen (with the files that use them) and facts."""

    id: str
    name: str
    type: str
    names: dict[str, list[str]]
    facts: list[Fact]


def find_entities(
    db: sqlite3.Connection, query: str, kind: str | None = None
) -> list[sqlite3.Row]:
    """Entities whose names match the query in any spelling or script, best first."""
    keys = search_keys(query)
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    sql = f"""
        SELECT e.id, e.type, e.name, COUNT(DISTINCT k.key) AS hits,
               (SELECT COUNT(*) FROM mentions m WHERE m.entity = e.id) AS weight
        FROM name_keys k JOIN entities e ON e.id = k.entity
        WHERE k.key IN ({marks}) {"AND e.type = ?" if kind else ""}
        GROUP BY e.id ORDER BY hits DESC, weight DESC, e.name"""
    params = [*sorted(keys), *([kind] if kind else [])]
    return list(db.execute(sql, params))


def quote(text: str, start: int, end: int, width: int = 160) -> str:
    """The cited words on one line, shortened in the middle when long."""
    words = " ".join(text[start:end].split())
    if len(words) <= width:
        return words
    half = width // 2 - 2
    return f"{words[:half]} … {words[-half:]}"


def dossier(
    db: sqlite3.Connection,
    entity_id: str,
    kind: str | None = None,
    named: bool = True,
) -> Dossier | None:
    """The card of one entity, every fact traced to a file and span; with
    `kind`, a page of its statements: the facts of that type and no names;
    not `named`, no names either (a stored card lists its spellings itself)."""
    entity = db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if entity is None:
        return None
    names = _names(db, entity_id) if named and not kind else {}
    rows = db.execute(
        f"""SELECT ev.*, d.file, a.name AS agent_name, o.name AS org_name, {CITED}
           FROM events ev JOIN documents d ON d.id = ev.document
           LEFT JOIN entities a ON a.id = ev.agent LEFT JOIN entities o ON o.id = ev.org
           LEFT JOIN citations c ON c.statement = ev.id
           WHERE ev.person = ? AND ev.type = COALESCE(?, ev.type)
           ORDER BY COALESCE(ev.date, '9999'), d.file, ev.start""",
        (entity_id, kind),
    ).fetchall()
    cited = citations(db, rows)
    facts = [_fact(row, citation) for row, citation in zip(rows, cited, strict=True)]
    return Dossier(entity["id"], entity["name"], entity["type"], names, facts)


def _names(db: sqlite3.Connection, entity_id: str) -> dict[str, list[str]]:
    """Each name of a card with the files that use it, first used first."""
    names: dict[str, list[str]] = defaultdict(list)
    for row in db.execute(
        """SELECT m.name, d.file FROM mentions m JOIN documents d ON d.id = m.document
           WHERE m.entity = ? GROUP BY m.name, d.file ORDER BY MIN(m.rowid)""",
        (entity_id,),
    ):
        names[row["name"]].append(row["file"])
    return dict(names)


@dataclass(frozen=True)
class Source:
    """A document read once for many citations: its text, where its lines break,
    and its footnotes (start, end, number)."""

    file: str
    text: str
    breaks: list[int]
    notes: list[tuple[int, int, str | None]]
    paged: bool

    def cite(self, start: int, end: int) -> Citation:
        """As `cite`, with the footnote the span stands in."""
        note = next((n for s, e, n in self.notes if s <= start and end <= e), None)
        return Citation(
            file=self.file,
            start=start,
            end=end,
            line=bisect_left(self.breaks, start) + 1,
            quote=quote(self.text, start, end),
            note=note,
            page=page_label(self.text, start) if self.paged else None,
        )


def sources(db: sqlite3.Connection, documents: Iterable[str]) -> dict[str, Source]:
    """The documents that many statements cite, each read once (two queries)."""
    wanted = json.dumps(sorted(set(documents)))
    notes = _footnotes(db, "AND document IN (SELECT value FROM json_each(?))", wanted)
    return {
        document: _source(file, text, notes[document])
        for document, file, text in db.execute(
            "SELECT id, file, text FROM documents"
            " WHERE id IN (SELECT value FROM json_each(?))",
            (wanted,),
        )
    }


def _footnotes(
    db: sqlite3.Connection, among: str = "", *params: str
) -> dict[str, list[tuple[int, int, str | None]]]:
    """The footnotes (start, end, number) of each document (of those `among`
    selects), in their order."""
    notes: dict[str, list[tuple[int, int, str | None]]] = defaultdict(list)
    for document, start, end, note in db.execute(
        f"""SELECT document, start, end, note FROM passages WHERE kind = 'footnote'
           {among} ORDER BY document, seq""",
        params,
    ):
        notes[document].append((start, end, note))
    return notes


def _source(file: str, text: str, notes: list[tuple[int, int, str | None]]) -> Source:
    return Source(file, text, _breaks(text), notes, PAGE_BREAK in text)


def _breaks(text: str) -> list[int]:
    """Where the lines of a text break: a span's line is one plus those before it."""
    return [m.start() for m in LINE_BREAK.finditer(text)]


# The columns of a statement's stored citation, joined as `c`.
CITED = "c.line AS cited_line, c.quote AS cited_quote, c.note AS cited_note, "
CITED += "c.page AS cited_page"


def keep_citations(db: sqlite3.Connection) -> None:
    """Find where every event stands in its source (line, quote, footnote,
    page) once, reading each document once, so that a card cites its
    statements without reading the texts."""
    db.execute("DELETE FROM citations")
    notes = _footnotes(db)
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for document, statement, start, end in db.execute(
        "SELECT document, id, start, end FROM events ORDER BY document, start, rowid"
    ):  # each document's in the order of its index, as asked one by one before
        spans[document].append((statement, start, end))
    for (document,) in db.execute("SELECT id FROM documents").fetchall():
        if document not in spans:
            continue  # no statement to cite: its text goes unread
        file, text = db.execute(
            "SELECT file, text FROM documents WHERE id = ?", (document,)
        ).fetchone()
        source = _source(file, text, notes[document])
        cited = [(i, source.cite(start, end)) for i, start, end in spans[document]]
        db.executemany(  # a document at a time: only its quotes are held
            "INSERT INTO citations VALUES (?, ?, ?, ?, ?)",
            [(i, c.line, c.quote, c.note, c.page) for i, c in cited],
        )


def citations(db: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[Citation]:
    """The citation of each statement row (with `file` and the `CITED`
    columns): as stored, or made from its source when none is."""
    unread = (r["document"] for r in rows if r["cited_line"] is None)
    found = sources(db, unread)
    return [
        Citation(
            r["file"],
            r["start"],
            r["end"],
            r["cited_line"],
            r["cited_quote"],
            r["cited_note"],
            r["cited_page"],
        )
        if r["cited_line"] is not None
        else found[r["document"]].cite(r["start"], r["end"])
        for r in rows
    ]


def _fact(row: sqlite3.Row, citation: Citation) -> Fact:
    return Fact(
        row["type"],
        row["date"],
        row["stance"],
        row["agent_name"],
        row["org_name"],
        row["place"],
        citation,
        id=row["id"],
        document=row["document"],
        agent_id=row["agent"],
        org_id=row["org"],
        position=row["position"],
    )


@dataclass(frozen=True)
class Link:
    """Why two names are on one card (or kept apart): who said so, and the reason."""

    a: str
    a_file: str
    b: str
    b_file: str
    same: bool
    author: str
    reason: str
    count: int


def links(db: sqlite3.Connection, entity_id: str) -> list[Link]:
    """The judgements behind a card, one line per pair of names and reason."""
    rows = db.execute(
        """WITH mine AS (SELECT id FROM mentions WHERE entity = ?),
                chosen AS (SELECT rowid FROM judgements WHERE a IN mine
                           UNION SELECT rowid FROM judgements WHERE b IN mine)
           SELECT ma.name AS a_name, da.file AS a_file, mb.name AS b_name,
                  db.file AS b_file, j.same, j.author, j.reason, COUNT(*) AS count
           FROM chosen JOIN judgements j ON j.rowid = chosen.rowid
           JOIN mentions ma ON ma.id = j.a JOIN documents da ON da.id = ma.document
           JOIN mentions mb ON mb.id = j.b JOIN documents db ON db.id = mb.document
           GROUP BY a_name, a_file, b_name, b_file, j.same, j.author, j.reason
           ORDER BY j.same DESC, a_file = b_file, a_file, a_name""",
        (entity_id,),
    )
    return [
        Link(
            r["a_name"],
            r["a_file"],
            r["b_name"],
            r["b_file"],
            bool(r["same"]),
            r["author"],
            r["reason"],
            r["count"],
        )
        for r in rows
    ]
