"""What the parse says of a trigger token before anyone is named in it.

Whether the trigger is used as a verb or as a noun, in the passive voice ("was
dismissed", "arrested in November and shot in August") or made to happen by
another ("had him arrested"); whether it is negated, or only wanted, feared,
planned or staged ("was to be arrested", "a staged suicide"); whether a token
only dates its clause ("After Kotov's death, ..."); and which tokens make up
the trigger's own clause, where its date, place and body stand. Who the event
happened to is read from these in `kartoteka.extract.events.roles`.
"""

from __future__ import annotations

from kartoteka import data
from kartoteka.extract.events.lexicon import words
from kartoteka.extract.nlp.parse import Parse

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "dative")
CLAUSES = ("xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "conj", "parataxis")
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
