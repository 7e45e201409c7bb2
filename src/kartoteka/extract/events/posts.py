"""Posts a source states without an event word: "since 1936 head of X", "was chief".

"(since 29 September 1936 Deputy People's Commissar of Communications)" says
when a tenure began, of the name the bracket or apposition belongs to. "Agabekov
had been the KGB rezident in Turkey", "The head of the Mobile Group was
Shpiegelglass", "He was in Spain as chief military advisor" say that someone
held a post: a copula joins a person and a phrase whose head is a post word
(`posts` in events.yaml). Both are appointments.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kartoteka.extract.events import conjuncts, grammar
from kartoteka.extract.events.lexicon import is_post, words
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.events.stance import Placed
from kartoteka.extract.events.when import clause_date
from kartoteka.extract.events.who import mention_at
from kartoteka.extract.nlp.parse import Parse
from kartoteka.model import Mention

BE = ("was", "were", "been", "is", "are")
# ", the People's Commissar of State Security " between a name and "from 1936 to 1938"
APPOSITION = re.compile(
    r",\s+(?:the\s+)?(?P<post>(?:(?!\b(?:was|were|is|had|who|which)\b)[^,;()])"
    r"{3,80}?)\s+",
    re.I,
)
MEMBER = ("member", "members", "член", "членом")
SINCE = re.compile(r"\b(?:since|from)\s+(?:the\s+)?$", re.I)
POST_AFTER = re.compile(r"\s+(?:on\s+)?(?:the\s+)?(?P<post>[^,;()\n]{3,80})")
CLAUSES = ("relcl", "appos", "acl", "conj", "cc", "punct", "advcl")


def since_posts(sentence: Sentence) -> list[Reading]:
    """ "(since 29 September 1936 Deputy People's Commissar of Communications)":
    a post held since a date, said of the name the bracket or apposition belongs to."""
    text = sentence.passage.clean
    language = sentence.passage.language
    readings = []
    for date in sentence.dates:
        if date.edtf is None or "/" in date.edtf:
            continue
        if not SINCE.search(text, sentence.start, date.start):
            continue
        post = POST_AFTER.match(text, date.end, sentence.end)
        if post is None or not any(
            is_post(word, language) for word in post.group("post").split()
        ):
            continue
        person = _bracket_owner(sentence, date.start)
        if person is not None:
            position = post.group("post").strip()
            readings.append(
                Reading("appointed", person.mention, date, position=position)
            )
    return readings


def _bracket_owner(sentence: Sentence, position: int) -> Placed | None:
    """The name a bracket or apposition at `position` describes."""
    text = sentence.passage.clean
    opening = text.rfind("(", sentence.start, position)
    persons = sentence.of_type("person")
    if opening >= 0 and ")" not in text[opening:position]:
        before = [p for p in persons if p.end <= opening and opening - p.end <= 3]
        if before:
            return before[-1]
        closing = text.find(")", position, sentence.end)
        after = [p for p in persons if closing >= 0 and 0 <= p.start - closing <= 3]
        return after[0] if after else None
    before = [p for p in persons if p.end <= position and position - p.end <= 12]
    return before[-1] if before else None


def tenures(sentence: Sentence) -> list[Reading]:
    """A post in apposition with the span of its tenure ("X, the head of the
    department from 1931 to 1935"): appointed at the start, dismissed at the end."""
    text = sentence.passage.clean
    language = sentence.passage.language
    readings = []
    for date in sentence.dates:
        if date.edtf is None or date.edtf.count("/") != 1 or ".." in date.edtf:
            continue
        before = [p for p in sentence.of_type("person") if p.end <= date.start]
        if not before:
            continue
        person = before[-1]
        phrase = APPOSITION.fullmatch(text, person.end, date.start)
        if phrase is None:
            continue
        post = phrase.group("post").strip()
        if not any(is_post(word, language) for word in post.split()):
            continue
        first, last = date.edtf.split("/")
        for kind, edtf in (("appointed", first), ("dismissed", last)):
            readings.append(
                Reading(
                    kind,
                    person.mention,
                    replace(date, edtf=edtf),
                    position=post,
                    trigger_start=date.start,
                )
            )
    return readings


def _person_of(sentence: Sentence, parse: Parse, index: int) -> Placed | None:
    """The person a noun names, itself or in apposition beside it."""
    for token in conjuncts.expand(parse, index):
        placed = mention_at(sentence, parse, token)
        if placed is not None and placed.mention.type == "person":
            return placed
    return None


def _post_head(sentence: Sentence, parse: Parse, index: int) -> int | None:
    """The post word heading a phrase ("the KGB rezident in Turkey"), or None
    when the phrase names no post."""
    token = parse.tokens[index]
    language = sentence.passage.language
    if token.pos in ("NOUN", "PROPN") and (
        is_post(token.text, language) or token.text.lower() in MEMBER
    ):
        return index
    return None


def _sides(parse: Parse, index: int) -> tuple[list[int], list[int]]:
    """The subjects of a copula and what they are said to be: its complement, or
    an "as" phrase when it has none ("was in Spain as adviser", not "as a
    Secretary, he was close to Stalin")."""
    complements = [
        c for a in parse.children(index, "attr") for c in conjuncts.expand(parse, a)
    ]
    if not complements and not parse.children(index, "acomp"):
        for prep in parse.children(index, "prep"):
            if parse.tokens[prep].text.lower() == "as":
                complements += parse.children(prep, "pobj")
    return parse.children(index, "nsubj"), complements


def copular_posts(sentence: Sentence, parse: Parse) -> list[Reading]:
    """ "X was (the) POST ...", "The POST of Y was X", "X was in Spain as POST"."""
    readings = []
    language = sentence.passage.language
    for index, token in enumerate(parse.tokens):
        if token.text.lower() not in BE or grammar.negated(parse, index):
            continue
        if grammar.irrealis(parse, index, language):
            continue
        subjects, complements = _sides(parse, index)
        pairs = [(s, c) for s in subjects for c in complements]
        for person_at, post_at in pairs + [(c, s) for s, c in pairs]:
            person = _person_of(sentence, parse, person_at)
            post = _post_head(sentence, parse, post_at)
            if person is None or post is None or _of_an_estate(parse, post):
                continue
            date, inherited = clause_date(
                parse, index, list(sentence.dates), sentence.start
            )
            member = parse.tokens[post].text.lower() in MEMBER
            readings.append(
                Reading(
                    "joined" if member else "appointed",
                    person.mention,
                    date,
                    inherited,
                    org=_org_in(sentence, parse, post_at),
                    position=None if member else _post_phrase(sentence, parse, post_at),
                    trigger_start=token.start,
                    state=True,
                )
            )
    return readings


def _of_an_estate(parse: Parse, post: int) -> bool:
    """Whether a membership is of a social estate or a kin ("a member of the
    Polish nobility", "of a merchant family"): a standing, not a body joined."""
    if parse.tokens[post].text.lower() not in MEMBER:
        return False
    estates = words("estates", "en") | words("estates", "ru")
    for prep in parse.children(post, "prep", "nmod"):
        nouns = [prep, *parse.children(prep, "pobj")]
        if any(parse.tokens[n].text.lower() in estates for n in nouns):
            return True
    return False


def _org_in(sentence: Sentence, parse: Parse, index: int) -> Mention | None:
    """The organization named in a post phrase ("a member of the Central Committee")."""
    for placed in sentence.of_type("org"):
        if any(t in parse.subtree(index) for t in parse.at(placed.start, placed.end)):
            return placed.mention
    return None


def _post_phrase(sentence: Sentence, parse: Parse, index: int) -> str:
    """The words of a post phrase, without the clauses and names hung on it."""
    skip: set[int] = set()
    for inner in parse.subtree(index):
        if inner != index and parse.tokens[inner].dep in CLAUSES:
            skip.update(parse.subtree(inner))
    tokens = [i for i in parse.subtree(index) if i not in skip]
    first, last = parse.tokens[tokens[0]], parse.tokens[tokens[-1]]
    text = " ".join(sentence.passage.clean[first.start : last.end].split())
    return re.sub(r"^(?:the|a|an|his|her|its)\s+", "", text, flags=re.I)
