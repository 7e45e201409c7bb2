"""Events: what a sentence says happened to a person, with date, stance and span.

A first pass by rule: a trigger word from the event vocabulary (data/events.yaml)
in a sentence, the person it is about (the nearest name before it, or after it
for "the arrest of X", with coordinated lists giving one event per person), the
nearest date, the organization, the agent after "by", and hedging cues for the
stance. The sentence is the evidence span.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Any

from kartoteka import data
from kartoteka.extract.nlp import Analysis
from kartoteka.model import Document, Event, Mention, Passage

COORDINATION = re.compile(r"^\s*(?:,|,?\s*and|&|и|,\s*и)\s*$")
BY = re.compile(r"^\s*by\s+(?:the\s+)?$", re.I)
# A sentence about "he" or "she" continues the story of the last person named.
PRONOUN = re.compile(r"^\W*(?:\w+\s+){0,4}?(?:he|she|his|her|он|она|его|её|ее)\b", re.I)
MAX_GAP = 80


@dataclass(frozen=True)
class Trigger:
    """A word or phrase that signals an event type in one language."""

    type: str
    language: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Placed:
    """A mention together with its span in the passage's clean text."""

    start: int
    end: int
    mention: Mention


def _phrase_regex(phrase: str) -> str:
    words = phrase.split()
    parts = [
        re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words
    ]
    return r"\s+".join(parts)


def _vocabulary() -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """The event types with their triggers, and the stance cues."""
    raw: dict[str, Any] = data.load("events.yaml")
    return list(raw["events"]), dict(raw.get("stance", {}))


@cache
def triggers() -> tuple[Trigger, ...]:
    """Compiled trigger patterns for every event type and language."""
    found = []
    for item in _vocabulary()[0]:
        for language in ("en", "ru"):
            phrases = item.get(language) or []
            if not phrases:
                continue
            body = "|".join(
                _phrase_regex(p) for p in sorted(phrases, key=len, reverse=True)
            )
            pattern = re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.I)
            found.append(Trigger(item["type"], language, pattern))
    return tuple(found)


@cache
def stance_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Hedging cues that make a statement reported, disputed or denied."""
    cues = []
    for stance, phrases in _vocabulary()[1].items():
        body = "|".join(
            _phrase_regex(p) for p in sorted(phrases, key=len, reverse=True)
        )
        cues.append((stance, re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.I)))
    return tuple(cues)


def _place(passage: Passage, mentions: list[Mention]) -> list[Placed]:
    placed = []
    for mention in mentions:
        start = bisect_left(passage.starts, mention.start)
        end = bisect_left(passage.starts, mention.end - 1) + 1
        placed.append(Placed(start, end, mention))
    return placed


def _subjects(
    clean: str, persons: list[Placed], trigger: re.Match[str]
) -> list[Placed]:
    """Who a trigger is about: a coordinated list before it, or the next name."""
    before = [
        p
        for p in persons
        if p.end <= trigger.start() and trigger.start() - p.end <= MAX_GAP
    ]
    if len(persons) == 1 and persons[0].start == persons[0].end:
        return persons
    if before:
        chosen = [before[-1]]
        for previous in reversed(before[:-1]):
            if COORDINATION.match(clean[previous.end : chosen[-1].start]):
                chosen.append(previous)
            else:
                break
        return chosen
    after = [
        p for p in persons if p.start >= trigger.end() and p.start - trigger.end() <= 40
    ]
    return after[:1]


def _stance(sentence: str) -> str:
    for stance, pattern in stance_cues():
        if pattern.search(sentence):
            return stance
    return "asserted"


def _nearest(items: list[Placed], position: int) -> Placed | None:
    if not items:
        return None
    return min(items, key=lambda p: abs(p.start - position))


def _agent(clean: str, persons: list[Placed], trigger: re.Match[str]) -> Placed | None:
    for person in persons:
        if person.start >= trigger.end() and BY.match(
            clean[trigger.end() : person.start]
        ):
            return person
    return None


def sentence_events(
    document: Document,
    passage: Passage,
    sentence: tuple[int, int],
    placed: list[Placed],
    antecedent: Mention | None = None,
) -> list[Event]:
    """Events stated in one sentence of a passage.

    A sentence that names nobody but speaks of "he" or "she" is about
    `antecedent`, the last person named before it.
    """
    s_start, s_end = sentence
    text = passage.clean[s_start:s_end]
    inside = [p for p in placed if s_start <= p.start and p.end <= s_end]
    persons = [p for p in inside if p.mention.type == "person"]
    if not persons and antecedent is not None and PRONOUN.match(text):
        persons = [Placed(s_start, s_start, antecedent)]
    if not persons:
        return []
    dates = [p for p in inside if p.mention.type == "date"]
    orgs = [p for p in inside if p.mention.type == "org"]
    places = [p for p in inside if p.mention.type == "place"]
    events = []
    seen: set[tuple[str, int]] = set()
    for trigger in triggers():
        if trigger.language != passage.language:
            continue
        for match in trigger.pattern.finditer(passage.clean, s_start, s_end):
            agent = _agent(passage.clean, persons, match)
            for subject in _subjects(passage.clean, persons, match):
                if agent is not None and subject is agent:
                    continue
                if (trigger.type, subject.start) in seen:
                    continue
                seen.add((trigger.type, subject.start))
                date = _nearest(dates, match.start())
                org = _nearest(orgs, match.end())
                place = _nearest(places, match.end())
                start, end = passage.original_span(s_start, s_end)
                events.append(
                    Event(
                        document=document.id,
                        type=trigger.type,
                        person=subject.mention,
                        start=start,
                        end=end,
                        evidence=document.text[start:end],
                        date=date.mention.key if date else None,
                        agent=agent.mention if agent else None,
                        org=org.mention if org else None,
                        place=place.mention.name if place else None,
                        stance=_stance(text),
                    )
                )
    return events


def document_events(
    document: Document, analyses: list[Analysis], mentions: list[Mention]
) -> list[Event]:
    """Every event in a document, sentence by sentence."""
    events = []
    antecedent: Mention | None = None
    for passage, analysis in zip(document.passages, analyses, strict=True):
        if passage.kind == "boilerplate":
            continue
        inside = [
            m for m in mentions if passage.start <= m.start and m.end <= passage.end
        ]
        placed = _place(passage, inside)
        for sentence in analysis.sentences:
            span = (sentence.start, sentence.end)
            events.extend(sentence_events(document, passage, span, placed, antecedent))
            named = [
                p.mention
                for p in placed
                if p.mention.type == "person"
                and sentence.start <= p.start < sentence.end
            ]
            if named:
                antecedent = named[0]
    return events
