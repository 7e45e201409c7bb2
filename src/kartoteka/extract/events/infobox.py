"""Birth and death from the labelled lines of an infobox or a card.

Encyclopedia pages and reference cards open with lines like `Born | 3 May 1890`,
`Death Date: 1938-06-09`, `b. 3 May 1890, Tver, d. 9 June 1938`, `Дата рождения:
3 мая 1890`. They name nobody, or name the person by a birth name: they are
about the person the page is about. The date is the first one after the label,
on its line or, after a bare label (`Born |`), on the next. A `Cause of death |
Execution` line says what kind of death the card's death was. A `Spouse(s)`
or `Political party` line names whom the person married or which parties
the person joined.
"""

from __future__ import annotations

import re
from functools import cache

from kartoteka.extract.dates.find import DateMention, find_dates
from kartoteka.extract.events.lexicon import alternatives, triggers, vocabulary
from kartoteka.model import Document, Event, Mention, Passage

LABELS = {
    "born": r"born|birth\s+date|date\s+of\s+birth|b\.|дата\s+рождения",
    "died": r"died|death\s+date|date\s+of\s+death|d\.|дата\s+смерти",
}
# A label opens a line or follows a list mark, a bar or a semicolon of a card
# line; after a comma only an abbreviation is a label ("Tver, d. 1938"): "Ivanov,
# born in Tver" is prose about whoever it names.
LABEL = re.compile(
    r"(?:^|\n|[|,;]\s*)[-*•\s]*(?P<label>"
    + "|".join(f"(?P<{kind}>{words})" for kind, words in LABELS.items())
    + r")(?![\w])\s*[:|]?\s*",
    re.I,
)
CAUSE = re.compile(
    r"(?:^|\n|[|;]\s*)[-*•\s]*(?:(?:cause|manner)\s+of\s+death|причина\s+смерти)",
    re.I,
)
FATES = ("suicide", "killed", "executed")  # "shot himself" before "shot"
NEAR = 60  # how far after its label a date may stand
CARD = 300  # a card line is short; a label inside a long paragraph is prose


def card_events(document: Document, subject: Mention | None) -> list[Event]:
    """A birth or death for each labelled card line that gives a date."""
    if subject is None:
        return []
    passages = [
        p for p in document.passages if p.kind != "boilerplate" and len(p.clean) <= CARD
    ]
    events = []
    death = _fate(passages) or "died"
    for index, passage in enumerate(passages):
        for label in LABEL.finditer(passage.clean):
            if _prose(label):
                continue
            where, offset = passage, label.end()
            if not passage.clean[offset:].strip(" |:") and index + 1 < len(passages):
                where, offset = passages[index + 1], 0
            date = _date_after(where.clean, offset)
            if date is None:
                continue
            first = label.start("label") if where is passage else 0
            start, end = where.original_span(first, date.end)
            kind = "born" if label.group("born") else death
            evidence = document.text[start:end]
            events.append(
                Event(document.id, kind, subject, start, end, evidence, date=date.edtf)
            )
    return events


def _fate(passages: list[Passage]) -> str | None:
    """The fate a card's cause-of-death line names (`Execution`, `Suicide`);
    None when it names none of them ("Heart failure", "Gunshot wound")."""
    for passage in passages:
        cause = CAUSE.search(passage.clean)
        if cause is None:
            continue
        value = passage.clean[cause.end() :].split("\n")[0].strip(" |:")
        for fate in FATES:
            if any(t.pattern.search(value) for t in triggers() if t.type == fate):
                return fate
    return None


def _prose(label: re.Match[str]) -> bool:
    """Whether a label after a comma is a word of a sentence, not an abbreviation."""
    opening = label.group().lstrip()
    return opening.startswith(",") and not label.group("label").endswith(".")


def _date_after(text: str, offset: int) -> DateMention | None:
    """The first date within reach of `offset`, on the same line."""
    for date in find_dates(text):
        if offset <= date.start <= offset + NEAR:
            return None if "\n" in text[offset : date.start] else date
    return None


LINE_REACH = 200  # a card line is short: a longer one is prose


def card_lines(
    document: Document, subject: Mention | None, mentions: list[Mention]
) -> list[Event]:
    """ "Spouse(s) Anna Kotova", "Political party CPSU": a card line whose label
    (`card_lines` in events.yaml) names the person's spouses or parties; a
    marriage of each spouse and of the page's person, or a joining of each party,
    both undated. The line is the evidence."""
    if subject is None:
        return []
    events = []
    for passage in document.passages:
        if passage.kind == "boilerplate":
            continue
        start = passage.start
        for line in document.text[passage.start : passage.end].split("\n"):
            end = start + len(line)
            if len(line) <= LINE_REACH:
                span = (start, end)
                events += _line(document, passage.language, span, subject, mentions)
            start = end + 1
    return events


def _line(
    document: Document,
    language: str,
    span: tuple[int, int],
    subject: Mention,
    mentions: list[Mention],
) -> list[Event]:
    """The events of one card line, if its label is one of `card_lines`."""
    start, end = span
    for kind, label in _line_labels(language).items():
        found = label.match(document.text, start, end)
        if found is None:
            continue
        after = [m for m in mentions if found.end() <= m.start and m.end <= end]
        if not after or min(m.start for m in after) != found.end():
            return []  # the value opens with the name: "Party purges hit ..." is prose
        evidence = document.text[start:end].rstrip()
        stop = start + len(evidence)
        if kind == "married":
            spouses = [m for m in after if m.type == "person"]
            return [
                Event(document.id, kind, who, start, stop, evidence)
                for who in ([subject, *spouses] if spouses else [])
            ]
        return [
            Event(document.id, kind, subject, start, stop, evidence, org=m)
            for m in after
            if m.type == "org"
        ]
    return []


@cache
def _line_labels(language: str) -> dict[str, re.Pattern[str]]:
    """Each kind's card-line labels, as a pattern that opens a line."""
    raw = vocabulary().get("card_lines", {})
    return {
        kind: re.compile(
            r"\s*(?:" + alternatives(list(forms.get(language, []))).pattern + r")"
            r"\s*[:|]?\s*",
            re.I,
        )
        for kind, forms in raw.items()
    }
