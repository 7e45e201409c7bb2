"""Who an event is about: names, pronouns, relative clauses, lists.

The roles of a parse (`kartoteka.extract.events.roles`) point at tokens; this module
turns them into the person mentions of the sentence. A pronoun stands for the
nearest person named before it in the sentence (a subject for a subject, never
the subject of its own verb, never the one who reports a death), or else for the
person the story is about (`kartoteka.extract.events.topic`) when the gender
agrees (`kartoteka.extract.events.gender`); a group noun stands for the names it
lists ("Iagoda's protégés like Molchanov, Gorb", "Its members were ..."). Those
who share the event are found by `kartoteka.extract.events.companions`.
"""

from __future__ import annotations

from kartoteka.extract.events import conjuncts, grammar, roles
from kartoteka.extract.events.gender import (
    FEMININE,
    MASCULINE,
    agrees,
    name_gender,
    placed_gender,
    pronoun_gender,
)
from kartoteka.extract.events.lexicon import reporting_verbs, words
from kartoteka.extract.events.sentences import Sentence
from kartoteka.extract.events.stance import Placed
from kartoteka.extract.events.topic import NOTHING_EARLIER, Earlier, same_name
from kartoteka.extract.nlp.parse import Parse
from kartoteka.model import Mention

LIST_PREPOSITIONS = ("like", "including", "among", "with", "as")
COPULAS = ("were", "was", "are", "is", "been", "be")
DEATHS = ("died", "executed", "killed", "suicide")


def _spouse_meant(
    sentence: Sentence,
    parse: Parse,
    index: int,
    antecedent: Mention | None,
    spouses: tuple[tuple[Mention, Mention], ...],
) -> list[Placed]:
    """ "His wife was shot", "его жена была арестована": a spouse noun without a
    name, owned by "his" or "her", is the spouse named before of the person the
    story is about, when the pronoun agrees with that person."""
    token = parse.tokens[index]
    language = sentence.passage.language
    if antecedent is None or token.text.lower() not in words("spouses", language):
        return []
    owners = [
        parse.tokens[i].text
        for i in parse.children(index, "poss", "det", "nmod")
        if parse.tokens[i].text.lower() in MASCULINE | FEMININE | {"его", "её", "ее"}
    ]
    if not owners or not agrees(antecedent, pronoun_gender(owners[0])):
        return []
    for owner, spouse in reversed(spouses):
        if same_name(owner, antecedent) or owner.name == antecedent.name:
            return [Placed(token.start, token.start, spouse)]
    return []


def mention_at(sentence: Sentence, parse: Parse, index: int | None) -> Placed | None:
    """The person or organization mention covering a token, if any."""
    if index is None:
        return None
    token = parse.tokens[index]
    for placed in sentence.placed:
        if placed.mention.type in ("person", "org") and (
            placed.start < token.end and token.start < placed.end
        ):
            return placed
    return None


def nominative(parse: Parse, person: Placed) -> bool:
    """Whether a name may be a subject: in Russian, only in the nominative case
    ("по решению Лаврова назначен": Лаврова is not who was appointed)."""
    cases = {parse.tokens[i].feat("Case") for i in parse.at(person.start, person.end)}
    cases.discard("")
    return not cases or "Nom" in cases


def persons_in(
    sentence: Sentence, parse: Parse, index: int, antecedent: Mention | None
) -> list[Placed]:
    """The persons a patient token names: itself, a pronoun's antecedent, a name in
    apposition or in the phrase it heads ("appointed Ezhov People's Commissar"), or
    the names of a list it introduces ("Iagoda's protégés like Molchanov, Gorb")."""
    token = parse.tokens[index]
    direct = mention_at(sentence, parse, index)
    if direct is not None:
        return [direct] if direct.mention.type == "person" else []
    if conjuncts.pronoun(parse, index):
        return []
    if token.pos not in ("NOUN", "PROPN", "PRON"):
        return []
    if token.dep == "appos" and token.head != index:
        beside = mention_at(sentence, parse, token.head)
        if beside is not None and beside.mention.type == "person":
            return [beside]
    names = listed_names(sentence, parse, index)
    if names:
        return names
    skip: set[int] = set()
    for child in parse.children(index, "poss", "relcl", "acl", "prep", "nmod"):
        owner = parse.tokens[child].dep == "poss"
        if owner and not (
            mention_at(sentence, parse, child) or conjuncts.pronoun(parse, child)
        ):
            continue  # "Ezhov People's Commissar": a title, not a possessor
        skip.update(parse.subtree(child))
    for inner in parse.subtree(index):
        if parse.tokens[inner].dep == "poss" and inner != index:
            named = mention_at(sentence, parse, inner)
            if named is not None and named.mention.type == "person":
                skip.update(parse.subtree(inner))  # "members of Gusev's family"
    found = []
    for i in parse.subtree(index):
        if i in skip or i == index:
            continue
        placed = mention_at(sentence, parse, i)
        if placed and placed.mention.type == "person" and placed not in found:
            found.append(placed)
    return found


def listed_names(sentence: Sentence, parse: Parse, index: int) -> list[Placed]:
    """Names a group noun introduces: "X like A, B", "X, among them A and B",
    "X along with A", or "X ... were A, B and C" (a copula's complement)."""
    heads: list[int] = []
    for prep in parse.children(index, "prep"):
        word = parse.tokens[prep].text.lower()
        previous = parse.tokens[prep - 1].text.lower() if prep else ""
        if word in ("with", "as") and previous not in ("along", "together", "such"):
            continue
        if word in LIST_PREPOSITIONS:
            heads.extend(parse.children(prep, "pobj"))
    token = parse.tokens[index]
    if (
        token.dep in grammar.SUBJECTS
        and parse.tokens[token.head].text.lower() in COPULAS
    ):
        heads.extend(parse.children(token.head, "attr", "acomp"))
    found = []
    for head in heads:
        for i in conjuncts.expand(parse, head):
            placed = mention_at(sentence, parse, i)
            if placed and placed.mention.type == "person" and placed not in found:
                found.append(placed)
    return found


def _pronoun(
    sentence: Sentence,
    parse: Parse,
    index: int,
    antecedent: Mention | None,
    kind: str,
    known: Earlier = NOTHING_EARLIER,
) -> Placed | None:
    """Who a personal pronoun stands for.

    A possessive before the subject points forward to it ("after his arrest,
    Iagoda ..."); otherwise the nearest person named before it in the sentence,
    except the subject of the same verb ("Stalin removed him") and, for a death,
    the one who reports it ("Chambers believed that he had been killed");
    otherwise the person the story was about.
    """
    token = parse.tokens[index]
    root = next((i for i, t in enumerate(parse.tokens) if t.dep == "ROOT"), None)
    if root is not None and token.dep == "poss":
        for subject in parse.children(root, *grammar.SUBJECTS):
            placed = mention_at(sentence, parse, subject)
            if subject > index and placed and placed.mention.type == "person":
                return placed
    excluded = _fronted_modifiers(parse, index)
    verb = token.head if token.dep in ("dobj", "poss", "pobj") else None
    for ancestor in parse.ancestors(index):
        if ancestor == verb or (
            kind in DEATHS and parse.tokens[ancestor].text.lower() in reporting_verbs()
        ):
            for subject in parse.children(ancestor, *grammar.SUBJECTS):
                excluded.update(parse.subtree(subject))
    before = [
        p
        for p in sentence.of_type("person")
        if p.end <= token.start
        and not any(t in excluded for t in parse.at(p.start, p.end))
    ]
    possessors = {
        i for t, tok in enumerate(parse.tokens) if tok.dep == "poss" for i in [t]
    }
    before = [
        p for p in before if not any(t in possessors for t in parse.at(p.start, p.end))
    ]
    said = pronoun_gender(token.text)
    before = [p for p in before if placed_gender(sentence, parse, p) in (None, said)]
    if token.dep in grammar.SUBJECTS:
        subjects = [
            p
            for p in before
            if any(conjuncts.is_subject(parse, t) for t in parse.at(p.start, p.end))
        ]
        before = subjects or before
    if before:
        return before[-1]
    if said in known.told_genders:
        antecedent = _kept_for_story(antecedent, known.story, said)
    if antecedent is not None and agrees(antecedent, said):
        return Placed(token.start, token.start, antecedent)
    partner = known.partner
    if said is not None and partner is not None and name_gender(partner.name) == said:
        return Placed(token.start, token.start, partner)  # "He married Anna. She"
    return None  # "She was arrested" after a man's story: no one, not him


def _kept_for_story(
    antecedent: Mention | None, story: Mention | None, said: str | None
) -> Mention | None:
    """ "Krause introduced him to the cell. He returned in 1932": after a
    sentence that told of "him" (or "he", "his"), a biography keeps "he" or
    "she" for the person it is about; another person that sentence made its
    topic keeps it only when the name says the same gender."""
    if antecedent is None or story is None or said is None:
        return antecedent
    if same_name(antecedent, story) or not agrees(story, said):
        return antecedent
    return antecedent if name_gender(antecedent.name) == said else story


def _fronted_modifiers(parse: Parse, index: int) -> set[int]:
    """ "With the backing of Lavrov, he was promoted": names in a phrase that
    modifies the verb of a subject pronoun, before it, are not whom it means."""
    token = parse.tokens[index]
    if token.dep not in grammar.SUBJECTS or token.head == index:
        return set()
    return {
        i
        for child in parse.children(token.head, "prep", "npadvmod")
        if child < index
        for i in parse.subtree(child)
    }


def patients_named(
    sentence: Sentence,
    parse: Parse,
    tokens: list[int],
    antecedent: Mention | None,
    kind: str,
    before: Earlier = NOTHING_EARLIER,
) -> list[Placed]:
    """The persons named by patient tokens, each once, pronouns resolved (a
    pronoun the story's person does not agree with may stand for the partner
    the sentence before named, "his wife" for the wife named before); a name in
    apposition to a name is the same person ("Krivitsky (real name Ginsberg)")."""
    persons: list[Placed] = []
    named: set[int] = set()
    for token in tokens:
        if _appos_of(parse, token, named):
            continue
        if conjuncts.pronoun(parse, token):
            resolved = _pronoun(sentence, parse, token, antecedent, kind, before)
            found = [resolved] if resolved else []
        else:
            found = persons_in(sentence, parse, token, antecedent) or _spouse_meant(
                sentence, parse, token, antecedent, before.spouses
            )
        if found:
            named.add(token)
        for placed in found:
            if placed.mention not in [p.mention for p in persons]:
                persons.append(placed)
    return persons


def _appos_of(parse: Parse, token: int, named: set[int]) -> bool:
    """Whether a token is another name, in brackets, of a person already named
    ("Walter Krivitsky (real name Samuel Ginsberg)"); names listed after a comma
    are other people ("Maly, Antonov-Ovseenko and Berzen")."""
    current = token
    while (
        parse.tokens[current].dep == "appos" and parse.tokens[current].head != current
    ):
        head = parse.tokens[current].head
        between = parse.tokens[min(head, current) : max(head, current)]
        if head in named and any(t.text == "(" for t in between):
            return True
        current = head
    return False


def relative_antecedent(sentence: Sentence, parse: Parse, head: int) -> list[Placed]:
    """ "Theodore Maly, in Paris, who had just been recalled": when the parser
    hangs a relative clause on the wrong noun, the name just before the pronoun."""
    for child in parse.children(head, *grammar.SUBJECTS, "dobj"):
        token = parse.tokens[child]
        if token.text.lower() not in roles.RELATIVE:
            continue
        before = [
            p
            for p in sentence.of_type("person")
            if p.end <= token.start and token.start - p.end <= 30
        ]
        return before[-1:]
    return []
