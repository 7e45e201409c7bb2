"""Scoring the system's conflicts against the gold conflicts, by the issue's rule.

A gold claim is found when a system conflict about the same entity has a claim
whose span overlaps the claim's evidence. A system conflict is correct when its
claims overlap the evidence of at least two claims of one gold conflict about
its entity (or about nothing named): it shows a disagreement the gold records,
not a lone statement. Where the gold cites only one claim from the corpus (the
other side is what reference works say), that one claim is enough.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from kartoteka.evaluate.gold import Gold, GoldConflict

Span = tuple[str, int, int]  # document base name, start, end


@dataclass(frozen=True)
class SystemConflict:
    """One exported conflict, reduced to what the measures compare."""

    id: str
    about: str
    question: str
    claims: tuple[Span, ...]


@dataclass(frozen=True)
class ConflictReport:
    """Gold claims found through system conflicts, and how many of those are right."""

    found: int
    claims: int
    missed: tuple[str, ...]
    conflicts: int = 0
    correct: int = 0
    wrong: tuple[str, ...] = ()

    derived: ClassVar[tuple[str, ...]] = ("found_share", "precision")

    @property
    def found_share(self) -> float:
        """Share of gold claims found, 1.0 when the gold has none."""
        return self.found / self.claims if self.claims else 1.0

    @property
    def precision(self) -> float:
        """Share of system conflicts that match a gold conflict, 1.0 with none."""
        return self.correct / self.conflicts if self.conflicts else 1.0


def read_conflicts(rows: Iterable[Mapping[str, Any]]) -> list[SystemConflict]:
    """The export's `conflicts` list as typed rows; a bad row raises KeyError."""
    return [
        SystemConflict(
            str(c["id"]),
            str(c["about"]),
            str(c["question"]),
            tuple(
                (Path(str(k["file"])).name, int(k["start"]), int(k["end"]))
                for k in c["claims"]
            ),
        )
        for c in rows
    ]


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every span where a substring stands in a text."""
    found, at = [], text.find(needle) if needle else -1
    while at >= 0:
        found.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return found


def _hits(spans: Sequence[Span], doc: str, places: Sequence[tuple[int, int]]) -> bool:
    return any(
        d == doc and s < end and start < e for d, s, e in spans for start, end in places
    )


def _gold_places(
    conflict: GoldConflict, texts: Mapping[str, str], docs: frozenset[str]
) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """Each scored claim of a gold conflict: its document, value and evidence spans."""
    return [
        (c.doc, c.value, _occurrences(texts.get(c.doc, ""), c.evidence))
        for c in conflict.claims
        if c.doc is not None and c.doc in docs and c.evidence is not None
    ]


def conflict_report(
    system: Sequence[SystemConflict],
    gold: Gold,
    docs: frozenset[str],
    mapping: Mapping[str, str],
    texts: Mapping[str, str],
) -> ConflictReport:
    """Found gold claims and correct system conflicts, with what was missed or wrong."""
    about = {c.id: mapping.get(c.about) for c in system}
    found, missed, correct = 0, [], set()
    for conflict in gold.conflicts:
        mine = [c for c in system if conflict.about in (None, about[c.id])]
        hits = 0
        for doc, value, places in _gold_places(conflict, texts, docs):
            matching = [c for c in mine if _hits(c.claims, doc, places)]
            hits += bool(matching)
            if matching:
                found += 1
            else:
                missed.append(f"{conflict.id} [{doc}]: {value}")
        scored = _gold_places(conflict, texts, docs)
        for c in mine:
            covered = sum(_hits(c.claims, doc, places) for doc, _, places in scored)
            if covered >= min(2, len(scored)) > 0:
                correct.add(c.id)
    wrong = tuple(f"{c.about}: {c.question}" for c in system if c.id not in correct)
    return ConflictReport(
        found, found + len(missed), tuple(missed), len(system), len(correct), wrong
    )
