"""The sentences of a document as the event reader sees them.

Each readable sentence comes with its mentions (in the passage's clean-text
coordinates), its date expressions, and the trigger words of the event
vocabulary it contains; only sentences with a trigger are parsed, English ones
in one batch. A sentence the model broke after an initial ("A. Kh. | Artuzov")
or inside a bracket is joined again. A `Reading` is one event a trigger states,
before its date is settled and its stance read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from kartoteka.extract.alternation import matches_from
from kartoteka.extract.dates.find import iter_years
from kartoteka.extract.events.dated import Dated, passage_dates
from kartoteka.extract.events.lexicon import (
    Trigger,
    is_post,
    language_triggers,
    trigger_places,
)
from kartoteka.extract.events.stance import Placed
from kartoteka.extract.mentions.spans import by_passage
from kartoteka.extract.nlp.models import Analysis, Span
from kartoteka.extract.nlp.parse import Parse, parse_english, parse_russian
from kartoteka.model import Document, Mention, Passage

INITIAL_END = re.compile(r"(?<![\w.])[A-ZА-ЯЁ][a-zа-яё]?\.\s*$")
PRONOUN = re.compile(
    r"(?<![\w])(?:he|him|his|she|her|он|его|ему|им|она|её|ее|ей)(?![\w])", re.I
)
COPULA = re.compile(r"\b(?:was|were|been)\b", re.I)
WORD = re.compile(r"[\w’'-]+")
YEAR_REACH = 4  # paragraphs a year carries over when no new year is written


@dataclass(frozen=True)
class Sentence:
    """One sentence of a passage with what is known about it."""

    passage: Passage
    start: int
    end: int
    placed: tuple[Placed, ...]
    dates: tuple[Dated, ...]
    matches: tuple[tuple[Trigger, re.Match[str]], ...]
    copula: bool = False  # "X was the head of Y": may state a post without a trigger
    number: int = 0  # place of the sentence in the document
    paragraph: int = 0  # place of its passage in the document
    year: int | None = None  # the story's year when the passage begins

    @property
    def parsed(self) -> bool:
        """Whether the sentence is worth a parse: a trigger and someone it may be
        about (a name or a pronoun), or a post after "was"."""
        if self.copula:
            return True
        if not self.matches:
            return False
        if self.passage.language == "ru" or self.matches[0][1].start() == self.start:
            return True  # "В 1937 арестован", "Born 3 May 1899": no subject named
        if any(trigger.reciprocal for trigger, _ in self.matches):
            return True  # "They married": a pair (`who.couple`)
        return bool(self.of_type("person")) or bool(PRONOUN.search(self.text))

    @property
    def text(self) -> str:
        return self.passage.clean[self.start : self.end]

    def of_type(self, kind: str) -> list[Placed]:
        return list(self._by_type.get(kind, ()))

    @cached_property
    def _by_type(self) -> dict[str, list[Placed]]:
        """The placed mentions by type, grouped once: readers ask for them often."""
        kinds: dict[str, list[Placed]] = {}
        for placed in self.placed:
            kinds.setdefault(placed.mention.type, []).append(placed)
        return kinds

    def persons_after(self, start: int, gap: re.Pattern[str]) -> list[Placed]:
        """The names that follow one another from `start`, each parted from what
        stands before it by text the `gap` fits ("Kotov, Lobov and Gromov")."""
        text = self.passage.clean
        found, cursor = [], start
        for person in self.of_type("person"):
            if person.start < cursor:
                continue
            if not gap.fullmatch(text[cursor : person.start]):
                break
            found.append(person)
            cursor = person.end
        return found


@dataclass(frozen=True)
class Reading:
    """One event a trigger states about one person, before it becomes an Event."""

    type: str
    person: Mention
    date: Dated | None
    inherited: bool = False
    agent: Mention | None = None
    org: Mention | None = None
    place: str | None = None
    position: str | None = None
    negated: bool = False
    trigger_start: int = 0
    nominal: bool = False  # a noun ("his arrest"): often a reference back
    in_brackets: bool = False
    timeless: bool = False  # a post named beside a name: held, not when taken
    state: bool = False  # "was his deputy", "the arrested X": held, not a step
    order: str = ""  # "near" (soon), "far" (later), "loose" (after X, had): see events


def _place(passage: Passage, mentions: list[Mention]) -> list[Placed]:
    placed = []
    for mention in mentions:
        start = bisect_left(passage.starts, mention.start)
        end = bisect_left(passage.starts, mention.end - 1) + 1
        placed.append(Placed(start, end, mention))
    return placed


def _matches(
    text: str, start: int, end: int, language: str
) -> tuple[tuple[Trigger, re.Match[str]], ...]:
    """Trigger matches in a sentence; where two overlap the longer one wins."""
    places = [m.start() for m in trigger_places(language).finditer(text, start, end)]
    found = [
        (trigger, match)
        for trigger in (language_triggers(language) if places else ())
        for match in matches_from(trigger.pattern, text, places, end)
    ]
    found.sort(key=lambda item: item[1].start() - item[1].end())
    kept: list[tuple[Trigger, re.Match[str]]] = []
    for trigger, match in found:
        if not any(
            m.start() < match.end() and match.start() < m.end() for _, m in kept
        ):
            kept.append((trigger, match))
    return tuple(sorted(kept, key=lambda item: item[1].start()))


def read_sentences(
    document: Document,
    analyses: list[Analysis],
    mentions: list[Mention],
    headings: bool = False,
) -> Iterator[Sentence]:
    """Every readable sentence in document order, with its mentions and dates.

    Headings are not read for events, and a heading starts a new story: dates
    without a year after it take no year from before it. With `headings`, a
    heading comes as one sentence without triggers or dates, for the life dates
    a biography's title gives its person ("Petrov, Ivan Ilyich (1890-1938)").
    """
    year: int | None = None
    number = quiet = 0
    within = by_passage(document.passages, mentions)
    for paragraph, (passage, analysis, inside) in enumerate(
        zip(document.passages, analyses, within, strict=True)
    ):
        if passage.kind == "heading":
            year = None
            if headings:
                placed = _place(passage, [m for m in inside if m.type != "date"])
                yield Sentence(passage, 0, len(passage.clean), tuple(placed), (), ())
        if passage.kind in ("boilerplate", "heading"):
            continue
        placed = _place(passage, [m for m in inside if m.type != "date"])
        context = year if passage.kind != "footnote" else None
        dates = passage_dates(passage.clean, context)
        for span in _joined(passage.clean, analysis.sentences):
            number += 1
            persons = tuple(p for p in placed if span.start <= p.start < span.end)
            yield Sentence(
                passage,
                span.start,
                span.end,
                persons,
                tuple(d for d in dates if span.start <= d.start < span.end),
                _matches(passage.clean, span.start, span.end, passage.language),
                any(p.mention.type == "person" for p in persons)
                and _copula(passage.clean[span.start : span.end], passage.language),
                number,
                paragraph,
                context,
            )
        if passage.kind != "footnote":
            years = list(iter_years(passage.clean))
            quiet = 0 if years else quiet + 1
            year = years[-1] if years else (year if quiet < YEAR_REACH else None)


def _copula(text: str, language: str) -> bool:
    """Whether a sentence may say that someone held a post: "was" and a post word."""
    if not COPULA.search(text):
        return False
    return any(
        is_post(word, language) or word.lower() in ("member", "членом")
        for word in WORD.findall(text)
    )


def _joined(text: str, spans: tuple[Span, ...]) -> list[Span]:
    """Sentences with the breaks after initials undone ("A. Kh. | Artuzov")."""
    joined: list[Span] = []
    for span in spans:
        if joined and (
            INITIAL_END.search(text, joined[-1].start, joined[-1].end)
            or _open_bracket(text[joined[-1].start : joined[-1].end])
        ):
            joined[-1] = Span(joined[-1].start, span.end, "sentence")
        else:
            joined.append(span)
    return joined


def _open_bracket(text: str) -> bool:
    """Whether a sentence ends inside a bracket the parser broke it at."""
    return text.count("(") > text.count(")") or text.count("[") > text.count("]")


def parse_sentences(sentences: list[Sentence]) -> dict[int, Parse]:
    """Parses of the sentences worth one, each language's in one batch."""
    parses: dict[int, Parse] = {}
    for language in ("en", "ru"):
        chosen = [
            i
            for i, s in enumerate(sentences)
            if s.parsed and s.passage.language == language
        ]
        items = [(sentences[i].text, sentences[i].start) for i in chosen]
        if language == "en":
            parsed = list(parse_english(items))
        else:
            parsed = parse_russian(items)
        parses.update(zip(chosen, parsed, strict=True))
    return parses


def in_brackets(sentence: Sentence, position: int) -> bool:
    """Whether a position of the sentence is inside round brackets that make an
    aside; a sentence wholly in brackets ("(As a result, X became ...)") is a
    sentence of the story all the same."""
    before = sentence.passage.clean[sentence.start : position]
    if _wholly_bracketed(sentence.text):
        before = before[1:]
    return before.count("(") > before.count(")")


def _wholly_bracketed(text: str) -> bool:
    """Whether the bracket that opens a text closes only at its end."""
    body = text.rstrip().removesuffix(".")
    if not body.startswith("(") or not body.endswith(")"):
        return False
    depth = 0
    for char in body[:-1]:
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return False
    return True
