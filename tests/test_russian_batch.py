"""natasha reads a document's Russian passages in one call, and tags morphology
only where an entity needs it; both must read exactly as a text read alone with
every sentence tagged, and a parse that reuses that morphology exactly as one
made afresh (real natasha, real Russian biographies)."""

from __future__ import annotations

from conftest import CORPUS

from kartoteka.extract.events.sentences import read_sentences
from kartoteka.extract.mentions import read_mentions
from kartoteka.extract.mentions.casing import readable_case
from kartoteka.extract.nlp import analyse
from kartoteka.extract.nlp.models import (
    NATASHA_LABELS,
    Analysis,
    Span,
    Tagged,
    analyse_russian_texts,
    russian,
)
from kartoteka.extract.nlp.parse import parse_russian
from kartoteka.ingest import read_document

DEV_CORPUS = CORPUS.parent / "dev" / "corpus"


def _passages() -> list[str]:
    texts = []
    for path in sorted(DEV_CORPUS.glob("ru-*"))[:4]:
        document = read_document(path, path.name)
        texts += [
            readable_case(p.clean)
            for p in document.passages
            if p.language == "ru" and p.kind != "boilerplate"
        ]
    return texts


def _alone_fully_tagged(text: str) -> Analysis:
    """natasha's own pipeline over one text: every sentence's morphology tagged."""
    from natasha import Doc

    segmenter, morph_tagger, ner_tagger, morph_vocab = russian()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph_tagger)
    doc.tag_ner(ner_tagger)
    entities = []
    for span in doc.spans:
        span.normalize(morph_vocab)
        if span.type in NATASHA_LABELS:
            entities.append(
                Span(span.start, span.stop, NATASHA_LABELS[span.type], span.normal)
            )
    sentences = tuple(Span(s.start, s.stop, "sentence") for s in doc.sents)
    return Analysis(tuple(entities), sentences)


def test_batched_passages_read_as_each_alone_fully_tagged() -> None:
    texts = _passages()
    assert len(texts) >= 8
    batched = analyse_russian_texts(texts)
    alone = [_alone_fully_tagged(text) for text in texts]
    assert batched == alone
    normals = [e.normal for a in batched for e in a.entities if e.label == "person"]
    assert len(normals) >= 10 and all(normals)


def test_blank_and_entity_free_texts_keep_their_sentences() -> None:
    texts = ["", "   ", "Было холодно. Шёл дождь."]
    read = analyse_russian_texts(texts)
    assert [a.entities for a in read] == [(), (), ()]
    assert len(read[2].sentences) == 2
    assert read == [_alone_fully_tagged(text) for text in texts]


def _parsed_sentences() -> tuple[list[tuple[str, int]], list[tuple[Tagged, ...]]]:
    """The Russian sentences the event reader parses in the dev biographies,
    with the sentences their passages' analyses tagged."""
    items: list[tuple[str, int]] = []
    tagged: list[tuple[Tagged, ...]] = []
    for path in sorted(DEV_CORPUS.glob("ru-*")):
        document = read_document(path, path.name)
        analyses = analyse(document)
        mentions, _ = read_mentions(document, analyses)
        for sentence in read_sentences(document, analyses, mentions):
            if sentence.parsed and sentence.passage.language == "ru":
                items.append((sentence.text, sentence.start))
                tagged += analyses[sentence.paragraph].tagged
    return items, tagged


def test_a_parse_reusing_the_analysis_morphology_reads_as_one_made_afresh() -> None:
    items, tagged = _parsed_sentences()
    assert len(items) >= 15
    reused = parse_russian(items, tagged)
    assert reused == parse_russian(items)  # every sentence tagged again
    assert reused == [parse_russian([item])[0] for item in items]  # each alone
    known = {tuple((t.start, t.end, t.text) for t in sent) for sent in tagged}
    words = [tuple((t.start, t.end, t.text) for t in parse.tokens) for parse in reused]
    assert sum(w in known for w in words) >= len(items) // 2  # reuse happens
    assert all(t.feats for parse in reused for t in parse.tokens if t.pos == "NOUN")
