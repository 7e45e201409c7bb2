"""Bytes to text: detect the encoding of a source instead of guessing it blindly.

UTF-8 is taken when the bytes are valid UTF-8, and also when they are mostly
UTF-8 with a few damaged bytes (those are replaced, and a warning names their
offsets). UTF-16 is found by its byte-order mark or, without one, by its
alternating high bytes. Otherwise the legacy Cyrillic encodings are tried and
scored for plausibility (real Russian is mostly lowercase and follows the Russian
letter frequencies; koi8-r read as cp1251 is mostly capitals and vice versa), and
charset-normalizer is the last resort. A few stray NUL bytes are dropped with a
warning; many of them mean a binary file.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from charset_normalizer import from_bytes

from .errors import IngestError

# Relative frequency (per cent) of Russian letters in running text.
_RUSSIAN_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47,
    "р": 4.73, "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81,
    "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59,
    "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48,
    "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
}  # fmt: skip
_RARE_LOGP = math.log10(0.01 / 100)
_LOGP = {letter: math.log10(p / 100) for letter, p in _RUSSIAN_FREQ.items()}
_CANDIDATES = ("cp1251", "koi8-r")
_PLAUSIBLE = -1.0
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_MIXED = re.compile(r"[a-zA-Z][\u0400-\u04ff]|[\u0400-\u04ff][a-zA-Z]")
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BAD_BYTE = re.compile("[\udc80-\udcff]")
_STRAY_NULS_MAX = 16
_OFFSETS_SHOWN = 5
UNKNOWN_ENCODING = "cannot determine the text encoding (not UTF-8, cp1251 or koi8-r)"


class Decoded(NamedTuple):
    """A file's text, the encoding it was read in, and what was repaired on the way."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode_bytes(data: bytes, file: str) -> Decoded:
    """Decode a file's bytes, or raise an IngestError saying why they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_decode_strict(data, encoding, file), encoding)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    data, dropped = _drop_stray_nuls(data, file)
    _reject_binary(data, file)
    decoded = _decode_text(data, file)
    return decoded._replace(warnings=dropped + decoded.warnings)


def _decode_text(data: bytes, file: str) -> Decoded:
    """UTF-8 (whole or mostly), else the most plausible legacy encoding."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    best = _best_legacy(data)
    if best is not None:
        return Decoded(*best)
    fallback = _charset_normalizer(data)
    if fallback is not None:
        return Decoded(*fallback)
    raise IngestError(file, UNKNOWN_ENCODING)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes (at most half as many as its good multi-byte
    characters): replace each bad byte by U+FFFD and say where they were."""
    text = data.decode("utf-8", "surrogateescape")
    bad = [match.start() for match in _BAD_BYTE.finditer(text)]
    wide = len(text) - len(text.encode("ascii", "ignore")) - len(bad)
    if wide < 2 * len(bad):
        return None
    offsets = [
        len(text[:i].encode("utf-8", "surrogateescape")) for i in bad[:_OFFSETS_SHOWN]
    ]
    warning = (
        f"{_count(len(bad), 'byte')} not valid UTF-8 (at byte "
        f"{_offsets(offsets, len(bad))}), read as UTF-8 with each replaced by U+FFFD"
    )
    return Decoded(_BAD_BYTE.sub("\ufffd", text), "utf-8", (warning,))


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark: every other byte is mostly one of two
    values (NUL for Latin text, 0x04 for Cyrillic) and the text decodes cleanly."""
    sample = data[: 1 << 16]
    if len(data) < 4 or len(data) % 2 or not _has_controls(sample):
        return None
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[::2])):
        if sum(n for _, n in Counter(high).most_common(2)) < 0.6 * len(high):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if junk_share(text) <= 0.01 and _mostly_latin_or_cyrillic(text):
            return Decoded(text, encoding)
    return None


def _drop_stray_nuls(data: bytes, file: str) -> tuple[bytes, tuple[str, ...]]:
    """Drop a few NUL bytes from text (one in 50 bytes at most, 16 in all) with a
    warning naming them; more NULs mean a binary file."""
    count = data.count(0)
    if not count:
        return data, ()
    if count > _STRAY_NULS_MAX or count * 50 > len(data):
        raise IngestError(file, "binary file (NUL bytes), skipped")
    offsets: list[int] = []
    while len(offsets) < min(count, _OFFSETS_SHOWN):
        offsets.append(data.index(0, offsets[-1] + 1 if offsets else 0))
    warning = (
        f"{_count(count, 'stray NUL byte')} dropped "
        f"(at byte {_offsets(offsets, count)})"
    )
    return data.replace(b"\x00", b""), (warning,)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _offsets(shown: list[int], total: int) -> str:
    """`offset 12` or `offsets 12, 40 and 3 more`."""
    listed = ", ".join(map(str, shown))
    more = f" and {total - len(shown)} more" if total > len(shown) else ""
    return f"offset{'s' if total > 1 else ''} {listed}{more}"


def _decode_strict(data: bytes, encoding: str, file: str) -> str:
    """Decode a file that declares its encoding by a byte-order mark."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        problem = f"invalid {encoding} text after its byte-order mark ({err.reason})"
        raise IngestError(file, problem) from err


def _reject_binary(data: bytes, file: str) -> None:
    """Raise IngestError for bytes that are not text at all (images, archives...)."""
    if _has_controls(data[:65536]):
        raise IngestError(file, "binary file (too many control characters), skipped")


def _has_controls(sample: bytes) -> bool:
    """More than one byte in ten is a control byte other than whitespace."""
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 0.1 * len(sample)


def _best_legacy(data: bytes) -> tuple[str, str] | None:
    """Decode with each legacy Cyrillic candidate and keep the most plausible one."""
    scored: list[tuple[float, str, str]] = []
    for encoding in _CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = russian_score(text)
        if score is not None and score >= _PLAUSIBLE:
            scored.append((score, text, encoding))
    if not scored:
        return None
    _, text, encoding = max(scored, key=lambda item: item[0])
    return text, encoding


def russian_score(text: str) -> float | None:
    """Score how much decoded text looks like real Russian; None if it has no Cyrillic.

    The score is the mean log10 unigram probability of the Cyrillic letters plus the
    share of them that are lowercase, minus penalties for junk characters and for
    Cyrillic letters glued to Latin ones (a Western text misread as Cyrillic).
    """
    letters = _CYRILLIC.findall(text[:200_000])
    if not letters:
        return None
    if len(set(letters)) < min(10, len(letters) / 5):
        return _PLAUSIBLE - 1  # a few letters repeated: not language
    lower = sum(1 for ch in letters if ch.islower())
    logp = sum(_LOGP.get(ch.lower(), _RARE_LOGP) for ch in letters) / len(letters)
    mixed = len(_MIXED.findall(text[:200_000])) / len(letters)
    return logp + lower / len(letters) - 4 * junk_share(text) - 2 * mixed


def junk_share(text: str) -> float:
    """Share of non-ASCII characters that are controls, unassigned or box drawing."""
    sample = text[:200_000]
    rest = [ch for ch in sample if ord(ch) > 127]
    if not rest:
        return 0.0
    junk = sum(1 for ch in rest if unicodedata.category(ch) in {"Cc", "Co", "Cn", "So"})
    return junk / len(rest)


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    """Ask charset-normalizer, but accept only text that reads as English or Russian."""
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if junk_share(text) > 0.05 or not _mostly_latin_or_cyrillic(text):
        return None
    if _CYRILLIC.search(text):
        score = russian_score(text)
        if score is None or score < _PLAUSIBLE:
            return None
    return text, best.encoding


def _mostly_latin_or_cyrillic(text: str) -> bool:
    """True when at least 90% of the letters are Latin or Cyrillic."""
    sample = text[:200_000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return False
    ours = sum(1 for ch in letters if ch < "\u0250" or "\u0400" <= ch <= "\u04ff")
    return ours >= 0.9 * len(letters)
