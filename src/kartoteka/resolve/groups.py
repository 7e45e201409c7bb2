"""Within one document: person mentions grouped by the name they share.

A document introduces a person by full name and then says the surname alone;
a bare surname therefore joins the full name it fits that the document has named
most so far (or the one full name it is a slip of the pen for). Groups are the
units that are then joined across documents.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from kartoteka.model import Mention
from kartoteka.resolve.matching import compatible
from kartoteka.resolve.names import (
    PersonName,
    name_word_keys,
    parse_name,
    surname_keys,
    typo_of,
)
from kartoteka.resolve.translit import english_key


@dataclass(slots=True)
class _Open:
    """A group while its document is read: mentions still join it, and
    `reasons[i]` says why `mentions[i + 1]` joined the first. `index` is its
    place among the document's groups."""

    document: str
    name: PersonName
    mentions: list[Mention]
    index: int
    reasons: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> Mention:
        return self.mentions[0]


@dataclass(slots=True)
class Group:
    """Person mentions of one document that name the same person, and why each
    after the first joined it (a shared string each). Tuples, not the lists
    they were built in: a million mentions make some 450,000 groups, most of
    one mention and no reason (the empty tuple is one object)."""

    document: str
    name: PersonName
    mentions: tuple[Mention, ...]
    reasons: tuple[str, ...]

    @property
    def anchor(self) -> Mention:
        return self.mentions[0]


def _specificity(name: PersonName) -> int:
    return len(name.given) * 2 + len(name.initials) + bool(name.patronymic)


SCAN = 32  # up to this many groups a document's groups are scanned, not filed


class _Filed:
    """A document's groups in the order they were made, with the keys of their
    surnames and of its one-letter slips, so that a name is compared only with
    the groups that may share its surname. A document of a few groups is
    scanned; a book's thousands of groups are filed by key, as they would
    otherwise be compared with every one of its mentions."""

    def __init__(self) -> None:
        self.groups: list[_Open] = []
        self.keys: list[frozenset[str]] = []
        self.filed: dict[str, list[int]] | None = None
        # `near` by surname, with the surname's keys; scanned, a new group joins
        # each list it is near, filed, the lists are dropped
        self.found: dict[str, tuple[frozenset[str], list[_Open]]] = {}
        # a surname alone's candidates and reason (`_attach_bare`), until a
        # group is opened or renamed: a surname alone recurs in a document
        self.chosen: dict[str, tuple[list[_Open], str]] = {}

    def open(self, mention: Mention, name: PersonName) -> None:
        """A new group, of the mention alone."""
        self.chosen.clear()
        keys = _filing_keys(name.surname, name.patronymic)
        group = _Open(mention.document, name, [mention], len(self.groups))
        self.groups.append(group)
        self.keys.append(keys)
        if self.filed is not None:
            self.found.clear()
            _file(self.filed, group.index, keys)
        elif len(self.groups) > SCAN:
            self.found.clear()
            self.filed = {}
            for index, found in enumerate(self.keys):
                _file(self.filed, index, found)
        else:
            for near, groups in self.found.values():
                if not near.isdisjoint(keys):
                    groups.append(group)

    def rename(self, group: _Open, name: PersonName) -> None:
        """Name a group more specifically, and file it under that name's surname
        and patronymic too: a given name with a patronymic (`Jan Karlovich`)
        reads its patronymic as the surname."""
        self.found.clear()
        self.chosen.clear()
        group.name = name
        keys = _filing_keys(name.surname, name.patronymic)
        self.keys[group.index] = self.keys[group.index] | keys
        if self.filed is not None:
            _file(self.filed, group.index, keys)

    def near(self, name: PersonName) -> list[_Open]:
        """The groups whose surname may be the name's or a slip of it, in order
        (a document says a surname alone again and again: kept until a group
        is renamed, a new group joining the lists it is near, except once
        the groups are filed by key, where a new group drops them all)."""
        found = self.found.get(name.surname)
        if found is None:
            keys = _surname_keys(name.surname)
            found = self.found[name.surname] = (keys, self._near(keys))
        return found[1]

    def _near(self, keys: frozenset[str]) -> list[_Open]:
        if self.filed is None:
            return [
                group
                for group, filed in zip(self.groups, self.keys, strict=True)
                if not keys.isdisjoint(filed)
            ]
        found = {i for key in keys for i in self.filed.get(key, ())}
        return [self.groups[i] for i in sorted(found)]


def _file(filed: dict[str, list[int]], index: int, keys: frozenset[str]) -> None:
    for key in keys:
        filed.setdefault(key, []).append(index)


def _filing_keys(surname: str, patronymic: str | None) -> frozenset[str]:
    """The keys a group is filed under: its surname's, and its patronymic's."""
    keys = _surname_keys(surname)
    return keys | _patronymic_keys(patronymic) if patronymic else keys


def _patronymic_keys(patronymic: str) -> frozenset[str]:
    return name_word_keys(patronymic)


@lru_cache(maxsize=200_000)
def _surname_keys(surname: str) -> frozenset[str]:
    """The surname's keys, and its English key with each letter left out in turn
    (two words one slip apart share one of those); worked out once per surname.
    A transliteration key names its family (`en:ezov`), a slip's key does not,
    so the two kinds never meet."""
    slip = english_key(surname)
    keys = set(surname_keys(surname)) | {slip}
    if len(slip) >= 5:
        keys |= {sys.intern(slip[:i] + slip[i + 1 :]) for i in range(len(slip))}
    return frozenset(keys)


def forget_slips() -> None:
    """Drop the surnames' filing keys (a surname's slips are a dozen strings;
    tens of MB for a million mentions) once every document is grouped."""
    _surname_keys.cache_clear()


_start = attrgetter("start")


def document_groups(mentions: Sequence[Mention], detached: set[str]) -> list[Group]:
    """Group one document's person mentions; `detached` mentions stay on their own."""
    filed = _Filed()
    bare: list[tuple[Mention, PersonName]] = []
    parsed: dict[str, PersonName] = {}  # a document repeats its names
    for mention in sorted(mentions, key=_start):
        name = parsed.get(mention.name)
        if name is None:
            name = parsed[mention.name] = parse_name(mention.name)
        if mention.id in detached:
            filed.open(mention, name)
        elif not name.full:
            bare.append((mention, name))
        else:
            _add_full(filed, mention, name, detached)
    for mention, name in bare:
        _attach_bare(filed, mention, name, detached)
    return [
        Group(g.document, g.name, tuple(g.mentions), tuple(g.reasons))
        for g in filed.groups
    ]


def _add_full(
    filed: _Filed, mention: Mention, name: PersonName, detached: set[str]
) -> None:
    for group in filed.near(name):
        if (
            group.name.full
            and group.anchor.id not in detached
            and _roles_fit(group, mention, name)
            and compatible(group.name, name, typo=True)
        ):
            if _specificity(name) > _specificity(group.name):
                filed.rename(group, name)
            group.reasons.append("compatible full names in one document")
            group.mentions.append(mention)
            return
    filed.open(mention, name)


def _roles_fit(group: _Open, mention: Mention, name: PersonName) -> bool:
    """A cited author (`A. Orlov et al.`) joins an actor of the text only by first name.

    Initials alone are too weak a tie between a bibliography and the story: the
    author `A. Orlov` need not be the officer `A. G. Orlov` the text is about.
    """
    cited = group.anchor.role == "citation"
    if cited == (mention.role == "citation") or _initials(group.name) == _initials(
        name
    ):
        return True
    actor = name if mention.role != "citation" else group.name
    return bool(actor.given)


def _initials(name: PersonName) -> tuple[str, ...]:
    return tuple(i.rstrip(".") for i in name.initials)


def _named_before(group: _Open, mention: Mention) -> int:
    """How often the document has named the group before `mention`."""
    return sum(1 for m in group.mentions if m.start < mention.start)


def _named_most(candidates: list[_Open], mention: Mention) -> _Open:
    """Of the groups begun before `mention` (else of all), the one named most
    before it; between equals the nearest earlier."""
    fitting = [g for g in candidates if g.anchor.start <= mention.start] or candidates
    if len(fitting) == 1:  # the count below is a scan: only where it decides
        return fitting[0]
    return max(reversed(fitting), key=lambda g: _named_before(g, mention))


def _attach_bare(
    filed: _Filed, mention: Mention, name: PersonName, detached: set[str]
) -> None:
    """A bare name joins the fitting full name named most, else a new group.

    `Bystrolyotov` after a line on his mother `Klavdiya Bystrolyotov` is still
    the man the document is about; between equals the nearest earlier wins.
    """
    found = filed.chosen.get(name.surname)  # a surname alone is its name
    if found is None:
        found = filed.chosen[name.surname] = _candidates(filed, name, detached)
    candidates, reason = found
    if not candidates:
        filed.open(mention, name)
        return
    chosen = candidates[0] if len(candidates) == 1 else _named_most(candidates, mention)
    chosen.reasons.append(reason)
    chosen.mentions.append(mention)


def _candidates(
    filed: _Filed, name: PersonName, detached: set[str]
) -> tuple[list[_Open], str]:
    """The groups a surname alone may join, and why (none: it opens a group)."""
    usable = filed.near(name)
    if detached:  # a curator's split, seldom: most documents have none
        usable = [g for g in usable if g.anchor.id not in detached]
    candidates = [g for g in usable if g.name.full and compatible(g.name, name)]
    if candidates:
        return candidates, "surname of a full name given in the document"
    candidates = [g for g in usable if not g.name.full and compatible(g.name, name)]
    if candidates:
        return candidates, "same surname in one document"
    typos = [g for g in usable if g.name.full and typo_of(g.name.surname, name.surname)]
    if len({id(g) for g in typos}) == 1:
        return typos, "surname differs by one letter from a full name here"
    return [], ""
