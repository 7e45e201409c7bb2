"""Extraction: from a document's passages to mentions and events, with exact spans."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kartoteka.extract.aliases import document_links
from kartoteka.extract.casing import readable_case
from kartoteka.extract.events import document_events, with_readable_date
from kartoteka.extract.mentions import document_mentions
from kartoteka.extract.nlp import Analysis, analyse_english, analyse_russian
from kartoteka.extract.relations import document_relations
from kartoteka.extract.scorer import scored_events
from kartoteka.model import Document, Event, Mention, NameLink, Relation

EMPTY = Analysis((), ())
CYRILLIC_RUN = re.compile(r"[А-ЯЁа-яё][А-ЯЁа-яё0-9\s.,«»\"()–-]{4,}[А-ЯЁа-яё.]")


@dataclass(frozen=True)
class Extraction:
    """Everything one document yields: its mentions and the events they take part in."""

    document: Document
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    links: tuple[NameLink, ...] = ()
    warnings: tuple[str, ...] = ()  # what was left out, for the build to report
    relations: tuple[Relation, ...] = ()  # ties between persons


def analyse(document: Document) -> list[Analysis]:
    """Run the language's model over each readable passage; boilerplate is not read."""
    analyses = [EMPTY] * len(document.passages)
    english = [
        i
        for i, p in enumerate(document.passages)
        if p.kind != "boilerplate" and p.language == "en"
    ]
    texts = (readable_case(document.passages[i].clean) for i in english)
    for index, analysis in zip(english, analyse_english(texts), strict=True):
        analyses[index] = _with_cyrillic(document.passages[index].clean, analysis)
    for index, passage in enumerate(document.passages):
        if passage.kind != "boilerplate" and passage.language == "ru":
            analyses[index] = analyse_russian(readable_case(passage.clean))
    return analyses


def _with_cyrillic(text: str, analysis: Analysis) -> Analysis:
    """Let the Russian model read the Cyrillic stretches of an English passage."""
    runs = list(CYRILLIC_RUN.finditer(text))
    if not runs:
        return analysis
    entities = [
        e for e in analysis.entities if not CYRILLIC_RUN.search(text[e.start : e.end])
    ]
    for run in runs:
        for entity in analyse_russian(run.group()).entities:
            entities.append(
                replace(
                    entity,
                    start=entity.start + run.start(),
                    end=entity.end + run.start(),
                )
            )
    entities.sort(key=lambda e: e.start)
    return Analysis(tuple(entities), analysis.sentences)


def extract_by_rules(document: Document) -> tuple[Extraction, list[Analysis]]:
    """Mentions and the events the rules read, with the analyses they came from."""
    analyses = analyse(document)
    mentions = document_mentions(document, analyses)
    added, links = document_links(document, analyses, mentions)
    mentions = _with_aliases(mentions, added)
    events, warnings = document_events(document, analyses, mentions)
    found = Extraction(
        document, tuple(mentions), tuple(events), tuple(links), tuple(warnings)
    )
    return found, analyses


def extract(document: Document) -> Extraction:
    """Mentions, events and ties of one document: the rules' events, then the
    scorer's."""
    found, analyses = extract_by_rules(document)
    relations = document_relations(document, analyses, list(found.mentions))
    warnings = list(found.warnings)
    events = [
        with_readable_date(event, warnings)
        for event in scored_events(document, analyses, found.mentions, found.events)
    ]
    return replace(
        found,
        events=tuple(events),
        relations=tuple(relations),
        warnings=tuple(warnings),
    )


def _with_aliases(mentions: list[Mention], added: list[Mention]) -> list[Mention]:
    """Alias names win over any other reading of the same words."""
    if not added:
        return mentions
    kept = [
        m
        for m in mentions
        if not any(a.start < m.end and m.start < a.end for a in added)
    ]
    return sorted(kept + added, key=lambda m: (m.start, m.end))
