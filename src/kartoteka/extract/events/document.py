"""Events: what a source says happened to a person, when, how sure, and on whose word.

A sentence is read when a trigger word of the event vocabulary (data/events.yaml)
stands in it; only those sentences are parsed. The parse says who the event
happened to (`kartoteka.extract.events.roles`), the clause says when
(`kartoteka.extract.events.when`), else the story around it does
(`kartoteka.extract.events.context`), cue words say how the source puts it and who it
attributes it to (`kartoteka.extract.events.stance`). Lists after a colon ("were shot:
on 14 August Pauker, ...; on 21 August Artuzov") give each name the date of its
part, life dates in brackets give births and deaths
(`kartoteka.extract.dates.lifespans`), and restatements within a document are merged
(`kartoteka.extract.events.merge`). The sentence is the evidence span.
"""

from __future__ import annotations

from dataclasses import replace

from kartoteka.edtf import bounds
from kartoteka.extract.events.agents import (
    Refers,
    founder_of,
    referred,
    with_agents,
)
from kartoteka.extract.events.anchor import named_anchor, next_anchor
from kartoteka.extract.events.appositions import appositive_posts, known_posts
from kartoteka.extract.events.evidence import stated_events
from kartoteka.extract.events.frames import tenure
from kartoteka.extract.events.heads import heads_named
from kartoteka.extract.events.infobox import card_events, card_lines
from kartoteka.extract.events.lists import (
    lifespans,
    member_lists,
    trial_lists,
    trial_span,
)
from kartoteka.extract.events.merge import merge_events, person_key
from kartoteka.extract.events.others import defectors, spouses, successors
from kartoteka.extract.events.posts import copular_posts, since_posts, tenures
from kartoteka.extract.events.resume import first_person, resume_posts
from kartoteka.extract.events.sentences import Reading, Sentence, parse_sentences
from kartoteka.extract.events.story import Story
from kartoteka.extract.events.topic import NOTHING_EARLIER, Earlier, topic_person
from kartoteka.extract.events.trigger import read_trigger
from kartoteka.extract.events.turns import turns
from kartoteka.extract.events.unstated import dated_after, owned_noun
from kartoteka.extract.events.who import DEATHS
from kartoteka.extract.nlp.models import Analysis
from kartoteka.extract.nlp.parse import Parse
from kartoteka.model import Document, Event, Mention


def _held_over(readings: list[Reading]) -> list[Reading]:
    """ "was deputy chairman from 1926 to 1930": a post held over a closed span of
    its own sentence is taken at the start and left at the end."""
    return [
        split
        for reading in readings
        for split in (
            tenure(reading)
            if reading.type == "appointed" and not reading.inherited
            else [reading]
        )
    ]


def _readings(
    sentence: Sentence,
    parse: Parse | None,
    antecedent: Mention | None,
    subject: Mention | None,
    before: Earlier = NOTHING_EARLIER,
) -> list[Reading]:
    """Everything one sentence states: posts, member lists and trigger events."""
    readings = since_posts(sentence) + member_lists(sentence) + tenures(sentence)
    readings += turns(sentence) + trial_lists(sentence)
    readings += resume_posts(sentence, subject)
    readings += spouses(sentence, antecedent or subject) + successors(sentence)
    readings += defectors(sentence)
    if parse is not None and sentence.copula:
        readings.extend(_held_over(copular_posts(sentence, parse)))
    if parse is not None:
        for trigger, match in sentence.matches:
            readings.extend(
                read_trigger(sentence, parse, trigger, match, antecedent, before)
            )
    posted = {person_key(r.person) for r in readings if r.type == "appointed"}
    for reading in appositive_posts(sentence) + heads_named(sentence):
        if person_key(reading.person) not in posted:
            posted.add(person_key(reading.person))
            readings.append(reading)
    return readings


def with_readable_date(event: Event, warnings: list[str]) -> Event:
    """The event as stored: a date `kartoteka.edtf` cannot read would be stored
    without its days and found by no date search, so it is dropped, out loud."""
    if event.date is None or bounds(event.date) is not None:
        return event
    warnings.append(
        f"the date {event.date!r} of a '{event.type}' event at characters "
        f"{event.start}-{event.end} is not EDTF; the event is kept without it"
    )
    return replace(event, date=None, date_inferred=False)


def document_events(
    document: Document,
    analyses: list[Analysis],
    mentions: list[Mention],
    sentences: list[Sentence],
) -> tuple[list[Event], list[str]]:
    """Every event in a document, sentence by sentence (as `read_sentences` reads
    them with headings), restatements merged, and warnings about what had to be
    left out."""
    parses = parse_sentences(sentences)
    story = Story()
    antecedent: Mention | None = None
    events: list[Event] = []
    warnings: list[str] = []
    references: set[str] = set()
    timeless: set[str] = set()
    backward: set[str] = set()
    subject = first_person(mentions)
    before = Refers(earlier=Earlier(story=subject))
    events += [with_readable_date(e, warnings) for e in card_events(document, subject)]
    events += card_lines(document, subject, mentions)
    for card in events:
        if card.type == "born" and card.date:
            story.births.setdefault(person_key(card.person), card.date)
    for index, sentence in enumerate(sentences):
        parse = parses.get(index)
        lives = [with_readable_date(e, warnings) for e in lifespans(document, sentence)]
        if sentence.passage.kind == "heading":
            events += lives
            continue
        readings = _readings(sentence, parse, antecedent, subject, before.earlier)
        founder = founder_of(sentence)
        readings = with_agents(sentence, parse, readings, before, founder)
        read = [
            with_readable_date(event, warnings)
            for event in stated_events(document, sentence, readings, story)
        ]
        for event in lives + read:
            if event.type == "born" and event.date:
                story.births.setdefault(person_key(event.person), event.date)
        stated = {e.id for r, e in zip(readings, read, strict=True) if not r.nominal}
        references |= {e.id for r, e in zip(readings, read, strict=True) if r.nominal}
        backward |= {
            e.id
            for r, e in zip(readings, read, strict=True)
            if r.nominal
            and r.type not in DEATHS  # "certified X's death": a fate sources dispute
            and owned_noun(sentence, r.trigger_start)
            and not dated_after(sentence, r.trigger_start)
        }
        references -= stated
        timeless |= {e.id for r, e in zip(readings, read, strict=True) if r.timeless}
        events += lives + read
        story.trial = trial_span(sentence) or story.trial
        anchor = next_anchor(sentence, readings, read, story)
        anchor = anchor or named_anchor(sentence, events)
        if anchor is not None:
            told = tuple(e.type for e in read if e.date)
            story.move(anchor, sentence.paragraph, sentence.number, told)
        patients = [r.person for r in readings if r.person.name]
        antecedent = topic_person(sentence, parse, antecedent, patients, subject)
        before = referred(sentence, readings, before, antecedent, founder)
    merged = merge_events(events, references)
    kept = [e for e in merged if e.date is not None or e.id not in backward]
    return known_posts(kept, timeless), warnings
