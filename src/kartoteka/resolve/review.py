"""The review queue: pairs the machine was unsure about, for a historian to decide.

Two kinds of proposal: cards the machine kept apart that could be one person
(found by the words and word beginnings of their names, and by a single name
beside the document's main person), and joins it made on weak evidence (a
slip of the pen, a surname alone). Each is weighed (`evidence.py`) and ranked
by how much a decision would change: the chance it overturns what the machine
did, times the size of the two cards.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kartoteka.curation import Decision, Ref
from kartoteka.resolve.evidence import Evidence, Profile, chance, evidence
from kartoteka.resolve.evidence import name_evidence as compare_names
from kartoteka.resolve.names import is_initial, name_word_keys
from kartoteka.resolve.translit import english_key

NAMES_COMPARED = 6  # a card's most used names that are compared
BUCKET_LIMIT = 80  # a name key shared by more cards than this proposes nothing
LEAST_CHANCE = 0.15  # pairs kept apart below this chance are not proposed
WEAK = 1.0  # machine joins scored below a plain name match are proposed
DECIDED = ("merge", "split", "distinct")


@dataclass(frozen=True)
class Side:
    """One side of a proposal: a card, the mention that names it, its size."""

    card: str
    name: str
    ref: Ref
    size: int


@dataclass(frozen=True)
class Proposal:
    """A pair to decide: `joined` when the machine put them on one card."""

    a: Side
    b: Side
    joined: bool
    evidence: tuple[Evidence, ...]
    chance: float
    priority: float

    @property
    def question(self) -> str:
        verb = "were joined" if self.joined else "were kept apart"
        return f"“{self.a.name}” and “{self.b.name}” {verb}: one person?"


def profiles(db: sqlite3.Connection) -> dict[str, Profile]:
    """Every person card, with its names, documents and dated statements."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    documents: dict[str, set[str]] = defaultdict(set)
    for entity, name, document, count in db.execute(
        """SELECT m.entity, m.name, m.document, COUNT(*) FROM mentions m
           JOIN entities e ON e.id = m.entity WHERE e.type = 'person'
           GROUP BY m.entity, m.name, m.document"""
    ):
        names[entity][name] += count
        documents[entity].add(document)
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for person, kind, org, place, date in db.execute(
        "SELECT person, type, org, place, date FROM events"
    ):
        if org:
            facts[person]["org"].add(org)
        if place:
            facts[person]["place"].add(place)
        if kind in ("born", "died") and date:
            facts[person][kind].add(date)
    titles = dict(db.execute("SELECT id, name FROM entities WHERE type = 'person'"))
    headings = {d: _word_keys(t or "") for d, t in db.execute(HEADINGS)}
    return {
        entity: _profile(
            entity,
            titles[entity],
            used,
            documents[entity],
            facts[entity],
            frozenset(
                d
                for d in documents[entity]
                if any(" " in n for n in used)
                and _word_keys(" ".join(used)) & headings[d]
            ),
        )
        for entity, used in names.items()
    }


HEADINGS = "SELECT id, substr(title, 1, 80) FROM documents"


def _word_keys(text: str) -> set[str]:
    """Keys of the capitalised words of a text (a title, or a card's names)."""
    words = text.replace("-", " ").replace(",", " ").split()
    return {
        key
        for word in words
        if word[:1].isupper() and len(word) > 3
        for key in name_word_keys(word)
    }


def _profile(
    entity: str,
    title: str,
    used: Counter[str],
    documents: set[str],
    facts: dict[str, set[str]],
    subject_of: frozenset[str],
) -> Profile:
    return Profile(
        entity,
        title,
        tuple(name for name, _ in used.most_common(NAMES_COMPARED)),
        frozenset(documents),
        sum(used.values()),
        frozenset(facts["org"]),
        frozenset(facts["place"]),
        min(facts["born"], default=None),
        min(facts["died"], default=None),
        subject_of,
    )


def _block_keys(profile: Profile) -> set[str]:
    """A card's words in every spelling, and the first four letters of each."""
    keys: set[str] = set()
    for name in profile.names:
        for word in name.replace("-", " ").split():
            if is_initial(word) or len(word.strip(".")) < 3:
                continue
            keys |= name_word_keys(word)
            latin = english_key(word)
            if len(latin) >= 5:
                keys.add("begins:" + latin[:4])
    return keys


def _by_names(cards: dict[str, Profile]) -> set[tuple[str, str]]:
    buckets: dict[str, list[str]] = defaultdict(list)
    for entity, profile in cards.items():
        for key in _block_keys(profile):
            buckets[key].append(entity)
    pairs = set()
    for members in buckets.values():
        if len(members) <= BUCKET_LIMIT:
            members.sort()
            pairs |= {(a, b) for i, a in enumerate(members) for b in members[i + 1 :]}
    return pairs


def _by_documents(cards: dict[str, Profile]) -> set[tuple[str, str]]:
    """A card of one word (`Starik`, `Ramon`) beside the person its document's
    title names: perhaps a cover name or first name of them. A word that other
    documents use too, or that is the surname of a full name elsewhere (`Lenin`
    of `Vladimir Lenin`), is a person's surname rather than an alias."""
    subjects: dict[str, list[str]] = defaultdict(list)
    surnames: set[str] = set()
    for profile in cards.values():
        for document in profile.subject_of:
            subjects[document].append(profile.id)
        for name in profile.names:
            if len(name.split()) > 1:
                surnames |= name_word_keys(name.split()[-1])
    pairs = set()
    for profile in cards.values():
        words = [name.split() for name in profile.names]
        if any(len(w) != 1 for w in words) or len(profile.documents) > 1:
            continue
        if any(name_word_keys(w[0]) & surnames for w in words):
            continue
        for document in profile.documents:
            for other in subjects[document]:
                if other != profile.id:
                    pairs.add((min(profile.id, other), max(profile.id, other)))
    return pairs


def _impact(a: int, b: int) -> float:
    """How much a decision about two cards of these sizes changes."""
    return math.log2(1 + a) + math.log2(1 + b)


def apart(
    db: sqlite3.Connection, cards: dict[str, Profile], refs: dict[str, Ref]
) -> Iterator[Proposal]:
    """Pairs of cards that could be one person, likelier ones only."""
    orgs = dict(db.execute("SELECT id, name FROM entities WHERE type = 'org'"))
    for x, y in sorted(_by_names(cards) | _by_documents(cards)):
        a, b = cards[x], cards[y]
        found = tuple(evidence(a, b, orgs))
        likely = chance(found)
        if likely >= LEAST_CHANCE:
            yield Proposal(
                Side(a.id, a.name, refs[a.id], a.mentions),
                Side(b.id, b.name, refs[b.id], b.mentions),
                False,
                found,
                likely,
                likely * _impact(a.mentions, b.mentions),
            )


def joined(db: sqlite3.Connection) -> Iterator[Proposal]:
    """The machine's joins across documents on weak evidence, one per pair of names."""
    seen: set[tuple[str, str, str, str]] = set()
    for row in db.execute(WEAK_JOINS, (WEAK,)):
        key = (row["a_file"], row["a_name"], row["b_file"], row["b_name"])
        if key in seen:
            continue
        seen.add(key)
        found = (
            Evidence(0.5, f"the machine: {row['reason']}"),
            *compare_names(row["a_name"], row["b_name"]),
        )
        likely = chance(found)
        yield Proposal(
            Side(
                row["card"],
                row["a_name"],
                Ref(row["a_file"], row["a_name"]),
                row["a_size"],
            ),
            Side(
                row["card"],
                row["b_name"],
                Ref(row["b_file"], row["b_name"]),
                row["b_size"],
            ),
            True,
            tuple(sorted(found, key=lambda e: -abs(e.weight))),
            likely,
            (1 - likely) * _impact(row["a_size"], row["b_size"]),
        )


WEAK_JOINS = """
    SELECT ma.entity AS card, ma.name AS a_name, da.file AS a_file,
           mb.name AS b_name, db.file AS b_file, j.reason,
           (SELECT COUNT(*) FROM mentions x WHERE x.entity = ma.entity
              AND x.document = ma.document AND x.name = ma.name) AS a_size,
           (SELECT COUNT(*) FROM mentions x WHERE x.entity = mb.entity
              AND x.document = mb.document AND x.name = mb.name) AS b_size
    FROM judgements j JOIN mentions ma ON ma.id = j.a JOIN mentions mb ON mb.id = j.b
    JOIN documents da ON da.id = ma.document JOIN documents db ON db.id = mb.document
    WHERE j.author = 'machine' AND j.same AND j.score < ?
      AND ma.entity = mb.entity AND ma.document != mb.document
    ORDER BY da.file, ma.start, db.file, mb.start"""


def card_refs(db: sqlite3.Connection) -> dict[str, Ref]:
    """For each person card, the mention of its own name that names it alone."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    rows = db.execute(
        """SELECT m.entity, e.name = m.name AS preferred, m.name, d.file,
                  MIN(m.start) AS start, COUNT(*) AS n
           FROM mentions m JOIN entities e ON e.id = m.entity
           JOIN documents d ON d.id = m.document WHERE e.type = 'person'
           GROUP BY m.entity, m.name, d.file"""
    ).fetchall()
    for row in rows:
        owners[(row["file"], row["name"])].add(row["entity"])
    best: dict[str, tuple[tuple[bool, bool, int], Ref]] = {}
    for row in rows:
        alone = owners[(row["file"], row["name"])] == {row["entity"]}
        rank = (alone, bool(row["preferred"]), row["n"])
        ref = Ref(row["file"], row["name"], None if alone else row["start"])
        if row["entity"] not in best or rank > best[row["entity"]][0]:
            best[row["entity"]] = (rank, ref)
    return {entity: ref for entity, (_, ref) in best.items()}


def _decided(decisions: Iterable[Decision]) -> set[frozenset[tuple[str, str]]]:
    return {
        frozenset({(d.a.file, d.a.name), (d.b.file, d.b.name)})
        for d in decisions
        if d.action in DECIDED and d.a and d.b
    }


def _decided_cards(
    db: sqlite3.Connection, decisions: Iterable[Decision]
) -> set[frozenset[str]]:
    """Pairs of cards a user already said are two people."""
    pairs = set()
    for d in decisions:
        if d.action in ("distinct", "split") and d.a and d.b:
            owners = [_owners(db, ref) for ref in (d.a, d.b)]
            pairs |= {frozenset({x, y}) for x in owners[0] for y in owners[1]}
    return pairs


def _owners(db: sqlite3.Connection, ref: Ref) -> set[str]:
    return {
        row[0]
        for row in db.execute(
            """SELECT DISTINCT m.entity FROM mentions m JOIN documents d
               ON d.id = m.document WHERE d.file = ? AND m.name = ?""",
            (ref.file, ref.name),
        )
    }


def proposals(
    db: sqlite3.Connection, decisions: Iterable[Decision] = ()
) -> list[Proposal]:
    """The review queue, the proposal whose decision changes most first.

    Pairs a user has decided already are left out.
    """
    decisions = list(decisions)
    done, apart_done = _decided(decisions), _decided_cards(db, decisions)
    queue = [
        p
        for p in [*apart(db, profiles(db), card_refs(db)), *joined(db)]
        if frozenset({(p.a.ref.file, p.a.ref.name), (p.b.ref.file, p.b.ref.name)})
        not in done
        and frozenset({p.a.card, p.b.card}) not in apart_done
    ]
    return sorted(queue, key=lambda p: (-p.priority, p.a.card, p.b.card, p.a.name))
