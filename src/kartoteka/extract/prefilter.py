"""Which patterns a text need not be searched with: those whose every match holds
a digit, when the text has none (most sentences of prose), or a Cyrillic letter,
when the text is English.

Dozens of date patterns are each scanned over every passage; most cannot match
a passage without figures, and the Russian ones cannot match an English passage.
What a pattern needs is read once from its syntax tree (the one `re` compiles),
so the skip is exact: a pattern said to need a digit has no match without one.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from typing import Any

# The parser `re` compiles with: it has no public name, and its tree is what
# tells whether a pattern can match without some kind of character.
_parser: Any = importlib.import_module("re._parser")
_constants: Any = importlib.import_module("re._constants")

Inside = Callable[[int, int], bool]  # whether a range of code points is all of a kind

# The kinds of character a text may lack, each with the code points of its
# kind and the test that finds one in a text (case-insensitively, as the
# patterns match: a case variant of a Cyrillic letter is found as one too).
KINDS: dict[str, tuple[Inside, frozenset[str], re.Pattern[str]]] = {
    "digit": (
        lambda low, high: ord("0") <= low and high <= ord("9"),
        frozenset({"CATEGORY_DIGIT"}),
        re.compile(r"\d"),
    ),
    "cyrillic": (
        lambda low, high: low >= 0x400 and high <= 0x4FF,
        frozenset(),
        re.compile("[\u0400-\u04ff]", re.IGNORECASE),
    ),
}


def needs(pattern: re.Pattern[str]) -> frozenset[str]:
    """The kinds of character (`KINDS`) every match of `pattern` holds."""
    tree = _parser.parse(pattern.pattern, pattern.flags)
    return frozenset(kind for kind in KINDS if _sequence(tree.data, kind))


def lacking(text: str) -> frozenset[str]:
    """The kinds of character `text` holds none of."""
    return frozenset(
        kind for kind, (_, _, test) in KINDS.items() if not test.search(text)
    )


def _sequence(items: Iterable[tuple[Any, Any]], kind: str) -> bool:
    return any(_item(op.name, av, kind) for op, av in items)


def _item(op: str, av: Any, kind: str) -> bool:
    """Whether every match of one node of the tree holds a character of `kind`."""
    inside, _, _ = KINDS[kind]
    if op == "LITERAL":
        return inside(av, av)
    if op == "IN":
        return bool(av) and all(_class_item(o.name, a, kind) for o, a in av)
    if op == "SUBPATTERN":
        return _sequence(av[3], kind)
    if op == "ATOMIC_GROUP":
        return _sequence(av, kind)
    if op == "BRANCH":
        return all(_sequence(branch, kind) for branch in av[1])
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return av[0] >= 1 and _sequence(av[2], kind)
    return False  # assertions, any character, back references: nothing sure


def _class_item(op: str, av: Any, kind: str) -> bool:
    inside, categories, _ = KINDS[kind]
    if op == "LITERAL":
        return inside(av, av)
    if op == "RANGE":
        return inside(av[0], av[1])
    if op == "CATEGORY":
        return av.name in categories
    return False  # a negated class or anything else
