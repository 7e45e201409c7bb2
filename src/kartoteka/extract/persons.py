"""Person names the generic English model misses or mislabels, found by their shape.

Initials before a surname (`G. S. Liushkov`), a bibliography's inverted form
(`Zemskov, V.`), a rank before a name (`Captain Pavlovsky`) and a Slavic surname
the model called an organization (`Iagoda`) are persons in this literature.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from kartoteka import data
from kartoteka.extract.gazetteer import organizations, places, rank_kinds

UPPER = "A-ZА-ЯЁ"
LOWER = "a-zа-яёáéíóúñüöäçšžčćłńśźż"
INITIAL = rf"[{UPPER}](?:[{LOWER}]{{1,2}})?\."
SURNAME = rf"[{UPPER}][{LOWER}'’]+(?:-[{UPPER}][{LOWER}'’]+)?"
GIVEN = rf"[{UPPER}][{LOWER}]+"
INITIALS_NAME = re.compile(
    rf"(?<![\w.])(?:({GIVEN})\s)?((?:{INITIAL}\s?){{1,3}})\s?({SURNAME})(?![\w'’-])"
)
INVERTED_NAME = re.compile(
    rf"(?<![\w])({SURNAME}),\s((?:[{UPPER}]\.\s?){{1,3}})(?=[\s\"“”*,;:)]|$)"
)
# Ranks that belong to the name as written; offices (`President`) do not.
NAME_RANK_KINDS = {
    "military",
    "state-security",
    "honorific",
    "nobility",
    "academic",
}


@cache
def _names_data() -> dict[str, list[str]]:
    loaded: dict[str, list[str]] = data.load("names.yaml")
    return loaded


@cache
def _surname_ending() -> re.Pattern[str]:
    endings = sorted(_names_data()["surname_endings"], key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(map(re.escape, endings)) + r")$")


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@cache
def _org_words() -> frozenset[str]:
    return frozenset(name for org in organizations().values() for name in org.names)


def is_name_word(word: str) -> bool:
    """A capitalised word that can be part of a person name."""
    return (
        word[:1].isupper()
        and word.lower() not in _stop_words()
        and word not in _org_words()
        and word not in rank_kinds()
        and not word.isupper()
    )


def surname_shaped(word: str) -> bool:
    """Whether a single word has the ending of a Slavic or Jewish surname."""
    return (
        len(word) > 3
        and is_name_word(word)
        and bool(_surname_ending().search(word.lower().replace("’", "'")))
    )


def shaped_names(text: str) -> list[tuple[int, int]]:
    """Spans of `I. I. Surname` and `Surname, I.` in a text."""
    spans = []
    for match in INVERTED_NAME.finditer(text):
        if is_name_word(match.group(1)):
            spans.append((match.start(), match.end()))
    for match in INITIALS_NAME.finditer(text):
        if not is_name_word(match.group(3)) or _all_caps_initials(match.group(2)):
            continue
        start = match.start()
        if match.group(1) and not is_name_word(match.group(1)):
            start = match.start(2)
        if not any(s < match.end() and start < e for s, e in spans):
            spans.append((start, match.end()))
    return spans


def _all_caps_initials(initials: str) -> bool:
    """`U.S.` and `U.K.` look like initials but abbreviate countries."""
    return initials.replace(" ", "") in {"U.S.", "U.K.", "S.S.", "D.C.", "A.D.", "B.C."}


@cache
def _rank_pattern() -> re.Pattern[str]:
    outside = set(_names_data()["ranks_outside_name"])
    forms = [
        f
        for f, kind in rank_kinds().items()
        if kind in NAME_RANK_KINDS and f not in outside
    ]
    body = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w])(?:{body})\s+((?:{INITIAL}\s?){{0,3}}{SURNAME}(?:\s+{SURNAME}){{0,2}})"
        rf"(?![\w'’-])"
    )


def ranked_names(text: str) -> list[tuple[int, int, str]]:
    """Spans of a rank followed by a name (`Lieutenant Colonel Miroshnikov`)."""
    spans = []
    for match in _rank_pattern().finditer(text):
        words = match.group(1).split()
        if all(is_name_word(w) or w.endswith(".") for w in words):
            title = text[match.start() : match.start(1)].strip()
            spans.append((match.start(), match.end(), title))
    return spans


def place_context(text: str, start: int) -> bool:
    """Whether the word at `start` follows a preposition of place (`in Kharkov`)."""
    before = text[max(0, start - 12) : start].split()
    prepositions = set(_names_data()["place_prepositions"])
    return bool(before) and before[-1].lower() in prepositions


def vote_types(labels: Iterable[tuple[str, str, bool]]) -> dict[str, str]:
    """Decide one type per single-word name in a document from all its occurrences.

    Each occurrence gives (word, model label, follows a preposition of place). A
    word the model ever calls a person is a person; a surname-shaped word the
    model calls an organization or place is a person unless most of its
    occurrences stand after a preposition of place.
    """
    seen: dict[str, Counter[str]] = {}
    for word, label, placed in labels:
        counts = seen.setdefault(word, Counter())
        counts[label] += 1
        counts["placed"] += placed
    decided = {}
    for word, counts in seen.items():
        if word in places():
            decided[word] = "place"
            continue
        person = counts["person"] + 2 * surname_shaped(word)
        place = counts["place"] + 2 * counts["placed"]
        if person and person >= place:
            decided[word] = "person"
        elif counts["placed"]:
            decided[word] = "place"
    return decided
