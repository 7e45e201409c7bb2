"""Newspapers and journals named after the word that says what they are.

Émigré and Soviet periodicals are actors in this history (a paper publishes,
funds, takes sides), and their titles are often transliterated Russian that no
model knows (`the newspapers Za rodinu and Volia naroda`, `газета «Правда»`).
The noun before the title (`journal`, `newspaper`, `газета`) says what the
title is; a list after it names several; a translation in brackets after a
title (`Kolokol (The Bell)`) is the same periodical in English.
"""

from __future__ import annotations

import re
from functools import cache

from kartoteka import data

_TITLE_WORD = r"[A-ZÀ-Þ][\w'’-]*"
_ANY_WORD = r"[\w'’-]+"
_QUOTED = r"[“\"«]([^”\"»\n]{2,60})[”\"»]"
_TRANSLATION = re.compile(r"\s\(((?:The\s)?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,3})\)")
_NEXT = re.compile(r"(?:\s*,\s*(?:and\s)?|\s(?:and|or|и|или)\s)")
_VERB_SHAPED = re.compile(r"(?:ed|ing|ly)$")
TITLE_WORDS = 4
# Capitalised words that begin the next clause, not a title's next word.
FUNCTION_WORD = re.compile(
    r"(?:the|a|an|in|on|at|of|and|or|but|he|she|it|they|his|her|its|their|this"
    r"|that|which|who|where|when)$"
)


@cache
def _nouns() -> re.Pattern[str]:
    nouns: list[str] = data.load("org_heads.yaml")["periodical_nouns"]
    body = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?:\s*,)?\s", re.IGNORECASE)


@cache
def _stop_words() -> frozenset[str]:
    from kartoteka.extract.nlp.models import stop_words

    return stop_words("en") | stop_words("ru")


def _title_at(text: str, start: int) -> tuple[int, int] | None:
    """The span of one title at `start`: quoted, or capitalised words.

    Lowercase words may go on a transliterated title (`Volia naroda`) but not
    an English verb or function word after it (`Svoboda published`).
    """
    quoted = re.compile(_QUOTED).match(text, start)
    if quoted:
        return quoted.span(1)
    first = re.compile(_TITLE_WORD).match(text, start)
    if first is None or first.group().lower() in _stop_words():
        return None
    end = first.end()
    for _ in range(TITLE_WORDS - 1):
        word = re.compile(rf"\s({_ANY_WORD})").match(text, end)
        if word is None or not _goes_on(word.group(1)):
            break
        end = word.end()
    return start, end


def _goes_on(word: str) -> bool:
    lowered = word.lower()
    if word[0].isupper():
        return not FUNCTION_WORD.match(lowered)
    return lowered not in _stop_words() and not _VERB_SHAPED.search(lowered)


def periodical_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans of the periodicals' titles in a text, each with the title it names:
    a bracketed translation names the title before it (`The Bell` → `Kolokol`)."""
    spans: list[tuple[int, int, str]] = []
    for noun in _nouns().finditer(text):
        if spans and noun.start() < spans[-1][1]:
            continue
        position = noun.end()
        while (title := _title_at(text, position)) is not None:
            name = text[title[0] : title[1]]
            spans.append((*title, name))
            end = title[1] + (text[title[1] : title[1] + 1] in '”"»')
            translation = _TRANSLATION.match(text, end)
            if translation:
                spans.append((*translation.span(1), name))
                end = translation.end()
            more = _NEXT.match(text, end)
            if more is None:
                break
            position = more.end()
    return spans
