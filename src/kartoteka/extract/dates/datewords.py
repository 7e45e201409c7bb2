"""The words and shapes of dates in English and Russian, as regular expressions.

Named groups: `d`, `d2` days; `m`, `m2` month words; `mn` a month number; `y`,
`y2` years; `s` a season; `q` a vague part ("early", "в конце"); `dec` a decade;
`approx` "about", "c."; `date` the part of a match that is the date itself
(`in April` is matched, `April` is the date).
"""

from __future__ import annotations

import calendar
import re

MONTHS_EN: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("January", "Jan."),
        ("February", "Feb."),
        ("March", "Mar."),
        ("April", "Apr."),
        ("May",),
        ("June", "Jun."),
        ("July", "Jul."),
        ("August", "Aug."),
        ("September", "Sept.", "Sept", "Sep."),
        ("October", "Oct."),
        ("November", "Nov."),
        ("December", "Dec."),
    ],
    start=1,
):
    for _name in _names:
        MONTHS_EN[_name] = _number
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
SEASONS = {
    "spring": 21,
    "summer": 22,
    "autumn": 23,
    "fall": 23,
    "winter": 24,
    "весн": 21,
    "лет": 22,
    "осен": 23,
    "зим": 24,
}
# Vague parts of a period, by the words that name them.
PARTS = {
    "early": "early",
    "beginning": "early",
    "start": "early",
    "начале": "early",
    "начала": "early",
    "начало": "early",
    "mid": "mid",
    "middle": "mid",
    "середине": "mid",
    "середины": "mid",
    "середину": "mid",
    "late": "late",
    "end": "late",
    "конце": "late",
    "конца": "late",
    "конец": "late",
    "first half": "first half",
    "первой половине": "first half",
    "первой половины": "first half",
    "первую половину": "first half",
    "second half": "second half",
    "второй половине": "second half",
    "второй половины": "second half",
    "вторую половину": "second half",
    "первых числах": "early",
    "первых чисел": "early",
    "последних числах": "late",
    "последних чисел": "late",
}
# Decades written as words ("the thirties", "the early forties"): their tens.
DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def _months(group: str) -> str:
    names = sorted(MONTHS_EN, key=len, reverse=True)
    return rf"(?P<{group}>(?-i:{'|'.join(re.escape(n) for n in names)}))(?![\w])"


def _months_ru(group: str) -> str:
    return (
        rf"(?P<{group}>(?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр"
        rf"|ноябр|декабр)[а-я]*)"
    )


M, M2 = _months("m"), _months("m2")
M_RU, M2_RU = _months_ru("m"), _months_ru("m2")
Y = r"(?P<y>1[6-9]\d\d|20\d\d)(?!\d)"
Y2 = r"(?P<y2>1[6-9]\d\d|20\d\d)(?!\d)"
D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
D2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
# The days of "June 3, 1924" and "May 5, 1937" at the ends of a span.
D3 = r"(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?"
D4 = r"(?P<d4>[0-3]?\d)(?:st|nd|rd|th)?"
DASH = r"\s*[–—-]\s*"
# A day and a month word ahead: "1907 — 24 сентября 1996" is no range of years.
DAY_AHEAD = (
    r"\s+(?:(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|январ|феврал|март"
    r"|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
)
TWO_DIGITS = rf"\d\d(?!{DAY_AHEAD})"
GODA = r"(?:\s*(?:года|году|годах|годы|годов|год|гг?\.))?"
TO = r"(?:to|until|till|through|and)"  # "from 1936 to (until, through) 1938"
NOT_RELATIVE = r"(?!\s+of\s+(?:the\s+|that\s+)?(?:following|next|previous|same|that)\b)"
PART_EN = (
    r"(?P<q>early|mid|middle|late|(?:the\s+)?(?:beginning|start|end|middle"
    r"|first half|second half)\s+of)"
)
# In every case a span's ends take: "в начале", "с начала", "по начало".
PART_RU = (
    r"(?P<q>начал[еао]|середин[еыу]|кон(?:це|ца|ец)"
    r"|(?:первой|второй) половин[еы]|(?:первую|вторую) половину"
    r"|(?:первых|последних)\s+(?:числах|чисел))"
)
APPROX = (
    r"(?:(?P<approx>c\.|ca\.|circa|around|about|approximately|около|примерно"
    r"|приблизительно)\s+(?:in\s+)?)?"
)


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    """Each alternative on its own, since a group name may appear once per regex."""
    return tuple(re.compile(pattern, re.I) for pattern in patterns)


SPAN = _compile(
    rf"\b(?:from|between)\s+{D}(?:\s+of)?\s+{M}(?:,?\s+{Y})?\s+{TO}\s+"
    rf"{D2}(?:\s+of)?\s+{M2},?\s+{Y2}",
    rf"\b{D}\s+{M},?\s+{Y}{DASH}{D2}\s+{M2},?\s+{Y2}",
)
SPAN_RU = _compile(
    rf"(?<![\w])с\s+{D}\s+{M_RU}(?:\s+{Y}{GODA})?\s+по\s+{D2}\s+{M2_RU}\s+{Y2}{GODA}"
)
MONTHS_RANGE_RU = _compile(
    rf"(?<![\w]){M_RU}{DASH}{M2_RU}\s+{Y2}{GODA}",
    rf"(?<![\w]){M_RU}\s+{Y}{GODA}{DASH}{M2_RU}\s+{Y2}{GODA}",
    rf"(?<![\w])с\s+(?:{PART_RU}\s+)?{M_RU}(?:\s+{Y}{GODA})?\s+по\s+{M2_RU}\s+{Y2}{GODA}",
)
# A span whose ends differ in precision: "from June 1924 to 1926", "с 1924 по
# март 1926 года".
MIXED_RANGE = _compile(
    rf"\b(?:from|between)\s+(?:{D}(?:\s+of)?\s+)?{M}(?:\s+{D3},)?\s+{Y}\s+"
    rf"{TO}\s+{Y2}(?!\d)(?!\s*[–—-]\s*\d)",
    rf"\b(?:from|between)\s+{Y}\s+{TO}\s+(?:{D2}(?:\s+of)?\s+)?"
    rf"{M2}\s+{Y2}",
    rf"\b(?:from|between)\s+{Y}\s+{TO}\s+{M2}\s+{D4},?\s+{Y2}",
    rf"(?<![\w])с\s+(?:{D}\s+)?{M_RU}\s+{Y}{GODA}\s+по\s+{Y2}{GODA}",
    rf"(?<![\w])с\s+{Y}{GODA}\s+по\s+(?:{D2}\s+)?{M2_RU}\s+{Y2}{GODA}",
)
# A date given in both calendars, the Old Style first and the New in brackets
# ("11 (24) апреля 1898", "July 14 (27), 1911"), or the New first and the Old
# marked ("7 November [O.S. 25 October] 1917"): the groups `d2`/`m2` hold the New.
OLD_NEW = r"\s*\(\s*"
OLD_NEW_END = r"\s*\)"
DUAL = _compile(
    rf"\b{D}{OLD_NEW}{D2}{OLD_NEW_END}\s+{M},?\s+{Y}",
    rf"\b{M}\s+{D}{OLD_NEW}{D2}{OLD_NEW_END},?\s+{Y}",
    rf"\b{D}\s+{M}{OLD_NEW}{D2}\s+{M2}{OLD_NEW_END},?\s+{Y}",
    rf"\b{M}\s+{D}{OLD_NEW}{M2}\s+{D2}{OLD_NEW_END},?\s+{Y}",
    rf"\b{D2}\s+{M2}\s*\[\s*O\.\s*S\.\s*{D}\s+{M}\s*\],?\s+{Y}",
    rf"(?<![\w]){D}{OLD_NEW}{D2}{OLD_NEW_END}\s+{M_RU}\s+{Y}{GODA}",
    rf"(?<![\w]){D}\s+{M_RU}{OLD_NEW}{D2}\s+{M2_RU}{OLD_NEW_END}\s+{Y}{GODA}",
)
MONTHS_RANGE = _compile(
    rf"\b{M}{DASH}{M2}(?:,?\s+{Y2})?",
    rf"\b(?:from|between)\s+{M}(?:\s+{Y})?\s+{TO}\s+{M2},?\s+{Y2}",
    rf"\b{M}\s+{Y}{DASH}{M2}\s+{Y2}",
)
DAYS_RANGE = _compile(
    rf"\b{D}{DASH}{D2}\s+{M}(?:,?\s+{Y})?",
    rf"\bfrom\s+(?:the\s+)?{D}\s+{TO}\s+(?:the\s+)?{D2}(?:\s+of)?\s+{M}"
    rf"(?:,?\s+{Y})?",
    rf"\bbetween\s+{D}\s+and\s+{D2}\s+{M}(?:,?\s+{Y})?",
    rf"\b{M}\s+{D}{DASH}{D2},?\s+{Y}",
)
DAYS_RANGE_RU = _compile(
    rf"(?<![\w]){D}{DASH}{D2}\s+{M_RU}(?:\s+{Y}{GODA})?",
    rf"(?<![\w])с\s+{D}\s+по\s+{D2}\s+{M_RU}(?:\s+{Y}{GODA})?",
)
NUMERIC = _compile(
    r"\b(?P<d>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>1[6-9]\d\d|20\d\d)\b",
    r"\b(?P<y>1[6-9]\d\d|20\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)\b",
)
YEARS_RANGE = _compile(
    rf"\b{Y}{DASH}(?P<y2>1[6-9]\d\d|20\d\d|{TWO_DIGITS})\b(?!\d)",
    rf"\b(?:from|between)\s+{Y}\s+{TO}\s+{Y2}",
)
YEARS_RANGE_RU = _compile(
    rf"(?<![\w])с\s+{Y}{GODA}\s+(?:по|до)\s+{Y2}{GODA}",
    rf"(?<![\w]){Y}{DASH}(?P<y2>1[6-9]\d\d|20\d\d|{TWO_DIGITS}){GODA}",
)
DMY = _compile(rf"\b{D}(?:\s+of)?\s+{M},?\s+{Y}")
MDY = _compile(rf"\b{M}\s+{D},?\s+{Y}")
DMY_RU = _compile(rf"(?<![\w]){D}\s+{M_RU}\s+{Y}{GODA}")
SEASON = _compile(
    rf"\b(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{Y}",
    rf"\b(?:in|during|by|since)\s+the\s+(?P<date>(?P<s>spring|summer|autumn))"
    rf"{NOT_RELATIVE}(?!\s+(?:of\s+)?\d)",
)
# "весной 1924", and the ends of a span: "с осени 1922 по весну 1924".
SEASON_RU = _compile(rf"(?P<s>весн|лет|осен|зим)(?:ой|ом|ью|[ыуаоеиь])\s+{Y}{GODA}")
MONTH_PART = _compile(
    rf"\b{PART_EN}[\s-]*{M}(?:,?\s+{Y})?{NOT_RELATIVE}",
    rf"(?<![\w])(?:в\s+)?{PART_RU}\s+{M_RU}(?:\s+{Y}{GODA})?",
)
MY = _compile(rf"\b{M},?\s+(?:of\s+)?{Y}")
MY_RU = _compile(rf"(?<![\w]){M_RU}\s+{Y}{GODA}")
DECADE = _compile(
    rf"\b(?:{PART_EN}[\s-]*(?:the\s+)?)?(?P<dec>1[6-9]\d)0['’]?s\b",
    rf"\b(?:in|during|by|until|since|from|to|of)\s+(?P<date>the\s+"
    rf"(?:{PART_EN}[\s-]*(?:the\s+)?)?(?P<tens>{'|'.join(DECADE_WORDS)}))\b",
)
DECADES_RU = _compile(
    rf"(?<![\w])(?P<dec>1[6-9]\d)0-?(?:е|х)?{DASH}(?P<dec2>(?:1[6-9])?\d)0-(?:е|х)"
    rf"(?:\s+(?:годы|годов|годах|гг\.))?"
)
DECADE_RU = _compile(
    rf"(?<![\w])(?:{PART_RU}\s+)?(?P<dec>1[6-9]\d)0-(?:е|х)(?:\s+(?:годы|годов|годах))?",
    rf"(?<![\w\d-])(?:{PART_RU}\s+)?(?P<tens>[1-9])0-(?:е|х)"
    rf"(?:\s+(?:годы|годов|годах|гг\.))",
    rf"(?<![\w])(?:в|во|с|до|к)\s+(?P<date>(?:{PART_RU}\s+)?(?P<tens>[2-9])0-(?:е|х))"
    rf"(?![\w-])",
)
YEAR_PART = _compile(rf"\b{PART_EN}[\s-]*{Y}")
YEAR_PART_RU = _compile(rf"(?<![\w]){PART_RU}\s+{Y}{GODA}")
YEAR_RU = _compile(rf"(?<![\w\d]){APPROX}{Y}\s*(?:года|году|год|г\.)")
YEAR = _compile(rf"\b{APPROX}{Y}\b(?![.,]\d)(?!\s*[–—-]\s*(?!\d\d?{DAY_AHEAD})\d)")
DM = _compile(rf"\b{D}(?:\s+of)?\s+{M}(?!\s*,?\s*\d){NOT_RELATIVE}")
MD = _compile(rf"\b{M}\s+{D}\b(?![\d.,]*\s*\d{{4}})")
DM_RU = _compile(rf"(?<![\w\d]){D}\s+{M_RU}(?!\s*\d)")
MONTH_ALONE = _compile(
    rf"\b(?:in|by|during|from|until|of|since|last|early|late|mid-)\s+(?P<date>{M})"
    rf"(?!\s*,?\s*\d){NOT_RELATIVE}"
)
MONTH_ALONE_RU = _compile(rf"(?<![\w])(?:в|к|с|до)\s+(?P<date>{M_RU})(?!\s*\d)")
# A year cut off where a truncated text stops ("released on May 6, 196"): its decade.
CUT = r"(?P<dec>1[6-9]\d)(?=\s*\Z)"
TRUNCATED = _compile(
    rf"\b{D}(?:\s+of)?\s+{M},?\s+{CUT}",
    rf"\b{M}\s+{D},?\s+{CUT}",
    rf"\b{M}\s+{CUT}",
    rf"\b(?:in|of|since|from|until|by)\s+(?P<date>{CUT})",
    rf"(?<![\w]){D}\s+{M_RU}\s+{CUT}",
    rf"(?<![\w]){M_RU}\s+{CUT}",
    rf"(?<![\w])(?:в|с|до|к)\s+(?P<date>{CUT})",
)
# A capitalised "May" before these words is the verb, not the month.
MAY_VERB = re.compile(r"^\s*(?:be|have|not|also|well|I|we|you|he|she|it|they)\b")


def month_number(word: str) -> int | None:
    """The month a word names, in either language, or None."""
    if word in MONTHS_EN:
        return MONTHS_EN[word]
    lowered = word.lower()
    for stem, number in sorted(MONTHS_RU.items(), key=lambda kv: -len(kv[0])):
        if lowered.startswith(stem):
            if stem == "ма" and lowered not in ("май", "мая", "мае"):
                return None
            return number
    return None


def season_code(word: str) -> int | None:
    """The EDTF season code (21 spring .. 24 winter) a word names, or None."""
    lowered = word.lower()
    for stem, code in SEASONS.items():
        if lowered.startswith(stem):
            return code
    return None


def part(words: str) -> str:
    """The vague part ("early", "mid", "late", a half) a phrase names."""
    text = " ".join(words.lower().replace("the ", "").replace(" of", "").split())
    return PARTS.get(text, "mid")


HALVES = ("first half", "second half")  # parts of a period with hard edges


def part_of_year(year: int, words: str) -> str:
    """A half is an interval (`the first half of 1938` is `1938-01/1938-06`); a
    vague part keeps the year (`early 1938` is `1938`): its edges are soft, and
    hard thirds would set the source against a neighbour that does not contradict
    it ("early 1938" and "May 1938")."""
    which = part(words)
    if which not in HALVES:
        return str(year)
    first, last = (1, 6) if which == "first half" else (7, 12)
    return f"{year}-{first:02d}/{year}-{last:02d}"


def part_of_month(year: int, month: int, words: str) -> str:
    """`late June 1938` is `1938-06`; the second half of it `1938-06-16/1938-06-30`."""
    which = part(words)
    if which not in HALVES:
        return f"{year}-{month:02d}"
    end = days_in(year, month)
    first, last = (1, 15) if which == "first half" else (16, end)
    return f"{year}-{month:02d}-{first:02d}/{year}-{month:02d}-{last:02d}"


def part_of_decade(decade: int, words: str | None) -> str:
    """`the 1930s` and `the mid-1930s` are `193X`; its first half is `1930/1934`."""
    which = part(words) if words else None
    if which not in HALVES:
        return f"{decade}X"
    first, last = (0, 4) if which == "first half" else (5, 9)
    return f"{decade}{first}/{decade}{last}"


def decade_of(groups: dict[str, str | None], context: int | None) -> int | None:
    """The decade (as its first three figures) a figure or a word names: "193"
    for "1930s"; "30-х" and "the thirties" are of the story's century, else of
    the twentieth."""
    if groups.get("dec"):
        return int(groups["dec"] or 0)
    tens = (groups.get("tens") or "").lower()
    digit = int(tens) if tens.isdigit() else DECADE_WORDS.get(tens)
    if digit is None:
        return None
    century = context // 100 if context else 19
    return century * 10 + digit


def days_in(year: int, month: int) -> int:
    """Number of days in a month."""
    return calendar.monthrange(year, month)[1]


def full_year(first: int, tail: str) -> int:
    """The end year of a range written `1937–38` or `1937–1940`."""
    if len(tail) == 2:
        return first // 100 * 100 + int(tail)
    return int(tail) if tail else 0


def not_a_date(match: re.Match[str]) -> bool:
    """Whether a match is a word that only looks like a date ("May be")."""
    groups = match.groupdict()
    if groups.get("m") == "May" and not groups.get("y"):
        return bool(MAY_VERB.match(match.string, match.end()))
    return False
