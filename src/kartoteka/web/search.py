"""One search box: cards by any spelling or script, and passages by full text.

Cards are found through their folded name keys (so Ежов finds Yezhov); passages
through the FTS5 index built with the knowledge base. A query that names a person
also finds the passages that spell that person's name differently.
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


def card_hits(
    db: sqlite3.Connection, query: str, kind: str, limit: int
) -> list[CardHit]:
    hits = []
    for row in find_entities(db, query, kind=kind)[:limit]:
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


def fts_query(query: str, extra: list[str]) -> str | None:
    """An FTS5 expression: each word of the query as a prefix, or another spelling."""
    words = [f'"{stem(w)}"*' for w in WORD.findall(query)]
    if not words:
        return None
    alternatives = [" ".join(words), *(f'"{stem(w)}"*' for w in extra)]
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
    cards = {kind: card_hits(db, query, kind, limit) for kind in KINDS}
    extra = spellings(db, cards["person"][0]) if cards["person"] else []
    expression = fts_query(query, extra)
    found = passages(db, expression, limit * 2) if expression else []
    return Results(query, cards, found, extra)
