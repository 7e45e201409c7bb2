"""Dates counted from another thing the clause names: "one day after Fitin was
appointed", "ten days after the murder of Kirov (1 December 1934)", "shortly after
he visited the canal on 22 April", "when his patron fell in June".
"""

from __future__ import annotations

from kartoteka.extract.dates.relative import NUMBERS, RelativeDate, resolve
from kartoteka.extract.events.dated import QUALIFIERS, Dated, in_region
from kartoteka.extract.events.grammar import clause_region
from kartoteka.extract.nlp.parse import Parse

VAGUE = {"few", "several", "couple"}  # "a few days after": no count to add
SOON = 20  # "shortly after 1 August" stays in August; after 22 April it may not
DURATION = {"years", "months", "weeks", "year", "month"}  # "after two years there"
UNTIL = {"to", "until", "till"}  # "from 1930 to 1934": a period, not a point


def measured_date(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
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
        main = [d for d in dates if in_region(parse, region, d) and d.edtf]
        if not main:
            return None
        value = resolve(relative, main[0].edtf or "")
        return Dated(main[0].start, main[0].end, value, True) if value else None
    return None


def counted_from_named(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "became head in Leningrad ten days after the murder of Kirov (1 December
    1934)": a step N days (weeks, months) after or before a dated thing."""
    for prep in parse.children(head, "prep"):
        word = parse.tokens[prep].text.lower()
        if word not in ("after", "before"):
            continue
        inner = [
            d for d in dates if d.edtf and in_region(parse, set(parse.subtree(prep)), d)
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


def after_clause(parse: Parse, head: int, dates: list[Dated]) -> Dated | None:
    """ "arrested shortly after Stalin visited the canal on 22 April": about then;
    "arrested when his patron fell in June": then."""
    for child in parse.children(head, "advcl", "prep"):
        words = {parse.tokens[child].text.lower()} | {
            parse.tokens[m].text.lower() for m in parse.children(child, "mark")
        }
        inner = [d for d in dates if in_region(parse, set(parse.subtree(child)), d)]
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
