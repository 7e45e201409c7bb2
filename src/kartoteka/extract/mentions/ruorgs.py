"""Russian names of bodies, read by their grammar rather than from a list.

A Russian body is named by a capitalised adjective before a head noun
(`Главного управления`, `Высшего института`) and goes on with a phrase in the
genitive (`... контрразведки`, `... русской и восточноевропейской культуры`).
The genitive phrase ends where a capitalised word starts another name
(`Колумбийского университета` is a body of its own).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from kartoteka import data

WORD = re.compile(r"[А-ЯЁа-яё][а-яё-]*")
# A capitalised word; every capital opens a word, as a word goes on in lowercase.
CAPITALISED = re.compile(r"[А-ЯЁ][а-яё-]*")
LINK = re.compile(r"(?:\s*,\s*|\s+и\s+|\s+)")
TAIL_WORDS = 5
EPONYM = re.compile(
    r"\s(?:имени|им\.)\s(?:[а-яё]+\s){0,3}(?:[А-ЯЁ][а-яё]+\s){0,2}"
    r"(?:[А-ЯЁ]\.\s?){0,3}[А-ЯЁ][а-яё]+(?![\w-])"
)
SMALL = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "ADVB"})


@cache
def _heads() -> frozenset[str]:
    heads: list[str] = data.load("org_heads.yaml")["russian"]
    return frozenset(heads)


@lru_cache(maxsize=50_000)
def _tags(word: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(lemma, grammemes) of every reading of a word."""
    from kartoteka.extract.nlp.models import russian

    return tuple(
        (str(p.normal_form), frozenset(p.tag.grammemes))
        for p in russian()[3].parse(word.lower())
    )


@lru_cache(maxsize=50_000)  # every capitalised word is asked, most of them often
def _adjective(word: str) -> bool:
    return any("ADJF" in grammemes for _, grammemes in _tags(word))


@lru_cache(maxsize=50_000)
def _head(word: str) -> bool:
    return any(
        lemma in _heads() and "NOUN" in grammemes for lemma, grammemes in _tags(word)
    )


def _genitive(word: str) -> str | None:
    """`noun` or `adjective` for a word that can be genitive, else None.

    Short function words (`с`, `по`) and `имени`, which brings in an eponym
    rather than going on with the name, never are.
    """
    readings = _tags(word)
    if len(word) < 3 or word == "имени" or any(SMALL & g for _, g in readings):
        return None
    for _, grammemes in readings:
        if "gent" in grammemes and ("NOUN" in grammemes or "ADJF" in grammemes):
            return "noun" if "NOUN" in grammemes else "adjective"
    return None


def genitive_tail(text: str, end: int) -> int:
    """Where a lowercase genitive phrase after a body's name ends (`end` if none).

    Adjectives and nouns may be joined by `и` or commas; the phrase must end in
    a noun (`войны, революции и мира`, `русской и восточноевропейской культуры`).
    """
    best, position = end, end
    for _ in range(TAIL_WORDS):
        link = LINK.match(text, position)
        word = WORD.match(text, link.end()) if link else None
        if link is None or word is None or not word.group()[0].islower():
            break
        kind = _genitive(word.group())
        if kind is None:
            break
        position = word.end()
        if kind == "noun":
            best = position
    return best


def eponym_tail(text: str, end: int) -> int:
    """Where `имени ...` after a body's name ends: the person it is named after
    (`университет имени М. В. Ломоносова`), or `end` if there is none."""
    eponym = EPONYM.match(text, end)
    return eponym.end() if eponym else end


def russian_body_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `Capitalised-adjective [adjectives] head-noun [genitive phrase]`."""
    spans: list[tuple[int, int]] = []
    for first in CAPITALISED.finditer(text):
        if (spans and first.start() < spans[-1][1]) or not _adjective(first.group()):
            continue
        word = _word_after(text, first)
        while word is not None and not word.group()[0].isupper():
            if _head(word.group()):
                tail = genitive_tail(text, word.end())
                spans.append((first.start(), eponym_tail(text, tail)))
                break
            if not _adjective(word.group()):
                break
            word = _word_after(text, word)
    return spans


def _word_after(text: str, word: re.Match[str]) -> re.Match[str] | None:
    """The word one space after `word`, if one is there."""
    end = word.end()
    return WORD.match(text, end + 1) if text[end : end + 1] == " " else None
