"""Alternations of many phrases that try, at each place, only the phrases that
can begin there.

A regex alternation tries its branches one by one at every place a match may
start: with a thousand organization names, or the trigger phrases of an event
type, that is a thousand tries per word. Grouped by the character they begin
with, the branches a place cannot start are skipped after a look at its
character (one look for all the groups, then one per group; characters that
begin one branch together, `[Нн]`, form one group). Each group keeps the
branches in their order (a branch whose first character is not plain, such as
a group, is in every group, and in one of its own for the other characters), so
the pattern matches exactly what the plain alternation matches.
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
        _lookahead(keys) + _alternation(branches, sorted(own + anywhere))
        for keys, own in (
            _merged(groups, branches)
            if not ignore_case
            else [(key, own) for key, own in groups.items()]
        )
    ]
    keys = "".join(re.escape(key) for key in groups)
    if anywhere:
        parts.append(f"(?![{keys}])" + _alternation(branches, anywhere))
        return "(?:" + "|".join(parts) + ")"
    # One look at the character first: a place no branch can begin at (most
    # places) is left at once, not after a look for each group.
    return f"(?=[{keys}])(?:" + "|".join(parts) + ")"


def _merged(
    groups: dict[str, list[int]], branches: Sequence[str]
) -> list[tuple[str, list[int]]]:
    """The groups of characters that begin one branch together (`[Нн]`) made
    one: a branch is then written once, not once for each of its first
    characters (half the organization names' pattern, and of its compiling).
    The characters of different groups differ, so one group at most can begin
    at a place, and it tries its branches in their order, as before."""
    root = {char: char for char in groups}

    def find(char: str) -> str:
        while root[char] != char:
            char = root[char]
        return char

    for branch in branches:
        chars = [find(c) for c in first_characters(branch) or ""]
        for char in chars[1:]:
            root[char] = chars[0]
    merged: dict[str, tuple[str, list[int]]] = {}
    for char, own in groups.items():
        keys, indices = merged.get(find(char), ("", []))
        merged[find(char)] = (keys + char, indices + own)
    return [(keys, sorted(set(indices))) for keys, indices in merged.values()]


def _lookahead(keys: str) -> str:
    if len(keys) == 1:
        return f"(?={re.escape(keys)})"
    return "(?=[" + "".join(re.escape(key) for key in keys) + "])"


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
