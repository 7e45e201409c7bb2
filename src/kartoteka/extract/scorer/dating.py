"""Dates for the events the rules read without one, and one birth per person.

A rule that reads "he was arrested" knows there is an event but often not its
date, which the sentence or the story gives. The scorer's candidates for the same
cue type and person in that sentence rank the dates; since the event itself is
certain, the best-ranked date needs a lower bar than a new event does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kartoteka.extract.scorer.candidates import Candidate
from kartoteka.extract.scorer.units import cue_types, is_subject
from kartoteka.model import Event

DATING_THRESHOLD = 0.3
ONCE = ("born", "died", "executed", "killed", "suicide")  # what happens once in a life
VIOLENT = ("executed", "killed", "suicide")  # a death the document explains


def _about(event: Event, candidate: Candidate, subject: str) -> bool:
    """Whether a candidate is of the event's type and person, in its sentence."""
    if event.type != candidate.type:
        return False
    unit = candidate.unit
    if not (event.start < unit.end and unit.start < event.end):
        return False
    if candidate.subject:
        return is_subject(event.person, subject)
    return event.person.name.lower() == candidate.person.name.lower()


def _owned(candidate: Candidate) -> bool:
    """Whether no cue of another type stands nearer the candidate's date than its
    own cue: "arrested, although the trial opened in 1932" dates the trial."""
    date, unit = candidate.date, candidate.unit
    if date is None or not unit.start <= date.start < unit.end:
        return True
    own = abs(candidate.word.start - date.start)
    return not any(
        abs(w.start - date.start) < own
        and candidate.type not in cue_types(w, unit.language)[1]
        for w in unit.words
        if cue_types(w, unit.language)[1]
    )


def dated_rules(
    rules: Sequence[Event],
    scored: Sequence[tuple[Candidate, float]],
    subject: str,
) -> list[Event]:
    """The rules' events, an undated one taking the best-ranked date of its
    sentence when that date's candidate scores above the dating bar and no
    other statement's cue stands nearer the date."""
    found = []
    for event in rules:
        if event.date is None:
            ranked = [
                (score, c.value)
                for c, score in scored
                if c.value is not None and _about(event, c, subject) and _owned(c)
            ]
            best = max(ranked, default=None, key=lambda sv: sv[0])
            if best is not None and best[0] >= DATING_THRESHOLD:
                event = replace(event, date=best[1])
        found.append(event)
    return found


def _who(event: Event, subject: str) -> str:
    if is_subject(event.person, subject):
        return "<subject>"
    return event.person.name.lower()


def single_life_events(events: Sequence[Event], subject: str) -> list[Event]:
    """The events with one birth and one death per person: an undated one goes
    when the document dates it (the date is the news), a repeated one when it
    was told before, and a plain death when the document says how it came."""
    dated = {(e.type, _who(e, subject)) for e in events if e.date is not None}
    deaths = {(e.date, _who(e, subject)) for e in events if e.type in VIOLENT}
    undated_deaths = {who for date, who in deaths}
    kept, seen = [], set()
    for e in events:
        who = _who(e, subject)
        if e.type not in ONCE:
            kept.append(e)
            continue
        if e.date is None and (e.type, who) in dated:
            continue
        if e.type == "died" and (who in undated_deaths if e.date is None else (e.date, who) in deaths):
            continue
        if (e.type, who, e.date) in seen and e.date is not None:
            continue
        seen.add((e.type, who, e.date))
        kept.append(e)
    return kept
