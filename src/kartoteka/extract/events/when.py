"""When a stated event happened: the date of its own clause, else of the story.

Every date expression of a passage is found once (absolute, partial, relative);
a trigger takes the one that stands in its own clause, nearest to it. A verb
without one shares the date of a verb it is coordinated with ("tried and
executed on 1 August 1938") or the date that opens the sentence; a name in a
list may carry its own ("K. V. Pauker (guard department, 17 April)", "and Orlov
in the spring of the following year"). A relative date is counted from the
narrative date before it, and any date that needed the story around it (a year
from an earlier sentence, "two days later") is marked as inferred.
"""

from __future__ import annotations

from kartoteka.extract.events.counted import (
    after_clause,
    counted_from_named,
    measured_date,
)
from kartoteka.extract.events.dated import OPENING, Dated, in_region
from kartoteka.extract.events.grammar import clause_region, depth, is_verbal
from kartoteka.extract.nlp.parse import Parse

TEMPORAL = ("after", "before", "since", "until", "following", "prior", "during")
ORDERING = ("after", "before", "prior", "until", "till", "following", "после", "до")
BREAKS = (",", ";")  # what parts the clauses of a chain ("в 1930 — ..., с 1932 — ...")
DASHES = ("—", "–", "-")  # "с 1932 — начальник отдела": a date and its post
THEN = {"then", "afterwards", "thereafter", "finally"}


def _nearest(dates: list[Dated], position: int) -> Dated | None:
    return min(dates, key=lambda d: abs(d.start - position)) if dates else None


def _closest(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """The date attached most directly to the trigger, then the nearest in the text;
    a date that orders another thing ("prior to the treaty of November 1933")
    only when no other stands there."""
    if not dates:
        return None
    position = parse.tokens[head].start

    def rank(date: Dated) -> tuple[bool, bool, int, int]:
        tokens = parse.at(date.start, date.end)
        steps = min((depth(parse, t, head) for t in tokens), default=99)
        ordered = _orders_another(parse, head, tokens)
        return date.relative is not None, ordered, steps, abs(date.start - position)

    return min(dates, key=rank)


def _orders_another(parse: Parse, head: int, tokens: list[int]) -> bool:
    """Whether a date belongs to something the trigger is set before or after
    ("prior to", "before", "after", "until"): it hangs from such a word below the
    trigger, or follows one that stands between the trigger and the date."""
    if not tokens:
        return False
    if any(
        parse.tokens[i].text.lower() in ORDERING for i in range(head + 1, tokens[0])
    ):
        return True
    for ancestor in parse.ancestors(tokens[0]):
        if ancestor == head:
            return False
        if parse.tokens[ancestor].text.lower() in ORDERING:
            return True
    return False


def _leading_date(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "..., 21 августа того же года арестован": a verb whose own part of a
    comma chain opens with a date, with no other verb before it, takes it."""
    if not is_verbal(parse, head):
        return None
    start = None
    for index in range(head - 1, -1, -1):
        token = parse.tokens[index]
        helper = token.head == head and token.dep in ("aux", "auxpass")
        if token.text in BREAKS:
            start = token.end
            break
        if token.text in ".()" or (_is_verb(parse, index) and not helper):
            return None
    if start is None:
        return None
    end = parse.tokens[head].start
    inside = [d for d in dates if start <= d.start and d.end <= end]
    return inside[-1] if inside else None


def _chain_date(dates: list[Dated], position: int) -> Dated:
    """ "в 1937 арестован, расстрелян": a step of a chain whose dates all stand
    in other parts shares the date of the nearest part before it."""
    before = [d for d in dates if d.end <= position]
    return before[-1] if before else dates[0]


def _claimed_elsewhere(parse: Parse, head: int, date: Dated) -> bool:
    """ "был назначен ..., 21 августа арестован", "в 1930 — инструктор, с 1932 —
    начальник, в 1937 арестован": in a chain of clauses parted by commas, a date
    that another verb (or a dash and a post) follows in its own part belongs to
    that part, however the parser hung it."""
    trigger = parse.tokens[head]
    first, last = sorted((trigger.start, date.start))
    if not any(t.text in BREAKS for t in parse.tokens if first <= t.start < last):
        return False
    for index, token in enumerate(parse.tokens):
        if token.start < date.end or index == head:
            continue
        if token.text in BREAKS or token.text == ".":
            return False
        if token.text in DASHES or _is_verb(parse, index):
            return True
    return False


def _is_verb(parse: Parse, index: int) -> bool:
    """A verb, an auxiliary or a passive participle ("арестован"): what makes a
    part of a chain a clause of its own."""
    token = parse.tokens[index]
    passive = token.pos == "ADJ" and token.feat("Voice") == "Pass"
    return token.pos in ("VERB", "AUX") or passive


def clause_date(
    parse: Parse, head: int, dates: list[Dated], sentence_start: int
) -> tuple[Dated | None, bool]:
    """The date of a trigger's own clause, and whether it came from elsewhere."""
    position = parse.tokens[head].start
    measured = measured_date(parse, head, dates)
    if measured is not None:
        return measured, False
    dates = [
        d for d in dates if d.start < position or not _claimed_elsewhere(parse, head, d)
    ]
    own = [d for d in dates if in_region(parse, clause_region(parse, head), d)]
    free = [d for d in own if not _claimed_elsewhere(parse, head, d)]
    if free:
        return _closest(parse, head, free), False
    leading = _leading_date(parse, head, dates)
    if leading is not None:
        return leading, False
    if own:
        return _chain_date(dates, position), False
    counted = counted_from_named(parse, head, dates)
    if counted is not None:
        return counted, False
    bracketed = _bracketed_date(parse, head, dates)
    if bracketed is not None:
        return bracketed, False
    if not is_verbal(parse, head):
        described = _described_date(parse, head, dates)
        return described or _governing_date(parse, head, dates), False
    for child in parse.children(head, "conj"):
        if is_verbal(parse, child) and not _own_clause(parse, head, child):
            shared = [
                d for d in dates if in_region(parse, clause_region(parse, child), d)
            ]
            if shared:
                return _nearest(shared, position), False
    token = parse.tokens[head]
    if token.dep in ("conj", "xcomp", "advcl") and token.head != head:
        earlier = [
            d
            for d in dates
            if d.start < position
            and in_region(parse, clause_region(parse, token.head), d)
        ]
        if earlier:
            return _after_span(parse, head, earlier[-1]), False
    after = after_clause(parse, head, dates) or _in_which(parse, head, dates)
    if after is not None:
        return after, False
    opening = [
        d for d in dates if d.start - sentence_start <= OPENING and d.start < position
    ]
    marks = {parse.tokens[m].text.lower() for m in parse.children(head, "mark")}
    if opening and not marks & set(TEMPORAL):
        return opening[0], True
    return None, False


def _own_clause(parse: Parse, head: int, conj: int) -> bool:
    """Whether a verb joined by "and" is a clause of its own, whose date is not
    the first verb's: it has a subject, or its own auxiliary after a comma
    ("decorated with the Order of Lenin, and was promoted in 1945"), unlike
    the steps of one chain ("tried and executed on 1 August 1938")."""
    if parse.children(conj, "nsubj", "nsubjpass"):
        return True
    if not parse.children(conj, "aux", "auxpass"):
        return False
    return any(parse.tokens[i].text == "," for i in range(head + 1, conj))


def _in_which(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "the 1950 raid, in which the leader was killed": a clause opened by "in
    which" or "during which" happened at the date of the noun it describes."""
    token = parse.tokens[head]
    if token.dep != "relcl" or token.head == head:
        return None
    opened = any(
        parse.tokens[obj].text.lower() == "which"
        for prep in parse.children(head, "prep")
        if parse.tokens[prep].text.lower() in ("in", "during")
        for obj in parse.children(prep, "pobj")
    )
    if not opened:
        return None
    inner = set(parse.subtree(head))
    noun = [i for i in parse.subtree(token.head) if i not in inner]
    described = [d for d in dates if set(parse.at(d.start, d.end)) & set(noun)]
    return described[-1] if len(described) == 1 else None


def _bracketed_date(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "awarded the Order of Lenin (1937)": a bracket holding one date and
    nothing else, inside what the trigger governs, dates it, unless it hangs
    from another time ("ten days after the murder of Kirov (1 December 1934)")."""
    below = set(parse.subtree(head))
    for date in dates:
        tokens = parse.at(date.start, date.end)
        if not tokens or tokens[0] not in below or "/" in (date.edtf or "/"):
            continue
        path = parse.ancestors(tokens[0])
        if any(parse.tokens[a].text.lower() in TEMPORAL for a in path):
            continue
        first, last = tokens[0] - 1, tokens[-1] + 1
        inside = first >= 0 and last < len(parse.tokens)
        if inside and (parse.tokens[first].text, parse.tokens[last].text) == ("(", ")"):
            return date
    return None


def _after_span(parse: Parse, head: int, date: Dated) -> Dated:
    """ "From 1930 to 1934 she worked in Paris, then came home": a step
    told "then" after a span of time comes at its end."""
    words = {parse.tokens[i].text.lower() for i in parse.children(head, "advmod")}
    if not words & THEN or not date.edtf or "/" not in date.edtf:
        return date
    return Dated(date.start, date.end, date.edtf.split("/")[-1], True)


def since_date(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "had been with the NKVD since 1935": a state held since a date began then."""
    for child in parse.children(head, "prep"):
        if parse.tokens[child].text.lower() not in ("since", "с"):
            continue
        inner = [d for d in dates if in_region(parse, set(parse.subtree(child)), d)]
        if inner and inner[0].relative is None:
            return inner[0]
    return None


def _described_date(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "организованного им в августе 1940 года убийства", "the raid carried out
    in May 1938": a participle that describes an event noun tells when it was."""
    for participle in parse.children(head, "acl"):
        if parse.tokens[participle].pos != "VERB":
            continue
        region = clause_region(parse, participle)
        inside = [d for d in dates if in_region(parse, region, d)]
        if inside:
            return _closest(parse, participle, inside)
    return None


def _governing_date(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """The date of the verb a noun trigger hangs from ("culminated in the arrest of
    Iagoda" on 29 March, "organised the murder ... in 1940"), unless the
    preposition orders them ("after his arrest")."""
    token = parse.tokens[head]
    if token.head == head or token.dep not in ("pobj", "dobj"):
        return None
    verb = token.head
    if token.dep == "pobj":
        prep = parse.tokens[token.head]
        verb = prep.head
        if prep.text.lower() in TEMPORAL:
            return None
    if parse.tokens[verb].pos not in ("VERB", "AUX"):
        return None
    region = clause_region(parse, verb)
    found = [d for d in dates if in_region(parse, region, d)]
    return _nearest(found, token.start)
