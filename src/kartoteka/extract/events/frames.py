"""Statements of two events at once: one person replacing another, and tenures.

"X replaced Y", "Y was replaced by X", "replacing Y with X" (a frame in
events.yaml) appoint the newcomer and dismiss the predecessor; "headed it from
1924 to 1935" (a tenure trigger) is an appointment in 1924 and a dismissal in
1935. The post a trigger names ("as head of ...", "made NKVD chief") is read
here too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kartoteka.extract.events import grammar, roles
from kartoteka.extract.events.lexicon import frames, is_post, words
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.events.when import clause_date
from kartoteka.extract.events.who import COPULAS, patients_named
from kartoteka.extract.nlp.parse import Parse
from kartoteka.model import Mention


def phrase(sentence: Sentence, parse: Parse, index: int, after: int = -1) -> str:
    """The words of a phrase (a post, a decoration), without clauses inside it,
    from the word after `after` on when given."""
    skip: set[int] = set(range(after + 1))
    for inner in parse.subtree(index):
        if inner != index and parse.tokens[inner].dep in (
            "relcl",
            "appos",
            "acl",
            "conj",
            "cc",
            "parataxis",
        ):
            skip.update(parse.subtree(inner))
    tokens = [i for i in parse.subtree(index) if i not in skip]
    if not tokens:
        return ""
    first, last = parse.tokens[tokens[0]], parse.tokens[tokens[-1]]
    text = " ".join(sentence.passage.clean[first.start : last.end].split())
    text = re.sub(r"^(?:the|a|an|his|her|its)\s+", "", text, flags=re.I)
    text = re.sub(r"\s*\([^)]*$", "", text)
    return text.strip(" ,;(")


def position_of(sentence: Sentence, parse: Parse, head: int) -> str | None:
    """The post or rank a trigger names: "as head of ...", "made NKVD chief"; for
    a noun that is the subject of "was", what follows ("his posting was as X")."""
    token = parse.tokens[head]
    if token.dep == "nsubj" and parse.tokens[token.head].text.lower() in COPULAS:
        said = position_of(sentence, parse, token.head)
        words = (said or "").split()
        language = sentence.passage.language
        return said if any(is_post(w, language) for w in words) else None
    for child in parse.children(head, "prep"):
        objects = parse.children(child, "pobj")
        if objects and parse.tokens[child].text.lower() == "as":
            return phrase(sentence, parse, objects[0], head) or None
    for child in parse.children(head, "oprd", "attr", "xcomp"):
        if parse.tokens[child].pos in ("NOUN", "PROPN"):
            return phrase(sentence, parse, child, head) or None
    return None


def honour_of(sentence: Sentence, parse: Parse, head: int) -> str | None:
    """The rank, title or decoration an award names through a preposition
    ("rewarded with the title of X") or as the passive's subject ("присвоено
    звание X"), so that two awards stay two events."""
    language = sentence.passage.language
    nouns = parse.children(head, "dobj", "oprd", "attr", "nsubjpass")
    for child in parse.children(head, "prep"):
        nouns += parse.children(child, "pobj")
    for noun in nouns:
        if parse.tokens[noun].text.lower() in words("honours", language):
            return phrase(sentence, parse, noun) or None
    return None


def has_post(sentence: Sentence, parse: Parse, head: int, language: str) -> bool:
    """Whether a complement of the trigger names a post ("became NKVD chief")."""
    for child in parse.children(head, "oprd", "attr", "prep", "xcomp", "dobj", "obl"):
        for i in parse.subtree(child):
            if parse.tokens[i].pos in ("NOUN", "PROPN") and is_post(
                parse.tokens[i].text, language
            ):
                return True
    return False


def tenure(reading: Reading) -> list[Reading]:
    """ "headed it from 1924 to 1935": appointed in 1924, dismissed in 1935."""
    date = reading.date
    if date is None or date.edtf is None or date.edtf.count("/") != 1:
        return [reading]
    first, last = date.edtf.split("/")
    if not first or not last or ".." in date.edtf:
        return [reading]
    return [
        replace(reading, date=replace(date, edtf=first)),
        replace(reading, type="dismissed", date=replace(date, edtf=last)),
    ]


def frame_events(
    sentence: Sentence, parse: Parse, head: int, name: str, antecedent: Mention | None
) -> list[Reading]:
    """ "X replaced Y", "Y was replaced by X", "replacing Y with X": two events."""
    frame = frames()[name]
    newcomers: list[int] = []
    predecessors: list[int] = []
    if grammar.is_passive(parse, head):
        found = roles.participants(parse, head, "subject", "en", name)
        predecessors = list(found.patients)
        for by in parse.children(head, "agent"):
            newcomers.extend(parse.children(by, "pobj"))
    else:
        predecessors = parse.children(head, "dobj")
        with_objects = [
            o
            for p in parse.children(head, "prep")
            if parse.tokens[p].text.lower() == "with"
            for o in parse.children(p, "pobj")
        ]
        subjects = parse.children(head, "nsubj")
        newcomers = with_objects or subjects
        if not predecessors:
            return []
    date, inherited = clause_date(parse, head, list(sentence.dates), sentence.start)
    position = position_of(sentence, parse, head)
    readings = []
    for kind, tokens in (
        (frame.newcomer, newcomers),
        (frame.predecessor, predecessors),
    ):
        for token in tokens:
            for person in patients_named(sentence, parse, [token], antecedent, kind):
                readings.append(
                    Reading(
                        kind,
                        person.mention,
                        date,
                        inherited,
                        position=position,
                        trigger_start=parse.tokens[head].start,
                    )
                )
    return readings
