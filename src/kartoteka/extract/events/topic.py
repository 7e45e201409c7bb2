"""Whom a later sentence may mean without naming anyone: the person the story is
at (`topic_person`) and what the sentence before named (`Earlier`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kartoteka.extract.events import conjuncts, grammar
from kartoteka.extract.events.gender import told_gender
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.nlp.parse import Parse
from kartoteka.model import Mention

TOLD_OF = re.compile(  # a pronoun that shows the story went on about someone
    r"(?<![\w])(?:he|him|his|himself|she|her|herself|он|его|ему|него|нему|она|её|ее"
    r"|ей|ней|неё|нее)(?![\w])",
    re.I,
)
SUBJECT_PRONOUN = re.compile(r"(?<![\w])(?:he|she|он|она)(?![\w])", re.I)
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
AFTER_PREPOSITION = re.compile(
    r"\b(?:with|by|to|of|for|from|under|against|about|before|after|than)\s+$", re.I
)


@dataclass(frozen=True)
class Earlier:
    """Whom a later sentence may mean without naming: the `partner`, the last
    person the sentence before named ("He met Anna. They married", "She was
    arrested"), and the `spouses` named so far, each with its owner ("his
    wife Anna" ... "his wife was shot"), the `story`'s person, whom the
    document is about, and the `told_genders` of the pronouns the sentence
    before had ("Krause introduced him": the story went on about "him")."""

    partner: Mention | None = None
    spouses: tuple[tuple[Mention, Mention], ...] = ()
    story: Mention | None = None
    told_genders: frozenset[str] = frozenset()


NOTHING_EARLIER = Earlier()


def earlier(sentence: Sentence, readings: list[Reading], before: Earlier) -> Earlier:
    """What the next sentence may refer back to in this one and before it: a
    marriage read between two named persons makes each the other's spouse."""
    persons = sentence.of_type("person")
    married = [r.person for r in readings if r.type == "married" and r.person.name]
    pairs = list(before.spouses)
    if len({m.name for m in married}) == 2:
        first, second = (
            married[0],
            next(m for m in married if m.name != married[0].name),
        )
        pairs += [(first, second), (second, first)]
    told = TOLD_OF.findall(sentence.passage.clean, sentence.start, sentence.end)
    return Earlier(
        persons[-1].mention if persons else None,
        tuple(pairs[-8:]),
        before.story,
        frozenset(g for p in told for g in [told_gender(p)] if g),
    )


def same_name(person: Mention, other: Mention) -> bool:
    """Whether two mentions share their last word (the surname, folded)."""
    words, others = person.name.lower().split(), other.name.lower().split()
    return bool(words and others) and words[-1] == others[-1]


def _dating(sentence: Sentence, parse: Parse, person: Mention) -> bool:
    """Whether a person's event only dates the sentence ("After Kotov's death,
    the leaders feared that Lobov ..."): then a later "he" is not that person."""
    return any(
        grammar.in_time_adjunct(parse, i)
        for p in sentence.of_type("person")
        if p.mention == person
        for i in parse.at(p.start, p.end)
    )


def topic_person(
    sentence: Sentence,
    parse: Parse | None,
    previous: Mention | None,
    patients: list[Mention],
    subject: Mention | None = None,
) -> Mention | None:
    """The person a later "he" or "she" most likely means: the subject of the
    sentence, else the person its event was about; a sentence whose subject is
    "he" or "she" keeps the one before; in an unparsed sentence, the first name
    that no preposition governs ("to work with X" is not about X), unless a
    pronoun comes before it. A sentence whose event befalls the person the
    document is about ("Lavrov had Sokolov released") stays with that person;
    one whose event only dates it ("After Kotov's death, ...") keeps the one
    before."""
    persons = sentence.of_type("person")
    own = [p for p in patients if subject and same_name(p, subject)]
    if own:
        return own[-1]
    if parse is not None:
        for index, token in enumerate(parse.tokens):
            if (
                token.dep not in grammar.SUBJECTS
                or parse.tokens[token.head].dep != "ROOT"
            ):
                continue
            if conjuncts.pronoun(parse, index):
                return previous
            for token_index in conjuncts.expand(parse, index):
                for person in persons:
                    if token_index in parse.at(person.start, person.end):
                        return person.mention
        named = [p.mention for p in persons]
        told = [
            p
            for p in patients
            if not _dating(sentence, parse, p) and (p in named or p == previous)
        ]  # "his wife was shot" meant the wife named before: no new topic
        if told:
            return told[-1]
        return previous or (persons[0].mention if persons else None)
    text = sentence.passage.clean
    governed = [
        p for p in persons if AFTER_PREPOSITION.search(text, sentence.start, p.start)
    ]
    first = next(
        (
            p
            for p in persons
            if not POSSESSIVE_AFTER.match(text, p.end)
            and not (previous and p in governed)
        ),
        None,
    )
    before = text[sentence.start : first.start if first else sentence.end]
    if previous is not None and SUBJECT_PRONOUN.search(before):
        return previous
    return first.mention if first else previous
