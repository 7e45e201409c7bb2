"""A person's dated events laid out for an SVG timeline, uncertain dates as ranges.

A date known to the day is a dot; a month, a season, a year or an interval is a
bar over every day it allows, so the drawing never claims more precision than
the source gave. Marks are stacked in lanes so that their labels never overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from kartoteka.edtf import parse_edtf
from kartoteka.query import Fact

WIDTH = 760
MARGIN = 24
LANE = 24
TOP = 14
AXIS = 34
CHAR = 6.6  # average label character width at the timeline's font size


@dataclass(frozen=True)
class Mark:
    """One event on the timeline."""

    id: str
    type: str
    stance: str
    date: str
    x: float
    width: float
    y: float
    ranged: bool
    uncertain: bool
    title: str


@dataclass(frozen=True)
class Tick:
    """A year on the axis."""

    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    """Everything the template needs to draw the SVG."""

    width: int
    height: int
    axis_y: float
    marks: list[Mark]
    ticks: list[Tick]
    undated: int


@lru_cache(maxsize=16384)
def span(value: str) -> tuple[date, date] | None:
    """The first and last day an EDTF date allows, or None when it is not one."""
    try:
        return parse_edtf(value)
    except (ValueError, OverflowError):
        return None


def interval(value: str) -> tuple[date, date] | None:
    """The days to draw for a date: its span, an open end closed within a year."""
    found = span(value)
    if found is None:
        return None
    start, end = found
    if start == date.min:
        start = date(end.year, 1, 1)
    if end == date.max:
        end = date(start.year, 12, 31)
    return start, end


def _years(intervals: list[tuple[date, date]]) -> tuple[int, int]:
    first = min(s.year for s, _ in intervals)
    last = max(e.year for _, e in intervals) + 1
    if last - first < 3:
        first, last = first - 1, last + 1
    return first, last


def _step(years: int) -> int:
    return 1 if years <= 16 else 5 if years <= 70 else 10


def timeline(facts: list[Fact], rejected: frozenset[str] = frozenset()) -> Timeline:
    """Lay out the dated facts of a card; rejected events are left out."""
    dated = []
    for fact in facts:
        if fact.id in rejected or not fact.date:
            continue
        days = interval(fact.date)
        if days is not None:
            dated.append((fact, fact.date, days))
    undated = sum(1 for f in facts if f.id not in rejected) - len(dated)
    if not dated:
        return Timeline(WIDTH, 0, 0, [], [], undated)
    first, last = _years([i for _, _, i in dated])
    origin = date(first, 1, 1).toordinal()
    scale = (WIDTH - 2 * MARGIN) / (date(last, 1, 1).toordinal() - origin)

    def x_of(day: date) -> float:
        return MARGIN + (day.toordinal() - origin) * scale

    lanes: list[float] = []
    marks = []
    dated.sort(key=lambda item: item[2])
    for fact, when, (start, end) in dated:
        x, x_end = x_of(start), x_of(end) + scale
        ranged = end > start
        width = max(x_end - x, 4.0) if ranged else 0.0
        reach = x + max(width, 6) + 8 + CHAR * len(fact.type)
        lane = next((i for i, used in enumerate(lanes) if used < x - 6), len(lanes))
        if lane == len(lanes):
            lanes.append(reach)
        lanes[lane] = reach
        stance = "" if fact.stance == "asserted" else f", {fact.stance}"
        marks.append(
            Mark(
                fact.id,
                fact.type,
                fact.stance,
                when,
                round(x, 1),
                round(width, 1),
                TOP + lane * LANE,
                ranged,
                any(q in when for q in "~?%"),
                f"{when} {fact.type}{stance} — {fact.citation}",
            )
        )
    axis_y = TOP + len(lanes) * LANE
    step = _step(last - first)
    ticks = [
        Tick(round(x_of(date(year, 1, 1)), 1), str(year))
        for year in range(first, last + 1)
        if year % step == 0 or step == 1
    ]
    return Timeline(WIDTH, int(axis_y + AXIS), axis_y, marks, ticks, undated)
