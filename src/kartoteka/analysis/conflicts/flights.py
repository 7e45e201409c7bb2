"""Where a defector fled: "escaped to Canada" in one place, "his escape to the
United States" in another.

A person who defects does so once, so the countries a source names as the end
of the flight should agree. For each person stated to have defected, the
sentences of the passages naming them that tell a flight (data/flights.yaml)
with a country right after the cue, and that name the person last before the
cue (or no one, in a document about the person), give a destination each; two
countries that are not names of one country make a conflict.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from kartoteka.analysis.conflicts.accounts import Read, named_passages, sentences
from kartoteka.analysis.conflicts.cues import vocabulary, word_pattern, words
from kartoteka.data import load
from kartoteka.model import Claim, Conflict, stable_id

NEAR = 40  # characters between a cue and its country at most
_LEAD = re.compile(rf"[^.;:\n]{{0,{NEAR}}}?\b(?:to|into|in|в|во)\s+", re.I)


@dataclass(frozen=True)
class Flight:
    """A sentence that sends the person to a country."""

    document: str
    file: str
    start: int
    end: int
    country: str
    evidence: str


@cache
def _cue() -> re.Pattern[str]:
    return word_pattern(vocabulary("flights.yaml", "cues"))


@cache
def _countries() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each country's first name and a pattern of all its names."""
    data = load("places.yaml")["countries_and_regions"]
    groups = [list(g) for g in load("flights.yaml")["same"]]
    grouped = {w.lower() for g in groups for w in g}
    groups += [[w] for w in data if w.lower() not in grouped]
    return tuple(
        (g[0], re.compile(rf"(?:the\s+)?(?:{words(g)})(?!\w)", re.I)) for g in groups
    )


def _country(text: str, at: int, end: int) -> str | None:
    """The country named right after a cue ("to (the) X", "в X") before `end`
    (the sentence's), or None; the text is read in place, not copied."""
    lead = _LEAD.match(text, at, end)
    if lead is None:
        return None
    found = (name for name, p in _countries() if p.match(text, lead.end(), end))
    return next(found, None)


def _flights(
    db: sqlite3.Connection,
    person: str,
    main: dict[str, str],
    documents: dict[str, Read],
) -> Iterator[Flight]:
    """The person's flights in the passages naming them; `documents` keeps
    each document read, once for every defector it names."""
    spans = named_passages(db, person, documents)
    spans.sort(key=lambda span: (documents[span[0]].file, span[1], span[2]))
    for document, start, end in spans:
        file, text = documents[document].file, documents[document].text
        for first, last in sentences(text, start, end):
            for cue in _cue().finditer(text, first, last):
                country = _country(text, cue.end(), last)
                if country and _said_of(db, document, first, cue.start(), person, main):
                    evidence = " ".join(text[first:last].split())
                    yield Flight(document, file, first, last, country, evidence)
                    break


def _said_of(
    db: sqlite3.Connection, document: str, first: int, cue: int, person: str,
    main: dict[str, str],
) -> bool:  # fmt: skip
    """The person is the last one named before the cue in its sentence, or no
    one is and the document is about the person ("he fled to X")."""
    last = db.execute(
        "SELECT entity FROM mentions WHERE document = ? AND type = 'person'"
        " AND start >= ? AND start <= ? AND end <= ? AND entity IS NOT NULL"
        " ORDER BY start DESC LIMIT 1",
        (document, first, cue, cue),
    ).fetchone()
    return bool((last[0] if last else main.get(document)) == person)


def flight_conflicts(
    db: sqlite3.Connection, persons: Iterable[tuple[str, str]], main: dict[str, str]
) -> list[Conflict]:
    """Defectors (person id, name) whose flights end in different countries."""
    out = []
    documents: dict[str, Read] = {}
    for person, name in persons:
        found = list(_flights(db, person, main, documents))
        if len({f.country for f in found}) < 2:
            continue
        claims = tuple(
            Claim(stable_id(f.document, f.start, f.end, person, "flight"),
                  f.document, f.file, f.start, f.end, f.country, "asserted",
                  f.evidence)
            for f in found
        )  # fmt: skip
        question = f"where {name} fled to"
        out.append(Conflict(person, name, "flight", question, claims))
    return out
