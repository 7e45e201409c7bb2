"""One statement per event per document: restatements are merged, not repeated.

A document that tells an arrest and later refers back to "his arrest" states one
arrest. Within a document, events of one type about one person (by surname)
merge when their dates may be the same day and nothing they say differs: the
most precise date wins and the other fields fill each other's gaps. A person
dies once: a plain `died` joins an asserted execution, killing or suicide of the
same person. A denial never merges with an assertion, and two different posts
are two appointments.
"""

from __future__ import annotations

from dataclasses import replace

from kartoteka.edtf import dates_compatible, days_allowed, narrower, parse_edtf
from kartoteka.model import Event, Mention
from kartoteka.resolve.translit import word_keys

ONCE = frozenset({"born", "died", "executed", "killed", "suicide"})
DEATHS = ("executed", "killed", "suicide")
LISTED = ("member", "candidate member")  # the posts member lists give
POSTS = frozenset({"appointed", "dismissed", "awarded", "joined", "expelled"})


def person_key(person: Mention) -> str:
    """Who an event is about, within one document: the surname, folded."""
    words = person.name.replace("’", "'").split()
    return words[-1].lower().rstrip(".,") if words else ""


def _stances_join(first: Event, second: Event) -> bool:
    if first.stance == second.stance:
        return True
    pair = {first.stance, second.stance}
    return pair == {"asserted", "reported"}


def _fields_join(first: Event, second: Event, references: set[str]) -> bool:
    """Whether two statements of one type may be one event.

    Two different posts (or decorations) are two events; a statement without a
    post joins one with a post only when it is a reference back ("his
    appointment") or both say nothing of a post.
    """
    if not dates_compatible(first.date, second.date):
        return False
    if not _stances_join(first, second):
        return False
    if first.type in ONCE:
        return True
    if first.type in POSTS:
        for field in ("position", "org"):
            a, b = getattr(first, field), getattr(second, field)
            if a is not None and b is not None and _label(a) != _label(b):
                return False
        if _told_twice(first, second):
            return True
        field = "org" if first.type == "joined" else "position"
        a, b = getattr(first, field), getattr(second, field)
        referred = bool({first.id, second.id} & references)
        if (a is None) != (b is None) and not referred:
            return False
        if a is None and first.date is None and second.date and not referred:
            return False  # a post told without a date may be an earlier one
        if a is not None and _label(a) in LISTED and first.start != second.start:
            return False  # two member lists name two bodies
    if first.date is None or second.date is None:
        return True
    return _contains(first.date, second.date) or _contains(second.date, first.date)


def _told_twice(first: Event, second: Event) -> bool:
    """Whether two rules read one statement: the same sentence, name and exact
    date ("the Politburo dismissed Kotov on 8 June and replaced him")."""
    return (
        first.date is not None
        and first.date == second.date
        and first.start == second.start
        and first.person.start == second.person.start
    )


def _contains(outer: str, inner: str) -> bool:
    """Whether every day `inner` allows is a day `outer` allows."""
    try:
        o_start, o_end = parse_edtf(outer)
        i_start, i_end = parse_edtf(inner)
    except ValueError:
        return False
    return o_start <= i_start and i_end <= o_end


def _label(value: object) -> str:
    name = getattr(value, "name", value)
    return " ".join(str(name).lower().split())


def _combine(base: Event, other: Event) -> Event:
    """`base` with the gaps filled from `other` and the narrower of the two dates."""
    date = narrower(base.date, other.date)
    inferred = base.date_inferred if date == base.date else other.date_inferred
    stance = "asserted" if "asserted" in (base.stance, other.stance) else base.stance
    said_by = base if base.reporter else other
    if stance == "asserted":
        said_by = replace(base, reporter=None, reporter_mention=None)
    return replace(
        base,
        date=date,
        date_inferred=inferred,
        agent=base.agent or other.agent,
        org=base.org or other.org,
        place=base.place or other.place,
        position=base.position or other.position,
        stance=stance,
        reporter=said_by.reporter,
        reporter_mention=said_by.reporter_mention,
    )


def _prefer(first: Event, second: Event) -> tuple[Event, Event]:
    """The statement to cite (the more precise date, then the earlier) and the other."""
    if days_allowed(second.date) < days_allowed(first.date):
        return second, first
    return first, second


def merge_events(
    events: list[Event], references: set[str] | None = None
) -> list[Event]:
    """The events of one document with restatements merged, in text order.

    `references` are the ids of events stated by a noun ("his arrest").
    """
    merged: list[Event] = []
    same: dict[tuple[str, str], list[int]] = {}  # (type, person) → places in merged
    for event in sorted(events, key=lambda e: (e.start, e.person.start)):
        places = same.setdefault((event.type, person_key(event.person)), [])
        for index in places:
            if _fields_join(merged[index], event, references or set()):
                base, other = _prefer(merged[index], event)
                merged[index] = _combine(base, other)
                break
        else:
            places.append(len(merged))
            merged.append(event)
    return _deaths(merged)


def _deaths(events: list[Event]) -> list[Event]:
    """A plain death joins the one asserted execution, killing or suicide of its
    person."""
    fates = [e for e in events if e.type in DEATHS and e.stance == "asserted"]
    kept, dropped = [], []
    for event in events:
        if event.type == "died":
            others = [e for e in fates if _same_death(e, event)]
            if len(others) == 1:
                dropped.append(event)
                continue
        kept.append(event)
    result = []
    for event in kept:
        if event.type in DEATHS:
            for death in dropped:
                if _same_death(event, death):
                    event = _combine(event, death)
        result.append(event)
    return result


def _same_death(first: Event, second: Event) -> bool:
    """Whether two deaths may be one: one person (a surname in either script,
    "Artuzov" and "Артузов") at compatible dates."""
    a, b = person_key(first.person), person_key(second.person)
    same = a == b or bool(a and b and word_keys(a) & word_keys(b))
    return same and dates_compatible(first.date, second.date)
