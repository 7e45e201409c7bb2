"""EDTF date strings and the earliest and latest day each allows.

Every date kartoteka stores is an EDTF string (Library of Congress Extended
Date/Time Format), so a card can say exactly as much as the source does:
`1938-06-13`, `1938-06`, `1938`, intervals `1936-10-01/1938-08-15` (open ends `..`
or empty), seasons `1937-21`..`1937-24`, unspecified digits `193X`, and the
qualifiers `~` (approximate), `?` (uncertain) and `%` (both).

Vague parts of a period ("early 1938", "the late 1930s") have no EDTF code;
the extractor writes the period itself (`1938`, `193X`), halves as intervals
(`1938-01/1938-06`).

The day interval of a date is what sorting and comparing use; the qualifiers do
not change it (an approximate June is still sorted as June).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

Interval = tuple[date, date]

# Season codes: (first month, last month); winter runs from January of the year to
# the end of February of the next, covering both "early in the year" and
# "December to February" readings, since the interval is only used for overlap.
SEASONS: dict[int, tuple[int, int]] = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (1, 14)}
SEASON_NAMES = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}

_SINGLE = re.compile(r"(?P<y>[0-9X]{4})(?:-(?P<m>[0-9X]{2})(?:-(?P<d>[0-9X]{2}))?)?")
# A qualifier stands beside a part of a date (`1937~`, `1937-06?`, `2004-?06-11`),
# never inside a number: `19~37` and `1937/19~` are no dates.
_MARK = "[?~%]?"
_MARKED = re.compile(
    rf"{_MARK}(?P<y>[0-9X]{{4}}){_MARK}"
    rf"(?:-{_MARK}(?P<m>[0-9X]{{2}}){_MARK}(?:-{_MARK}(?P<d>[0-9X]{{2}}){_MARK})?)?"
)
_DECADE = re.compile(r"(\d{3})0s")
_WHOLE_DECADE = re.compile(r"^(?P<d>\d{3})0/(?P=d)9$")
_QUALIFIERS = re.compile(r"[?~%]")


def normalise_edtf(value: str) -> str:
    """Canonical spelling of a date, so trivially different spellings compare equal."""
    text = re.sub(r"\s+", "", value).replace("x", "X")
    text = _WHOLE_DECADE.sub(lambda m: m.group(1) + "X", text)  # 1930/1939: 193X
    return _DECADE.sub(lambda m: m.group(1) + "X", text)


def _digits_range(text: str, low: int, high: int) -> tuple[int, int]:
    """Smallest and largest value an `X`-padded number may take within bounds."""
    first = max(low, int(text.replace("X", "0")))
    last = min(high, int(text.replace("X", "9")))
    if first > last:
        raise ValueError(f"no valid value for {text!r}")
    return first, last


def month_end(year: int, month: int) -> date:
    """Last day of a month, where month 13 or 14 runs into the next year."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _single(text: str) -> Interval:
    """Interval of one EDTF date without `/`."""
    match = _MARKED.fullmatch(text)
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
        return date(first_year, first, 1), month_end(last_year, last)
    first_month, last_month = _digits_range(month, 1, 12)
    if day is None:
        return date(first_year, first_month, 1), month_end(last_year, last_month)
    first_day = _digits_range(day, 1, 31)[0]
    last_day = _digits_range(day, 1, month_end(last_year, last_month).day)[1]
    return date(first_year, first_month, first_day), date(
        last_year, last_month, last_day
    )


@lru_cache(maxsize=4096)
def parse_edtf(value: str) -> Interval:
    """Earliest and latest day an EDTF string allows; ValueError when it is not one.
    Kept for each string: a document's few dates are read again and again (each
    event's, the story's, every pair a merge compares)."""
    text = normalise_edtf(value)
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


def bounds(value: str | None) -> tuple[str, str] | None:
    """Earliest and latest day as ISO strings (for SQLite), or None without a date."""
    if value is None:
        return None
    try:
        start, end = parse_edtf(value)
    except ValueError:
        return None
    return start.isoformat(), end.isoformat()


def is_uncertain(value: str) -> bool:
    """Whether the date carries an approximate (`~`), uncertain (`?`) or `%` mark."""
    return bool(_QUALIFIERS.search(value))


def describe(value: str) -> str:
    """The date for a reader: qualifiers and seasons in words, intervals with a dash."""
    text = normalise_edtf(value)
    if "/" in text:
        left, _, right = text.partition("/")
        return f"{describe(left) if left not in ('', '..') else '…'}–" + (
            describe(right) if right not in ("", "..") else "…"
        )
    words = []
    if "%" in text or ("~" in text and "?" in text):
        words.append("about, perhaps")
    elif "~" in text:
        words.append("about")
    plain = _QUALIFIERS.sub("", text)
    match = _SINGLE.fullmatch(plain)
    if match and match["m"] and "X" not in match["m"] and int(match["m"]) in SEASONS:
        plain = f"{SEASON_NAMES[int(match['m'])]} {match['y']}"
    elif match and match["y"].endswith("X") and match["m"] is None:
        plain = match["y"].replace("X", "0") + "s"
    words.append(plain)
    if "?" in text and "%" not in text:
        words.append("(uncertain)")
    return " ".join(words)


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


def narrower(first: str | None, second: str | None) -> str | None:
    """The more precise of two dates (the shorter span of days), else the first."""
    if first is None or second is None:
        return first if second is None else second
    try:
        a_start, a_end = parse_edtf(first)
        b_start, b_end = parse_edtf(second)
    except ValueError:
        return first
    if (b_end - b_start) < (a_end - a_start):
        return second
    return first


def days_allowed(value: str | None) -> int:
    """How many days a date leaves open (an unknown or unreadable date, all of
    them): the smaller, the more precise the statement."""
    if value is None:
        return 1 << 30
    try:
        start, end = parse_edtf(value)
    except ValueError:
        return 1 << 30
    return (end - start).days
