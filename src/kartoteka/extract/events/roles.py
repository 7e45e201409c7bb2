"""Who an event happened to, and who did it, read from a sentence's parse.

For a verb the person is the subject or the object, by voice and by the event
type (`person` in events.yaml): "Stalin dismissed Iagoda" and "Iagoda was
dismissed" are both about Iagoda, "he joined the Cheka" is about "he". For a
noun it is the possessor or the `of` object ("his arrest", "the murder of
Kirov"); a decoration ("the Order of Lenin") belongs to whoever received it. A
verb without its own subject shares the subject of the verb it is coordinated
with ("arrested in November and shot in August"), a relative pronoun stands for
the noun it follows, and a description stands for the name beside it ("his
deputy, A. Kh. Artuzov"). Coordinated names give one event each
(`kartoteka.extract.events.conjuncts`). Whether the trigger is a verb, passive or
negated is read by `kartoteka.extract.events.grammar`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka import data
from kartoteka.extract.dates.datewords import month_number
from kartoteka.extract.events.conjuncts import expand
from kartoteka.extract.events.grammar import (
    OBJECTS,
    SUBJECTS,
    is_passive,
    is_verbal,
    negated,
)
from kartoteka.extract.nlp.parse import Parse

RELATIVE = {"who", "whom", "which", "that", "который", "которого", "которая", "которые"}
DECORATIONS = ("awarded",)
RECEIVE = ("received", "receives", "got", "obtained", "получил", "получила")


@dataclass(frozen=True)
class Participants:
    """The tokens that fill the roles of one trigger (indices into the parse)."""

    patients: tuple[int, ...]
    agent: int | None
    negated: bool


def _caused_patient(parse: Parse, index: int) -> list[int]:
    """ "Lavrov had Sokolov released" read as two subjects of "released" behind
    an auxiliary "had": the one after the causative is the patient."""
    causatives = data.load("agents.yaml").get("causatives") or {}
    words = {w for ws in causatives.values() for w in ws or []}
    helpers = [
        a for a in parse.children(index, "aux") if parse.tokens[a].text.lower() in words
    ]
    if not helpers:
        return []
    return [s for s in parse.children(index, *SUBJECTS) if s > helpers[0]][:1]


def _verb_subject(parse: Parse, index: int) -> list[int]:
    """Subjects of a verb, shared from the verb it is coordinated with if it has none.

    A month the parser took for a subject ("on 14 June was arrested") is none.
    """
    current = index
    for _ in range(4):
        subjects = [
            s
            for s in parse.children(current, *SUBJECTS)
            if month_number(parse.tokens[s].text) is None
        ]
        if subjects:
            return subjects
        token = parse.tokens[current]
        if token.dep in ("conj", "xcomp") and token.head != current:
            current = token.head
            continue
        if (
            token.dep == "advcl"
            and token.head != current
            and _participle(parse, current)
        ):
            current = token.head
            continue
        if token.dep in ("relcl", "acl", "amod") and token.head != current:
            owners = parse.children(token.head, "poss")
            if token.dep == "acl" and owners:
                return owners
            return _through_copula(parse, token.head)
        return []
    return []


def _participle(parse: Parse, index: int) -> bool:
    """A participle clause shares its subject ("being arrested", "having served");
    a finite one ("after he had been arrested") has its own."""
    if parse.children(index, "mark"):
        return False
    finite = {"was", "were", "had", "has", "is", "are", "been"}
    auxes = parse.children(index, "aux", "auxpass")
    return not any(parse.tokens[a].text.lower() in finite - {"been"} for a in auxes)


def _through_copula(parse: Parse, index: int) -> list[int]:
    """The subject a predicate noun stands for ("Iagoda was the one dismissed")."""
    token = parse.tokens[index]
    if token.dep == "attr" and token.head != index:
        subjects = parse.children(token.head, "nsubj")
        if subjects:
            return subjects
    return [index]


def _through_relative(parse: Parse, index: int) -> int:
    """The noun a relative pronoun stands for ("Berzin, who had headed ...")."""
    if parse.tokens[index].text.lower() not in RELATIVE:
        return index
    for ancestor in parse.ancestors(index):
        if parse.tokens[ancestor].dep == "relcl":
            return parse.tokens[ancestor].head
    return index


def _of_objects(parse: Parse, index: int) -> list[int]:
    """The possessor or `of` object of a noun ("his arrest", "the murder of Kirov")."""
    found = parse.children(index, "poss")
    for prep in parse.children(index, "prep"):
        if parse.tokens[prep].text.lower() == "of":
            found.extend(parse.children(prep, "pobj"))
    for child in parse.children(index, "nmod"):
        if parse.tokens[child].feat("Case") == "Gen":
            found.append(child)
    return found


def _decorated(parse: Parse, index: int) -> list[int]:
    """Who received a decoration or title: climb to the verb that gives it."""
    current = index
    for ancestor in parse.ancestors(index):
        token = parse.tokens[ancestor]
        if token.pos in ("VERB", "AUX"):
            if is_passive(parse, ancestor) or token.text.lower() in (
                "received",
                "got",
                "held",
                "became",
                "was",
            ):
                return _verb_subject(parse, ancestor)
            return parse.children(ancestor, *OBJECTS) or []
        current = ancestor
    del current
    return []


def _received(parse: Parse, index: int) -> list[int]:
    """Who received what a noun names ("Lyushkov received a summons to return")."""
    token = parse.tokens[index]
    if token.dep == "dobj" and parse.tokens[token.head].text.lower() in RECEIVE:
        return _verb_subject(parse, token.head)
    return []


def _fronted(parse: Parse, index: int) -> list[int]:
    """Who a bare noun before the subject is about: "After demobilization, he
    remained in Berlin", "in June 1939, after arrest, Pollachek testified"."""
    token = parse.tokens[index]
    if token.dep != "pobj" or token.head == index:
        return []
    prep = parse.tokens[token.head]
    if prep.text.lower() not in ("after", "upon", "following", "before"):
        return []
    verb = prep.head
    subjects = _verb_subject(parse, verb) if verb != token.head else []
    return [s for s in subjects if s > index]


def _russian_roles(parse: Parse, index: int) -> tuple[list[int], list[int]]:
    """Subjects and objects of a Russian verb, by case where the parser hesitates."""
    nominative: list[int] = []
    accusative: list[int] = []
    for child in parse.children(index, *SUBJECTS, *OBJECTS):
        case = parse.tokens[child].feat("Case")
        (accusative if case == "Acc" else nominative).append(child)
    return nominative, accusative


def participants(
    parse: Parse,
    index: int,
    person_role: str,
    language: str,
    event_type: str,
) -> Participants:
    """The patient and agent tokens of the trigger at `index`."""
    agent: int | None = None
    if not is_verbal(parse, index):
        if event_type in DECORATIONS:
            patients = _of_objects(parse, index) or _decorated(parse, index)
        else:
            patients = (
                _of_objects(parse, index)
                or _received(parse, index)
                or _fronted(parse, index)
            )
        if parse.tokens[index].dep == "amod" and not patients:
            patients = [parse.tokens[index].head]
        return Participants(tuple(patients), None, negated(parse, index))
    passive = is_passive(parse, index)
    given_to = _given_to(parse, index, passive, event_type)
    if given_to:
        patients = given_to
    elif language == "ru" and not passive:
        nominative, accusative = _russian_roles(parse, index)
        if person_role == "object":
            patients, agents = accusative, nominative
        else:
            patients, agents = nominative, []
        if not patients and person_role == "subject":
            patients = _verb_subject(parse, index)
        agent = agents[0] if agents else None
    elif person_role == "subject-active" and passive:
        patients = [
            o
            for by in parse.children(index, "agent")
            for o in parse.children(by, "pobj")
        ]
    elif person_role in ("subject", "subject-active") or passive:
        patients = _verb_subject(parse, index)
        for by in parse.children(index, "agent"):
            agent = next(iter(parse.children(by, "pobj")), None)
    else:
        patients = parse.children(index, *OBJECTS) or _caused_patient(parse, index)
        if not patients and parse.tokens[index].dep == "relcl":
            patients = [parse.tokens[index].head]
        subjects = [s for s in _verb_subject(parse, index) if s not in patients]
        agent = subjects[0] if subjects else None
    patients = [_through_relative(parse, p) for p in patients]
    return Participants(tuple(patients), agent, negated(parse, index))


def _given_to(parse: Parse, index: int, passive: bool, event_type: str) -> list[int]:
    """ "Ему присвоено звание", "Петрову вручён орден": a passive award names
    its recipient in the dative; the subject is the honour."""
    if not passive or event_type not in DECORATIONS:
        return []
    return [
        d
        for d in parse.children(index, "dative")
        if parse.tokens[d].feat("Case") == "Dat"
    ]


def patient_tokens(parse: Parse, found: Participants) -> list[int]:
    """Every noun that may name a patient: the patients with their lists."""
    tokens: list[int] = []
    for patient in found.patients:
        for token in expand(parse, patient):
            if token not in tokens:
                tokens.append(token)
    return tokens
