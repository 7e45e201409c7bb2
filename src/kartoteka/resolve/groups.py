"""Within one document: person mentions grouped by the name they share.

A document introduces a person by full name and then says the surname alone;
a bare surname therefore joins the nearest earlier full name it fits (or the
one full name it is a slip of the pen for). Groups are the units that are then
joined across documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kartoteka.model import Mention
from kartoteka.resolve.matching import compatible
from kartoteka.resolve.names import PersonName, parse_name, typo_of


@dataclass
class Group:
    """Person mentions of one document that name the same person."""

    document: str
    name: PersonName
    mentions: list[Mention] = field(default_factory=list)
    reasons: list[tuple[Mention, Mention, str]] = field(default_factory=list)

    @property
    def anchor(self) -> Mention:
        return self.mentions[0]


def _specificity(name: PersonName) -> int:
    return len(name.given) * 2 + len(name.initials) + bool(name.patronymic)


def document_groups(mentions: Sequence[Mention], detached: set[str]) -> list[Group]:
    """Group one document's person mentions; `detached` mentions stay on their own."""
    groups: list[Group] = []
    bare: list[tuple[Mention, PersonName]] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        name = parse_name(mention.name)
        if mention.id in detached:
            groups.append(Group(mention.document, name, [mention]))
        elif not name.full:
            bare.append((mention, name))
        else:
            _add_full(groups, mention, name, detached)
    for mention, name in bare:
        _attach_bare(groups, mention, name, detached)
    return groups


def _add_full(
    groups: list[Group], mention: Mention, name: PersonName, detached: set[str]
) -> None:
    for group in groups:
        if (
            group.name.full
            and group.anchor.id not in detached
            and _roles_fit(group, mention, name)
            and compatible(group.name, name, typo=True)
        ):
            if _specificity(name) > _specificity(group.name):
                group.name = name
            group.reasons.append(
                (group.anchor, mention, "compatible full names in one document")
            )
            group.mentions.append(mention)
            return
    groups.append(Group(mention.document, name, [mention]))


def _roles_fit(group: Group, mention: Mention, name: PersonName) -> bool:
    """A cited author (`A. Orlov et al.`) joins an actor of the text only by first name.

    Initials alone are too weak a tie between a bibliography and the story: the
    author `A. Orlov` need not be the officer `A. G. Orlov` the text is about.
    """
    cited = {group.anchor.role == "citation", mention.role == "citation"}
    if len(cited) == 1 or _initials(group.name) == _initials(name):
        return True
    actor = name if mention.role != "citation" else group.name
    return bool(actor.given)


def _initials(name: PersonName) -> tuple[str, ...]:
    return tuple(i.rstrip(".") for i in name.initials)


def _named_before(group: Group, mention: Mention) -> int:
    """How often the document has named the group before `mention`."""
    return sum(1 for m in group.mentions if m.start < mention.start)


def _attach_bare(
    groups: list[Group], mention: Mention, name: PersonName, detached: set[str]
) -> None:
    """A bare name joins the fitting full name named most, else a new group.

    `Bystrolyotov` after a line on his mother `Klavdiya Bystrolyotov` is still
    the man the document is about; between equals the nearest earlier wins.
    """
    usable = [g for g in groups if g.anchor.id not in detached]
    candidates = [g for g in usable if g.name.full and compatible(g.name, name)]
    reason = "surname of a full name given in the document"
    if not candidates:
        candidates = [g for g in usable if not g.name.full and compatible(g.name, name)]
        reason = "same surname in one document"
    if not candidates:
        typos = [
            g for g in usable if g.name.full and typo_of(g.name.surname, name.surname)
        ]
        if len({id(g) for g in typos}) == 1:
            candidates, reason = (
                typos,
                "surname differs by one letter from a full name here",
            )
    if not candidates:
        groups.append(Group(mention.document, name, [mention]))
        return
    before = [g for g in candidates if g.anchor.start <= mention.start]
    chosen = max(
        reversed(before or candidates), key=lambda g: _named_before(g, mention)
    )
    chosen.reasons.append((chosen.anchor, mention, reason))
    chosen.mentions.append(mention)
