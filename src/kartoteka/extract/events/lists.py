"""Statements made by the shape of the text rather than a verb.

Lists after a colon ("were shot: on 14 August Pauker, Prokof'ev; on 21 August
Artuzov") give each name the date of its part; lists of members ("Its members
were Stalin, Molotov ...") appoint each member; life dates in brackets after a
name give a birth and a death; a list after a named patient ("arrested Kotov
(in May), Lobov (in June) and Orlik") shares its verb. Posts held "since" a
date are read in `kartoteka.extract.events.posts`.
"""

from __future__ import annotations

import re

from kartoteka.extract.dates.find import DateMention, find_dates
from kartoteka.extract.dates.lifespans import life_dates
from kartoteka.extract.events.dated import Dated
from kartoteka.extract.events.lexicon import alternatives, membership_cues, vocabulary
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.events.stance import Placed
from kartoteka.extract.events.topic import POSSESSIVE_AFTER
from kartoteka.extract.nlp.parse import Parse
from kartoteka.model import Document, Event

COLON_LIST = re.compile(r"[^:;.]{0,12}:")
LIST_GAP = re.compile(
    r"\s*(?:\([^()]{0,40}\))?\s*(?:for\s+the\s+[\w\s’'-]{1,40}?)?\s*[,;]?\s*"
    r"(?:and\s+|и\s+)?(?:the\s+)?"
)
NAME_LIST_GAP = re.compile(
    r"\s*(?:\((?:[^()]|\([^()]*\)){0,120}\))?\s*[,;]?\s*(?:and\s+|и\s+)?(?:the\s+)?"
)
INVERTED = re.compile(r"\s+(?:were|was)\s+", re.I)
CLOSES_LIST = re.compile(r"\b(?:and|и)\s+(?:the\s+)?$")


def colon_list(
    sentence: Sentence, match: re.Match[str], kind: str
) -> list[Reading] | None:
    """ "were shot: on 14 August Pauker and Firin; on 21 August Artuzov" by part."""
    text = sentence.passage.clean
    colon = COLON_LIST.match(text, match.end(), sentence.end)
    if colon is None:
        return None
    readings: list[Reading] = []
    part_start = colon.end()
    for part in text[colon.end() : sentence.end].split(";"):
        part_end = part_start + len(part)
        dates = [d for d in sentence.dates if part_start <= d.start < part_end]
        for person in sentence.of_type("person"):
            if part_start <= person.start < part_end:
                readings.append(
                    Reading(kind, person.mention, dates[0] if dates else None)
                )
        part_start = part_end + 1
    return readings if len(readings) > 1 else None


def lifespans(document: Document, sentence: Sentence) -> list[Event]:
    """Births and deaths from life dates in brackets after a name."""
    found = []
    start, end = sentence.passage.original_span(sentence.start, sentence.end)
    for person in sentence.of_type("person"):
        life = life_dates(sentence.passage.clean, person.end)
        if life is None:
            continue
        for kind, value in (("born", life.born), ("died", life.died)):
            if value:
                found.append(
                    Event(
                        document.id,
                        kind,
                        person.mention,
                        start,
                        end,
                        document.text[start:end],
                        date=value,
                    )
                )
    return found


def member_lists(sentence: Sentence) -> list[Reading]:
    """ "Its members were Stalin, Molotov and Ezhov", "with Molotov (chairman),
    Stalin and Mezhlauk as members": each listed name is appointed a member."""
    text = sentence.passage.clean
    after, before = membership_cues()
    readings = []
    for cue in after.finditer(text, sentence.start, sentence.end):
        names = sentence.persons_after(cue.end(), LIST_GAP)
        readings += _members(sentence, names, cue.start(), "member")
    for cue in before.finditer(text, sentence.start, sentence.end):
        names = _list_before(sentence, cue.start())
        post = "candidate member" if "candidate" in cue.group().lower() else "member"
        readings += _members(sentence, names, cue.start(), post)
    return readings


def _members(
    sentence: Sentence, names: list[Placed], position: int, post: str
) -> list[Reading]:
    dated = [d for d in sentence.dates if d.start < position and d.edtf]
    date = dated[-1] if dated else None
    return [Reading("appointed", p.mention, date, position=post) for p in names]


def _list_before(sentence: Sentence, end: int) -> list[Placed]:
    """The names of a list that ends at `end`, back to where it begins."""
    text = sentence.passage.clean
    names: list[Placed] = []
    cursor = end
    for person in reversed(sentence.of_type("person")):
        if person.end > cursor:
            continue
        if not LIST_GAP.fullmatch(text[person.end : cursor]):
            break
        names.insert(0, person)
        cursor = person.start
    return names


def _trial_date(
    text: str, start: int, stop: int, year: int | None
) -> tuple[int, DateMention] | None:
    """The first date its sentence writes after a mention of "the trial" within
    `text[start:stop]` ("The trial ran from 2 to 13 March 1938"), and where the
    date's text begins counting from."""
    trials = vocabulary().get("trials") or {}
    phrases = alternatives(list(trials.get("dated_later", [])))
    for match in phrases.finditer(text, start, stop):
        end = text.find(".", match.end())
        dates = find_dates(text[match.start() : end if 0 <= end < stop else stop], year)
        if dates:
            return match.start(), dates[0]
    return None


def _trial_told_later(sentence: Sentence) -> Dated | None:
    """ "... the trial against Petrov and Sokol opened. [...] The trial ran from
    2 to 13 March 1938": a trial told without a date takes the one its paragraph
    gives it next; the verdict falls on its last day."""
    text = sentence.passage.clean
    found = _trial_date(text, sentence.end, len(text), sentence.year)
    if found is None:
        return None
    at, date = found
    return Dated(at + date.start, at + date.end, date.edtf.split("/")[-1], True)


def trial_span(sentence: Sentence) -> tuple[str, str] | None:
    """The first and last day of a trial a sentence dates, for offsets from its
    opening or end ("three days before the trial ended")."""
    text = sentence.passage.clean
    found = _trial_date(text, sentence.start, sentence.end, sentence.year)
    if found is None:
        return None
    first, _, last = found[1].edtf.partition("/")
    return first, last or first


def trial_lists(sentence: Sentence) -> list[Reading]:
    """ "the trial ... against Piatakov, Radek and others": each defendant listed
    is sentenced, dated by the last date before the list."""
    raw = vocabulary().get("trials") or {}
    text = sentence.passage.clean
    nouns = alternatives(list(raw.get("nouns", [])))
    defendants = alternatives(list(raw.get("defendants", [])))
    breaks = alternatives(list(raw.get("breaks", [])))
    reach = int(raw.get("reach", 0))
    readings: list[Reading] = []
    for noun in nouns.finditer(text, sentence.start, sentence.end):
        cue = defendants.search(text, noun.end(), min(noun.end() + reach, sentence.end))
        if cue is None or breaks.search(text, noun.end(), cue.start()):
            continue
        dated = [d for d in sentence.dates if d.start < cue.start() and d.edtf]
        date = dated[-1] if dated else _trial_told_later(sentence)
        readings += [
            Reading("sentenced", p.mention, date, trigger_start=noun.start())
            for p in sentence.persons_after(cue.end(), LIST_GAP)
            if p.mention not in [r.person for r in readings]
        ]
    return readings


def inverted_subject(
    sentence: Sentence, parse: Parse, head: int, end: int
) -> list[Placed]:
    """ "Also arrested were the department heads Kotov, ...": in an inverted
    passive the first name after "were" in the verb's phrase is its subject."""
    if not INVERTED.match(sentence.passage.clean, end):
        return []
    phrase = set(parse.subtree(head))
    for person in sentence.of_type("person"):
        if person.start >= end and set(parse.at(person.start, person.end)) & phrase:
            return [person]
    return []


def named_after(
    sentence: Sentence, persons: list[Placed], match: re.Match[str]
) -> bool:
    """ "Other friends appointed to posts were Lebedev and Sokolov": a participle
    describing a group whose members "were" names states their step, not a state."""
    after = [p.start for p in persons if p.start >= match.end()]
    if not after:
        return False
    between = sentence.passage.clean[match.end() : min(after)]
    return INVERTED.search(between) is not None and not re.search(r"[.;:]", between)


def listed_after(sentence: Sentence, persons: list[Placed], after: int) -> list[Placed]:
    """ "arrested Kotov (in May), Lobov (in June) and Orlik": the names a list
    goes on with after a person named behind the trigger, where brackets or
    commas made the parser lose them; only a list closed by "and" counts."""
    named = [p for p in persons if p.start >= after and p.end > p.start]
    if not named:
        return []
    text = sentence.passage.clean
    cursor = min(p.end for p in named)
    found: list[Placed] = []
    closed = 0
    for person in sentence.of_type("person"):
        if person.start < cursor:
            continue
        gap = text[cursor : person.start]
        if not NAME_LIST_GAP.fullmatch(gap) or POSSESSIVE_AFTER.match(text, person.end):
            break
        cursor = person.end
        if person not in persons:
            found.append(person)
        if CLOSES_LIST.search(gap):
            closed = len(found)
    return found[:closed]
