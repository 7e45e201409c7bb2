"""Events a source tells by a person's turn: "it was X's turn", "the turn of X".

After a run of arrests or shootings a narrator often names the next victim only
by saying whose turn it was. The event is the one a trigger right after the cue
names ("X's turn to be shot"), else the default of the `turns` section of
events.yaml; the date is the last one the sentence gives before the cue.
"""

from __future__ import annotations

import re
from functools import cache

from kartoteka.extract.events.lexicon import alternatives, phrase_regex, vocabulary
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.events.stance import Placed

POSSESSIVE = re.compile(r"['’]s\b")
NEAR = 40  # how far after the cue a trigger may name the event


def turns(sentence: Sentence) -> list[Reading]:
    """One reading for the person whose turn a sentence says it was."""
    raw = vocabulary().get("turns") or {}
    text = sentence.passage.clean
    readings = []
    for cue in _suffixes(tuple(raw.get("before", []))).finditer(
        text, sentence.start, sentence.end
    ):
        owner = [p for p in sentence.of_type("person") if p.end == cue.start()]
        readings += _turn(sentence, owner, cue.start(), cue.end(), raw)
    for cue in alternatives(list(raw.get("after", []))).finditer(
        text, sentence.start, sentence.end
    ):
        readings += _turn(sentence, _first_after(sentence, cue.end()), *cue.span(), raw)
    return readings


@cache
def _suffixes(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Cues glued to the end of a name ("'s turn"), so not at a word boundary;
    compiled once, not for every sentence."""
    if not phrases:
        return re.compile(r"(?!)")
    body = "|".join(phrase_regex(p) for p in phrases)
    return re.compile(r"(?:" + body + r")(?![\w])", re.I)


def _first_after(sentence: Sentence, start: int) -> list[Placed]:
    """The first name after `start` that is not a possessive ("Iagoda's deputy")."""
    text = sentence.passage.clean
    for person in sentence.of_type("person"):
        if person.start >= start and not POSSESSIVE.match(text, person.end):
            return [person]
    return []


def _turn(
    sentence: Sentence,
    persons: list[Placed],
    start: int,
    end: int,
    raw: dict[str, str],
) -> list[Reading]:
    kinds = [
        trigger.type
        for trigger, match in sentence.matches
        if end <= match.start() <= end + NEAR and not trigger.type.startswith("frame")
    ]
    kind = kinds[0] if kinds else str(raw.get("default", "arrested"))
    dated = [d for d in sentence.dates if d.start < start and d.edtf]
    date = dated[-1] if dated else None
    return [Reading(kind, p.mention, date, trigger_start=start) for p in persons]
