"""What a source calls the service of one time: "KGB" in one chapter, "NKVD" and
"OGPU" in others, for the same years.

An anachronism (anachronisms.py) shows one person's service named by a later
name. The same source then disagrees with itself about the service as such:
each other body of the service's lineage that existed before the later one was
founded and that the document names is a further name for it. The conflict is
about the earlier body the document names most, with the anachronistic
sentences and the first sentence naming each of the other bodies (one that
names two of them tells the lineage). A document that uses the later name only
once has slipped, rather than called the service by it.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kartoteka.analysis.conflicts.accounts import PRONOUN, body_passages, sentences
from kartoteka.analysis.conflicts.anachronisms import bodies
from kartoteka.model import Claim, Conflict, stable_id


def service_name_conflicts(
    db: sqlite3.Connection,
    found: Iterable[Conflict],
    entity: str | None = None,
    read: dict[str, OrgMentions] | None = None,
) -> list[Conflict]:
    """One conflict per document and service of the time that the document's
    anachronisms name by a later name (about one organization, or all); `read`
    keeps the documents read (by `with_earlier_names` too)."""
    grouped: dict[tuple[str, str], dict[str, Claim]] = defaultdict(dict)
    for conflict in found:
        later = _later(conflict)
        if later is None:
            continue
        for claim in conflict.claims:
            grouped[claim.document, later][claim.statement] = claim
    out = []
    read = {} if read is None else read
    for (document, later), claims in sorted(grouped.items()):
        if len({(c.start, c.end) for c in claims.values() if " in " in c.value}) < 2:
            continue  # one slip of the pen, not the source's name for the service
        earlier = _earlier_names(later)
        other, most = _first_sentences(db, document, earlier, claims.values(), read)
        if most is None or entity not in (None, most):
            continue
        question = f"what the service was called before the {bodies()[later].name}"
        all_claims = (*claims.values(), *other)
        out.append(
            Conflict(most, bodies()[most].name, "service name", question, all_claims)
        )
    return out


def _later(conflict: Conflict) -> str | None:
    """The id of the later body an anachronism names ("... in 1935: KGB or NKVD")."""
    if conflict.kind != "anachronism":
        return None
    names = conflict.question.rsplit(": ", 1)[-1]
    by_name = {b.name: b.id for b in bodies().values()}
    return by_name.get(names.partition(" or ")[0])


def _earlier_names(later: str) -> frozenset[str]:
    """The bodies the later one was renamed from, at any remove (its parts, a
    department or a camp system, are not names of it)."""
    found: set[str] = set()
    todo = list(bodies()[later].predecessors)
    while todo:
        body = todo.pop()
        if body in bodies() and body not in found:
            found.add(body)
            todo += bodies()[body].predecessors
    return frozenset(found)


@dataclass(frozen=True)
class OrgSentence:
    """A sentence of the running text that names an organization, with what it
    names: every entity, the persons, and whether it says "he"."""

    org: str
    first: int
    last: int
    named: frozenset[str | None]
    persons: frozenset[str | None]
    pronoun: bool


@dataclass(frozen=True)
class OrgMentions:
    """A document's organization mentions in its running text, in text order,
    each with the sentence that holds it and the persons of that sentence: read
    once, however many conflicts of the document ask (each asking scanned the
    document and queried each sentence: quadratic in its length)."""

    file: str
    text: str
    rows: list[OrgSentence]
    by_org: dict[str, list[int]]  # the rows of each organization
    by_person: dict[tuple[str, str | None], list[int]]  # org, person named
    unnamed: dict[str, list[int]]  # rows of an org naming no one but "he"
    counts: Counter[str]  # mentions of each org, in order of first mention


def org_mentions(db: sqlite3.Connection, document: str) -> OrgMentions:
    """The organization mentions of a document with their passages' sentences,
    each passage found by bisection and split into sentences once."""
    file, text = db.execute(
        "SELECT file, text FROM documents WHERE id = ?", (document,)
    ).fetchone()
    passages = body_passages(db, document)
    mentions = db.execute(
        "SELECT entity, type, start, end FROM mentions WHERE document = ?"
        " ORDER BY start",
        (document,),
    ).fetchall()
    starts = [row[2] for row in mentions]
    split: dict[tuple[int, int], tuple[list[tuple[int, int]], list[int]]] = {}
    rows: list[OrgSentence] = []
    counts: Counter[str] = Counter()
    for org, kind, at, end in mentions:
        if kind != "org":
            continue
        for first, last, _ in passages.around(at, end):
            counts[org] += 1
            sentence = _sentence_of(text, first, last, at, split)
            if sentence is None:
                continue
            begin, stop = sentence
            low = bisect_left(starts, begin)
            inside = mentions[low : bisect_right(starts, stop)]
            inside = [m for m in inside if m[3] <= stop]
            persons = frozenset(m[0] for m in inside if m[1] == "person")
            pronoun = not persons and PRONOUN.search(text, begin, stop) is not None
            named = frozenset(m[0] for m in inside)
            rows.append(OrgSentence(org, begin, stop, named, persons, pronoun))
    return _indexed(file, text, rows, counts)


def _sentence_of(
    text: str,
    first: int,
    last: int,
    at: int,
    split: dict[tuple[int, int], tuple[list[tuple[int, int]], list[int]]],
) -> tuple[int, int] | None:
    """The sentence of a passage that holds a position (the passage split once)."""
    if (first, last) not in split:
        spans = list(sentences(text, first, last))
        split[first, last] = spans, [b for _, b in spans]
    spans, ends = split[first, last]
    index = bisect_right(ends, at)
    return spans[index] if index < len(spans) else None


def _indexed(
    file: str, text: str, rows: list[OrgSentence], counts: Counter[str]
) -> OrgMentions:
    by_org: dict[str, list[int]] = defaultdict(list)
    by_person: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    unnamed: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        by_org[row.org].append(index)
        for person in row.persons:
            by_person[row.org, person].append(index)
        if row.pronoun:
            unnamed[row.org].append(index)
    return OrgMentions(file, text, rows, by_org, by_person, unnamed, counts)


def _first_sentences(
    db: sqlite3.Connection,
    document: str,
    orgs: frozenset[str],
    have: Iterable[Claim],
    read: dict[str, OrgMentions],
    about: tuple[str, str | None] | None = None,
) -> tuple[list[Claim], str | None]:
    """For each body not yet among the claims' values, the sentence of the
    document's running text that names it first (and is about the person
    asked about, with the document's subject); and the body named most.
    `read` keeps the documents read."""
    shown = {c.value.split(" in ")[0] for c in have}
    if document not in read:
        read[document] = org_mentions(db, document)
    found = read[document]
    firsts = []
    for org in orgs:
        if org in bodies():
            index = _first_row(found, org, orgs, about)
            if index is not None:
                firsts.append(index)
    out: list[Claim] = []
    for index in sorted(firsts):
        row = found.rows[index]
        name = bodies()[row.org].name
        if name in shown:
            continue
        shown.add(name)
        evidence = " ".join(found.text[row.first : row.last].split())
        out.append(
            Claim(stable_id(document, row.first, row.last, "named"), document,
                  found.file, row.first, row.last, name, "asserted", evidence)
        )  # fmt: skip
    if len({c.value.split(" in ")[0] for c in [*have, *out]}) < 2:
        return [], None
    return out, _most(found.counts, orgs)


def _first_row(
    found: OrgMentions,
    org: str,
    orgs: frozenset[str],
    about: tuple[str, str | None] | None,
) -> int | None:
    """The first row of an organization whose sentence names no other of the
    bodies ("the OGPU/NKVD" tells the lineage) and is about the person: it
    names them, or it names no one and says "he" in a document about them."""
    if about is None:
        candidates: Iterable[int] = found.by_org.get(org, [])
    else:
        person, subject = about
        candidates = sorted(
            [
                *found.by_person.get((org, person), []),
                *(found.unnamed.get(org, []) if subject == person else []),
            ]
        )
    return next((i for i in candidates if len(found.rows[i].named & orgs) <= 1), None)


def _most(counts: Counter[str], orgs: frozenset[str]) -> str | None:
    """The body of `orgs` named most (the first named among equals), if any."""
    most = max(
        ((org, n) for org, n in counts.items() if org in orgs),
        key=lambda item: item[1],
        default=None,
    )
    return most[0] if most else None


def with_earlier_names(
    db: sqlite3.Connection,
    found: Iterable[Conflict],
    main: dict[str, str],
    read: dict[str, OrgMentions] | None = None,
) -> list[Conflict]:
    """Anachronisms with the sentences that tie the person to each earlier body
    of the service's line ("he joined the Cheka"), beside the body of the time;
    `read` keeps the documents read (for `service_name_conflicts` too)."""
    out = []
    read = {} if read is None else read
    for conflict in found:
        later = _later(conflict)
        if later is None:
            out.append(conflict)
            continue
        document = conflict.claims[0].document
        about = (conflict.about, main.get(document))
        more, _ = _first_sentences(
            db, document, _earlier_names(later), conflict.claims, read, about
        )
        out.append(replace(conflict, claims=(*conflict.claims, *more)))
    return out
