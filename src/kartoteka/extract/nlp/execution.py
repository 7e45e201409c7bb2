"""natasha's models run on words we already have, with the same weights and outputs.

natasha's wrappers around slovnet redo work the build has done or need not do:
its NER tokenizes again the text the segmenter has just tokenized (the same
razdel call on the same text, so the same words), its CRF looks up each step's
best scores through freshly built index arrays, and every tag of the morph
tagger and the parser is decoded into new records, its features split out of
a string again. Here the same slovnet models read the same batches (so every
number they compute is the one they computed before); only the bookkeeping
around them is done once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any

import numpy as np

Morph = tuple[str, tuple[tuple[str, str], ...]]  # part of speech, sorted features
Arc = tuple[int, str]  # head (1-based, 0 for the root) and relation
WINDOW = 3  # atoms either side razdel's rules see (`TokenSplitter.window`)


def segmented(text: str) -> Any:
    """natasha's `Doc.segment` of a text: razdel's words and sentences, each
    sentence with its words, made straight into natasha's records (natasha
    wraps each word twice on the way)."""
    from natasha import Doc
    from natasha.doc import DocSent, DocToken
    from razdel import sentenize

    doc = Doc(text)
    doc.tokens = [DocToken(start, stop, word) for start, stop, word in words(text)]
    doc.sents = (
        [DocSent(s.start, s.stop, s.text) for s in sentenize(text)] if text else []
    )
    doc.envelop_sent_tokens()
    return doc


def words(text: str) -> list[tuple[int, int, str]]:
    """razdel's `tokenize` of a text (start, stop, word), its own rules deciding.

    razdel cuts a text into atoms (a run of letters or digits, a punctuation
    mark) and asks its rules whether two atoms make one word only where no
    space parts them: it builds the question for every pair all the same, and
    most pairs are parted by a space. Here only the touching pairs its rules
    could join are asked (`_may_join`), with the same atoms either side.
    """
    from razdel.segmenters.tokenize import ATOM, Atom, TokenSplit
    from razdel.segmenters.tokenize import tokenize as razdel_tokenize

    matches = list(ATOM.finditer(text))
    may_join = _may_join()
    atoms: dict[int, Any] = {}

    def atom(index: int) -> Any:
        if index not in atoms:
            match = matches[index]
            atoms[index] = Atom(
                match.start(), match.end(), match.lastgroup, match.group()
            )
        return atoms[index]

    found: list[tuple[int, int, str]] = []
    for index, match in enumerate(matches):
        if (
            index
            and match.start() == matches[index - 1].end()
            and may_join(matches[index - 1], match)
        ):
            left = [atom(i) for i in range(max(0, index - WINDOW), index)]
            right = [atom(i) for i in range(index, min(len(matches), index + WINDOW))]
            split = TokenSplit(left, "", right)
            split.buffer = found[-1][2]
            if razdel_tokenize.join(split):
                start, _, word = found[-1]
                found[-1] = (start, match.end(), word + match.group())
                continue
        found.append((match.start(), match.end(), match.group()))
    return found


@cache
def _may_join() -> Callable[[re.Match[str], re.Match[str]], bool]:
    """Whether razdel's rules (`razdel.segmenters.tokenize.RULES`) could join
    two touching atoms; any other touching pair they split.

    They join two punctuation marks, a character of no class (`OTHER`) to its
    neighbour, "!" to "yahoo"; across a dash or an underscore what stands
    either side, and across a point, a comma or a slash two numbers
    (`Rule2112`, which looks past the mark). So a word and the comma or
    point after it, the commonest touching pair, need not be asked.
    """
    from razdel.segmenters.punct import DASHES
    from razdel.segmenters.tokenize import INT, OTHER, PUNCT

    joining_any = frozenset(DASHES + "_")
    joining_numbers = frozenset(".,/\\")

    def may_join(left: re.Match[str], right: re.Match[str]) -> bool:
        kinds = (left.lastgroup, right.lastgroup)
        first, second = left.group(), right.group()
        return (
            OTHER in kinds
            or kinds == (PUNCT, PUNCT)
            or second == "!"
            or first in joining_any
            or second in joining_any
            or (
                INT in kinds and (first in joining_numbers or second in joining_numbers)
            )
        )

    return may_join


def emissions(ner_tagger: Any, docs: Sequence[Any]) -> list[Any]:
    """The NER's scores of each word's tags for segmented texts read in one
    batch, from the words the segmenter found (natasha's NER would find them
    again: razdel on the same text)."""
    infer = ner_tagger.infer
    words = [[token.text for token in doc.tokens] for doc in docs]
    scores: list[Any] = []
    for batch in _batches(infer.encoder, words):
        read = infer.model.head(_encoded(infer.model, batch))
        sizes = (~batch.pad_mask).sum(-1).tolist()
        scores += [read[row, :size] for row, size in enumerate(sizes)]
    return scores


def entities(
    ner_tagger: Any, docs: Sequence[Any], scores: Sequence[Any]
) -> list[list[tuple[int, int, str]]]:
    """natasha's named entities (start, stop, type) of segmented texts, their
    tags decoded from the NER's scores (`emissions`) a few texts at a time.

    The decoding only adds, compares and picks, one text's numbers with its
    own, so texts are decoded together whatever batches the NER read them in:
    a document's texts in one pass over its longest, not one per batch.
    """
    from slovnet.bio import bio_spans

    infer = ner_tagger.infer
    transitions = infer.model.head.crf.transitions.array
    paths: dict[int, list[int]] = {}
    for group in _decoding_groups([len(score) for score in scores]):
        decoded = viterbi(transitions, [scores[index] for index in group])
        paths.update(zip(group, decoded, strict=True))
    tags = infer.decoder.tags_vocab.items
    return [
        [
            (span.start, span.stop, span.type)
            for span in bio_spans(doc.tokens, [tags[i] for i in paths[index]])
        ]
        for index, doc in enumerate(docs)
    ]


DECODING_WORDS = 1 << 15  # words (padding included) decoded in one pass


def _decoding_groups(lengths: list[int]) -> list[list[int]]:
    """Indexes longest first, cut where a group padded to its first would
    hold more than `DECODING_WORDS` words."""
    groups: list[list[int]] = []
    for index in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        if groups and (len(groups[-1]) + 1) * lengths[groups[-1][0]] <= DECODING_WORDS:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def viterbi(transitions: Any, emissions: Sequence[Any]) -> list[list[int]]:
    """slovnet's CRF decoding (`slovnet.exec.model.CRF.decode`) of texts given
    longest first, with the same sums in the same order.

    slovnet decodes a padded batch: at each step it sums and picks for every
    text, then keeps the old scores of the texts that have ended. Longest
    first, the texts still going are the first rows: only they are summed.
    Each step's best scores are taken as the sums' maximum, not picked by the
    argmax's index: the same numbers (equal ones differ at most in the sign of
    a zero, which no later sum or comparison can tell apart). A step's arrays
    are a handful of numbers, so its cost is numpy's per call: the sums go
    into one buffer, through views made again only when a text ends.
    """
    lengths = [len(scores) for scores in emissions]
    padded = np.zeros((lengths[0], len(lengths), len(transitions)), transitions.dtype)
    for row, scores in enumerate(emissions):
        padded[: len(scores), row] = scores
    into = transitions.T  # sums laid out by tag to, then tag from
    score = padded[0].copy()
    buffer = np.empty((len(lengths), *into.shape), into.dtype)
    add, best = np.add, np.maximum.reduce
    going = len(lengths)
    live, sums, steps_in = score, buffer, padded[:, :, :, None]  # scores by tag to
    history = []
    for index in range(1, lengths[0]):
        if lengths[going - 1] <= index:
            while lengths[going - 1] <= index:
                going -= 1
            live, sums = score[:going], buffer[:going]
            steps_in = padded[:, :going, :, None]
        add(live[:, None, :], into, out=sums)
        sums += steps_in[index]
        history.append(sums.argmax(-1).tolist())
        best(sums, -1, out=live)
    paths = []
    for row, size in enumerate(lengths):
        tag = int(score[row].argmax())
        path = [tag]
        for step in reversed(history[: size - 1]):
            tag = step[row][tag]
            path.append(tag)
        path.reverse()
        paths.append(path)
    return paths


def _encoded(model: Any, batch: Any) -> Any:
    """slovnet's embedding and convolutions (`CNNEncoder`) of a batch, words
    by features: the same numbers in the same order (each window of words
    read by one matrix product, then ReLU, batch norm, padding zeroed), kept
    words-first, where slovnet turns the array round and back at every layer
    and pads and copies it twice."""
    x = _embedded(model.emb, batch.word_id, batch.shape_id)
    for layer in model.encoder.layers:
        x = _convolved(layer, x, batch.pad_mask)
    return x


def _embedded(emb: Any, word_id: Any, shape_id: Any) -> Any:
    """slovnet's `WordShapeEmbedding`: each word's navec vector (one code per
    part of it) and its shape's vector side by side, the same numbers picked
    from flat tables (slovnet picks each word's codes by a pair of indexes, an
    order of magnitude slower)."""
    word, shape = emb.word, emb.shape.weight.array
    parts, centroids, chunk = word.codes.array.shape
    codes = word.codes.array.reshape(parts * centroids, chunk)
    picked = word.indexes.array[word_id] + np.arange(parts) * centroids
    words = codes.take(picked, axis=0).reshape(*word_id.shape, parts * chunk)
    return np.concatenate((words, shape.take(shape_id, axis=0)), axis=-1)


def _convolved(layer: Any, x: Any, pad_mask: Any) -> Any:
    """One layer of slovnet's encoder (`CNNEncoderLayer`), words by features."""
    conv, norm = layer.conv, layer.norm
    filters, channels, width = conv.weight.shape
    weight = conv.weight.array.reshape(filters, channels * width)
    windows = _windows(x, width, conv.padding)
    size, count = windows.shape[:2]
    out = np.matmul(windows.reshape(size * count, channels * width), weight.T)
    out = out.reshape(size, count, filters)
    out += conv.bias.array
    np.maximum(out, 0, out=out)  # ReLU, as slovnet's clip
    out -= norm.mean.array
    out /= norm.std.array
    out *= norm.weight.array
    out += norm.bias.array
    out[pad_mask] = 0
    return out


def _windows(x: Any, width: int, padding: int) -> Any:
    """Each window of `width` words (the text padded with `padding` zero words
    either side), feature by place in the window as slovnet lays them out:
    filled one place at a time, whole words at once (a strided view of the
    padded words copies three numbers at a time, at a third of the speed)."""
    size, length, channels = x.shape
    count = length + 2 * padding - width + 1
    windows = np.zeros((size, count, channels, width), dtype=x.dtype)
    for place in range(width):
        shift = place - padding
        start, stop = max(0, -shift), min(count, length - shift)
        windows[:, start:stop, :, place] = x[:, start + shift : stop + shift]
    return windows


def _batches(encoder: Any, words: Sequence[list[str]]) -> Iterator[Any]:
    """slovnet's encoder (`WordShapeEncoder.__call__`): the words' and shapes'
    ids in batches of its size, padded as slovnet pads them, each distinct
    word's ids worked out once (`_WordIds`)."""
    from slovnet.exec.encoders import WordShapeInput

    known = _word_ids(encoder)
    pad, shape_pad = encoder.words_vocab.pad_id, encoder.shapes_vocab.pad_id
    for start in range(0, len(words), encoder.batch_size):
        chunk = words[start : start + encoder.batch_size]
        lengths = np.array([len(item) for item in chunk])
        word_id = np.full((len(chunk), lengths.max()), pad)
        shape_id = np.full(word_id.shape, shape_pad)
        pairs = np.array([known[word] for item in chunk for word in item])
        if len(pairs):
            filled = np.arange(word_id.shape[1]) < lengths[:, None]
            word_id[filled], shape_id[filled] = pairs[:, 0], pairs[:, 1]
        yield WordShapeInput(word_id, shape_id, word_id == pad)


class _WordIds(dict[str, tuple[int, int]]):
    """Words' ids in an encoder's vocabularies (the word lowercased, its
    shape), each looked up the first time it is asked for."""

    def __init__(self, encoder: Any) -> None:
        super().__init__()
        self.encoder = encoder

    def __missing__(self, word: str) -> tuple[int, int]:
        words, shapes = self.encoder.words_vocab, self.encoder.shapes_vocab
        ids = (
            words.item_ids.get(word.lower(), words.unk_id),
            shapes.item_ids.get(_shape(word), shapes.unk_id),
        )
        if len(self) < KNOWN_WORDS:
            self[word] = ids
        return ids


KNOWN_WORDS = 1 << 16  # distinct words whose ids each encoder remembers
_known: dict[int, tuple[Any, _WordIds]] = {}


def _word_ids(encoder: Any) -> _WordIds:
    """The ids an encoder has looked up (one table per encoder: the models'
    vocabularies are theirs to differ). The encoder is kept beside its table
    (slovnet hashes one by its contents), so that its id is never another's."""
    found = _known.get(id(encoder))
    if found is None:
        found = _known[id(encoder)] = (encoder, _WordIds(encoder))
    return found[1]


@lru_cache(maxsize=1 << 16)  # words recur
def _shape(word: str) -> str:
    """slovnet's shape of a word (its script, case and punctuation)."""
    from slovnet.shape import word_shape

    return str(word_shape(word))


def morph_tags(morph_tagger: Any, words: Sequence[list[str]]) -> list[list[Morph]]:
    """natasha's morphology of each list of words (one batch of the tagger's)."""
    infer = morph_tagger.infer
    tags = infer.decoder.tags_vocab.items
    tagged: list[list[Morph]] = []
    for batch in _batches(infer.encoder, words):
        ids = infer.model.head.decode(infer.model.head(_encoded(infer.model, batch)))
        for row, size in zip(
            ids.tolist(), (~batch.pad_mask).sum(-1).tolist(), strict=True
        ):
            tagged.append([_morph(tags[i]) for i in row[:size]])
    return tagged


@cache  # a few hundred tags
def _morph(tag: str) -> Morph:
    """A tag of the morph tagger as natasha reads it (`parse_conll_tag`)."""
    from slovnet.conll import parse_conll_tag

    pos, feats = parse_conll_tag(tag)
    return pos, tuple(sorted(feats.items()))


def syntax_arcs(parser: Any, words: Sequence[list[str]]) -> list[list[Arc]]:
    """natasha's dependency parse of each list of words (one batch of the
    parser's): each word's head and relation."""
    infer = parser.infer
    parsed: list[list[Arc]] = []
    rels = infer.decoder.rels_vocab.items
    for batch in _batches(infer.encoder, words):
        model, mask = infer.model, ~batch.pad_mask
        x = _encoded(model, batch)
        heads = model.head.decode(model.head(x), mask)
        relations = model.rel.decode(model.rel(x, heads), mask).tolist()
        heads = heads.tolist()
        for size, head, rel in zip(
            mask.sum(-1).tolist(), heads, relations, strict=True
        ):
            parsed.append(
                list(zip(head[:size], [rels[r] for r in rel[:size]], strict=True))
            )
    return parsed
