"""Normalise text for reading while keeping every character's original span.

Sources hide characters a reader never sees: zero-width spaces and joiners, word
joiners, byte-order marks and bidi marks (Unicode format characters, category
Cf) split a name in two for NLP; decomposed letters (`й` as `и` + breve) miss
every lexicon. Reading drops the former and composes the latter (NFC); a
composed character spans the original characters it was made of.
"""

from __future__ import annotations

import re
import unicodedata
from array import array

# Unicode's format characters (category Cf): invisible, never part of a word.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
# Hangul vowel and final jamo compose in two steps, past the pairwise check below.
_HANGUL_VT = re.compile("[\u1161-\u1175\u11a8-\u11c2]")


def reading_form(text: str) -> str:
    """`text` as reading sees it: without format characters, composed to NFC."""
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def normalise(
    raw: str, starts: array[int], ends: array[int]
) -> tuple[str, array[int], array[int]]:
    """Drop invisible format characters and compose to NFC, mapping spans along."""
    if _INVISIBLE.search(raw) is not None:
        raw, starts, ends = _drop_invisible(raw, starts, ends)
    if unicodedata.is_normalized("NFC", raw):
        return raw, starts, ends
    return _compose(raw, starts, ends)


def _drop_invisible(
    raw: str, starts: array[int], ends: array[int]
) -> tuple[str, array[int], array[int]]:
    """Remove the format characters and their entries in the offset arrays."""
    chunks: list[str] = []
    new_starts: array[int] = array("i")
    new_ends: array[int] = array("i")
    pos = 0
    for match in _INVISIBLE.finditer(raw):
        chunks.append(raw[pos : match.start()])
        new_starts.extend(starts[pos : match.start()])
        new_ends.extend(ends[pos : match.start()])
        pos = match.end()
    chunks.append(raw[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(chunks), new_starts, new_ends


def _compose(
    raw: str, starts: array[int], ends: array[int]
) -> tuple[str, array[int], array[int]]:
    """NFC cluster by cluster; a composed character spans its whole cluster.

    A cluster NFC leaves as more than one character (a letter with two stacked
    marks) is kept as written, so no two clean characters share a span.
    """
    chunks: list[str] = []
    new_starts: array[int] = array("i")
    new_ends: array[int] = array("i")
    for first, last in _clusters(raw):
        cluster = raw[first:last]
        composed = unicodedata.normalize("NFC", cluster)
        if len(composed) == 1:
            chunks.append(composed)
            new_starts.append(starts[first])
            new_ends.append(ends[last - 1])
        else:
            chunks.append(cluster)
            new_starts.extend(starts[first:last])
            new_ends.extend(ends[first:last])
    return "".join(chunks), new_starts, new_ends


def _clusters(text: str) -> list[tuple[int, int]]:
    """Spans that NFC composes independently: a starter and the marks after it."""
    bounds = [0] + [i for i in range(1, len(text)) if _starts_cluster(text, i)]
    return list(zip(bounds, [*bounds[1:], len(text)], strict=True))


def _starts_cluster(text: str, i: int) -> bool:
    """Whether NFC leaves `text[i]` apart from what precedes it: a starter that
    cannot compose with the character before it (composition never reaches past
    an adjacent character to a starter)."""
    char = text[i]
    if unicodedata.combining(char) or _HANGUL_VT.match(char):
        return False
    if unicodedata.combining(unicodedata.normalize("NFD", char)[0]):
        return False
    pair = text[i - 1 : i + 1]
    nfc = unicodedata.normalize
    return nfc("NFC", pair) == nfc("NFC", text[i - 1]) + nfc("NFC", char)
