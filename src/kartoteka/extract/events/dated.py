"""The date expressions of a passage, found once for all its sentences, and where
they stand: in a clause, after a listed name, at the opening of a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kartoteka.edtf import bounds
from kartoteka.extract.dates.find import find_dates
from kartoteka.extract.dates.lifespans import life_dates
from kartoteka.extract.dates.relative import RelativeDate, find_relative
from kartoteka.extract.nlp.parse import Parse

OPENING = 30
QUALIFIERS = re.compile(r"[?~%]")
EITHER = ("or", "или")
BETWEEN_NAME_AND_DATE = re.compile(r"^\s*(?:\(|,|in|on|at|by|during)?[^();]{0,40}?$")


@dataclass(frozen=True)
class Dated:
    """A date expression of a passage (clean-text span), absolute or relative."""

    start: int
    end: int
    edtf: str | None
    inferred: bool
    relative: RelativeDate | None = None


def passage_dates(text: str, year: int | None) -> list[Dated]:
    """All date expressions of a passage, absolute and relative, in order."""
    found = [Dated(d.start, d.end, d.edtf, d.inferred) for d in find_dates(text, year)]
    for relative in find_relative(text):
        if not any(d.start < relative.end and relative.start < d.end for d in found):
            found.append(Dated(relative.start, relative.end, None, True, relative))
    return _either(text, sorted(found, key=lambda d: d.start))


def _either(text: str, dates: list[Dated]) -> list[Dated]:
    """ "in 1937 or 1938", "late 1945 or early 1946": the source does not know
    which, so the date is the span of both."""
    merged: list[Dated] = []
    for date in dates:
        last = merged[-1] if merged else None
        if last is not None and _alternatives(text, last, date):
            first, second = last.edtf or "", date.edtf or ""
            span = f"{QUALIFIERS.sub('', first)}/{QUALIFIERS.sub('', second)}"
            inferred = last.inferred or date.inferred
            merged[-1] = Dated(last.start, date.end, span, inferred)
            continue
        merged.append(date)
    return merged


def _alternatives(text: str, first: Dated, second: Dated) -> bool:
    """Whether two dates stand as alternatives: "or" between them, the later second."""
    if not first.edtf or not second.edtf or "/" in first.edtf + second.edtf:
        return False
    if text[first.end : second.start].strip().lower() not in EITHER:
        return False
    earlier, later = bounds(first.edtf), bounds(second.edtf)
    return earlier is not None and later is not None and earlier[1] < later[0]


def in_region(parse: Parse, region: set[int], date: Dated) -> bool:
    tokens = parse.at(date.start, date.end)
    return bool(tokens) and tokens[0] in region


def name_date(text: str, name_end: int, dates: list[Dated], limit: int) -> Dated | None:
    """A date right after a listed name: in a bracket (not the person's life
    dates), or a gapped "and X in 1939"."""
    bracket = re.match(r"\s*\(([^()]*)\)", text[name_end:limit])
    if bracket is not None:
        if life_dates(text, name_end) is not None:
            return None
        inside = [
            d
            for d in dates
            if name_end + bracket.start(1) <= d.start < name_end + bracket.end(1)
            and not re.search(
                r"(?:since|from)\s+$", text[max(0, d.start - 7) : d.start]
            )
        ]
        return inside[-1] if inside else None
    for date in dates:
        if date.start < name_end or date.start > limit:
            continue
        gap = text[name_end : date.start]
        if BETWEEN_NAME_AND_DATE.match(gap) and len(gap) <= 12 and "," not in gap:
            return date
        return None
    return None


def opening_date(dates: list[Dated], sentence_start: int) -> Dated | None:
    """The date that opens a sentence ("On 25 September ...", "Two days later, ...")."""
    for date in dates:
        if sentence_start <= date.start <= sentence_start + OPENING:
            return date
    return None
