"""Whether a cue's grammatical subject may be the document's subject by gender.

"She was arrested in 1938" in a man's biography, "арестована" said of a man:
the statement is about a woman the story names nearby (his wife, a colleague),
not about him. The subject's gender comes from the names the document gives it
(a patronymic or a surname's ending, `genders.yaml` through
`kartoteka.extract.events.gender`); the cue's from the pronoun that stands before
it ("she", "он") or, in Russian, from the past-tense verb or short participle of
its clause ("была назначена", "арестован"). Without a parse, a clause is what
lies between commas, semicolons, brackets and dashes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache

from kartoteka.extract.events.gender import name_gender, past_gender, pronoun_gender
from kartoteka.extract.events.topic import SUBJECT_PRONOUN
from kartoteka.extract.scorer.subject import is_subject
from kartoteka.extract.scorer.units import Unit, Word, morph
from kartoteka.model import Mention

CLAUSE_BREAK = re.compile(r"[,;:\n—–]|\s-\s")  # an aside in brackets stays inside
TOLD = 3  # how often a text says "he" (or "she") before that tells its subject's
DOMINANT = 4  # ... and how many times more often than the other
RELATIVE = "который"  # "казнь, которая была заменена": the verb agrees with a thing
SUBJECT_PRONOUNS = frozenset(("he", "she", "он", "она"))
JOINED = frozenset(("and", "и"))  # "she and her husband": a pair, no one gender
VERB_TAGS = frozenset(("VERB", "PRTS"))


def subject_gender(mentions: Sequence[Mention], subject: str, text: str) -> str | None:
    """The gender most of the subject's names say ("f", "m"), else the one the
    biography's pronouns say (a name like Sorge or Poyntz says none, but the
    text tells its subject "he" or "she" throughout); None when neither does."""
    return _named_gender(mentions, subject) or _told_gender(text)


@lru_cache(maxsize=2)
def _told_gender(text: str) -> str | None:
    """The gender of the subject pronouns a text uses, when one prevails. Kept
    for the last texts, as `subject._said`: every part of a large document
    asks it of the whole text."""
    told = Counter(pronoun_gender(p) for p in SUBJECT_PRONOUN.findall(text))
    for gender, other in (("m", "f"), ("f", "m")):
        if told[gender] >= TOLD and told[gender] >= DOMINANT * told[other]:
            return gender
    return None


def _named_gender(mentions: Sequence[Mention], subject: str) -> str | None:
    """The gender most of the subject's names say; None when they say none or
    disagree as often as they agree."""
    said = Counter(
        gender
        for m in mentions
        if m.type == "person" and is_subject(m, subject)
        for gender in [name_gender(m.name or m.text)]
        if gender is not None
    )
    if not said:
        return None
    (best, count), *rest = said.most_common()
    return best if not rest or rest[0][1] < count else None


def cue_gender(unit: Unit, word: Word, text: str) -> str | None:
    """The gender the cue's grammatical subject has: in Russian the first
    past-tense verb or short participle of its clause says it (the cue itself,
    then the nearest before it, then after it; a plural form says none), else
    the subject pronoun nearest before the cue in the sentence, unless a name
    stands between them or "and" joins it to another."""
    if unit.language == "ru":
        clause = _clause(unit, word, text)
        verbs = _verbs(clause, word)
        if verbs:
            said = past_gender(verbs[0].text, unit.language)
            return None if _thing_agrees(clause, verbs[0], said) else said
    return _pronoun_gender(unit, word)


def disagrees(gender: str | None, unit: Unit, word: Word, text: str) -> bool:
    """Whether a cue's grammatical subject is of the other gender than the
    document's subject (a person without a known gender disagrees with none)."""
    said = cue_gender(unit, word, text) if gender is not None else None
    return said is not None and said != gender


def _clause(unit: Unit, word: Word, text: str) -> list[Word]:
    """The words of the cue's clause: the run of words around it with no clause
    break between them and it. A word farther from the cue has the nearer one's
    gap inside its own, so the run ends at the first word on each side that a
    break parts from its neighbour nearer the cue (a break never spans a word's
    start, a letter)."""
    at = unit.index_of(word)
    if at < 0:
        return [w for w in unit.words if _same_clause(text, unit.start, w, word)]
    words, first, last = unit.words, at, at
    while first > 0 and _same_clause(text, unit.start, words[first - 1], words[first]):
        first -= 1
    while last + 1 < len(words) and _same_clause(
        text, unit.start, words[last], words[last + 1]
    ):
        last += 1
    return list(words[first : last + 1])


def _verbs(clause: list[Word], word: Word) -> list[Word]:
    """The verbs of the cue's clause that agree with its subject, the cue first,
    then those before it nearest first, then those after it."""
    before = [w for w in clause if w.start < word.start][::-1]
    after = [w for w in clause if w.start > word.start]
    return [w for w in [word, *before, *after] if _agreeing_verb(w.text)]


def _same_clause(text: str, offset: int, one: Word, other: Word) -> bool:
    low, high = sorted((one.start, other.start))
    return not CLAUSE_BREAK.search(text[low - offset : high - offset])


def _thing_agrees(clause: list[Word], verb: Word, gender: str | None) -> bool:
    """Whether the verb's gender may be a thing's: a nominative inanimate noun
    of that gender, or "который", stands before it in its clause ("казнь была
    заменена", "ему была вручена награда")."""
    return gender is not None and any(
        _thing(w.text, gender) for w in clause if w.start != verb.start
    )


@cache
def _thing(word: str, gender: str) -> bool:
    parse = morph().parse(word.lower())[0]
    tag = parse.tag
    if tag.case != "nomn" or tag.gender != {"f": "femn", "m": "masc"}[gender]:
        return False
    return bool(
        parse.normal_form == RELATIVE or (tag.POS == "NOUN" and tag.animacy == "inan")
    )


@cache
def _agreeing_verb(word: str) -> bool:
    """Whether a Russian word is a past-tense verb or a short participle: the
    forms that take the gender and number of their subject."""
    tag = morph().parse(word.lower())[0].tag
    return tag.POS in VERB_TAGS and (tag.POS == "PRTS" or "past" in tag)


def _pronoun_gender(unit: Unit, word: Word) -> str | None:
    words = unit.words
    before = [
        i
        for i, w in enumerate(words)
        if w.start < word.start and w.text.lower() in SUBJECT_PRONOUNS
    ]
    if not before:
        return None
    index = before[-1]
    pronoun = words[index]
    if index + 1 < len(words) and words[index + 1].text.lower() in JOINED:
        return None
    if any(pronoun.end <= p.start < word.start for p in unit.persons):
        return None
    return pronoun_gender(pronoun.text)
