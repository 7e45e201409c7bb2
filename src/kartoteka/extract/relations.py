"""Ties between persons a source states: family and service, each with its span.

A tie is read where a word of data/relations.yaml stands between two names in
one of the few shapes sources use: "A's deputy B", "his wife, B" (his: the
person the story is about), "A and his brother B", "A, the son of B", "A, B's
successor", "Агранов, заместитель Ягоды", "жена Ежова Евгения"; or a verb
between them: "A recruited B", "B was recruited by A". The sentence is the
evidence, as for events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from kartoteka import data
from kartoteka.extract.alternation import dispatched
from kartoteka.extract.events.sentences import Sentence
from kartoteka.extract.events.stance import Placed
from kartoteka.extract.events.story import Story
from kartoteka.extract.events.topic import POSSESSIVE_AFTER, topic_person
from kartoteka.model import Document, Mention, Relation

OWNER_BEFORE = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,2}$")
PRONOUN_BEFORE = re.compile(
    r"(?<!\w)(?:his|her|его|её|ее)\s+(?:[a-zа-яё-]+\s+){0,2}$", re.I
)
AND_PRONOUN = re.compile(r"\s+(?:and|with|и|с)\s+(?:his|her|его|её|ее)\s+", re.I)
DESCRIBES = re.compile(r",\s+(?:the\s+|a\s+|his\s+|her\s+)?(?:[a-z-]+\s+){0,2}$")
NAME_AFTER = re.compile(r",?\s*")
ACTIVE = re.compile(r"\s+(?:had\s+|personally\s+|later\s+)?")
PASSIVE = re.compile(r"\s+(?:was|were|had\s+been)\s+")
# between a name and a "his": a new clause, or a "he" that may be someone else
CLAUSE_BREAK = re.compile(r"[;:]|(?<!\w)(?:he|she|он|она)(?!\w)", re.I)
OPENING_WORDS = 3  # words before a name that still open a sentence with it


@dataclass(frozen=True)
class Tie:
    """A tie found in a sentence, in the passage's clean-text coordinates."""

    type: str
    a: Mention
    b: Mention


@cache
def _cues(section: str, language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(type, pattern) for each tie type of a section; Russian words are stems."""
    found = []
    for kind, words in (data.load("relations.yaml").get(section) or {}).items():
        phrases = sorted(words.get(language) or [], key=len, reverse=True)
        if not phrases:
            continue
        ending = r"\w*" if language == "ru" else ""
        body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
        found.append(
            (kind, re.compile(rf"(?<![\w-])(?:{body}){ending}(?![\w-])", re.I))
        )
    return tuple(found)


@cache
def _any_cue(language: str) -> re.Pattern[str]:
    """One pattern matching where any cue of `_cues` matches: a sentence it
    finds nothing in (most) is not scanned for each tie type in turn."""
    phrases = [
        r"\s+".join(map(re.escape, str(phrase).split()))
        for section in ("nouns", "verbs")
        for words in (data.load("relations.yaml").get(section) or {}).values()
        for phrase in words.get(language) or []
    ]
    ending = r"\w*" if language == "ru" else ""
    body = dispatched(phrases, ignore_case=True) if phrases else "(?!)"
    return re.compile(rf"(?<![\w-])(?:{body}){ending}(?![\w-])", re.I)


def _before(sentence: Sentence, position: int) -> Placed | None:
    persons = [p for p in sentence.of_type("person") if p.end <= position]
    return persons[-1] if persons else None


def _after(sentence: Sentence, position: int) -> Placed | None:
    text = sentence.passage.clean
    for person in sentence.of_type("person"):
        if person.start >= position:
            gap = NAME_AFTER.fullmatch(text, position, person.start)
            return person if gap else None
    return None


def _noun_tie(
    sentence: Sentence, kind: str, cue: re.Match[str], topic: Mention | None
) -> Tie | None:
    """The tie one noun states, by what stands on either side of it."""
    text = sentence.passage.clean
    russian = sentence.passage.language == "ru"
    owner = _before(sentence, cue.start())
    named = _after(sentence, cue.end())
    gap = text[owner.end : cue.start()] if owner else ""
    if named is not None and russian:
        second = _after(sentence, named.end)
        if second is not None:  # "жена Ежова Евгения"
            return Tie(kind, second.mention, named.mention)
    if owner is not None and OWNER_BEFORE.fullmatch(gap):
        if named is not None:  # "A's deputy B"
            return Tie(kind, named.mention, owner.mention)
        first = _before(sentence, owner.start)  # "A, B's deputy"
        if first is not None and re.fullmatch(r",\s+", text[first.end : owner.start]):
            return Tie(kind, first.mention, owner.mention)
    pronoun = PRONOUN_BEFORE.search(text, sentence.start, cue.start())
    if named is not None and pronoun and pronoun.end() == cue.start():
        if owner is not None and not CLAUSE_BREAK.search(text, owner.end, cue.start()):
            # "A and his wife B", "at A's insistence, his deputy B"
            return Tie(kind, named.mention, owner.mention)
        return Tie(kind, named.mention, topic) if topic is not None else None
    if owner is not None and DESCRIBES.fullmatch(gap):
        of = re.match(r"\s+of\s+", text[cue.end() :])
        other = _after(sentence, cue.end() + (of.end() if of else 0))
        opens = not re.search(r"\w", text[sentence.start : owner.start])
        if other is not None and (of or (russian and opens)):  # "A, the son of B"
            return Tie(kind, owner.mention, other.mention)
    return None


def _verb_tie(sentence: Sentence, kind: str, cue: re.Match[str]) -> Tie | None:
    """ "A recruited B" or "B was recruited by A": a did it to b."""
    text = sentence.passage.clean
    before = _before(sentence, cue.start())
    if before is None:
        return None
    after = _after(sentence, cue.end())
    gap = text[before.end : cue.start()]
    if after is not None and ACTIVE.fullmatch(gap):
        return Tie(kind, before.mention, after.mention)
    by = re.match(r"\s+by\s+", text[cue.end() :])
    if by and PASSIVE.fullmatch(gap):
        agent = _after(sentence, cue.end() + by.end())
        if agent is not None:
            return Tie(kind, agent.mention, before.mention)
    return None


def sentence_ties(sentence: Sentence, topic: Mention | None) -> Iterator[Tie]:
    """Every tie one sentence states, between two different persons."""
    language = sentence.passage.language
    text = sentence.passage.clean
    if not _any_cue(language).search(text, sentence.start, sentence.end):
        return
    for section, read in (("nouns", _noun_tie), ("verbs", None)):
        for kind, pattern in _cues(section, language):
            for cue in pattern.finditer(text, sentence.start, sentence.end):
                tie = (
                    read(sentence, kind, cue, topic)
                    if read is not None
                    else _verb_tie(sentence, kind, cue)
                )
                if tie is not None and tie.a.name != tie.b.name:
                    yield tie


def _opener(sentence: Sentence) -> Mention | None:
    """The person whose name opens a sentence ("Ezhov requested ...", "In 1937
    Ezhov ...", "A's old friend, B, ..."): the one a "his" in the next sentence
    most likely means. A name after a longer description ("The Saratov deputy
    chief, X, ...") opens nothing."""
    text = sentence.passage.clean
    everyone = sentence.of_type("person")
    persons = [p for p in everyone if not POSSESSIVE_AFTER.match(text, p.end)]
    if not persons:
        return None
    first = persons[0]
    words = len(text[sentence.start : first.start].split())
    for other in everyone:  # a name before it counts as one word
        if other.end <= first.start:
            words -= len(text[other.start : other.end].split()) - 1
    return first.mention if words <= OPENING_WORDS else None


def _tie_date(sentence: Sentence, at: int, story: Story) -> str | None:
    """A tie's date: the sentence's date nearest its later name (`at`, in the
    original text), else the year the story is at (a tie told "then" holds
    around that year)."""
    dated = [d for d in sentence.dates if d.edtf and not d.relative]
    if dated:
        place = sentence.passage.original_span
        return min(dated, key=lambda d: abs(place(d.start, d.end)[0] - at)).edtf
    recent = story.recent(sentence.paragraph)
    return recent[:4] if recent and recent[:4].isdigit() else None


def document_relations(document: Document, sentences: list[Sentence]) -> list[Relation]:
    """The ties between persons a document states, with the sentence as evidence;
    `sentences` are the document's as `read_sentences` reads them (a heading
    states no tie and moves no story).

    A "his deputy" with no owner in its sentence is the deputy of the person who
    opens the sentence before, else of the paragraph's first person named."""
    topic: Mention | None = None
    opener: Mention | None = None
    story, paragraph, lead = Story(), -1, None
    found: dict[str, Relation] = {}
    for sentence in (s for s in sentences if s.passage.kind != "heading"):
        if sentence.paragraph != paragraph:
            paragraph, lead = sentence.paragraph, None
        start, end = sentence.passage.original_span(sentence.start, sentence.end)
        for tie in sentence_ties(sentence, opener or lead or topic):
            at = max(tie.a.start, tie.b.start)
            relation = Relation(
                document.id,
                tie.type,
                tie.a,
                tie.b,
                start,
                end,
                document.text[start:end],
                _tie_date(sentence, at, story),
            )
            found.setdefault(relation.id, relation)
        topic = topic_person(sentence, None, topic, [])
        opener = _opener(sentence)
        persons = sentence.of_type("person")
        lead = lead or (persons[0].mention if persons else None)
        for date in sentence.dates:
            if date.edtf and not date.relative:
                story.move(date.edtf, sentence.paragraph, sentence.number)
    return list(found.values())
