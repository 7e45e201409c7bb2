"""Dependency parses of the sentences that may state an event, in one small shape.

Only sentences with a trigger word are parsed (spaCy for English, natasha for
Russian), so the cost of the parser is paid where it helps. Both parses become
the same plain `Parse`: tokens with character spans, a coarse part of speech,
morphological features, and a dependency label in spaCy's English scheme
(natasha's Universal Dependencies labels are mapped onto it), so the rules that
read them are written once and can be tested on parses built by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, partial

from kartoteka.extract.nlp.execution import (
    Arc,
    Morph,
    morph_tags,
    segmented,
    syntax_arcs,
)
from kartoteka.extract.nlp.models import (
    READ_PIPES,
    SHORT_BATCH,
    by_length,
    english,
    morph_feats,
    russian,
    russian_parser,
)

# natasha's Universal Dependencies labels, in spaCy's English scheme.
UD_LABELS = {
    "nsubj:pass": "nsubjpass",
    "obj": "dobj",
    "iobj": "dative",
    "obl:agent": "agent",
    "flat:name": "compound",
    "flat": "compound",
    "aux:pass": "auxpass",
    "acl:relcl": "relcl",
    "root": "ROOT",
    "nmod:poss": "poss",
}
PENN_POS = {
    "VB": "VERB",
    "MD": "AUX",
    "NN": "NOUN",
    "NNP": "PROPN",
    "PR": "PRON",
    "JJ": "ADJ",
    "IN": "ADP",
    "CD": "NUM",
    "RB": "ADV",
    "CC": "CCONJ",
    "DT": "DET",
    "WP": "PRON",
}


@dataclass(frozen=True)
class Token:
    """One word of a parsed sentence; `start`/`end` are in the passage's clean text."""

    start: int
    end: int
    text: str
    pos: str
    dep: str
    head: int  # index of the head token; the root is its own head
    feats: str = ""  # morphology, "Case=Acc|Voice=Pass"

    def feat(self, name: str) -> str:
        """One morphological feature, or "" when absent."""
        for item in self.feats.split("|"):
            key, _, value = item.partition("=")
            if key == name:
                return value
        return ""


@dataclass(frozen=True)
class Parse:
    """A parsed sentence: tokens in order and who depends on whom."""

    tokens: tuple[Token, ...]
    kids: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tokens", without_loops(self.tokens))
        kids: list[list[int]] = [[] for _ in self.tokens]
        for index, token in enumerate(self.tokens):
            if token.head != index:
                kids[token.head].append(index)
        object.__setattr__(self, "kids", tuple(tuple(k) for k in kids))

    def children(self, index: int, *deps: str) -> list[int]:
        """Direct dependents of a token, optionally only those with given labels."""
        return [k for k in self.kids[index] if not deps or self.tokens[k].dep in deps]

    def subtree(self, index: int) -> list[int]:
        """A token and everything that depends on it, in sentence order."""
        found, stack = [], [index]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self.kids[current])
        return sorted(found)

    def ancestors(self, index: int) -> Iterator[int]:
        """The heads above a token, nearest first."""
        seen = {index}
        while self.tokens[index].head not in seen:
            index = self.tokens[index].head
            seen.add(index)
            yield index

    def at(self, start: int, end: int) -> list[int]:
        """Tokens overlapping a character span."""
        return [i for i, t in enumerate(self.tokens) if t.start < end and start < t.end]


def without_loops(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """The tokens with every loop of heads cut: a token on a loop becomes a root.

    natasha's parser picks each token's head on its own, so it can answer "A under
    B, B under A"; every rule that walks up or down a parse assumes a tree, and a
    walk round a loop never ends (one such sentence grew a worker past 21 GB).
    """
    heads = [token.head for token in tokens]
    for start in range(len(heads)):
        path: set[int] = set()
        current = start
        while heads[current] != current and current not in path:
            path.add(current)
            current = heads[current]
        if current in path:
            heads[current] = current
    if all(token.head == head for token, head in zip(tokens, heads, strict=True)):
        return tokens
    return tuple(
        replace(token, head=head) for token, head in zip(tokens, heads, strict=True)
    )


# Longest prefix first: a tag may begin with a shorter one.
PENN_PREFIXES = sorted(PENN_POS, key=len, reverse=True)


@cache  # a few dozen tags, asked for every token parsed
def _penn(tag: str) -> str:
    """Coarse part of speech of a Penn Treebank tag."""
    for prefix in PENN_PREFIXES:
        if tag.startswith(prefix):
            return PENN_POS[prefix]
    return "X"


def parse_english(sentences: Iterable[tuple[str, int]]) -> Iterator[Parse]:
    """Parses of English sentences given as (text, where it starts in the passage)."""
    items = list(sentences)
    if not items:  # a Russian text never loads the English parser
        return
    texts = (text for text, _ in items)
    docs = english().pipe(texts, batch_size=64, disable=READ_PIPES)
    for (_, offset), doc in zip(items, docs, strict=True):
        yield Parse(
            tuple(
                Token(
                    offset + t.idx,
                    offset + t.idx + len(t.text),
                    t.text,
                    _penn(t.tag_),
                    t.dep_,
                    t.head.i,
                    f"Tag={t.tag_}",
                )
                for t in doc
            )
        )


Words = tuple[tuple[int, int, str], ...]  # a sentence's words: start, end, text


def parse_russian(sentences: Iterable[tuple[str, int]]) -> list[Parse]:
    """Parses of Russian sentences given as (text, where it starts in the passage),
    with natasha's morphology; each model is called once for them all."""
    items = list(sentences)
    if not items:  # an English text never loads the Russian models
        return []
    morph_tagger = russian()[1]
    groups: list[list[Words]] = []
    for text, offset in items:
        groups.append(
            [
                tuple((offset + t.start, offset + t.stop, t.text) for t in sent.tokens)
                for sent in segmented(text).sents
            ]
        )
    flat = [_texts(words) for group in groups for words in group]
    if not flat:
        return [Parse(()) for _ in groups]
    lengths = [len(words) for words in flat]
    morphs = iter(
        by_length(partial(morph_tags, morph_tagger), flat, lengths, SHORT_BATCH)
    )
    arcs = iter(
        by_length(partial(syntax_arcs, russian_parser()), flat, lengths, SHORT_BATCH)
    )
    return [
        Parse(coordinated_roots(tuple(_tokens(group, morphs, arcs))))
        for group in groups
    ]


SUBJECTS = ("nsubj", "nsubjpass")


def coordinated_roots(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """A sentence's verbs that natasha leaves without a clause of their own,
    joined as conjuncts of the verb that has the subject.

    In "в 1937 арестован, расстрелян" the parser often gives each participle a
    tree of its own, or hangs one under a verbless post noun of a career chain
    ("с 1931 — начальник ..., в 1937 арестован"); the one without the subject
    then has no person. A subjectless verb that is a root, or hangs from a root
    that is no verb, is coordinated to the verb whose subject the sentence has.
    """
    verbs = [i for i, t in enumerate(tokens) if t.pos in ("VERB", "AUX")]
    subject = {
        t.head for i, t in enumerate(tokens) if t.dep in SUBJECTS and t.head != i
    }
    main = next((v for v in verbs if v in subject and tokens[v].head == v), None)
    if main is None:
        return tokens
    loose = {v for v in verbs if v != main and v not in subject and _loose(tokens, v)}
    return tuple(
        replace(t, head=main, dep="conj") if i in loose else t
        for i, t in enumerate(tokens)
    )


def _loose(tokens: tuple[Token, ...], verb: int) -> bool:
    """Whether a verb is a root, or hangs from a root that is no verb."""
    head = tokens[verb].head
    if head == verb:
        return True
    return tokens[head].head == head and tokens[head].pos not in ("VERB", "AUX")


def _texts(words: Words) -> list[str]:
    return [text for _, _, text in words]


def _tokens(
    group: list[Words],
    morphs: Iterator[list[Morph]],
    arcs: Iterator[list[Arc]],
) -> Iterator[Token]:
    """The tokens of one parsed sentence: natasha's sentences in it, one after
    another, each head an index into the whole; a root is its own head (natasha
    numbers a sentence's words from 1, its root's head is 0)."""
    base = 0
    for words in group:
        for i, ((start, end, text), (pos, feats), (head, rel)) in enumerate(
            zip(words, next(morphs), next(arcs), strict=True)
        ):
            dep = UD_LABELS.get(rel or "", rel or "dep")
            at = base + head - 1 if 1 <= head <= len(words) else base + i
            yield Token(start, end, text, pos or "X", dep, at, morph_feats(feats))
        base += len(words)
