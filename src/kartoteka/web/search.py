"""One search box: cards by any spelling or script, and passages by full text.

Cards are found through their folded name keys (so Ежов finds Yezhov); passages
through the FTS5 index built with the knowledge base. A query that names a person
also finds the passages that spell that person's name differently.

A query is bounded before any work: FTS5's snippet() weighs each match of each
phrase against the others, so its cost grows with the square of the matches in
a passage. Repeated words count once, and a word too short to be a useful
prefix is matched whole (`"t"*` would match a fifth of every passage).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from kartoteka.query import find_entities

HIT_START, HIT_END = "\ue000", "\ue001"  # private-use marks that no source contains
WORD = re.compile(r"\w+")
CYRILLIC = re.compile(r"[а-яё]", re.I)
# Case and gender endings of Russian names, longest first; -ов/-ев/-ин are surnames.
RUSSIAN_ENDINGS = (
    *("ого", "его", "ому", "ему", "ими", "ыми", "ой", "ей", "ий", "ый", "ая", "яя"),
    *("ым", "им", "ом", "ем", "ую", "юю", "а", "я", "у", "ю", "е", "ы", "и", "й"),
)
KINDS = ("person", "org", "place")
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 16
MIN_PREFIX = 3  # "a"* would match every word that starts with an a


class QueryRefused(ValueError):
    """A query too long to search; the message tells the user how to shorten it."""


@dataclass(frozen=True)
class CardHit:
    """A card whose names match the query."""

    id: str
    type: str
    name: str
    names: list[str]
    mentions: int


@dataclass(frozen=True)
class PassageHit:
    """A passage that contains the words, as a snippet with the matches marked."""

    document: str
    file: str
    title: str
    start: int
    end: int
    kind: str
    parts: list[tuple[str, bool]]


@dataclass(frozen=True)
class Results:
    """Everything the search page shows for one query."""

    query: str
    cards: dict[str, list[CardHit]]
    passages: list[PassageHit]
    spellings: list[str]


def check_query(query: str) -> None:
    """Refuse a query whose length or number of distinct words is past the bounds."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRefused(
            f"The search is {len(query):,} characters long; at most "
            f"{MAX_QUERY_CHARS} are searched. Search for a name or a few words."
        )
    terms = len({w.casefold() for w in WORD.findall(query)})
    if terms > MAX_QUERY_TERMS:
        raise QueryRefused(
            f"The search has {terms} different words; at most {MAX_QUERY_TERMS} "
            "are searched. Search for a name or a few words."
        )


def card_hits(
    db: sqlite3.Connection, query: str, kind: str, limit: int
) -> list[CardHit]:
    return _with_names(db, find_entities(db, query, kind=kind)[:limit])


def _with_names(db: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[CardHit]:
    """Cards with the names the sources use most for each."""
    hits = []
    for row in rows:
        names = [
            r["name"]
            for r in db.execute(
                """SELECT name FROM mentions WHERE entity = ? GROUP BY name
                   ORDER BY COUNT(*) DESC, MIN(rowid) LIMIT 6""",
                (row["id"],),
            )
        ]
        hits.append(CardHit(row["id"], row["type"], row["name"], names, row["weight"]))
    return hits


def spellings(db: sqlite3.Connection, card: CardHit) -> list[str]:
    """The surnames a card is spelled with in the sources, for the full-text query."""
    words = []
    for row in db.execute(
        "SELECT DISTINCT name FROM mentions WHERE entity = ?", (card.id,)
    ):
        found = WORD.findall(row["name"])
        if found and len(found[-1]) > 2:
            words.append(found[-1])
    return sorted(set(words))


def stem(word: str) -> str:
    """A Russian word without its case ending, so the prefix finds every case form."""
    if len(word) < 5 or not CYRILLIC.search(word):
        return word
    for ending in RUSSIAN_ENDINGS:
        if word.lower().endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def fts_term(word: str) -> str:
    """One word as an FTS5 phrase: a prefix of its stem, or whole when short."""
    stemmed = stem(word)
    return f'"{stemmed}"*' if len(stemmed) >= MIN_PREFIX else f'"{word}"'


def fts_query(query: str, extra: list[str]) -> str | None:
    """An FTS5 expression: each distinct word of the query, or another spelling."""
    terms: dict[str, str] = {}
    for word in WORD.findall(query):
        terms.setdefault(word.casefold(), fts_term(word))
    words = dict.fromkeys(terms.values())
    if not words:
        return None
    alternatives = [" ".join(words), *(fts_term(w) for w in extra)]
    return " OR ".join(f"({a})" for a in dict.fromkeys(alternatives))


def marked_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet at the match marks into (text, is_match) parts."""
    parts: list[tuple[str, bool]] = []
    for piece in re.split(f"({HIT_START}.*?{HIT_END})", snippet):
        if piece.startswith(HIT_START):
            parts.append((piece[1:-1], True))
        elif piece:
            parts.append((piece, False))
    return parts


def passages(db: sqlite3.Connection, expression: str, limit: int) -> list[PassageHit]:
    """Passages matching an FTS5 expression, best first."""
    rows = db.execute(
        f"""SELECT t.document, t.start, t.end, d.file, d.title,
                   snippet(passage_text, 0, '{HIT_START}', '{HIT_END}', '…', 24) AS s,
                   (SELECT kind FROM passages p WHERE p.document = t.document
                    AND p.start = t.start) AS kind
            FROM passage_text t JOIN documents d ON d.id = t.document
            WHERE passage_text MATCH ? ORDER BY rank LIMIT ?""",
        (expression, limit),
    )
    return [
        PassageHit(
            r["document"],
            r["file"],
            r["title"],
            r["start"],
            r["end"],
            r["kind"] or "body",
            marked_parts(r["s"]),
        )
        for r in rows
    ]


def search(db: sqlite3.Connection, query: str, limit: int = 20) -> Results:
    """Cards of every kind and passages for one query typed in the search box."""
    query = query.strip()
    check_query(query)
    found_entities = find_entities(db, query)
    cards = {
        kind: _with_names(db, [r for r in found_entities if r["type"] == kind][:limit])
        for kind in KINDS
    }
    extra = spellings(db, cards["person"][0]) if cards["person"] else []
    expression = fts_query(query, extra)
    found = passages(db, expression, limit * 2) if expression else []
    return Results(query, cards, found, extra)
