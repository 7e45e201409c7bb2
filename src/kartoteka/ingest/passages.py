"""Units to passages: render, classify (heading, footnote, quote, boilerplate, body),
tag the language, and pick the document title."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from kartoteka.model import FootnoteRef, Passage

from .boilerplate import Candidate, load_rules, mark
from .bounded import cut_rendered
from .edits import EditIndex
from .language import foreign_script, language_of, letter_counts
from .render import Rendered, render
from .units import Unit

HEADING_MAX_CHARS = 120
HEADING_MAX_WORDS = 14
_TRAILING_CLOSERS = "\"'”’»)]*"


@dataclass
class _Draft:
    """A rendered unit on its way to becoming a passage."""

    unit: Unit
    rendered: Rendered
    kind: str
    counts: tuple[int, int, int]


def build_passages(
    text: str, units: Sequence[Unit], edits: EditIndex, fmt: str
) -> tuple[tuple[Passage, ...], list[FootnoteRef]]:
    """Render every unit; return its passages and the footnote markers removed."""
    drafts: list[_Draft] = []
    refs: list[FootnoteRef] = []
    for unit, rendered in _rendered(text, units, edits):
        refs.extend(
            FootnoteRef(start, end, number) for start, end, number in rendered.refs
        )
        kind = _kind(unit, rendered.clean, fmt)
        drafts.append(_Draft(unit, rendered, kind, letter_counts(rendered.clean)))
    candidates = [
        Candidate(
            d.rendered.clean, d.kind, d.unit.boilerplate, foreign_script(d.counts)
        )
        for d in drafts
    ]
    flags = mark(candidates, load_rules())
    fallback = _main_language(drafts)
    passages = tuple(
        _passage(draft, "boilerplate" if flag else draft.kind, fallback)
        for draft, flag in zip(drafts, flags, strict=True)
    )
    return passages, refs


def _rendered(
    text: str, units: Sequence[Unit], edits: EditIndex
) -> Iterator[tuple[Unit, Rendered]]:
    """Each unit with text, rendered; a unit too long to read at once in pieces,
    each standing as a unit of its own span."""
    for unit in units:
        rendered = render(text, unit, edits)
        if not rendered.clean:
            continue
        for piece in cut_rendered(text, rendered):
            if piece is rendered:
                yield unit, rendered
            else:
                yield replace(unit, start=piece.starts[0], end=piece.ends[-1]), piece


def _passage(draft: _Draft, kind: str, fallback: str) -> Passage:
    """Freeze a draft into the model's Passage."""
    rendered = draft.rendered
    return Passage(
        start=draft.unit.start,
        end=draft.unit.end,
        kind=kind,
        language=language_of(draft.counts) or fallback,
        clean=rendered.clean,
        starts=rendered.starts,
        ends=rendered.ends,
        note=draft.unit.note if kind == "footnote" else None,
    )


def _kind(unit: Unit, clean: str, fmt: str) -> str:
    """The reader's kind, or "heading" for a plain-text line that reads like one."""
    if unit.kind != "body":
        return unit.kind
    if (
        fmt == "text"
        and unit.lines == 1
        and not unit.listed
        and looks_like_heading(clean)
    ):
        return "heading"
    return "body"


def looks_like_heading(clean: str) -> bool:
    """A short line with a letter, not starting lowercase, without end punctuation."""
    if len(clean) > HEADING_MAX_CHARS or len(clean.split()) > HEADING_MAX_WORDS:
        return False
    if clean[0].islower() or not any(ch.isalpha() for ch in clean):
        return False
    body = clean.rstrip(_TRAILING_CLOSERS)
    return bool(body) and body[-1] not in ".,;:!?…"


def _main_language(drafts: Sequence[_Draft]) -> str:
    """The language of most letters, for passages that have no letters of their own."""
    latin = sum(d.counts[0] for d in drafts)
    cyrillic = sum(d.counts[1] for d in drafts)
    return "ru" if cyrillic > latin else "en"


def pick_title(passages: Sequence[Passage], hint: str = "") -> str:
    """The reader's title if it found one, else the first heading, else a short line."""
    if hint:
        return hint
    readable = [p for p in passages if p.kind != "boilerplate"]
    for passage in readable:
        if passage.kind == "heading" and sum(ch.isalpha() for ch in passage.clean) >= 2:
            return passage.clean
    for passage in readable:
        if len(passage.clean) <= HEADING_MAX_CHARS:
            return passage.clean
    return readable[0].clean[:HEADING_MAX_CHARS] if readable else ""
