"""The annotated corpora as training material: each document's rule events and
candidates, labelled against the gold the way the scorer matches events."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kartoteka.edtf import dates_equal
from kartoteka.evaluate import Gold, load_gold, normalise_form
from kartoteka.extract import extract_by_rules
from kartoteka.extract.scorer import document_candidates
from kartoteka.extract.scorer.candidates import Candidate
from kartoteka.extract.scorer.units import is_subject, subject_word
from kartoteka.ingest import IngestError, read_document
from kartoteka.model import Document, Event, Mention


@dataclass(frozen=True)
class Annotated:
    """One gold document with what the rules and the candidates make of it."""

    corpus: str
    name: str
    document: Document
    mentions: tuple[Mention, ...]
    rules: tuple[Event, ...]
    candidates: tuple[tuple[Candidate, list[str]], ...]
    labels: tuple[bool, ...]


def _subject_entity(name: str, mentions: tuple[Mention, ...], gold: Gold) -> str | None:
    """The gold entity the document's subject mentions name most often."""
    owners = gold.owners("person")
    subject = subject_word(mentions)
    votes: Counter[str] = Counter()
    for m in mentions:
        ids = owners.get((name, normalise_form(m.text)), frozenset())
        if m.type == "person" and is_subject(m, subject) and len(ids) == 1:
            votes[next(iter(ids))] += 1
    return votes.most_common(1)[0][0] if votes else None


def _label(candidate: Candidate, name: str, text: str, gold: Gold, lead: str | None) -> bool:
    """Whether a gold event of this document has the candidate's type, person and
    exact date, with evidence in the candidate's sentence."""
    ids = gold.owners("person").get((name, normalise_form(candidate.person.text)))
    person = next(iter(ids)) if ids and len(ids) == 1 else None
    if candidate.subject:
        person = lead
    unit = candidate.unit
    for event in gold.events:
        if (event.doc, event.type, event.person) != (name, candidate.type, person):
            continue
        if not dates_equal(event.date, candidate.value):
            continue
        at = text.find(event.evidence)
        if at >= 0 and at < unit.end and unit.start < at + len(event.evidence):
            return True
    return False


def annotated(corpus: str, folder: Path, gold_folder: Path, skip: set[str]) -> list[Annotated]:
    """Read, extract and label every gold document of one corpus folder."""
    gold = load_gold(gold_folder)
    found = []
    for path in sorted(folder.glob("*.txt")):
        if path.name in skip or path.name not in gold.documents():
            continue
        try:
            document = read_document(path, path.name)
            extraction, analyses = extract_by_rules(document)
        except (IngestError, ValueError) as error:
            print(f"{path.name}: skipped ({error})", file=sys.stderr)
            continue
        mentions = extraction.mentions
        candidates = document_candidates(document, analyses, mentions)
        lead = _subject_entity(path.name, mentions, gold)
        labels = tuple(
            _label(c, path.name, document.text, gold, lead) for c, _ in candidates
        )
        found.append(
            Annotated(
                corpus, path.name, document, mentions, extraction.events,
                tuple(candidates), labels,
            )
        )
        print(f"{corpus} {path.name}: {len(candidates)} candidates, {sum(labels)} true", file=sys.stderr)
    return found
