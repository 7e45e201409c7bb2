"""Cue words from the data files as patterns, and the body passages they are sought in.

The conflict readings each look for a few words of their own (hedges, flights,
postings, reasons...) in the body text of every document; this is the one place
that turns a vocabulary list into a pattern and fetches those passages.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache

from kartoteka.data import load


def words(items: list[str]) -> str:
    """Alternatives of cue words, longest first; a trailing * matches any ending."""
    return "|".join(
        re.escape(w.rstrip("*")).replace(r"\ ", r"\s+")
        + (r"\w*" if w[-1] == "*" else "")
        for w in sorted(items, key=len, reverse=True)
    )


def vocabulary(file: str, key: str) -> list[str]:
    """Every language's words of one list in a data file ({language: [words]})."""
    return [w for ws in load(file)[key].values() for w in ws]


def word_pattern(items: list[str]) -> re.Pattern[str]:
    """Any of the words, as whole words, in any case."""
    return re.compile(rf"(?<!\w)(?:{words(items)})(?!\w)", re.I)


def plain_words(items: list[str]) -> re.Pattern[str]:
    """What every match of a case-blind pattern of these cue words (`words`)
    holds as plain text: the longest word of its cue, lower-cased; it is in
    the `folded` text wherever the pattern matches. One plain search tells a
    stretch without a cue much faster than the case-blind pattern."""
    found = {max(w.rstrip("*").split(" "), key=len).lower() for w in items}
    return re.compile(
        "|".join(re.escape(w) for w in sorted(found, key=len, reverse=True))
    )


def folded(text: str, patterns: list[re.Pattern[str]]) -> str | None:
    """The text lower-cased, with each character a case-blind pattern takes
    for a letter of these `plain_words` other than its lower case ("ı" for
    "i"; "İ", lower-cased to two characters) turned into that letter; None
    where one character could be taken for two letters."""
    letters = _letters_in(tuple(patterns))
    if _alike(letters):
        return None
    chars = set(text)
    known = _folding(letters)
    known.learn(chars - known.seen, letters)
    if chars & known.ambiguous:
        return None
    fold = {ord(c): known.folds[c] for c in chars & known.folds.keys()}
    low = (text.translate(fold) if fold else text).lower()
    return low if len(low) == len(text) else None


@dataclass
class _Folding:
    """What the characters met so far are taken for by a case-blind pattern
    of one set of letters: a text's characters are mostly met already, and a
    set difference finds the few new ones."""

    seen: set[str] = field(default_factory=set)
    folds: dict[str, str] = field(default_factory=dict)  # taken for one letter
    ambiguous: set[str] = field(default_factory=set)  # taken for two

    def learn(self, chars: set[str], letters: frozenset[str]) -> None:
        for c in chars:
            meant = _meant(c, letters)
            if len(meant) > 1:
                self.ambiguous.add(c)
            elif meant:
                self.folds[c] = meant[0]
            self.seen.add(c)


@lru_cache(maxsize=64)
def _folding(letters: frozenset[str]) -> _Folding:
    return _Folding()


@lru_cache(maxsize=64)
def _letters_in(patterns: tuple[re.Pattern[str], ...]) -> frozenset[str]:
    """The characters of the patterns, as one set kept for each list of them:
    `_meant` is asked about each character of every document with this set,
    and a set made again at each call would be compared whole at each."""
    return frozenset("".join(p.pattern for p in patterns))


def _meant(c: str, letters: frozenset[str]) -> tuple[str, ...]:
    """The letters a case-blind pattern takes a character for, when lower-casing
    it gives none of them."""
    if c.lower() in letters or not _letters(letters).fullmatch(c):
        return ()
    return tuple(x for x in sorted(letters) if x.isalpha() and re.fullmatch(x, c, re.I))


@lru_cache(maxsize=64)
def _letters(letters: frozenset[str]) -> re.Pattern[str]:
    """Any of the letters, case-blind."""
    return re.compile(f"[{''.join(x for x in sorted(letters) if x.isalpha())}]", re.I)


@lru_cache(maxsize=64)
def _alike(letters: frozenset[str]) -> bool:
    """Whether a case-blind pattern takes one of the letters for another."""
    alpha = [x for x in letters if x.isalpha()]
    return any(x != y and re.fullmatch(x, y, re.I) for x in alpha for y in alpha)


def body_passages(
    db: sqlite3.Connection, entity: str | None = None
) -> list[tuple[str, str, str, int, int]]:
    """(document, file, text, start, end) of every body passage, in reading order;
    with an entity, only in the documents that name it (a reading about one card
    then reads its few documents, not the whole corpus).

    Each document's text is fetched once and shared by its passages: fetched
    with every passage, a long document was copied hundreds of times."""
    where, params = (
        ("WHERE id IN (SELECT document FROM mentions WHERE entity = ?)", (entity,))
        if entity
        else ("", ())
    )
    texts = dict(db.execute(f"SELECT id, text FROM documents {where}", params))
    rows = db.execute(
        """SELECT p.document, d.file, p.start, p.end FROM passages p
           JOIN documents d ON d.id = p.document WHERE p.kind = 'body'
           ORDER BY d.file, p.start"""
    ).fetchall()
    return [
        (doc, file, texts[doc], start, end)
        for doc, file, start, end in rows
        if doc in texts
    ]
