"""Candidate events of the other persons a sentence names, and how each is tied to
its cue.

A biography names more people than its subject, and says what happened to them:
"Kotov was arrested", "the arrest of Kotov", "Kotov's arrest", "Kotov, who had
been appointed", "арестован Котов". A name is the person of a cue when it is the
cue's subject or object; it is not when the cue is another person's ("Lobov
arrested Kotov" is Kotov's arrest, "arrested by Lobov" not Lobov's), when it
stands behind a preposition ("with Kotov", "under Kotov"), or when a clause
break and a nearer name stand between. The features say that from the words
between name and cue, never from the name itself. Their names carry a prefix of
their own, so the other persons' candidates are weighed apart from the subject's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from kartoteka.extract.scorer.candidates import Candidate, typed_dates
from kartoteka.extract.scorer.clauses import CLAUSE_BREAK
from kartoteka.extract.scorer.subject import surname_key
from kartoteka.extract.scorer.units import Unit, Word, cue_types, is_subject
from kartoteka.model import Event, Mention

PREFIX = "o:"  # the other persons' features: a weight space apart from the subject's
# The score an other person's new event needs: a name beside a cue is that
# person's event far less often than the subject's is, so a higher bar.
OTHERS_BAR = 0.7
REACH = 12  # how many words a name may stand from its cue
# Small words that may stand between a name and its cue in a statement about
# the name ("Kotov was later arrested", "Котов был назначен").
LINKS = frozenset(
    (
        "was", "were", "is", "are", "be", "been", "had", "has", "have", "also",
        "later", "then", "soon", "himself", "herself", "subsequently", "eventually",
        "never", "not", "finally", "first", "again", "promptly", "immediately",
        "быть", "затем", "потом", "вскоре", "также", "тоже", "сам", "уже", "снова",
        "вновь", "позже", "позднее", "впоследствии",
    )
)  # fmt: skip
# Words before a name that make it the object of a preposition, not the person
# of a cue ("arrested by Kotov", "worked with Kotov", "under Kotov").
PREPOSITIONS = frozenset(
    (
        "by", "with", "under", "to", "from", "for", "against", "than", "about",
        "on", "at", "like", "after", "before", "between", "among",
        "с", "со", "при", "к", "от", "для", "против", "о", "об", "у", "по", "за",
        "после", "между", "вместо",
    )
)  # fmt: skip
RELATIVE = frozenset(("who", "whom", "whose", "который"))
OF = frozenset(("of",))
POSSESSIVE = ("'s", "’s")


def person_key(mention: Mention) -> str:
    """Who an other person's statement is about, alike for every form of a name."""
    return surname_key(mention) or mention.name.lower()


def other_candidates(unit: Unit, subject: str) -> list[Candidate]:
    """Every cue × other person × date of one sentence, the person within reach
    of the cue; `subject` is "" when every named person counts as another."""
    persons = [
        (m, tuple(o for o in unit.persons if o is not m))
        for m in unit.persons
        if not is_subject(m, subject)
    ]
    found: list[Candidate] = []
    if not persons:
        return found  # most sentences of a biography name only its subject
    for word, types in unit.cue_words:
        if _in_a_name(unit, word):
            continue
        cue = cue_types(word, unit.language)[0]
        near = [
            (p, others) for p, others in persons if _distance(unit, p, word) <= REACH
        ]
        if not near:
            continue
        typed = list(typed_dates(unit, word, types))  # the same for every person
        for person, others in near:
            found += [
                Candidate(type_, cue, word, unit, person, False, date, part, others)
                for type_, date, part in typed
            ]
    return found


def _in_a_name(unit: Unit, word: Word) -> bool:
    """Whether a cue word is part of a person's name, not its title: the "B." of
    "B. Nicolaevsky" is an initial, not "born"."""
    return any(
        m.start <= word.start < m.end and word.text not in (m.title or "").split()
        for m in unit.persons
    )


class RuleEvents:
    """The rules' events of a document by type and person, so that an other
    person's candidate is looked for among its person's events of its type, not
    among all the document's events. The build keeps a rule's event over the
    candidate, so only the unstated candidates teach the model what the rules
    miss."""

    def __init__(self, rules: Sequence[Event]) -> None:
        self.spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for event in rules:
            key = (event.type, person_key(event.person))
            self.spans.setdefault(key, []).append((event.start, event.end))

    def unstated(self, candidate: Candidate) -> bool:
        """Whether no rule states the candidate (its type and person in its
        sentence); a subject's candidate always counts as unstated."""
        if candidate.subject:
            return True
        unit = candidate.unit
        spans = self.spans.get((candidate.type, person_key(candidate.person)), ())
        return not any(start < unit.end and unit.start < end for start, end in spans)


def _distance(unit: Unit, person: Mention, word: Word) -> int:
    """How many words stand between a name and a cue."""
    return len(unit.words_in(min(person.end, word.end), max(person.start, word.start)))


def _word_at(unit: Unit, index: int, edge: str) -> str:
    """The lemma of a word by index; a capitalised word (a name) only as 'Name'."""
    if not 0 <= index < len(unit.words):
        return edge
    word = unit.words[index]
    return word.lemma if word.text[:1].islower() else "Name"


def _around(unit: Unit, person: Mention) -> tuple[int, int]:
    """The indices of the last word before a name and the first after it."""
    return len(unit.words_before(person.start)) - 1, unit.first_from(person.end)


def _between(c: Candidate, text: str) -> tuple[tuple[Word, ...], str, int]:
    """The words, the text and the number of clause breaks between a name and
    its cue; `text` is the unit's text."""
    unit, person, word = c.unit, c.person, c.word
    low, high = min(person.end, word.end), max(person.start, word.start)
    gap = text[low - unit.start : high - unit.start]
    return unit.words_in(low, high), gap, len(CLAUSE_BREAK.findall(gap))


def _gap(c: Candidate, between: tuple[Word, ...], gap: str, breaks: int) -> list[str]:
    """What stands between the name and its cue: how many words, whether only
    auxiliaries and adverbs ("was later"), clause breaks, other names."""
    low = min(c.person.end, c.word.end)
    high = max(c.person.start, c.word.start)
    names = sum(1 for m in c.others if low <= m.start < high)
    breaks = min(breaks, 2)
    links = all(w.lemma in LINKS for w in between)
    relative = any(w.lemma in RELATIVE for w in between)
    return [
        f"words={min(len(between), 6)}",
        f"links={links}:{breaks}",
        f"breaks={breaks}",
        f"names_between={min(names, 2)}",
        f"relative={relative}:{breaks}",
        f"possessive={gap.lstrip()[:2] in POSSESSIVE}",
    ]


def _nearer(c: Candidate) -> list[str]:
    """Whether another name stands nearer the cue, on either side: "Lobov
    arrested Kotov" puts the cue between two names."""
    word, person = c.word, c.person
    own = abs(person.start - word.start)
    sides = {
        ("before" if m.start < word.start else "after")
        for m in c.others
        if abs(m.start - word.start) < own
    }
    facing = any(
        (m.start < word.start) != (person.start < word.start)
        and abs(m.start - word.start) <= 40
        for m in c.others
    )
    return [f"nearer={'+'.join(sorted(sides)) or 'none'}", f"facing={facing}"]


def _pattern(c: Candidate, between: tuple[Word, ...], gap: str, breaks: int) -> str:
    """The shape that ties a name to its cue, when it is one a statement about
    the name takes: its subject ("Kotov was arrested"), its possessor ("Kotov's
    arrest"), its object ("the arrest of Kotov", "арестован Котов"), a relative
    clause ("Kotov, who was arrested") or an apposition ("Kotov, head of ...")."""
    lemmas = [w.lemma for w in between]
    if c.person.start < c.word.start:
        if gap.lstrip()[:2] in POSSESSIVE and len(between) <= 2:
            return "possessor"
        if breaks <= 1 and all(w in LINKS for w in lemmas):
            return "subject"  # a comma may close an aside: "Kotov, his chief, was"
        if breaks == 1 and lemmas[:1] and lemmas[0] in RELATIVE:
            return "relative"
        if breaks == 1 and len(between) <= 3:
            return "apposition"
        return "before"
    if not breaks and lemmas and lemmas[-1] in OF and len(lemmas) <= 3:
        return "of"
    if not breaks and all(w in LINKS for w in lemmas):
        return "object"
    if breaks == 1 and len(between) <= 4:
        return "named-after"
    return "after"


class Named(NamedTuple):
    """What stands around an other person's name, whatever cue it is read with:
    the same for every cue word of its sentence (`named`)."""

    lead: str  # the preposition or "of" before the name, else "-"
    prev: str  # the word before the name (`_word_at`)
    follow: str  # the word after it
    named_cue: bool  # whether a word of the name is a cue
    opens: bool  # whether the name opens the sentence


def named(unit: Unit, person: Mention) -> Named:
    """What stands around an other person's name in its sentence."""
    before, after = _around(unit, person)
    prev = _word_at(unit, before, "<s>")
    named_cue = any(
        cue_types(w, unit.language)[1] for w in unit.words_in(person.start, person.end)
    )
    return Named(
        prev if prev in PREPOSITIONS or prev in OF else "-",
        prev,
        _word_at(unit, after, "</s>"),
        named_cue,
        before < 0,
    )


class Tie(NamedTuple):
    """How an other person's name stands to a cue word, whatever the cue states
    and whether it is dated: the same for every type, cue and date the word
    takes (`name_tie`)."""

    side: str
    pattern: str
    ending: str
    shape: list[str]  # what stands between name and cue (`_gap`, `_nearer`)
    placed: list[str]  # the features that read the name and cue word alone, ...
    around: list[str]  # ... in the order `tie_features` interleaves them
    shaped: list[str]


def name_tie(c: Candidate, text: str, name: Named) -> Tie:
    """How an other person's name stands to its cue; `text` is the unit's text,
    `name` what stands around the name (`named`)."""
    person, word = c.person, c.word
    side = "before" if person.start < word.start else "after"
    between = _between(c, text)
    shape = [*_gap(c, *between), *_nearer(c)]
    ending = word.text[-2:].lower()
    return Tie(
        side,
        _pattern(c, *between),
        ending,
        shape,
        [f"named_cue={name.named_cue}", f"side={side}"],
        [
            f"prev={name.lead}",
            f"name_prev={name.prev}",
            f"name_next={name.follow}",
            f"side_prev={side}:{name.lead}",
            f"ending={ending}:{side}",
        ],
        [
            f"title={person.title is not None}",
            f"opens={name.opens}",
            *(f"{side}:{f}" for f in shape),
        ],
    )


def tie_features(c: Candidate, tie: Tie) -> list[str]:
    """How an other person's name is tied to its cue: its `tie` (`name_tie`),
    read with the candidate's type, cue and whether it is dated."""
    t, side, pattern = c.type, tie.side, tie.pattern
    return [
        f"pattern={pattern}",
        f"type_pattern={t}:{pattern}",
        f"cue_pattern={c.cue}:{pattern}",
        f"date_pattern={c.date is None}:{pattern}",
        *tie.placed,
        f"type_side={t}:{side}",
        *tie.around,
        f"type_ending={t}:{tie.ending}:{side}",
        *tie.shaped,
        *(f"{t}:{side}:{f}" for f in tie.shape),
    ]
