"""Bytes to text: detect the encoding of a source instead of guessing it blindly.

UTF-8 is taken when the bytes are valid UTF-8. Otherwise the legacy Cyrillic
encodings are tried and scored for plausibility (real Russian is mostly lowercase
and follows the Russian letter frequencies; koi8-r read as cp1251 is mostly
capitals and vice versa), and charset-normalizer is the last resort.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata

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
UNKNOWN_ENCODING = "cannot determine the text encoding (not UTF-8, cp1251 or koi8-r)"


def decode_bytes(data: bytes, file: str) -> tuple[str, str]:
    """Return (text, encoding) of a file's bytes, or raise an IngestError saying why."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, encoding, file), encoding
    _reject_binary(data, file)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = _best_legacy(data)
    if best is not None:
        return best
    fallback = _charset_normalizer(data)
    if fallback is not None:
        return fallback
    raise IngestError(file, UNKNOWN_ENCODING)


def _decode_strict(data: bytes, encoding: str, file: str) -> str:
    """Decode a file that declares its encoding by a byte-order mark."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        problem = f"invalid {encoding} text after its byte-order mark ({err.reason})"
        raise IngestError(file, problem) from err


def _reject_binary(data: bytes, file: str) -> None:
    """Raise IngestError for bytes that are not text at all (images, archives...)."""
    if b"\x00" in data:
        raise IngestError(file, "binary file (NUL bytes), skipped")
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > 0.1 * len(sample):
        raise IngestError(file, "binary file (too many control characters), skipped")


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
