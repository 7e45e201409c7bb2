"""Persons who share an event with the one it is about: "together with",
kin after a plain "with", a "they" for a couple, and a name gapped after the
trigger with a date of its own ("and Lobov the following spring").
"""

from __future__ import annotations

import re

from kartoteka.extract.events import conjuncts, grammar
from kartoteka.extract.events.dated import Dated, name_date
from kartoteka.extract.events.gender import name_gender
from kartoteka.extract.events.lexicon import vocabulary, words
from kartoteka.extract.events.sentences import Sentence
from kartoteka.extract.events.stance import Placed
from kartoteka.extract.events.topic import same_name
from kartoteka.extract.events.who import mention_at
from kartoteka.extract.nlp.parse import Parse
from kartoteka.model import Mention

PLURAL = ("they", "они")  # a pair a "they" may stand for
GAP_BEFORE = re.compile(r",?\s+and\s+$")


def with_person(sentence: Sentence, parse: Parse, head: int) -> bool:
    """ "He joined with Alexander Orlov": joining a person is no membership."""
    for prep in parse.children(head, "prep"):
        if parse.tokens[prep].text.lower() == "with":
            for obj in parse.children(prep, "pobj"):
                placed = mention_at(sentence, parse, obj)
                if placed is not None and placed.mention.type == "person":
                    return True
    return False


def companions(sentence: Sentence, parse: Parse, head: int) -> list[Placed]:
    """Persons who share the event "together with" or "along with" the patient
    ("вместе с" in Russian)."""
    found = []
    for together in parse.children(head, "advmod"):
        if parse.tokens[together].text.lower() == "вместе":
            for obj in parse.children(together, "obl", "nmod"):
                for i in conjuncts.expand(parse, obj):
                    placed = mention_at(sentence, parse, i)
                    if placed and placed.mention.type == "person":
                        found.append(placed)
    for prep in _together_with(parse, head):
        for obj in parse.children(prep, "pobj"):
            named = [
                placed
                for i in conjuncts.expand(parse, obj)
                for placed in [mention_at(sentence, parse, i)]
                if placed and placed.mention.type == "person"
            ]
            found += named or _named_after_title(sentence, parse, obj)
    return found


def kin_companions(
    sentence: Sentence, parse: Parse, head: int, type_: str
) -> list[Placed]:
    """Kin named after a plain "with" ("fled with his wife Anna Kotova and their
    son Pyotr", "бежал с женой Анной"): they share a move or a fate
    (`kin_share` in events.yaml), never a post. English wants the possessive
    ("with his wife"), so that "with the wife of a diplomat" names no companion."""
    if type_ not in (vocabulary().get("kin_share") or ()):
        return []
    language = sentence.passage.language
    found: list[Placed] = []
    for noun in _kin_after_with(parse, head, language):
        for kin in _coordinated(parse, noun):
            if not _is_kin(parse, kin, language):
                continue
            for named in parse.children(kin, "appos"):
                placed = mention_at(sentence, parse, named)
                if placed and placed.mention.type == "person" and placed not in found:
                    found.append(placed)
    return found


def _coordinated(parse: Parse, noun: int) -> list[int]:
    """A noun and the nouns "and" joins to it, through the names in apposition
    the parser may hang the next one on ("his wife Anna and their son Pyotr")."""
    found, stack = [], [noun]
    while stack:
        current = stack.pop()
        found.append(current)
        stack += parse.children(current, "conj", "appos")
    return found


def _is_kin(parse: Parse, index: int, language: str) -> bool:
    """A kin noun, with "his", "her" or "their" before it in English."""
    if parse.tokens[index].text.lower() not in words("kin", language):
        return False
    return language == "ru" or bool(parse.children(index, "poss"))


def _kin_after_with(parse: Parse, head: int, language: str) -> list[int]:
    """The nouns a plain "with" (Russian "с") joins to a verb."""
    if language == "ru":
        return [
            noun
            for noun in parse.children(head, "obl", "nmod")
            if any(
                parse.tokens[c].text.lower() in ("с", "со")
                for c in parse.children(noun, "case")
            )
        ]
    return [
        noun
        for prep in parse.children(head, "prep")
        if parse.tokens[prep].text.lower() == "with"
        for noun in parse.children(prep, "pobj")
    ]


def couple(
    sentence: Sentence,
    parse: Parse,
    head: int,
    topic: Mention | None,
    partner: Mention | None,
) -> list[Placed]:
    """ "He met Anna Lipova in Riga. They married in 1928": a "they" that does
    something both partners do, in a sentence naming no one, is the person
    the story is about and the last person the sentence before named, unless
    both names say one gender ("He was sent to Anna by Lobov": not Lobov)."""
    if topic is None or partner is None or sentence.of_type("person"):
        return []
    if same_name(topic, partner) or partner.type != "person":
        return []
    genders = {name_gender(topic.name), name_gender(partner.name)}
    if len(genders) == 1 and None not in genders:
        return []
    plural = [
        i
        for i in parse.children(head, *grammar.SUBJECTS)
        if parse.tokens[i].text.lower() in PLURAL
    ]
    if not plural:
        return []
    at = parse.tokens[plural[0]].start
    return [Placed(at, at, topic), Placed(at, at, partner)]


def _named_after_title(sentence: Sentence, parse: Parse, title: int) -> list[Placed]:
    """ "along with the head of his secretariat, Lapin": the parser may hang the
    name on the last noun of the title; a name in apposition inside it."""
    found = []
    for i in parse.subtree(title):
        placed = mention_at(sentence, parse, i)
        if (
            placed
            and placed.mention.type == "person"
            and parse.tokens[i].dep == "appos"
        ):
            found += [placed] if placed not in found else []
    return found


def _together_with(parse: Parse, head: int) -> list[int]:
    """The "with" of "together with" or "along with" under a verb, whether the
    parser hangs it on the verb or on "along"."""
    found = []
    for word in parse.children(head, "prep", "advmod", "prt"):
        text = parse.tokens[word].text.lower()
        previous = parse.tokens[word - 1].text.lower() if word else ""
        if text == "with" and previous in ("together", "along"):
            found.append(word)
        elif text in ("together", "along"):
            found += [
                w
                for w in parse.children(word, "prep")
                if parse.tokens[w].text.lower() == "with"
            ]
    return found


def gapped(
    sentence: Sentence, parse: Parse, match: re.Match[str], persons: list[Placed]
) -> list[tuple[Placed, Dated]]:
    """ "Kotov was arrested in 1938, and Lobov the following spring": a name after
    the trigger with a date of its own shares the event (gapping), unless it
    is listed with someone the event is not about ("founded by A and B in 1898")."""
    text = sentence.passage.clean
    found = []
    for person in sentence.of_type("person"):
        if person.start <= match.end() or person in persons:
            continue
        if _listed_with_other(sentence, parse, person, persons):
            continue
        if not GAP_BEFORE.search(text, sentence.start, person.start):
            continue
        own = name_date(text, person.end, list(sentence.dates), sentence.end)
        if own is not None:
            found.append((person, own))
    return found


def _listed_with_other(
    sentence: Sentence, parse: Parse, person: Placed, persons: list[Placed]
) -> bool:
    """Whether the parse joins a name by "and" to a person the event is not about."""
    for index in parse.at(person.start, person.end):
        token = parse.tokens[index]
        if token.dep != "conj":
            continue
        other = mention_at(sentence, parse, token.head)
        if other is not None and other != person and other not in persons:
            return True
    return False
