"""Mentions built from spans of a passage's clean text, mapped to the original."""

from __future__ import annotations

import re
from collections.abc import Sequence

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
