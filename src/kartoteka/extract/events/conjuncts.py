"""The people a noun token of the parse names, and how a token stands for one.

A noun names itself with the nouns coordinated or in apposition with it
("Stalin, Molotov and Kaganovich", "his deputy, A. Kh. Artuzov"), and a trigger
the names listed after "among them" or "including"; a subject may be a name in
apposition to one, and a personal pronoun stands for a person named before.
"""

from __future__ import annotations

from kartoteka.extract.events.grammar import SUBJECTS
from kartoteka.extract.nlp.parse import Parse

PRONOUNS = {
    "he",
    "him",
    "his",
    "she",
    "her",
    "himself",
    "herself",
    "он",
    "его",
    "ему",
    "им",
    "она",
    "её",
    "ее",
    "ей",
}


def expand(parse: Parse, index: int) -> list[int]:
    """A noun with the nouns coordinated or in apposition with it."""
    found, stack = [], [index]
    titled: set[int] = set()
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.append(current)
        conjuncts = parse.children(current, "conj")
        if _title_between(parse, current) or current in titled:
            # "Stalin, the Minister of War, Lobov": the parser may hang Lobov on
            # the title; only a name joined by "and" is one more person
            conjuncts = [c for c in conjuncts if _joined_by_and(parse, current, c)]
            titled.update(conjuncts)
        else:
            stack.extend(_own_appositions(parse, current))
        stack.extend(conjuncts)
    return sorted(found)


def _joined_by_and(parse: Parse, first: int, second: int) -> bool:
    return any(
        parse.tokens[i].dep == "cc" and parse.tokens[i].head == first
        for i in range(first + 1, second)
    )


def _own_appositions(parse: Parse, index: int) -> list[int]:
    """The appositions of a noun, without those after a title with an article:
    in "the death of Stalin, the Minister of War, Lobov" Lobov is the
    minister, not Stalin, however the parser hangs him."""
    appositions = parse.children(index, "appos")
    titles = [a for a in appositions if parse.children(a, "det")]
    return [a for a in appositions if not any(t < a for t in titles)]


def _title_between(parse: Parse, index: int) -> bool:
    """ "Lavrov, the Minister of Trade, Gusev": a title set after one name with
    an article belongs to the name after it, not to the first."""
    token = parse.tokens[index]
    return token.dep == "appos" and bool(parse.children(index, "det"))


def is_subject(parse: Parse, index: int) -> bool:
    """Whether a token is a subject, or a name in apposition to a subject."""
    token = parse.tokens[index]
    if token.dep in SUBJECTS:
        return True
    return token.dep == "appos" and parse.tokens[token.head].dep in SUBJECTS


def pronoun(parse: Parse, index: int) -> bool:
    """Whether a token is a personal pronoun that stands for a person named before."""
    return parse.tokens[index].text.lower() in PRONOUNS


def among(parse: Parse, index: int) -> list[int]:
    """Names listed after "among them" or "including" in a trigger's clause."""
    found: list[int] = []
    for token_index in parse.subtree(index):
        text = parse.tokens[token_index].text.lower()
        if text in ("among", "including", "в", "среди") and token_index + 1 < len(
            parse.tokens
        ):
            found.extend(
                i
                for i in range(token_index + 1, len(parse.tokens))
                if parse.tokens[i].pos == "PROPN"
            )
    return found
