"""Features of how a cue, its date and its person stand in the sentence's clauses.

Without a parse of every sentence, a clause is what lies between commas,
semicolons, brackets and dashes. A date in the cue's own clause and part of a
listing dates that post ("he joined the party in 1919", "секретарь комиссии
(ноябрь 1917 — март 1918)"); one behind a comma or in the next listed post
mostly dates something else. The word that governs a post noun ("became head",
"was appointed deputy", "назначен заместителем") and a name it governs ("head of
the NKVD") say whether the sentence states a new post or describes one in
passing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache
from typing import NamedTuple

from kartoteka import data
from kartoteka.extract.scorer.candidates import Candidate
from kartoteka.extract.scorer.units import Unit, Word
from kartoteka.model import Mention

CLAUSE_BREAK = re.compile(r"[,;:()\[\]\n—–]|\s-\s")
SKIPPED = 3  # how many words a governing verb may stand before its post noun


@cache
def _clause_words(section: str, language: str) -> frozenset[str]:
    """A word list of data/clause_words.yaml."""
    table = data.load("clause_words.yaml")[section]
    return frozenset(str(w) for w in table.get(language, []))


def _breaks(text: str, start: int, end: int, offset: int) -> int:
    """How many clause breaks stand between two positions of a unit's text."""
    lo, hi = sorted((start, end))
    return len(CLAUSE_BREAK.findall(text[lo - offset : hi - offset]))


def _governor(unit: Unit, cue: Word, text: str) -> str:
    """The verb a cue word follows in its clause ("became head", "was named
    chief"): the nearest listed governing word, up to a few words back."""
    index = unit.index_of(cue)
    governors = _clause_words("governors", unit.language)
    for back in range(1, SKIPPED + 1):
        if index - back < 0:
            return "<s>"
        word = unit.words[index - back]
        if _breaks(text, word.end, cue.start, unit.start):
            return "break"
        if word.lemma in governors:
            return word.lemma
    return "-"


def _object_named(unit: Unit, cue: Word) -> bool:
    """Whether a name follows the cue closely ("joined the Communist Party",
    "head of the NKVD"): an organisation a post or membership is in."""
    index = unit.index_of(cue)
    fillers = _clause_words("fillers", unit.language)
    for word in unit.words[index + 1 : index + 4]:
        if word.text[:1].isupper():
            return True
        if word.lemma not in fillers:
            return False
    return False


def _same_type_cues(c: Candidate) -> tuple[int, int]:
    """How many cues of the candidate's type the sentence holds, and how many
    of them come before this one (the starts are in text order)."""
    starts = c.unit.cue_starts(c.type)
    return len(starts), bisect_left(starts, c.word.start)


def _date_opens(unit: Unit, date: Mention, text: str) -> bool:
    """Whether the date opens its sentence or clause ("In 1925 he ...", "С 1931
    г. на работе", "...; from 1938 deputy"): it then dates what follows."""
    words = unit.words_before(date.start)
    if not words:
        return True
    last = words[-1]
    opening = len(words) == 1 or _breaks(text, words[-2].end, last.start, unit.start)
    return bool(opening or _breaks(text, last.end, date.start, unit.start))


Governed = tuple[str, bool]  # what governs a cue word, whether a name follows it


def governed(unit: Unit, cue: Word, text: str) -> Governed:
    """What a cue word's clause says of it whatever it states: the word that
    governs it (`_governor`), and whether a name follows it (`_object_named`);
    `text` is the unit's text."""
    return _governor(unit, cue, text), _object_named(unit, cue)


class DateClause(NamedTuple):
    """How the clauses part a date inside the sentence from a cue word: the
    same for every statement the word makes with the date (`date_clause`)."""

    side: str  # whether the date stands after the cue or before it
    breaks: int  # how many clause breaks stand between them (up to 2)
    same_part: bool  # whether both stand in one part of a listing
    opens: bool  # whether the date opens its sentence or clause


def date_clause(unit: Unit, cue: Word, date: Mention, text: str) -> DateClause:
    """How the clauses part a date inside the sentence (`text`) from a cue word."""
    return DateClause(
        "after" if date.start >= cue.end else "before",
        min(_breaks(text, date.start, cue.start, unit.start), 2),
        unit.part_of(date.start) == unit.part_of(cue.start),
        _date_opens(unit, date, text),
    )


def clause_features(
    c: Candidate, cue: Governed, date: DateClause | None
) -> tuple[str, ...]:
    """The clause features of a candidate: `cue` is what governs its cue word
    (`governed`), `date` how the clauses part its date from it when the date is
    inside the sentence (`date_clause`). The tuple is made once for the values
    it reads (`_clause_features`) and shared."""
    count, order = _same_type_cues(c)
    explicit = c.cue in _clause_words("explicit", c.unit.language)
    counted = (min(count, 4), min(order, 2))
    return _clause_features(c.type, explicit, cue, counted, c.part or "whole", date)


@lru_cache(maxsize=1 << 14)
def _clause_features(
    t: str,
    explicit: bool,
    cue: Governed,
    counted: tuple[int, int],
    part: str,
    date: DateClause | None,
) -> tuple[str, ...]:
    """The clause features of a statement of type `t` whose cue is `explicit`
    or not, with how many cues of its type the sentence holds and how many
    stand before it (`counted`, capped), its part of a range."""
    found = (
        f"kind={t}:{explicit}",
        f"type_governor={t}:{cue[0]}",
        f"type_object_named={t}:{cue[1]}",
        f"type_ncues={t}:{counted[0]}:{counted[1]}",
    )
    if date is None:
        return found
    return (
        *found,
        f"type_clause={t}:{date.side}:{date.breaks}",
        f"type_same_part={t}:{date.same_part}:{part}",
        f"type_date_opens={t}:{date.opens}:{date.side}",
    )
