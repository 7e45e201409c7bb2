"""The pieces the scorer reads: sentences as units of words, cues, dates and persons.

Words carry a lemma (pymorphy2's dictionary form for Russian, the lower-cased word
for English, matched against stems), so a cue list in data/event_cues.yaml covers
every inflection. Everything is in the coordinates of the original text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from kartoteka import data
from kartoteka.extract.nlp import Analysis
from kartoteka.model import Document, Mention

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class Word:
    """One word of a unit and its lemma."""

    start: int
    end: int
    text: str
    lemma: str


@dataclass(frozen=True)
class Unit:
    """A sentence with the words, dates and persons inside it."""

    start: int
    end: int
    language: str
    kind: str
    words: tuple[Word, ...]
    dates: tuple[Mention, ...]
    persons: tuple[Mention, ...]


@cache
def _morph() -> Any:
    import pymorphy2

    return pymorphy2.MorphAnalyzer()


@cache
def lemma(word: str, language: str) -> str:
    """The dictionary form of a Russian word, the lower-cased form of another."""
    lower = word.lower()
    if language != "ru" or not re.search("[а-яё]", lower):
        return lower
    return str(_morph().parse(lower)[0].normal_form).replace("ё", "е")


@cache
def cues() -> dict[str, dict[str, tuple[str, ...]]]:
    """Per language, the event types each cue lemma (or stem ending in *) may state."""
    table: dict[str, dict[str, list[str]]] = {"en": {}, "ru": {}}
    for type_, words in data.load("event_cues.yaml")["types"].items():
        for language in ("en", "ru"):
            for word in words.get(language, []):
                key = str(word).replace("ё", "е")
                table[language].setdefault(key, []).append(type_)
    return {lang: {k: tuple(v) for k, v in t.items()} for lang, t in table.items()}


@cache
def word_list(section: str, language: str) -> frozenset[str]:
    """A plain word list of event_cues.yaml (modality, pronouns)."""
    return frozenset(str(w) for w in data.load("event_cues.yaml")[section][language])


def cue_types(word: Word, language: str) -> tuple[str, tuple[str, ...]]:
    """The cue a word is (its lemma or matching stem) and the types it may state."""
    table = cues()["ru" if language == "ru" else "en"]
    if word.lemma in table:
        return word.lemma, table[word.lemma]
    for stem in (k for k in table if k.endswith("*")):
        if word.lemma.startswith(stem[:-1]):
            return stem, table[stem]
    return "", ()


def document_units(
    document: Document, analyses: Sequence[Analysis], mentions: Sequence[Mention]
) -> list[Unit]:
    """Every readable sentence of a document as a unit, in text order."""
    dates = sorted((m for m in mentions if m.type == "date"), key=lambda m: m.start)
    persons = sorted((m for m in mentions if m.type == "person"), key=lambda m: m.start)
    units = []
    for passage, analysis in zip(document.passages, analyses, strict=True):
        if passage.kind == "boilerplate":
            continue
        for sentence in analysis.sentences:
            if sentence.end <= sentence.start:
                continue
            start, end = passage.original_span(sentence.start, sentence.end)
            text = document.text[start:end]
            words = tuple(
                Word(
                    start + m.start(),
                    start + m.end(),
                    m.group(),
                    lemma(m.group(), passage.language),
                )
                for m in WORD.finditer(text)
            )
            units.append(
                Unit(
                    start,
                    end,
                    passage.language,
                    passage.kind,
                    words,
                    tuple(m for m in dates if start <= m.start and m.end <= end),
                    tuple(m for m in persons if start <= m.start and m.end <= end),
                )
            )
    return units


def _name_words(mention: Mention) -> list[str]:
    return [w.lower() for w in WORD.findall(mention.name) if len(w) > 2]


def subject_word(mentions: Sequence[Mention]) -> str:
    """The name word the document's person mentions repeat most: its subject.

    In a biography the subject's surname outnumbers every other name; a word that
    also stands alone (a surname) beats one that never does (a first name), then
    the word named first.
    """
    counts: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    first: dict[str, int] = {}
    for mention in (m for m in mentions if m.type == "person"):
        words = _name_words(mention)
        for word in set(words):
            counts[word] += 1
            alone[word] += len(words) == 1
            first.setdefault(word, mention.start)
    if not counts:
        return ""
    return min(counts, key=lambda w: (-counts[w] - alone[w], first[w], w))


def is_subject(mention: Mention, subject: str) -> bool:
    """Whether a person mention names the document's subject."""
    return bool(subject) and subject in _name_words(mention)
