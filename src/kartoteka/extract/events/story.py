"""The date the story is at between sentences, and a relative date's value
counted from it ("two days later", "the following year").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kartoteka.edtf import bounds
from kartoteka.extract.dates.relative import resolve
from kartoteka.extract.events.dated import Dated

REACH = 2  # paragraphs after which the story's last date no longer counts
YEARLY = ("month-name",)  # a date that starts this close to the sentence start opens it


@dataclass
class Story:
    """What a reader keeps in mind between sentences: the date the story is at.

    The anchor is set by dated events, by dates that open a sentence and by the
    other full dates of the narrative (not those in brackets). A relative date
    counts from an anchor of its own or the two previous paragraphs; an undated
    event takes the anchor's month only from its own or the previous sentence.
    """

    anchor: str | None = None
    paragraph: int = -10
    sentence: int = -10
    births: dict[str, str] = field(default_factory=dict)  # for "at the age of 13"
    trial: tuple[str, str] | None = None  # first and last day of the last trial told
    told: tuple[str, ...] = ()  # the types of the dated events that set the anchor

    def move(
        self, date: str, paragraph: int, sentence: int, told: tuple[str, ...] = ()
    ) -> None:
        """The story is now at `date`; one EDTF cannot read would stop every
        date counted from it, so the story stays where it was."""
        if bounds(date) is not None:
            self.anchor, self.paragraph, self.sentence = date, paragraph, sentence
            self.told = told

    def recent(self, paragraph: int) -> str | None:
        """The anchor, if it was set in this paragraph or the two before (a quoted
        paragraph or an aside may stand between a date and what follows from it)."""
        return self.anchor if 0 <= paragraph - self.paragraph <= REACH else None

    def follows(self, paragraph: int, sentence: int) -> bool:
        """Whether a sentence comes right after the one that set the anchor."""
        return paragraph == self.paragraph and sentence - self.sentence == 1

    def inherit(self, paragraph: int, sentence: int, whole: bool = False) -> str | None:
        """The date an undated event takes from the story, if any: the month of
        its own or the sentence before; the whole date for a statement that only
        describes what that sentence told ("Its members were ...")."""
        recent = 0 <= sentence - self.sentence <= 1
        if self.anchor is None or paragraph != self.paragraph or not recent:
            return None
        plain = self.anchor.rstrip("~?%")
        if any(len(part) < 7 for part in plain.split("/")):
            return None  # a year or a span of years says no month to take
        return plain if "/" in plain or whole else plain[:7]


def settle(
    date: Dated,
    dates: list[Dated],
    story: Story,
    paragraph: int,
    year: int | None = None,
) -> tuple[str, bool] | None:
    """The EDTF value of a date, a relative one counted from the date before it
    in its sentence, else from the story's recent date, else (for "the previous
    November", "the following year") from the story's year."""
    if date.relative is None:
        return (date.edtf, date.inferred) if date.edtf else None
    before = [d for d in dates if d.end <= date.start and d.relative is None and d.edtf]
    anchor = before[-1].edtf if before else story.recent(paragraph)
    if date.relative.trial is not None and story.trial is not None:
        opened, ended = story.trial
        anchor = ended if date.relative.trial == "end" else opened
    elif date.relative.trial is not None:
        anchor = None
    if anchor is None and year is not None and date.relative.unit in YEARLY:
        anchor = str(year)
    if anchor is None:
        return None
    value = resolve(date.relative, anchor)
    return (value, True) if value else None
