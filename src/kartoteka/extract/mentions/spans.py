"""Mentions built from spans of a passage's clean text, mapped to the original."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence

from kartoteka.model import Document, Mention, Passage


def make_mention(
    document: Document,
    passage: Passage,
    start: int,
    end: int,
    kind: str,
    source: str,
    **extra: str | None,
) -> Mention:
    """Build a mention from a span of the passage's clean text."""
    orig_start, orig_end = passage.original_span(start, end)
    clean = " ".join(passage.clean[start:end].split())
    if kind == "person" and cited(passage.clean, start, end):
        extra.setdefault("role", "citation")
    return Mention(
        document=document.id,
        start=orig_start,
        end=orig_end,
        text=document.text[orig_start:orig_end],
        name=extra.pop("name", None) or clean,
        type=kind,
        language=passage.language,
        source=source,
        **extra,
    )


CITED_AFTER = re.compile(r"\s*(?:et al\b|\(\d{4}\)|,\s*[“\"«])")


def cited(text: str, start: int, end: int) -> bool:
    """A name in citation form: `Zemskov, V.`, `A. Orlov et al.`, `V. Zemskov, “T”`."""
    name = text[start:end]
    if "," in name:
        return True
    return bool(CITED_AFTER.match(text, end))


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


class TakenSpans:
    """Spans already claimed in a document, sorted, so that testing a new span
    for overlap costs a few comparisons however long the document is."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.longest = max((end - start for start, end in self.spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self.spans, (end,))
        while index > 0:
            index -= 1
            s, e = self.spans[index]
            if s + self.longest <= start:
                return False
            if start < e:
                return True
        return False

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)


def by_passage(
    passages: Sequence[Passage], mentions: Iterable[Mention]
) -> list[list[Mention]]:
    """The mentions inside each passage (its own characters, not a caption set in
    it), in order of their start."""
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    found = []
    for passage in passages:
        low = bisect_left(starts, passage.start)
        high = bisect_right(starts, passage.end)
        found.append(
            [
                m
                for m in ordered[low:high]
                if m.end <= passage.end and passage.holds(m.start, m.end)
            ]
        )
    return found
