"""A large document extracted in parts, and the parts merged into one extraction.

Extracting one document is one worker's job, so a book would keep one core busy
for hours while the others idle. A document is cut into parts of about
`PART_CHARS` characters of its text: part `k` keeps what starts in the k-th
stretch, reads the passages that begin there, and first reads a few passages
before them (for the story's year and topic, and for a passage that runs into
the stretch) without keeping what it finds in those. Each part is extracted on
its own, in a worker like a file.

Merging the parts restores what extraction knows document-wide: a name the
document uses for a person is a person everywhere, a name recognised in one
part is found in every other (so a surname standing alone is there for
resolution to refer back to the full name given earlier), and restatements in
different parts merge into one event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kartoteka.extract import Extraction, extract
from kartoteka.extract.events.merge import merge_events
from kartoteka.extract.mentions.propagate import propagate
from kartoteka.extract.mentions.typevotes import consistent_types
from kartoteka.model import Document, Passage

PART_CHARS = 100_000
LEAD_CHARS = 4_000  # of clean text read before a part, for its context


def part_count(size: int) -> int:
    """How many parts a document of `size` characters is cut into. The size of a
    file in bytes is a bound on its characters, so it may be given unread."""
    return max(1, -(-size // PART_CHARS))


def extract_part(document: Document, index: int, count: int) -> Extraction:
    """What part `index` of `count` keeps: mentions, events, name links and ties that
    start in its stretch of the text. Part 0 carries the whole document for the
    merge; the others carry the document without its text."""
    if count == 1:
        return extract(document)
    low = index * PART_CHARS
    high = low + PART_CHARS if index < count - 1 else len(document.text) + 1
    passages = _part_passages(document.passages, low, high)
    carried = document if index == 0 else _without_text(document)
    if not passages:
        return Extraction(carried, (), (), ())
    found = extract(replace(document, passages=passages))
    return Extraction(
        carried,
        tuple(m for m in found.mentions if low <= m.start < high),
        tuple(e for e in found.events if low <= e.start < high),
        tuple(link for link in found.links if low <= link.start < high),
        found.warnings,
        tuple(r for r in found.relations if low <= r.start < high),
    )


def _part_passages(
    passages: Sequence[Passage], low: int, high: int
) -> tuple[Passage, ...]:
    """The passages beginning in `[low, high)`, after those read for context."""
    own = [i for i, p in enumerate(passages) if low <= p.start < high]
    first = own[0] if own else sum(1 for p in passages if p.start < low)
    lead: list[Passage] = []
    read = 0
    for i in range(first - 1, -1, -1):
        passage = passages[i]
        if passage.end <= low and (not own or read >= LEAD_CHARS):
            break
        lead.append(passage)
        read += len(passage.clean)
    return (*reversed(lead), *(passages[i] for i in own))


def _without_text(document: Document) -> Document:
    return replace(document, text="", passages=(), footnote_refs=())


def merge_parts(parts: Sequence[Extraction]) -> Extraction:
    """One extraction of the document from the extractions of its parts, in order."""
    if len(parts) == 1:
        return parts[0]
    document = parts[0].document
    mentions = consistent_types(
        sorted((m for p in parts for m in p.mentions), key=lambda m: (m.start, m.end))
    )
    mentions += propagate(document, mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    events = merge_events([e for p in parts for e in p.events])
    links = tuple(link for p in parts for link in p.links)
    warnings = tuple(dict.fromkeys(w for p in parts for w in p.warnings))
    relations = tuple(r for p in parts for r in p.relations)
    return Extraction(
        document, tuple(mentions), tuple(events), links, warnings, relations
    )
