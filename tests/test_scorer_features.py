"""The scorer's features worked out once per sentence: the groups a sentence's
candidates share give every candidate the list it would have alone."""

from __future__ import annotations

import inspect

from conftest import CORPUS, need_shared

import kartoteka.extract.scorer as scorer
from kartoteka.extract import extract_by_rules
from kartoteka.extract.nlp.models import Analysis
from kartoteka.extract.scorer import document_candidates
from kartoteka.extract.scorer.features import SentenceFeatures, document_shape
from kartoteka.extract.scorer.subject import subject_word
from kartoteka.ingest import read_document
from kartoteka.model import Document, Event, Mention


def _read(
    name: str,
) -> tuple[Document, list[Analysis], tuple[Mention, ...], tuple[Event, ...]]:
    document = read_document(CORPUS / name, name)
    found, analyses = extract_by_rules(document)
    return document, analyses, found.mentions, found.events


def _first_document() -> str:
    return sorted(p.name for p in CORPUS.glob("*.txt"))[0]


def test_the_features_module_is_not_hidden_by_a_function() -> None:
    assert inspect.ismodule(scorer.features)
    assert scorer.features.SentenceFeatures is SentenceFeatures


def test_shared_groups_give_each_candidate_its_own_features() -> None:
    need_shared()
    document, analyses, mentions, rules = _read(_first_document())
    subject = subject_word(mentions, document.text)
    shape = document_shape(document, mentions, subject)
    candidates = document_candidates(document, analyses, mentions, rules, subject)
    assert len({c.unit.start for c, _ in candidates}) > 10
    for candidate, features in candidates:
        unit = candidate.unit
        alone = SentenceFeatures(unit, document.text[unit.start : unit.end], shape)
        own = alone.of(candidate) if candidate.subject else alone.of_other(candidate)
        assert own == features
