"""Extraction: from a document's passages to mentions and events, with exact spans.

The flow, one sub-package per step: the models read each passage (`nlp`), names
and dates become mentions (`mentions`, `dates`), rules read the events a sentence
states (`events`, agents included), a learned scorer adds the ones the rules miss
(`scorer`), and family and service ties between persons are read (`relations`).
A document too long for one pass is read in parts (`kartoteka.extract.parts`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kartoteka.extract.events import document_events, with_readable_date
from kartoteka.extract.mentions import read_mentions
from kartoteka.extract.nlp import Analysis, analyse
from kartoteka.extract.relations import document_relations
from kartoteka.extract.scorer import scored_events
from kartoteka.model import Document, Event, Mention, NameLink, Relation


@dataclass(frozen=True)
class Extraction:
    """Everything one document yields: its mentions and the events they take part in."""

    document: Document
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    links: tuple[NameLink, ...] = ()
    warnings: tuple[str, ...] = ()  # what was left out, for the build to report
    relations: tuple[Relation, ...] = ()  # ties between persons


def extract_by_rules(document: Document) -> tuple[Extraction, list[Analysis]]:
    """Mentions and the events the rules read, with the analyses they came from."""
    analyses = analyse(document)
    mentions, links = read_mentions(document, analyses)
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
