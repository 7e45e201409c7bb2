"""Dates a biography tells by reference to another: "the following year", "four
months later", "in the summer of that year", "ten days after the raid (3 May
1931)".

Each becomes a date mention of its own (source `relative`), counted from the date
the story last gave (an absolute date or an earlier relative one), or, for "N days
after <an event> (<its date>)", from the date that follows it in the sentence.
The scorer's candidates then carry them like any date of their sentence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kartoteka.extract.dates.relative import (
    RelativeDate,
    find_measured,
    find_relative,
    resolve,
)
from kartoteka.extract.mentions.spans import make_mention
from kartoteka.model import Document, Mention, Passage

REACH = 600  # how far back (in characters) the story's date still anchors one
AHEAD = 120  # how far after "N days after <an event>" the event's date may stand
SOURCE = "relative"


def relative_dates(document: Document, dates: Sequence[Mention]) -> list[Mention]:
    """The relative dates of a document's readable passages, resolved in text
    order; `dates` are its absolute date mentions, sorted by start."""
    found: list[Mention] = []
    index, last = 0, None
    for start, end, passage, relative, forward in sorted(_told(document), key=_at):
        while index < len(dates) and dates[index].end <= start:
            last, index = _later(last, dates[index]), index + 1
        if any(d.start < end and start < d.end for d in dates[index : index + 2]):
            continue
        anchor = _ahead(dates, index, end) if forward else last
        if anchor is None or anchor.key is None:
            continue
        if not forward and start - anchor.end > REACH:
            continue
        value = resolve(relative, anchor.key)
        if value is None:
            continue
        mention = make_mention(
            document,
            passage,
            relative.start,
            relative.end,
            "date",
            SOURCE,
            key=value,
        )
        found.append(mention)
        if not forward:
            last = mention
    return found


def _at(told: Told) -> tuple[int, int]:
    return told[0], told[1]


def _later(last: Mention | None, date: Mention) -> Mention:
    return date if last is None or date.end >= last.end else last


def _ahead(dates: Sequence[Mention], index: int, end: int) -> Mention | None:
    """The first date after a measured offset, near enough to be the event's."""
    for date in dates[index:]:
        return date if date.start - end <= AHEAD else None
    return None


Told = tuple[int, int, Passage, RelativeDate, bool]


def _told(document: Document) -> Iterator[Told]:
    """Every relative date of the readable passages at its original span, with
    whether it counts from a date after it; ages ("at the age of twelve") count
    from a birth, not the story, and are left out."""
    for passage in document.passages:
        if passage.kind == "boilerplate":
            continue
        for relative in find_relative(passage.clean):
            if relative.unit != "age":
                yield (
                    *passage.original_span(relative.start, relative.end),
                    passage,
                    relative,
                    False,
                )
        for relative in find_measured(passage.clean):
            yield (
                *passage.original_span(relative.start, relative.end),
                passage,
                relative,
                True,
            )
