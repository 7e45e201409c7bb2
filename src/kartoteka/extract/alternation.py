"""Alternations of many phrases that try, at each place, only the phrases that
can begin there.

A regex alternation tries its branches one by one at every place a match may
start: with a thousand organization names, or the trigger phrases of an event
type, that is a thousand tries per word. Grouped by the character they begin
with, the branches a place cannot start are skipped after one look at its
character. Each group keeps the branches in their order (a branch whose first
character is not plain, such as a group, is in every group, and in one of its
own for the other characters), so the pattern matches exactly what the plain
alternation matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

SPECIAL = frozenset(".^$*+?{}[]()|\\")
OPTIONAL = frozenset("?*{")  # after a character: it may be absent


def dispatched(branches: Sequence[str], ignore_case: bool = False) -> str:
    """`(?:b1|b2|...)`, grouped by the branches' first characters. With
    `ignore_case` the pattern must be compiled with re.IGNORECASE."""
    groups: dict[str, list[int]] = {}
    anywhere: list[int] = []  # branches whose first character is not known
    for index, branch in enumerate(branches):
        chars = first_characters(branch)
        if chars is None:
            anywhere.append(index)
            continue
        for char in chars:
            key = char.lower() if ignore_case else char
            if index not in groups.setdefault(key, []):
                groups[key].append(index)
    if not groups:
        return _alternation(branches, range(len(branches)))
    parts = [
        f"(?={re.escape(key)})" + _alternation(branches, sorted(own + anywhere))
        for key, own in groups.items()
    ]
    if anywhere:
        keys = "".join(re.escape(key) for key in groups)
        parts.append(f"(?![{keys}])" + _alternation(branches, anywhere))
    return "(?:" + "|".join(parts) + ")"


def _alternation(branches: Sequence[str], indices: Sequence[int]) -> str:
    return "(?:" + "|".join(branches[i] for i in indices) + ")"


def first_characters(branch: str) -> str | None:
    """The characters a branch can begin with, or None when that is not plain
    (a group, a class escape, an optional first character)."""
    if not branch:
        return None
    if branch[0] == "\\":
        chars, rest = branch[1:2], branch[2:]
        if not chars or chars.isalnum():
            return None  # \s, \w, \d ... or a back reference
    elif branch[0] == "[":
        close = branch.find("]", 1)
        chars, rest = branch[1:close], branch[close + 1 :]
        if close < 2 or any(c in "\\^-[" for c in chars):
            return None
    elif branch[0] in SPECIAL:
        return None
    else:
        chars, rest = branch[0], branch[1:]
    return None if rest[:1] in OPTIONAL else chars


def matches_from(
    pattern: re.Pattern[str], text: str, places: Sequence[int], end: int
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text, places[0], end)` finds, trying only `places`:
    the ascending places where some pattern of a family may match (found by one
    scan for them all), so each pattern of the family is not scanned alone."""
    cursor = 0
    for place in places:
        if place < cursor:
            continue
        match = pattern.match(text, place, end)
        if match is not None:
            yield match
            cursor = max(match.end(), place + 1)
