"""Resolve mentions into entities, the cards of the index, with a reason per join.

Persons: within each document first (`groups`), then across documents
(`cluster`) by transliteration keys, slips of the pen, and links the sources
state (`real name`, `cover name`), all under the user's curation decisions.
Known organizations resolve to their gazetteer id; other organizations and
places by their normalised name.
"""

from __future__ import annotations

import functools
import gc
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import ParamSpec

from kartoteka.curation import Decision, Ref
from kartoteka.model import Entity, Judgement, Mention, NameLink, stable_id
from kartoteka.progress import Progress, quiet
from kartoteka.resolve.affiliations import NONE, affiliations, dominant_service
from kartoteka.resolve.cluster import (
    BARE,
    LINK,
    USER,
    Cards,
    Edge,
    contained_edges,
    name_edges,
    typo_edges,
)
from kartoteka.resolve.groups import Group, document_groups, forget_slips
from kartoteka.resolve.matching import compatible, forget_pairs
from kartoteka.resolve.names import PersonName, parse_name, surname_keys
from kartoteka.resolve.translit import english_key, is_cyrillic


@dataclass(frozen=True)
class Resolution:
    """The cards, why their mentions were joined, and decisions that no longer apply."""

    entities: list[Entity]
    judgements: list[Judgement] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


class RefIndex:
    """Find the mentions curation decisions name by file and surface name (only
    those: a million mentions need no index for a handful of decisions)."""

    def __init__(
        self,
        mentions: Iterable[Mention],
        files: dict[str, str],
        decisions: Sequence[Decision],
    ) -> None:
        self.by_name: dict[tuple[str, str], list[Mention]] = {
            (ref.file, " ".join(ref.name.split())): []
            for d in decisions
            for ref in (d.a, d.b)
            if ref
        }
        if not self.by_name:
            return
        for mention in mentions:
            file = files.get(mention.document, mention.document)
            for name in {mention.name, mention.text}:
                found = self.by_name.get((file, " ".join(name.split())))
                if found is not None:
                    found.append(mention)

    def find(self, ref: Ref) -> list[Mention]:
        found = self.by_name.get((ref.file, " ".join(ref.name.split())), [])
        if ref.start is not None:
            found = [m for m in found if m.start == ref.start]
        return found


P = ParamSpec("P")
_VERBS = {"merge": "merged", "split": "split", "distinct": "told apart"}


def _user_edges(
    decisions: Sequence[Decision], refs: RefIndex, group_of: dict[str, int]
) -> tuple[list[Edge], list[tuple[int, int]], list[Judgement], list[str]]:
    """User merges become the strongest edges, user splits become cannot-links."""
    edges, cannot, judgements, stale = [], [], [], []
    for decision in decisions:
        if (
            decision.action not in ("merge", "split", "distinct")
            or not decision.a
            or not decision.b
        ):
            continue
        side_a, side_b = refs.find(decision.a), refs.find(decision.b)
        missing = [
            r.label() for r, s in ((decision.a, side_a), (decision.b, side_b)) if not s
        ]
        if missing:
            stale.append(
                f"{decision.action} by {decision.author} ({decision.at}): "
                f"no mention {' or '.join(missing)} any more"
            )
            continue
        same = decision.action == "merge"
        reason = f"{_VERBS[decision.action]} by {decision.author} on {decision.at}"
        judgements.append(
            Judgement(side_a[0].id, side_b[0].id, same, decision.author, reason)
        )
        for a in {group_of[m.id] for m in side_a}:
            for b in {group_of[m.id] for m in side_b}:
                if same:
                    edges.append(Edge(a, b, USER, decision.author, reason))
                else:
                    cannot.append((a, b))
    return edges, cannot, judgements, stale


def _link_edges(
    links: Sequence[NameLink], group_of: dict[str, int], files: dict[str, str]
) -> list[Edge]:
    edges = []
    for link in links:
        a, b = group_of.get(link.a.id), group_of.get(link.b.id)
        if a is not None and b is not None and a != b:
            file = files.get(link.a.document, link.a.document)
            reason = (
                f"the source says so: “{link.cue}” ({file} {link.start}-{link.end})"
            )
            edges.append(Edge(a, b, LINK, "machine", reason))
    return edges


def _bare_edges(groups: list[Group], cards: Cards) -> list[Edge]:
    """A surname alone joins the one card elsewhere that carries it, if there is one
    (only the surnames that share a key with a surname alone are filed by key;
    groups are filed by surname, and a surname's keys looked at once; few
    groups are a surname alone, so only they and the groups that bear their
    surnames are looked at one by one)."""
    alone = [index for index, group in enumerate(groups) if not group.name.full]
    bare = {key for index in alone for key in groups[index].name.keys}
    surnames = [group.name.surname for group in groups]
    by_key: dict[str, list[str]] = defaultdict(list)
    for surname in dict.fromkeys(surnames):  # in the order of their first groups
        for key in bare.intersection(surname_keys(surname)):
            by_key[key].append(surname)
    filed = {surname for bearing in by_key.values() for surname in bearing}
    by_surname: dict[str, list[int]] = defaultdict(list)
    for index, surname in enumerate(surnames):
        if surname in filed:
            by_surname[surname].append(index)
    del surnames
    edges = []
    for index in alone:
        group = groups[index]
        others = {
            i
            for key in group.name.keys
            for surname in by_key.get(key, ())
            for i in by_surname[surname]
            if i != index
        }
        full = _fitting_cards(groups, others, group.name, cards)
        if len(full) == 1:
            target = min(i for i in others if cards.find(i) in full)
            edges.append(
                Edge(
                    index,
                    target,
                    BARE,
                    "machine",
                    "surname alone; one person of that name elsewhere",
                )
            )
        elif not full:
            for other in sorted(i for i in others if not groups[i].name.full):
                edges.append(
                    Edge(
                        index,
                        other,
                        BARE,
                        "machine",
                        "same surname; no first name anywhere",
                    )
                )
    return edges


def _fitting_cards(
    groups: list[Group], others: Iterable[int], name: PersonName, cards: Cards
) -> set[int]:
    """The cards of the full names among `others` that fit `name` (a card
    found already needs no more of its names compared)."""
    found: set[int] = set()
    for other in others:
        if groups[other].name.full:
            card = cards.find(other)
            if card not in found and compatible(groups[other].name, name):
                found.add(card)
    return found


def _without_cycle_collector(
    function: Callable[P, Resolution],
) -> Callable[P, Resolution]:
    """Run `function` with the cycle collector paused: a million mentions make
    millions of long-lived objects that hold no cycles, and the collector would
    walk all of them again each time the heap grows by a quarter."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> Resolution:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


@_without_cycle_collector
def resolve_persons(
    mentions: Sequence[Mention],
    links: Sequence[NameLink] = (),
    decisions: Sequence[Decision] = (),
    files: dict[str, str] | None = None,
    progress: Progress = quiet,
) -> Resolution:
    """Cards for persons, within and across documents, under the user's decisions;
    `progress` shows the documents grouped, then the kinds of joins made."""
    files = files or {}
    refs = RefIndex((m for m in mentions if m.type == "person"), files, decisions)
    detached = {
        m.id for d in decisions if d.action == "split" and d.a for m in refs.find(d.a)
    }
    by_document: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.type == "person":
            by_document[mention.document].append(mention)
    documents = progress(sorted(by_document), len(by_document), "grouping names")
    groups = [  # each document's list goes as its groups come: they hold its mentions
        g for d in documents for g in document_groups(by_document.pop(d), detached)
    ]
    forget_pairs()  # a document's pairs of names seldom recur across documents
    forget_slips()
    # The groups of only the mentions that links and decisions name: a million
    # mentions need no table of their own.
    named = {m.id for link in links for m in (link.a, link.b)}
    named |= {
        m.id for d in decisions for ref in (d.a, d.b) if ref for m in refs.find(ref)
    }
    group_of = (
        {m.id: i for i, g in enumerate(groups) for m in g.mentions if m.id in named}
        if named
        else {}
    )
    user, cannot, judgements, stale = _user_edges(decisions, refs, group_of)
    cards = Cards(len(groups), cannot)
    services = _services(groups, affiliations(mentions))
    kinds: list[Callable[[], Iterable[Edge]]] = [  # strongest first
        lambda: user,
        lambda: _link_edges(links, group_of, files),
        lambda: name_edges(groups, services, cards),
        lambda: contained_edges(groups, cards),
        lambda: typo_edges(groups, cards),
        lambda: _bare_edges(groups, cards),  # a list: weighed against all the above
    ]
    joins = progress(kinds, len(kinds), "joining cards")
    joined = [
        _judged(groups, e) for kind in joins for e in kind() if cards.union(e.a, e.b)
    ]
    forget_pairs()  # the pairs' memory is worth its size only while joining
    judgements += _within_documents(groups)  # in place: no list of them all twice
    judgements += joined
    del joined
    clusters: dict[int, list[Mention]] = defaultdict(list)
    find = cards.find
    for index, group in enumerate(groups):
        clusters[find(index)].extend(group.mentions)
    groups.clear()  # the cards are made in the room the groups leave
    entities = [_entity("person", min(map(_id, ms)), ms) for ms in clusters.values()]
    return Resolution(entities, judgements, stale)


def _services(
    groups: list[Group], near: Callable[[Mention], frozenset[str]]
) -> list[frozenset[str]]:
    """The service each group is mostly named beside (most are named beside
    none: their mentions' nothing needs no counting)."""
    services = []
    for group in groups:
        nearby = [near(m) for m in group.mentions]
        services.append(dominant_service(nearby) if any(nearby) else NONE)
    return services


def _within_documents(groups: list[Group]) -> Iterator[Judgement]:
    for group in groups:
        if group.reasons:  # most groups are one mention, with no reason
            anchor = group.mentions[0].id
            for mention, reason in zip(group.mentions[1:], group.reasons, strict=True):
                yield Judgement(anchor, mention.id, True, "machine", reason)


def _judged(groups: list[Group], e: Edge) -> Judgement:
    """The judgement an applied edge makes, between the groups' first mentions
    (made as the edge is applied, so no edge outlives its join)."""
    a, b = groups[e.a].mentions[0].id, groups[e.b].mentions[0].id  # their anchors
    return Judgement(a, b, True, e.author, e.reason, e.score)


def preferred_name(counts: Mapping[str, int]) -> str:
    """A card's name: the most complete Latin-script name, else the most frequent.

    `counts` is how often the sources use each name, in the order of the
    mentions (by document id, then start); ties go to the first. The build and
    a user's live merge or split both name a card with this, so a card keeps
    its name when rebuilt.
    """

    if len(counts) == 1:  # a card of one name: nothing to rank
        return next(iter(counts))

    def rank(name: str) -> tuple[int, int, int, int]:
        parsed = parse_name(name)
        return (
            not is_cyrillic(name),
            len(parsed.given) + bool(parsed.patronymic),
            -len(parsed.initials),
            counts[name],
        )

    return max(counts, key=rank)


_place = attrgetter("document", "start")  # a mention's place, read in C
_id, _name = attrgetter("id"), attrgetter("name")


def _entity(
    kind: str, key: str, mentions: list[Mention], name: str | None = None
) -> Entity:
    mentions.sort(key=_place)
    if kind == "org" and not key.startswith("org-"):
        entity_id = key
    else:
        entity_id = f"{kind}-{stable_id(kind, key, size=10)}"
    name = name or preferred_name(Counter(map(_name, mentions)))
    return Entity(entity_id, kind, name, tuple(mentions))


def _name_key(name: str) -> str:
    """One key for a body's name however its article and initials are spaced
    (`имени Б. Н. Ельцина`, `имени Б.Н. Ельцина`)."""
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = re.sub(r"(?<=\b\w\.)\s+(?=\w\.)", "", name)
    return " ".join(english_key(w) for w in name.split())


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


def resolve(
    mentions: Sequence[Mention],
    links: Sequence[NameLink] = (),
    decisions: Sequence[Decision] = (),
    files: dict[str, str] | None = None,
    progress: Progress = quiet,
) -> Resolution:
    """Every card: persons, organizations and places."""
    persons = resolve_persons(mentions, links, decisions, files, progress)
    entities = persons.entities
    entities += resolve_by_name(mentions, "org")
    entities += resolve_by_name(mentions, "place")
    entities.sort(key=lambda e: (e.type, e.id))
    return Resolution(entities, persons.judgements, persons.stale)
