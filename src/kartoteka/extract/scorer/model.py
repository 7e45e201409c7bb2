"""A logistic regression over named binary features, in plain numpy.

Small enough to ship as a JSON file of weights and to score thousands of
candidates per second on one CPU core.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Model:
    """Feature weights and the score above which a candidate is an event."""

    weights: dict[str, float]
    threshold: float

    def score(self, features: Sequence[str]) -> float:
        """Probability that the candidate with these features is an event."""
        z = sum(map(self.weights.get, features, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def save(self, path: Path) -> None:
        """Write the model as sorted JSON, so retraining gives the same file."""
        rounded = {k: round(v, 5) for k, v in sorted(self.weights.items()) if v}
        payload = {"threshold": self.threshold, "weights": rounded}
        path.write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, path: Path) -> Model:
        """Read a model written by `save`."""
        payload = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(payload["weights"]), float(payload["threshold"]))


def fit(
    rows: Sequence[Sequence[str]],
    labels: Sequence[bool],
    l2: float = 1.0,
    epochs: int = 300,
    min_count: int = 2,
) -> dict[str, float]:
    """L2-regularised logistic regression by full-batch Adam; deterministic."""
    counts: dict[str, int] = {}
    for row in rows:
        for f in set(row):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    cols = [
        np.array(sorted({index[f] for f in r if f in index}), dtype=np.int64)
        for r in rows
    ]
    lengths = np.array([len(c) for c in cols], dtype=np.int64)
    flat = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(len(cols)), lengths)
    y = np.asarray(labels, dtype=np.float64)
    w = np.zeros(len(names))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    rate, beta1, beta2 = 0.1, 0.9, 0.999
    for step in range(1, epochs + 1):
        z = np.bincount(owner, weights=w[flat], minlength=len(cols))
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        residual = p - y
        grad = np.bincount(flat, weights=residual[owner], minlength=len(w)) / len(cols)
        grad += l2 * w / len(cols)
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    return {f: float(w[i]) for f, i in index.items()}
