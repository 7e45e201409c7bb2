"""For and against: why two cards might be one person, weighed item by item.

The matcher's rules (`matching.py`) say yes or no; a reviewer needs the reasons
on both sides. Each item of evidence carries a weight (positive for, negative
against), and the weights add up to a score whose logistic is the chance that
the two are one person. Names are compared word by word with the matcher's own
word scores; organizations, places, birth and death dates and shared documents
come from the cards' statements.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from kartoteka.edtf import dates_compatible, describe
from kartoteka.resolve.matching import INITIAL, NEAR, word_score
from kartoteka.resolve.names import (
    PersonName,
    gender_pair,
    is_patronymic,
    name_word_keys,
    parse_name,
    same_surname,
    typo_of,
)
from kartoteka.resolve.translit import english_key, is_cyrillic

THRESHOLD = 1.0  # the summed weight at which one person becomes the likelier reading


@dataclass(frozen=True)
class Evidence:
    """One reason for (weight > 0) or against (weight < 0) two cards being one."""

    weight: float
    text: str

    @property
    def side(self) -> str:
        return "for" if self.weight > 0 else "against"


@dataclass(frozen=True)
class Profile:
    """What a card says about its person: names, documents, statements."""

    id: str
    name: str
    names: tuple[str, ...]
    documents: frozenset[str]
    mentions: int
    orgs: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    born: str | None = None
    died: str | None = None
    subject_of: frozenset[str] = frozenset()  # documents whose title names it


def chance(evidence: Iterable[Evidence]) -> float:
    """The chance that the two are one person, from the summed weights."""
    total = sum(e.weight for e in evidence)
    return 1 / (1 + math.exp(-(total - THRESHOLD) * 1.5))


def _given_only(name: PersonName, other: PersonName) -> bool:
    """`Walter`, `Jan Karlovich`: the first name (and patronymic) of `other`,
    without a surname."""
    first = _first(other)
    if not first or first.endswith(".") or name.initials:
        return False
    if len(name.parts) == 1:
        spelled = name_word_keys(name.surname) & name_word_keys(first)
        return bool(spelled) and not same_surname(name, other)
    given_patronymic = len(name.parts) == 2 and is_patronymic(name.surname)
    return given_patronymic and other.patronymic is not None


def _patronymic(name: PersonName) -> str | None:
    """The patronymic, also where it stands last (`Jan Karlovich`)."""
    return name.patronymic or (name.surname if is_patronymic(name.surname) else None)


def _surnames(a: str, b: str) -> Evidence | None:
    """How two surnames relate: one in any spelling, slips, a cut-short form."""
    ka, kb = english_key(a), english_key(b)
    if gender_pair(a.lower(), b.lower()):
        return Evidence(-1.5, f"“{a}” and “{b}” are one surname in two genders")
    if typo_of(a, b):
        return Evidence(1.4, f"surnames “{a}” and “{b}” are one letter apart")
    short, long = sorted((ka, kb), key=len)
    if len(short) >= 5 and long.startswith(short) and len(long) - len(short) >= 3:
        return Evidence(1.0, f"“{a}” and “{b}”: one surname cut short")
    near = min(len(ka), len(kb)) >= 6 and ka[:2] == kb[:2]
    if near and DamerauLevenshtein.distance(ka, kb) <= 2:
        return Evidence(0.9, f"surnames “{a}” and “{b}” are two letters apart")
    return None


def _first(name: PersonName) -> str | None:
    if name.given:
        return name.given[0]
    return name.initials[0] if name.initials else None


def _words(a: str | None, b: str | None, what: str) -> Evidence | None:
    """First names (or patronymics) that agree, are spelled alike, or differ."""
    if not a or not b:
        return None
    score = word_score(a, b, False, False)
    if score >= NEAR:
        return Evidence(1.0, f"{what}s agree: “{a}” and “{b}”")
    if score == INITIAL:
        return Evidence(0.3, f"{what} initials agree: “{a}” and “{b}”")
    if not a.endswith(".") and not b.endswith("."):
        # across scripts the schemes leave more letters apart (`Вильгельм`, `Wilhelm`)
        alike = 0.8 if is_cyrillic(a) != is_cyrillic(b) else 0.85
        if JaroWinkler.similarity(english_key(a), english_key(b)) >= alike:
            return Evidence(0.6, f"{what}s spelled alike: “{a}” and “{b}”")
        return Evidence(-1.5, f"{what}s differ: “{a}” and “{b}”")
    return Evidence(-1.0, f"{what} initials differ: “{a}” and “{b}”")


def _moved_initial(a: PersonName, b: PersonName) -> Evidence | None:
    """`S. M. Shpigel'glaz` and `Mikhail Shpiegelglass`: the first name of one
    is the second initial of the other (a patronymic read as a first name)."""
    for x, y in ((a, b), (b, a)):
        first = _first(y)
        if (
            first
            and len(x.initials) > 1
            and word_score(x.initials[1], first, False, False)
        ):
            return Evidence(0.8, f"“{first}” may be the “{x.initials[1]}” of the other")
    return None


def name_evidence(first: str, second: str) -> list[Evidence]:
    """Evidence from two written names alone."""
    a, b = parse_name(first), parse_name(second)
    found: list[Evidence | None] = []
    given_a, given_b = _given_only(a, b), _given_only(b, a)
    if given_a or given_b:
        shorter, longer = (a, b) if given_a else (b, a)
        pair = _words(shorter.parts[0], _first(longer), "first name")
        if pair and pair.weight > 0:
            found.append(
                Evidence(1.2, f"“{' '.join(shorter.parts)}” alone: " + pair.text)
            )
        else:
            found.append(pair)
        found.append(_words(_patronymic(shorter), _patronymic(longer), "patronymic"))
        return [e for e in found if e]
    if len(a.parts) == 1 or len(b.parts) == 1:
        single = a if len(a.parts) == 1 else b
        relation = same_surname(a, b) and Evidence(
            2.0, f"one surname: “{a.surname}” and “{b.surname}”"
        )
        found.append(
            relation
            or _surnames(a.surname, b.surname)
            or Evidence(-0.3, f"“{single.surname}” is no form of the other's names")
        )
        return [e for e in found if e]
    if same_surname(a, b):
        found.append(Evidence(2.0, f"one surname: “{a.surname}” and “{b.surname}”"))
    else:
        found.append(
            _surnames(a.surname, b.surname)
            or Evidence(-2.0, f"surnames differ: “{a.surname}” and “{b.surname}”")
        )
    moved = _moved_initial(a, b)
    found.append(moved or _words(_first(a), _first(b), "first name"))
    found.append(_words(a.patronymic, b.patronymic, "patronymic"))
    return [e for e in found if e]


def best_names(a: Profile, b: Profile) -> list[Evidence]:
    """The name evidence of the two most alike names of the cards, and the clash
    of their first names where every full name of one clashes with the other's
    (`Max Eitingon` and `Nahum Eitingon` both also say `Eitingon`)."""
    best: list[Evidence] = []
    for x in a.names:
        for y in b.names:
            found = name_evidence(x, y)
            if not best or sum(e.weight for e in found) > sum(e.weight for e in best):
                best = found
    clash = _first_names_clash(a.names, b.names)
    if clash and clash.text not in {e.text for e in best}:
        best.append(clash)
    return best


def _first_names_clash(a: Sequence[str], b: Sequence[str]) -> Evidence | None:
    """The clash of first names, when no full name of one fits one of the other."""
    firsts = [
        [f for n in names if (f := _first(parse_name(n))) and len(n.split()) > 1]
        for names in (a, b)
    ]
    found = [_words(x, y, "first name") for x in firsts[0] for y in firsts[1]]
    if not found or any(e is None or e.weight > 0 for e in found):
        return None
    return min((e for e in found if e), key=lambda e: e.weight)


def _dates(a: Profile, b: Profile) -> list[Evidence]:
    found = []
    for what, x, y in (("born", a.born, b.born), ("died", a.died, b.died)):
        if x and y:
            if dates_compatible(x, y):
                found.append(Evidence(0.8, f"both {what} {describe(x)}"))
            else:
                found.append(Evidence(-2.0, f"{what} {describe(x)} and {describe(y)}"))
    return found


def _shared(
    a: frozenset[str], b: frozenset[str], what: str, each: float
) -> list[Evidence]:
    common = sorted(a & b)
    if not common:
        return []
    weight = min(each * len(common), 3 * each)
    return [Evidence(weight, f"both with {what}: {', '.join(common[:3])}")]


def _together(a: Profile, b: Profile, names: list[Evidence]) -> list[Evidence]:
    """Named in one document: a single name there likely means the person the
    document is about; two full names it kept apart likely mean two people."""
    common = a.documents & b.documents
    if not common:
        return []
    for x, y in ((a, b), (b, a)):
        if all(len(n.split()) == 1 for n in x.names):
            if common & y.subject_of:
                return [
                    Evidence(0.8, f"“{x.name}” alone, in a document about “{y.name}”")
                ]
            return []
    given_only = any(is_patronymic(parse_name(n).surname) for n in (*a.names, *b.names))
    if any(e.weight > 0 for e in names) and not given_only:
        return [
            Evidence(-0.8, f"both in {len(common)} document(s) that kept them apart")
        ]
    return []


def evidence(a: Profile, b: Profile, org_names: dict[str, str]) -> list[Evidence]:
    """Everything for and against `a` and `b` being one person, strongest first."""
    names = best_names(a, b)
    orgs = (
        frozenset(org_names.get(o, o) for o in a.orgs),
        frozenset(org_names.get(o, o) for o in b.orgs),
    )
    found = [
        *names,
        *_shared(*orgs, "organization", 0.3),
        *_shared(a.places, b.places, "place", 0.2),
        *_dates(a, b),
        *_together(a, b, names),
    ]
    return sorted(found, key=lambda e: -abs(e.weight))
