"""Different numbers for one quantity: "36,761 officers were dismissed" against
"33,947 officers were dismissed", each number with its reporter.

Figures attached to a quantity noun are read from the stored passages
(data/quantities.yaml). Figures of one measure that stand close together in one
document are taken as one quantity; they disagree when their values differ and
the source gives them as different accounts: different reporters, or an
alternative written beside a figure ("33,947 (or 33,460)"). Several counts the
author simply adds up, with no one else cited, are no conflict.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from kartoteka.analysis.conflicts.accounts import (
    Split,
    starting_in,
    stored_mentions,
)
from kartoteka.analysis.conflicts.cues import folded, plain_words, word_pattern, words
from kartoteka.data import load
from kartoteka.extract.events.stance import Placed, reporter
from kartoteka.model import Claim, Conflict, Mention, stable_id

QUOTES = '"“”'
FOOTNOTE = re.compile(r"\W*(?:<sup>)?\s*(\d+)")  # a footnote's number, at its start
BEFORE = 80  # characters before a sentence where "of them" finds its noun
JUDGED = "judged"  # the measure of a sentence that judges the numbers near it
# a time told by an event: "before the June Plenum", "after the war"
PERIOD = re.compile(
    r"(?<!\w)((?i:before|after|prior to|until|до|после))\s+(?:(?i:the)\s+)?"
    r"(?:[A-ZА-ЯЁ\d][\w-]*\s+){0,2}([A-ZА-ЯЁ]?[\w-]+)",
)
DIGIT = re.compile(r"\d")
REACH = 1500  # characters within which figures of one measure are one quantity
Read = dict[str, list[Mention]]  # the mentions of each document read


@dataclass(frozen=True)
class Figure:
    """One number a source gives for a quantity, where it stands and who gives it."""

    document: str
    file: str
    start: int
    end: int
    value: str
    measure: str
    reporter: str | None
    alternative: bool
    evidence: str
    orgs: tuple[tuple[str, str], ...]  # (entity, name) of the organizations named
    at: int = -1  # where it counts as standing: a footnote's figure at its marker
    period: str | None = None  # the time it counts: "before the June Plenum"

    @property
    def place(self) -> int:
        return self.start if self.at < 0 else self.at

    @property
    def id(self) -> str:
        return stable_id(self.document, self.start, self.end, "figure")


@cache
def _patterns() -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    data = load("quantities.yaml")
    spelled = words(data["number_words"])
    number = rf"\d{{1,3}}(?:[,.]\d{{3}})+|\d+(?:\s*[-–]\s*\d+)?|(?:{spelled})"
    qualifier = rf"(?:(?:{words(data['qualifiers'])})\s+)?"
    figure = re.compile(
        rf"(?<![\w.,])(?P<figure>{qualifier}[\"“]?(?:{number})[\"”]?)"
        rf"(?:\s*\((?:or|или)\s+(?P<alt>\d[\d,.]*)\))?"
        rf"(?P<tail>\s+(?:[\w’'-]+\s+){{0,3}}?[*_]*(?P<noun>{words(data['nouns'])})(?!\w)"
        rf"|\s+of\s+(?:them|whom))",
        re.I,
    )
    measures = tuple(
        (name, word_pattern(cues)) for name, cues in data["measures"].items()
    )
    return figure, measures


def _measure(text: str) -> str | None:
    """The first measure cue in the text, by position."""
    found = [(m.start(), name) for name, p in _patterns()[1] if (m := p.search(text))]
    return min(found)[1] if found else None


def _noun_before(text: str, first: int) -> str:
    """The last quantity noun just before a sentence ("35,000 Russians. 800 of
    them deserted"): what its "of them" counts."""
    found = list(_nouns().finditer(text, max(0, first - BEFORE), first))
    return found[-1].group(0) if found else ""


def _period(sentence: str) -> str | None:
    """The event a sentence counts before or after ("before the Plenum")."""
    found = PERIOD.search(sentence)
    return f"{found.group(1)} {found.group(2)}".lower() if found else None


@cache
def _judging() -> re.Pattern[str]:
    """A sentence that judges a number ("overestimated the number of X", "the
    figures were inflated")."""
    data = load("quantities.yaml")["judging"]
    verb = rf"(?:{words(data['verbs'])})"
    thing = rf"(?:{words(data['objects'])})"
    gap = r"(?!\w)(?:\W+\w+){0,2}?\W+"
    return re.compile(rf"(?<!\w)(?:{verb}{gap}{thing}|{thing}{gap}{verb})(?!\w)", re.I)


@cache
def _plain() -> tuple[re.Pattern[str], ...]:
    """The plain words of a figure (what it counts, its number: a digit or
    a word) and of a sentence judging numbers (its verb and what it judges)."""
    data = load("quantities.yaml")
    return (
        plain_words([*data["nouns"], "them", "whom"]),
        DIGIT,
        plain_words(data["number_words"]),
        plain_words(data["judging"]["verbs"]),
        plain_words(data["judging"]["objects"]),
    )


def _may_count(low: str | None, first: int, last: int) -> bool:
    """Whether a sentence of the `folded` text may give a figure or judge
    numbers: most hold neither, and plain searches tell so."""
    if low is None:
        return True
    noun, digit, number, verb, thing = _plain()
    counted = noun.search(low, first, last) and (
        digit.search(low, first, last) or number.search(low, first, last)
    )
    return bool(counted) or all(p.search(low, first, last) for p in (verb, thing))


@cache
def _nouns() -> re.Pattern[str]:
    return word_pattern(load("quantities.yaml")["nouns"])


def figures(
    db: sqlite3.Connection,
    org: str | None = None,
    read: Read | None = None,
    split: Split | None = None,
) -> Iterator[Figure]:
    """Every figure in the readable passages of the knowledge base (or of the
    documents that name one organization); `read` keeps the mentions read,
    `split` the passages' sentences."""
    split = Split() if split is None else split
    where, params = (
        ("WHERE id IN (SELECT document FROM mentions WHERE entity = ?)", (org,))
        if org
        else ("", ())
    )
    for document, file, text in db.execute(
        f"SELECT id, file, text FROM documents {where}", params
    ):
        low = folded(text, list(_plain()))
        if not _may_count(low, 0, len(text)):
            continue  # no sentence of it may: its mentions and passages go unread
        mentions = document_mentions(db, document, read)
        markers = dict(
            db.execute(
                "SELECT number, start FROM footnote_refs WHERE document = ?",
                (document,),
            ).fetchall()
        )
        for start, end, kind in db.execute(
            "SELECT start, end, kind FROM passages WHERE document = ?"
            " AND kind != 'boilerplate' ORDER BY start",
            (document,),
        ).fetchall():
            number = FOOTNOTE.match(text, start) if kind == "footnote" else None
            at = markers.get(number.group(1), -1) if number else -1
            for first, last in split.sentences(document, text, start, end):
                if not _may_count(low, first, last):
                    continue
                for found in _in_sentence(document, file, text, first, last, mentions):
                    yield replace(found, at=at)


def document_mentions(
    db: sqlite3.Connection, document: str, read: Read | None = None
) -> list[Mention]:
    """The persons and organizations named in one document, in text order;
    `read` keeps the documents read (the quantities, the reasons and the
    allegiances each read every document's)."""
    if read is not None and document in read:
        return read[document]
    rows = db.execute(
        """SELECT m.document, m.start, m.end, m.text, e.name, m.type, m.language,
                  m.source, m.entity FROM mentions m JOIN entities e ON e.id = m.entity
           WHERE m.document = ? AND m.type IN ('person', 'org') ORDER BY m.start""",
        (document,),
    )
    found = stored_mentions(rows)
    if read is not None:
        read[document] = found
    return found


def _in_sentence(
    document: str, file: str, text: str, first: int, last: int, mentions: list[Mention]
) -> Iterator[Figure]:
    sentence = text[first:last]
    figure, _ = _patterns()
    found = list(figure.finditer(sentence))
    judged = _judging().search(sentence) if not found else None
    if judged is not None:
        yield Figure(
            document, file, first, last, judged.group(0).lower(), JUDGED, None,
            False, " ".join(sentence.split()), (),
        )  # fmt: skip
    if not found:
        return
    inside = [m for m in starting_in(mentions, first, last + 1) if m.end <= last]
    said = reporter(sentence, first, [Placed(m.start, m.end, m) for m in inside])
    orgs = tuple((m.key or "", m.name) for m in inside if m.type == "org" and m.key)
    noun = ""
    for i, match in enumerate(found):
        stop = found[i + 1].start() if i + 1 < len(found) else len(sentence)
        clause = re.split(r"[;:]", sentence[match.start() : stop])[0]
        measure = _measure(clause)
        noun = match.group("noun") or noun or _noun_before(text, first)
        if measure is None or not noun:
            continue
        values = [(match.group("figure"), match.start("figure"), match.end())]
        if match.group("alt"):
            values.append((match.group("alt"), match.start("alt"), match.end("alt")))
        period = _period(sentence)
        for value, start, end in values:
            yield Figure(
                document, file, first + start, first + end,
                f"{value.strip(QUOTES)} {noun.lower()}", measure,
                said.text if said else None, bool(match.group("alt")),
                " ".join(sentence.split()), orgs, period=period,
            )  # fmt: skip


def quantity_conflicts(
    db: sqlite3.Connection,
    org: str | None = None,
    skip: frozenset[str] = frozenset(),
    read: Read | None = None,
    split: Split | None = None,
) -> list[Conflict]:
    """Figures of one measure, close together in one document, that disagree
    (about one organization, or any); `skip` holds rejected figures' ids,
    `read` the documents' mentions read, `split` the passages' sentences."""
    out = []
    found = [f for f in figures(db, org, read, split) if f.id not in skip]
    judged = _Judged([f for f in found if f.measure == JUDGED])
    counted = [f for f in found if f.measure != JUDGED]
    for run in _groups(sorted(counted, key=lambda f: (f.file, f.measure, f.place))):
        group = _disagreeing(run)
        if not group:
            continue
        orgs = Counter(org for f in group for org in f.orgs)
        if not orgs:
            continue
        (about, name), _ = orgs.most_common(1)[0]
        if org not in (None, about):
            continue
        measure = group[0].measure
        verb = measure if measure == "defected" else f"were {measure}"
        question = f"how many {verb} ({name})"
        claims = tuple(
            Claim(f.id, f.document, f.file, f.start, f.end, f.value, "asserted",
                  f.evidence, f.reporter)
            for f in [*group, *judged.near(group)]
        )  # fmt: skip
        out.append(Conflict(about, name, "quantity", question, claims))
    return out


def _disagreeing(group: list[Figure]) -> list[Figure]:
    """The figures of a run that disagree: all of them where they differ and
    come from different reporters or stand as alternatives; else those that
    give different numbers for one time ("before the Plenum")."""
    values = {f.value.split()[-2] for f in group}
    told = {f.reporter for f in group}
    if len(values) > 1 and (len(told) > 1 or any(f.alternative for f in group)):
        return group
    by_period: dict[str, list[Figure]] = {}
    for figure in group:
        if figure.period:
            by_period.setdefault(figure.period, []).append(figure)
    return next(
        (same for same in by_period.values() if len({f.value for f in same}) > 1), []
    )


class _Judged:
    """The sentences that judge numbers, by file and place: those near a group
    are found by bisection (a pass over all of them for every group grows with
    the square of a large document's figures)."""

    def __init__(self, judged: list[Figure]) -> None:
        self.judged = judged
        self.by_file: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for index, figure in enumerate(judged):
            self.by_file[figure.file].append((figure.place, index))
        for places in self.by_file.values():
            places.sort()

    def near(self, group: list[Figure]) -> list[Figure]:
        """The judging sentences ("may well have overestimated the number")
        standing within REACH of a group's figures, in the order found."""
        first, last = group[0].place - REACH, group[-1].place + REACH
        places = self.by_file.get(group[0].file, [])
        low = bisect_left(places, (first, -1))
        high = bisect_right(places, (last, len(self.judged)))
        return [self.judged[index] for index in sorted(i for _, i in places[low:high])]


def _groups(found: list[Figure]) -> Iterator[list[Figure]]:
    """Runs of figures of one measure in one file, each within REACH of the last."""
    group: list[Figure] = []
    for figure in found:
        if group and (
            (figure.file, figure.measure) != (group[-1].file, group[-1].measure)
            or figure.place - group[-1].place > REACH
        ):
            yield group
            group = []
        group.append(figure)
    if group:
        yield group
