"""Domain knowledge that corrects the generic models: organizations and ranks.

Generic NER does not know that `Razvedupr` is an organization or that `Captain`
in `Captain Pavlovsky` is a rank; the bundled data files say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kartoteka import data
from kartoteka.extract.alternation import dispatched


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
    """The words, longest first, as one alternation grouped by first character."""
    ordered = sorted(set(words), key=len, reverse=True)
    return dispatched([re.escape(w) for w in ordered])


# Case endings of Russian nouns and adjectives, longest first, so `Красной армии`
# and `Красная армия` share the stems `Красн арми` and find one organization.
_ENDINGS = sorted(
    [
        "ая",
        "яя",
        "ой",
        "ей",
        "ую",
        "юю",
        "ое",
        "ее",
        "ого",
        "его",
        "ому",
        "ему",
        "ым",
        "им",
        "ом",
        "ем",
        "ых",
        "их",
        "ыми",
        "ими",
        "ами",
        "ями",
        "ах",
        "ях",
        "ий",
        "ый",
        "ы",
        "и",
        "а",
        "я",
        "у",
        "ю",
        "е",
        "о",
        "ь",
        "й",
    ],
    key=len,
    reverse=True,
)
_ENDING = re.compile("(?:" + "|".join(_ENDINGS) + ")$")
CYRILLIC = re.compile(r"[А-Яа-яЁё]+")
_ANY_ENDING = "(?:" + "|".join(_ENDINGS) + ")?"


def _declines(word: str) -> bool:
    """A Cyrillic word (not an abbreviation) long enough to carry a case ending."""
    return (
        len(word) >= 4
        and word.isalpha()
        and CYRILLIC.fullmatch(word) is not None
        and sum(c.isupper() for c in word) <= 1
    )


def _stem(word: str) -> str:
    return _ENDING.sub("", word) if _declines(word) else word


def _initial_lower(word: str) -> str:
    return word[:1].lower() + word[1:]


def name_key(text: str) -> str:
    """A name as compared: Russian words cut to their stems, and in a name of
    several words the capital of each word ignored (`Tsarist Army`, `tsarist
    army`, `Красной армии`)."""
    words = [_stem(word) for word in text.split()]
    if len(words) > 1:
        words = [_initial_lower(word) for word in words]
    return " ".join(words)


def _word_pattern(word: str, either_case: bool) -> str:
    stem = _stem(word)
    pattern = re.escape(stem[1:]) + (_ANY_ENDING if _declines(word) else "")
    first = re.escape(stem[:1])
    if either_case and not word.isupper() and stem[:1].lower() != stem[:1].upper():
        first = f"[{stem[:1].upper()}{stem[:1].lower()}]"
    return first + pattern


def _name_pattern(name: str) -> str:
    """A name as a regex; Russian words match in any case ending."""
    words = name.split()
    # An English name keeps the capital of its first word (`Transport Department`
    # is a name, `transport department` a description); a Russian one need not.
    cyrillic = CYRILLIC.search(name) is not None
    return r"\s+".join(
        _word_pattern(word, len(words) > 1 and (i > 0 or cyrillic))
        for i, word in enumerate(words)
    )


@cache
def _org_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    by_key: dict[str, str] = {}
    for org in organizations().values():
        for name in org.names:
            by_key.setdefault(name_key(name), org.id)
    names = sorted({n for org in organizations().values() for n in org.names}, key=len)[
        ::-1
    ]
    body = dispatched([_name_pattern(name) for name in names])
    # A hyphen may join names (`ВЧК-ОГПУ-НКВД`), but not end a word's prefix
    # (`Administrative-Economic Department` is not `Economic Department`).
    pattern = re.compile(r"(?<!\w)(?<![a-zа-яё]-)" + body + r"(?!\w)")
    return pattern, by_key


def organization_key(name: str) -> str | None:
    """The id of the known organization a name (in any case form) names."""
    return _org_pattern()[1].get(name_key(name))


def find_organizations(text: str) -> list[Match]:
    """Every known organization name in `text`, in any case form, longest first."""
    pattern, by_key = _org_pattern()
    found = []
    for m in pattern.finditer(text):
        key = by_key.get(name_key(m.group()))
        if key is not None:
            found.append(Match(m.start(), m.end(), m.group(), key))
    return found


@cache
def _rank_pattern() -> re.Pattern[str]:
    words = [w for w in ranks() if w[:1].isupper() or not w[:1].isalpha()]
    words += [w for w in ranks() if w[:1].islower() and not w.isascii()]
    return re.compile(r"(?:(?<=\s)|^)" + _alternation(words) + r"(?=\s|$)")


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
