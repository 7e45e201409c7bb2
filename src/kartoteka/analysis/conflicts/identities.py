"""Identifications a source hedges: "the officer called X (probably, Y)".

A source that names someone by one name and adds its guess at who that was
leaves open whether the two are one person: that is a question of identity,
with the name as written and the guess as its two claims. Two person mentions
with nothing but punctuation and a hedge word (data/identities.yaml) between
them are read as such a guess, whether or not the matcher joined them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from typing import Any

from kartoteka.analysis.conflicts.cues import vocabulary, words
from kartoteka.analysis.conflicts.names import _sentence
from kartoteka.model import Claim, Conflict

GAP = 40  # characters at most between the name and the guess


@cache
def _hedged() -> re.Pattern[str]:
    """Only punctuation around one hedge word: the gap between a name and a guess."""
    hedges = vocabulary("identities.yaml", "hedges")
    return re.compile(rf"[\W_]*(?<!\w)(?:{words(hedges)})(?!\w)[\W_]*", re.I)


_PAIRS = """
    SELECT m.id, m.entity, m.start, m.end, m.text, e.name, m.document, d.file
    FROM mentions m JOIN entities e ON e.id = m.entity
    JOIN documents d ON d.id = m.document
    WHERE m.type = 'person' {where} ORDER BY d.file, m.start"""


def identity_conflicts(
    db: sqlite3.Connection, entity: str | None = None
) -> list[Conflict]:
    """Hedged identifications (about the person guessed at, or all)."""
    where, params = (
        (
            "AND m.document IN (SELECT document FROM mentions WHERE entity = ?)",
            (entity,),
        )
        if entity
        else ("", ())
    )
    rows = db.execute(_PAIRS.format(where=where), params).fetchall()
    return [
        conflict
        for named, conflict in _guesses(db, rows)
        if entity in (None, named, conflict.about)
    ]


def _guesses(
    db: sqlite3.Connection, rows: list[tuple[Any, ...]]
) -> Iterator[tuple[str, Conflict]]:
    """Each pair of neighbouring names with a hedge between them, with the
    entity of the name as written."""
    texts: dict[str, str] = {}
    for named, guess in pairwise(rows):
        document = named[6]
        if guess[6] != document or guess[2] - named[3] > GAP:
            continue
        if document not in texts:
            row = db.execute("SELECT text FROM documents WHERE id = ?", (document,))
            texts[document] = str(row.fetchone()[0])
        text = texts[document]
        if _hedged().fullmatch(text, named[3], guess[2]):
            yield str(named[1]), _conflict(text, named, guess)


def _conflict(text: str, named: tuple[Any, ...], guess: tuple[Any, ...]) -> Conflict:
    evidence = _sentence(text, named[2], guess[3])
    hedge = " ".join(text[named[3] : guess[2]].split()).strip(' ,()"“”«»')
    claims = (
        Claim(named[0], named[6], named[7], named[2], named[3],
              f"{named[4]} (as named)", "asserted", evidence),
        Claim(guess[0], guess[6], guess[7], guess[2], guess[3],
              f"{guess[4]} ({hedge})", "disputed", evidence),
    )  # fmt: skip
    question = f"whether {named[4]} was {guess[5]}"
    return Conflict(str(guess[1]), str(guess[5]), "identity", question, claims)
