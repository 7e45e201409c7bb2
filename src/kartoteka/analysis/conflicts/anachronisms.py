"""A service named for a time before it existed: "with the KGB since 1935".

A stored event whose sentence names an organization founded after the event's
latest year (the years in data/organizations.yaml) calls the service by a
later name. The body that existed then is found among the organization's
predecessors; the sentences of the same document that name the person with
that body give the other name, so the conflict shows the source calling one
service by two names ("KGB" / "NKVD" for 1935).
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kartoteka.analysis.conflicts.accounts import Split, body_passages
from kartoteka.analysis.lineage import _ids, lineage
from kartoteka.data import load
from kartoteka.edtf import bounds
from kartoteka.model import Claim, Conflict, stable_id

YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
OTHER_NAMES = 3  # sentences at most that give the name of the time


SERVICES = frozenset({"state-security", "military-intelligence"})


@dataclass(frozen=True)
class Body:
    """An organization's years and the bodies it grew out of."""

    id: str
    name: str
    start: int | None
    end: int | None
    predecessors: tuple[str, ...]
    kind: str = "other"


@cache
def bodies() -> dict[str, Body]:
    """Every organization of the gazetteer with its years and predecessors."""
    out = {}
    for item in load("organizations.yaml"):
        years = [str(item.get(k) or "")[:4] for k in ("from", "to")]
        start, end = (int(y) if y.isdigit() else None for y in years)
        out[item["id"]] = Body(
            item["id"], item["name"], start, end,
            tuple(_ids(item.get("predecessor"))), item.get("kind", "other"),
        )  # fmt: skip
    return out


def in_use(org: str, year: int) -> Body | None:
    """The nearest predecessor of an organization that existed in a year."""
    known = bodies()
    queue, seen = deque(known[org].predecessors if org in known else ()), {org}
    while queue:
        body = known.get(queue.popleft())
        if body is None or body.id in seen:
            continue
        seen.add(body.id)
        if (body.start or 0) <= year <= (body.end or 9999):
            return body
        queue.extend(body.predecessors)
    return None


# CROSS JOIN keeps the events outside: SQLite would otherwise scan every
# mention and search the events before it (a document's length squared).
_EARLY = """
    SELECT ev.id, ev.person, p.name, ev.date, ev.document, d.file, ev.start, ev.end,
           ev.evidence, ev.type, m.entity
    FROM events ev CROSS JOIN mentions m ON m.document = ev.document
         AND m.start >= ev.start AND m.start <= ev.end AND m.end <= ev.end
         AND m.type = 'org'
    JOIN entities p ON p.id = ev.person JOIN documents d ON d.id = ev.document
    WHERE ev.date IS NOT NULL {where}
    ORDER BY d.file, ev.start"""


def anachronisms(
    db: sqlite3.Connection,
    entity: str | None = None,
    skip: Iterable[str] = (),
    split: Split | None = None,
) -> list[Conflict]:
    """Events that name a service before it existed, about one person or all;
    `split` keeps the passages' sentences."""
    split = Split() if split is None else split
    where, params = ("AND ev.person = ?", (entity,)) if entity else ("", ())
    rejected = frozenset(skip)
    rows = db.execute(_EARLY.format(where=where), params).fetchall()
    named: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        named[row[0]].add(row[10])
    groups: dict[tuple[str, str, str], dict[str, Claim]] = defaultdict(dict)
    names: dict[tuple[str, str, str], tuple[str, Body, int]] = {}
    for row in rows:
        id_, person, name, date, document, file, start, end, evidence, _, org = row
        found = _too_early(org, date, named[id_], evidence)
        if id_ in rejected or found is None:
            continue
        body, then, year = found
        key = (person, document, body.id)
        names.setdefault(key, (name, then, year))
        value = f"{body.name} in {date} (founded {body.start})"
        groups[key][id_] = Claim(
            id_, document, file, start, end, value, "asserted",
            " ".join(evidence.split()),
        )  # fmt: skip
    read: dict[str, Named] = {}
    return [
        _conflict(db, key, list(claims.values()), *names[key], read, split)
        for key, claims in groups.items()
    ]


def _too_early(
    org: str | None, date: str, named: set[str], sentence: str
) -> tuple[Body, Body, int] | None:
    """The service named, the one of the time and the year, when a sentence
    names a service before it existed and no other of its line (a sentence
    naming two tells the lineage or sums up a career: "the OGPU, later the
    NKVD", "in the GPU-NKVD from 1921"), nor a year when it existed (the
    service may belong to that year: "after two years (1932-1934) there, he
    headed the NKVD")."""
    body = bodies().get(org or "")
    if body is None or body.start is None or body.kind not in SERVICES:
        return None  # most organizations named are no service: no date is read
    span = bounds(date)
    if span is None:
        return None
    year = int(span[1][:4])
    then = in_use(body.id, year)
    if year >= body.start or then is None:
        return None
    if any(int(y) >= body.start for y in YEAR.findall(sentence)):
        return None
    kin = lineage(body.id)
    if len(named & kin) > 1:
        return None
    existing = {
        b.id
        for b in map(bodies().get, named & kin)
        if b and (b.start or 0) <= year <= (b.end or 9999)
    }
    return None if existing else (body, then, year)


def _conflict(
    db: sqlite3.Connection,
    key: tuple[str, str, str],
    claims: list[Claim],
    name: str,
    then: Body,
    year: int,
    read: dict[str, Named],
    split: Split,
) -> Conflict:
    person, document, org = key
    later = bodies()[org].name
    if document not in read:
        read[document] = _named_sentences(db, document, split)
    other = _named_with(read[document], person, then.id)
    question = f"what {name}'s service was called in {year}: {later} or {then.name}"
    return Conflict(person, name, "anachronism", question, (*claims, *other))


@dataclass(frozen=True)
class Named:
    """A document's sentences of its body passages, each with the entities it
    names, and the sentences naming each entity: read once per document,
    however many conflicts ask."""

    document: str
    file: str
    text: str
    sentences: list[tuple[int, int, set[str]]]
    by_entity: dict[str, list[int]]  # the sentences naming each entity, in order


def _named_sentences(db: sqlite3.Connection, document: str, split: Split) -> Named:
    """Every sentence of the document's body passages with the entities named
    within it (mentions in document order, found by bisection: linear)."""
    file, text = db.execute(
        "SELECT file, text FROM documents WHERE id = ?", (document,)
    ).fetchone()
    mentions = db.execute(
        "SELECT start, end, entity FROM mentions WHERE document = ? ORDER BY start",
        (document,),
    ).fetchall()
    starts = [m[0] for m in mentions]
    spans = [(start, end) for start, end, _ in body_passages(db, document).spans]

    def within(first: int, last: int) -> set[str]:
        low, high = bisect_left(starts, first), bisect_right(starts, last)
        return {e for s, end, e in mentions[low:high] if end <= last}

    found = [
        (first, last, within(first, last))
        for start, end in spans
        for first, last in split.sentences(document, text, start, end)
    ]
    by_entity: dict[str, list[int]] = defaultdict(list)
    for index, (_, _, inside) in enumerate(found):
        for entity in inside:
            by_entity[entity].append(index)
    return Named(document, file, text, found, by_entity)


def _named_with(named: Named, person: str, org: str) -> list[Claim]:
    """The first sentences of the document that name the person and the body of
    the time, among the sentences of the one named less (a pass over the whole
    document for each conflict grows with the square of its length)."""
    fewer = min((named.by_entity.get(e, []) for e in (person, org)), key=len)
    found: list[Claim] = []
    for index in fewer:
        first, last, inside = named.sentences[index]
        if len(found) == OTHER_NAMES:
            break
        if {person, org} <= inside:
            sentence = " ".join(named.text[first:last].split())
            found.append(
                Claim(stable_id(named.document, first, last, "named"),
                      named.document, named.file, first, last,
                      bodies()[org].name, "asserted", sentence)
            )  # fmt: skip
    return found
