"""Reading with the statistical models: sentences and named entities per passage.

Entry: `analyse(document)`, one `Analysis` per passage (boilerplate is not read).
The dependency parses events need are made later, only for the sentences that
may state one (`kartoteka.extract.nlp.parse`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kartoteka.extract.mentions.casing import readable_case
from kartoteka.extract.nlp.boundaries import mend_english, mend_russian
from kartoteka.extract.nlp.models import (
    Analysis,
    analyse_english,
    analyse_russian_texts,
)
from kartoteka.model import Document

__all__ = ["Analysis", "analyse"]

EMPTY = Analysis((), ())
CYRILLIC_RUN = re.compile(r"[А-ЯЁа-яё][А-ЯЁа-яё0-9\s.,«»\"()–-]{4,}[А-ЯЁа-яё.]")


def analyse(document: Document) -> list[Analysis]:
    """Run the language's model over each readable passage; boilerplate is not read."""
    analyses = [EMPTY] * len(document.passages)
    english = [
        i
        for i, p in enumerate(document.passages)
        if p.kind != "boilerplate" and p.language == "en"
    ]
    texts = (readable_case(document.passages[i].clean) for i in english)
    read = analyse_english(texts) if english else iter(())  # no English, no model
    for index, analysis in zip(english, read, strict=True):
        text = document.passages[index].clean
        mended = Analysis(analysis.entities, mend_english(text, analysis.sentences))
        analyses[index] = _with_cyrillic(text, mended)
    russian = [
        i
        for i, p in enumerate(document.passages)
        if p.kind != "boilerplate" and p.language == "ru"
    ]
    if russian:  # natasha reads the document's passages in one call
        read_ru = analyse_russian_texts(
            [readable_case(document.passages[i].clean) for i in russian]
        )
        for index, analysis in zip(russian, read_ru, strict=True):
            text = document.passages[index].clean
            sentences = mend_russian(text, analysis.sentences)
            analyses[index] = Analysis(analysis.entities, sentences)
    return analyses


def _with_cyrillic(text: str, analysis: Analysis) -> Analysis:
    """Let the Russian model read the Cyrillic stretches of an English passage."""
    runs = list(CYRILLIC_RUN.finditer(text))
    if not runs:
        return analysis
    entities = [
        e for e in analysis.entities if not CYRILLIC_RUN.search(text[e.start : e.end])
    ]
    read = analyse_russian_texts([run.group() for run in runs])
    for run, analysis_ru in zip(runs, read, strict=True):
        for entity in analysis_ru.entities:
            entities.append(
                replace(
                    entity,
                    start=entity.start + run.start(),
                    end=entity.end + run.start(),
                )
            )
    entities.sort(key=lambda e: e.start)
    return Analysis(tuple(entities), analysis.sentences)
