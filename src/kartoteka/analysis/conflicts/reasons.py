"""Why something befell a person, told two ways: "it has been assumed that he
was removed for A" against "his dismissal was not the result of B".

Sentences of the running text that name an event of a person (dismissal,
arrest, recall) and give a reason for it (data/reasons.yaml) are read for each
document. Reasons for one event of one person disagree when one of them at
least is denied or presented as what others hold; reasons the source simply
adds up are no conflict.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from kartoteka.analysis.conflicts.accounts import Split, body_passages
from kartoteka.analysis.conflicts.cues import word_pattern, words
from kartoteka.analysis.conflicts.quantities import Read, document_mentions
from kartoteka.data import load
from kartoteka.model import Claim, Conflict, Mention, stable_id

REACH = 60  # characters between an event's cue and the reason's word at most
NEGATION = 12  # characters before the reason's word where a "not" denies it
NEXT = 12  # characters between a name and the cue at most ("X was dismissed")


@dataclass(frozen=True)
class Reason:
    """A sentence that gives why an event befell a person, and how it says so."""

    person: str
    name: str
    event: str
    document: str
    file: str
    start: int
    end: int
    evidence: str
    doubted: bool  # the sentence denies the reason or gives it as others' view


@cache
def _patterns() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], re.Pattern[str]]:
    data = load("reasons.yaml")
    events = tuple(
        (event, word_pattern(cues)) for event, cues in data["events"].items()
    )
    because = word_pattern(data["because"])
    return events, because


@cache
def _may_give_reason() -> re.Pattern[str]:
    """Any `because` word, its end left open: a sentence without one gives no
    reason, and most sentences are passed over with this one search rather than
    a search for each event's cues. (The `because` word is then sought within
    `REACH` of a cue, where the search may end inside a word, hence the open end.)"""
    return re.compile(rf"(?<!\w)(?:{words(load('reasons.yaml')['because'])})", re.I)


def _may_give_reasons(text: str, passages: list[int]) -> bool:
    """Whether some sentence of a text may give a reason (`_may_give_reason`
    finds a `because` word in it), told by one search of the whole text: most
    texts hold no such word. A sentence read alone may start with the word where
    the text has a letter before it; a sentence starts after a space, or where
    its passage does (these `passages` starts)."""
    return _may_give_reason().search(text) is not None or any(
        _because_open().match(text, start) for start in passages
    )


@cache
def _because_open() -> re.Pattern[str]:
    """A `because` word, both its ends open."""
    return re.compile(words(load("reasons.yaml")["because"]), re.I)


@cache
def _word(name: str) -> re.Pattern[str]:
    return word_pattern(load("reasons.yaml")[name])


def _of(cue: re.Match[str], first: int, named: list[Mention]) -> Mention | None:
    """The person named next to the event's cue; one right after it (its
    object: "removed X") wins a tie with one right before it (its agent)."""

    def distance(m: Mention) -> tuple[int, int]:
        at, to = first + cue.start(), first + cue.end()
        return (m.start - to, 0) if m.start >= to else (at - m.end, 1)

    near = sorted((distance(m), m.start, m) for m in named if distance(m)[0] <= NEXT)
    return near[0][2] if near else None


def _reasons(text: str, first: int, last: int, named: list[Mention]) -> Iterator[
    tuple[str, Mention, bool]
]:  # fmt: skip
    """Each (event, person, doubted) a sentence gives a reason for."""
    sentence = text[first:last]
    if not _may_give_reason().search(sentence):
        return
    events, because = _patterns()
    for event, pattern in events:
        cue = pattern.search(sentence)
        why = because.search(sentence, cue.end(), cue.end() + REACH) if cue else None
        person = _of(cue, first, named) if cue and why else None
        if why is None or person is None:
            continue
        before = max(0, why.start() - NEGATION)
        denied = _word("not").search(sentence, before, why.start())
        held = _word("held").search(sentence, 0, why.start())
        yield event, person, bool(denied or held)


def reasons(
    db: sqlite3.Connection,
    entity: str | None = None,
    read: Read | None = None,
    split: Split | None = None,
) -> Iterator[Reason]:
    """Every reason the running text gives for an event of a person (or of
    one); `read` keeps the documents' mentions read, `split` the passages'
    sentences."""
    split = Split() if split is None else split
    where, params = (
        ("WHERE id IN (SELECT document FROM mentions WHERE entity = ?)", (entity,))
        if entity
        else ("", ())
    )
    for document, file, text in db.execute(
        f"SELECT id, file, text FROM documents {where}", params
    ).fetchall():
        passages = body_passages(db, document).spans
        if not _may_give_reasons(text, [start for start, _, _ in passages]):
            continue  # its mentions go unread
        persons = [
            m for m in document_mentions(db, document, read) if m.type == "person"
        ]
        starts = [m.start for m in persons]
        for start, end, _ in passages:
            for first, last in split.sentences(document, text, start, end):
                named = [
                    m
                    for m in persons[
                        bisect_left(starts, first) : bisect_left(starts, last)
                    ]
                    if m.end <= last
                ]
                for event, person, doubted in _reasons(text, first, last, named):
                    yield Reason(
                        person.key or "", person.name, event, document, file, first,
                        last, " ".join(text[first:last].split()), doubted,
                    )  # fmt: skip


def reason_conflicts(
    db: sqlite3.Connection,
    entity: str | None = None,
    read: Read | None = None,
    split: Split | None = None,
) -> list[Conflict]:
    """Reasons for one event of one person in one document, one of them at
    least denied or held by others (about one person, or all)."""
    grouped: dict[tuple[str, str, str], list[Reason]] = defaultdict(list)
    for reason in reasons(db, entity, read, split):
        if entity in (None, reason.person):
            grouped[reason.person, reason.event, reason.document].append(reason)
    out = []
    for (person, event, _), told in sorted(grouped.items()):
        if len(told) < 2 or not any(r.doubted for r in told):
            continue
        claims = tuple(
            Claim(stable_id(r.document, r.start, r.end, person, "reason"),
                  r.document, r.file, r.start, r.end,
                  "doubted" if r.doubted else "given", "disputed" if r.doubted
                  else "asserted", r.evidence)
            for r in told
        )  # fmt: skip
        name = told[0].name
        question = f"why {name} was {event}"
        out.append(Conflict(person, name, "reason", question, claims))
    return out
