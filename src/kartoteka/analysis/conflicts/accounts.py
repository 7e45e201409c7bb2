"""Accounts of a death: the sentences that say how a person died, and the cause.

A source often tells a death twice ("at first it was claimed that he killed
himself; others said he was murdered") without a second event to compare. The
stored text of the passages that name a person who is stated to have died is
read again here: each sentence that gives a cause (data/fates.yaml) and either
names the person or speaks of "him" where the person is the passage's subject
is an account, with its stance and reporter read as the extraction reads them.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate
from typing import Any

from kartoteka.data import load
from kartoteka.extract.events.stance import Placed, reporter, stance
from kartoteka.model import Mention, stable_id

SENTENCE_END = re.compile(r"[.!?…][\"”»’)]*\s+(?=[\"“«(]*[A-ZА-ЯЁ0-9])")
SHORT_WORD = re.compile(r"(?:^|\s)(?:[A-ZА-ЯЁ]|St|Dr|Mr|Mrs|Gen|Col|Lt|Maj|т|г)\.$")
PRONOUN = re.compile(r"\b(?:he|his|him|she|her|он|его|ему|она|её|ее)\b", re.I)


@dataclass(frozen=True)
class Cause:
    """One way a death is told and the family of causes it belongs to."""

    cause: str
    family: str
    pattern: re.Pattern[str]
    survivable: bool = False  # told without a death word, an attempt on a life


@dataclass(frozen=True)
class Account:
    """A sentence that says how a person died, at its span in the original text."""

    id: str
    person: str
    document: str
    file: str
    start: int
    end: int
    text: str
    cause: Cause
    stance: str
    reporter: str | None
    fatal: bool = True  # False: an attempt on the person's life, survived

    @property
    def doubted(self) -> bool:
        """Whether the sentence denies or doubts what it tells."""
        return self.stance in {"disputed", "denied"} or bool(
            _pattern("doubt").search(self.text)
        )


def _cue(word: str) -> str:
    stem = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
    return stem + (r"\w*" if word.endswith("*") else r"(?!\w)")


@cache
def _kin() -> re.Pattern[str]:
    """A relative of the person: "his wife", "her parents", "they"."""
    nouns = load("relations.yaml")["nouns"]
    family = ("spouse", "sibling", "child", "parent", "in_law")
    words = [w for t in family for ws in nouns[t].values() for w in ws]
    owned = "|".join(_cue(w + "*") for w in words)
    plain = "|".join(_cue(w) for w in load("fates.yaml")["kin"])
    owner = r"(?:his|her|their|его|её|ее|их)\s+"
    return re.compile(rf"(?<!\w)(?:{owner}(?:{owned})|{plain})", re.I)


@cache
def _exposed() -> re.Pattern[str]:
    """A possessive before what a poison is found in: "'s urine", "'s office"."""
    nouns = "|".join(_cue(w) for w in load("fates.yaml")["exposed"])
    return re.compile(rf"[’']s\s+(?:{nouns})", re.I)


@cache
def _pattern(name: str) -> re.Pattern[str]:
    """The words of one list of fates.yaml (`death`, `doubt`) as one pattern."""
    words = load("fates.yaml")[name]
    return re.compile(r"(?<!\w)(?:" + "|".join(_cue(w) for w in words) + ")", re.I)


@cache
def causes() -> tuple[Cause, ...]:
    """The causes of death the accounts are read for, in the order they are tried."""
    return tuple(
        Cause(
            item["cause"],
            item["family"],
            # one boundary check before the cue words keeps the search fast
            re.compile(
                r"(?<!\w)(?:" + "|".join(_cue(w) for w in item["cues"]) + ")", re.I
            ),
            bool(item.get("survivable")),
        )
        for item in load("fates.yaml")["causes"]
    )


@cache
def _any_cause() -> re.Pattern[str]:
    """Every cause's cues in one pattern: most sentences hold none, and one
    search tells so where a search per cause would."""
    cues = [_cue(w) for item in load("fates.yaml")["causes"] for w in item["cues"]]
    return re.compile(r"(?<!\w)(?:" + "|".join(cues) + ")", re.I)


@lru_cache(maxsize=65536)
def cause_of(text: str) -> Cause | None:
    """The first cause whose cue the text holds, or None; kept for each
    sentence, which the accounts, the views and the statements all ask about."""
    if not _any_cause().search(text):
        return None
    return next((c for c in causes() if c.pattern.search(text)), None)


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans of `text[start:end]`; a stop after an initial is no end."""
    at = start
    for match in SENTENCE_END.finditer(text, start, end):
        if SHORT_WORD.search(text, max(at, match.start() - 5), match.start() + 1):
            continue
        yield at, match.start() + 1
        at = match.end()
    if at < end:
        yield at, end


@dataclass
class Split:
    """The sentences of each passage read in one analysis, split once: the
    accounts of deaths, the quantities, the views, the reasons and the
    anachronisms read the same passages of a document sentence by sentence."""

    found: dict[tuple[str, int, int], list[tuple[int, int]]] = field(
        default_factory=dict
    )

    def sentences(
        self, document: str, text: str, start: int, end: int
    ) -> list[tuple[int, int]]:
        """`sentences` of a passage of a document, split when first asked."""
        spans = self.found.get((document, start, end))
        if spans is None:
            spans = self.found[document, start, end] = list(sentences(text, start, end))
        return spans


def starting_in(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions of a list in text order that start in `[start, end)`, found
    by bisection: a sentence's names without a pass over the whole document."""
    low = bisect_left(mentions, start, key=lambda m: m.start)
    return mentions[low : bisect_left(mentions, end, lo=low, key=lambda m: m.start)]


@dataclass(frozen=True)
class Told:
    """What a passage holds for every person it names: its person and org
    mentions and its sentences that give a cause of death (read once, however
    many persons stated to have died the passage names)."""

    mentions: list[Mention]
    causes: list[tuple[int, int, Cause]]
    main: str | None = None  # the person the whole document names most


@dataclass(frozen=True)
class Read:
    """A document as the analyses read it: once, however many persons ask."""

    file: str
    text: str
    main: str | None  # the person the document names most
    passages: Spans  # its passages but boilerplate


@dataclass
class Passages:
    """The passages read so far (for other persons) and their documents."""

    told: dict[tuple[str, int, int], Told] = field(default_factory=dict)
    documents: dict[str, Read] = field(default_factory=dict)
    split: Split = field(default_factory=Split)


def document_reading(db: sqlite3.Connection, document: str) -> Read:
    file, text = db.execute(
        "SELECT file, text FROM documents WHERE id = ?", (document,)
    ).fetchone()
    main = db.execute(
        """SELECT entity FROM mentions WHERE document = ? AND type = 'person'
           AND entity IS NOT NULL GROUP BY entity ORDER BY COUNT(*) DESC, entity
           LIMIT 1""",
        (document,),
    ).fetchone()
    passages = _spans(
        db.execute(
            "SELECT start, end, seq FROM passages WHERE document = ?"
            " AND kind != 'boilerplate' ORDER BY start, seq",
            (document,),
        ).fetchall()
    )
    return Read(file, text, main and main[0], passages)


@dataclass(frozen=True)
class Spans:
    """Passages of one document sorted by start, to find by bisection those that
    hold a span (a join scans every passage of the document for each span)."""

    spans: list[tuple[int, int, int]]  # start, end, seq
    starts: list[int]
    reach: list[int]  # the furthest end of the spans up to each

    def around(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The passages holding `[start, end)`, in the order of their seq."""
        at = bisect_right(self.starts, start) - 1
        found = []
        while at >= 0 and self.reach[at] >= end:
            if self.spans[at][1] >= end:
                found.append(self.spans[at])
            at -= 1
        return sorted(found, key=lambda span: span[2])


def body_passages(db: sqlite3.Connection, document: str) -> Spans:
    """The running text's passages of a document (kind 'body')."""
    return _spans(
        db.execute(
            "SELECT start, end, seq FROM passages WHERE document = ?"
            " AND kind = 'body' ORDER BY start, seq",
            (document,),
        ).fetchall()
    )


def _spans(spans: list[tuple[int, int, int]]) -> Spans:
    reach = list(accumulate((end for _, end, _ in spans), max))
    return Spans(spans, [start for start, _, _ in spans], reach)


def named_passages(
    db: sqlite3.Connection, person: str, documents: dict[str, Read]
) -> list[tuple[str, int, int]]:
    """The passages (document, start, end) holding a mention of the person, in
    document order; each document is read once into `documents` (a passage
    search per mention found by bisection, not a join: linear in its length)."""
    found = set()
    for document, start, end in db.execute(
        "SELECT document, start, end FROM mentions WHERE entity = ?", (person,)
    ):
        if document not in documents:
            documents[document] = document_reading(db, document)
        for first, last, _ in documents[document].passages.around(start, end):
            found.add((document, first, last))
    return sorted(found)


def accounts(
    db: sqlite3.Connection, person: str, read: Passages | None = None
) -> list[Account]:
    """Every account of the person's death in the passages that name the person;
    `read` keeps the passages already read for other persons."""
    read = Passages() if read is None else read
    found = []
    for document, start, end in named_passages(db, person, read.documents):
        doc = read.documents[document]
        told = read.told.get((document, start, end))
        if told is None:
            told = _told(db, document, start, end, doc, read.split)
            read.told[document, start, end] = told
        found += _in_passage(person, document, doc.file, doc.text, told)
    return found


def _told(
    db: sqlite3.Connection,
    document: str,
    start: int,
    end: int,
    doc: Read,
    split: Split,
) -> Told:
    text = doc.text
    caused = []
    for first, last in split.sentences(document, text, start, end):
        cause = cause_of(text[first:last])
        if cause is not None:
            caused.append((first, last, cause))
    # a passage giving no cause yields no account: its mentions go unread
    mentions = _mentions(db, document, start, end) if caused else []
    return Told(mentions, caused, doc.main)


def _mentions(
    db: sqlite3.Connection, document: str, start: int, end: int
) -> list[Mention]:
    rows = db.execute(
        """SELECT document, start, end, text, name, type, language, source, entity
           FROM mentions WHERE document = ? AND start >= ? AND start <= ?
           AND end <= ? AND type IN ('person', 'org') AND entity IS NOT NULL
           ORDER BY start""",
        (document, start, end, end),
    )
    return stored_mentions(rows)


class Stored(Mention):
    """A mention read back from the store by the analyses: its id (a hash) is
    worked out only when asked for, as they read every mention of a large
    document and cite none by its id."""

    __slots__ = ()

    def __post_init__(self) -> None:
        """No id yet: `id` works it out."""

    @property
    def id(self) -> str:
        return stable_id(self.document, self.start, self.end, self.type)


def stored_mentions(rows: Iterable[tuple[Any, ...]]) -> list[Mention]:
    """Mentions of rows (document, start, end, text, name, type, language,
    source, entity)."""
    return [
        Stored(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], key=r[8]) for r in rows
    ]


def _said_of(
    sentence: str,
    first: int,
    cause: Cause,
    person: str,
    inside: list[Mention],
    subject: bool,
) -> bool:
    """Whether the cause in a sentence is said of the person: named nearest the
    cue, or "he" is nearer than anyone else named (or a relative: "his wife",
    "they"), in a sentence or passage about the person."""
    (cue_at, cue_to), kin_at, pronouns_at = _marks(sentence, cause)
    at, to = first + cue_at, first + cue_to

    def distance(start: int, end: int) -> int:
        # a name right after the cue is its object ("to poison X")
        after = (
            to
            if start >= to and not sentence[to - first : start - first].strip()
            else at
        )
        return max(start - after, at - end, 0)

    far = len(sentence) + 1

    def near(m: Mention) -> int:
        # "traces of poison in X's blood": X, whoever else is named nearer
        exposed = cause.survivable and _exposed().match(sentence, m.end - first)
        return 0 if exposed else distance(m.start, m.end)

    mine = min((near(m) for m in inside if m.key == person), default=far)
    other = min(
        (near(m) for m in inside if m.type == "person" and m.key != person),
        default=far,
    )
    kin = [(first + a, first + b) for a, b in kin_at]
    pronoun = min((distance(first + a, first + b) for a, b in pronouns_at), default=far)
    relative = min((distance(a, b) for a, b in kin), default=far)
    if mine < far and mine <= min(other, relative):
        return True
    return pronoun < min(other, relative) and (subject or mine < far)


Span = tuple[int, int]


@lru_cache(maxsize=4096)
def _marks(
    sentence: str, cause: Cause
) -> tuple[Span, tuple[Span, ...], tuple[Span, ...]]:
    """Where a sentence gives its cause, names a relative and says "he" (but
    in a relative's words), as offsets in the sentence: found once for all the
    persons whose accounts it may be."""
    cue = cause.pattern.search(sentence)
    assert cue is not None
    kin = tuple((k.start(), k.end()) for k in _kin().finditer(sentence))
    pronouns = tuple(
        (p.start(), p.end())
        for p in PRONOUN.finditer(sentence)
        if not any(a <= p.start() < b for a, b in kin)
    )
    return cue.span(), kin, pronouns


def _in_passage(
    person: str, document: str, file: str, text: str, told: Told
) -> list[Account]:
    mentions = told.mentions
    persons = Counter(m.key for m in mentions if m.type == "person")
    subject = bool(persons) and persons.most_common(1)[0][0] == person
    found = []
    for first, last, cause in told.causes:
        sentence = text[first:last]
        inside = [m for m in mentions if first <= m.start and m.end <= last]
        # "he" is the passage's main person, or the document's when just named
        before = [m.key for m in mentions if m.type == "person" and m.end <= first]
        meant = subject or told.main == person == (before[-1] if before else None)
        if not _said_of(sentence, first, cause, person, inside, meant):
            continue
        placed = [Placed(m.start, m.end, m) for m in inside if m.key != person]
        said = reporter(sentence, first, placed)
        found.append(
            Account(
                stable_id(document, first, last, person, "account"),
                person,
                document,
                file,
                first,
                last,
                sentence,
                cause,
                stance(sentence),
                said.text if said else None,
                not cause.survivable or bool(_pattern("death").search(sentence)),
            )
        )
    return found
