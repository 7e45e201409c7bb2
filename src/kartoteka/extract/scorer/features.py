"""Features of a candidate event: cue, shape of the sentence, where the date and the
person stand. None of them is a name or a date's value, so what the model learns
about one biography carries over to the next. A sentence's candidates share
most of them, so they are worked out per sentence (`SentenceFeatures`)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cached_property, lru_cache
from itertools import chain
from typing import NamedTuple

from kartoteka.extract.scorer.candidates import RANGE_CUE, Candidate, life_dates
from kartoteka.extract.scorer.clauses import (
    DateClause,
    Governed,
    clause_features,
    date_clause,
    governed,
)
from kartoteka.extract.scorer.others import (
    PREFIX,
    Named,
    Tie,
    name_tie,
    named,
    tie_features,
)
from kartoteka.extract.scorer.units import Unit, Word, cue_types, is_subject, word_list
from kartoteka.model import Document, Mention

MARKS = re.compile("[;:()|\n—–]")  # the punctuation `_between` keeps


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 4, 8, 16, 32):
        if n <= limit:
            return str(limit)
    return "more"


def _precision(value: str | None) -> str:
    if value is None:
        return "none"
    if "/" in value:
        return "range"
    if "X" in value or "x" in value:
        return "decade"
    return {4: "year", 7: "month", 10: "day"}.get(len(value.rstrip("~?%")), "other")


def _between(text: str, start: int, end: int, offset: int) -> str:
    """The punctuation between two spans of a unit, as a short signature."""
    lo, hi = sorted((start, end))
    gap = text[lo - offset : hi - offset]
    marks = "".join(MARKS.findall(gap))
    return marks[:4] if marks else "-"


def _in_brackets(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("(") > before.count(")")


def _words_between(unit: Unit, mention: Mention, word: Word) -> tuple[Word, ...]:
    """The unit's words between a mention and the cue word, on either side."""
    return unit.words_in(min(mention.end, word.end), max(mention.start, word.start))


def _date_lead(unit: Unit, date: Mention) -> str:
    """The word that opens a date ("from 1901", "since 1925", "until 1938", "с
    1921 по 1922"): whether a post starts, ends or simply happened then."""
    first = date.text.split(maxsplit=1)[0] if date.text.strip() else ""
    if first.isalpha() and first.islower():
        return first
    before = unit.words_before(date.start)  # only the last, if it ends nearby
    word = before[-1] if before and date.start - before[-1].end <= 2 else None
    return word.lemma if word is not None and word.text[:1].islower() else "-"


class DatePlace(NamedTuple):
    """How a date of the sentence stands to a cue word, whatever the cue states:
    the same for every type, cue and part of a range the word takes with the
    date, so worked out once per word and date (`date_place`)."""

    side: str  # whether the date stands after the cue or before it
    words: str  # how many words stand between them (bucketed)
    cues: str  # how many of those words are cues (bucketed)
    rank: int  # how many of the sentence's dates stand nearer the cue (up to 3)
    nearest: tuple[str, ...] | None  # the types of the cue nearest the date, if another
    life: bool  # whether the date is a name's bracketed life dates
    brackets: bool  # whether the date stands in brackets
    lead: str  # the word that opens the date (`_date_lead`)
    precision: str  # of the whole date
    clause: DateClause  # how the clauses part the date from the cue


def date_place(unit: Unit, word: Word, d: Mention, text: str) -> DatePlace:
    """How a date inside the sentence (`text`) stands to a cue word."""
    between = _words_between(unit, d, word)
    cues_between = sum(1 for w in between if cue_types(w, unit.language)[1])
    nearer = sum(
        1
        for o in unit.dates
        if o is not d and abs(o.start - word.start) < abs(d.start - word.start)
    )
    return DatePlace(
        "after" if d.start >= word.end else "before",
        _bucket(len(between)),
        _bucket(cues_between),
        min(nearer, 3),
        _nearest_cue(unit, word, d),
        life_dates(unit, d),
        _in_brackets(text, d.start - unit.start),
        _date_lead(unit, d),
        _precision(d.key),
        date_clause(unit, word, d, text),
    )


def _nearest_cue(unit: Unit, word: Word, date: Mention) -> tuple[str, ...] | None:
    """The types of the cue a date stands nearest, when that is not this cue
    word (then it may date that other statement)."""
    cues = unit.cue_words
    if not cues:
        return None
    nearest, types = min(cues, key=lambda wt: abs(wt[0].start - date.start))
    return None if nearest.start == word.start else types


def _owner(type_: str, place: DatePlace) -> str:
    """Which cue the date stands nearest: this one, another of the same type, or
    another of a different type (then it likely dates that other statement)."""
    if place.nearest is None:
        return "self"
    return "same" if type_ in place.nearest else "other"


def _date_features(c: Candidate, place: DatePlace | None) -> tuple[str, ...]:
    """The date features of a candidate; `place` is how its date stands to its
    cue when the date is inside the sentence. They read a few short values, the
    same for most candidates, so each tuple is made once (`_undated`, `_dated`)
    and shared."""
    ndates = _bucket(len(c.unit.dates))
    if c.date is None:
        return _undated(c.type, ndates)
    precision = _precision(c.value)
    return _dated(c.type, c.cue, c.part or "whole", precision, ndates, place)


@lru_cache(maxsize=1 << 10)
def _undated(type_: str, ndates: str) -> tuple[str, ...]:
    return ("date=none", f"type_date={type_}:none", f"ndates={ndates}")


@lru_cache(maxsize=1 << 14)
def _dated(
    type_: str,
    cue: str,
    part: str,
    precision: str,
    ndates: str,
    place: DatePlace | None,
) -> tuple[str, ...]:
    """The features of a date of the story (`place` None) or of the sentence;
    `precision` is of the candidate's end of it, `ndates` how many the sentence
    holds (bucketed)."""
    if place is None:
        return (
            "date=story",
            f"type_date={type_}:story",
            f"ndates={ndates}",
            f"type_prec={type_}:story:{precision}",
            f"type_part={type_}:story:{part}",
        )
    side, rank, brackets = place.side, place.rank, place.brackets
    owner = _owner(type_, place)
    return (
        f"date={side}",
        f"type_date={type_}:{side}",
        f"date_owner={owner}",
        f"type_life={type_}:{place.life}",
        f"type_date_owner={type_}:{owner}:{side}",
        f"type_side_rank={type_}:{side}:{rank}",
        f"cue_side={cue}:{side}",
        f"type_brackets={type_}:{brackets}:{part}",
        f"date_cues_side={place.cues}:{side}",
        f"date_words={place.words}",
        f"type_date_words={type_}:{place.words}",
        f"date_cues={place.cues}",
        f"date_rank={rank}",
        f"type_date_rank={type_}:{rank}",
        f"date_prec={place.precision}",
        f"type_prec={type_}:{precision}",
        f"part={part}",
        f"type_part={type_}:{part}",
        f"date_brackets={brackets}",
        f"ndates={ndates}",
        f"type_date_lead={type_}:{part}:{place.lead}",
    )


def _other_person(c: Candidate) -> list[str]:
    """Whether someone else is named nearer the cue than the subject: then the
    statement is likely about them ("a deputy of X, head of ... from 1938")."""
    word, person = c.word, c.person
    if not c.others:
        return ["other=none"]
    nearest = min(c.others, key=lambda m: abs(m.start - word.start))
    inside = c.unit.start <= person.start < c.unit.end
    own = abs(person.start - word.start) if inside else 1 << 20
    side = "after" if nearest.start >= word.end else "before"
    closer = abs(nearest.start - word.start) < own
    return [f"other={side}:{closer}", f"type_other={c.type}:{side}:{closer}"]


def _person_features(c: Candidate, text: str) -> list[str]:
    unit, word, p = c.unit, c.word, c.person
    inside = unit.start <= p.start < unit.end
    if not inside:
        pronouns = word_list("pronouns", unit.language)
        before = unit.words[: unit.first_from(word.start)]
        pronoun = any(w.lemma in pronouns for w in before)
        return [
            "person=absent",
            f"type_person={c.type}:absent",
            f"pronoun={pronoun}",
            *_other_person(c),
        ]
    side = "after" if p.start >= word.end else "before"
    words_between = len(_words_between(unit, p, word))
    nearer = sum(
        1
        for o in unit.persons
        if o is not p and abs(o.start - word.start) < abs(p.start - word.start)
    )
    return [
        f"person={side}",
        f"type_person={c.type}:{side}:{c.subject}",
        f"person_words={_bucket(words_between)}",
        f"type_person_words={c.type}:{_bucket(words_between)}",
        f"person_rank={min(nearer, 3)}",
        f"person_gap={_between(text, p.start, word.start, unit.start)}",
        *_other_person(c),
    ]


def _neighbour(unit: Unit, index: int, edge: str) -> str:
    """The lemma of a nearby word; a capitalised one (a name) only as 'Name'."""
    if not 0 <= index < len(unit.words):
        return edge
    word = unit.words[index]
    return word.lemma if word.text[:1].islower() else "Name"


def _context_features(
    unit: Unit, word: Word, text: str, sentence: Sequence[str]
) -> list[str]:
    """What stands around a cue word, then `sentence`, what the whole sentence
    is (`_sentence_features`)."""
    index = unit.index_of(word)
    before = _neighbour(unit, index - 1, "<s>")
    after = _neighbour(unit, index + 1, "</s>")
    features = [
        f"prev={before}",
        f"next={after}",
        f"position={_bucket(max(index, 0))}",
        f"capital={word.text[:1].isupper()}",
        f"cue_brackets={_in_brackets(text, word.start - unit.start)}",
        *sentence,
    ]
    if word.lemma == RANGE_CUE:
        features.append("range_cue")
    return features


def _sentence_features(unit: Unit, text: str) -> list[str]:
    """What a sentence is, the same for each of its cue words: its kind, length,
    persons and words of modality."""
    modality = word_list("modality", unit.language)
    modal = sorted({w.lemma for w in unit.words if w.lemma in modality})
    return [
        f"pipe={'|' in text}",
        f"kind={unit.kind}",
        f"length={_bucket(len(unit.words))}",
        f"npersons={_bucket(len(unit.persons))}",
        *(f"modal={m}" for m in modal),
    ]


@lru_cache(maxsize=1 << 12)
def _head_features(
    type_: str, cue: str, language: str, subject: bool
) -> tuple[str, ...]:
    """What the candidate states and who about: type, cue, language, subject;
    made once for each of these and shared."""
    return (
        "bias",
        f"type={type_}",
        f"cue={cue}",
        f"type_cue={type_}:{cue}",
        f"lang={language}",
        f"type_lang={type_}:{language}",
        f"subject={subject}",
        f"type_subject={type_}:{subject}",
    )


# What a group of features reads of a candidate: its cue word, the cue it is
# read as, its type, ...
Dated = tuple[Word, str, str, str, Mention | None]  # ... its part of a range, date
Placed = tuple[Word, str, bool, Mention]  # word, type, the subject's or not, person
Tied = tuple[Word, str, str, bool, Mention]  # ... whether undated, person


class SentenceFeatures:
    """The named features of one sentence's candidates; `text` is its text,
    `shape` the document's (`document_shape`).

    A sentence gives a candidate for each cue × person × date × type, and each
    group of features reads fewer of these: the cue's context and what governs
    it read the cue alone; the date's place and clause the cue, type and date;
    the person's place the cue, type and person (and the other persons: the
    sentence's persons less the candidate's own, or less the subject's for the
    subject's candidates). Each group is worked out once per sentence for what
    it reads and shared by the candidates that read the same; the head, the
    date and the clause groups are made from a few short values, once per
    process (`_head_features`, `_dated`, `clauses.clause_features`). A
    candidate's list is its groups in a fixed order, the order the model sums
    weights in."""

    def __init__(self, unit: Unit, text: str, shape: Sequence[str]) -> None:
        self.unit, self.text, self.shape = unit, text, shape
        self._dated: dict[Dated, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._places: dict[tuple[Word, Mention], DatePlace] = {}
        self._placed: dict[Placed, list[str]] = {}
        self._context: dict[Word, list[str]] = {}
        self._listing: dict[str, list[str]] = {}
        self._ties: dict[Tied, list[str]] = {}
        self._names: dict[tuple[Word, Mention], Tie] = {}
        self._named: dict[Mention, Named] = {}
        self._governors: dict[Word, Governed] = {}
        self._others: dict[int, tuple[Sequence[str], list[str]]] = {}

    def of(self, c: Candidate) -> list[str]:
        """The features of a candidate of this sentence."""
        return list(chain.from_iterable(self._groups(c)))

    def of_other(self, c: Candidate) -> list[str]:
        """The features of an other person's candidate: the common ones and its
        tie (`kartoteka.extract.scorer.others`), under their own prefix."""
        groups = map(self._prefixed, self._groups(c))
        return list(chain(*groups, self._tie(c)))

    def _groups(self, c: Candidate) -> tuple[Sequence[str], ...]:
        dated, clause = self._date_and_clause(c)
        return (
            self._head(c),
            dated,
            self._person(c),
            self._cue_context(c.word),
            clause,
            self._items(c.type),
            self.shape,
        )

    def _prefixed(self, group: Sequence[str]) -> list[str]:
        """A group of features under the other persons' prefix, made once per
        group: the group is kept beside it, so its identity stays its own."""
        found = self._others.get(id(group))
        if found is None:
            found = self._others[id(group)] = (group, [PREFIX + f for f in group])
        return found[1]

    def _head(self, c: Candidate) -> tuple[str, ...]:
        return _head_features(c.type, c.cue, c.unit.language, c.subject)

    def _date_and_clause(self, c: Candidate) -> tuple[tuple[str, ...], tuple[str, ...]]:
        key = (c.word, c.cue, c.type, c.part, c.date)
        found = self._dated.get(key)
        if found is None:
            place = self._date_place(c.word, c.date)
            clause = None if place is None else place.clause
            cue = self._governed(c.word)
            found = (_date_features(c, place), clause_features(c, cue, clause))
            self._dated[key] = found
        return found

    def _date_place(self, word: Word, date: Mention | None) -> DatePlace | None:
        """How a date inside the sentence stands to a cue word (None for no
        date or the story's)."""
        unit = self.unit
        if date is None or not unit.start <= date.start < unit.end:
            return None
        key = (word, date)
        found = self._places.get(key)
        if found is None:
            found = self._places[key] = date_place(unit, word, date, self.text)
        return found

    def _governed(self, word: Word) -> Governed:
        found = self._governors.get(word)
        if found is None:
            found = self._governors[word] = governed(self.unit, word, self.text)
        return found

    def _person(self, c: Candidate) -> list[str]:
        key = (c.word, c.type, c.subject, c.person)
        found = self._placed.get(key)
        if found is None:
            found = self._placed[key] = _person_features(c, self.text)
        return found

    def _tie(self, c: Candidate) -> list[str]:
        """An other person's tie to its cue, made under the prefix at once: it
        is read by no other candidate."""
        key = (c.word, c.cue, c.type, c.date is None, c.person)
        found = self._ties.get(key)
        if found is None:
            tie = tie_features(c, self._name_tie(c))
            found = self._ties[key] = [PREFIX + f for f in tie]
        return found

    def _name_tie(self, c: Candidate) -> Tie:
        key = (c.word, c.person)
        found = self._names.get(key)
        if found is None:
            found = self._names[key] = name_tie(c, self.text, self._around(c.person))
        return found

    def _around(self, person: Mention) -> Named:
        """What stands around an other person's name, read once per sentence
        for all the cue words it is tied to."""
        found = self._named.get(person)
        if found is None:
            found = self._named[person] = named(self.unit, person)
        return found

    @cached_property
    def _sentence(self) -> list[str]:
        """What the whole sentence is, the same for each of its cue words."""
        return _sentence_features(self.unit, self.text)

    def _cue_context(self, word: Word) -> list[str]:
        found = self._context.get(word)
        if found is None:
            found = _context_features(self.unit, word, self.text, self._sentence)
            self._context[word] = found
        return found

    def _items(self, type_: str) -> list[str]:
        found = self._listing.get(type_)
        if found is None:
            found = self._listing[type_] = _listing_features(self.unit, type_)
        return found


def _listing_features(unit: Unit, type_: str) -> list[str]:
    """How many decorations or bodies joined the sentence lists: a listing
    ("an anarchist, then a Bolshevik") states each of its items, however
    weakly each one's word is a cue on its own."""
    breaks = {"awarded": unit.awards, "joined": unit.joins}.get(type_)
    if breaks is None:
        return []
    return [f"type_items={type_}:{min(len(breaks) + 1, 3)}"]


def document_shape(
    document: Document, mentions: Sequence[Mention], subject: str
) -> list[str]:
    """Whether the document reads like a biography: how much of it is about its
    subject, and how long it is (a chapter names many people, a profile one)."""
    persons = [m for m in mentions if m.type == "person"]
    share = sum(is_subject(m, subject) for m in persons) / max(len(persons), 1)
    words = max(_word_count(document.text), 1)
    return [
        f"doc_share={min(int(share * 5), 4)}",
        f"doc_size={min(int(math.log2(words)), 13)}",
    ]


@lru_cache(maxsize=2)
def _word_count(text: str) -> int:
    """The words of a whole text, counted once for all the parts of a large
    document (counting afresh made a part's cost grow with the document)."""
    return len(text.split())
