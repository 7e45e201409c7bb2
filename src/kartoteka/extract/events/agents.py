"""Who did it: the agent of an event, wherever the sentence says it.

The event reader fills the agent of the plain cases ("arrested by the NKVD",
"Beria appointed Dekanozov"); this pass fills the rest from the parse: a gerund
after "by" ("Iagoda reacted by dismissing him"), a causative ("Beria had
Abakumov released"), the owner of an order ("on Ezhov's orders", "по приказу
Ежова"), a description with the name beside it ("by his successor, Liushkov"),
a verb coordinated with one that names its agent ("dismissed by the Politburo
and replaced by X"), and whoever set up a body for the members it lists. The
words live in data/agents.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from kartoteka import data
from kartoteka.extract.alternation import dispatched
from kartoteka.extract.events import conjuncts, grammar
from kartoteka.extract.events.lexicon import triggers
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.events.stance import Placed
from kartoteka.extract.events.topic import NOTHING_EARLIER, Earlier, earlier
from kartoteka.extract.events.who import mention_at, persons_in
from kartoteka.extract.nlp.parse import Parse
from kartoteka.model import Mention

MEMBERS = ("member", "candidate member")
PLURAL = ("they", "они")
ADJACENT = re.compile(r"\s*(?:personally\s+|himself\s+|herself\s+)?")
NEAR = 40  # how far after a cue ("X's turn") its trigger may stand
CLAUSE_END = re.compile(r"[;.]")


@dataclass(frozen=True)
class Refers:
    """Who a word may stand for: "he" for `person` (the story's topic), "they"
    for `group` (the organization the sentence before named last), the
    `founder` of the body the sentence before set up ("Its members were ..."),
    and the persons a "they", a "she" or a "his wife" may mean (`Earlier`)."""

    person: Mention | None = None
    group: Mention | None = None
    founder: Mention | None = None
    earlier: Earlier = NOTHING_EARLIER  # the partner and the spouses named before


@cache
def cues(section: str, language: str) -> tuple[str, ...]:
    """One word list of data/agents.yaml, lower-cased."""
    raw = data.load("agents.yaml").get(section) or {}
    return tuple(str(word).lower() for word in raw.get(language) or [])


def _is_cue(word: str, section: str, language: str) -> bool:
    """Whether a word is in a cue list (Russian words match by stem)."""
    lowered = word.lower()
    if language == "ru":
        return any(lowered.startswith(stem) for stem in cues(section, language))
    return lowered in cues(section, language)


@cache
def _founding(language: str) -> re.Pattern[str]:
    phrases = sorted(cues("founders", language), key=len, reverse=True)
    body = dispatched(
        [r"\s+".join(map(re.escape, p.split())) for p in phrases], ignore_case=True
    )
    return re.compile(rf"(?<!\w){body}\w*(?!\w)", re.I)


def founder_of(sentence: Sentence) -> Mention | None:
    """Who sets up a body in this sentence: the name just before the founding verb."""
    text = sentence.passage.clean
    language = sentence.passage.language
    if not cues("founders", language):
        return None
    cue = _founding(language).search(text, sentence.start, sentence.end)
    if cue is None:
        return None
    before = [
        p
        for p in sentence.placed
        if p.mention.type in ("person", "org")
        and p.end <= cue.start()
        and not CLAUSE_END.search(text, p.end, cue.start())
    ]
    return before[-1].mention if before else None


def with_agents(
    sentence: Sentence,
    parse: Parse | None,
    readings: list[Reading],
    refers: Refers,
    founder: Mention | None,
) -> list[Reading]:
    """The readings with the agents the sentence states, where none was read;
    `founder` is the sentence's own (`founder_of`), else the one before it."""
    founder = founder or refers.founder
    found = []
    for reading in readings:
        agent = reading.agent
        if agent is None and reading.person.name and reading.type in _acted_on():
            if reading.type == "appointed" and reading.position in MEMBERS:
                agent = founder
            elif parse is not None:
                agent = agent_of(sentence, parse, reading, refers)
        if agent is not None and _same(agent, reading.person):
            agent = None
        found.append(
            reading if agent is reading.agent else replace(reading, agent=agent)
        )
    return found


def referred(
    sentence: Sentence,
    readings: list[Reading],
    before: Refers,
    person: Mention | None,
    founder: Mention | None,
) -> Refers:
    """What the next sentence may refer back to in this one and before it; its
    topic `person` is the event reader's to say, its `founder` `founder_of`'s."""
    groups = sentence.of_type("org")
    return Refers(
        person,
        groups[-1].mention if groups else None,
        founder,
        earlier(sentence, readings, before.earlier),
    )


@cache
def _acted_on() -> frozenset[str]:
    return frozenset(data.load("agents.yaml").get("types") or [])


def _same(agent: Mention, person: Mention) -> bool:
    return (agent.start, agent.end) == (person.start, person.end) or (
        agent.type == "person" and agent.name == person.name
    )


def agent_of(
    sentence: Sentence, parse: Parse, reading: Reading, refers: Refers
) -> Mention | None:
    """The agent of one reading, from the parse of its trigger, else of another
    trigger of its type in the sentence ("the Politburo appointed X ...; he
    headed it")."""
    patient = _placed(sentence, reading.person)
    for rank, verb in _trigger_tokens(sentence, parse, reading):
        if rank == 2 and not _acts_on(parse, verb, patient, False):
            continue  # another trigger of the type, about someone else
        for candidate in _candidates(sentence, parse, verb, patient, refers, 0):
            if not _same(candidate, reading.person):
                return candidate
    return None


def _trigger_tokens(
    sentence: Sentence, parse: Parse, reading: Reading
) -> list[tuple[int, int]]:
    """The head words of the triggers of a reading's type, ranked: 0 the word it
    was read at, 1 the trigger just after it ("X's turn to be arrested"), 2 the
    others."""
    start = reading.trigger_start
    heads: list[tuple[int, int]] = []
    own = parse.at(start, start + 1)
    if own:
        token = parse.tokens[own[0]]
        index = token.head if token.dep in ("aux", "auxpass") else own[0]
        if parse.tokens[index].pos in ("VERB", "NOUN", "PROPN", "ADJ", "AUX"):
            heads.append((0, index))
    for trigger, match in sentence.matches:
        if trigger.type != reading.type:
            continue
        tokens = parse.at(match.start(), match.end())
        if tokens:
            near = start <= match.start() <= start + NEAR
            heads.append((1 if near else 2, grammar.head_of(parse, tokens)))
    ranks: dict[int, int] = {}
    for rank, index in sorted(heads):
        ranks.setdefault(index, rank)
    return [(rank, index) for index, rank in ranks.items()]


def _placed(sentence: Sentence, person: Mention) -> Placed | None:
    return next((p for p in sentence.placed if p.mention == person), None)


def _candidates(
    sentence: Sentence,
    parse: Parse,
    verb: int,
    patient: Placed | None,
    refers: Refers,
    steps: int,
) -> Iterator[Mention]:
    """Possible agents of the event at `verb`, the likeliest first."""
    language = sentence.passage.language
    yield from _ordered_by(sentence, parse, verb, refers)
    if not grammar.is_verbal(parse, verb):
        return
    framed = _is_frame(parse.tokens[verb].text, language)
    word = parse.tokens[verb].text
    if not framed and not _is_cue(word, "companions", language):
        yield from _by_phrase(sentence, parse, verb, refers)
    yield from _gerund_of(sentence, parse, verb, refers)
    yield from _causer(sentence, parse, verb, refers)
    if not grammar.is_passive(parse, verb) and _acts_on(parse, verb, patient, framed):
        yield from _subject(sentence, parse, verb, refers)
    token = parse.tokens[verb]
    own = parse.children(verb, *grammar.SUBJECTS, *(() if framed else ("agent",)))
    if token.dep == "conj" and token.head != verb and not own and steps < 3:
        head = token.head
        yield from _candidates(sentence, parse, head, patient, refers, steps + 1)


def _named(
    sentence: Sentence, parse: Parse, index: int, refers: Refers
) -> Mention | None:
    """The person or organization a token names: itself, a pronoun's refers,
    or the name beside a description ("his successor in the Far East, Liushkov")."""
    placed = mention_at(sentence, parse, index)
    if placed is not None:
        return placed.mention
    if conjuncts.pronoun(parse, index):
        return refers.person
    if parse.tokens[index].text.lower() in PLURAL:
        return refers.group
    named = persons_in(sentence, parse, index, None)
    if named:
        return named[0].mention
    owners = {i for o in parse.children(index, "poss") for i in parse.subtree(o)}
    inside = [
        mention_at(sentence, parse, i)
        for i in parse.subtree(index)
        if i not in owners  # "Trotsky's guards" are not Trotsky
    ]
    people = [p for p in inside if p is not None and p.mention.type == "person"]
    return people[-1].mention if people else None


def _owner(
    sentence: Sentence, parse: Parse, noun: int, refers: Refers
) -> Mention | None:
    """Who gave an order: its possessor, its `of` object or its genitive."""
    owners = parse.children(noun, "poss")
    for prep in parse.children(noun, "prep"):
        if parse.tokens[prep].text.lower() == "of":
            owners += parse.children(prep, "pobj")
    owners += [
        c for c in parse.children(noun, "nmod") if parse.tokens[c].feat("Case") == "Gen"
    ]
    for owner in owners:
        named = _named(sentence, parse, owner, refers)
        if named is not None:
            return named
    return None


def _order_nouns(parse: Parse, verb: int, language: str) -> list[int]:
    """Order nouns attached to a verb, or to the verbs coordinated with it (a
    modifier at the end of "dismissed and arrested on X's orders" is shared)."""
    nouns = []
    for head in [verb, *parse.children(verb, "conj")]:
        for child in parse.children(head, "prep", "agent", "obl", "nmod"):
            for noun in [child, *parse.children(child, "pobj")]:
                if _is_cue(parse.tokens[noun].text, "orders", language):
                    nouns.append(noun)
    return nouns


def _ordered_by(
    sentence: Sentence, parse: Parse, verb: int, refers: Refers
) -> Iterator[Mention]:
    for noun in _order_nouns(parse, verb, sentence.passage.language):
        owner = _owner(sentence, parse, noun, refers)
        if owner is not None:
            yield owner


def _by_phrase(
    sentence: Sentence, parse: Parse, verb: int, refers: Refers
) -> Iterator[Mention]:
    """The `by` object of a passive, or a Russian passive's bare instrumental."""
    objects = [
        o
        for by in parse.children(verb, "agent")
        for o in [by, *parse.children(by, "pobj")]
    ]
    if sentence.passage.language == "ru" and grammar.is_passive(parse, verb):
        objects += [
            o
            for o in parse.children(verb, "obl")
            if parse.tokens[o].feat("Case") == "Ins" and not parse.children(o, "case")
        ]
    for index in objects:
        if parse.tokens[index].pos in ("ADP",):
            continue
        named = _named(sentence, parse, index, refers)
        if named is not None:
            yield named


def _gerund_of(
    sentence: Sentence, parse: Parse, verb: int, refers: Refers
) -> Iterator[Mention]:
    """ "Iagoda reacted by dismissing Dukel'skii": the subject of the verb the
    gerund's `by` depends on."""
    token = parse.tokens[verb]
    if token.dep != "pcomp" or parse.tokens[token.head].text.lower() != "by":
        return
    governor = parse.tokens[token.head].head
    if governor != token.head:
        yield from _subject(sentence, parse, governor, refers)


def _causer(
    sentence: Sentence, parse: Parse, verb: int, refers: Refers
) -> Iterator[Mention]:
    """ "Beria had Abakumov released": the subject of the causative verb."""
    language = sentence.passage.language
    for aux in parse.children(verb, "aux"):
        if _is_cue(parse.tokens[aux].text, "causatives", language):
            subjects = parse.children(verb, "nsubj")
            if not any(s > aux for s in subjects):
                continue  # "had turned out": a pluperfect, no one caused it
            for subject in [s for s in subjects if s < aux]:
                named = _named(sentence, parse, subject, refers)
                if named is not None:
                    yield named
    token = parse.tokens[verb]
    if grammar.caused(parse, verb):
        yield from _subject(sentence, parse, token.head, refers)


def _acts_on(parse: Parse, verb: int, patient: Placed | None, framed: bool) -> bool:
    """Whether the person is the verb's object, so its subject is someone else
    ("the Politburo appointed Ezhov's protégé, S. G. Gendin"). In "X replaced Y"
    the subject is the newcomer, an agent only beside "with" ("replaced Y with X")."""
    withs = [
        o
        for p in parse.children(verb, "prep")
        if parse.tokens[p].text.lower() == "with"
        for o in parse.children(p, "pobj")
    ]
    if framed and not withs:
        return False
    objects = parse.children(verb, *grammar.OBJECTS, "dep", "oprd") + withs
    inside = {i for o in objects for i in parse.subtree(o)}
    if patient is None:
        return any(conjuncts.pronoun(parse, o) for o in objects)
    return any(t in inside for t in parse.at(patient.start, patient.end))


def _subject(
    sentence: Sentence, parse: Parse, verb: int, refers: Refers
) -> Iterator[Mention]:
    """The subject of an active verb, shared from the verb it is coordinated with;
    when the parser lost it, the name standing just before the verb."""
    current = verb
    for _ in range(3):
        subjects = parse.children(current, "nsubj")
        if subjects:
            for subject in subjects:
                named = _named(sentence, parse, subject, refers)
                if named is not None:
                    yield named
            return
        token = parse.tokens[current]
        if token.dep != "conj" or token.head == current:
            break
        current = token.head
    text = sentence.passage.clean
    start = parse.tokens[verb].start
    for placed in sentence.placed:
        adjacent = ADJACENT.fullmatch(text, placed.end, start)
        if placed.mention.type in ("person", "org") and adjacent:
            yield placed.mention


@cache
def _frame_words(language: str) -> tuple[re.Pattern[str], ...]:
    return tuple(
        t.pattern
        for t in triggers()
        if t.type.startswith("frame:") and t.language == language
    )


def _is_frame(word: str, language: str) -> bool:
    """Whether a verb states a replacement ("replaced", "сменил"), whose subject
    and `by` object are the newcomer, not the agent."""
    return any(p.fullmatch(word) for p in _frame_words(language))
