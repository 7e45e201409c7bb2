"""A person's dated events laid out for an SVG timeline; uncertainty is not length.

A date known to the day is a dot. A month, a season or a year is one moment the
source does not pin down: a dot in the middle of the days it allows, with thin
whiskers out to their ends. Only an interval the source gives (`1937/1939`, from
one date to another) is a bar, because only it lasts. Marks are stacked in lanes
so that their labels never overlap, statements of one type on one date are one
mark with their number, and a label that would run past the right
edge stands to the left of its mark.
"""

from __future__ import annotations

from collections import Counter
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
    """One event on the timeline.

    `kind` is `day` (a dot), `imprecise` (a dot at `x` with whiskers from `low`
    to `high`) or `interval` (a bar from `low` to `high`).
    """

    id: str
    type: str
    stance: str
    date: str
    kind: str
    x: float
    low: float
    high: float
    y: float
    label_x: float
    anchor: str
    uncertain: bool
    title: str
    count: int = 1

    @property
    def width(self) -> float:
        return self.high - self.low


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


def _kind(value: str, start: date, end: date) -> str:
    """A day, a moment known only to a range of days, or a stretch of time."""
    if "/" in value:
        return "interval"
    return "day" if start == end else "imprecise"


def _years(intervals: list[tuple[date, date]]) -> tuple[int, int]:
    first = min(s.year for s, _ in intervals)
    last = max(e.year for _, e in intervals) + 1
    if last - first < 3:
        first, last = first - 1, last + 1
    return first, last


def _step(years: int) -> int:
    return 1 if years <= 16 else 5 if years <= 70 else 10


Dated = tuple[Fact, str, tuple[date, date]]


def _dated(
    facts: list[Fact], rejected: frozenset[str]
) -> tuple[list[Dated], Counter[tuple[str, str, str]]]:
    """The facts to draw, one per type, date and stance, and how many each is."""
    dated: list[Dated] = []
    counts: Counter[tuple[str, str, str]] = Counter()
    for fact in facts:
        days = interval(fact.date) if fact.date and fact.id not in rejected else None
        if fact.date and days is not None:
            key = (fact.type, fact.date, fact.stance)
            if not counts[key]:
                dated.append((fact, fact.date, days))
            counts[key] += 1
    return sorted(dated, key=lambda item: item[2]), counts


def _label(
    x: float, low: float, high: float, text: str
) -> tuple[float, str, float, float]:
    """Where a mark's label stands: right of it, or left where it would run past
    the right edge; with the stretch the mark and label take (left, right)."""
    width = CHAR * len(text)
    label_x = max(high, x + 5) + 6
    if label_x + width <= WIDTH - 2:
        return label_x, "start", min(low, x) - 5, label_x + width
    label_x = min(low, x - 5) - 6
    return label_x, "end", label_x - width, max(high, x) + 5


def _lane(lanes: list[float], left: float, right: float) -> int:
    """The first lane free from `left` on, which is then taken up to `right`."""
    lane = next((i for i, used in enumerate(lanes) if used < left - 6), len(lanes))
    if lane == len(lanes):
        lanes.append(right)
    lanes[lane] = right
    return lane


def timeline(facts: list[Fact], rejected: frozenset[str] = frozenset()) -> Timeline:
    """Lay out the dated facts of a card; rejected events are left out."""
    dated, counts = _dated(facts, rejected)
    undated = sum(1 for f in facts if f.id not in rejected) - counts.total()
    if not dated:
        return Timeline(WIDTH, 0, 0, [], [], undated)
    first, last = _years([i for _, _, i in dated])
    origin = date(first, 1, 1).toordinal()
    scale = (WIDTH - 2 * MARGIN) / (date(last, 1, 1).toordinal() - origin)

    def x_of(day: date) -> float:
        return MARGIN + (day.toordinal() - origin) * scale

    lanes: list[float] = []
    marks = []
    for fact, when, (start, end) in dated:
        kind = _kind(when, start, end)
        low = x_of(start)
        high = low if kind == "day" else x_of(end) + scale
        x = (low + high) / 2
        count = counts[(fact.type, when, fact.stance)]
        text = fact.type + (f" ×{count}" if count > 1 else "")
        label_x, anchor, left, right = _label(x, low, high, text)
        stance = "" if fact.stance == "asserted" else f", {fact.stance}"
        more = f" and {count - 1} more statements" if count > 1 else ""
        marks.append(
            Mark(
                fact.id,
                fact.type,
                fact.stance,
                when,
                kind,
                round(x, 1),
                round(low, 1),
                round(high, 1),
                TOP + _lane(lanes, left, right) * LANE,
                round(label_x, 1),
                anchor,
                any(q in when for q in "~?%"),
                f"{when} {fact.type}{stance} — {fact.citation}{more}",
                count,
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
