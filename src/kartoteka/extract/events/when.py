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

import re
from dataclasses import dataclass, field

from kartoteka.edtf import bounds
from kartoteka.extract.dates.find import find_dates
from kartoteka.extract.dates.lifespans import life_dates
from kartoteka.extract.dates.relative import (
    NUMBERS,
    RelativeDate,
    find_relative,
    resolve,
)
from kartoteka.extract.events.roles import clause_region, depth, is_verbal
from kartoteka.extract.nlp.parse import Parse

TEMPORAL = ("after", "before", "since", "until", "following", "prior", "during")
ORDERING = ("after", "before", "prior", "until", "till", "following", "после", "до")
BREAKS = (",", ";")  # what parts the clauses of a chain ("в 1930 — ..., с 1932 — ...")
DASHES = ("—", "–", "-")  # "с 1932 — начальник отдела": a date and its post
VAGUE = {"few", "several", "couple"}  # "a few days after": no count to add
OPENING = 30
REACH = 2  # paragraphs after which the story's last date no longer counts
THEN = {"then", "afterwards", "thereafter", "finally"}
SOON = 20  # "shortly after 1 August" stays in August; after 22 April it may not
YEARLY = ("month-name",)  # a date that starts this close to the sentence start opens it
QUALIFIERS = re.compile(r"[?~%]")
EITHER = ("or", "или")
DURATION = {"years", "months", "weeks", "year", "month"}  # "after two years there"
UNTIL = {"to", "until", "till"}  # "from 1930 to 1934": a period, not a point
BETWEEN_NAME_AND_DATE = re.compile(r"^\s*(?:\(|,|in|on|at|by|during)?[^();]{0,40}?$")


@dataclass(frozen=True)
class Dated:
    """A date expression of a passage (clean-text span), absolute or relative."""

    start: int
    end: int
    edtf: str | None
    inferred: bool
    relative: RelativeDate | None = None


@dataclass
class Story:
    """What a reader keeps in mind between sentences: the date the story is at.

    The anchor is set by dated events, by dates that open a sentence and by the
    other full dates of the narrative (not those in brackets). A relative date
    counts from an anchor of its own or the two previous paragraphs; an undated
    event takes the anchor's month only from its own or the previous sentence.
    """

    anchor: str | None = None
    paragraph: int = -10
    sentence: int = -10
    births: dict[str, str] = field(default_factory=dict)  # for "at the age of 13"
    trial: tuple[str, str] | None = None  # first and last day of the last trial told
    told: tuple[str, ...] = ()  # the types of the dated events that set the anchor

    def move(
        self, date: str, paragraph: int, sentence: int, told: tuple[str, ...] = ()
    ) -> None:
        """The story is now at `date`; one EDTF cannot read would stop every
        date counted from it, so the story stays where it was."""
        if bounds(date) is not None:
            self.anchor, self.paragraph, self.sentence = date, paragraph, sentence
            self.told = told

    def recent(self, paragraph: int) -> str | None:
        """The anchor, if it was set in this paragraph or the two before (a quoted
        paragraph or an aside may stand between a date and what follows from it)."""
        return self.anchor if 0 <= paragraph - self.paragraph <= REACH else None

    def follows(self, paragraph: int, sentence: int) -> bool:
        """Whether a sentence comes right after the one that set the anchor."""
        return paragraph == self.paragraph and sentence - self.sentence == 1

    def inherit(self, paragraph: int, sentence: int, whole: bool = False) -> str | None:
        """The date an undated event takes from the story, if any: the month of
        its own or the sentence before; the whole date for a statement that only
        describes what that sentence told ("Its members were ...")."""
        recent = 0 <= sentence - self.sentence <= 1
        if self.anchor is None or paragraph != self.paragraph or not recent:
            return None
        plain = self.anchor.rstrip("~?%")
        if any(len(part) < 7 for part in plain.split("/")):
            return None  # a year or a span of years says no month to take
        return plain if "/" in plain or whole else plain[:7]


def passage_dates(text: str, year: int | None) -> list[Dated]:
    """All date expressions of a passage, absolute and relative, in order."""
    found = [Dated(d.start, d.end, d.edtf, d.inferred) for d in find_dates(text, year)]
    for relative in find_relative(text):
        if not any(d.start < relative.end and relative.start < d.end for d in found):
            found.append(Dated(relative.start, relative.end, None, True, relative))
    return _either(text, sorted(found, key=lambda d: d.start))


def _either(text: str, dates: list[Dated]) -> list[Dated]:
    """ "in 1937 or 1938", "late 1945 or early 1946": the source does not know
    which, so the date is the span of both."""
    merged: list[Dated] = []
    for date in dates:
        last = merged[-1] if merged else None
        if last is not None and _alternatives(text, last, date):
            first, second = last.edtf or "", date.edtf or ""
            span = f"{QUALIFIERS.sub('', first)}/{QUALIFIERS.sub('', second)}"
            inferred = last.inferred or date.inferred
            merged[-1] = Dated(last.start, date.end, span, inferred)
            continue
        merged.append(date)
    return merged


def _alternatives(text: str, first: Dated, second: Dated) -> bool:
    """Whether two dates stand as alternatives: "or" between them, the later second."""
    if not first.edtf or not second.edtf or "/" in first.edtf + second.edtf:
        return False
    if text[first.end : second.start].strip().lower() not in EITHER:
        return False
    earlier, later = bounds(first.edtf), bounds(second.edtf)
    return earlier is not None and later is not None and earlier[1] < later[0]


def settle(
    date: Dated,
    dates: list[Dated],
    story: Story,
    paragraph: int,
    year: int | None = None,
) -> tuple[str, bool] | None:
    """The EDTF value of a date, a relative one counted from the date before it
    in its sentence, else from the story's recent date, else (for "the previous
    November", "the following year") from the story's year."""
    if date.relative is None:
        return (date.edtf, date.inferred) if date.edtf else None
    before = [d for d in dates if d.end <= date.start and d.relative is None and d.edtf]
    anchor = before[-1].edtf if before else story.recent(paragraph)
    if date.relative.trial is not None and story.trial is not None:
        opened, ended = story.trial
        anchor = ended if date.relative.trial == "end" else opened
    elif date.relative.trial is not None:
        anchor = None
    if anchor is None and year is not None and date.relative.unit in YEARLY:
        anchor = str(year)
    if anchor is None:
        return None
    value = resolve(date.relative, anchor)
    return (value, True) if value else None


def _in_region(parse: Parse, region: set[int], date: Dated) -> bool:
    tokens = parse.at(date.start, date.end)
    return bool(tokens) and tokens[0] in region


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
    measured = _measured(parse, head, dates)
    if measured is not None:
        return measured, False
    dates = [
        d for d in dates if d.start < position or not _claimed_elsewhere(parse, head, d)
    ]
    own = [d for d in dates if _in_region(parse, clause_region(parse, head), d)]
    free = [d for d in own if not _claimed_elsewhere(parse, head, d)]
    if free:
        return _closest(parse, head, free), False
    leading = _leading_date(parse, head, dates)
    if leading is not None:
        return leading, False
    if own:
        return _chain_date(dates, position), False
    counted = _counted_from_named(parse, head, dates)
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
                d for d in dates if _in_region(parse, clause_region(parse, child), d)
            ]
            if shared:
                return _nearest(shared, position), False
    token = parse.tokens[head]
    if token.dep in ("conj", "xcomp", "advcl") and token.head != head:
        earlier = [
            d
            for d in dates
            if d.start < position
            and _in_region(parse, clause_region(parse, token.head), d)
        ]
        if earlier:
            return _after_span(parse, head, earlier[-1]), False
    after = _after_clause(parse, head, dates) or _in_which(parse, head, dates)
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


def _measured(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "arrested on 2 November, one day after Fitin was appointed": a clause
    N days after (or before) another takes that one's date, moved back by N."""
    token = parse.tokens[head]
    marks = [parse.tokens[m].text.lower() for m in parse.children(head, "mark")]
    if token.dep != "advcl" or not {"after", "before"} & set(marks):
        return None
    sign = -1 if "after" in marks else 1
    for measure in parse.children(head, "npadvmod"):
        relative = _measure(parse, measure, sign)
        if relative is None:
            continue
        region = clause_region(parse, token.head)
        main = [d for d in dates if _in_region(parse, region, d) and d.edtf]
        if not main:
            return None
        value = resolve(relative, main[0].edtf or "")
        return Dated(main[0].start, main[0].end, value, True) if value else None
    return None


def _counted_from_named(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "became head in Leningrad ten days after the murder of Kirov (1 December
    1934)": a step N days (weeks, months) after or before a dated thing."""
    for prep in parse.children(head, "prep"):
        word = parse.tokens[prep].text.lower()
        if word not in ("after", "before"):
            continue
        inner = [
            d
            for d in dates
            if d.edtf and _in_region(parse, set(parse.subtree(prep)), d)
        ]
        for measure in parse.children(prep, "npadvmod"):
            relative = _measure(parse, measure, 1 if word == "after" else -1)
            value = (
                resolve(relative, inner[0].edtf or "") if relative and inner else None
            )
            if value:
                return Dated(inner[0].start, inner[0].end, value, True)
    return None


def _measure(parse: Parse, measure: int, sign: int) -> RelativeDate | None:
    """ "ten days", "two weeks", "a month" as a signed offset, or None ("a few
    days" says no number)."""
    unit = parse.tokens[measure].text.lower().rstrip("s")
    numbers = parse.children(measure, "nummod", "det")
    words = {parse.tokens[i].text.lower() for i in parse.subtree(measure)}
    if unit not in ("day", "week", "month", "year") or not numbers or words & VAGUE:
        return None
    count = NUMBERS.get(parse.tokens[numbers[0]].text.lower(), 0)
    if not count:
        return None
    offset = sign * count * (7 if unit == "week" else 1)
    return RelativeDate(0, 0, "day" if unit in ("day", "week") else unit, offset)


def since_date(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "had been with the NKVD since 1935": a state held since a date began then."""
    for child in parse.children(head, "prep"):
        if parse.tokens[child].text.lower() not in ("since", "с"):
            continue
        inner = [d for d in dates if _in_region(parse, set(parse.subtree(child)), d)]
        if inner and inner[0].relative is None:
            return inner[0]
    return None


def _after_clause(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "arrested shortly after Stalin visited the canal on 22 April": about then;
    "arrested when his patron fell in June": then."""
    for child in parse.children(head, "advcl", "prep"):
        words = {parse.tokens[child].text.lower()} | {
            parse.tokens[m].text.lower() for m in parse.children(child, "mark")
        }
        inner = [d for d in dates if _in_region(parse, set(parse.subtree(child)), d)]
        if _when_clause(parse, child) and inner and not _state_before(parse, head):
            return inner[0]
        if "after" not in words:
            continue
        if inner and inner[0].edtf:
            edtf = inner[0].edtf
            if _period_held(parse, child):
                edtf = edtf.partition("/")[2] or edtf
            return Dated(inner[0].start, inner[0].end, soon_after(edtf), True)
    return None


def _period_held(parse: Parse, clause: int) -> bool:
    """ "after serving there from 1930 to 1934", "after two years (1932-1934) in
    Minsk": the clause tells how long something lasted, so what follows comes
    after the period's end, not after some day inside it."""
    words = {parse.tokens[t].text.lower() for t in parse.subtree(clause)}
    return bool(words & DURATION) or ("from" in words and bool(words & UNTIL))


def _state_before(parse: Parse, head: int) -> bool:
    """ "had been the rezident when he broke with Moscow": a state or a
    pluperfect held before the "when", not a step taken then."""
    helpers = [parse.tokens[i].text.lower() for i in parse.children(head, "aux")]
    copula = parse.tokens[head].text.lower() in ("was", "were", "been", "is")
    return copula or "had" in helpers or bool(parse.children(head, "attr", "acomp"))


def _when_clause(parse: Parse, index: int) -> bool:
    """Whether a clause is opened by "when" (parsed as its mark or adverb)."""
    return parse.tokens[index].dep == "advcl" and any(
        parse.tokens[m].text.lower() == "when"
        for m in parse.children(index, "mark", "advmod")
    )


def soon_after(edtf: str) -> str:
    """The month of a date a short while (up to ten days) after `edtf`: certain
    when the date is early enough in its month, else approximate. A month or a
    year holds what follows soon after it ("after his death in July 1926 he
    became ..." is dated July 1926, as sources date it). Soon after a span is
    soon after some day in it: the span, its end soon after its own."""
    first, slash, last = edtf.partition("/")
    if slash:
        return f"{first}/{soon_after(last)}" if last not in ("", "..") else edtf
    plain = QUALIFIERS.sub("", edtf)
    if len(plain) <= 7:
        return plain
    day = plain[8:10]
    early = day.isdigit() and int(day) <= SOON
    return plain[:7] if early else plain[:7] + "~"


def _described_date(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "организованного им в августе 1940 года убийства", "the raid carried out
    in May 1938": a participle that describes an event noun tells when it was."""
    for participle in parse.children(head, "acl"):
        if parse.tokens[participle].pos != "VERB":
            continue
        region = clause_region(parse, participle)
        inside = [d for d in dates if _in_region(parse, region, d)]
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
    found = [d for d in dates if _in_region(parse, region, d)]
    return _nearest(found, token.start)


def name_date(text: str, name_end: int, dates: list[Dated], limit: int) -> Dated | None:
    """A date right after a listed name: in a bracket (not the person's life
    dates), or a gapped "and X in 1939"."""
    bracket = re.match(r"\s*\(([^()]*)\)", text[name_end:limit])
    if bracket is not None:
        if life_dates(text, name_end) is not None:
            return None
        inside = [
            d
            for d in dates
            if name_end + bracket.start(1) <= d.start < name_end + bracket.end(1)
            and not re.search(
                r"(?:since|from)\s+$", text[max(0, d.start - 7) : d.start]
            )
        ]
        return inside[-1] if inside else None
    for date in dates:
        if date.start < name_end or date.start > limit:
            continue
        gap = text[name_end : date.start]
        if BETWEEN_NAME_AND_DATE.match(gap) and len(gap) <= 12 and "," not in gap:
            return date
        return None
    return None


def opening_date(dates: list[Dated], sentence_start: int) -> Dated | None:
    """The date that opens a sentence ("On 25 September ...", "Two days later, ...")."""
    for date in dates:
        if sentence_start <= date.start <= sentence_start + OPENING:
            return date
    return None
