"""The highest rank a person is stated to hold, by the seniority in data/ranks.yaml.

Ranks are read from the titles written before the person's name and from the
posts and promotions of the person's statements ("promoted to Commissar of
State Security 3rd rank"); the most senior wins, so a captain later made a
major is a major. Offices without a seniority (Chairman, Professor) never count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kartoteka.analysis.timelines import Entry
from kartoteka.data import load


@dataclass(frozen=True)
class Rank:
    """A rank, its place on the one scale, and the statement that gives it (None
    when only a title before the name gives it)."""

    name: str
    seniority: int
    statement: Entry | None = None


@cache
def _ranks() -> tuple[dict[str, tuple[str, int | None]], re.Pattern[str]]:
    """Every written form (lower case) to its rank and seniority, and a pattern
    that finds the longest form first ("General Secretary" before "General")."""
    forms: dict[str, tuple[str, int | None]] = {}
    for item in load("ranks.yaml"):
        for form in [item["name"], *item.get("forms", [])]:
            forms.setdefault(form.lower(), (item["name"], item.get("seniority")))
    words = sorted(forms, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I
    )
    return forms, pattern


def rank_of(text: str) -> Rank | None:
    """The most senior rank written in a text, or None."""
    forms, pattern = _ranks()
    found = [forms[m.group(0).lower()] for m in pattern.finditer(text)]
    ranked = [Rank(name, level) for name, level in found if level is not None]
    return max(ranked, key=lambda r: r.seniority, default=None)


def highest_rank(titles: Iterable[str], story: Iterable[Entry]) -> Rank | None:
    """The most senior rank among the titles and the posts of the statements;
    a stated post wins a tie, since it cites its sentence."""
    found = [r for title in titles if (r := rank_of(title))]
    for entry in story:
        if entry.position and (rank := rank_of(entry.position)):
            found.append(Rank(rank.name, rank.seniority, entry))
    return max(
        found, key=lambda r: (r.seniority, r.statement is not None), default=None
    )
