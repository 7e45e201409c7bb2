"""natasha reads a document's Russian passages in one call, and tags morphology
only for the words of entities, each with the few words around it the tagger
sees; both must read exactly as a text read alone with every sentence tagged,
and parses made in one call exactly as each made alone (real natasha, real
Russian biographies)."""

from __future__ import annotations

from typing import Any

from conftest import CORPUS

from kartoteka.extract.events.sentences import read_sentences
from kartoteka.extract.mentions import read_mentions
from kartoteka.extract.mentions.casing import readable_case
from kartoteka.extract.nlp import analyse
from kartoteka.extract.nlp.execution import (
    _batches,
    _encoded,
    morph_tags,
    segmented,
    syntax_arcs,
    words,
)
from kartoteka.extract.nlp.models import (
    NATASHA_LABELS,
    Analysis,
    Span,
    _tag_names,
    analyse_russian_texts,
    keeps_its_form,
    morph_reach,
    russian,
    russian_parser,
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


def _read(text: str) -> Any:
    from natasha import Doc

    segmenter, _, ner_tagger, _ = russian()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(ner_tagger)
    return doc


def test_the_words_of_names_are_tagged_as_in_their_whole_sentence() -> None:
    """A name's word is tagged as in its whole sentence, or not at all when its
    nominative form is the word itself whatever the tag."""
    from natasha.norm import inflect_word, normal_word

    morph_tagger, vocab = russian()[1], russian()[3]
    assert morph_reach(morph_tagger) == 3  # three convolutions of width 3
    assert keeps_its_form("Иван") and keeps_its_form("СССР")
    assert not keeps_its_form("Москве") and not keeps_its_form("Петрова")
    tagged, untagged = 0, 0
    for path in sorted(DEV_CORPUS.glob("ru-*")):
        before = tagged
        whole = _read(path.read_text(encoding="utf-8"))
        whole.tag_morph(morph_tagger)
        stretches = _read(whole.text)
        _tag_names([stretches], morph_tagger)
        for span, twin in zip(whole.spans, stretches.spans, strict=True):
            for token, read in zip(span.tokens, twin.tokens, strict=True):
                if keeps_its_form(token.text):
                    assert read.pos is None
                    assert inflect_word(vocab, token) == normal_word(token.text)
                    untagged += 1
                else:
                    assert (read.pos, read.feats) == (token.pos, token.feats)
                    tagged += 1
        # only the words of names keep a tag
        assert sum(t.pos is not None for t in stretches.tokens) == tagged - before
    assert tagged >= 100 and untagged >= 100


def _parsed_sentences() -> list[tuple[str, int]]:
    """The Russian sentences the event reader parses in the dev biographies."""
    items: list[tuple[str, int]] = []
    for path in sorted(DEV_CORPUS.glob("ru-*")):
        document = read_document(path, path.name)
        analyses = analyse(document)
        mentions, _ = read_mentions(document, analyses)
        for sentence in read_sentences(document, analyses, mentions):
            if sentence.parsed and sentence.passage.language == "ru":
                items.append((sentence.text, sentence.start))
    return items


def test_parses_made_in_one_call_read_as_each_made_alone() -> None:
    items = _parsed_sentences()
    assert len(items) >= 15
    parses = parse_russian(items)
    assert parses == [parse_russian([item])[0] for item in items]
    assert all(t.feats for parse in parses for t in parse.tokens if t.pos == "NOUN")


def test_words_are_razdels_on_every_text() -> None:
    """`words` asks razdel's rules only where touching atoms could be joined:
    the same words as razdel's own tokenize, on every corpus text and on
    made-up edge cases."""
    from razdel import tokenize

    texts = [
        p.read_text(encoding="utf-8") for p in sorted(CORPUS.parent.rglob("*.txt"))
    ]
    texts += [
        "чуть-чуть и -то, в 1937. 1938 г. 1,5 и 1/2; a_b yahoo! ... ?! -- ** :-)",
        "(Москва), «слово» x.-y 12.34.56 т.е. ΔP mβж",
        "",
        "   ",
        "1937.1938",
        "--а",
        "Петров-\nВодкин а,1 1.б б/2 2\\3 1-й 1_а а_ Yahoo!! 5.-6",
    ]
    assert len(texts) >= 40
    for text in texts:
        assert words(text) == [(t.start, t.stop, t.text) for t in tokenize(text)]


def test_tags_and_arcs_read_as_natashas_own() -> None:
    """The morph tags and the parser's heads and relations of every parsed
    sentence are those natasha's own wrappers give (its records, its decoders)
    for the same words in the same batches."""
    morph_tagger, parser = russian()[1], russian_parser()
    sentences = [
        [t.text for t in sent.tokens]
        for text, _ in _parsed_sentences()
        for sent in segmented(text).sents
    ]
    assert len(sentences) >= 15
    theirs = list(morph_tagger.map(sentences))
    assert [
        [(pos, dict(feats)) for pos, feats in m]
        for m in morph_tags(morph_tagger, sentences)
    ] == [[(t.pos, t.feats) for t in markup.tokens] for markup in theirs]
    arcs = [[(int(t.head_id), t.rel) for t in m.tokens] for m in parser.map(sentences)]
    assert syntax_arcs(parser, sentences) == arcs


def test_encoder_computes_slovnets_numbers() -> None:
    """`_encoded` gives every model (NER, morph tagger, parser) the very numbers
    slovnet's own forward pass gives, bit for bit, on batches of dev passages."""
    import numpy as np

    texts = _passages()
    pieces = [
        [t.text for t in segmented(text).tokens] for text in texts if text.strip()
    ]
    _, morph_tagger, ner_tagger, _ = russian()
    parser = russian_parser()
    for model in (ner_tagger, morph_tagger, parser):
        net = model.infer.model
        for batch in _batches(model.infer.encoder, pieces):
            x = _encoded(net, batch)
            theirs = net(batch.word_id, batch.shape_id, batch.pad_mask)
            if model is parser:
                heads = net.head(x)
                assert np.array_equal(heads, theirs.head_id)
                rels = net.rel(x, net.head.decode(heads, ~batch.pad_mask))
                assert np.array_equal(rels, theirs.rel_id)
            else:
                assert np.array_equal(net.head(x), theirs)
