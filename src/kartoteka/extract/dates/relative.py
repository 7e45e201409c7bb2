"""Dates given relative to the story: "two days later", "the following year".

A relative expression has no date of its own: it is an offset from the narrative
date before it (the anchor), which the event reader supplies. "August of the
following year" keeps its month and shifts the year; "the previous November" is
the last November before the anchor. An offset from a trial's opening or end
("three days before the trial ended") counts from the trial the story last
dated; other named events ("after his arrest") are not read as anchors.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from kartoteka.edtf import parse_edtf
from kartoteka.extract.dates import datewords as w
from kartoteka.extract.prefilter import lacking, needs

NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "a few": 3,
    "several": 3,
    "half a": 0,
    "один": 1,
    "одну": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "несколько": 3,
}
VAGUE = ("a few", "several", "half a", "несколько")
BACKWARDS = (
    "earlier",
    "before",
    "previously",
    "previous",
    "preceding",
    "прошл",
    "предыдущ",
)
UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "fortnight": "fortnight",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "день": "day",
    "дня": "day",
    "дней": "day",
    "неделю": "week",
    "недели": "week",
    "недель": "week",
    "месяц": "month",
    "месяца": "month",
    "месяцев": "month",
    "год": "year",
    "года": "year",
    "лет": "year",
    "году": "year",
    "месяце": "month",
}
ORDINALS = {
    word: number
    for number, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}
_NUM = (
    r"(?P<n>\d+|a few|several|half an?|an?|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|twenty)"
)
_UNIT = r"(?P<unit>days?|weeks?|fortnight|months?|years?)"
# "later" ends the expression unless a comparison or a participle follows ("two
# years later than planned", "a few days later believing")
_END = r"(?![\w-])(?!\s+(?:than\b|(?!during\b)\w+ing\b))"
_SHIFT = r"(?P<shift>following|next|previous|preceding|same|that)"
_ORDINAL = (
    r"(?P<ordinal>(?:twenty|thirty)-(?:first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth)|twentieth|thirtieth|"
    + "|".join(ORDINALS)
    + r"|[0-3]?\d(?:st|nd|rd|th))"
)
_NUM_RU = (
    r"(?P<n>\d+|один|одну|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять"
    r"|несколько)"
)
_UNIT_RU = (
    r"(?P<unit>день|дня|дней|неделю|недели|недель|месяц|месяца|месяцев|год|года|лет)"
)

_PUNCT = r"(?=\s*(?:[,.;:)]|$))"
# "в том же году", "осенью следующего года", "в начале прошлого года".
_SHIFT_RU = (
    r"(?P<shift>(?:том|того)\s+же|следующ(?:ем|его)|прошл(?:ом|ого)|предыдущ(?:ем|его))"
)
# Most specific first: "August of the following year" before "the following year".
PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.I)
    for p in (
        rf"\b(?:on\s+)?the\s+{_ORDINAL}\s+of\s+(?:that|the\s+same)\s+month\b",
        rf"\b(?:{w.D}(?:\s+of)?\s+)?{w.M}\s+of\s+(?:the\s+)?{_SHIFT}\s+year\b",
        rf"\b(?:at\s+the\s+age\s+of|aged)\s+{_NUM}(?P<unit>)(?P<age>)\b",
        r"(?<![\w])в\s+возрасте\s+(?P<n>\d+)(?P<unit>)(?P<age>)",
        rf"\b(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)\s+of\s+(?:the\s+)?"
        rf"{_SHIFT}\s+year\b",
        rf"\bthe\s+(?P<shift>previous|following|next)\s+{w.M}",
        r"\b(?:that\s+|the\s+)?(?P<shift>that|same)\s+"
        r"(?P<s>spring|summer|autumn|fall|winter)\b",
        r"(?<![\w])(?P<shift>тем|той)\s+же\s+(?P<s>весн|лет|осен|зим)(?:ой|ом|ью)",
        rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>later|afterwards?){_END}",
        rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>after|earlier|before|previously){_PUNCT}",
        rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>before|after)\s+the\s+trial\s+"
        r"(?P<edge>ended|closed|began|opened)\b",
        rf"\b(?:the\s+)?{_SHIFT}\s+(?P<unit>day|week|month|year)\b",
        rf"\bthe\s+(?P<unit>day|month|year)\s+(?P<dir>after|before){_PUNCT}",
        r"\blater\s+that\s+(?P<unit>day|week|month|year)\b",
        rf"\bin\s+{_NUM}\s+{_UNIT}(?P<dir>)(?!\s+(?:of|and|or)\b)(?=[\s,])",
        r"(?<![\w])(?:на\s+)?(?P<shift>следующий|другой)\s+(?P<unit>день|год)\b",
        rf"(?<![\w])в\s+{_SHIFT_RU}\s+(?P<unit>году|месяце)",
        rf"(?<![\w])(?P<s>весн|лет|осен|зим)(?:ой|ом|ью)\s+{_SHIFT_RU}\s+года",
        rf"(?<![\w])(?:в\s+)?(?:начале|конце|середине|течение)\s+{_SHIFT_RU}"
        r"\s+(?P<unit>года|месяца)",
        r"(?<![\w])(?P<n>)(?P<unit>год|месяц|неделю)\s+(?P<dir>спустя)",
        rf"(?<![\w])(?:через|спустя)\s+(?:{_NUM_RU}\s+)?{_UNIT_RU}(?P<dir>)",
        rf"(?<![\w]){_NUM_RU}\s+{_UNIT_RU}\s+(?P<dir>спустя)",
        r"(?<![\w])(?P<dir>через)\s+(?P<n>полгода)(?P<unit>)",
    )
)


# "ten days after the murder of X (1 December 1934)": an offset from an event
# whose date follows in the sentence.
MEASURED: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.I)
    for p in (
        rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>after|before)(?=\s+(?:the|his|her|its)\s)",
        rf"(?<![\w])(?:через\s+|спустя\s+)?{_NUM_RU}\s+{_UNIT_RU}\s+(?P<dir>после)"
        r"(?=\s+[а-яё])",
    )
)


@dataclass(frozen=True)
class RelativeDate:
    """An offset from the narrative date, at a span of the text it was found in."""

    start: int
    end: int
    unit: str  # day, month or year
    offset: int
    approximate: bool = False
    month: int | None = None
    season: int | None = None
    day: int | None = None
    trial: str | None = None  # "before the trial ended": counted from its "end"
    duration: bool = False  # "a year later" counts a span; "the following year" not


def _offset(groups: dict[str, str | None]) -> tuple[str, int, bool]:
    """Unit, signed offset and vagueness of a relative expression."""
    raw = (groups.get("n") or "").lower()
    unit = UNITS.get((groups.get("unit") or "").lower(), "month")
    approximate = raw.startswith(VAGUE)
    if raw.startswith("half") or raw == "полгода":
        unit, count, approximate = "month", 6, True
    elif raw.isdigit():
        count = int(raw)
    else:
        count = NUMBERS.get(raw, 1)
    if unit == "week":
        unit, count = "day", 7 * count
    elif unit == "fortnight":
        unit, count = "day", 14 * count
    shift = (groups.get("shift") or groups.get("dir") or "").lower()
    if shift.startswith(("same", "that", "том", "того", "тем", "той")):
        count = 0
    elif shift.startswith(BACKWARDS):
        count = -count
    return unit, count, approximate


def _day_of(ordinal: str) -> int | None:
    """The day number of an ordinal word or figure ("twenty-sixth", "26th")."""
    digits = re.match(r"\d+", ordinal)
    if digits:
        return int(digits.group())
    if "-" in ordinal:
        tens, ones = ordinal.split("-")
        return (20 if tens == "twenty" else 30) + ORDINALS.get(ones, 0)
    return {"twentieth": 20, "thirtieth": 30}.get(ordinal, ORDINALS.get(ordinal))


def _build(match: re.Match[str]) -> RelativeDate:
    groups = match.groupdict()
    start, end = match.span()
    if groups.get("ordinal"):
        return RelativeDate(
            start, end, "day", 0, day=_day_of(groups["ordinal"].lower())
        )
    if groups.get("age") is not None:
        raw = (groups.get("n") or "").lower()
        years = int(raw) if raw.isdigit() else NUMBERS.get(raw, 0)
        return RelativeDate(start, end, "age", years)
    if groups.get("m"):
        month = w.month_number(groups["m"] or "")
        shift = (groups.get("shift") or "").lower()
        if "year" not in match.group().lower():
            offset = {"previous": -1, "following": 1, "next": 1}.get(shift, 0)
            return RelativeDate(start, end, "month-name", offset, month=month)
        _, offset, _ = _offset({"shift": shift, "n": "one", "unit": "year"})
        day = int(groups["d"]) if groups.get("d") else None
        return RelativeDate(start, end, "year", offset, month=month, day=day)
    if groups.get("s"):
        _, offset, _ = _offset({"shift": groups.get("shift"), "unit": "year"})
        season = w.season_code(groups["s"] or "")
        return RelativeDate(start, end, "year", offset, season=season)
    unit, offset, approximate = _offset(groups)
    edge = (groups.get("edge") or "").lower()
    trial = None if not edge else "start" if edge in ("began", "opened") else "end"
    duration = groups.get("shift") is None and groups.get("n") is not None
    return RelativeDate(
        start, end, unit, offset, approximate, trial=trial, duration=duration
    )


def find_relative(text: str) -> list[RelativeDate]:
    """Relative date expressions in `text`, in order, without overlaps."""
    return list(_find_relative(text))


# What each pattern's matches cannot lack: a text without it (an English one,
# for the Russian patterns) is not searched with the pattern.
NEEDS = {pattern: needs(pattern) for pattern in (*PATTERNS, *MEASURED)}


def _searched(
    patterns: tuple[re.Pattern[str], ...], text: str
) -> list[re.Pattern[str]]:
    """The patterns, in order, that can match somewhere in `text`."""
    absent = lacking(text)
    return [pattern for pattern in patterns if not NEEDS[pattern] & absent]


@lru_cache(maxsize=2048)
def _find_relative(text: str) -> tuple[RelativeDate, ...]:
    """Once per text: the event reader and the relation reader read each passage."""
    found: list[RelativeDate] = []
    spans: list[tuple[int, int]] = []  # of `found`, in order: they do not overlap
    for pattern in _searched(PATTERNS, text):
        for match in pattern.finditer(text):
            if _overlaps(spans, *match.span()):
                continue
            found.append(_build(match))
            insort(spans, match.span())
    return tuple(sorted(found, key=lambda r: r.start))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a span overlaps one of `spans`, sorted and disjoint: then their
    ends ascend too, and only the last span to begin before `end` can reach
    past `start`."""
    before = bisect_left(spans, (end,))
    return before > 0 and spans[before - 1][1] > start


def find_measured(text: str) -> list[RelativeDate]:
    """Offsets from a named event ("two weeks after the raid", "через три дня
    после ареста"), which count from that event's date, not the story's."""
    return list(_find_measured(text))


@lru_cache(maxsize=2048)
def _find_measured(text: str) -> tuple[RelativeDate, ...]:
    """Once per text: a document's relative dates are read more than once."""
    return tuple(
        _build(m)
        for pattern in _searched(MEASURED, text)
        for m in pattern.finditer(text)
    )


DATED = ("day", "month")  # anchors precise enough to carry a month a year on


def _precision(anchor: str, first: date, last: date) -> str:
    """`day`, `month` or `year`: the finest unit a single anchor date gives (a
    season or an unknown month gives the year, an unknown day the month)."""
    if "/" in anchor:
        return "interval"
    if first == last:
        return "day"
    if (first.year, first.month) == (last.year, last.month):
        return "month"
    return "year"


def _day(year: int, month: int, day: int) -> str | None:
    """A day as EDTF, or None for one its month does not have ("31 June")."""
    if not 1 <= day <= w.days_in(year, month):
        return None
    return f"{year}-{month:02d}-{day:02d}"


LIFE_YEARS = 150
LONGEST_OFFSET = {"day": LIFE_YEARS * 366, "month": LIFE_YEARS * 12}


def resolve(relative: RelativeDate, anchor: str) -> str | None:
    """The EDTF date an offset from `anchor` gives, no finer than what is known.
    An offset longer than a life ("18502 years later") tells no date."""
    if abs(relative.offset) > LONGEST_OFFSET.get(relative.unit, LIFE_YEARS):
        return None
    try:
        first, last = parse_edtf(anchor)
    except ValueError:
        return None
    precision = _precision(anchor, first, last)
    mark = "~" if relative.approximate else ""
    if relative.unit == "month-name" and relative.month:
        year = first.year
        if relative.offset < 0 and relative.month >= first.month:
            year -= 1
        if relative.offset > 0 and relative.month <= first.month:
            year += 1
        return f"{year}-{relative.month:02d}"
    if relative.unit == "age":
        return age(relative.offset, anchor)
    if relative.day is not None and relative.month is None:
        if precision not in ("day", "month"):
            return None
        return _day(first.year, first.month, relative.day)
    if relative.unit == "day":
        if precision == "day":
            return (first + timedelta(days=relative.offset)).isoformat() + mark
        if precision == "month":
            return f"{first.year}-{first.month:02d}~"
        return None
    if relative.unit == "month":
        if precision not in ("day", "month"):
            return None
        index = first.year * 12 + first.month - 1 + relative.offset
        return f"{index // 12}-{index % 12 + 1:02d}{mark}"
    year = (first if precision != "interval" else last).year + relative.offset
    if relative.duration and abs(relative.offset) == 1 and precision in DATED:
        return f"{year}-{first.month:02d}~"  # "a year later": about that month
    if relative.month and relative.day:
        return _day(year, relative.month, relative.day)
    if relative.month:
        return f"{year}-{relative.month:02d}"
    if relative.season:
        return f"{year}-{relative.season}"
    return f"{year}{mark}"


def age(years: int, birth: str) -> str | None:
    """ "At the age of thirteen", for someone born on `birth`: the two calendar
    years in which that age falls (`1912/1913` for a birth in 1899)."""
    try:
        first, _ = parse_edtf(birth)
    except ValueError:
        return None
    return f"{first.year + years}/{first.year + years + 1}"
