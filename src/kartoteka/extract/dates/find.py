"""Find date expressions in English and Russian text and write them as EDTF.

Historians write dates every way at once (`13 June 1938`, `June 13, 1938`,
`28th June, 1899`, `20.03.1952`, `spring of 1937`, `early 1938`, `mid-1930s`,
`1937–38`, `from 1 October 1936 to 15 August 1938`, `13 июня 1938 года`,
`весной 1937 года`); all of them become EDTF strings, with the conventions of
`kartoteka.edtf` for vague parts of a year or decade. A day or month without a
year takes the year of the narrative around it, and says so (`inferred`).
Relative expressions ("two days later") are found by `kartoteka.extract.dates.relative`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from kartoteka.extract.dates import datewords as w
from kartoteka.extract.prefilter import lacking, needs


@dataclass(frozen=True)
class DateMention:
    """A date expression at a span of the text it was found in."""

    start: int
    end: int
    edtf: str
    year: int
    inferred: bool = False
    fixes_year: bool = False  # an explicit point in time that sets the story's year


Groups = dict[str, str | None]
Builder = Callable[[Groups, int | None], tuple[str, int, bool] | None]


def _year(groups: Groups, key: str, context: int | None) -> tuple[int | None, bool]:
    """The year a group gives, or the context year (then marked as inferred)."""
    value = groups.get(key)
    if value:
        return int(value), False
    return context, True


def _ymd(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """An EDTF day, month or year; None for a month or day that cannot be."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= w.days_in(year, month or 1):
        return None
    text = f"{year:04d}"
    if month:
        text += f"-{month:02d}"
    if month and day:
        text += f"-{day:02d}"
    return text


def _day(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    year, inferred = _year(groups, "y", context)
    month = w.month_number(groups["m"] or groups.get("mn") or "")
    if year is None or month is None:
        return None
    edtf = _ymd(year, month, int(groups["d"] or 0) or None)
    return (edtf, year, inferred) if edtf else None


def _month(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    year, inferred = _year(groups, "y", context)
    month = w.month_number(groups["m"] or "")
    if year is None or month is None:
        return None
    edtf = _ymd(year, month)
    if edtf and groups.get("q"):
        edtf = w.part_of_month(year, month, groups["q"] or "")
    return (edtf, year, inferred) if edtf else None


def _year_only(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    year = int(groups["y"] or 0)
    qualifier = groups.get("q")
    if qualifier:
        return w.part_of_year(year, qualifier), year, False
    mark = "~" if groups.get("approx") else ""
    return f"{year}{mark}", year, False


def _season(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    year, inferred = _year(groups, "y", context)
    code = w.season_code(groups.get("s") or "")
    if year is None or code is None:
        return None
    return f"{year}-{code}", year, inferred


def _decade(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    decade = w.decade_of(groups, context)
    if decade is None:
        return None
    return w.part_of_decade(decade, groups.get("q")), decade * 10, False


def _decades(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    """`1920—30-е годы`: from the first year of one decade to the last of another."""
    first = int(groups["dec"] or 0)
    tail = groups["dec2"] or ""
    last = int(tail) if len(tail) == 3 else first // 10 * 10 + int(tail)
    if not first < last <= first + 10:
        return None
    return f"{first}0/{last}9", first * 10, False


def _years(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    first = int(groups["y"] or 0)
    last = w.full_year(first, groups["y2"] or "")
    if not first < last <= first + 100:
        return None
    return f"{first}/{last}", first, False


def _days(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    """`19–21 March 1937`, `between 23 and 30 January 1937`."""
    year, inferred = _year(groups, "y", context)
    month = w.month_number(groups["m"] or "")
    if year is None or month is None:
        return None
    first = _ymd(year, month, int(groups["d"] or 0))
    last = _ymd(year, month, int(groups["d2"] or 0))
    if not first or not last or first >= last:
        return None
    return f"{first}/{last}", year, inferred


def _day_of(groups: Groups, key: str) -> int | None:
    value = groups.get(key)
    return int(value) if value else None


def _span(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    """`June–July 1936`, `from 1 October 1936 to 15 August 1938`, `from 31 March to
    1 June 1937`: a range of months or days, the first year taken from the last."""
    year2, inferred = _year(groups, "y2", context)
    m1 = w.month_number(groups["m"] or "")
    m2 = w.month_number(groups["m2"] or "")
    if year2 is None or m1 is None or m2 is None:
        return None
    year1 = int(groups["y"] or 0) if groups.get("y") else year2 - (m1 > m2)
    first = _ymd(year1, m1, _day_of(groups, "d"))
    last = _ymd(year2, m2, _day_of(groups, "d2"))
    if not first or not last or first >= last:
        return None
    return f"{first}/{last}", year1, inferred


def _mixed(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    """`from June 1924 to 1926`, `с 20 июля 1943 по 1946`: a span from a month or
    a day to a year, or the reverse."""
    first_year, last_year = int(groups["y"] or 0), int(groups["y2"] or 0)
    first_month = w.month_number(groups["m"] or "") if groups.get("m") else None
    last_month = w.month_number(groups["m2"] or "") if groups.get("m2") else None
    first_day = _day_of(groups, "d") or _day_of(groups, "d3")
    last_day = _day_of(groups, "d2") or _day_of(groups, "d4")
    first = _ymd(first_year, first_month, first_day)
    last = _ymd(last_year, last_month, last_day)
    if not first or not last or not first_year <= last_year <= first_year + 100:
        return None
    if first[: len(last)] >= last[: len(first)]:
        return None
    return f"{first}/{last}", first_year, False


def _dual(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    """`11 (24) апреля 1898`, `July 14 (27), 1911`: the New Style day, when the two
    days lie the calendars' 10 to 13 days apart; else the first day written."""
    year = int(groups["y"] or 0)
    old_month = w.month_number(groups["m"] or "")
    new_month = w.month_number(groups.get("m2") or "") or old_month
    if old_month is None or new_month is None:
        return None
    old_year = year - (old_month > new_month)
    old = _ymd(old_year, old_month, int(groups["d"] or 0))
    new = _ymd(year, new_month, int(groups["d2"] or 0))
    if old is None or new is None:
        return (old, year, False) if old else None
    apart = (datetime.date.fromisoformat(new) - datetime.date.fromisoformat(old)).days
    return (new if 10 <= apart <= 13 else old), year, False


def _numeric(groups: Groups, context: int | None) -> tuple[str, int, bool] | None:
    year = int(groups["y"] or 0)
    edtf = _ymd(year, int(groups["mn"] or 0), int(groups["d"] or 0))
    return (edtf, year, False) if edtf else None


# Most specific first: a span claimed by one pattern is not read again.
PATTERNS: list[tuple[str, tuple[re.Pattern[str], ...], Builder]] = [
    ("truncated", w.TRUNCATED, _decade),
    ("span", w.SPAN, _span),
    ("span_ru", w.SPAN_RU, _span),
    ("dual", w.DUAL, _dual),
    ("mixed", w.MIXED_RANGE, _mixed),
    ("months_ru", w.MONTHS_RANGE_RU, _span),
    ("months", w.MONTHS_RANGE, _span),
    ("days", w.DAYS_RANGE, _days),
    ("days_ru", w.DAYS_RANGE_RU, _days),
    ("numeric", w.NUMERIC, _numeric),
    ("decades_ru", w.DECADES_RU, _decades),
    ("years", w.YEARS_RANGE, _years),
    ("years_ru", w.YEARS_RANGE_RU, _years),
    ("dmy", w.DMY, _day),
    ("mdy", w.MDY, _day),
    ("dmy_ru", w.DMY_RU, _day),
    ("season", w.SEASON, _season),
    ("season_ru", w.SEASON_RU, _season),
    ("month_part", w.MONTH_PART, _month),
    ("my", w.MY, _month),
    ("my_ru", w.MY_RU, _month),
    ("decade", w.DECADE, _decade),
    ("decade_ru", w.DECADE_RU, _decade),
    ("year_part", w.YEAR_PART, _year_only),
    ("year_part_ru", w.YEAR_PART_RU, _year_only),
    ("year_ru", w.YEAR_RU, _year_only),
    ("year", w.YEAR, _year_only),
    ("dm", w.DM, _day),
    ("md", w.MD, _day),
    ("dm_ru", w.DM_RU, _day),
    ("month", w.MONTH_ALONE, _month),
    ("month_ru", w.MONTH_ALONE_RU, _month),
]
SENTENCE_END = re.compile(r"[.!?]\s+[A-ZА-ЯЁ]")
BARE_YEARS = frozenset({"year", "year_ru", "year_part", "year_part_ru"})
SENTENCE_START = re.compile(
    r"(?:^|[.!?;:]\s+|\n\s*)(?:(?:In|By|During|Early|Late|Mid|В|К)\s+(?:the\s+)?(?:year\s+)?)?$"
)
RETROSPECTIVE = re.compile(r"\b(?:since|from|until|с|до)\s+(?:the\s+)?$", re.I)
# Kinds that fix the narrative year for the dates without one that follow.
POINT_KINDS = frozenset(
    {"numeric", "dmy", "mdy", "dmy_ru", "season", "season_ru", "my", "my_ru"}
    | {"year", "year_ru", "year_part", "year_part_ru", "month_part"}
    | {"days", "days_ru", "span", "span_ru", "months", "months_ru", "dual"}
)


# What each pattern's matches cannot lack (a digit, a Cyrillic letter): a text
# without it is not searched with the pattern.
NEEDS = {pattern: needs(pattern) for _, patterns, _ in PATTERNS for pattern in patterns}


@lru_cache(maxsize=2048)
def _candidates(text: str) -> tuple[tuple[int, int, str, re.Match[str], Builder], ...]:
    """Non-overlapping matches of the patterns, earlier patterns winning; once per
    text, which stages read with different years of the story before it."""
    found = []
    taken = bytearray(len(text))
    absent = lacking(text)
    for kind, patterns, builder in PATTERNS:
        for pattern in patterns:
            if NEEDS[pattern] & absent:
                continue
            for match in pattern.finditer(text):
                start, end = match.span()
                if match.groupdict().get("date"):
                    start, end = match.span("date")
                if any(taken[start:end]) or w.not_a_date(match):
                    continue
                found.append((start, end, kind, match, builder))
                taken[start:end] = b"\x01" * (end - start)
    found.sort(key=lambda item: item[0])
    return tuple(found)


def _aside(text: str, start: int, kind: str, year: int, story: int | None) -> bool:
    """Whether a date does not move the story's year: in brackets, after "since",
    or a bare year inside a sentence that looks back ("the formation in 1932 of
    a bloc"); one past the story's year moves it on ("the operation was shut
    down in 1927, and in November ...")."""
    before = text[:start]
    if before.count("(") > before.count(")"):
        return True
    if RETROSPECTIVE.search(before[-12:]):
        return True
    if kind not in BARE_YEARS or SENTENCE_START.search(before[-40:]):
        return False
    return story is None or year <= story


def find_dates(text: str, context_year: int | None = None) -> list[DateMention]:
    """All date expressions in `text`, longest first where they overlap, in order.

    `context_year` is the year the narrative was in before this text; a date
    without a year takes the most recent explicit year before it. A bare year
    inside a sentence ("shot in 1937: on 3 May ...") lends its year only to the
    rest of that sentence.
    """
    return list(_find_dates(text, context_year))


@lru_cache(maxsize=2048)
def _find_dates(text: str, context_year: int | None) -> tuple[DateMention, ...]:
    """The dates of a text, once per text and year: every stage asks for them."""
    dates: list[DateMention] = []
    year = context_year
    local: tuple[int, int] | None = None  # a year said inside a sentence, and where
    for start, end, kind, match, builder in _candidates(text):
        if local is not None and SENTENCE_END.search(text, local[1], start):
            local = None
        built = builder(match.groupdict(), local[0] if local else year)
        if built is None:
            continue
        edtf, date_year, inferred = built
        point = not inferred and kind in POINT_KINDS
        fixes = point and not _aside(text, start, kind, date_year, year)
        dates.append(DateMention(start, end, edtf, date_year, inferred, fixes))
        if fixes:
            year, local = date_year, None
        elif (
            point and kind in BARE_YEARS and "(" not in text[max(0, start - 2) : start]
        ):
            local = (date_year, end)
    return tuple(dates)


def iter_years(text: str) -> Iterator[int]:
    """Explicit years in `text`, to carry the narrative year from passage to passage."""
    for date in find_dates(text):
        if date.fixes_year:
            yield date.year
