"""Resolve mentions into entities: the cards of the index.

Persons first within each document (a bare surname refers to the full name the
document gave), then across documents where folded names agree and no first
name or initial disagrees. Known organizations resolve to their gazetteer id;
other organizations and places by their normalised name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from kartoteka.model import Entity, Mention, stable_id
from kartoteka.resolve.names import PersonName, compatible, fold, parse_name

# Russian case endings, longest first: Люшкова, Ягоды, Ежовым → the nominative key.
RUSSIAN_ENDINGS = ("ого", "ому", "ым", "ом", "ой", "ою", "ою", "а", "у", "ы", "е")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


class UnionFind:
    """Disjoint sets of mention groups; each final set is one entity."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Group:
    """Person mentions of one document that share a name; the unit of merging."""

    def __init__(self, document: str, name: PersonName) -> None:
        self.document = document
        self.name = name
        self.mentions: list[Mention] = []

    @property
    def full(self) -> bool:
        return bool(self.name.given or self.name.initials)


def _person_name(mention: Mention, known_keys: set[str]) -> PersonName:
    name = parse_name(mention.name)
    if not CYRILLIC.search(name.surname) or name.surname_key in known_keys:
        return name
    for ending in RUSSIAN_ENDINGS:
        if name.surname.endswith(ending) and len(name.surname) > len(ending) + 2:
            stem = name.surname[: -len(ending)]
            if fold(stem) in known_keys:
                return PersonName(name.given, name.initials, name.patronymic, stem)
    return name


def _document_groups(mentions: Sequence[Mention], known_keys: set[str]) -> list[Group]:
    """Group one document's person mentions; bare surnames join the full name given."""
    groups: list[Group] = []
    by_key: dict[tuple[str, str | None, str], Group] = {}
    bare: list[tuple[Mention, PersonName]] = []
    for mention in mentions:
        name = _person_name(mention, known_keys)
        if not (name.given or name.initials):
            bare.append((mention, name))
            continue
        key = (
            name.surname_key,
            name.first_initial,
            fold(name.given[0]) if name.given else "",
        )
        group = _find_compatible(by_key, key, name)
        if group is None:
            group = Group(mention.document, name)
            by_key[key] = group
            groups.append(group)
        elif len(name.given) + len(name.initials) > len(group.name.given) + len(
            group.name.initials
        ):
            group.name = name
        group.mentions.append(mention)
    for mention, name in bare:
        _attach_bare(groups, mention, name)
    return groups


def _find_compatible(
    by_key: dict[tuple[str, str | None, str], Group],
    key: tuple[str, str | None, str],
    name: PersonName,
) -> Group | None:
    if key in by_key:
        return by_key[key]
    for (surname, _, _), group in by_key.items():
        if surname == key[0] and compatible(group.name, name):
            return group
    return None


def _attach_bare(groups: list[Group], mention: Mention, name: PersonName) -> None:
    """A bare surname joins the nearest earlier full name with that surname."""
    candidates = [
        g for g in groups if g.full and g.name.surname_key == name.surname_key
    ]
    if not candidates:
        candidates = [g for g in groups if g.name.surname_key == name.surname_key]
    if not candidates:
        group = Group(mention.document, name)
        group.mentions.append(mention)
        groups.append(group)
        return
    before = [
        g for g in candidates if min(m.start for m in g.mentions) <= mention.start
    ]
    chosen = (before or candidates)[-1] if len(candidates) > 1 else candidates[0]
    chosen.mentions.append(mention)


def _merge_across(groups: list[Group]) -> UnionFind:
    """Join groups of different documents that name the same person."""
    sets = UnionFind()
    by_surname: dict[str, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        sets.find(index)
        by_surname[group.name.surname_key].append(index)
    for indexes in by_surname.values():
        full = [i for i in indexes if groups[i].full]
        for a_pos, a in enumerate(full):
            for b in full[a_pos + 1 :]:
                if compatible(groups[a].name, groups[b].name):
                    sets.union(a, b)
        clusters = {sets.find(i) for i in full}
        for i in indexes:
            if groups[i].full:
                continue
            if len(clusters) <= 1:
                target = next(iter(clusters)) if clusters else indexes[0]
                sets.union(i, target)
    return sets


def _preferred_name(mentions: Sequence[Mention]) -> str:
    """The most complete Latin-script name, else the most frequent one."""
    counts = Counter(m.name for m in mentions)

    def rank(name: str) -> tuple[int, int, int, int]:
        parsed = parse_name(name)
        latin = not CYRILLIC.search(name)
        return (
            latin,
            len(parsed.given) + bool(parsed.patronymic),
            -len(parsed.initials),
            counts[name],
        )

    return max(counts, key=rank)


def _entity(
    kind: str, key: str, mentions: list[Mention], name: str | None = None
) -> Entity:
    mentions.sort(key=lambda m: (m.document, m.start))
    return Entity(
        id=key
        if kind == "org" and not key.startswith("org-")
        else f"{kind}-{stable_id(kind, key, size=10)}",
        type=kind,
        name=name or _preferred_name(mentions),
        mentions=tuple(mentions),
    )


def resolve_persons(mentions: Iterable[Mention]) -> list[Entity]:
    """Cards for persons, within and across documents."""
    by_document: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.type == "person":
            by_document[mention.document].append(mention)
    known_keys = {
        parse_name(m.name).surname_key
        for ms in by_document.values()
        for m in ms
        if not CYRILLIC.search(m.name)
    }
    groups = [
        g
        for doc in sorted(by_document)
        for g in _document_groups(by_document[doc], known_keys)
    ]
    sets = _merge_across(groups)
    clusters: dict[int, list[Mention]] = defaultdict(list)
    for index, group in enumerate(groups):
        clusters[sets.find(index)].extend(group.mentions)
    entities = []
    for members in clusters.values():
        key = min(m.id for m in members)
        entities.append(_entity("person", key, members))
    return entities


def _name_key(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name)
    return " ".join(fold(w) for w in name.split())


def resolve_by_name(mentions: Iterable[Mention], kind: str) -> list[Entity]:
    """Cards for organizations (gazetteer id or name) and places (name)."""
    clusters: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.type == kind:
            key = (
                mention.key
                if kind == "org" and mention.key
                else f"{kind}-{_name_key(mention.name)}"
            )
            clusters[key].append(mention)
    return [_entity(kind, key, members) for key, members in clusters.items()]


def resolve(mentions: Sequence[Mention]) -> list[Entity]:
    """Every card: persons, organizations and places."""
    entities = resolve_persons(mentions)
    entities += resolve_by_name(mentions, "org")
    entities += resolve_by_name(mentions, "place")
    entities.sort(key=lambda e: (e.type, e.id))
    return entities
