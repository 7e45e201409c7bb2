"""Which service a person is named beside: the army's or state security's.

Two men called `A. Orlov` in two sources, one beside the Red Army and the other
beside the NKVD, are not joined on initials alone. Only the organizations known
to the gazetteer count, by their kind.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence

from kartoteka.extract.mentions.gazetteer import organizations
from kartoteka.model import Mention

NEAR = 150
NONE: frozenset[str] = frozenset()  # one object for the many named beside no service
FAMILIES = {
    "military": "army",
    "military-intelligence": "army",
    "state-security": "security",
}


def affiliations(mentions: Sequence[Mention]) -> Callable[[Mention], frozenset[str]]:
    """The service families of the organizations named near a person mention
    (looked up when asked, so that a million mentions need no table of them)."""
    known = organizations()
    by_document: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for mention in mentions:
        if mention.type == "org" and mention.key in known:
            family = FAMILIES.get(known[mention.key].kind)
            if family:
                by_document[mention.document].append((mention.start, family))
    starts: dict[str, list[int]] = {}
    for document, named in by_document.items():
        named.sort()
        starts[document] = [start for start, _ in named]

    def near(person: Mention) -> frozenset[str]:
        named = by_document.get(person.document)
        if not named:  # most documents name no service near anyone
            return NONE
        low = bisect_left(starts[person.document], person.start - NEAR)
        high = bisect_right(starts[person.document], person.end + NEAR)
        return frozenset(family for _, family in named[low:high])

    return near


def dominant_service(nearby: Sequence[frozenset[str]]) -> frozenset[str]:
    """The service a group of mentions is mostly named beside, if one clearly leads."""
    counts: dict[str, int] = defaultdict(int)
    for families in nearby:
        for family in families:
            counts[family] += 1
    total = sum(counts.values())
    leading = [f for f, n in counts.items() if n * 3 > total * 2]
    return frozenset(leading) if leading else NONE


def clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both named beside a service, and never beside the same one."""
    return bool(a) and bool(b) and not a & b
