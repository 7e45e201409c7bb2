"""Sentence boundaries the models get wrong in biographies, mended.

natasha (razdel) takes "г." / "в." after a year for an abbreviation inside the
sentence, so "... в 1933 г. В 1934 г. ..." reads as one sentence and the dates
and events of two sentences cross; it does break after "гг." before a place
name ("в гг. Киев и Харьков"), where "гг." means "towns". A biography written
carelessly also ends a sentence with a comma ("..., В феврале 1941 года ...").
A break is added only before a word that cannot go on the sentence there: a
preposition, adverb, pronoun or verb, or after a year a common noun or
adjective in the nominative ("Член партии"); "1938 г. Военной коллегией" and
names go on.

spaCy's senter breaks after a dating abbreviation before its number ("died ca. |
1940"): such a break is undone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kartoteka.extract.nlp.models import Span, morph_vocab

# A year or century abbreviation after its number: "1933 г.", "1920-1925 гг.",
# "30-х гг.", "XIX в.", then the capitalised word that may start a sentence.
YEAR_ABBREVIATION = re.compile(
    r"(?:\b\d{1,4}(?:-[а-я]{1,2})?|\b[IVXL]+)\s*(?:гг?|вв?)\.\s+(?=([А-ЯЁ][а-яё]*)\s)"
)
# A comma before a capitalised word that may start a sentence.
COMMA_CAPITAL = re.compile(r",\s+(?=([А-ЯЁ][а-яё]*)\s+[а-яё0-9])")
# A sentence that ends with "г." / "гг." (towns) after a preposition, not a number.
TOWN_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:в|во|из|под|до|близ|и)\s+гг?\.\s*$")
# An English sentence that ends with a dating abbreviation ("b.", "d.", "ca.",
# "c.", "fl.", "approx."), and the start of one that goes on with its date.
DATING_ABBREVIATION_END = re.compile(
    r"(?<![\w.])(?:b|d|c|ca|circa|fl|approx|abt)\.\s*$", re.I
)
GOES_ON = re.compile(r"\s*[\d(a-z]")
# natasha's (Universal Dependencies) parts of speech of words that start a
# sentence after a year ("В", "Затем", "Он", "Арестован", "Работал"), and the
# fewer that do after a comma, where a name may stand ("В феврале", "Затем").
AFTER_YEAR = frozenset({"ADP", "ADV", "CCONJ", "SCONJ", "PRON", "VERB", "AUX"})
AFTER_COMMA = frozenset({"ADP", "ADV"})
# pymorphy's marks of a name, a place or an abbreviation: "1938 г. Москва" may
# go on ("в г. Москва"), "1938 г. Член партии" does not.
PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"})


def mend_russian(text: str, sentences: tuple[Span, ...]) -> tuple[Span, ...]:
    """Natasha's sentences with breaks after a year's "г." or a stray comma added
    before a word that starts a sentence, and breaks after "г." (town) undone."""
    joined: list[Span] = []
    for span in sentences:
        if joined and TOWN_ABBREVIATION_END.search(
            text, joined[-1].start, joined[-1].end
        ):
            joined[-1] = Span(joined[-1].start, span.end, "sentence")
        else:
            joined.append(span)
    return tuple(piece for span in joined for piece in _split(text, span))


def mend_english(text: str, sentences: tuple[Span, ...]) -> tuple[Span, ...]:
    """spaCy's sentences with the breaks after "ca." / "b." / "d." before a date
    undone."""
    joined: list[Span] = []
    for span in sentences:
        if (
            joined
            and DATING_ABBREVIATION_END.search(text, joined[-1].start, joined[-1].end)
            and GOES_ON.match(text, span.start)
        ):
            joined[-1] = Span(joined[-1].start, span.end, "sentence")
        else:
            joined.append(span)
    return tuple(joined)


def _split(text: str, span: Span) -> list[Span]:
    """A sentence cut where a year's abbreviation or a comma ends a sentence."""
    cuts = sorted(
        match.end()
        for pattern, kinds in (
            (YEAR_ABBREVIATION, AFTER_YEAR),
            (COMMA_CAPITAL, AFTER_COMMA),
        )
        for match in pattern.finditer(text, span.start, span.end)
        if span.start < match.end() < span.end
        and (
            starts_sentence(match.group(1), kinds)
            or (pattern is YEAR_ABBREVIATION and common_nominative(match.group(1)))
        )
    )
    pieces: list[Span] = []
    start = span.start
    for cut in cuts:
        end = len(text[start:cut].rstrip()) + start
        pieces.append(Span(start, end, "sentence"))
        start = cut
    pieces.append(Span(start, span.end, "sentence"))
    return pieces


@lru_cache(maxsize=4096)
def starts_sentence(word: str, kinds: frozenset[str]) -> bool:
    """Whether a capitalised word begins a sentence rather than goes on one: a
    dictionary reading of it has a part of speech of `kinds` ("Позднее" is an
    adjective and an adverb).
    Nouns and adjectives are left alone: the dictionary does not tell a name
    ("Москва", after "г." a town) from a common noun."""
    forms = morph_vocab()(word.lower())
    return any(form.pos in kinds for form in forms)


@lru_cache(maxsize=4096)
def common_nominative(word: str) -> bool:
    """Whether a capitalised word is a known common noun or adjective that may
    be in the nominative ("Член", "Семья", "Военная"), a sentence's subject after
    a year; no reading of it may be a name, a place or an abbreviation, and an
    unknown word may be a surname."""
    vocab = morph_vocab()
    lowered = word.lower()
    if not vocab.word_is_known(lowered):
        return False
    readings = vocab.parse(lowered)
    if any(PROPER & reading.tag.grammemes for reading in readings):
        return False
    return any(
        reading.tag.POS in ("NOUN", "ADJF") and "nomn" in reading.tag.grammemes
        for reading in readings
    )
