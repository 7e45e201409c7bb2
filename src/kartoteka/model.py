"""The domain model every stage speaks: documents, passages, mentions, entities, events.

All spans (`start`, `end`) are Python string indices into `Document.text`, the
original decoded file (or, for a PDF, OCR or DOCX file, the text its reader laid
out, pages separated by form feeds), so `document.text[start:end]` is always the
cited evidence.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field, fields

PASSAGE_KINDS = ("body", "heading", "footnote", "quote", "caption", "boilerplate")
MENTION_TYPES = ("person", "org", "place", "date")
STANCES = ("asserted", "reported", "disputed", "denied")


def stable_id(*parts: object, size: int = 16) -> str:
    """Deterministic id from key fields, so rebuilds give the same ids."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:size]


@dataclass(frozen=True)
class Passage:
    """A paragraph-sized piece of a document, with the cleaned text NLP reads.

    `clean` is the passage with markup, footnote markers and line-break hyphens
    removed. Clean character `i` came from `text[starts[i]:ends[i]]` of the
    original, which is how every span found in `clean` is mapped back. A sentence
    a page cut in two around a caption is one passage whose span holds the
    caption's passage too; `holds` tells its own characters from the caption's.
    """

    start: int
    end: int
    kind: str
    language: str
    clean: str
    starts: array[int] = field(compare=False, repr=False)
    ends: array[int] = field(compare=False, repr=False)
    note: str | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of `clean` to the span of the original text it came from."""
        return self.starts[start], self.ends[end - 1]

    def holds(self, start: int, end: int) -> bool:
        """Whether the original span `[start, end)` reaches any of this passage's own
        characters, rather than only a passage set inside its span (a caption)."""
        if start >= self.end or end <= self.start:
            return False
        i = bisect_right(self.ends, start)
        return i < len(self.starts) and self.starts[i] < end


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker in the body (`Passov.¹³`, `<sup>17</sup>`)."""

    start: int
    end: int
    number: str


@dataclass(frozen=True)
class Document:
    """One source file: its original text and how the text divides into passages.

    `warnings` say what reading had to repair (damaged bytes, stray NULs); the
    document is built all the same and the build reports them as problems.
    """

    id: str
    file: str
    text: str
    encoding: str
    format: str
    title: str
    passages: tuple[Passage, ...]
    footnote_refs: tuple[FootnoteRef, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages of the readable passages, most frequent first."""
        counts: dict[str, int] = {}
        for passage in self.passages:
            if passage.kind != "boilerplate":
                counts[passage.language] = counts.get(passage.language, 0) + 1
        return tuple(sorted(counts, key=lambda lang: -counts[lang]))


@dataclass(frozen=True, slots=True)
class Mention:
    """A name (or date) as it stands in a source, at an exact span.

    Slotted, with its id worked out once: a large build holds millions of them.
    """

    document: str
    start: int
    end: int
    text: str
    name: str
    type: str
    language: str
    source: str
    title: str | None = None
    key: str | None = None
    role: str | None = None
    id: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        key = stable_id(self.document, self.start, self.end, self.type)
        object.__setattr__(self, "id", key)

    def __setstate__(self, state: list[object] | dict[str, object]) -> None:
        """Unpickle, also a mention pickled before it had slots (a dict of its
        fields, as in the scorer's caches of readings)."""
        if isinstance(state, dict):
            state = [state.get(name) for name in _MENTION_FIELDS]
        for name, value in zip(_MENTION_FIELDS, state, strict=True):
            object.__setattr__(self, name, value)
        if self.id is None:
            self.__post_init__()


# Looked up once, not per mention: a build unpickles every mention it stores.
_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


@dataclass(frozen=True)
class Event:
    """A statement a source makes about what happened to a person, with its span."""

    document: str
    type: str
    person: Mention
    start: int
    end: int
    evidence: str
    date: str | None = None
    agent: Mention | None = None
    org: Mention | None = None
    place: str | None = None
    position: str | None = None
    stance: str = "asserted"
    date_inferred: bool = False  # the date needs the story around it (year, "later")
    reporter: str | None = None  # who the source says states it, as written
    reporter_mention: Mention | None = None

    @property
    def id(self) -> str:
        return stable_id(
            self.document, self.type, self.person.start, self.start, self.end, self.date
        )


@dataclass(frozen=True)
class Relation:
    """A tie a source states between two persons, with its span: `a` is `type` of `b`.

    Types: spouse, parent, child, sibling, in_law (family); deputy_of, subordinate_of,
    successor_of, recruited, handled (service).
    """

    document: str
    type: str
    a: Mention
    b: Mention
    start: int
    end: int
    evidence: str
    date: str | None = None
    stance: str = "asserted"

    @property
    def id(self) -> str:
        return stable_id(
            self.document, self.type, self.a.start, self.b.start, self.start
        )


@dataclass(frozen=True)
class Entity:
    """A card: one real-world person, organization or place and all its mentions."""

    id: str
    type: str
    name: str
    mentions: tuple[Mention, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Distinct surface names, in order of first appearance."""
        return tuple(dict.fromkeys(m.name for m in self.mentions))


@dataclass(frozen=True)
class NameLink:
    """A source saying two names are one person (`real name`, `cover name`, `alias`)."""

    a: Mention
    b: Mention
    cue: str
    start: int
    end: int
    evidence: str


@dataclass(frozen=True, slots=True)
class Judgement:
    """Whether two mentions name one person, by whom, and why.

    The machine's judgements come from names and links in the sources; a user's
    come from the curation file, and a user's negative judgement always wins.
    """

    a: str
    b: str
    same: bool
    author: str
    reason: str
    score: float = 1.0


@dataclass(frozen=True)
class Claim:
    """One side of a conflict: a statement, its value, where it stands, who says it."""

    statement: str
    document: str
    file: str
    start: int
    end: int
    value: str
    stance: str
    evidence: str
    reporter: str | None = None


@dataclass(frozen=True)
class Conflict:
    """Statements about one entity that cannot all be true, found by comparing them.

    `kind` is `date` (one life event, dates that exclude each other), `fate`
    (different accounts of a death), `stance` (a statement asserted by one
    source and denied or disputed by another), `quantity` (different numbers
    for one count), `name` (a source names the person differently), `views`
    (views a source sets against each other), `anachronism` (a service named
    for a time before it existed), `attempt` (an attempt on a life that one
    source tells and another doubts), `identity` (a source's hedged guess at
    who someone named was), `flight` (a defector sent to different
    countries), `allegiance` (services named as alternatives, "an agent of A
    or B"), `service name` (one service called by a later and earlier names),
    `posting` (a post abroad told with different titles) or `reason` (reasons
    for one event, one denied or held by others). `about` is the person (or,
    for a count or a service's names, organization).
    """

    about: str
    name: str
    kind: str
    question: str
    claims: tuple[Claim, ...]

    @property
    def id(self) -> str:
        return stable_id(self.about, self.kind, self.question)

    @property
    def files(self) -> tuple[str, ...]:
        """The files whose claims take part, in order of first claim."""
        return tuple(dict.fromkeys(c.file for c in self.claims))
