"""Simple name-resolution baselines, so the system's clustering has a yardstick."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz

from kartoteka.evaluate.gold import Item


def _tokens(text: str) -> list[str]:
    """Lowercase tokens without punctuation or diacritics, in text order."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    kept = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch)[0] != "P"
    )
    return kept.split()


def fingerprint(text: str) -> str:
    """OpenRefine-style fingerprint key: sorted unique normalised tokens."""
    return " ".join(sorted(set(_tokens(text))))


def surname(text: str) -> str:
    """The last normalised token of a name (the whole text if it has none)."""
    tokens = _tokens(text)
    return tokens[-1] if tokens else text


def exact_clusters(items: Iterable[Item]) -> dict[Item, str]:
    """Cluster (document, form) items whose forms are identical strings."""
    return {item: item[1] for item in items}


def fingerprint_clusters(items: Iterable[Item]) -> dict[Item, str]:
    """Cluster items whose forms share a fingerprint key."""
    return {item: fingerprint(item[1]) for item in items}


def surname_clusters(items: Iterable[Item], threshold: float = 85.0) -> dict[Item, str]:
    """Cluster items whose surnames are similar (fuzz.ratio), closed transitively."""
    items = list(items)
    names = sorted({surname(form) for _, form in items})
    parent = {name: name for name in names}

    def root(name: str) -> str:
        """The representative of a name's group, halving paths on the way."""
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for index, first in enumerate(names):
        for second in names[index + 1 :]:
            if fuzz.ratio(first, second) >= threshold:
                a, b = root(first), root(second)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {item: root(surname(item[1])) for item in items}


REFERENCES: dict[str, Callable[[Iterable[Item]], dict[Item, str]]] = {
    "exact": exact_clusters,
    "fingerprint": fingerprint_clusters,
    "surname": surname_clusters,
}
