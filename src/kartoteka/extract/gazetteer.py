"""Domain knowledge that corrects the generic models: organizations and ranks.

Generic NER does not know that `Razvedupr` is an organization or that `Captain`
in `Captain Pavlovsky` is a rank; the bundled data files say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kartoteka import data


@dataclass(frozen=True)
class Organization:
    """A known organization with its names and place in the lineage."""

    id: str
    name: str
    kind: str
    names: tuple[str, ...]
    predecessor: tuple[str, ...] = ()
    successor: tuple[str, ...] = ()
    part_of: str | None = None


@dataclass(frozen=True)
class Match:
    """A gazetteer hit at a span of the searched text."""

    start: int
    end: int
    text: str
    key: str


def _ids(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)  # type: ignore[attr-defined]


@cache
def organizations() -> dict[str, Organization]:
    """The bundled organization gazetteer, by id."""
    result = {}
    for item in data.load("organizations.yaml"):
        org = Organization(
            id=item["id"],
            name=item["name"],
            kind=item.get("kind", "other"),
            names=tuple(dict.fromkeys([item["name"], *item.get("names", [])])),
            predecessor=_ids(item.get("predecessor")),
            successor=_ids(item.get("successor")),
            part_of=item.get("part_of"),
        )
        result[org.id] = org
    return result


def _rank_forms() -> list[tuple[str, str, str]]:
    """(written form, canonical name, kind) for every title and rank."""
    return [
        (form, item["name"], item.get("kind", "civil"))
        for item in data.load("ranks.yaml")
        for form in [item["name"], *item.get("forms", [])]
    ]


@cache
def ranks() -> dict[str, str]:
    """Every written form of a title or rank (and its lowercase), to its name."""
    forms = {form: name for form, name, _ in _rank_forms()}
    return forms | {form.lower(): name for form, name, _ in _rank_forms()}


@cache
def rank_kinds() -> dict[str, str]:
    """Every written form of a title or rank, mapped to its kind (military...)."""
    return {form: kind for form, _, kind in _rank_forms()}


@cache
def places() -> frozenset[str]:
    """Names of well-known places, which win over a model's guess of a person."""
    loaded: dict[str, list[str]] = data.load("places.yaml")
    return frozenset(name for names in loaded.values() for name in names)


def _alternation(words: list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered)


@cache
def _org_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    by_name: dict[str, str] = {}
    for org in organizations().values():
        for name in org.names:
            by_name.setdefault(name, org.id)
    pattern = re.compile(r"(?<![\w-])(?:" + _alternation(list(by_name)) + r")(?![\w])")
    return pattern, by_name


def find_organizations(text: str) -> list[Match]:
    """Every known organization name in `text`, longest match first."""
    pattern, by_name = _org_pattern()
    return [
        Match(m.start(), m.end(), m.group(), by_name[m.group()])
        for m in pattern.finditer(text)
    ]


@cache
def _rank_pattern() -> re.Pattern[str]:
    words = [w for w in ranks() if w[:1].isupper() or not w[:1].isalpha()]
    words += [w for w in ranks() if w[:1].islower() and not w.isascii()]
    return re.compile(r"(?:(?<=\s)|^)(?:" + _alternation(words) + r")(?=\s|$)")


def split_title(name: str) -> tuple[str | None, str]:
    """Separate leading ranks and titles from a name (`Captain Pavlovsky`)."""
    titles = []
    rest = name
    while True:
        match = _rank_pattern().match(rest)
        if not match or match.end() >= len(rest):
            break
        titles.append(match.group())
        rest = rest[match.end() :].lstrip()
    return (" ".join(titles) or None), rest


def title_before(text: str, start: int) -> tuple[str, int] | None:
    """A rank or title ending just before `start` (`Marshal` before a surname)."""
    window = text[max(0, start - 60) : start]
    best: tuple[str, int] | None = None
    for match in _rank_pattern().finditer(window):
        gap = window[match.end() :]
        if gap.strip() == "":
            best = (match.group(), start - len(window) + match.start())
    return best
