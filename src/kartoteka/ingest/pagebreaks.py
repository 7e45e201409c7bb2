"""Sentences a page break cut in two, joined again: directly, or around a short
block the page set between the halves (a photo caption, a running head).

A scanned book reads "...set up a commission to prepare and, | <caption> | if
necessary, solve...". The halves become one unit whose `pieces` skip the block,
and the block stays a unit of its own, so its text is still read, stored and shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .edits import SUPERSCRIPT_DIGITS
from .passages import HEADING_MAX_CHARS, looks_like_heading
from .units import Unit

_CLOSED_END = ".!?…:;>" + SUPERSCRIPT_DIGITS
INSERT_MAX_CHARS = 400
"""A caption or running head is a line or two; a longer block is prose of its own."""
INSERTS_MAX = 3
"""A page may set a caption, its credit and a running head between the halves."""

# Words after which a page may break before a number ("from 1924 to | 1935").
# fmt: off
_NUMBER_LEADS = frozenset({
    "to", "in", "of", "on", "from", "since", "until", "till", "by", "and", "or", "the",
    "about", "around", "before", "after", "between", "than", "at", "for", "with",
    "under", "over", "nearly", "some", "almost", "only", "в", "с", "до", "по", "к",
    "от", "из", "на", "за", "и", "около", "после", "между"
})
# fmt: on

# What marks a block as a picture's caption, in books of either language: it ends
# in a bracketed credit ("(RGAKFD collection)", "[Courtesy of the Hoover
# Institution]") or in a credit word ("Author's collection."), opens with a figure
# label ("Fig. 3", "Plate 12", "Рис. 4"), or says whose picture it is ("courtesy
# of", "photo by", "Source:", "из собрания"). A credit word elsewhere is not
# enough: "Archive Fellow" is a label line, not a caption.
_BRACKETED_END = re.compile(r"[(\[][^()\[\]]{2,120}[)\]]\s*$")
_CREDIT_END = re.compile(
    r"\b(?:collection|archives?|photo(?:graph)?s?|собрани[ея]|архив[а-я]*)\.?\s*$",
    re.IGNORECASE,
)
_FIGURE_LABEL = re.compile(
    r"(?:fig(?:ure)?|plate|illustration|photo(?:graph)?|map|рис(?:унок)?"
    r"|илл(?:юстрация)?|фото|схема)\.?\s*(?-i:[\dIVXLC]+)\b",
    re.IGNORECASE,
)
_CREDIT_PHRASE = re.compile(
    r"\b(?:courtesy\s+of|photo(?:graph)?(?:ed)?\s+by|(?:photo|source|credit)s?\s*:"
    r"|фото\s*:|из\s+собрани[яй]|источник\s*:)",
    re.IGNORECASE,
)


def join_page_breaks(text: str, units: Sequence[Unit]) -> list[Unit]:
    """Join body units a page break cut mid-sentence, directly or around inserts.

    A block joined around stays in the list, after the unit that now holds both
    halves; `flow` is the unit the running text is in, which later halves join.
    """
    joined: list[Unit] = []
    flow: Unit | None = None
    i = 0
    while i < len(units):
        unit = units[i]
        if flow is not None and _continues(text, flow, unit):
            _extend(flow, unit)
            i += 1
            continue
        count = _inserts(text, flow, units, i) if flow is not None else 0
        if flow is not None and count:
            _join_around(text, flow, units[i : i + count], units[i + count])
            joined.extend(_set_aside(text, units[i : i + count]))
            i += count + 1
            continue
        joined.append(unit)
        flow = unit
        i += 1
    return joined


def _continues(text: str, prev: Unit, unit: Unit) -> bool:
    """True when `prev` leaves its sentence open and `unit` starts lowercase."""
    if not (prev.block_last and unit.block_first):
        return False
    if prev.kind != "body" or unit.kind != "body" or unit.listed:
        return False
    last = text[prev.end - 1]
    if last in _CLOSED_END:
        return False
    first = _first_char(text, unit)
    if last == "-" and text[prev.end - 2 : prev.end - 1].isalpha():
        return first.isalpha()
    return first.islower() or (
        first.isdecimal() and _last_word(text, prev) in _NUMBER_LEADS
    )


def is_caption(clean: str) -> bool:
    """Whether a short block reads like a picture's caption (see the cues above)."""
    return any(
        cue.search(clean) for cue in (_BRACKETED_END, _CREDIT_END, _CREDIT_PHRASE)
    ) or bool(_FIGURE_LABEL.match(clean))


def _inserts(text: str, flow: Unit, units: Sequence[Unit], i: int) -> int:
    """How many units from `i` sit between `flow`'s open sentence and its rest."""
    if not units[i].block_first:
        return 0
    for count in range(1, INSERTS_MAX + 1):
        if i + count >= len(units) or not _insert_like(units[i + count - 1]):
            return 0
        blocks = units[i : i + count]
        if blocks[-1].block_last and _resumes(text, flow, blocks, units[i + count]):
            return count
    return 0


def _insert_like(unit: Unit) -> bool:
    """A short plain unit, as a caption's lines or a running head are."""
    return (
        unit.kind == "body"
        and not unit.listed
        and unit.end - unit.start <= INSERT_MAX_CHARS
    )


def _resumes(text: str, flow: Unit, blocks: Sequence[Unit], after: Unit) -> bool:
    """Whether `after` carries on `flow`'s sentence across `blocks`.

    A lowercase start carries on after any short block, as after a direct page
    break, if the first half reads as prose (a label line may end without a stop)
    or the block as a caption; a capital may start the rest of the sentence too
    ("appointed Ukrainian | Interior People's Commissar"), but only across a
    caption, between two halves that both read as prose.
    """
    if _continues(text, flow, after):
        return _prose(text, flow) or _captioned(text, blocks)
    if not (flow.kind == after.kind == "body" and not after.listed):
        return False
    if not (flow.block_last and after.block_first and _open_word_end(text, flow)):
        return False
    return (
        _first_char(text, after).isupper()
        and _prose(text, flow)
        and _prose(text, after)
        and _captioned(text, blocks)
    )


def _captioned(text: str, blocks: Sequence[Unit]) -> bool:
    """Whether a run of the blocks between blank lines reads as a caption."""
    return any(is_caption(_flat(text, group)) for group in _groups(blocks))


def _open_word_end(text: str, unit: Unit) -> bool:
    """A unit that ends in a word or a comma, not a sentence's end or a closer."""
    last = text[unit.end - 1]
    return last.isalpha() or last == ","


def _prose(text: str, unit: Unit) -> bool:
    """Too long, or too plainly a sentence, to be a heading or a label line."""
    flat = _flat(text, [unit])
    return len(flat) > HEADING_MAX_CHARS or not looks_like_heading(flat)


def _join_around(text: str, flow: Unit, blocks: Sequence[Unit], after: Unit) -> None:
    """Make `flow` hold `after` too, its pieces skipping the blocks between."""
    pieces = flow.pieces or [(flow.start, flow.end, None)]
    last_start, _, repl = pieces[-1]
    if repl is None and text[flow.end - 1] != "-":
        pieces[-1] = (last_start, blocks[0].start, None)  # a space between halves
    pieces.append((after.start, after.end, None))
    flow.pieces = pieces
    flow.end = after.end
    flow.lines += after.lines
    flow.block_last = after.block_last


def _set_aside(text: str, blocks: Sequence[Unit]) -> list[Unit]:
    """The blocks between the halves, each caption made one unit of its own kind."""
    kept: list[Unit] = []
    for group in _groups(blocks):
        if is_caption(_flat(text, group)):
            lines = sum(unit.lines for unit in group)
            kept.append(Unit(group[0].start, group[-1].end, "caption", lines=lines))
        else:
            kept.extend(group)
    return kept


def _groups(blocks: Sequence[Unit]) -> list[list[Unit]]:
    """The blocks in runs between blank lines: a caption's lines are one run."""
    groups: list[list[Unit]] = [[]]
    for block in blocks:
        groups[-1].append(block)
        if block.block_last:
            groups.append([])
    return [group for group in groups if group]


def _extend(flow: Unit, unit: Unit) -> None:
    """Join `unit` to `flow` through the blank lines between them."""
    if flow.pieces:
        start, _, repl = flow.pieces[-1]
        if repl is None:
            flow.pieces[-1] = (start, unit.end, None)
        else:
            flow.pieces.append((flow.end, unit.end, None))
    flow.end = unit.end
    flow.lines += unit.lines
    flow.block_last = unit.block_last


def _first_char(text: str, unit: Unit) -> str:
    """The unit's first character after emphasis marks, or "" if it has none."""
    pos = unit.start
    while pos < unit.end and text[pos] in "*_":
        pos += 1
    return text[pos] if pos < unit.end else ""


def _last_word(text: str, unit: Unit) -> str:
    """The unit's last word, lowercased, to see whether a number would follow it."""
    tail = text[max(unit.start, unit.end - 20) : unit.end].split()
    return tail[-1].lower() if tail else ""


def _flat(text: str, units: Sequence[Unit]) -> str:
    """The text from the first unit to the last on one line, to test cues on."""
    return " ".join(text[units[0].start : units[-1].end].split())
