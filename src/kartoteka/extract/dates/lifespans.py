"""Life dates in brackets after a name: "Boris Olshansky (1910–1958) was born in ...".

Biographical notes and encyclopedia entries give birth and death as a bracket
right after the name, often after another bracket with a real name or a Cyrillic
spelling: `(1900 – August 19, 1945)`, `(1914–1996)`, `(b. 1899)`, `(d. 1941)`,
`(род. 1900)`. Each gives a `born` and a `died` statement about that person.
A bracket may open with a native spelling or a place before the dates
(`(Иван Петров; 1890–1940)`, `(Tver, 1890–1940)`), or give a place beside each
date (`(3 May 1890, Tver – 9 June 1940, Moscow)`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kartoteka.extract.dates.find import find_dates

# Other brackets that may stand between the name and its life dates.
BETWEEN = re.compile(r"(?:\s*\([^()]{0,80}\))*,?\s*\(")
BORN_ONLY = re.compile(r"^\s*(?:b\.|born|род\.|р\.)\s*", re.I)
DIED_ONLY = re.compile(r"^\s*(?:d\.|died|ум\.|сконч\.)\s*", re.I)
LIFE = re.compile(r"[^()]{4,120}\)")
# What may stand before the dates: a spelling or a place, closed by ";" or ",".
LEAD = re.compile(r"^[^\d]*[;,]")
# A title line's dates after a comma: "Ivan Ilyich Petrov, 1890–1938".
TRAILING = re.compile(r",[ \t]*([^,()\n]{4,60}?)[ \t]*$", re.M)
# Years a life can last; a shorter bracket of years is a tenure ("chief, 1934–38").
LIFETIME = range(12, 111)
# A place beside a date: words after a comma, up to the dash or the end.
PLACE = re.compile(r",[^,\d–—-]{2,40}(?=\s*(?:[–—-]|$))")


@dataclass(frozen=True)
class LifeDates:
    """Birth and death dates a bracket gives, with the bracket's span."""

    start: int
    end: int
    born: str | None
    died: str | None


def _split(inside: str) -> tuple[str | None, str | None] | None:
    """Birth and death in the text inside a bracket, or None if it is no lifespan."""
    born_only, died_only = BORN_ONLY.match(inside), DIED_ONLY.match(inside)
    cue = born_only or died_only
    rest = inside[cue.end() :] if cue else inside
    dates = find_dates(rest)
    leftover = rest
    for date in reversed(dates):
        leftover = leftover[: date.start] + leftover[date.end :]
    if not dates or re.search(r"[^\s–—\-?.,]", leftover):
        return None
    if born_only or died_only:
        if len(dates) != 1 or "/" in dates[0].edtf:
            return None
        return (dates[0].edtf, None) if born_only else (None, dates[0].edtf)
    if len(dates) == 2 and "/" not in dates[0].edtf + dates[1].edtf:
        return dates[0].edtf, dates[1].edtf
    if len(dates) == 1 and dates[0].edtf.count("/") == 1:
        first, last = dates[0].edtf.split("/")
        return first, last
    return None


def _read(inside: str) -> tuple[str | None, str | None] | None:
    """The life dates of a bracket: as written, after a lead, or without places."""
    for text in (inside, LEAD.sub("", inside)):
        parts = _split(text) or _split(_without_places(text))
        if parts is not None and _a_lifetime(*parts):
            return parts
    return None


def _a_lifetime(born: str | None, died: str | None) -> bool:
    """Whether a birth and a death lie a lifetime apart (or one of them is unsaid)."""
    if born is None or died is None:
        return True
    return int(died[:4]) - int(born[:4]) in LIFETIME


def _without_places(text: str) -> str:
    """`3 May 1890, Tver – 9 June 1940, Moscow` as `3 May 1890 – 9 June 1940`."""
    while True:
        shorter = PLACE.sub("", text)
        if shorter == text:
            return text
        text = shorter


def life_dates(text: str, name_end: int) -> LifeDates | None:
    """The life dates in brackets right after a name ending at `name_end`, if any
    (or after a comma, closing the line)."""
    opening = BETWEEN.match(text, name_end)
    if opening is None:
        return _trailing(text, name_end)
    body = LIFE.match(text, opening.end())
    if body is None:
        return None
    parts = _read(text[opening.end() : body.end() - 1])
    if parts is None:
        return None
    return LifeDates(opening.end() - 1, body.end(), *parts)


def _trailing(text: str, name_end: int) -> LifeDates | None:
    """ "Ivan Ilyich Petrov, 1890–1938" at the end of a line: its life dates."""
    line = TRAILING.match(text, name_end)
    if line is None:
        return None
    parts = _read(line.group(1))
    if parts is None or None in parts:
        return None
    return LifeDates(line.start(1), line.end(1), *parts)
