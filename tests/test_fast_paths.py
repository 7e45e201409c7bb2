"""Shortcuts taken for speed find exactly what the plain way finds.

Each shortcut is checked against the plain definition it replaces, on the
mentions and sentences of a real document of the sample corpus, so a change
that made them differ fails here before it changes a build.
"""

from __future__ import annotations

import pytest
from conftest import CORPUS, need_shared

from kartoteka.extract import Extraction, extract_by_rules
from kartoteka.extract.events.sentences import Sentence, read_sentences
from kartoteka.extract.relations import _any_cue, _cues
from kartoteka.extract.scorer.units import STORY_REACH, MentionIndex
from kartoteka.ingest import read_document
from kartoteka.model import Mention


@pytest.fixture(scope="module")
def read() -> tuple[Extraction, list[Sentence]]:
    """The longest document of the sample corpus, read by the rules."""
    need_shared()
    path = max(CORPUS.iterdir(), key=lambda p: p.stat().st_size)
    document = read_document(path, path.name)
    found, analyses = extract_by_rules(document)
    mentions = list(found.mentions)
    return found, list(read_sentences(document, analyses, mentions, headings=True))


def test_the_mention_index_finds_what_a_scan_of_every_mention_finds(
    read: tuple[Extraction, list[Sentence]],
) -> None:
    found, sentences = read
    for kind in ("date", "person"):
        mentions = sorted(
            (m for m in found.mentions if m.type == kind), key=lambda m: m.start
        )
        assert len(mentions) > 50
        index = MentionIndex(mentions)
        edges = sorted({m.start for m in mentions} | {m.end for m in mentions})
        spans = [(s.start, s.end) for s in sentences] + list(
            zip(edges, edges[3:], strict=False)
        )
        for start, end in spans:
            inside = tuple(m for m in mentions if start <= m.start and m.end <= end)
            assert index.within(start, end) == inside
            assert index.story(start) == _last_nearby(mentions, start)


def _last_nearby(mentions: list[Mention], start: int) -> Mention | None:
    before = [m for m in mentions if m.end <= start and start - m.end <= STORY_REACH]
    return before[-1] if before else None


def test_a_sentence_is_skipped_for_ties_only_when_no_cue_is_in_it(
    read: tuple[Extraction, list[Sentence]],
) -> None:
    _, sentences = read
    with_cue = 0
    for sentence in sentences:
        language = sentence.passage.language
        text, start, end = sentence.passage.clean, sentence.start, sentence.end
        any_cue = _any_cue(language).search(text, start, end) is not None
        each = any(
            pattern.search(text, start, end)
            for section in ("nouns", "verbs")
            for _, pattern in _cues(section, language)
        )
        assert any_cue == each
        with_cue += each
    assert with_cue >= 5
