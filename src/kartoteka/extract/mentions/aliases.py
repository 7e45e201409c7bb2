"""Other names a source gives a person: real names, cover names, pseudonyms.

"Walter Krivitsky (real name Samuel Ginsberg)", "he lived under the cover name
of Walter Thomas", "dubbed “major D.” (Denisov)": each becomes a link between
two person mentions, with the sentence as its evidence, so that resolution puts
both names on one card and can say why. The cue phrases are data
(`data/aliases.yaml`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from kartoteka import data
from kartoteka.extract.alternation import dispatched, matches_from
from kartoteka.extract.mentions.gazetteer import places
from kartoteka.extract.mentions.persons import MONTHS
from kartoteka.extract.mentions.spans import by_passage
from kartoteka.extract.nlp.models import Analysis
from kartoteka.model import Document, Mention, NameLink, Passage

NAME_AFTER = re.compile(
    r"\s*(?:of\s+|:\s*|,\s*)?[\"“‘'«]?"
    r"((?:[A-ZА-ЯЁ](?:[\w'’-]*|\.)\s?){1,4})"
)
BRACKETED_NAME = re.compile(
    r"\s*\(\s*([\"“«]?)((?:[A-ZА-ЯЁ][\w'’-]+)(?:\s[A-ZА-ЯЁ][\w'’-]+){0,2})[\"”»]?\s*\)"
)
LIST_GLUE = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
LIST_WORDS = {"names", "aliases", "pseudonyms", "codenames"}
QUOTED_THEN_BRACKETED = re.compile(r"[“\"«]([^”\"»]{2,40})[”\"»]\s*\(([^()]{2,40})\)")


@dataclass(frozen=True)
class Cue:
    phrase: str
    strong: bool
    pattern: re.Pattern[str]


@cache
def cues() -> tuple[Cue, ...]:
    """Compiled cue phrases, longest first so `also used the pseudonym` wins."""
    loaded = data.load("aliases.yaml")
    found = []
    for strength in ("strong", "weak"):
        for phrases in loaded[strength].values():
            for phrase in phrases:
                pattern = re.compile(
                    r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", re.I
                )
                found.append(Cue(phrase, strength == "strong", pattern))
    return tuple(sorted(found, key=lambda c: -len(c.phrase)))


@cache
def cue_places() -> re.Pattern[str]:
    """Where any cue phrase matches: one scan finds the places each cue's
    pattern is then tried at."""
    body = dispatched([re.escape(c.phrase) for c in cues()], ignore_case=True)
    return re.compile(r"(?<![\w])(?=" + body + r"(?![\w]))", re.I)


@dataclass(frozen=True)
class Placed:
    start: int
    end: int
    mention: Mention


def _placed(passage: Passage, inside: list[Mention]) -> list[Placed]:
    return [
        Placed(
            bisect_left(passage.starts, m.start),
            bisect_left(passage.starts, m.end - 1) + 1,
            m,
        )
        for m in inside
        if m.type == "person"
    ]


def _new_mention(document: Document, passage: Passage, start: int, end: int) -> Mention:
    orig_start, orig_end = passage.original_span(start, end)
    return Mention(
        document=document.id,
        start=orig_start,
        end=orig_end,
        text=document.text[orig_start:orig_end],
        name=" ".join(passage.clean[start:end].split()),
        type="person",
        language=passage.language,
        source="aliases",
    )


def _link(
    document: Document,
    passage: Passage,
    sentence: tuple[int, int],
    pair: tuple[Mention, Mention],
    cue: str,
) -> NameLink:
    start, end = passage.original_span(*sentence)
    return NameLink(pair[0], pair[1], cue, start, end, document.text[start:end])


def _after_cue(
    document: Document, passage: Passage, persons: list[Placed], cue: Cue, end: int
) -> Placed | None:
    """The name that follows a cue: a known person, or for a strong cue any name."""
    for person in persons:
        if end <= person.start <= end + 6:
            return person
    if not cue.strong:
        return None
    match = NAME_AFTER.match(passage.clean, end)
    if not match or match.start(1) - end > 6 or not _name_like(match.group(1)):
        return None
    name_end = match.end(1)
    while name_end > match.start(1) and passage.clean[name_end - 1] in " ,;:":
        name_end -= 1
    mention = _new_mention(document, passage, match.start(1), name_end)
    return Placed(match.start(1), name_end, mention)


def _name_like(words: str) -> bool:
    """Not a month or a known place (`born January 5`, `born Moscow`)."""
    first = words.split()[0].strip(".,;:")
    return first.lower() not in MONTHS and first not in places()


def _list_after(
    document: Document, passage: Passage, persons: list[Placed], cue: Cue, first: Placed
) -> list[Placed]:
    """The further names of a list a plural cue opens (`cover names A, B, C`)."""
    found = [first]
    if cue.phrase.split()[-1] not in LIST_WORDS:
        return found
    while glue := LIST_GLUE.match(passage.clean, found[-1].end):
        following = _after_cue(document, passage, persons, cue, glue.end())
        if following is None:
            break
        found.append(following)
    return found


def bracketed_links(
    document: Document,
    passage: Passage,
    sentence: tuple[int, int],
    inside: list[Placed],
) -> tuple[list[Mention], list[NameLink]]:
    """`Артузов (Фраучи)`: a name in brackets after a person's name is theirs too."""
    added, links = [], []
    for person in list(inside):
        match = BRACKETED_NAME.match(passage.clean, person.end, sentence[1])
        if not match or not _name_like(match.group(2)):
            continue
        name = match.group(2)
        if name.replace(" ", "").isupper() and not match.group(1):
            continue
        start, end = match.span(2)
        other = next((p for p in inside if (p.start, p.end) == (start, end)), None)
        if other is None:
            other = Placed(start, end, _new_mention(document, passage, start, end))
            added.append(other.mention)
            inside.append(other)
        pair = (person.mention, other.mention)
        links.append(_link(document, passage, sentence, pair, "name in brackets"))
    return added, links


def _cue_links(
    document: Document,
    passage: Passage,
    sentence: tuple[int, int],
    inside: list[Placed],
) -> tuple[list[Mention], list[NameLink]]:
    """Links a cue phrase states: the name before it and the name(s) after it."""
    added: list[Mention] = []
    links: list[NameLink] = []
    taken: set[int] = set()
    starts = [m.start() for m in cue_places().finditer(passage.clean, *sentence)]
    for cue in cues() if starts else ():
        for match in matches_from(cue.pattern, passage.clean, starts, sentence[1]):
            if match.start() in taken:
                continue
            taken.update(range(match.start(), match.end()))
            before = [p for p in inside if p.end <= match.start()]
            other = _after_cue(document, passage, inside, cue, match.end())
            if not before or other is None:
                continue
            for name in _list_after(document, passage, inside, cue, other):
                if name.mention.id == before[-1].mention.id:
                    continue
                if name not in inside:
                    added.append(name.mention)
                    inside.append(name)
                pair = (before[-1].mention, name.mention)
                links.append(_link(document, passage, sentence, pair, cue.phrase))
    return added, links


def sentence_links(
    document: Document,
    passage: Passage,
    sentence: tuple[int, int],
    persons: list[Placed],
) -> tuple[list[Mention], list[NameLink]]:
    """Links a sentence states, and the names it gives that were not yet mentions."""
    s_start, s_end = sentence
    inside = [p for p in persons if s_start <= p.start and p.end <= s_end]
    added, links = _cue_links(document, passage, sentence, inside)
    more, bracketed = bracketed_links(document, passage, sentence, inside)
    added += more
    links += bracketed
    for match in QUOTED_THEN_BRACKETED.finditer(passage.clean, s_start, s_end):
        first = [p for p in inside if match.start(1) <= p.start < match.end(1)]
        second = [p for p in inside if match.start(2) <= p.start < match.end(2)]
        if first and second:
            pair = (first[0].mention, second[-1].mention)
            cue = "quoted name, real name in brackets"
            links.append(_link(document, passage, sentence, pair, cue))
    return added, links


def document_links(
    document: Document, analyses: list[Analysis], mentions: list[Mention]
) -> tuple[list[Mention], list[NameLink]]:
    """Every alias link in a document, with the alias mentions it had to add."""
    added: list[Mention] = []
    links: list[NameLink] = []
    within = by_passage(document.passages, mentions)
    for passage, analysis, inside in zip(
        document.passages, analyses, within, strict=True
    ):
        if passage.kind == "boilerplate":
            continue
        persons = _placed(passage, inside)
        if not persons:
            continue
        for sentence in analysis.sentences:
            new, found = sentence_links(
                document, passage, (sentence.start, sentence.end), persons
            )
            added += new
            links += found
    return added, links
