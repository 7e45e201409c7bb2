"""The pieces the scorer reads: sentences as units of words, cues, dates and persons.

Words carry a lemma (pymorphy2's dictionary form for Russian, through natasha;
the lower-cased word for English, matched against stems), so a cue list in
data/event_cues.yaml covers every inflection. Spans are in the coordinates of
the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from kartoteka import data
from kartoteka.extract.nlp.models import Analysis
from kartoteka.extract.scorer.story import relative_dates
from kartoteka.extract.scorer.subject import is_subject as is_subject
from kartoteka.extract.scorer.subject import subject_word as subject_word
from kartoteka.model import Document, Mention

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# What joins two dates into a span: a dash, "to", "по"; in life dates a dash after
# the first date's place ("3 May 1890, Tver – 9 June 1940, Moscow").
RANGE_GAP = re.compile(
    r"\s*(?:[-–—]|to|until|till|through|по|до)\s*"
    r"|(?:,\s*[^\W\d][^\d()\n,]{0,30}){1,2}[-–—]\s*",
    re.IGNORECASE,
)
PAIRED_YEARS = re.compile(r"\s*(?:and|и)\s*", re.IGNORECASE)
STORY_REACH = 400  # how far back a date still sets the scene for a sentence
# Where one listed post may end and the next begin: "head of X, deputy of Y and
# chief of Z", "начальник отдела, затем заместитель наркома".
LIST_BREAK = re.compile(r"[,;—]|\s(?:and|then|later|и|а|затем|потом)\s", re.IGNORECASE)
LIST_FILLERS = frozenset(("the", "a", "an", "then", "later", "затем", "потом"))


@dataclass(frozen=True)
class Word:
    """One word of a unit and its lemma."""

    start: int
    end: int
    text: str
    lemma: str


@dataclass(frozen=True)
class Unit:
    """A sentence with the words, dates and persons inside it."""

    start: int
    end: int
    language: str
    kind: str
    words: tuple[Word, ...]
    dates: tuple[Mention, ...]
    persons: tuple[Mention, ...]
    story: Mention | None = None  # the last date before the sentence, nearby
    breaks: tuple[int, ...] = ()  # where each part of a listing after the first begins

    def part_of(self, at: int) -> int:
        """Which part of the sentence's listing a position stands in (0 = first)."""
        return bisect_right(self.breaks, at)

    def shares_text(self, start: int, end: int) -> bool:
        """Whether a span (an event's evidence) overlaps the sentence."""
        return start < self.end and self.start < end


@cache
def morph() -> Any:
    """natasha's pymorphy2 dictionary (natasha makes it load on this Python)."""
    from kartoteka.extract.nlp.models import morph_vocab

    return morph_vocab()


@cache
def lemma(word: str, language: str) -> str:
    """The dictionary form of a Russian word, the lower-cased form of another."""
    lower = word.lower()
    if language != "ru" or not re.search("[а-яё]", lower):
        return lower
    return str(morph().parse(lower)[0].normal_form).replace("ё", "е")


@cache
def cues() -> dict[str, dict[str, tuple[str, ...]]]:
    """Per language, the event types each cue lemma (or stem ending in *) may state."""
    table: dict[str, dict[str, list[str]]] = {"en": {}, "ru": {}}
    for type_, words in data.load("event_cues.yaml")["types"].items():
        for language in ("en", "ru"):
            for word in words.get(language, []):
                key = str(word).replace("ё", "е")
                table[language].setdefault(key, []).append(type_)
    return {lang: {k: tuple(v) for k, v in t.items()} for lang, t in table.items()}


@cache
def word_list(section: str, language: str) -> frozenset[str]:
    """A plain word list of event_cues.yaml (modality, pronouns)."""
    return frozenset(str(w) for w in data.load("event_cues.yaml")[section][language])


def cue_types(word: Word, language: str) -> tuple[str, tuple[str, ...]]:
    """The cue a word is (its lemma or matching stem) and the types it may state."""
    return _cue_of(word.lemma, "ru" if language == "ru" else "en")


@cache
def _cue_of(lemma: str, language: str) -> tuple[str, tuple[str, ...]]:
    """The word itself or its first matching stem names the cue; its types are
    those of every entry it matches ("served" is a post, "serv*" a joining)."""
    table = cues()[language]
    matched = [lemma] if lemma in table else []
    matched += [s for s in _stems(language) if lemma.startswith(s[:-1])]
    types = tuple(dict.fromkeys(t for key in matched for t in table[key]))
    return (matched[0], types) if matched else ("", ())


@cache
def _stems(language: str) -> tuple[str, ...]:
    """The cues of a language that are stems (ending in *), in the file's order."""
    return tuple(k for k in cues()[language] if k.endswith("*"))


def _ranges(text: str, dates: list[Mention]) -> list[Mention]:
    """Two dates joined by a dash, "to", "по" or, for two years in a row, "and"
    become one range ("July 1922 — November 1927", "in 1926 and 1927"), so a
    post's start and end stay together."""
    joined: list[Mention] = []
    for date in dates:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.key
            and date.key
            and "/" not in last.key + date.key
            and _joins(text[last.end : date.start], last.key, date.key)
        ):
            span = text[last.start : date.end]
            key = f"{last.key}/{date.key}"
            joined[-1] = replace(last, end=date.end, text=span, name=span, key=key)
        else:
            joined.append(date)
    return joined


def _joins(gap: str, first: str, second: str) -> bool:
    """Whether the text between two dates makes them one span: a dash or "to",
    or "and" between two successive years ("in 1926 and 1927")."""
    if RANGE_GAP.fullmatch(gap):
        return True
    years = all(len(key) == 4 and key.isdigit() for key in (first, second))
    successive = years and int(second) - int(first) == 1
    return successive and bool(PAIRED_YEARS.fullmatch(gap))


class MentionIndex:
    """Mentions sorted by start, found by position in logarithmic time (a
    document's sentences times its mentions would grow with its square)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def within(self, start: int, end: int) -> tuple[Mention, ...]:
        """The mentions inside `[start, end)`, in order."""
        found = []
        for index in range(bisect_left(self.starts, start), len(self.mentions)):
            mention = self.mentions[index]
            if mention.start > end:
                break
            if mention.end <= end:
                found.append(mention)
        return tuple(found)

    def story(self, start: int) -> Mention | None:
        """The last mention (in start order) ending before `start`, nearby."""
        floor = start - STORY_REACH - self.longest
        for index in range(bisect_right(self.starts, start) - 1, -1, -1):
            mention = self.mentions[index]
            if mention.start < floor:
                break
            if mention.end <= start and start - mention.end <= STORY_REACH:
                return mention
        return None


def document_units(
    document: Document, analyses: Sequence[Analysis], mentions: Sequence[Mention]
) -> list[Unit]:
    """Every readable sentence of a document as a unit, in text order."""
    absolute = _ranges(
        document.text,
        sorted((m for m in mentions if m.type == "date"), key=lambda m: m.start),
    )
    told = relative_dates(document, absolute)
    dates = MentionIndex(sorted([*absolute, *told], key=lambda m: m.start))
    persons = MentionIndex(
        sorted((m for m in mentions if m.type == "person"), key=lambda m: m.start)
    )
    units = []
    for passage, analysis in zip(document.passages, analyses, strict=True):
        if passage.kind == "boilerplate":
            continue
        for sentence in analysis.sentences:
            if sentence.end <= sentence.start:
                continue
            start, end = passage.original_span(sentence.start, sentence.end)
            words = _words(document.text, start, end, passage.language)
            inside = dates.within(start, end)
            units.append(
                Unit(
                    start,
                    end,
                    passage.language,
                    passage.kind,
                    words,
                    inside,
                    persons.within(start, end),
                    dates.story(start),
                    _breaks(
                        document.text, (start, end), words, inside, passage.language
                    ),
                )
            )
    return units


def _breaks(
    text: str,
    span: tuple[int, int],
    words: tuple[Word, ...],
    dates: tuple[Mention, ...],
    language: str,
) -> tuple[int, ...]:
    """Where each listed post after the first begins: a comma, dash or "and" that a
    post word follows ("..., deputy of Y", "и начальник Z"); "and" inside a name
    ("Workers' and Peasants' Inspectorate") or before a verb is no break. A date
    that opens a post begins its part ("from May 1921, deputy of X, from June 1923,
    head of Y": the break falls before "from June 1923")."""
    start, end = span
    found: list[int] = []
    previous = start  # where the text after the last comma, dash or "and" begins
    for match in LIST_BREAK.finditer(text, start, end):
        if any(d.start <= match.start() < d.end for d in dates):
            continue  # the dash of "1943 — 1946"
        after = [w for w in words if w.start >= match.end()]
        while after and after[0].lemma in LIST_FILLERS:
            after = after[1:]
        if after and _posts(after[:1], language):
            opened = found[-1] if found else start
            lead = [w for w in words if previous <= w.start < match.start()]
            at = match.end() if _posts(lead, language) else previous
            before = [w for w in words if opened <= w.start < at]
            if at > opened and _posts(before, language):
                found.append(at)
        previous = match.end()
    return tuple(found)


def _posts(words: Sequence[Word], language: str) -> bool:
    """Whether any of the words may name a post."""
    return any("appointed" in cue_types(w, language)[1] for w in words)


def _words(text: str, start: int, end: int, language: str) -> tuple[Word, ...]:
    words = [
        Word(start + m.start(), start + m.end(), m.group(), lemma(m.group(), language))
        for m in WORD.finditer(text[start:end])
    ]
    return tuple(_joined(text, words, language))


def _joined(text: str, words: list[Word], language: str) -> list[Word]:
    """The words with each two-word cue of the cue list made one word ("turned
    over" is a handing over, "turned" alone is not)."""
    phrases = _phrases("ru" if language == "ru" else "en")
    found: list[Word] = []
    for word in words:
        last = found[-1] if found else None
        if last is not None and f"{last.lemma} {word.lemma}" in phrases:
            span = text[last.start : word.end]
            found[-1] = Word(last.start, word.end, span, f"{last.lemma} {word.lemma}")
        else:
            found.append(word)
    return found


@cache
def _phrases(language: str) -> frozenset[str]:
    """The cues of a language that are two words."""
    return frozenset(k for k in cues()[language] if " " in k)
