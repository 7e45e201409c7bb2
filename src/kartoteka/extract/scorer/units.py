"""The pieces the scorer reads: sentences as units of words, cues, dates and persons.

Words carry a lemma (pymorphy2's dictionary form for Russian, through natasha;
the lower-cased word for English, matched against stems), so a cue list in
data/event_cues.yaml covers every inflection. Spans are in the coordinates of
the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Any, NamedTuple

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
# What opens a span whose ends "and" joins: "between 1918 and 1920", "между 1918 и
# 1920 годами" (the dates module reads the English one as a span already).
BETWEEN = re.compile(r"(?<![^\W\d_])(?:between|между)\s+$", re.IGNORECASE)
BRACKET_REACH = 30  # how far a date may stand from the brackets around it
STORY_REACH = 400  # how far back a date still sets the scene for a sentence
# Where one listed post may end and the next begin: "head of X, deputy of Y and
# chief of Z", "начальник отдела, затем заместитель наркома".
LIST_BREAK = re.compile(r"[,;—]|\s(?:and|then|later|и|а|затем|потом)\s", re.IGNORECASE)
LIST_FILLERS = frozenset(("the", "a", "an", "then", "later", "затем", "потом"))
# What may stand between "and" and a listed decoration or body ("and was also
# awarded", "и был также награждён"). ("a rank equal to ..." after a title
# describes it: no second item).
ITEM_FILLERS = frozenset(
    ("the", "was", "were", "has", "had", "also", "he", "she", "then", "later")
) | frozenset(("был", "была", "были", "также", "затем", "потом", "он", "она"))
# The types a sentence lists one item of each per body or honour: a decoration,
# title or rank; a party, service or movement joined ("an anarchist, then a
# Bolshevik": an article may open a body, not a title's description).
ITEMS = {"awarded": ITEM_FILLERS, "joined": ITEM_FILLERS | {"a", "an"}}


class Word(NamedTuple):
    """One word of a unit and its lemma; a unit's words also carry the cue each
    is with the types it may state (`cue_types`), read once when the unit is
    made, as every candidate of a sentence asks for them. A tuple, as words are
    made by the thousand."""

    start: int
    end: int
    text: str
    lemma: str
    cue: str | None = None  # None: not read yet
    types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unit:
    """A sentence with the words, dates and persons inside it, and the listings
    it holds (read when first asked: most sentences give no candidate that
    asks)."""

    start: int
    end: int
    language: str
    kind: str
    words: tuple[Word, ...]
    dates: tuple[Mention, ...]
    persons: tuple[Mention, ...]
    story: Mention | None = None  # the last date before the sentence, nearby
    source: str = field(default="", repr=False, compare=False)  # the document's text

    @cached_property
    def breaks(self) -> tuple[int, ...]:
        """Where each part of a listing of posts after the first begins."""
        span = (self.start, self.end)
        return _breaks(self.source, span, self.words, self.dates, self.language)

    @cached_property
    def story_dates(self) -> tuple[Mention, ...]:
        """The story's date when it has a value, then the month of its day and
        the year of its day or month: a step told after a dated one often falls
        later in that month or year ("On 3 May 1930 he was arrested. He was
        handed over to the court", "... He was expelled"). Made once per
        sentence, as every cue of it may take them."""
        story = self.story
        if story is None or not story.key:
            return ()
        key = story.key
        if key[4:5] != "-" or "/" in key:
            return (story,)
        month = (replace(story, key=key[:7]),) if len(key) == len("1930-05-03") else ()
        return (story, *month, replace(story, key=key[:4]))

    @cached_property
    def spans(self) -> dict[int, list[int]]:
        """Where the sentence's spans of time start, by part of its listing."""
        found: dict[int, list[int]] = {}
        for date in self.dates:
            if date.key and "/" in date.key:
                found.setdefault(self.part_of(date.start), []).append(date.start)
        return found

    @cached_property
    def brackets(self) -> tuple[tuple[int, int], ...]:
        """The brackets that hold a date."""
        return _dated_brackets(self.source, self.dates)

    @cached_property
    def awards(self) -> tuple[int, ...]:
        """Where each listed decoration after the first begins."""
        return _item_breaks(self.source, (self.start, self.end), self.words, "awarded")

    @cached_property
    def joins(self) -> tuple[int, ...]:
        """Where each listed body joined after the first begins."""
        return _item_breaks(self.source, (self.start, self.end), self.words, "joined")

    def award_of(self, at: int) -> int:
        """Which of the sentence's listed decorations a position stands in."""
        return bisect_right(self.awards, at)

    def join_of(self, at: int) -> int:
        """Which of the sentence's listed bodies joined a position stands in."""
        return bisect_right(self.joins, at)

    def bracket_of(self, at: int) -> int | None:
        """Which of the dated brackets a position stands in, if any."""
        return next(
            (i for i, (start, end) in enumerate(self.brackets) if start < at < end),
            None,
        )

    def part_of(self, at: int) -> int:
        """Which part of the sentence's listing a position stands in (0 = first)."""
        return bisect_right(self.breaks, at)

    def shares_text(self, start: int, end: int) -> bool:
        """Whether a span (an event's evidence) overlaps the sentence."""
        return start < self.end and self.start < end

    # What every candidate of the sentence asks of its words, read once. A
    # unit's words stand in text order without overlapping (found left to right
    # by one pattern, two-word cues made of neighbours), so their starts and
    # ends both rise and a span's words are found by bisection.

    def words_in(self, low: int, high: int) -> tuple[Word, ...]:
        """The words that start within `[low, high)`."""
        starts = self._starts
        return self.words[bisect_left(starts, low) : bisect_left(starts, high)]

    def words_before(self, at: int) -> tuple[Word, ...]:
        """The words that end at or before a position."""
        return self.words[: bisect_right(self._ends, at)]

    def first_from(self, at: int) -> int:
        """The index of the first word that starts at or after a position."""
        return bisect_left(self._starts, at)

    def index_of(self, word: Word) -> int:
        """The place of a word among the unit's words, found by where it starts
        (-1 for none, as for a range's cue)."""
        return self._places.get(word.start, -1)

    def cue_starts(self, type_: str) -> list[int]:
        """Where the words that may state an event of a type start, in order."""
        return self._cue_starts.get(type_, [])

    @cached_property
    def cue_words(self) -> list[tuple[Word, tuple[str, ...]]]:
        """The words that are cues, with the types each may state."""
        return [
            (w, types) for w in self.words if (types := cue_types(w, self.language)[1])
        ]

    @cached_property
    def _starts(self) -> list[int]:
        return [w.start for w in self.words]

    @cached_property
    def _ends(self) -> list[int]:
        return [w.end for w in self.words]

    @cached_property
    def _places(self) -> dict[int, int]:
        places: dict[int, int] = {}
        for index, word in enumerate(self.words):
            places.setdefault(word.start, index)
        return places

    @cached_property
    def _cue_starts(self) -> dict[str, list[int]]:
        starts: dict[str, list[int]] = {}
        for word, types in self.cue_words:
            for type_ in types:
                starts.setdefault(type_, []).append(word.start)
        return starts


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
    return str(_best_parse(morph().parse(lower)).normal_form).replace("ё", "е")


def _best_parse(parses: Sequence[Any]) -> Any:
    """pymorphy2's likeliest reading, a short passive participle among equally
    likely ones: a biography's "снят", "сослан" are steps ("снять", "сослать"),
    not the adjective "снятой" or the name "Сослан"."""
    top = [p for p in parses if p.score >= parses[0].score]
    return next((p for p in top if "PRTS" in p.tag), parses[0])


@cache
def cues() -> dict[str, dict[str, tuple[str, ...]]]:
    """Per language, the event types each cue lemma (or stem ending in *) may state."""
    table: dict[str, dict[str, list[str]]] = {"en": {}, "ru": {}}
    for type_, words in data.load("event_cues.yaml")["types"].items():
        for language in ("en", "ru"):
            for word in words.get(language, []):
                key = str(word).replace("ё", "е")
                table[language].setdefault(key, []).append(type_)
    for rank in _russian_ranks():
        table["ru"].setdefault(rank, []).append("awarded")
    return {lang: {k: tuple(v) for k, v in t.items()} for lang, t in table.items()}


def _russian_ranks() -> list[str]:
    """The one-word Russian personal ranks of ranks.yaml (those with a seniority),
    as lemmas: each may state that the rank was conferred ("комбриг с 1935 г.")."""
    found = []
    for rank in data.load("ranks.yaml"):
        if "seniority" not in rank:
            continue
        for form in rank["forms"]:
            text = str(form)
            if " " not in text and re.search("[а-яё]", text.lower()):
                found.append(lemma(text, "ru"))
    return list(dict.fromkeys(found))


@cache
def word_list(section: str, language: str) -> frozenset[str]:
    """A plain word list of event_cues.yaml (modality, pronouns)."""
    return frozenset(str(w) for w in data.load("event_cues.yaml")[section][language])


def cue_types(word: Word, language: str) -> tuple[str, tuple[str, ...]]:
    """The cue a word is (its lemma or matching stem) and the types it may state;
    a unit's word was read in its unit's language when it was made."""
    if word.cue is not None:
        return word.cue, word.types
    return _cue_of(word.lemma, "ru" if language == "ru" else "en")


Reading = tuple[str, str, str, tuple[str, ...]]  # a word, its lemma, cue, types


@cache
def _reader(language: str) -> Callable[[str], Reading]:
    """A word's fields after its span (`_reading`) in a passage's language, kept
    per language: a cache keyed by the word alone is looked up the fastest."""
    return cache(lambda text: (text, *_reading(text, language)))


def _reading(text: str, language: str) -> tuple[str, str, tuple[str, ...]]:
    """A word's lemma, and the cue it is with the types it may state; `language`
    is a passage's."""
    found = lemma(text, language)
    return (found, *_cue_of(found, "ru" if language == "ru" else "en"))


@cache
def _cue_of(lemma: str, language: str) -> tuple[str, tuple[str, ...]]:
    """The word itself or its first matching stem names the cue; its types are
    those of every entry it matches ("served" is a post, "serv*" a joining)."""
    table = cues()[language]
    matched = [lemma] if lemma in table else []
    matched += [s for s in _stems(language) if lemma.startswith(s[:-1])]
    if not matched and "-" in lemma and language == "en":
        return _compound_cue(lemma, language)
    types = tuple(dict.fromkeys(t for key in matched for t in table[key]))
    return (matched[0], types) if matched else ("", ())


def _compound_cue(lemma: str, language: str) -> tuple[str, tuple[str, ...]]:
    """A hyphenated English word is the cue of its first part that is one
    ("editor-in-chief", "vice-chairman", "re-elected", "lieutenant-colonel")."""
    parts = (_cue_of(part, language) for part in lemma.split("-") if part)
    return next((found for found in parts if found[1]), ("", ()))


@cache
def _stems(language: str) -> tuple[str, ...]:
    """The cues of a language that are stems (ending in *), in the file's order."""
    return tuple(k for k in cues()[language] if k.endswith("*"))


def _ranges(text: str, dates: list[Mention]) -> list[Mention]:
    """Two dates joined by a dash, "to", "по", by "and" after "between", or, for
    two years in a row, by "and" become one range ("July 1922 — November 1927",
    "между 1918 и 1920", "in 1926 and 1927"), so a post's start and end stay
    together."""
    joined: list[Mention] = []
    for date in dates:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.key
            and date.key
            and "/" not in last.key + date.key
            and (
                _joins(text[last.end : date.start], last.key, date.key)
                or _between(text, last, date)
            )
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


def _between(text: str, first: Mention, second: Mention) -> bool:
    """Whether two dates are the ends of a span opened by "between" ("между 1918
    и 1920 годами"), the earlier first."""
    opened = BETWEEN.search(text, max(0, first.start - 20), first.start)
    joined = PAIRED_YEARS.fullmatch(text[first.end : second.start])
    return bool(opened and joined) and str(first.key)[:4] <= str(second.key)[:4]


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
    document: Document,
    analyses: Sequence[Analysis],
    mentions: Sequence[Mention],
    named_only: bool = False,
) -> list[Unit]:
    """Every readable sentence of a document as a unit, in text order; with
    `named_only`, only those that name a person (in a document not about one
    person only they give candidates, another person's: its words are not read
    for the rest)."""
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
            named = persons.within(start, end)
            if named_only and not named:
                continue
            words = _words(document.text, start, end, passage.language)
            units.append(
                Unit(
                    start,
                    end,
                    passage.language,
                    passage.kind,
                    words,
                    dates.within(start, end),
                    named,
                    dates.story(start),
                    document.text,
                )
            )
    return units


def _dated_brackets(text: str, dates: Sequence[Mention]) -> tuple[tuple[int, int], ...]:
    """The brackets that hold a date ("in X (1925) and Y (from May 1926)"): the
    date of the item each follows."""
    found: list[tuple[int, int]] = []
    for date in dates:
        opening = text.rfind("(", max(0, date.start - BRACKET_REACH), date.start)
        if opening < 0 or ")" in text[opening : date.start]:
            continue
        closing = text.find(")", date.end, date.end + BRACKET_REACH)
        if closing < 0 or "(" in text[date.end : closing]:
            continue
        if not found or found[-1][0] != opening:
            found.append((opening, closing + 1))
    return tuple(found)


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
    starts = [w.start for w in words]
    for match in LIST_BREAK.finditer(text, start, end):
        if any(d.start <= match.start() < d.end for d in dates):
            continue  # the dash of "1943 — 1946"
        after = bisect_left(starts, match.end())  # the first word after it
        while after < len(words) and words[after].lemma in LIST_FILLERS:
            after += 1
        if _posts(words[after : after + 1], language):
            opened = found[-1] if found else start
            lead = _within(words, starts, previous, match.start())
            at = match.end() if _posts(lead, language) else previous
            before = _within(words, starts, opened, at)
            if at > opened and _posts(before, language):
                found.append(at)
        previous = match.end()
    return tuple(found)


def _item_breaks(
    text: str, span: tuple[int, int], words: tuple[Word, ...], type_: str
) -> tuple[int, ...]:
    """Where each listed item of a type after the first begins: decorations,
    titles or ranks ("the rank of colonel and was awarded the Order of X, the
    Order of Y and the badge of Z": four), bodies joined ("a member of X, an
    agent of Y", "анархистское, а затем эсеровское подполье": two). A comma or
    "and" before a word of the type, after an item that names one (not a bare
    verb, "awarded", "вступил", whose item is the one that follows)."""
    start, end = span
    found: list[int] = []
    opened = start
    starts = [w.start for w in words]
    for match in LIST_BREAK.finditer(text, start, end):
        after = bisect_left(starts, match.end())  # the first word after it
        while after < len(words) and words[after].lemma in ITEMS[type_]:
            after += 1
        if after == len(words) or not _names(words[after], type_):
            continue
        before = _within(words, starts, opened, match.start())
        if any(_names(w, type_) and not _verb_form(w) for w in before):
            found.append(match.end())
            opened = match.end()
    return tuple(found)


def _within(
    words: tuple[Word, ...], starts: list[int], low: int, high: int
) -> tuple[Word, ...]:
    """The words (in text order, `starts` their starts) that start within
    `[low, high)`."""
    return words[bisect_left(starts, low) : bisect_left(starts, high)]


def _names(word: Word, type_: str) -> bool:
    """Whether a word may name an item of the type (a cue of it)."""
    return type_ in word.types


def _verb_form(word: Word) -> bool:
    """A verb, participle or past ("awarded", "decorating", "наградить"): the
    word of a verb, not the name of a decoration or body."""
    return word.lemma.endswith(("ed", "ing", "ть", "ться", "ти", "чь"))


def _posts(words: Sequence[Word], language: str) -> bool:
    """Whether any of the words may name a post."""
    return any("appointed" in cue_types(w, language)[1] for w in words)


def _words(text: str, start: int, end: int, language: str) -> tuple[Word, ...]:
    """The words of a sentence, each made as a plain tuple of its fields (a
    sentence's words are made by the hundred: the named tuple's own constructor
    cost a third more)."""
    make, read = tuple.__new__, _reader(language)
    words = [
        make(Word, (m.start(), m.end(), *read(m.group())))
        for m in WORD.finditer(text, start, end)
    ]
    return tuple(_joined(text, words, "ru" if language == "ru" else "en"))


def _joined(text: str, words: list[Word], cued: str) -> list[Word]:
    """The words with each two-word cue of the cue list made one word ("turned
    over" is a handing over, "turned" alone is not)."""
    phrases = _phrases(cued)
    found: list[Word] = []
    for word in words:
        last = found[-1] if found else None
        if last is not None and f"{last.lemma} {word.lemma}" in phrases:
            span = text[last.start : word.end]
            phrase = f"{last.lemma} {word.lemma}"
            found[-1] = Word(last.start, word.end, span, phrase, *_cue_of(phrase, cued))
        else:
            found.append(word)
    return found


@cache
def _phrases(language: str) -> frozenset[str]:
    """The cues of a language that are two words."""
    return frozenset(k for k in cues()[language] if " " in k)
