"""Features of a candidate event: cue, shape of the sentence, where the date and the
person stand. None of them is a name or a date's value, so what the model learns
about one biography carries over to the next. A sentence's candidates share
most of them, so they are worked out per sentence (`SentenceFeatures`)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import chain

from kartoteka.extract.scorer.candidates import RANGE_CUE, Candidate, life_dates
from kartoteka.extract.scorer.clauses import Governed, clause_features, governed
from kartoteka.extract.scorer.others import PREFIX, Tie, name_tie, tie_features
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


def _owner(c: Candidate, date: Mention) -> str:
    """Which cue the date stands nearest: this one, another of the same type, or
    another of a different type (then it likely dates that other statement)."""
    cues = c.unit.cue_words
    if not cues:
        return "self"
    nearest, types = min(cues, key=lambda wt: abs(wt[0].start - date.start))
    if nearest.start == c.word.start:
        return "self"
    return "same" if c.type in types else "other"


def _date_features(c: Candidate, text: str) -> list[str]:
    unit, word = c.unit, c.word
    if c.date is None:
        return [
            "date=none",
            f"type_date={c.type}:none",
            f"ndates={_bucket(len(unit.dates))}",
        ]
    d = c.date
    if not unit.start <= d.start < unit.end:
        return [
            "date=story",
            f"type_date={c.type}:story",
            f"ndates={_bucket(len(unit.dates))}",
            f"type_prec={c.type}:story:{_precision(c.value)}",
            f"type_part={c.type}:story:{c.part or 'whole'}",
        ]
    side = "after" if d.start >= word.end else "before"
    between = _words_between(unit, d, word)
    words_between = len(between)
    cues_between = sum(1 for w in between if cue_types(w, unit.language)[1])
    nearer = sum(
        1
        for o in unit.dates
        if o is not d and abs(o.start - word.start) < abs(d.start - word.start)
    )
    owner = _owner(c, d)
    life = life_dates(unit, d)
    brackets = _in_brackets(text, d.start - unit.start)
    return [
        f"date={side}",
        f"type_date={c.type}:{side}",
        f"date_owner={owner}",
        f"type_life={c.type}:{life}",
        f"type_date_owner={c.type}:{owner}:{side}",
        f"type_side_rank={c.type}:{side}:{min(nearer, 3)}",
        f"cue_side={c.cue}:{side}",
        f"type_brackets={c.type}:{brackets}:{c.part or 'whole'}",
        f"date_cues_side={_bucket(cues_between)}:{side}",
        f"date_words={_bucket(words_between)}",
        f"type_date_words={c.type}:{_bucket(words_between)}",
        f"date_cues={_bucket(cues_between)}",
        f"date_rank={min(nearer, 3)}",
        f"type_date_rank={c.type}:{min(nearer, 3)}",
        f"date_prec={_precision(c.date.key)}",
        f"type_prec={c.type}:{_precision(c.value)}",
        f"part={c.part or 'whole'}",
        f"type_part={c.type}:{c.part or 'whole'}",
        f"date_brackets={brackets}",
        f"ndates={_bucket(len(unit.dates))}",
        f"type_date_lead={c.type}:{c.part or 'whole'}:{_date_lead(unit, d)}",
    ]


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


def _context_features(unit: Unit, word: Word, text: str) -> list[str]:
    index = unit.index_of(word)
    before = _neighbour(unit, index - 1, "<s>")
    after = _neighbour(unit, index + 1, "</s>")
    modality = word_list("modality", unit.language)
    modal = sorted({w.lemma for w in unit.words if w.lemma in modality})
    features = [
        f"prev={before}",
        f"next={after}",
        f"position={_bucket(max(index, 0))}",
        f"capital={word.text[:1].isupper()}",
        f"cue_brackets={_in_brackets(text, word.start - unit.start)}",
        f"pipe={'|' in text}",
        f"kind={unit.kind}",
        f"length={_bucket(len(unit.words))}",
        f"npersons={_bucket(len(unit.persons))}",
        *(f"modal={m}" for m in modal),
    ]
    if word.lemma == RANGE_CUE:
        features.append("range_cue")
    return features


def _head_features(c: Candidate) -> list[str]:
    """What the candidate states and who about: type, cue, language, subject."""
    return [
        "bias",
        f"type={c.type}",
        f"cue={c.cue}",
        f"type_cue={c.type}:{c.cue}",
        f"lang={c.unit.language}",
        f"type_lang={c.type}:{c.unit.language}",
        f"subject={c.subject}",
        f"type_subject={c.type}:{c.subject}",
    ]


# What a group of features reads of a candidate: its cue word, the cue it is
# read as, its type, ...
Headed = tuple[Word, str, str, bool]  # ... and whether it is the subject's
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
    it reads and shared by the candidates that read the same; a candidate's
    list is its groups in a fixed order, the order the model sums weights in."""

    def __init__(self, unit: Unit, text: str, shape: Sequence[str]) -> None:
        self.unit, self.text, self.shape = unit, text, shape
        self._heads: dict[Headed, list[str]] = {}
        self._dated: dict[Dated, tuple[list[str], list[str]]] = {}
        self._placed: dict[Placed, list[str]] = {}
        self._context: dict[Word, list[str]] = {}
        self._listing: dict[str, list[str]] = {}
        self._ties: dict[Tied, list[str]] = {}
        self._names: dict[tuple[Word, Mention], Tie] = {}
        self._governors: dict[Word, Governed] = {}
        self._others: dict[int, tuple[Sequence[str], list[str]]] = {}

    def of(self, c: Candidate) -> list[str]:
        """The features of a candidate of this sentence."""
        return list(chain.from_iterable(self._groups(c)))

    def of_other(self, c: Candidate) -> list[str]:
        """The features of an other person's candidate: the common ones and its
        tie (`kartoteka.extract.scorer.others`), under their own prefix."""
        groups = (*self._groups(c), self._tie(c))
        return list(chain.from_iterable(map(self._prefixed, groups)))

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

    def _head(self, c: Candidate) -> list[str]:
        key = (c.word, c.cue, c.type, c.subject)
        found = self._heads.get(key)
        if found is None:
            found = self._heads[key] = _head_features(c)
        return found

    def _date_and_clause(self, c: Candidate) -> tuple[list[str], list[str]]:
        key = (c.word, c.cue, c.type, c.part, c.date)
        found = self._dated.get(key)
        if found is None:
            clause = clause_features(c, self.text, self._governed(c.word))
            found = self._dated[key] = (_date_features(c, self.text), clause)
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
        key = (c.word, c.cue, c.type, c.date is None, c.person)
        found = self._ties.get(key)
        if found is None:
            found = self._ties[key] = tie_features(c, self._name_tie(c))
        return found

    def _name_tie(self, c: Candidate) -> Tie:
        key = (c.word, c.person)
        found = self._names.get(key)
        if found is None:
            found = self._names[key] = name_tie(c, self.text)
        return found

    def _cue_context(self, word: Word) -> list[str]:
        found = self._context.get(word)
        if found is None:
            found = self._context[word] = _context_features(self.unit, word, self.text)
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
    words = max(len(document.text.split()), 1)
    return [
        f"doc_share={min(int(share * 5), 4)}",
        f"doc_size={min(int(math.log2(words)), 13)}",
    ]
