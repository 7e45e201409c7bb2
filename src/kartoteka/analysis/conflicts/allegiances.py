"""Whom someone served, given as alternatives: "accused of being an agent of A
or B" leaves open which service (if any) the person worked for.

A sentence with a serving cue (data/identities.yaml) followed by two
organizations joined by "or" gives both as claims, about the person named last
before the cue (or the person the document is about, where no one is).
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache

from kartoteka.analysis.conflicts.cues import word_pattern, words
from kartoteka.analysis.conflicts.quantities import Read, document_mentions
from kartoteka.data import load
from kartoteka.model import Claim, Conflict, Mention, stable_id

REACH = 30  # characters between the cue and the first organization at most


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("identities.yaml")
    cue = [w for ws in data["serving"].values() for w in ws]
    serving = word_pattern(cue)
    joined = re.compile(rf"\W*(?:{words(data['alternatives'])})\s+(?:\w+\s+){{0,2}}")
    return serving, joined


def allegiance_conflicts(
    db: sqlite3.Connection,
    main: dict[str, str],
    entity: str | None = None,
    read: Read | None = None,
) -> list[Conflict]:
    """Alternative services named for one person (about one person, or all);
    `read` keeps the documents' mentions read."""
    where, params = (
        ("WHERE id IN (SELECT document FROM mentions WHERE entity = ?)", (entity,))
        if entity
        else ("", ())
    )
    found = []
    for document, file, text in db.execute(
        f"SELECT id, file, text FROM documents {where}", params
    ):
        if not _patterns()[0].search(text):
            continue  # no cue: its mentions go unread
        mentions = document_mentions(db, document, read)
        for person, a, b in _alternatives(text, mentions, main.get(document)):
            if entity in (None, person.key):
                found.append(_conflict(file, text, person, a, b))
    return found


def _alternatives(
    text: str, mentions: list[Mention], main: str | None
) -> Iterator[tuple[Mention, Mention, Mention]]:
    """Each cue's two organizations and person, found by bisection (a scan of
    the document's mentions for each cue grew with the square of its length)."""
    serving, joined = _patterns()
    orgs = [m for m in mentions if m.type == "org"]
    org_starts = [m.start for m in orgs]
    starts = [m.start for m in mentions]
    subject = _main(mentions, main)
    for cue in serving.finditer(text):
        at = bisect_left(org_starts, cue.end())
        first = orgs[at] if at < len(orgs) else None
        if first is None or first.start - cue.end() > REACH:
            continue
        at = bisect_right(org_starts, first.end, lo=at)
        second = orgs[at] if at < len(orgs) else None
        if second is None or not joined.fullmatch(text, first.end, second.start):
            continue
        if second.key == first.key:
            continue
        start, _ = _sentence(text, cue.start())
        before = mentions[
            bisect_left(starts, start) : bisect_right(starts, cue.start())
        ]
        named = [m for m in before if m.type == "person" and m.end <= cue.start()]
        person = named[-1] if named else subject
        if person is not None:
            yield person, first, second


def _main(mentions: list[Mention], main: str | None) -> Mention | None:
    return next((m for m in mentions if m.key == main), None)


def _conflict(
    file: str, text: str, person: Mention, a: Mention, b: Mention
) -> Conflict:
    first, last = _sentence(text, a.start)
    evidence = " ".join(text[first:last].split())
    claims = tuple(
        Claim(stable_id(m.document, m.start, m.end, "served"), m.document, file,
              m.start, m.end, m.name, "disputed", evidence)
        for m in (a, b)
    )  # fmt: skip
    question = f"which service {person.name} worked for"
    return Conflict(person.key or "", person.name, "allegiance", question, claims)


SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)")


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The sentence that holds a position."""
    back = max(0, at - 1500)
    stops = [m.end() for m in re.finditer(r"[.!?]\s", text[back:at])]
    start = back + stops[-1] if stops else back
    end = SENTENCE_STOP.search(text, at)  # in place: no copy of the text after it
    return start, end.end() if end else len(text)
