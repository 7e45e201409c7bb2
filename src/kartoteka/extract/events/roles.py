"""Who an event happened to, and who did it, read from a sentence's parse.

For a verb the person is the subject or the object, by voice and by the event
type (`person` in events.yaml): "Stalin dismissed Iagoda" and "Iagoda was
dismissed" are both about Iagoda, "he joined the Cheka" is about "he". For a
noun it is the possessor or the `of` object ("his arrest", "the murder of
Kirov"); a decoration ("the Order of Lenin") belongs to whoever received it. A
verb without its own subject shares the subject of the verb it is coordinated
with ("arrested in November and shot in August"), a relative pronoun stands for
the noun it follows, and a description stands for the name beside it ("his
deputy, A. Kh. Artuzov"). Coordinated names give one event each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kartoteka import data
from kartoteka.extract.dates.datewords import month_number
from kartoteka.extract.events.lexicon import words
from kartoteka.extract.nlp.parse import Parse

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "dative")
CLAUSES = ("xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "conj", "parataxis")
RELATIVE = {"who", "whom", "which", "that", "который", "которого", "которая", "которые"}
PRONOUNS = {
    "he",
    "him",
    "his",
    "she",
    "her",
    "himself",
    "herself",
    "он",
    "его",
    "ему",
    "им",
    "она",
    "её",
    "ее",
    "ей",
}
DECORATIONS = ("awarded",)
# A date after these is the reference point of another event, not this one's.
REFERENCE_POINTS = ("after", "before", "until", "since")
# "He was to be arrested": what was planned, not what happened.
PLANNED = ("was", "were", "is", "are")
# Prepositions of a time adjunct: "After Kotov's death they feared ..." sets the
# death as a fact before what was feared, not as part of it.
TIME_ADJUNCTS = ("after", "before", "since", "following", "until", "upon")
# Russian prepositions of a time adjunct ("после ареста X", "вплоть до смерти X"),
# the `case` dependents of its noun.
TIME_CASES = ("после", "до", "вплоть", "перед", "накануне")
RECEIVE = ("received", "receives", "got", "obtained", "получил", "получила")

Resolver = Callable[[int], int | None]


@dataclass(frozen=True)
class Participants:
    """The tokens that fill the roles of one trigger (indices into the parse)."""

    patients: tuple[int, ...]
    agent: int | None
    negated: bool


def head_of(parse: Parse, indices: list[int]) -> int:
    """The token of a multi-word trigger that the others depend on."""
    inside = set(indices)
    for index in indices:
        token = parse.tokens[index]
        outside = token.head not in inside or token.head == index
        if outside and token.pos in ("VERB", "NOUN", "PROPN", "ADJ", "AUX"):
            return index
    return indices[-1]


def is_verbal(parse: Parse, index: int) -> bool:
    """Whether a trigger token is used as a verb (or a participle), not a noun."""
    token = parse.tokens[index]
    if token.pos in ("VERB", "AUX"):
        return True
    if token.pos == "ADJ" and token.feat("Voice") == "Pass":
        return True
    return token.pos not in ("NOUN", "PROPN") and token.dep in ("ROOT", "conj")


def joined_by(parse: Parse, index: int) -> bool:
    """ "He was joined by his wife": someone came to him; he joined nothing
    ("recruited by" keeps its recruiter)."""
    if not parse.tokens[index].text.lower().startswith("join"):
        return False
    return bool(parse.children(index, "agent")) and is_passive(parse, index)


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


def is_passive(parse: Parse, index: int) -> bool:
    """Whether a verb is in the passive voice (or a past participle after a noun).

    A bare verb coordinated with a passive one shares its voice: "was arrested in
    November and shot in August".
    """
    token = parse.tokens[index]
    if parse.children(index, "auxpass", "nsubjpass"):
        return True
    if token.feat("Voice") == "Pass":
        return True
    if token.feat("Tag") == "VBN" and parse.children(index, "agent"):
        return True
    if token.feat("Tag") == "VBN" and caused(parse, index):
        return True  # "Beria had Abakumov arrested": Abakumov was arrested
    if token.feat("Tag") in ("VBN", "VBD") and token.dep == "conj":
        bare = not parse.children(index, *SUBJECTS, *OBJECTS, "aux")
        if bare and token.head != index and is_passive(parse, token.head):
            return True
    return token.feat("Tag") == "VBN" and token.dep in ("acl", "amod")


def caused(parse: Parse, index: int) -> bool:
    """Whether a verb is what a causative under data/agents.yaml made happen
    ("had Y arrested", "got him appointed")."""
    token = parse.tokens[index]
    if token.dep not in ("ccomp", "xcomp") or token.head == index:
        return False
    causatives = data.load("agents.yaml").get("causatives") or {}
    words = {w for ws in causatives.values() for w in ws or []}
    return parse.tokens[token.head].text.lower() in words


def in_time_adjunct(parse: Parse, index: int) -> bool:
    """Whether a token stands in a time adjunct ("After Kotov's death, ..."): a
    phrase that dates the clause, not what the clause is about."""
    current, steps = index, 0
    while steps < 6:
        token = parse.tokens[current]
        if token.dep == "prep" and token.text.lower() in TIME_ADJUNCTS:
            return True
        cases = parse.children(current, "case")
        if steps and any(parse.tokens[k].text.lower() in TIME_CASES for k in cases):
            return True
        if token.head == current or token.dep not in ("pobj", "poss", "prep", "nmod"):
            return False
        current, steps = token.head, steps + 1
    return False


def irrealis(parse: Parse, index: int, language: str) -> bool:
    """Whether a trigger only states what was wanted, feared, ordered or planned,
    or what was only staged or possible ("a staged suicide")."""
    if _feigned(parse, index, words("feigned", language)):
        return True
    governors = words("irrealis", language)
    token = parse.tokens[index]
    if token.dep == "xcomp" and parse.tokens[token.head].text.lower() in PLANNED:
        return True
    current, steps, seen = index, 0, set()
    while steps < 4 and current not in seen:  # a parser's conj may head itself
        seen.add(current)
        # "he'd have been arrested and shot": the first verb's auxiliary rules both
        for aux in parse.children(current, "aux", "advmod", "mark"):
            if parse.tokens[aux].text.lower() in governors:
                return True
        token = parse.tokens[current]
        if token.dep not in (*CLAUSES, "dobj", "pobj", "prep", "nsubjpass", "obl"):
            return False
        if token.dep == "conj":
            current = token.head
            continue
        if token.dep == "prep" and token.text.lower() in TIME_ADJUNCTS:
            return False
        head = token.head
        if head == current:
            return False
        lowered = parse.tokens[head].text.lower()
        if lowered in governors:
            return True
        if any(
            parse.tokens[a].text.lower() in governors
            for a in parse.children(head, "aux")
        ):
            return token.dep in ("xcomp", "ccomp", "dobj", "pobj", "prep")
        current, steps = head, steps + 1
    return False


def negated(parse: Parse, index: int) -> bool:
    """Whether the trigger (or its auxiliary) is negated: "was not released"."""
    for child in parse.children(index, "neg", "advmod"):
        if parse.tokens[child].text.lower() in ("not", "n't", "never", "не", "ни"):
            return True
    return False


def expand(parse: Parse, index: int) -> list[int]:
    """A noun with the nouns coordinated or in apposition with it."""
    found, stack = [], [index]
    titled: set[int] = set()
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.append(current)
        conjuncts = parse.children(current, "conj")
        if _title_between(parse, current) or current in titled:
            # "Stalin, the Minister of War, Lobov": the parser may hang Lobov on
            # the title; only a name joined by "and" is one more person
            conjuncts = [c for c in conjuncts if _joined_by_and(parse, current, c)]
            titled.update(conjuncts)
        else:
            stack.extend(_own_appositions(parse, current))
        stack.extend(conjuncts)
    return sorted(found)


def _joined_by_and(parse: Parse, first: int, second: int) -> bool:
    return any(
        parse.tokens[i].dep == "cc" and parse.tokens[i].head == first
        for i in range(first + 1, second)
    )


def _own_appositions(parse: Parse, index: int) -> list[int]:
    """The appositions of a noun, without those after a title with an article:
    in "the death of Stalin, the Minister of War, Lobov" Lobov is the
    minister, not Stalin, however the parser hangs him."""
    appositions = parse.children(index, "appos")
    titles = [a for a in appositions if parse.children(a, "det")]
    return [a for a in appositions if not any(t < a for t in titles)]


def _title_between(parse: Parse, index: int) -> bool:
    """ "Lavrov, the Minister of Trade, Gusev": a title set after one name with
    an article belongs to the name after it, not to the first."""
    token = parse.tokens[index]
    return token.dep == "appos" and bool(parse.children(index, "det"))


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


def clause_region(parse: Parse, index: int) -> set[int]:
    """The tokens of a trigger's own clause: where its date, place and org stand.

    Clauses inside it (relative clauses, other coordinated verbs, descriptions
    in apposition) keep their own dates.
    """
    region = set(parse.subtree(index))
    for inner in sorted(region):
        if inner == index or inner not in region:
            continue
        token = parse.tokens[inner]
        own_clause = token.dep in ("relcl", "ccomp", "parataxis", "advcl", "appos") or (
            token.dep in ("conj", "acl") and token.pos in ("VERB", "AUX")
        )
        if token.dep == "prep" and token.text.lower() in REFERENCE_POINTS:
            own_clause = True
        if own_clause:
            region -= set(parse.subtree(inner))
    return region


def _feigned(parse: Parse, index: int, unreal: frozenset[str]) -> bool:
    """ "his faked suicide", "the staging of a suicide", "инсценировка
    самоубийства": an event noun that a word beside it makes staged or possible."""
    near = [index]
    token = parse.tokens[index]
    if token.dep == "pobj":
        near.append(parse.tokens[token.head].head)
    elif token.dep in ("nmod", "obl"):
        near.append(token.head)
    near += [a for n in near for a in parse.children(n, "amod")]
    return any(parse.tokens[n].text.lower() in unreal for n in near if n != index)


def depth(parse: Parse, index: int, head: int) -> int:
    """How many steps a token is below `head` (large when it is not below it)."""
    for steps, ancestor in enumerate(parse.ancestors(index), start=1):
        if ancestor == head:
            return steps
    return 0 if index == head else 99


def is_subject(parse: Parse, index: int) -> bool:
    """Whether a token is a subject, or a name in apposition to a subject."""
    token = parse.tokens[index]
    if token.dep in SUBJECTS:
        return True
    return token.dep == "appos" and parse.tokens[token.head].dep in SUBJECTS


def pronoun(parse: Parse, index: int) -> bool:
    """Whether a token is a personal pronoun that stands for a person named before."""
    return parse.tokens[index].text.lower() in PRONOUNS


def among(parse: Parse, index: int) -> list[int]:
    """Names listed after "among them" or "including" in a trigger's clause."""
    found: list[int] = []
    for token_index in parse.subtree(index):
        text = parse.tokens[token_index].text.lower()
        if text in ("among", "including", "в", "среди") and token_index + 1 < len(
            parse.tokens
        ):
            found.extend(
                i
                for i in range(token_index + 1, len(parse.tokens))
                if parse.tokens[i].pos == "PROPN"
            )
    return found
