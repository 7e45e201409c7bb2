"""One type per name across a document, whatever each passage's model guessed.

A model reads passage by passage and may call one name a place here and an
organization there (`Soviet Government`, `Советское правительство`). The
document decides: a type the rules, the gazetteer or a periodical's noun gave a
name wins; a name the document uses for a person is a person (in Russian in any
case: `Эйтингоном` after `Наум Эйтингон`); a name the model called both an
organization and a place is an organization when it ends in a body's noun, and
otherwise takes the model's majority. Gazetteer organizations and dates stay.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import cache

from kartoteka import data
from kartoteka.extract.mentions.gazetteer import places
from kartoteka.model import Mention
from kartoteka.resolve.names import nominatives
from kartoteka.resolve.translit import is_cyrillic

MODEL = ("spacy", "natasha")
NAMED = ("person", "org", "place")


@cache
def _body_nouns() -> frozenset[str]:
    heads = data.load("org_heads.yaml")
    words = data.load("names.yaml")["generic_org_words"]
    nouns = [*heads["english"], *heads["russian"], *words]
    return frozenset(noun.lower() for noun in nouns)


def _keys(name: str) -> tuple[str, ...]:
    """The name, and for one Russian word every nominative it may inflect."""
    if " " not in name and is_cyrillic(name):
        return nominatives(name)
    return (name,)


def _body_shaped(name: str) -> bool:
    last = name.split()[-1]
    return any(
        key.lower() in _body_nouns() or key in _body_nouns() for key in _keys(last)
    )


def _person_names(mentions: list[Mention]) -> set[str]:
    """Person names of the document, and the surnames of its full names."""
    names: set[str] = set()
    for m in mentions:
        if m.type != "person":
            continue
        names.add(m.name)
        words = m.name.split()
        if len(words) > 1:
            names.update(_keys(words[-1]))
    return names


def _ruled_types(mentions: list[Mention]) -> dict[str, str]:
    """Types that something surer than the model gave a name, where they agree."""
    given: dict[str, set[str]] = {}
    for m in mentions:
        if m.source not in MODEL and m.type in ("person", "org"):
            given.setdefault(m.name, set()).add(m.type)
    return {name: next(iter(kinds)) for name, kinds in given.items() if len(kinds) == 1}


def _model_votes(mentions: list[Mention]) -> dict[str, str]:
    """For names the model called both an organization and a place: one of them."""
    labels: dict[str, Counter[str]] = {}
    for m in mentions:
        if m.source in MODEL and m.type in ("org", "place"):
            labels.setdefault(m.name, Counter())[m.type] += 1
    decided = {}
    for name, counts in labels.items():
        if len(counts) < 2:
            continue
        if _body_shaped(name):
            decided[name] = "org"
        else:
            decided[name] = "org" if counts["org"] > counts["place"] else "place"
    return decided


def consistent_types(mentions: list[Mention]) -> list[Mention]:
    """The model's mentions retyped so that each name has one type in the document."""
    ruled = _ruled_types(mentions)
    persons = _person_names(mentions)
    voted = _model_votes(mentions)
    return [_retyped(m, ruled, persons, voted) for m in mentions]


def _retyped(
    m: Mention, ruled: dict[str, str], persons: set[str], voted: dict[str, str]
) -> Mention:
    if m.source not in MODEL or m.type not in NAMED or m.name in places():
        return m
    kind = ruled.get(m.name)
    if kind is None and m.type != "person":
        if any(key in persons for key in _keys(m.name)):
            kind = "person"
        else:
            kind = voted.get(m.name)
    return replace(m, type=kind) if kind and kind != m.type else m
