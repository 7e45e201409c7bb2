"""EDTF date strings to day intervals, so an exported date can be checked against gold.

Covered: `1938`, `1938-06`, `1938-06-13`, intervals `1937/1938` (open ends `..` or
empty), seasons `1937-21`..`1937-24`, unspecified digits `193X`, `1938-XX`, the
`1930s` spelling, and the qualifiers `~` (approximate), `?` (uncertain) and `%`,
which do not change the interval.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

Interval = tuple[date, date]

# Season codes: (first month, last month); winter runs from January of the year to
# the end of February of the next, covering both "early in the year" and
# "December to February" readings, since the interval is only used for overlap.
SEASONS: dict[int, tuple[int, int]] = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (1, 14)}

_SINGLE = re.compile(r"(?P<y>[0-9X]{4})(?:-(?P<m>[0-9X]{2})(?:-(?P<d>[0-9X]{2}))?)?")
_DECADE = re.compile(r"(\d{3})0s")
_QUALIFIERS = re.compile(r"[?~%]")


def normalise_edtf(value: str) -> str:
    """Canonical spelling of a date, so trivially different spellings compare equal."""
    text = re.sub(r"\s+", "", value).replace("x", "X")
    return _DECADE.sub(lambda m: m.group(1) + "X", text)


def _digits_range(text: str, low: int, high: int) -> tuple[int, int]:
    """Smallest and largest value an `X`-padded number may take within bounds."""
    first = max(low, int(text.replace("X", "0")))
    last = min(high, int(text.replace("X", "9")))
    if first > last:
        raise ValueError(f"no valid value for {text!r}")
    return first, last


def _month_end(year: int, month: int) -> date:
    """Last day of a month, where month 13 or 14 runs into the next year."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _single(text: str) -> Interval:
    """Interval of one EDTF date without `/`."""
    match = _SINGLE.fullmatch(text)
    if match is None:
        raise ValueError(f"not an EDTF date: {text!r}")
    first_year, last_year = _digits_range(match["y"], 1, 9999)
    month, day = match["m"], match["d"]
    if month is None:
        return date(first_year, 1, 1), date(last_year, 12, 31)
    if "X" not in month and int(month) in SEASONS:
        if day is not None:
            raise ValueError(f"a season takes no day: {text!r}")
        first, last = SEASONS[int(month)]
        return date(first_year, first, 1), _month_end(last_year, last)
    first_month, last_month = _digits_range(month, 1, 12)
    if day is None:
        return date(first_year, first_month, 1), _month_end(last_year, last_month)
    first_day = _digits_range(day, 1, 31)[0]
    last_day = _digits_range(day, 1, _month_end(last_year, last_month).day)[1]
    return date(first_year, first_month, first_day), date(
        last_year, last_month, last_day
    )


def parse_edtf(value: str) -> Interval:
    """Earliest and latest day an EDTF string allows; ValueError when it is not one."""
    text = _QUALIFIERS.sub("", normalise_edtf(value))
    if "/" not in text:
        return _single(text)
    left, _, right = text.partition("/")
    if "/" in right or (left in ("", "..") and right in ("", "..")):
        raise ValueError(f"not an EDTF interval: {value!r}")
    start = date.min if left in ("", "..") else _single(left)[0]
    end = date.max if right in ("", "..") else _single(right)[1]
    if start > end:
        raise ValueError(f"interval ends before it starts: {value!r}")
    return start, end


def dates_compatible(first: str | None, second: str | None) -> bool:
    """Whether two dates may describe the same event: one is missing or they overlap."""
    if first is None or second is None:
        return True
    try:
        a_start, a_end = parse_edtf(first)
        b_start, b_end = parse_edtf(second)
    except ValueError:
        return False
    return a_start <= b_end and b_start <= a_end


def dates_equal(first: str | None, second: str | None) -> bool:
    """Whether two dates are the same statement, up to spelling."""
    if first is None or second is None:
        return first is second
    return normalise_edtf(first) == normalise_edtf(second)
