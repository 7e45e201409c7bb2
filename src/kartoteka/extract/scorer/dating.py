"""Dates for the events the rules read without one, and one birth per person.

A rule that reads "he was arrested" knows there is an event but often not its
date, which the sentence or the story gives. The scorer's candidates for the same
cue type and person in that sentence rank the dates; since the event itself is
certain, the best-ranked date needs a lower bar than a new event does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kartoteka.edtf import dates_compatible, dates_equal, parse_edtf
from kartoteka.extract.events.context import FAR
from kartoteka.extract.scorer.candidates import Candidate
from kartoteka.extract.scorer.units import cue_types, is_subject
from kartoteka.model import Event

DATING_THRESHOLD = 0.3
RELATIVE = frozenset(
    {"that", "which", "who", "whom", "whose", "который", "которая", "которое"}
    | {"которого", "которой", "которую", "которые", "которых", "где"}
)
ONCE = ("born", "died", "executed", "killed", "suicide")  # what happens once in a life
NAMED_TWICE = ("born", "died")  # life dates a second name of the subject repeats
DAY = len("1891-02-18")


def _about(event: Event, candidate: Candidate, subject: str) -> bool:
    """Whether a candidate is of the event's type and person, in its sentence."""
    if event.type != candidate.type:
        return False
    unit = candidate.unit
    if not unit.shares_text(event.start, event.end):
        return False
    if candidate.subject:
        return is_subject(event.person, subject)
    return event.person.name.lower() == candidate.person.name.lower()


def _owned(candidate: Candidate) -> bool:
    """Whether the candidate's date is its cue's: no cue of another type stands
    nearer it ("arrested, although the trial opened in 1932" dates the trial) and
    no relative clause opens between them."""
    date, unit = candidate.date, candidate.unit
    if date is None or not unit.start <= date.start < unit.end:
        return True
    own = abs(candidate.word.start - date.start)
    between = (w for w in unit.words if candidate.word.start < w.start < date.start)
    if any(w.text.lower() in RELATIVE for w in between):
        return False  # "joined the party that was founded in 1893": the party's date
    return not any(
        abs(w.start - date.start) < own
        and candidate.type not in cue_types(w, unit.language)[1]
        for w in unit.words
        if cue_types(w, unit.language)[1]
    )


def _in_story_time(candidate: Candidate) -> bool:
    """Whether a date from an earlier sentence may date this one: not when the
    sentence sets its step apart ("he was later dismissed"), which the rule
    that read it left undated on purpose."""
    date, unit = candidate.date, candidate.unit
    if date is None or unit.start <= date.start < unit.end:
        return True
    return not any(FAR.fullmatch(w.text) for w in unit.words)


def _a_birth(candidate: Candidate, births: Sequence[Event]) -> bool:
    """Whether the candidate's date is a birth told in an earlier sentence ("born
    on 28 June 1899"): the day a person was born is no story time for what he did
    later."""
    date, unit = candidate.date, candidate.unit
    if date is None or unit.start <= date.start < unit.end:
        return False
    return any(
        b.start <= date.start < b.end and dates_compatible(b.date, candidate.value)
        for b in births
    )


def told_by_another(event: Event, value: str, rules: Sequence[Event]) -> bool:
    """Whether another statement of the same type and person in the sentence
    already carries the date ("decorated with the Order of Lenin, and was
    promoted in 1945"): the date is that statement's, not this one's."""
    return any(
        other.date == value
        and other.type == event.type
        and other.person.name.lower() == event.person.name.lower()
        and other.start < event.end
        and event.start < other.end
        for other in rules
        if other is not event
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
    births = [e for e in rules if e.type == "born" and e.date is not None]
    typed = _by_type(scored)
    for event in rules:
        if event.date is None:
            ranked = [
                (score, c.value)
                for c, score in typed.get(event.type, ())
                if c.value is not None
                and _about(event, c, subject)
                and _owned(c)
                and _in_story_time(c)
                and (event.type == "born" or not _a_birth(c, births))
                and not told_by_another(event, c.value, rules)
            ]
            best = max(ranked, default=None, key=lambda sv: sv[0])
            if best is not None and best[0] >= DATING_THRESHOLD:
                event = replace(event, date=best[1])
        found.append(event)
    return found


def _by_type(
    scored: Sequence[tuple[Candidate, float]],
) -> dict[str, list[tuple[Candidate, float]]]:
    """The scored candidates of each type that clear the dating bar, in their
    order: an undated event looks only at its own type's (at all of them, a long
    document's dating cost the square of its length), and a candidate below the
    bar could never date it."""
    typed: dict[str, list[tuple[Candidate, float]]] = {}
    for candidate, score in scored:
        if score >= DATING_THRESHOLD:
            typed.setdefault(candidate.type, []).append((candidate, score))
    return typed


def _who(event: Event, subject: str) -> str:
    if is_subject(event.person, subject):
        return "<subject>"
    return event.person.name.lower()


def _span(date: str) -> int:
    """How many days a date allows (a wider date says less)."""
    first, last = parse_edtf(date)
    return (last - first).days


def _told_better(event: Event, other: Event, earlier: bool) -> bool:
    """Whether another statement of the same life event says more: a date where
    this one has none, a narrower date inside this one's, or the same told
    `earlier`. (A plain death beside a violent one stays: sources that disagree
    on how a person died make it a death of disputed cause.)"""
    if other.type != event.type or not dates_compatible(event.date, other.date):
        return False
    if event.date is None or other.date is None:
        return other.date is not None or earlier
    if dates_equal(event.date, other.date):
        return earlier
    try:
        return _span(other.date) < _span(event.date)
    except ValueError:
        return False


def _subject_days(events: Sequence[Event], subject: str) -> set[tuple[str, str]]:
    """The subject's births and deaths told to the day."""
    return {
        (e.type, e.date)
        for e in events
        if e.type in NAMED_TWICE
        and e.date is not None
        and len(e.date) == DAY
        and is_subject(e.person, subject)
    }


def single_life_events(events: Sequence[Event], subject: str) -> list[Event]:
    """The events with one birth and one death per person: a statement of one
    goes when another statement of it says more (`_told_better`). A birth or
    death on the very day of the subject's is the subject's, told under another
    of the subject's names (a birth name, the name in its own script)."""
    days = _subject_days(events, subject)

    def who(event: Event) -> str:
        if (event.type, event.date) in days:
            return "<subject>"
        return _who(event, subject)

    told: dict[tuple[str, str], list[tuple[int, Event]]] = {}
    for index, event in enumerate(events):
        if event.type in ONCE:
            told.setdefault((event.type, who(event)), []).append((index, event))
    return [
        event
        for index, event in enumerate(events)
        if event.type not in ONCE
        or not any(
            _told_better(event, other, place < index)
            for place, other in told[event.type, who(event)]
            if place != index
        )
    ]
