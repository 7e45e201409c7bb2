"""Names made consistent across a document, after each passage has been read.

A name recognised once is found everywhere else it stands in the document (the
model misses many repeats), and a name the document uses for a person is a
person wherever the model guessed an organization or a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kartoteka.extract.gazetteer import places, ranks
from kartoteka.extract.spans import TakenSpans, make_mention
from kartoteka.model import Document, Mention

LOWER_WORD = re.compile(r"\b[a-zа-яё][\w'’-]*\b")


def _propagation_pattern(
    document: Document, mentions: Iterable[Mention]
) -> re.Pattern[str] | None:
    """Names worth looking for everywhere in the document, as one regex."""
    lowercase_words = {
        w for p in document.passages for w in LOWER_WORD.findall(p.clean)
    }
    names: dict[str, str] = {}
    for mention in mentions:
        if mention.type not in ("person", "org") or mention.source == "gazetteer":
            continue
        clean = mention.name if mention.language == "en" else None
        if not clean:
            continue
        names.setdefault(clean, mention.type)
        last = clean.split()[-1]
        if (
            mention.type == "person"
            and len(last) > 2
            and not last.endswith(".")
            and last.lower() not in lowercase_words
            and last not in ranks()
        ):
            names.setdefault(last, "person")
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w-])"
    )


def propagate(document: Document, mentions: list[Mention]) -> list[Mention]:
    """Find every other occurrence of the names already recognised in the document."""
    pattern = _propagation_pattern(document, mentions)
    if pattern is None:
        return []
    types = {m.name: m.type for m in mentions if m.type in ("person", "org")}
    for m in mentions:
        if m.type == "person":
            types.setdefault(m.name.split()[-1], "person")
    taken = TakenSpans((m.start, m.end) for m in mentions if m.type != "date")
    added = []
    for passage in document.passages:
        if passage.kind == "boilerplate":
            continue
        for match in pattern.finditer(passage.clean):
            start, end = passage.original_span(match.start(), match.end())
            if taken.overlaps(start, end):
                continue
            kind = types.get(match.group(), "person")
            added.append(
                make_mention(
                    document, passage, match.start(), match.end(), kind, "propagated"
                )
            )
            taken.add(start, end)
    return added


def consistent_types(mentions: list[Mention]) -> list[Mention]:
    """A name the document uses for a person is a person wherever the model said else.

    Only the model's guesses are retyped: gazetteer organizations and dates stay.
    """
    person_names = {m.name for m in mentions if m.type == "person"}
    person_names |= {
        m.name.split()[-1]
        for m in mentions
        if m.type == "person" and m.language == "en" and len(m.name.split()) > 1
    }
    return [
        replace(m, type="person")
        if m.type in ("org", "place")
        and m.source in ("spacy", "natasha")
        and m.name in person_names
        and m.name not in places()
        else m
        for m in mentions
    ]
