"""The events one trigger word states: the parse says who they happened to
(`kartoteka.extract.events.roles`, `kartoteka.extract.events.who`), the clause
says when, and the words around the trigger say which body, place and post.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kartoteka.extract.events import conjuncts, grammar, roles
from kartoteka.extract.events.companions import (
    companions,
    couple,
    gapped,
    kin_companions,
    with_person,
)
from kartoteka.extract.events.context import (
    attributive,
    date_before_aside,
    order_of,
    pluperfect,
    year_before,
)
from kartoteka.extract.events.dated import name_date
from kartoteka.extract.events.frames import (
    frame_events,
    has_post,
    honour_of,
    phrase,
    position_of,
    tenure,
)
from kartoteka.extract.events.gender import agrees, verb_gender
from kartoteka.extract.events.lexicon import Trigger, trigger_phrases, words
from kartoteka.extract.events.lists import (
    colon_list,
    inverted_subject,
    listed_after,
    named_after,
)
from kartoteka.extract.events.sentences import Reading, Sentence, in_brackets
from kartoteka.extract.events.stance import Placed
from kartoteka.extract.events.topic import NOTHING_EARLIER, Earlier
from kartoteka.extract.events.unstated import left_a_party, toward_home
from kartoteka.extract.events.when import clause_date, since_date
from kartoteka.extract.events.who import (
    COPULAS,
    listed_names,
    mention_at,
    nominative,
    patients_named,
    relative_antecedent,
)
from kartoteka.extract.nlp.parse import Parse
from kartoteka.model import Mention

NAME_THEN_VERB = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:,\s*)?(?:(?:was|were|had|has|been|then|also|later)\s+)*"
)
STARTS_A_STATE = ("joined", "appointed")  # "with the NKVD since 1935": joined then
OWN_CLAUSE = ("conj", "advcl", "relcl", "ccomp", "xcomp", "parataxis")
NEEDS_POST = (
    "became",
    "become",
    "becomes",
    "made",
    "served",
    "sent",
    "returned",
    "went",
    "стал",
    "стала",
)


def _nearest(placed: list[Placed], region: set[int], parse: Parse) -> Placed | None:
    """The first of the mentions that stands in a region: the rest are not looked up."""
    return next(
        (p for p in placed if any(t in region for t in parse.at(p.start, p.end))), None
    )


def read_trigger(
    sentence: Sentence,
    parse: Parse,
    trigger: Trigger,
    match: re.Match[str],
    antecedent: Mention | None,
    before: Earlier = NOTHING_EARLIER,
) -> list[Reading]:
    """The events one trigger states."""
    tokens = parse.at(match.start(), match.end())
    if not tokens:
        return []
    language = sentence.passage.language
    head = grammar.head_of(parse, tokens)
    if grammar.irrealis(parse, head, language):
        return []
    if trigger.type.startswith("frame:"):
        framed = frame_events(sentence, parse, head, trigger.type[6:], antecedent)
        return [replace(r, order=order_of(parse, head)) for r in framed]
    by_part = colon_list(sentence, match, trigger.type)
    if by_part is not None:
        return by_part
    first_word = match.group().split()[0].lower()
    if (
        trigger.type == "appointed"
        and first_word in NEEDS_POST
        and not has_post(sentence, parse, head, language)
    ):
        return []
    if trigger.type == "joined" and (
        with_person(sentence, parse, head) or grammar.joined_by(parse, head)
    ):
        return []
    if trigger.type == "defected" and toward_home(sentence, match, language):
        return []
    if trigger.type == "dismissed" and left_a_party(sentence, match, language):
        return []
    said = " ".join(match.group().lower().split())
    for kind in ("org", "place"):
        if said in trigger_phrases(f"needs_{kind}") and not _named_after(
            sentence, parse, head, match.end(), kind
        ):
            return []
    verbal = grammar.is_verbal(parse, head)
    found = roles.participants(parse, head, trigger.person, language, trigger.type)
    patients = roles.patient_tokens(parse, found)
    if trigger.reciprocal and verbal:
        patients += parse.children(head, "dobj")
    persons = patients_named(
        sentence, parse, patients, antecedent, trigger.type, before
    )
    if not persons and not verbal:
        persons = listed_names(sentence, parse, head)
    for token in patients:
        persons += [p for p in companions(sentence, parse, token) if p not in persons]
    if not persons and verbal:
        persons = relative_antecedent(sentence, parse, head)
    if not persons and verbal and grammar.is_passive(parse, head):
        persons = inverted_subject(sentence, parse, head, match.end())
    if (
        not persons
        and verbal
        and (grammar.is_passive(parse, head) or trigger.person != "object")
    ):
        persons = [
            p for p in _name_before(sentence, match.start()) if nominative(parse, p)
        ]
    if not persons and verbal:
        for index in conjuncts.among(parse, head):
            placed = mention_at(sentence, parse, index)
            if placed and placed.mention.type == "person" and placed not in persons:
                persons += [placed] if nominative(parse, placed) else []
    if not persons and verbal:
        persons = _unnamed(sentence, parse, head, match.start(), antecedent)
    if not persons and verbal and trigger.reciprocal:
        persons = couple(sentence, parse, head, antecedent, before.partner)
    if verbal:
        persons += [p for p in companions(sentence, parse, head) if p not in persons]
        kin = kin_companions(sentence, parse, head, trigger.type)
        persons += [p for p in kin if p not in persons]
        persons += listed_after(sentence, persons, match.end())
    persons = [p for p in persons if not _inside(p, match)]
    agent = mention_at(sentence, parse, found.agent)
    agents = [
        placed.mention
        for i in (
            conjuncts.expand(parse, found.agent) if found.agent is not None else []
        )
        for placed in [mention_at(sentence, parse, i)]
        if placed is not None
    ]
    clause = head
    governor = parse.tokens[head].head
    if (
        not verbal
        and parse.tokens[head].dep == "nsubj"
        and parse.tokens[governor].text.lower() in COPULAS
    ):
        clause = governor
    date, inherited = clause_date(parse, clause, list(sentence.dates), sentence.start)
    if date is None and trigger.type in STARTS_A_STATE:
        date = since_date(parse, head, list(sentence.dates))
    region = grammar.clause_region(parse, clause)
    org = _nearest([p for p in sentence.of_type("org") if p != agent], region, parse)
    place = _nearest(sentence.of_type("place"), region, parse)
    position = position_of(sentence, parse, head)
    if trigger.type == "awarded" and not verbal:
        position = phrase(sentence, parse, head)
    if trigger.type == "awarded" and position is None:
        position = honour_of(sentence, parse, head)
    bracketed = in_brackets(sentence, match.start())
    tenured = said in trigger_phrases("tenure")
    if bracketed and inherited:
        date = date_before_aside(sentence, match.start())
    if inherited and date is not None and pluperfect(parse, head):
        date = year_before(sentence, date)
    base = Reading(
        trigger.type,
        persons[0].mention if persons else Mention("", 0, 0, "", "", "person", "", ""),
        date,
        inherited,
        agent.mention if agent else None,
        org.mention if org else None,
        place.mention.name if place else None,
        position,
        found.negated,
        match.start(),
        not verbal and position is None,
        bracketed,
        state=(attributive(parse, head) and not named_after(sentence, persons, match))
        or tenured
        or said in trigger_phrases("state"),
        order=order_of(parse, clause),
    )
    readings = []
    for person in persons:
        if person.mention in agents:
            continue  # "a party founded by Gusev and Lipova": both are agents
        own = name_date(
            sentence.passage.clean, person.end, list(sentence.dates), sentence.end
        )
        if own is not None and person.start > match.end():
            readings.append(
                replace(base, person=person.mention, date=own, inherited=False)
            )
        else:
            readings.append(replace(base, person=person.mention))
    if verbal and persons:
        readings += [
            replace(base, person=p.mention, date=d, inherited=False)
            for p, d in gapped(sentence, parse, match, persons)
        ]
    if trigger.type == "joined" and org is not None:
        also = _conjoined(org, sentence.of_type("org"), parse)
        readings += [replace(r, org=o.mention) for r in readings for o in also]
    if tenured:
        readings = [r for reading in readings for r in tenure(reading)]
    return readings


def _conjoined(first: Placed, orgs: Sequence[Placed], parse: Parse) -> list[Placed]:
    """The bodies listed with the one a joining names ("joined the party and
    then the Red Army", "вступил в партию и в Красную армию"): each is joined
    too. The parse decides: a conjunct of the first body's words, or of theirs."""
    own = set(parse.at(first.start, first.end))
    listed = set(own)
    while more := {k for t in listed for k in parse.children(t, "conj")} - listed:
        listed |= more
    return [
        o for o in orgs if o != first and set(parse.at(o.start, o.end)) & (listed - own)
    ]


def _inside(person: Placed, match: re.Match[str]) -> bool:
    """Whether a name stands inside the trigger: it names the honour ("Order of
    Lenin"), not its holder. (The story's person, placed at the trigger for a
    sentence that names nobody, is not inside it; nor is a name in the trigger's
    gap, before its last word: "put Petrov on trial".)"""
    last_word = match.start() + match.group().rstrip().rfind(" ") + 1
    inside = match.start() <= person.start < match.end()
    return person.start < person.end and inside and person.end > last_word


def _named_after(
    sentence: Sentence, parse: Parse, head: int, at: int, kind: str
) -> bool:
    """Whether the trigger's phrase names an org (or a place) after it, in its
    own clause: "entered" joins only "the Leningrad Institute", "returned to"
    only "Tiflis", and "worked in a factory and then entered the Institute" says
    nothing of work in the Institute."""
    return any(
        p.start >= at
        and any(_in_clause(parse, head, t) for t in parse.at(p.start, p.end))
        for p in sentence.of_type(kind)
    )


def _in_clause(parse: Parse, head: int, token: int) -> bool:
    """Whether a token hangs from the head with no other clause between them."""
    seen = {token}
    while token != head:
        token = parse.tokens[token].head
        if token in seen:
            return False  # the root, or a loop: the head was not above it
        seen.add(token)
        if token != head and _opens_a_clause(parse, token):
            return False
    return True


def _opens_a_clause(parse: Parse, index: int) -> bool:
    """Whether a token is the verb of a clause of its own ("and then entered")."""
    token = parse.tokens[index]
    return grammar.is_verbal(parse, index) and token.dep in OWN_CLAUSE


def _unnamed(
    sentence: Sentence, parse: Parse, head: int, at: int, topic: Mention | None
) -> list[Placed]:
    """ "В 1937 арестован, в 1938 расстрелян", "В 1917 вступил в партию", "Born
    3 May 1899 in Kiev": a Russian passive or a Russian verb in the singular that
    leaves its subject unsaid, or a fragment opening with its verb, without a
    subject, in a sentence naming no one, is about the person the story is
    about."""
    if topic is None or sentence.of_type("person"):
        return []
    honours = words("honours", sentence.passage.language)
    subjects = parse.children(head, *grammar.SUBJECTS)
    if [s for s in subjects if parse.tokens[s].text.lower() not in honours]:
        return []  # "присвоено звание": the honour is no one's subject
    russian = sentence.passage.language == "ru" and (
        grammar.is_passive(parse, head) or _singular_finite(parse, head)
    )
    fragment = at == sentence.start
    if not agrees(topic, verb_gender(parse, head, sentence.passage.language)):
        return []  # "В 1938 арестована" in a man's story: not him
    return [Placed(at, at, topic)] if russian or fragment else []


def _singular_finite(parse: Parse, head: int) -> bool:
    """Whether a verb is finite and singular ("вступил", "возглавила"): in a
    Russian biography, its unsaid subject is the person told about."""
    token = parse.tokens[head]
    return token.feat("VerbForm") == "Fin" and token.feat("Number") == "Sing"


def _name_before(sentence: Sentence, position: int) -> list[Placed]:
    """ "Mikhail Gai (since 1936 NKVD chief) was arrested": when the parser loses
    the subject, a name that only a bracket and an auxiliary keep from the verb."""
    text = sentence.passage.clean
    before = [p for p in sentence.of_type("person") if p.end <= position]
    if before and NAME_THEN_VERB.fullmatch(text, before[-1].end, position):
        return before[-1:]
    return []
