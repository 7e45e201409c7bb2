"""A pattern is skipped on a text only when it cannot match there.

The date patterns are not searched in a text without the kind of character
(a digit, a Cyrillic letter) every one of their matches holds, and relative
dates keep the first of overlapping matches by a sorted search, not by a look
at every earlier one; both are compared here with the plain way over every
document of the corpora.
"""

from __future__ import annotations

import re

import pytest
from conftest import corpus_texts

from kartoteka.extract.dates import find, relative
from kartoteka.extract.prefilter import lacking, needs


@pytest.mark.parametrize(
    ("pattern", "kinds"),
    [
        (r"\d+ years", {"digit"}),
        (r"(?:in )?[0-3]?[0-9]th", {"digit"}),
        (r"year|\d", set()),
        (r"\d{0,2}x", set()),
        (r"(?=\d)\w", set()),
        (r"[^0-9]", set()),
        (r"[0-9a]", set()),
        (r"(?:в|во)\s+\d\d", {"digit", "cyrillic"}),
        (r"[а-яё]+", {"cyrillic"}),
        (r"(?i:лет)", {"cyrillic"}),
    ],
)
def test_what_every_match_of_a_pattern_holds(pattern: str, kinds: set[str]) -> None:
    assert needs(re.compile(pattern)) == kinds


def test_the_kinds_a_text_lacks() -> None:
    assert lacking("no figures here") == {"digit", "cyrillic"}
    assert lacking("в 1937 году") == set()
    assert lacking("Ёлкин") == {"digit"}


def _patterns() -> list[re.Pattern[str]]:
    dates = [p for _, patterns, _ in find.PATTERNS for p in patterns]
    return [*dates, *relative.PATTERNS, *relative.MEASURED]


def test_a_pattern_needing_a_kind_finds_nothing_in_text_without_it() -> None:
    """Every text of the corpora, with its figures (or Cyrillic letters) made
    into other characters: a pattern said to need them finds nothing there."""
    strip = {
        "digit": lambda text: re.sub(r"\d", "x", text),
        "cyrillic": lambda text: re.sub("[\u0400-\u04ff]", "x", text, flags=re.I),
    }
    skipped = 0
    for text in corpus_texts():
        for kind, without in strip.items():
            stripped = without(text)
            for pattern in _patterns():
                if kind in needs(pattern):
                    assert pattern.search(stripped) is None
                    skipped += 1
    assert skipped > 100


def _pairwise_relative(text: str) -> list[relative.RelativeDate]:
    """Relative dates as kept by comparing each match with every earlier one."""
    found: list[relative.RelativeDate] = []
    for pattern in relative.PATTERNS:
        for match in pattern.finditer(text):
            if any(r.start < match.end() and match.start() < r.end for r in found):
                continue
            found.append(relative._build(match))
    return sorted(found, key=lambda r: r.start)


def test_relative_dates_are_kept_as_by_the_pairwise_check() -> None:
    found = 0
    for text in corpus_texts():
        expected = _pairwise_relative(text)
        assert relative.find_relative(text) == expected
        found += len(expected)
    assert found > 20


def test_dates_are_found_as_by_every_pattern() -> None:
    """The candidates of a text are those every pattern, none skipped, finds."""
    for text in corpus_texts():
        for paragraph in text.split("\n\n"):
            kept = [item[:3] for item in find._candidates(paragraph)]
            assert kept == _every_pattern(paragraph)


def _every_pattern(text: str) -> list[tuple[int, int, str]]:
    found = []
    taken = bytearray(len(text))
    for kind, patterns, _ in find.PATTERNS:
        for pattern in patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                if match.groupdict().get("date"):
                    start, end = match.span("date")
                if any(taken[start:end]) or find.w.not_a_date(match):
                    continue
                found.append((start, end, kind))
                taken[start:end] = b"\x01" * (end - start)
    return sorted(found, key=lambda item: item[0])
