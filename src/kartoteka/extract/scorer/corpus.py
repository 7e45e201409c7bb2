"""The annotated corpora as training material: each document read by the rules,
its candidates labelled against the gold the way the scorer matches events."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kartoteka.edtf import dates_compatible, dates_equal
from kartoteka.evaluate import Gold, load_gold, normalise_form
from kartoteka.extract import extract_by_rules
from kartoteka.extract.nlp.models import Analysis
from kartoteka.extract.scorer import document_candidates
from kartoteka.extract.scorer.candidates import Candidate
from kartoteka.extract.scorer.dating import ONCE
from kartoteka.extract.scorer.units import is_subject, subject_word
from kartoteka.ingest import IngestError, read_document
from kartoteka.model import Document, Event, Mention


@dataclass(frozen=True)
class Read:
    """One gold document as the rules read it: the slow part, worth caching."""

    corpus: str
    name: str
    document: Document
    analyses: tuple[Analysis, ...]
    mentions: tuple[Mention, ...]
    rules: tuple[Event, ...]


@dataclass(frozen=True)
class Annotated:
    """A read document with its candidates, their features and gold labels."""

    read: Read
    candidates: tuple[tuple[Candidate, list[str]], ...]
    labels: tuple[bool, ...]

    @property
    def name(self) -> str:
        """The document's file name, as the gold names it."""
        return self.read.name


def read_corpus(corpus: str, folder: Path, gold: Gold) -> list[Read]:
    """Read every gold document of a corpus folder through the rules."""
    found = []
    for path in sorted(folder.glob("*.txt")):
        if path.name not in gold.documents():
            continue
        try:
            document = read_document(path, path.name)
            extraction, analyses = extract_by_rules(document)
        except (IngestError, ValueError) as error:
            print(f"{path.name}: skipped ({error})", file=sys.stderr)
            continue
        found.append(
            Read(
                corpus,
                path.name,
                document,
                tuple(analyses),
                extraction.mentions,
                extraction.events,
            )
        )
    return found


def _subject_entity(read: Read, gold: Gold) -> str | None:
    """The gold entity the document's subject mentions name most often."""
    owners = gold.owners("person")
    subject = subject_word(read.mentions, read.document.text)
    votes: Counter[str] = Counter()
    for m in read.mentions:
        ids = owners.get((read.name, normalise_form(m.text)), frozenset())
        if m.type == "person" and is_subject(m, subject) and len(ids) == 1:
            votes[next(iter(ids))] += 1
    return votes.most_common(1)[0][0] if votes else None


def _dated_alike(gold: str | None, candidate: Candidate) -> bool:
    """Whether a candidate has the gold's date as the scorer matches it: the same
    up to an approximate mark ("1928~"), the start of the span the gold dates the
    whole post by ("1918/1920") when the candidate has that span, or a decade the
    gold narrows (1934/1936 in 193X). (A year alone for the gold's span, though
    the scorer matches it, taught the model to date posts by any year near them:
    dev F1 -.015.)"""
    value = candidate.value
    if dates_equal(gold, value):
        return True
    if gold is None or value is None:
        return False
    plain = gold.rstrip("~?%")
    if "/" not in plain:
        return dates_equal(plain, value)
    if candidate.part == "start" and candidate.date and candidate.date.key == gold:
        return True
    return "X" in value and dates_compatible(plain, value)


def _label(candidate: Candidate, read: Read, gold: Gold, lead: str | None) -> bool:
    """Whether a gold event of the document has the candidate's type, person and
    date (`_dated_alike`), with its evidence in the candidate's sentence."""
    ids = gold.owners("person").get((read.name, normalise_form(candidate.person.text)))
    person = lead if candidate.subject else None
    if not candidate.subject and ids and len(ids) == 1:
        person = next(iter(ids))
    unit = candidate.unit
    for event in gold.events:
        if (event.doc, event.type, event.person) != (read.name, candidate.type, person):
            continue
        if not _dated_alike(event.date, candidate):
            continue
        at = read.document.text.find(event.evidence)
        if at < 0 or (at < unit.end and unit.start < at + len(event.evidence)):
            return True
        if event.date is not None and candidate.type in ONCE:
            return True
    return False


def annotate(read: Read, gold: Gold) -> Annotated:
    """A read document's candidates with their features and labels."""
    candidates = document_candidates(
        read.document, read.analyses, read.mentions, read.rules
    )
    lead = _subject_entity(read, gold)
    labels = tuple(_label(c, read, gold, lead) for c, _ in candidates)
    return Annotated(read, tuple(candidates), labels)


def load_corpora(corpora: dict[str, tuple[Path, Path]]) -> list[Read]:
    """Read the documents of every corpus (name: corpus folder, gold folder)."""
    return [
        read
        for corpus, (folder, gold_folder) in corpora.items()
        for read in read_corpus(corpus, folder, load_gold(gold_folder))
    ]
