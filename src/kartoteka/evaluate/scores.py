"""Precision, recall and F1 from counts, B-cubed, and cross-document pair scores."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from kartoteka.evaluate.gold import Item


def _f1(precision: float, recall: float) -> float:
    """Harmonic mean, zero when both are zero."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@dataclass(frozen=True)
class Counts:
    """Hits among predictions and expectations; an empty side scores 1.0."""

    derived: ClassVar[tuple[str, ...]] = ("precision", "recall", "f1")
    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        """Share of predictions that are right."""
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of expectations that were predicted."""
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _f1(self.precision, self.recall)


@dataclass(frozen=True)
class BCubed:
    """Per-item averaged cluster precision and recall."""

    derived: ClassVar[tuple[str, ...]] = ("f1",)
    precision: float
    recall: float
    items: int

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _f1(self.precision, self.recall)


def bcubed(
    items: Sequence[Item],
    system: Mapping[Item, Hashable],
    gold: Mapping[Item, Hashable],
) -> BCubed:
    """B-cubed scores of the system clusters of items against the gold clusters."""
    if not items:
        return BCubed(1.0, 1.0, 0)
    sizes = Counter(system[i] for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    joint = Counter((system[i], gold[i]) for i in items)
    precision = sum(joint[system[i], gold[i]] / sizes[system[i]] for i in items)
    recall = sum(joint[system[i], gold[i]] / gold_sizes[gold[i]] for i in items)
    return BCubed(precision / len(items), recall / len(items), len(items))


def _cross_pairs(items: Sequence[Item], key: Mapping[Item, Hashable]) -> int:
    """Number of same-cluster item pairs whose items come from different documents."""
    clusters = Counter(key[i] for i in items)
    per_doc = Counter((key[i], i[0]) for i in items)
    within = sum(n * (n - 1) // 2 for n in clusters.values())
    return within - sum(n * (n - 1) // 2 for n in per_doc.values())


def cross_document_pairs(
    items: Sequence[Item],
    system: Mapping[Item, Hashable],
    gold: Mapping[Item, Hashable],
) -> Counts:
    """Pair scores over item pairs from different documents (linking across sources)."""
    both = {i: (system[i], gold[i]) for i in items}
    return Counts(
        _cross_pairs(items, both),
        _cross_pairs(items, system),
        _cross_pairs(items, gold),
    )
