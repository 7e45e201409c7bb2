"""Where the story is after a sentence: the date it moves the story's anchor to.

The last full date a sentence writes outside brackets, else the date of its last
dated event (or a later year the sentence tells), else the date that opened it,
else a decade it names while the story is at no date; "shortly after Petrov's
trial" moves the story to a little after the date the document gave that event.
A sentence about a birth, and a state held "since" a date, leave the story where
it was. The date an undated statement takes from the story is read in
`kartoteka.extract.events.context`.
"""

from __future__ import annotations

import re

from kartoteka.edtf import parse_edtf
from kartoteka.extract.events.context import DECADE
from kartoteka.extract.events.counted import soon_after
from kartoteka.extract.events.dated import opening_date
from kartoteka.extract.events.lexicon import anchor_nouns
from kartoteka.extract.events.merge import person_key
from kartoteka.extract.events.posts import SINCE
from kartoteka.extract.events.sentences import Reading, Sentence, in_brackets
from kartoteka.extract.events.story import Story, settle
from kartoteka.model import Event

NAMED_ANCHOR = re.compile(
    r"\b(?i:shortly|soon|right|immediately|just)\s+after\s+(?P<name>[A-ZА-ЯЁ][\w-]+)"
    r"['’]s\s+(?P<noun>\w+)"
)


def _story_dates(sentence: Sentence, story: Story) -> list[str]:
    """The full dates a sentence moves the story to: those with a month, outside
    brackets, in order."""
    found = []
    for date in sentence.dates:
        if in_brackets(sentence, date.start):
            continue
        settled = settle(
            date, list(sentence.dates), story, sentence.paragraph, sentence.year
        )
        if settled and "/" not in settled[0] and len(settled[0].rstrip("~?%")) >= 7:
            found.append(settled[0])
    return found


def _later_year(sentence: Sentence, story: Story, dated: str) -> str:
    """The year a sentence ends its story at, when its told event came earlier
    ("arrested in 1911, he escaped in 1914. The next year ...": 1915), also
    counted from it ("arrested in 1897, he escaped two years later": 1899)."""
    try:
        told = parse_edtf(dated)[1]
    except ValueError:
        return dated
    for date in reversed(sentence.dates):
        aged = date.relative is not None and date.relative.unit == "age"
        if in_brackets(sentence, date.start) or aged:
            continue
        settled = settle(
            date, list(sentence.dates), story, sentence.paragraph, sentence.year
        )
        year = settled[0] if settled else ""
        if len(year) == 4 and year.isdigit() and parse_edtf(year)[0] > told:
            return year
        return dated
    return dated


def named_anchor(sentence: Sentence, events: list[Event]) -> str | None:
    """ "Shortly after Petrov's trial ...": the story moves to a little
    after the date this document gave that person's event."""
    nouns = anchor_nouns()
    for match in NAMED_ANCHOR.finditer(sentence.text):
        types = nouns.get(match.group("noun").lower(), ())
        key = match.group("name").lower()
        told = [
            e.date
            for e in events
            if e.type in types and e.date and person_key(e.person) == key
        ]
        if told:
            return soon_after(told[-1])
    return None


def next_anchor(
    sentence: Sentence, readings: list[Reading], events: list[Event], story: Story
) -> str | None:
    """Where the story is after a sentence: its last full date outside brackets,
    else the date of its last dated event, else the date that opened it. A
    sentence about a birth does not move the story, nor a state held "since"."""
    if any(r.type == "born" for r in readings):
        return None
    later = _story_dates(sentence, story)
    if later:
        return later[-1]
    text = sentence.passage.clean
    dated = [
        e.date
        for r, e in zip(readings, events, strict=True)
        if r.date is not None
        and e.date
        and not r.in_brackets
        and not SINCE.search(text, 0, r.date.start)
    ]
    if dated:
        return _later_year(sentence, story, dated[-1])
    opening = opening_date(list(sentence.dates), sentence.start)
    settled = (
        settle(opening, list(sentence.dates), story, sentence.paragraph, sentence.year)
        if opening is not None
        else None
    )
    return settled[0] if settled else _told_decade(sentence, story)


def _told_decade(sentence: Sentence, story: Story) -> str | None:
    """The last decade a sentence tells outside brackets ("the purges of the
    1930s"): where the story is when it is nowhere else. A story already at a
    date keeps it: a decade told then mostly looks back ("his career flourished
    into the 1930s", "since the early 1930s")."""
    if story.recent(sentence.paragraph) is not None:
        return None
    decades = [
        d.edtf
        for d in sentence.dates
        if d.edtf and DECADE.fullmatch(d.edtf) and not in_brackets(sentence, d.start)
    ]
    return decades[-1] if decades else None
