"""A post abroad told two ways: "director of intelligence in Rotterdam" in one
place, "the rezident in Holland" in another, "chief for Western Europe" by the
person's own account.

For each person with a stated appointment, the sentences of the passages that
name the person which give a post (data/postings.yaml) in a country (cities
abroad stand for their country, data/flights.yaml) are read, with the sentence
right after that goes on about the post without a country of its own. Posts in
one country that carry different titles disagree where the source tells them
in different passages or gives one as someone's account.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from kartoteka.analysis.conflicts.accounts import Spans, body_passages, sentences
from kartoteka.analysis.conflicts.cues import vocabulary, word_pattern, words
from kartoteka.data import load
from kartoteka.extract.events.stance import reporter
from kartoteka.model import Claim, Conflict, stable_id


@dataclass(frozen=True)
class Posting:
    """A sentence that gives the person a post in a country."""

    document: str
    file: str
    passage: int
    start: int
    end: int
    country: str
    title: str
    reporter: str | None
    evidence: str


@cache
def _noun() -> re.Pattern[str]:
    return word_pattern(vocabulary("postings.yaml", "nouns"))


@cache
def _abroad() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of every name of a country abroad, and each name's country
    (lower case); regions and the home country are left out."""
    data = load("postings.yaml")
    regions = {r.lower() for r in [*data["regions"], *data["home"]]}
    groups = [list(g) for g in load("flights.yaml")["same"]]
    grouped = {w.lower() for g in groups for w in g}
    places = load("places.yaml")["countries_and_regions"]
    groups += [[w] for w in places if w.lower() not in grouped]
    kept = [g for g in groups if g[0].lower() not in regions]
    names = [w for g in kept for w in g]
    pattern = re.compile(rf"(?<!\w)(?:the\s+)?({words(names)})(?!\w)", re.I)
    return pattern, {w.lower().rstrip("*"): g[0] for g in kept for w in g}


def _country(sentence: str) -> str | None:
    """The first country abroad the sentence names; a region is none."""
    pattern, _ = _abroad()
    for found in pattern.finditer(sentence):
        name = _country_of(found.group(1).lower())
        if name is not None:
            return name
    return None


@cache
def _country_of(said: str) -> str | None:
    """The country a name found means, by its whole word or its stem: looked
    up once per word, as the stems are tried one by one."""
    _, countries = _abroad()
    return countries.get(said) or next(
        (c for w, c in countries.items() if said.startswith(w)), None
    )


def _holder(text: str, title: int, persons: list[tuple[int, int, str]]) -> str | None:
    """The person named nearest the post's noun, leaving out a name that only
    owns another noun ("at the time of X's death")."""
    near = [
        (max(a - title, title - b), key)
        for a, b, key in persons
        if not re.match(r"[’']s\b", text[b : b + 2])
    ]
    return min(near)[1] if near else None


_GOES_ON = re.compile(r"\W*(?:[\w’'-]+\s+){0,3}?(?:he|she|он|она)\b", re.I)


@dataclass(frozen=True)
class _Named:
    """A document's file, text, running text's passages and its persons named,
    in text order (`starts` ascending: a sentence's persons by bisection)."""

    file: str
    text: str
    passages: Spans
    persons: list[tuple[int, int, str]]
    starts: list[int]
    told: dict[tuple[int, int], list[_Told]] = field(default_factory=dict)
    countries: dict[int, str | None] = field(default_factory=dict)  # by sentence

    def country(self, told: _Told) -> str | None:
        """The country abroad a sentence names, sought when first asked: only
        a sentence that gives some person the post asks (the pattern of every
        country's names is slow)."""
        if told.first not in self.countries:
            self.countries[told.first] = _country(self.text[told.first : told.last])
        return self.countries[told.first]


@dataclass(frozen=True)
class _Told:
    """A sentence of a passage with what it tells whoever asks: the post's noun
    and the persons named in it."""

    first: int
    last: int
    title: re.Match[str] | None
    persons: list[tuple[int, int, str]]


def _told(named: _Named, start: int, end: int) -> list[_Told]:
    """The sentences of a passage, read once however many persons it names."""
    if (start, end) not in named.told:
        text, persons, starts = named.text, named.persons, named.starts
        found = []
        for first, last in sentences(text, start, end):
            title = _noun().search(text[first:last])
            inside = persons[bisect_left(starts, first) : bisect_left(starts, last)]
            found.append(_Told(first, last, title, inside))
        named.told[start, end] = found
    return named.told[start, end]


def _named(db: sqlite3.Connection, document: str) -> _Named:
    persons = db.execute(
        "SELECT start, end, entity FROM mentions WHERE document = ?"
        " AND type = 'person' AND entity IS NOT NULL ORDER BY start",
        (document,),
    ).fetchall()
    file, text = db.execute(
        "SELECT file, text FROM documents WHERE id = ?", (document,)
    ).fetchone()
    passages = body_passages(db, document)
    return _Named(file, text, passages, persons, [m[0] for m in persons])


def _passages(
    db: sqlite3.Connection, person: str, read: dict[str, _Named]
) -> list[tuple[str, str, int, int]]:
    """The running text's passages (document, file, start, end) that name the
    person, by file and start; each document read once into `read`."""
    found = set()
    for document, start, end in db.execute(
        "SELECT document, start, end FROM mentions WHERE entity = ?", (person,)
    ):
        if document not in read:
            read[document] = _named(db, document)
        named = read[document]
        for first, last, _ in named.passages.around(start, end):
            found.add((named.file, document, first, last))
    return [(document, file, a, b) for file, document, a, b in sorted(found)]


def _postings(
    db: sqlite3.Connection, person: str, read: dict[str, _Named]
) -> Iterator[Posting]:
    """The person's posts in a country, in the passages that name the person;
    `read` keeps each document as fetched, once for every person it names."""
    for document, file, start, end in _passages(db, person, read):
        named = read[document]
        text = named.text
        country: str | None = None  # the country of the post just told
        for told in _told(named, start, end):
            first, last, title = told.first, told.last, told.title
            sentence = text[first:last]
            own = title is not None and (
                _holder(text, first + title.start(), told.persons) == person
            )
            goes_on = country is not None and _GOES_ON.match(sentence) is not None
            here = named.country(told) if title and (own or goes_on) else None
            if title is None or not ((here and own) or (here is None and goes_on)):
                country = None
                continue
            country = here or country
            said = reporter(sentence, first, [])
            yield Posting(
                document, file, start, first, last, country or "",
                title.group(0).lower(), said.text if said else None,
                " ".join(sentence.split()),
            )  # fmt: skip


def posting_conflicts(
    db: sqlite3.Connection, persons: Iterable[tuple[str, str]]
) -> list[Conflict]:
    """Persons (id, name) whose post in one country is told with different
    titles, in different passages or as someone's account."""
    out = []
    read: dict[str, _Named] = {}
    for person, name in persons:
        by_country: dict[str, list[Posting]] = defaultdict(list)
        for posting in _postings(db, person, read):
            by_country[posting.country].append(posting)
        for country, told in sorted(by_country.items()):
            apart = len({(p.document, p.passage) for p in told}) > 1
            if len({p.title for p in told}) < 2 or not (
                apart or any(p.reporter for p in told)
            ):
                continue
            claims = tuple(
                Claim(stable_id(p.document, p.start, p.end, person, "posting"),
                      p.document, p.file, p.start, p.end, f"{p.title} in {country}",
                      "reported" if p.reporter else "asserted", p.evidence,
                      p.reporter)
                for p in told
            )  # fmt: skip
            question = f"what post {name} held in {country}"
            out.append(Conflict(person, name, "posting", question, claims))
    return out
