"""Candidate events: a cue word × a person × a date (or none) within one sentence.

Generation is deliberately broad: every cue word of every type, every date in
the sentence, the date the story last gave, and no date, for the document's
subject (the person a biography is about). The model decides which candidates
are events; a date range gives a post its start and, as a second candidate, the
end of tenure (a `dismissed` event), and a bracketed range gives a birth and a
death.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from kartoteka.extract.scorer.units import Unit, Word, cue_types, is_subject
from kartoteka.model import Mention

MAX_PERSONS = 3
MAX_DATES = 5
STARTS = ("appointed", "joined", "born", "awarded")
ENDS = ("dismissed", "died")
RANGE_CUE = "<range>"
POSTS = ("appointed", "dismissed", "joined")
THEN = frozenset(("then", "later", "afterwards", "subsequently", "затем", "потом"))
CAREER_CUE = "<career>"
CAREER_TYPES = ("appointed", "joined")
# A Russian career line: years that open a clause, then a dash and what the person
# was or where ("с 1927 года — стрелком охраны", "В 1925-1930 гг. — в ОГПУ").
CAREER_LEAD = re.compile(
    r"(?:^|[.,;:])\s*(?:(?:а|и|затем|потом|позже)\s+)?(?:(?:в\s+период|в|с|со)\s+)?$",
    re.I,
)
CAREER_DASH = re.compile(
    r"\s*(?:(?:гг?|годы|годах|году|года|год)\.?\s*)?[–—-]\s*", re.I
)
CAREER_STOP = re.compile(r"[,;(]")  # where the line's first post ends


class Candidate(NamedTuple):
    """One possible event, with everything its features are computed from. A
    tuple, as a sentence gives candidates by the hundred."""

    type: str
    cue: str
    word: Word
    unit: Unit
    person: Mention
    subject: bool
    date: Mention | None
    part: str = ""  # "start" or "end" of a date range, else ""
    others: tuple[Mention, ...] = ()  # the other persons the sentence names

    @property
    def value(self) -> str | None:
        """The candidate's date as EDTF: the whole date, or one end of a range."""
        if self.date is None or self.date.key is None:
            return None
        key = self.date.key
        if "/" not in key or not self.part:
            return key
        start, _, end = key.partition("/")
        return (start if self.part == "start" else end) or None


def life_dates(unit: Unit, date: Mention | None) -> bool:
    """Whether a date range follows a name as its bracketed life dates
    ("Name (1890–1938)"): a life, not the term of a post."""
    if date is None or not date.key or "/" not in date.key:
        return False
    return any(0 <= date.start - p.end <= 3 for p in unit.persons)


def _part(type_: str, date: Mention | None) -> str:
    if date is None or not date.key or "/" not in date.key:
        return ""
    if type_ in STARTS:
        return "start"
    return "end" if type_ in ENDS else ""


def _persons(unit: Unit, word: Word, subject: str, lead: Mention) -> list[Mention]:
    """The document's subject: named in the sentence (the nearest mention), else
    its first mention. Events of other persons are left to the rules, which read
    the parse; from cue and distance alone they are mostly wrong."""
    named = [m for m in unit.persons if is_subject(m, subject)]
    return [min(named, key=lambda m: abs(m.start - word.start)) if named else lead]


def _dates(unit: Unit, word: Word) -> list[Mention | None]:
    """The dates a cue may take (`_listed_dates`), each nearest the cue first; the
    story's date; none."""
    near = sorted(_listed_dates(unit, word), key=lambda d: abs(d.start - word.start))
    return [*near[:MAX_DATES], *unit.story_dates, None]


def _listed_dates(unit: Unit, word: Word) -> list[Mention]:
    """The dates of the sentence a cue may take. In a listing of posts each post
    has the dates of its own part ("deputy of X (1943-1946), minister of Y
    (1946-1951)": the minister's date follows it); a post without its own date
    shares the next dated part's ("deputy of X and head of Y (1943-1946)"), or
    else the last earlier span if it heads the listing ("From 1924 to 1927,
    deputy of X and secretary of Y"), not the span of an earlier post ("head of X
    (1919) and head of Y"; "from May, deputy of X, from June, head of Y and
    of Z"); a step told after a span with "then" may start where it ends."""
    dated = [d for d in unit.dates if d.key]
    if not unit.breaks:
        return dated
    own = unit.part_of(word.start)
    parts = [(d, unit.part_of(d.start)) for d in dated]
    later = [p for _, p in parts if p >= own]
    earlier = [p for _, p in parts if p < own]
    part = min(later) if later else max(earlier, default=own)
    shared = [d for d, p in parts if p == part]
    if not later:
        shared = [
            d
            for d in shared
            if _heads_listing(unit, d) and not _covered_step(unit, word, d)
        ]
    steps = [
        d for d, p in parts if p < own and _next_step(unit, word, d) and d not in shared
    ]
    return sorted([*shared, *steps], key=lambda d: d.start)


def _heads_listing(unit: Unit, date: Mention) -> bool:
    """Whether a date stands before every post of its sentence: the span of the
    whole listing that follows it."""
    return not _posts_between(unit, unit.start, date.start)


def unit_candidates(
    unit: Unit, subject: str, lead: Mention | None, text: str = ""
) -> list[Candidate]:
    """Every candidate of one sentence (`text`, the sentence's text); `lead` is
    the subject's first mention."""
    others = tuple(m for m in unit.persons if not is_subject(m, subject))
    return [
        *_cue_candidates(unit, subject, lead, others),
        *_range_candidates(unit, subject, lead, others),
        *_career_candidates(unit, text, subject, lead, others),
    ]


def _career_candidates(
    unit: Unit,
    text: str,
    subject: str,
    lead: Mention | None,
    others: tuple[Mention, ...],
) -> list[Candidate]:
    """A post or a joining told by a Russian career line whose words name no
    known post ("с 1927 года — стрелком охраны", "С 1926 г. — в отделе ОГПУ"):
    its first word after the dash is the cue, dated by the line's years;
    `others` are the persons the sentence names besides the subject."""
    if unit.language != "ru" or lead is None or not text:
        return []
    found: list[Candidate] = []
    for date in unit.dates:
        word = _career_word(unit, text, date)
        if word is None:
            continue
        for person in _persons(unit, word, subject, lead):
            own = is_subject(person, subject)
            for type_ in CAREER_TYPES:
                found += [
                    Candidate(
                        stated, CAREER_CUE, word, unit, person, own, date, side, others
                    )
                    for stated, side in _readings(
                        unit, word, (type_, _part(type_, date)), date
                    )
                ]
    return found


def _career_word(unit: Unit, text: str, date: Mention) -> Word | None:
    """The first word of a career line after its years and dash, when the line
    opens a clause and its first post holds no cue word of a post or joining."""
    if not date.key or not unit.start <= date.start < unit.end:
        return None
    at = date.start - unit.start
    if not CAREER_LEAD.search(text[:at]):
        return None
    dash = CAREER_DASH.match(text, date.end - unit.start)
    if dash is None or not re.search("[–—-]", dash.group()):
        return None
    begins = unit.start + dash.end()
    stop = CAREER_STOP.search(text, dash.end())
    ends = unit.start + stop.start() if stop else unit.end
    line = [w for w in unit.words if begins <= w.start < ends]
    if not line or line[0].start != begins:
        return None
    named = any(set(CAREER_TYPES) & set(cue_types(w, unit.language)[1]) for w in line)
    return None if named else line[0]


def _cue_candidates(
    unit: Unit, subject: str, lead: Mention | None, others: tuple[Mention, ...]
) -> list[Candidate]:
    """Candidates from the cue words of a sentence."""
    found: list[Candidate] = []
    if lead is None:
        return found
    for word, types in unit.cue_words:
        cue = cue_types(word, unit.language)[0]
        for person in _persons(unit, word, subject, lead):
            own = is_subject(person, subject)
            for type_, date, part in typed_dates(unit, word, types):
                found += [
                    Candidate(stated, cue, word, unit, person, own, date, side, others)
                    for stated, side in _readings(unit, word, (type_, part), date)
                ]
    return found


def typed_dates(
    unit: Unit, word: Word, types: Iterable[str]
) -> Iterator[tuple[str, Mention | None, str]]:
    """Each date × type a cue may state, with the part of a range it takes; a
    post does not take bracketed life dates."""
    for date in _dates(unit, word):
        for type_ in types:
            if type_ in POSTS and life_dates(unit, date):
                continue
            yield type_, date, _part(type_, date)


def _readings(
    unit: Unit, word: Word, typed: tuple[str, str], date: Mention | None
) -> list[tuple[str, str]]:
    """The statements (type, part of the range) a cue makes with a date: a post
    held over a span starts at its start and ends (`dismissed`) at its end; a step
    told after the span may start when it ends. A later post of a listing told
    with "then" after an earlier part's span starts only then ("head of X from
    1921 to 1931, then secretary of Y": not a second post from 1921)."""
    type_, part = typed
    if part != "start":
        return [typed]
    step = _next_step(unit, word, date)
    if step and date is not None and _earlier_part(unit, word, date):
        return [(type_, "end")]
    found = [typed]
    if type_ == "appointed":
        found.append(("dismissed", "end"))
    if step:
        found.append((type_, "end"))
    return found


def _earlier_part(unit: Unit, word: Word, date: Mention) -> bool:
    """Whether a date stands in an earlier part of the cue's listing."""
    inside = unit.start <= date.start < unit.end
    return inside and unit.part_of(date.start) < unit.part_of(word.start)


def _next_step(unit: Unit, word: Word, date: Mention | None) -> bool:
    """Whether a cue follows a span of time, told in an earlier sentence or with
    "then" between: the step taken when that span ended ("head of X from 1921 to
    1931, then secretary of Y"; "... until 1934. That year he was elected"). A
    span told before two posts joined by "then" covers both ("From 1938 to 1953,
    commissar and then minister": the minister's post began inside it)."""
    if date is None or not date.key or "/" not in date.key:
        return False
    if not unit.start <= date.start < unit.end:
        return True
    then = _then_between(unit, date, word)
    return then is not None and not _posts_between(unit, date.end, then.start)


def _covered_step(unit: Unit, word: Word, date: Mention) -> bool:
    """Whether a post follows "then" after another post told inside a span."""
    then = _then_between(unit, date, word)
    return then is not None and _posts_between(unit, date.end, then.start)


def _then_between(unit: Unit, date: Mention, word: Word) -> Word | None:
    """The first "then" (or "later") between a date and a cue after it."""
    return next(
        (w for w in unit.words if date.end <= w.start < word.start and w.lemma in THEN),
        None,
    )


def _posts_between(unit: Unit, start: int, end: int) -> bool:
    """Whether a word that may name a post stands between two positions."""
    return any(
        start <= w.start < end and "appointed" in cue_types(w, unit.language)[1]
        for w in unit.words
    )


def _range_candidates(
    unit: Unit, subject: str, lead: Mention | None, others: tuple[Mention, ...]
) -> list[Candidate]:
    """Life dates: a range may give a birth at its start and a death at its end."""
    found: list[Candidate] = []
    if lead is None:
        return found
    for date in unit.dates:
        if not date.key or "/" not in date.key:
            continue
        word = Word(date.start, date.end, date.text, RANGE_CUE)
        for person in _persons(unit, word, subject, lead):
            own = is_subject(person, subject)
            found += [
                Candidate(type_, RANGE_CUE, word, unit, person, own, date, part, others)
                for type_, part in (("born", "start"), ("died", "end"))
            ]
    return found
