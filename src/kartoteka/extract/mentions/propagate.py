"""Names made consistent across a document, after each passage has been read.

A name recognised once is found everywhere else it stands in the document (the
model misses many repeats); `typevotes` gives each name one type first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kartoteka.extract.mentions.gazetteer import ranks
from kartoteka.extract.mentions.spans import TakenSpans, make_mention
from kartoteka.model import Document, Mention

LOWER_WORD = re.compile(r"\b[a-zа-яё][\w'’-]*\b")
WORD = re.compile(r"\w+")
NAME_GOES_ON = re.compile(r"[\w-]")


def _propagated_names(document: Document, mentions: Iterable[Mention]) -> list[str]:
    """Names worth looking for everywhere in the document, longest first."""
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
    return sorted(names, key=len, reverse=True)


class NameFinder:
    """Finds whole-word occurrences of many names in a text in one pass.

    Names are filed under their first word, so each word of the text costs one
    lookup however many names the document has (one regex alternating thousands
    of names tries each of them at every word). Where several names begin at a
    word the longest that stands there wins, and matches do not overlap.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.by_word: dict[str, list[str]] = {}
        for name in names:
            word = WORD.match(name)
            if word is not None:
                self.by_word.setdefault(word.group(), []).append(name)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        end = 0
        for word in WORD.finditer(text):
            start = word.start()
            names = self.by_word.get(word.group())
            if names is None or start < end or text[start - 1 : start] == "-":
                continue
            for name in names:
                after = start + len(name)
                if text.startswith(name, start) and not NAME_GOES_ON.match(text, after):
                    yield start, after
                    end = after
                    break


def propagate(document: Document, mentions: list[Mention]) -> list[Mention]:
    """Find every other occurrence of the names already recognised in the document."""
    finder = NameFinder(_propagated_names(document, mentions))
    if not finder.by_word:
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
        for low, high in finder.finditer(passage.clean):
            start, end = passage.original_span(low, high)
            if taken.overlaps(start, end):
                continue
            kind = types.get(passage.clean[low:high], "person")
            added.append(make_mention(document, passage, low, high, kind, "propagated"))
            taken.add(start, end)
    return added
