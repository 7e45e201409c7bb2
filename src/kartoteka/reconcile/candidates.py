"""Reconciliation: a name in any spelling or script, and what else is known, to cards.

This is what `/reconcile` (the W3C Reconciliation Service API that OpenRefine
speaks) answers with. Candidates are found the way `kartoteka person` finds a
card (the transliteration keys of each word), then scored by how much of the
query they cover, whether the project's name matcher says the names agree, and
whether the birth year and organizations given with the query fit the card.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

from kartoteka.query import find_entities
from kartoteka.reconcile.extend import DEATHS
from kartoteka.resolve.matching import names_match
from kartoteka.store import word_search_keys

TYPES = {"person": "Person", "org": "Organization", "place": "Place"}
MAX_CANDIDATES = 50  # rows of the key lookup that are scored at all
MAX_NAMES = 30  # names of a card compared with the query
# A card's score out of 100: the name gives up to 80 (word coverage, agreement
# by the name matcher, the exact name), each fact given with the query 10.
COVERAGE, AGREEMENT, EXACT = 40.0, 25.0, 15.0
CONFIRMED, CONTRADICTED = 10.0, 30.0


@dataclass(frozen=True)
class Query:
    """One reconciliation query: a name, optionally a type and known facts."""

    text: str
    type: str | None = None
    limit: int = 5
    born: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A card that may be the one the query names, with its score out of 100."""

    id: str
    name: str
    type: str
    score: float
    match: bool
    description: str
    features: tuple[tuple[str, float], ...]


def fold(text: str) -> str:
    """A name compared as written, without case and spacing differences."""
    return " ".join(text.casefold().replace("’", "'").split())


def card_names(db: sqlite3.Connection, entity: str) -> list[str]:
    """The names a card goes by in the sources, most used first."""
    rows = db.execute(
        """SELECT name FROM mentions WHERE entity = ? GROUP BY name
           ORDER BY COUNT(*) DESC, MIN(rowid) LIMIT ?""",
        (entity, MAX_NAMES),
    )
    return [r["name"] for r in rows]


def _coverage(db: sqlite3.Connection, entity: str, text: str) -> float:
    """The share of the query's words that the card's names spell in some way."""
    words = word_search_keys(text)
    if not words:
        return 0.0
    rows = db.execute("SELECT key FROM name_keys WHERE entity = ?", (entity,))
    keys = {r["key"] for r in rows}
    return sum(bool(word & keys) for word in words) / len(words)


def birth_years(db: sqlite3.Connection, entity: str) -> set[str]:
    """The years of birth the sources give for a card."""
    rows = db.execute(
        """SELECT date FROM events WHERE person = ? AND type = 'born'
           AND date IS NOT NULL""",
        (entity,),
    )
    return {r["date"][:4] for r in rows if r["date"][:4].isdigit()}


def card_orgs(db: sqlite3.Connection, entity: str) -> dict[str, str]:
    """The organizations a card's statements tie it to: id → name."""
    rows = db.execute(
        """SELECT DISTINCT o.id, o.name FROM events ev JOIN entities o ON o.id = ev.org
           WHERE ev.person = ? ORDER BY o.name""",
        (entity,),
    )
    return {r["id"]: r["name"] for r in rows}


def _org_ids(db: sqlite3.Connection, wanted: tuple[str, ...]) -> set[str]:
    """Organization cards named by the query's values (an id or a name)."""
    found: set[str] = set()
    for value in wanted:
        found |= {r["id"] for r in find_entities(db, value, kind="org")}
        known = db.execute(
            "SELECT id FROM entities WHERE id = ? AND type = 'org'", (value,)
        ).fetchone()
        if known:
            found.add(known["id"])
    return found


def _facts_score(
    db: sqlite3.Connection, entity: str, query: Query, orgs: set[str]
) -> tuple[float, bool, list[tuple[str, float]]]:
    """Points for the facts given with the query, whether one contradicts the card,
    and the features that explain it."""
    points, contradicted, features = 0.0, False, []
    if query.born:
        years = birth_years(db, entity)
        fits = bool(years & {b[:4] for b in query.born})
        features.append(("birth_year", 1.0 if fits else 0.0))
        if fits:
            points += CONFIRMED
        elif years:
            points -= CONTRADICTED
            contradicted = True
    if query.orgs:
        fits = bool(orgs & card_orgs(db, entity).keys())
        features.append(("organization", 1.0 if fits else 0.0))
        points += CONFIRMED if fits else 0.0
    return points, contradicted, features


def _score(
    db: sqlite3.Connection, row: sqlite3.Row, query: Query, orgs: set[str]
) -> tuple[Candidate, bool, int]:
    """One candidate, whether its names agree with the query, and its mentions."""
    names = [row["name"], *card_names(db, row["id"])]
    coverage = _coverage(db, row["id"], query.text)
    if row["type"] == "person":
        agrees = any(names_match(query.text, n) for n in names)
    else:
        agrees = coverage == 1.0
    exact = fold(query.text) in {fold(n) for n in names}
    facts, contradicted, features = _facts_score(db, row["id"], query, orgs)
    score = COVERAGE * coverage + AGREEMENT * agrees + EXACT * exact + facts
    candidate = Candidate(
        id=row["id"],
        name=row["name"],
        type=row["type"],
        score=round(max(0.0, score), 1),
        match=False,
        description=describe(db, row["id"], row["type"]),
        features=(
            ("name_coverage", round(coverage, 3)),
            ("name_agrees", 1.0 if agrees else 0.0),
            ("exact_name", 1.0 if exact else 0.0),
            *features,
        ),
    )
    return candidate, agrees and not contradicted, row["weight"]


def reconcile(db: sqlite3.Connection, query: Query) -> list[Candidate]:
    """Cards that may be the one the query names, best first.

    The first is marked a `match` when its names agree with the query, no fact
    given contradicts it, and no other agreeing card scores as high.
    """
    kind = query.type if query.type in TYPES else None
    rows = [r for r in find_entities(db, query.text, kind=kind) if r["type"] in TYPES][
        :MAX_CANDIDATES
    ]
    orgs = _org_ids(db, query.orgs)
    scored = [_score(db, row, query, orgs) for row in rows]
    scored.sort(key=lambda s: (-s[0].score, -s[2], s[0].name))
    if not scored:
        return []
    best, agrees, _ = scored[0]
    rivals = [c for c, ok, _ in scored[1:] if ok and c.score >= best.score - EXACT]
    certain = agrees and not rivals and best.score >= COVERAGE + AGREEMENT
    top = replace(best, match=certain)
    return [top, *(c for c, _, _ in scored[1 : query.limit])]


def describe(db: sqlite3.Connection, entity: str, type_: str) -> str:
    """A line that tells namesakes apart: life dates and organizations."""
    if type_ != "person":
        return TYPES.get(type_, type_)
    rows = db.execute(
        f"""SELECT type, MIN(date) AS date FROM events WHERE person = ?
            AND type IN ('born', {",".join("?" * len(DEATHS))}) AND date IS NOT NULL
            GROUP BY type = 'born'""",
        (entity, *DEATHS),
    )
    life = {("born" if r["type"] == "born" else "died"): r["date"] for r in rows}
    parts = [f"{key} {life[key]}" for key in ("born", "died") if key in life]
    orgs = list(card_orgs(db, entity).values())[:3]
    return "; ".join([*parts, *orgs]) or "Person"
