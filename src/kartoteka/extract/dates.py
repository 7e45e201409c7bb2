"""Find date expressions in English and Russian text and write them as EDTF.

Historians write dates every way at once (`13 June 1938`, `June 13, 1938`,
`28th June, 1899`, `20.03.1952`, `spring of 1937`, `1937–38`, `13 июня 1938 года`);
all of them become EDTF strings (`1938-06-13`, `1937-21`, `1937/1938`). A day or
month without a year takes the year of the narrative around it, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MONTHS_EN = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# Russian month stems cover the nominative, genitive and prepositional forms.
MONTHS_RU = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
SEASONS_RU = {"весн": 21, "лет": 22, "осен": 23, "зим": 24}

_MONTH_EN = r"(?P<month>" + "|".join(sorted(MONTHS_EN, key=len, reverse=True)) + r")"
_MONTH_RU = (
    r"(?P<month>(?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр"
    r"|декабр)[а-я]*)"
)
_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DASH = r"\s*[–—-]\s*"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "dmy_numeric",
        re.compile(
            r"\b(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>1[6-9]\d\d|20\d\d)\b"
        ),
    ),
    (
        "range_years",
        re.compile(
            r"\b(?P<year>1[6-9]\d\d)" + _DASH + r"(?P<year2>1[6-9]\d\d|\d\d)\b(?!\d)"
        ),
    ),
    (
        "dmy",
        re.compile(
            r"\b" + _DAY + r"(?:\s+of)?\s+" + _MONTH_EN + r"\.?,?\s+" + _YEAR + r"\b",
            re.I,
        ),
    ),
    (
        "mdy",
        re.compile(
            r"\b" + _MONTH_EN + r"\.?\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I
        ),
    ),
    (
        "dmy_ru",
        re.compile(
            r"(?<![\w])"
            + _DAY
            + r"\s+"
            + _MONTH_RU
            + r"\s+"
            + _YEAR
            + r"(?:\s*г(?:ода|\.))?",
            re.I,
        ),
    ),
    (
        "season",
        re.compile(
            r"\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?"
            + _YEAR
            + r"\b",
            re.I,
        ),
    ),
    (
        "season_ru",
        re.compile(
            r"(?P<season>весн|лет|осен|зим)(?:ой|ом|ью)\s+"
            + _YEAR
            + r"(?:\s*г(?:ода|\.))?",
            re.I,
        ),
    ),
    ("my", re.compile(r"\b" + _MONTH_EN + r"\.?,?\s+(?:of\s+)?" + _YEAR + r"\b", re.I)),
    (
        "my_ru",
        re.compile(
            r"(?<![\w])" + _MONTH_RU + r"\s+" + _YEAR + r"(?:\s*г(?:ода|\.))?", re.I
        ),
    ),
    (
        "decade",
        re.compile(
            r"\b(?P<qual>(?:early|mid|late)[- ])?(?P<decade>1[6-9]\d)0s\b", re.I
        ),
    ),
    ("year_ru", re.compile(r"(?<![\w\d])" + _YEAR + r"\s*(?:год[а-я]*|г\.)")),
    (
        "year",
        re.compile(
            r"\b(?P<qual>(?:early|mid|late)[- ])?" + _YEAR + r"\b(?![.,]\d)", re.I
        ),
    ),
    (
        "dm",
        re.compile(r"\b" + _DAY + r"(?:\s+of)?\s+" + _MONTH_EN + r"\b(?!\s*\d)", re.I),
    ),
    (
        "md",
        re.compile(r"\b" + _MONTH_EN + r"\s+" + _DAY + r"\b(?![\d.,]*\s*\d{4})", re.I),
    ),
    (
        "dm_ru",
        re.compile(r"(?<![\w\d])" + _DAY + r"\s+" + _MONTH_RU + r"(?!\s*\d)", re.I),
    ),
    (
        "month",
        re.compile(
            r"\b(?:in|by|during|from|until|of|since)\s+(?:early\s+|late\s+|mid-)?"
            + _MONTH_EN
            + r"\b(?!\s*\d)",
            re.I,
        ),
    ),
]
# Words that make a capitalised month name something else ("May" the verb is lowercase).
NOT_A_MONTH_AFTER = re.compile(r"^\s*(?:be|have|not|also|well)\b", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date expression at a span of the text it was found in."""

    start: int
    end: int
    edtf: str
    year: int
    inferred: bool = False


def _month_ru(word: str) -> int | None:
    lowered = word.lower()
    for stem, number in sorted(MONTHS_RU.items(), key=lambda kv: -len(kv[0])):
        if lowered.startswith(stem) and (
            stem != "ма" or lowered in ("май", "мая", "мае")
        ):
            return number
    return None


def _month(match: re.Match[str], kind: str) -> int | None:
    if "mnum" in match.groupdict() and match["mnum"]:
        return int(match["mnum"])
    word = match["month"]
    if kind.endswith("_ru"):
        return _month_ru(word)
    if word.lower() == "may" and word[0].islower():
        return None
    if word.lower() == "may" and NOT_A_MONTH_AFTER.match(match.string[match.end() :]):
        return None
    return MONTHS_EN.get(word.lower().rstrip("."))


def _edtf(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    parts = [f"{year:04d}"]
    if month:
        parts.append(f"{month:02d}")
    if month and day:
        parts.append(f"{day:02d}")
    return "-".join(parts)


def _range_end(year: int, tail: str) -> int:
    if len(tail) == 2:
        return year // 100 * 100 + int(tail)
    return int(tail)


def _build(
    match: re.Match[str], kind: str, context_year: int | None
) -> DateMention | None:
    groups = match.groupdict()
    inferred = False
    year = int(groups["year"]) if groups.get("year") else context_year
    if kind in ("decade",):
        decade = int(groups["decade"])
        return DateMention(match.start(), match.end(), f"{decade}X", decade * 10)
    if year is None:
        return None
    if not groups.get("year"):
        inferred = True
    if kind == "range_years":
        end_year = _range_end(year, groups["year2"])
        if not year < end_year <= year + 30:
            return None
        return DateMention(match.start(), match.end(), f"{year}/{end_year}", year)
    if kind in ("season", "season_ru"):
        table = SEASONS if kind == "season" else SEASONS_RU
        season = table[groups["season"].lower()]
        return DateMention(match.start(), match.end(), f"{year}-{season}", year)
    month = _month(match, kind) if (groups.get("month") or groups.get("mnum")) else None
    if (groups.get("month") or groups.get("mnum")) and month is None:
        return None
    day = int(groups["day"]) if groups.get("day") else None
    edtf = _edtf(year, month, day)
    if edtf is None:
        return None
    start = match.start("month") if kind == "month" else match.start()
    return DateMention(start, match.end(), edtf, year, inferred)


def find_dates(text: str, context_year: int | None = None) -> list[DateMention]:
    """All date expressions in `text`, longest first where they overlap, in order.

    `context_year` is the year the narrative was in before this text; a date
    without a year takes the most recent explicit year before it.
    """
    found: list[tuple[int, int, str, re.Match[str]]] = []
    taken = bytearray(len(text))
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(taken[match.start() : match.end()]):
                continue
            found.append((match.start(), match.end(), kind, match))
            taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    found.sort()
    dates: list[DateMention] = []
    year = context_year
    for _, _, kind, match in found:
        date = _build(match, kind, year)
        if date is None:
            continue
        dates.append(date)
        if not date.inferred and kind != "decade":
            year = date.year
    return dates


def iter_years(text: str) -> Iterator[int]:
    """Explicit years in `text`, to carry the narrative year from passage to passage."""
    for date in find_dates(text):
        if not date.inferred and not date.edtf.endswith("X"):
            yield date.year
