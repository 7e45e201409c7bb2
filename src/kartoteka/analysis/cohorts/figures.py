"""The figures a historian writes about a cohort, each naming its statements.

"Eight defectors, six within twelve months, all but one born 1895-1904,
averaging over thirty-seven at defection": count, ages, birth decades, and the
most that fall within one window of time. An age from vague dates is a range,
so a mean is given with the least and most it can be.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kartoteka.analysis.cohorts.table import Member
    from kartoteka.analysis.timelines import Entry


@dataclass(frozen=True)
class Figure:
    """One aggregate, the way a historian writes it, with the statements behind it."""

    label: str
    value: str
    statements: tuple[str, ...]


def days(entry: Entry | None) -> tuple[date, date] | None:
    """The first and last day a statement's date allows; None when undated or open."""
    if entry is None or entry.earliest is None or entry.latest is None:
        return None
    first, last = date.fromisoformat(entry.earliest), date.fromisoformat(entry.latest)
    if first.year < 1000 or last.year > 2999:
        return None
    return first, last


def _ids(*groups: Sequence[Entry | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.id for group in groups for e in group if e))


def _later(day: date, years: int) -> date:
    """The same day `years` later (28 February for a 29th that does not recur)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def most_within(entries: Sequence[Entry], years: int) -> list[Entry]:
    """The most statements whose whole date falls inside one window of `years`."""
    spans = [(e, s) for e in entries if (s := days(e)) is not None]
    best: list[Entry] = []
    for _, (start, _) in spans:
        end = _later(start, years)
        inside = [e for e, (first, last) in spans if start <= first and last < end]
        if len(inside) > len(best):
            best = inside
    return best


def _window(label: str, chosen: list[Entry], known: int) -> Figure:
    if not chosen:
        return Figure(label, f"none of {known} dated", ())
    first = min(e.earliest or "" for e in chosen)
    last = max(e.latest or "" for e in chosen)
    return Figure(
        label, f"{len(chosen)} of {known} dated ({first} to {last})", _ids(chosen)
    )


def _range_and_mean(label: str, values: list[tuple[int, int]]) -> str:
    low = min(v[0] for v in values)
    high = max(v[1] for v in values)
    least = sum(v[0] for v in values) / len(values)
    most = sum(v[1] for v in values) / len(values)
    mean = f"{least:.1f}" if least == most else f"{least:.1f} to {most:.1f}"
    spread = f"{low}" if low == high else f"{low} to {high}"
    return f"{label} {spread}; mean {mean} (over {len(values)})"


def _ages(members: Sequence[Member]) -> Figure:
    return _years_figure(
        "age at the event", members, [(m.age, m.birth) for m in members]
    )


def _service(members: Sequence[Member]) -> Figure:
    return _years_figure(
        "years since joining", members, [(m.service, m.joined) for m in members]
    )


def _years_figure(
    label: str,
    members: Sequence[Member],
    spans: Sequence[tuple[tuple[int, int] | None, Entry | None]],
) -> Figure:
    """Range and mean of a span of years per member (age, service), citing each
    member's event and the statement the span counts from."""
    known = [
        (member, years, since)
        for member, (years, since) in zip(members, spans, strict=True)
        if years is not None
    ]
    if not known:
        return Figure(label, f"unknown for all {len(members)}", ())
    return Figure(
        label,
        _range_and_mean("from", [years for _, years, _ in known])
        + f" of {len(members)}",
        _ids([m.event for m, _, _ in known], [since for _, _, since in known]),
    )


def _decades(members: Sequence[Member]) -> Figure:
    """Birth years by decade; a birth that may fall in two decades is "uncertain"."""
    counts: Counter[str] = Counter()
    births = [m.birth for m in members if m.birth is not None]
    for birth in births:
        span = days(birth)
        if span is None or span[0].year // 10 != span[1].year // 10:
            counts["uncertain"] += 1
        else:
            counts[f"{span[0].year // 10 * 10}s"] += 1
    counts["not stated"] = len(members) - len(births)
    value = ", ".join(f"{k}: {n}" for k, n in sorted(counts.items()) if n)
    return Figure("births by decade", value, _ids(births))


def figures(members: Sequence[Member]) -> tuple[Figure, ...]:
    """Count, ages, birth decades, births within ten years, events within a year."""
    events = [m.event for m in members]
    births = [m.birth for m in members if m.birth is not None]
    return (
        Figure("persons", str(len(members)), _ids(events)),
        _ages(members),
        _decades(members),
        _window("births within ten years", most_within(births, 10), len(births)),
        _window(
            "events within twelve months",
            most_within(events, 1),
            sum(1 for e in events if days(e)),
        ),
        _service(members),
    )
