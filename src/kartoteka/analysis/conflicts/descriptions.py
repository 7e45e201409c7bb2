"""Identifications from a description: "one was described as a Scotsman of good
family ... These descriptions fitted X."

A source that matches an unnamed person's description to a named one makes a
guess that other sources (or reference works) may not share: a question of
identity, with the description (the sentence before) and the identification as
its two claims, about the person named last after the cue (data/identities.yaml).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from functools import cache

from kartoteka.analysis.conflicts.accounts import sentences
from kartoteka.analysis.conflicts.cues import body_passages, vocabulary, word_pattern
from kartoteka.model import Claim, Conflict, stable_id


@cache
def _fitting() -> re.Pattern[str]:
    return word_pattern(vocabulary("identities.yaml", "fitting"))


def description_conflicts(
    db: sqlite3.Connection, entity: str | None = None
) -> list[Conflict]:
    """Descriptions the source matches to named persons (about one, or all)."""
    return [c for c in _found(db, entity) if entity in (None, c.about)]


def _found(db: sqlite3.Connection, entity: str | None) -> Iterator[Conflict]:
    for document, file, text, start, end in body_passages(db, entity):
        if not _fitting().search(text, start, end):
            continue
        before: tuple[int, int] | None = None
        for first, last in sentences(text, start, end):
            cue = _fitting().search(text, first, last)
            if cue is not None and before is not None:
                named = db.execute(
                    """SELECT m.entity, e.name FROM mentions m
                       JOIN entities e ON e.id = m.entity
                       WHERE m.document = ? AND m.type = 'person'
                       AND m.start >= ? AND m.start <= ? AND m.end <= ?
                       ORDER BY m.start""",
                    (document, cue.end(), last, last),
                ).fetchall()
                if named:
                    yield _conflict(document, file, text, before, (first, last), named)
            before = (first, last)


def _conflict(
    document: str,
    file: str,
    text: str,
    described: tuple[int, int],
    fitted: tuple[int, int],
    named: list[tuple[str, str]],
) -> Conflict:
    about, name = named[-1]
    names = " and ".join(dict.fromkeys(n for _, n in named))
    claims = tuple(
        Claim(stable_id(document, a, b, about, "described"), document, file, a, b,
              value, stance, " ".join(text[a:b].split()))
        for (a, b), value, stance in (
            (described, "as described", "asserted"),
            (fitted, f"{names} (fitting the description)", "disputed"),
        )
    )  # fmt: skip
    question = f"whether the person described was {name}"
    return Conflict(about, name, "identity", question, claims)
