"""Whether a cue's grammatical subject may be the document's subject by gender.

"She was arrested in 1938" in a man's biography, "арестована" said of a man:
the statement is about a woman the story names nearby (his wife, a colleague),
not about him. The subject's gender comes from the names the document gives it
(a patronymic or a surname's ending, `genders.yaml` through
`kartoteka.extract.events.who`); the cue's from the pronoun that stands before
it ("she", "он") or, in Russian, from the past-tense verb or short participle of
its clause ("была назначена", "арестован"). Without a parse, a clause is what
lies between commas, semicolons, brackets and dashes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from kartoteka.extract.events.who import name_gender, past_gender, pronoun_gender
from kartoteka.extract.scorer.subject import is_subject
from kartoteka.extract.scorer.units import Unit, Word, morph
from kartoteka.model import Mention

CLAUSE_BREAK = re.compile(r"[,;:()\[\]\n—–]|\s-\s")
SUBJECT_PRONOUNS = frozenset(("he", "she", "он", "она"))
JOINED = frozenset(("and", "и"))  # "she and her husband": a pair, no one gender
VERB_TAGS = frozenset(("VERB", "PRTS"))


def subject_gender(mentions: Sequence[Mention], subject: str) -> str | None:
    """The gender most of the subject's names say ("f", "m"); None when they
    say none or disagree as often as they agree."""
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
        verbs = _clause_verbs(unit, word, text)
        if verbs:
            return past_gender(verbs[0].text, unit.language)
    return _pronoun_gender(unit, word)


def disagrees(gender: str | None, unit: Unit, word: Word, text: str) -> bool:
    """Whether a cue's grammatical subject is of the other gender than the
    document's subject (a person without a known gender disagrees with none)."""
    said = cue_gender(unit, word, text) if gender is not None else None
    return said is not None and said != gender


def _clause_verbs(unit: Unit, word: Word, text: str) -> list[Word]:
    """The verbs of the cue's clause that agree with its subject, the cue first,
    then those before it nearest first, then those after it."""
    clause = [w for w in unit.words if _same_clause(text, unit.start, w, word)]
    before = [w for w in clause if w.start < word.start][::-1]
    after = [w for w in clause if w.start > word.start]
    return [w for w in [word, *before, *after] if _agreeing_verb(w.text)]


def _same_clause(text: str, offset: int, one: Word, other: Word) -> bool:
    low, high = sorted((one.start, other.start))
    return not CLAUSE_BREAK.search(text[low - offset : high - offset])


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
