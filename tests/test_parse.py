"""Parses are trees, whatever the parser answers, so every walk over one ends."""

from __future__ import annotations

import resource
import subprocess
import sys

import spacy
from conftest import CORPUS, need_shared
from natasha import Doc
from thinc.api import NumpyOps

from kartoteka.extract.nlp import analyse
from kartoteka.extract.nlp.blas import numpy_blas, use_ops
from kartoteka.extract.nlp.models import (
    SPACY_EXCLUDE,
    SPACY_MODEL,
    Analysis,
    english,
    russian,
    russian_parser,
)
from kartoteka.extract.nlp.parse import Parse, Token, parse_english
from kartoteka.ingest import read_document
from kartoteka.model import Document

# natasha puts "арестованного" under "Соколова" and "Соколова" under "арестованного".
LOOPING = "Вехи биографии арестованного Соколова туманны."


def token(index: int, text: str, head: int, dep: str = "dep") -> Token:
    return Token(index * 10, index * 10 + len(text), text, "NOUN", dep, head)


def natasha_heads(text: str) -> list[int]:
    """The heads natasha's parser gives, before kartoteka reads them."""
    segmenter, morph_tagger, _, _ = russian()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph_tagger)
    doc.parse_syntax(russian_parser())
    tokens = [t for sent in doc.sents for t in sent.tokens]
    index = {t.id: i for i, t in enumerate(tokens)}
    return [index.get(t.head_id, i) for i, t in enumerate(tokens)]


def reaches_a_root(heads: list[int], start: int) -> bool:
    seen = {start}
    while heads[start] != start:
        start = heads[start]
        if start in seen:
            return False
        seen.add(start)
    return True


def test_a_loop_of_heads_becomes_a_tree() -> None:
    parse = Parse(
        (
            token(0, "a", 2),
            token(1, "b", 0),
            token(2, "c", 1),  # a -> c -> b -> a
            token(3, "d", 3, "ROOT"),
            token(4, "e", 0),
        )
    )
    heads = [t.head for t in parse.tokens]
    assert all(reaches_a_root(heads, i) for i in range(len(heads)))
    assert heads == [0, 0, 1, 3, 0]  # the loop is cut where a walk from "a" closes it
    assert parse.subtree(0) == [0, 1, 2, 4]
    assert parse.subtree(3) == [3]
    assert list(parse.ancestors(2)) == [1, 0]
    assert [t.text for t in parse.tokens] == ["a", "b", "c", "d", "e"]


def test_a_tree_is_left_as_the_parser_gave_it() -> None:
    tokens = (token(0, "a", 1), token(1, "b", 1, "ROOT"), token(2, "c", 1))
    assert Parse(tokens).tokens == tokens


def _limit_memory() -> None:
    limit = 3_000_000_000
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_a_sentence_natasha_parses_into_a_loop_is_read() -> None:
    heads = natasha_heads(LOOPING)
    assert not all(reaches_a_root(heads, i) for i in range(len(heads)))
    text = f"Соколов Пётр Ильич (1895-1938)\n{LOOPING} В 1921 году его арестовали.\n"
    program = (
        "import sys\n"
        "from kartoteka.extract import extract\n"
        "from kartoteka.ingest import document_from_text\n"
        "for e in extract(document_from_text(sys.argv[1], 'ru.txt')).events:\n"
        "    print(e.type, e.date)\n"
    )
    # A walk round a loop grows without end: run it where that fails, not hangs.
    done = subprocess.run(
        [sys.executable, "-c", program, text],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "arrested 1921" in done.stdout


def test_an_english_document_loads_no_russian_model() -> None:
    """Each worker parses every document's Russian sentences; a document with
    none must not pay for natasha's embedding and taggers."""
    script = (
        "from kartoteka.extract.nlp.models import russian_embedding\n"
        "from kartoteka.extract.nlp.parse import parse_russian\n"
        "assert parse_russian([]) == []\n"
        "print(russian_embedding.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "0"


def test_english_reads_the_same_on_numpy_blas_as_on_thincs_blis() -> None:
    """spaCy multiplies on numpy's BLAS for speed; the sentences, entities and
    parses of the longest sample document are those thinc's own BLIS gives."""
    need_shared()
    path = max(CORPUS.iterdir(), key=lambda p: p.stat().st_size)
    document = read_document(path, path.name)
    fast = _read_english(document)
    nlp = english()
    use_ops(nlp, nlp.component_names, NumpyOps())  # thinc's default: BLIS
    try:
        plain = _read_english(document)
    finally:
        use_ops(nlp, nlp.component_names, numpy_blas())
    assert len(fast[1]) > 200
    assert plain == fast


def test_english_tokenizer_is_the_one_the_model_saved() -> None:
    """The pipeline keeps the tokenizer spaCy builds from its English defaults
    rather than read the model's: the two split and normalise alike."""
    kept = english().tokenizer
    saved = spacy.load(SPACY_MODEL, exclude=SPACY_EXCLUDE).tokenizer
    assert kept.to_bytes(exclude=["vocab"]) == saved.to_bytes(exclude=["vocab"])
    for case in saved.rules:
        words = [(t.text, t.norm_, t.lex.norm_) for t in kept(f"a {case} b")]
        assert words == [(t.text, t.norm_, t.lex.norm_) for t in saved(f"a {case} b")]


def _read_english(document: Document) -> tuple[list[Analysis], list[Parse]]:
    """The analyses of a document's passages, and the parses of all their sentences."""
    analyses = analyse(document)
    items = [
        (passage.clean[s.start : s.end], s.start)
        for passage, analysis in zip(document.passages, analyses, strict=True)
        if passage.language == "en"
        for s in analysis.sentences
    ]
    return analyses, list(parse_english(items))
