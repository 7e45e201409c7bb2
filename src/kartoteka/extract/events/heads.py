"""Posts of the people a sentence names as the ones others served under.

"worked in the Foreign Department under Kotov (and later Lobov)", "under Kotov
in the Cheka", "the school, run by Kotov" in Russian ("школа, руководимая
Котовым", "отряд под руководством Котова"), "Kotov's Cheka detachment": the
name is the head of the body, an appointment without a date (as an apposition
is). A title written before a name in Russian ("германского посла Мирбаха",
"военный атташе Котов", "председателя ВЧК Котова") and an assistant named after
his chief ("Lobov's personal assistant Kotov") are posts the same way. The
words are data (`led_by`, `body_units`, `titles_before`, `aides` in events.yaml).
"""

from __future__ import annotations

import re
from functools import cache

from kartoteka.extract.events.lexicon import words
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.events.stance import Placed

# "X and later Y", "X, then Y": the heads that followed one another.
FOLLOWED = re.compile(r"\s*(?:,|,?\s+and|,?\s+и)?\s+(?:(?:later|then|затем|позже)\s+)?")
ORG_GAP = re.compile(r"\s*(?:\s(?:in|at)\s+(?:the\s+)?)?")


def _alternation(section: str, language: str) -> str | None:
    found = sorted(words(section, language), key=len, reverse=True)
    return "|".join(re.escape(w) for w in found) or None


@cache
def _led_by(language: str) -> re.Pattern[str] | None:
    """ "under" / "под руководством" / "руководимой" right before a name."""
    cue = _alternation("led_by", language)
    return re.compile(rf"(?<!\w)(?P<cue>{cue})\s+$", re.IGNORECASE) if cue else None


@cache
def _title(language: str) -> re.Pattern[str] | None:
    """A lower-case title right before a name, an adjective and an abbreviated
    body allowed: "германского посла X", "председателя ВЧК X"."""
    noun = _alternation("titles_before", language)
    if noun is None:
        return None
    return re.compile(
        rf"(?<![\w-])(?P<post>(?:[а-яёa-z]+(?:ого|его|ый|ий|ой|ая|ую|ому|ым|ым)\s+)?"
        rf"(?:{noun})(?:\s+[A-ZА-ЯЁ]{{2,6}})?)\s+$"
    )


@cache
def _aide(language: str) -> re.Pattern[str] | None:
    """ "Lobov's personal assistant X": a chief's name, then the aide's noun."""
    noun = _alternation("aides", language)
    if noun is None:
        return None
    return re.compile(rf"[’']s\s+(?P<post>(?:[a-z]+\s+)?(?:{noun}))\s+$")


@cache
def _unit(language: str) -> re.Pattern[str] | None:
    """ "'s Cheka detachment": a body named after the one who led it."""
    noun = _alternation("body_units", language)
    if noun is None:
        return None
    return re.compile(rf"[’']s\s+(?P<body>(?:[A-Z][\w-]*\s+){{0,3}}(?:{noun}))\b")


def _org_before(sentence: Sentence, at: int) -> Placed | None:
    """The organization that ends right before a cue ("in the INO under")."""
    text = sentence.passage.clean
    for org in sentence.of_type("org"):
        if org.end <= at and not text[org.end : at].strip(" ,"):
            return org
    return None


def _org_after(sentence: Sentence, person: Placed) -> Placed | None:
    """The organization right after a name ("under Kotov in the Cheka")."""
    text = sentence.passage.clean
    for org in sentence.of_type("org"):
        gap = text[person.end : org.start] if org.start >= person.end else "x"
        if ORG_GAP.fullmatch(gap):
            return org
    return None


def _head_of(sentence: Sentence, org: Placed | None) -> str | None:
    if org is None:
        return None
    return "head of " + sentence.passage.clean[org.start : org.end]


def _undated(person: Placed, position: str | None, at: int) -> Reading:
    return Reading(
        "appointed", person.mention, None, position=position, trigger_start=at,
        timeless=True,
    )  # fmt: skip


def _led(sentence: Sentence, person: Placed) -> list[Reading]:
    """ "in the INO under Kotov", "под руководством Котова": an English "under"
    counts only beside a body, as "under Stalin" alone names a reign."""
    pattern = _led_by(sentence.passage.language)
    if pattern is None:
        return []
    match = pattern.search(sentence.passage.clean, sentence.start, person.start)
    if match is None:
        return []
    org = None
    if match.group("cue").lower() == "under":
        org = _org_before(sentence, match.start()) or _org_after(sentence, person)
        if org is None:
            return []
    position = _head_of(sentence, org)
    return [
        _undated(p, position, match.start())
        for p in [person, *sentence.persons_after(person.end, FOLLOWED)]
    ]


def _deputy_before(sentence: Sentence, at: int) -> int:
    """Where a title starts with the deputy's word before it: "заместителя
    председателя ОГПУ Котова" makes Kotov the deputy, not the chairman."""
    text = sentence.passage.clean
    found = re.search(r"(\S+)\s+$", text[sentence.start : at])
    deputies = words("titles_deputies", sentence.passage.language)
    if found and found.group(1).lower().rstrip(".") in deputies:
        return sentence.start + found.start(1)
    return at


def _titled(sentence: Sentence, person: Placed) -> Reading | None:
    """ "германского посла Мирбаха", "Lobov's personal assistant Kotov"."""
    text = sentence.passage.clean
    for pattern in (
        _title(sentence.passage.language),
        _aide(sentence.passage.language),
    ):
        if pattern is None:
            continue
        match = pattern.search(text, sentence.start, person.start)
        if match is not None:
            at = _deputy_before(sentence, match.start("post"))
            return _undated(person, text[at : match.end("post")], at)
    return None


def _unit_led(sentence: Sentence, person: Placed) -> Reading | None:
    """ "Kotov's Cheka detachment": the head of the body named after him."""
    pattern = _unit(sentence.passage.language)
    if pattern is None:
        return None
    match = pattern.match(sentence.passage.clean, person.end, sentence.end)
    if match is None:
        return None
    return _undated(person, "head of " + match.group("body"), person.start)


def heads_named(sentence: Sentence) -> list[Reading]:
    """Undated posts of the names a sentence gives as heads, chiefs or titles."""
    readings: list[Reading] = []
    for person in sentence.of_type("person"):
        readings += _led(sentence, person)
        for reading in (_titled(sentence, person), _unit_led(sentence, person)):
            if reading is not None:
                readings.append(reading)
    return readings
