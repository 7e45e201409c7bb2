"""An event as a source states it: the evidence span it quotes, its date settled
against the story, how the source puts it and on whose word.
"""

from __future__ import annotations

import re
from operator import sub

from kartoteka.extract.events.context import when
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.events.stance import Source, reporter, stance
from kartoteka.extract.events.story import Story
from kartoteka.model import Document, Event, Passage

INSET = 40  # a gap in a passage this wide is a caption set inside it, not markup
BRACKETED = re.compile(r"\([^()]*\)")
Voice = tuple[str, Source | None]  # how a statement is put, and on whose word


def _scope(text: str, position: int) -> str:
    """The sentence without the brackets the trigger is not in: an aside's
    "alleged" or "according to" is not about the statement outside it."""
    chars = list(text)
    for bracket in BRACKETED.finditer(text):
        if not bracket.start() <= position < bracket.end():
            chars[bracket.start() : bracket.end()] = " " * (
                bracket.end() - bracket.start()
            )
    return "".join(chars)


def _evidence_span(
    sentence: Sentence, trigger: int, insets: list[int]
) -> tuple[int, int]:
    """The original span of a sentence, or of the part of it on the trigger's side
    of a caption the page set inside it (`insets`): the evidence quotes no caption."""
    passage = sentence.passage
    start, end = sentence.start, sentence.end
    for i in insets:
        if i < trigger:
            start = i + 1
        else:
            end = i + 1
            break
    while start < end and passage.clean[start].isspace():
        start += 1
    while end > start and passage.clean[end - 1].isspace():
        end -= 1
    return passage.original_span(start, end)


def _insets(passage: Passage, start: int, end: int) -> list[int]:
    """The clean characters of a span after which the original has a caption:
    the gaps are measured at once, and most sentences have none."""
    gaps = list(
        map(sub, passage.starts[start + 1 : end], passage.ends[start : end - 1])
    )
    if max(gaps, default=0) <= INSET:
        return []
    return [i for i, gap in enumerate(gaps, start) if gap > INSET]


def stated_events(
    document: Document, sentence: Sentence, readings: list[Reading], story: Story
) -> list[Event]:
    """Events from the readings of one sentence, dates settled, stance and
    reporter read. A sentence states several events (one for each name of a
    list) with the same captions and, outside brackets, the same words around
    them: those are read once for the sentence, not once for each event; a
    sentence without readings (most) is not measured at all."""
    if not readings:
        return []
    insets = _insets(sentence.passage, sentence.start, sentence.end)
    voices: dict[str, Voice] = {}
    events = []
    for reading in readings:
        scope = _scope(sentence.text, reading.trigger_start - sentence.start)
        if scope not in voices:
            voices[scope] = _voice(sentence, scope)
        events.append(
            _stated(document, sentence, reading, story, insets, voices[scope])
        )
    return events


def _voice(sentence: Sentence, scope: str) -> Voice:
    """How the part of a sentence an event is stated in puts it, and whom it
    names as the source, before the event's own negation."""
    sources = [
        p
        for p in sentence.placed
        if p.mention.type in ("person", "org")
        and scope[p.start - sentence.start] != " "
    ]
    return stance(scope), reporter(scope, sentence.start, sources)


def _stated(
    document: Document,
    sentence: Sentence,
    reading: Reading,
    story: Story,
    insets: list[int],
    voice: Voice,
) -> Event:
    """An Event from a reading, with the voice of its part of the sentence."""
    start, end = _evidence_span(sentence, reading.trigger_start, insets)
    date, inferred = when(reading, sentence, story)
    said, source = voice
    if reading.negated:
        said = "denied"
    if source is not None and said == "asserted":
        said = "reported"
    return Event(
        document=document.id,
        type=reading.type,
        person=reading.person,
        start=start,
        end=end,
        evidence=document.text[start:end],
        date=date,
        agent=reading.agent,
        org=reading.org,
        place=reading.place,
        position=reading.position,
        stance=said,
        date_inferred=inferred,
        reporter=source.text if source else None,
        reporter_mention=source.mention if source else None,
    )
