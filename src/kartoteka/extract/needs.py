"""Which texts a pattern cannot match, known from the pattern alone.

Dates are sought with some fifty patterns over every passage. Most of them need
a digit (a year, a day) and many a Cyrillic letter (a Russian month), so a
passage without any digit, or without Cyrillic, skips them unread: every match
of such a pattern holds a character of that kind, so it finds nothing there and
skipping it changes nothing. What a pattern needs is read from its parse tree.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from functools import cache
from typing import Any

with warnings.catch_warnings():  # the parser's public name is deprecated, not gone
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants as sre
    import sre_parse

CYRILLIC_BLOCKS = ((0x400, 0x52F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F))
KINDS: dict[str, tuple[re.Pattern[str], Callable[[int], bool], Any]] = {
    "digit": (re.compile(r"\d"), lambda c: 0x30 <= c <= 0x39, sre.CATEGORY_DIGIT),
    "cyrillic": (
        re.compile(
            "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in CYRILLIC_BLOCKS) + "]"
        ),
        lambda c: any(a <= c <= b for a, b in CYRILLIC_BLOCKS),
        None,
    ),
}


def held(text: str) -> frozenset[str]:
    """The kinds of character (`KINDS`) the text holds."""
    return frozenset(k for k, (found, _, _) in KINDS.items() if found.search(text))


@cache
def needed(pattern: re.Pattern[str]) -> frozenset[str]:
    """The kinds of character every match of the pattern holds."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    return frozenset(
        k for k, (_, own, category) in KINDS.items() if _needs(tree, own, category)
    )


def _needs(items: Any, own: Callable[[int], bool], category: Any) -> bool:
    """Whether every match of a sequence consumes a character `own` accepts."""
    return any(_item_needs(op, value, own, category) for op, value in items)


def _item_needs(op: Any, value: Any, own: Callable[[int], bool], category: Any) -> bool:
    if op is sre.LITERAL:
        return own(value)
    if op is sre.IN:
        return bool(value) and all(_member(o, v, own, category) for o, v in value)
    if op is sre.SUBPATTERN:
        return _needs(value[3], own, category)
    if op is sre.BRANCH:
        return all(_needs(branch, own, category) for branch in value[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return bool(value[0] >= 1) and _needs(value[2], own, category)
    return False  # assertions, negated sets, any character, references


def _member(op: Any, value: Any, own: Callable[[int], bool], category: Any) -> bool:
    """Whether a member of a character set only accepts `own` characters."""
    if op is sre.LITERAL:
        return own(value)
    if op is sre.RANGE:
        return all(own(c) for c in range(value[0], value[1] + 1))
    return op is sre.CATEGORY and category is not None and value is category
