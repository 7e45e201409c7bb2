"""Views set against each other: a source gives what someone holds and corrects
it, or sets another's view beside it.

Two shapes are read from the stored passages (cues in data/views.yaml). One
sentence that gives a view and sets it right ("it has been assumed that A,
whereas in fact B"; "not A, as has been stated by X") is split at the joining
word into two claims. Two neighbouring sentences that give the views of two
different sources, the later one opening with a contrast ("X accused them of
A. But Y acknowledged B"), are a claim each; neighbouring accounts of a death
are left to the fate conflicts. A conflict is about the person its sentences name most,
leaving out who holds the views, else the person the passage names most.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache, partial

from kartoteka.analysis.conflicts.accounts import (
    Spans,
    Split,
    body_passages,
    cause_of,
    sentences,
    starting_in,
    stored_mentions,
)
from kartoteka.analysis.conflicts.cues import folded, plain_words
from kartoteka.data import load
from kartoteka.extract.events.lexicon import reporting_verbs, vocabulary
from kartoteka.extract.events.stance import Placed, reporter
from kartoteka.model import Claim, Conflict, Mention, stable_id

REACH = 40  # characters from a sentence's start within which a contrast opens it
HOLDER_REACH = 30  # characters between a holder's name and the cue of the view
SHOWN = 90
RUN = 3  # views in a row that one opposing sentence answers at most
LEAD_IN = 80  # a shorter opposing sentence leads into the view after it
REFERENT = 2  # sentences before a view set right that it may point back at
PARAGRAPH_END = re.compile(r"\n\s*\n")  # sought between sentences, in place


@dataclass(frozen=True)
class View:
    """A stretch of text that gives a view, and whose view it is."""

    start: int
    end: int
    holder: str | None  # None: the source itself
    holders: frozenset[str]  # entity ids of the holders named, left out of `about`


def _cues(words: list[str]) -> str:
    """Alternatives of the cue words, each a whole word (", but" after any word);
    one boundary check before the words keeps the search fast."""

    def body(group: list[str]) -> str:
        return "|".join(
            re.escape(w.rstrip("*")).replace(r"\ ", r"\s+")
            + (r"\w*" if w.endswith("*") else "")
            for w in sorted(group, key=len, reverse=True)
        )

    wordlike = [w for w in words if w[0].isalnum()]
    other = [w for w in words if not w[0].isalnum()]
    parts = [rf"(?<!\w)(?:{body(wordlike)})"] if wordlike else []
    return "|".join(parts + ([f"(?:{body(other)})"] if other else []))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load("views.yaml")
    out = {}
    for name, by_language in data.items():
        words = [w for ws in by_language.values() for w in ws]
        body = _cues(words)
        start = r"^\W*" if name == "opening" else ""
        if name == "pointing":  # a demonstrative and the noun it points with
            body = rf"(?<!\w)(?:{body})\s+\w+"
        out[name] = re.compile(rf"{start}(?:{body})(?!\w)", re.I)
    return out


@cache
def _may_hold() -> re.Pattern[str]:
    """Any word that may give a view: a cue, a reporting verb or phrase; the
    stretches without one are passed over before the slower reading."""
    words = [*reporting_verbs(), *vocabulary()["reporting"]["before"]]
    held = _patterns()["held"].pattern
    return re.compile(rf"{held}|(?<!\w)(?:{_cues(words)})(?!\w)", re.I)


@cache
def _held_words() -> re.Pattern[str]:
    """The plain words every match of `_may_hold` holds."""
    cues = [
        *reporting_verbs(),
        *vocabulary()["reporting"]["before"],
        *(w for ws in load("views.yaml")["held"].values() for w in ws),
    ]
    return plain_words(cues)


def _mentions(db: sqlite3.Connection, document: str) -> list[Mention]:
    rows = db.execute(
        """SELECT document, start, end, text, name, type, language, source, entity
           FROM mentions WHERE document = ? AND type IN ('person', 'org')
           AND entity IS NOT NULL ORDER BY start""",
        (document,),
    )
    return stored_mentions(rows)


def _holder(text: str, start: int, end: int, mentions: list[Mention]) -> View | None:
    """The view a stretch gives and who holds it, or None when it gives none: the
    reporter the extraction reads, else the name just before a cue ("Stalin in
    his closing words acknowledged"), else the cue ("it has been assumed")."""
    if not _may_hold().search(text, start, end):
        return None
    inside = [Placed(m.start, m.end, m) for m in starting_in(mentions, start, end)]
    said = reporter(text[start:end], start, inside)
    if said is not None:
        key = said.mention.key if said.mention else None
        return View(start, end, said.text, frozenset({key} if key else ()))
    cue = _patterns()["held"].search(text, start, end)
    if cue is None:
        return None
    near = [
        p.mention
        for p in inside
        if p.end <= cue.start() <= p.end + HOLDER_REACH
        and not re.search(r"[.;:]", text[p.end : cue.start()])
    ]
    if near and near[-1].key:
        return View(start, end, near[-1].name, frozenset({near[-1].key}))
    return View(start, end, " ".join(cue.group(0).lower().split()), frozenset())


def _joined(text: str, start: int, end: int, mentions: list[Mention]) -> list[View]:
    """One sentence that gives a view and sets it right, as its two halves."""
    join = _patterns()["joining"].search(text, start, end)
    if join is None or not text[start : join.start()].strip(" ,(—-"):
        return []
    first, second = (start, join.start()), (join.start(), end)
    views = [_holder(text, a, b, mentions) for a, b in (first, second)]
    if not any(views):
        return []
    return [
        v or View(a, b, None, frozenset())
        for v, (a, b) in zip(views, (first, second), strict=True)
    ]


def _referent(text: str, view: View, before: list[tuple[int, int]]) -> list[View]:
    """The sentences just before a view set right that points back at them
    ("X did not begin this line, as is assumed"): what the source itself tells."""
    if not before or not _patterns()["pointing"].search(text, view.start, view.end):
        return []
    return [View(before[0][0], before[-1][1], None, frozenset())]


def _opposed(text: str, start: int, end: int, view: View | None) -> View | None:
    """A sentence that sets its view (`_holder`'s) against the views before it:
    by a contrast that opens it (its view is then the source's own when no one
    holds it), or by calling itself another view."""
    head = text[start : min(end, start + REACH)]
    p = _patterns()
    if p["differing"].search(text, start, end):
        return view
    if p["contrasting"].search(head) or p["opening"].search(head):
        return view or View(start, end, None, frozenset())
    return None


def _leads_in(text: str, against: View, last: int) -> bool:
    """Whether an opposing sentence only announces the view the next one states:
    a short one of the source's ("In reality, the matter was more complicated"),
    or one that ends on its cue ("Y has advocated another point of view")."""
    if against.holder is None and last - against.start < LEAD_IN:
        return True
    cues = list(_patterns()["differing"].finditer(text, against.start, last))
    return bool(cues) and not re.search(r"\w", text[cues[-1].end() : last])


def _answers(against: View, run: list[View], mentions: list[Mention]) -> bool:
    """Whether an opposing view is someone else's than the views it answers: a
    sentence that names their holder ("in Klimov's opinion") goes on with them."""
    if against.holder in {v.holder for v in run}:
        return False
    holders = frozenset().union(*(v.holders for v in run))
    return not any(
        m.key in holders for m in starting_in(mentions, against.start, against.end)
    )


def opposed_views(
    text: str,
    spans: Iterable[tuple[int, int]],
    mentions: list[Mention],
    split: Callable[[int, int], Iterable[tuple[int, int]]] | None = None,
) -> Iterator[list[View]]:
    """The views set against each other in a document's running text: a view
    set right in its own sentence, and a run of others' views (carried over a
    paragraph's end) met by a sentence that opposes them. A view set right
    that points back ("this line") has the sentences before it as a third
    claim. `split` gives a passage's sentences (those split already)."""
    split = partial(sentences, text) if split is None else split
    held = _held_words()
    low = _folded(text)
    run: list[View] = []
    lead: View | None = None  # a short opposing sentence that leads into a view
    before: list[tuple[int, int]] = []  # the passage's sentences so far
    for first, last in (s for a, b in spans for s in split(a, b)):
        before = [s for s in before if not PARAGRAPH_END.search(text, s[1], first)]
        # most sentences hold no cue word: one plain search tells so
        may = low is None or held.search(low, first, last) is not None
        joined = _joined(text, first, last, mentions) if may else []
        if joined:
            yield [*joined, *_referent(text, joined[0], before)]
        before = [*before, (first, last)][-REFERENT:]
        if not run and lead is None:  # nothing to answer: only a new view counts
            view = _holder(text, first, last, mentions) if may else None
            told = view is not None and cause_of(text[first:last]) is None
            run = [view] if told and view is not None else []
            continue
        if cause_of(text[first:last]) is not None:
            run, lead = [], None  # told views of a death are the accounts of a fate
            continue
        if lead is not None:
            view = _holder(text, first, last, mentions) if may else None
            holder = lead.holder or (view.holder if view else None)
            yield [*run, View(lead.start, last, holder, lead.holders)]
            run, lead = [], None
            continue
        view = _holder(text, first, last, mentions) if may else None
        against = _opposed(text, first, last, view) if run else None
        if against is not None and _answers(against, run, mentions):
            if _leads_in(text, against, last):
                lead = against
                continue
            yield [*run, against]
            run = []
            continue
        run = [*run, view][-RUN:] if view is not None else []


def _about(views: list[View], passage: list[Mention]) -> Mention | None:
    """The person the views' sentences name most, holders left out (a tie goes
    to the first named where the source speaks for itself, then to the one the
    passage names more); else the person, or organization, the passage names
    most."""
    holders = frozenset().union(*(v.holders for v in views))
    others = [m for m in passage if m.key not in holders]
    overall = Counter(m.key for m in others)
    own = [
        m.key
        for v in views
        if v.holder is None
        for m in others
        if m.type == "person" and v.start <= m.start < v.end
    ]
    first = own[0] if own else None
    for pool in (
        [
            m
            for m in others
            if m.type == "person" and any(v.start <= m.start < v.end for v in views)
        ],
        [m for m in others if m.type == "person"],
        others,
    ):
        if pool:
            counts = Counter(m.key for m in pool)
            return max(
                pool, key=lambda m: (counts[m.key], m.key == first, overall[m.key])
            )
    return None


def _value(text: str, view: View) -> str:
    """A view's words on one line, cut short for showing."""
    value = " ".join(text[view.start : view.end].split()).strip(" ,;(")
    return value if len(value) <= SHOWN else value[:SHOWN].rsplit(" ", 1)[0] + " …"


def _conflict(
    document: str, file: str, text: str, views: list[View], about: Mention
) -> Conflict:
    claims = tuple(
        Claim(
            stable_id(document, v.start, v.end, "view"),
            document, file, v.start, v.end, _value(text, v),
            "reported" if v.holder else "asserted",
            " ".join(text[v.start : v.end].split()), v.holder,
        )
        for v in views
    )  # fmt: skip
    question = f"what is held about {about.name}"
    return Conflict(about.key or "", about.name, "views", question, claims)


def _near(
    spans: list[tuple[int, int]], mentions: list[Mention], entity: str
) -> list[tuple[int, int]]:
    """The passages that name the entity and the two on either side (a run of
    views carries over a paragraph's end): only there can a view be about it."""
    named = sorted(m.start for m in mentions if m.key == entity)
    keep: set[int] = set()
    for i, (a, b) in enumerate(spans):
        at = bisect_left(named, a)
        if at < len(named) and named[at] < b:
            keep |= {i - 2, i - 1, i, i + 1, i + 2}
    return [span for i, span in enumerate(spans) if i in keep]


def view_conflicts(
    db: sqlite3.Connection, entity: str | None = None, split: Split | None = None
) -> list[Conflict]:
    """Views set against each other (about one entity, or all); `split` keeps
    the passages' sentences split."""
    split = Split() if split is None else split
    where, params = (
        ("WHERE id IN (SELECT document FROM mentions WHERE entity = ?)", (entity,))
        if entity
        else ("", ())
    )
    found = []
    seen: set[tuple[str | None, str]] = set()
    for document, file, text in db.execute(
        f"SELECT id, file, text FROM documents {where} ORDER BY file", params
    ):
        if not _may_give_views(text):
            continue
        mentions = _mentions(db, document)
        passages = body_passages(db, document)
        spans = [(start, end) for start, end, _ in passages.spans]
        read = _near(spans, mentions, entity) if entity else spans
        sentences_of = partial(split.sentences, document, text)
        for views in opposed_views(text, read, mentions, sentences_of):
            around = _holding(passages, views)
            near = [
                m
                for m in starting_in(mentions, *_hull(around))
                if any(a <= m.start < b for a, b in around)
            ]
            earlier = starting_in(mentions, -1, views[0].start)[-1:]
            about = _about(views, near or earlier)
            told = (about.key if about else None, _value(text, views[-1]))
            if about is not None and entity in (None, about.key) and told not in seen:
                seen.add(told)  # a page that repeats a paragraph disagrees once
                found.append(_conflict(document, file, text, views, about))
    return found


def _may_give_views(text: str) -> bool:
    """Whether a text holds a word a view is given with anywhere: most
    documents hold none, and one plain search says so before their mentions
    and passages are read (`opposed_views` finds none in a sentence without)."""
    low = _folded(text)
    return low is None or _held_words().search(low) is not None


@lru_cache(maxsize=1)
def _folded(text: str) -> str | None:
    """The text folded for the view words' search, kept for the last text:
    `view_conflicts` asks it of a whole document, then `opposed_views` again."""
    return folded(text, [_held_words()])


def _holding(passages: Spans, views: list[View]) -> list[tuple[int, int]]:
    """The passages in which a view starts, in their order, found by bisection
    (a pass over every passage for each run of views grows with the square of
    a document's length)."""
    held = {span for v in views for span in passages.around(v.start, v.start + 1)}
    return [(start, end) for start, end, _ in sorted(held, key=_reading_order)]


def _reading_order(span: tuple[int, int, int]) -> tuple[int, int]:
    """A passage's place in `body_passages`: by its start, then its seq."""
    start, _, seq = span
    return start, seq


def _hull(spans: list[tuple[int, int]]) -> tuple[int, int]:
    """From the first start to the last end of some spans (none: nothing)."""
    return min((a for a, _ in spans), default=0), max((b for _, b in spans), default=0)
