"""Events of the people a biography names beside the person it is about.

"with his wife Anna Kotova", "Kotov's wife, Anna", "His wife, a typist from Kiev,
was Anna Kotova": a spouse named by a kinship noun (`spouses` in events.yaml) is
a marriage of both, undated; a card's line the noun labels, "Spouse(s) Anna
Kotova", is the spouse's. "arrested by his successor in the Urals, Gromov":
a successor named (`successors`) took the post, dated by the clause around it;
a predecessor named (`predecessors`) held it before, undated. "KGB defector
Gordievsky" (`defectors`): a defection, undated.
"""

from __future__ import annotations

import re
from functools import cache

from kartoteka.extract.events.lexicon import words
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.events.stance import Placed
from kartoteka.model import Mention

OWNER = r"(?P<owner>\b(?:his|her|его|её|ее)\b|(?P<named>[’'`]s\b)?)"
COUNT = r"(?:\s+(?:own|two|three|both|last|first))*"  # "his own two predecessors"
ASIDE = r"(?:\s*,\s*[^,.;()]{2,80},)?"  # "His wife, a typist from Kiev, was"
LISTED = re.compile(r"\s*(?:,|,?\s+and|,?\s+и)\s+")
LINK = r"(?:\s+(?:was|is|had\s+been|—|-))?\s*,?\s*"


@cache
def _before_name(
    section: str, language: str
) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """What stands before a name that a noun of `section` introduces, and the
    nouns alone: a stretch without one holds no match, and is found so by one
    quick scan, not by trying the whole pattern at each of its places."""
    nouns = sorted(words(section, language), key=len, reverse=True)
    if not nouns:
        return None
    noun = "|".join(re.escape(n) for n in nouns)
    tail = r"(?:\s+(?:in|at|as)\s+[^,.;()]{2,60})?" if section != "spouses" else ""
    return re.compile(
        rf"{OWNER}{COUNT}\s*(?P<noun>{noun}){tail}{ASIDE}{LINK}$", re.IGNORECASE
    ), re.compile(noun, re.IGNORECASE)


def _introduced(
    sentence: Sentence, person: Placed, section: str
) -> re.Match[str] | None:
    patterns = _before_name(section, sentence.passage.language)
    if patterns is None:
        return None
    pattern, nouns = patterns
    text = sentence.passage.clean
    reach = max(sentence.start, person.start - 160)
    if nouns.search(text, reach, person.start) is None:
        return None
    return pattern.search(text[reach : person.start])


def _owner(
    sentence: Sentence, person: Placed, at: int, topic: Mention | None
) -> Mention | None:
    """Whose spouse: the last name before the kinship noun ("Kotov's wife",
    "Kotov left with his wife"), else the person the story is about."""
    before = [p for p in sentence.of_type("person") if p != person and p.end <= at + 2]
    return before[-1].mention if before else topic


def spouses(sentence: Sentence, topic: Mention | None) -> list[Reading]:
    """Marriages a kinship noun states: of the spouse named and of the owner."""
    readings = []
    for person in sentence.of_type("person"):
        match = _introduced(sentence, person, "spouses")
        if match is None:
            continue
        if not match.group("owner") and sentence.passage.language != "ru":
            continue  # Russian says "с женой X" without "his"
        at = max(sentence.start, person.start - 160) + match.start()
        for who in (person.mention, _owner(sentence, person, at, topic)):
            if who is not None and who.name:
                readings.append(
                    Reading("married", who, None, trigger_start=at, timeless=True)
                )
    return readings


def successors(sentence: Sentence) -> list[Reading]:
    """Appointments of the successors a sentence names, in the year told, and of
    the predecessors ("his two predecessors in the post, Kotov and Lobov"),
    who held the post before: undated."""
    readings = []
    for section in ("successors", "predecessors"):
        for person in sentence.of_type("person"):
            match = _introduced(sentence, person, section)
            if match is None or not match.group("owner"):
                continue
            at = max(sentence.start, person.start - 160) + match.start("noun")
            readings += [
                Reading(
                    "appointed",
                    named.mention,
                    None,
                    trigger_start=at,
                    timeless=section == "predecessors",
                )
                for named in [person, *sentence.persons_after(person.end, LISTED)]
            ]
    return readings


@cache
def _defector(language: str) -> re.Pattern[str] | None:
    nouns = sorted(words("defectors", language), key=len, reverse=True)
    if not nouns:
        return None
    noun = "|".join(re.escape(n) for n in nouns)
    return re.compile(rf"(?<!\w)(?:{noun}),?\s+$", re.IGNORECASE)


def defectors(sentence: Sentence) -> list[Reading]:
    """The defections a noun before a name tells ("KGB defector Oleg Gordievsky",
    "the defectors Kotov and Lobov"): undated, as a title is."""
    pattern = _defector(sentence.passage.language)
    if pattern is None:
        return []
    text = sentence.passage.clean
    readings = []
    for person in sentence.of_type("person"):
        match = pattern.search(text, sentence.start, person.start)
        if match is None:
            continue
        readings += [
            Reading(
                "defected",
                named.mention,
                None,
                trigger_start=match.start(),
                timeless=True,
            )
            for named in [person, *sentence.persons_after(person.end, LISTED)]
        ]
    return readings
