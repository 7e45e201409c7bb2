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
from kartoteka.extract.events.sentences import Sentence, read_sentences
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
    found, analyses, _ = _read_by_rules(document)
    return found, analyses


def _read_by_rules(
    document: Document,
) -> tuple[Extraction, list[Analysis], list[Sentence]]:
    """`extract_by_rules`, with the sentences the events were read from: the
    ties between persons are read from the same sentences, not read again."""
    analyses = analyse(document)
    mentions, links = read_mentions(document, analyses)
    sentences = list(read_sentences(document, analyses, mentions, headings=True))
    events, warnings = document_events(document, analyses, mentions, sentences)
    found = Extraction(
        document, tuple(mentions), tuple(events), tuple(links), tuple(warnings)
    )
    return found, analyses, sentences


def extract(document: Document) -> Extraction:
    """Mentions, events and ties of one document: the rules' events, then the
    scorer's."""
    found, analyses, sentences = _read_by_rules(document)
    relations = document_relations(document, sentences)
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
