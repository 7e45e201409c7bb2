"""Progress of a long build, stage by stage, for a bar the user sees move.

Each stage (extracting, grouping names, joining cards, storing) passes its items
through a `Progress`, which yields them unchanged while it shows how far the
stage has come; `quiet` shows nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    """Yield `items` (there are `total` of them) while showing `stage` move."""

    def __call__(self, items: Iterable[T], total: int, stage: str) -> Iterable[T]: ...


def quiet(items: Iterable[T], total: int, stage: str) -> Iterable[T]:
    """No bar: the items as they come."""
    return items
