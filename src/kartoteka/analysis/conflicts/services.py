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
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial

from kartoteka.analysis.conflicts.accounts import PRONOUN, body_passages, sentences
from kartoteka.analysis.conflicts.anachronisms import bodies
from kartoteka.model import Claim, Conflict, stable_id


def service_name_conflicts(
    db: sqlite3.Connection, found: Iterable[Conflict], entity: str | None = None
) -> list[Conflict]:
    """One conflict per document and service of the time that the document's
    anachronisms name by a later name (about one organization, or all)."""
    grouped: dict[tuple[str, str], dict[str, Claim]] = defaultdict(dict)
    for conflict in found:
        later = _later(conflict)
        if later is None:
            continue
        for claim in conflict.claims:
            grouped[claim.document, later][claim.statement] = claim
    out = []
    read: dict[str, OrgMentions] = {}
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
class OrgMentions:
    """A document's text and its organization mentions in its running text, in
    text order, with the body passage each stands in (read once however many
    conflicts of the document ask)."""

    file: str
    text: str
    rows: list[tuple[str, int, int, int]]  # org, passage start and end, mention start


def org_mentions(db: sqlite3.Connection, document: str) -> OrgMentions:
    """The organization mentions of a document with their passages, each
    passage found by bisection (a join scanned every passage for each mention:
    quadratic in the document's length)."""
    file, text = db.execute(
        "SELECT file, text FROM documents WHERE id = ?", (document,)
    ).fetchone()
    passages = body_passages(db, document)
    rows = []
    for org, at, end in db.execute(
        "SELECT entity, start, end FROM mentions WHERE document = ? AND type = 'org'"
        " ORDER BY start",
        (document,),
    ):
        rows += [(org, first, last, at) for first, last, _ in passages.around(at, end)]
    return OrgMentions(file, text, rows)


def _first_sentences(
    db: sqlite3.Connection,
    document: str,
    orgs: frozenset[str],
    have: Iterable[Claim],
    read: dict[str, OrgMentions],
    of: Callable[[str, int, int, set[str]], bool] = lambda *_: True,
) -> tuple[list[Claim], str | None]:
    """For each body not yet among the claims' values, the sentence of the
    document's running text that names it first (and is `of` the person
    asked about); and the body named most. `read` keeps the documents read."""
    shown = {c.value.split(" in ")[0] for c in have}
    if document not in read:
        read[document] = org_mentions(db, document)
    file, text = read[document].file, read[document].text
    out: list[Claim] = []
    counts: Counter[str] = Counter()
    for org, start, end, at in read[document].rows:
        counts[org] += org in orgs
        name = bodies()[org].name if org in bodies() else None
        if org not in orgs or name is None or name in shown:
            continue
        first, last = next((a, b) for a, b in sentences(text, start, end) if b > at)
        named = _named(db, document, first, last)
        if len(named & orgs) > 1 or not of(text, first, last, named):
            continue  # "the OGPU/NKVD": the sentence tells the lineage
        shown.add(name)
        evidence = " ".join(text[first:last].split())
        out.append(
            Claim(stable_id(document, first, last, "named"), document, file,
                  first, last, name, "asserted", evidence)
        )  # fmt: skip
    most = counts.most_common(1)
    if len({c.value.split(" in ")[0] for c in [*have, *out]}) < 2:
        return [], None
    return out, most[0][0] if most and most[0][1] else None


def with_earlier_names(
    db: sqlite3.Connection, found: Iterable[Conflict], main: dict[str, str]
) -> list[Conflict]:
    """Anachronisms with the sentences that tie the person to each earlier body
    of the service's line ("he joined the Cheka"), beside the body of the time."""
    out = []
    read: dict[str, OrgMentions] = {}
    for conflict in found:
        later = _later(conflict)
        if later is None:
            out.append(conflict)
            continue
        document = conflict.claims[0].document
        of = partial(_of, db, document, conflict.about, main.get(document))
        more, _ = _first_sentences(
            db, document, _earlier_names(later), conflict.claims, read, of
        )
        out.append(replace(conflict, claims=(*conflict.claims, *more)))
    return out


def _of(
    db: sqlite3.Connection, document: str, person: str, subject: str | None,
    text: str, first: int, last: int, named: set[str],
) -> bool:  # fmt: skip
    """Whether a sentence is about the person: it names them, or it names no
    one and says "he" in a document about them."""
    persons = {
        r[0]
        for r in db.execute(
            "SELECT entity FROM mentions WHERE document = ? AND type = 'person'"
            " AND start >= ? AND start <= ? AND end <= ?",
            (document, first, last, last),
        )
    }
    if persons:
        return person in persons
    return subject == person and PRONOUN.search(text, first, last) is not None


def _named(db: sqlite3.Connection, document: str, start: int, end: int) -> set[str]:
    """The entities named in a span (the bound on `start` keeps the search to
    the span: without it the index is read to the document's end)."""
    rows = db.execute(
        "SELECT entity FROM mentions WHERE document = ? AND start >= ?"
        " AND start <= ? AND end <= ?",
        (document, start, end, end),
    )
    return {r[0] for r in rows}
