"""Who an event is about: names, pronouns, relative clauses, lists.

The roles of a parse (`kartoteka.extract.events.roles`) point at tokens; this module
turns them into the person mentions of the sentence. A pronoun stands for the
nearest person named before it in the sentence (a subject for a subject, never
the subject of its own verb, never the one who reports a death), or else for the
person the story is about; a group noun stands for the names it lists ("Iagoda's
protégés like Molchanov, Gorb", "Its members were ..."); a name after the
trigger with a date of its own shares the event ("and Orlov in the spring of
the following year").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kartoteka import data
from kartoteka.extract.events import roles
from kartoteka.extract.events.dated import Dated, name_date
from kartoteka.extract.events.lexicon import reporting_verbs, vocabulary, words
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.events.stance import Placed
from kartoteka.extract.nlp.parse import Parse
from kartoteka.model import Mention

PLURAL = ("they", "они")  # a pair a "they" may stand for
FEMININE = frozenset(
    ("she", "her", "herself", "она", "её", "ее", "ей", "ней", "неё", "нее", "ею")
)
MASCULINE = frozenset(("he", "him", "his", "himself", "он", "ему", "нему"))
FEMININE_VERB = ("ла", "лась", "ана", "яна", "ена", "ёна", "та")
MASCULINE_VERB = (
    "ан",
    "ян",
    "ен",
    "ён",
    "ал",
    "ял",
    "ел",
    "ил",
    "ул",
    "ыл",
    "лся",
    "ер",
)
TOLD_OF = re.compile(  # a pronoun that shows the story went on about someone
    r"(?<![\w])(?:he|him|his|himself|she|her|herself|он|его|ему|него|нему|она|её|ее"
    r"|ей|ней|неё|нее)(?![\w])",
    re.I,
)
SUBJECT_PRONOUN = re.compile(r"(?<![\w])(?:he|she|он|она)(?![\w])", re.I)
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
GAP_BEFORE = re.compile(r",?\s+and\s+$")
AFTER_PREPOSITION = re.compile(
    r"\b(?:with|by|to|of|for|from|under|against|about|before|after|than)\s+$", re.I
)
LIST_PREPOSITIONS = ("like", "including", "among", "with", "as")
COPULAS = ("were", "was", "are", "is", "been", "be")
DEATHS = ("died", "executed", "killed", "suicide")


@dataclass(frozen=True)
class Earlier:
    """Whom a later sentence may mean without naming: the `partner`, the last
    person the sentence before named ("He met Anna. They married", "She was
    arrested"), and the `spouses` named so far, each with its owner ("his
    wife Anna" ... "his wife was shot"), the `story`'s person, whom the
    document is about, and the `told_genders` of the pronouns the sentence
    before had ("Krause introduced him": the story went on about "him")."""

    partner: Mention | None = None
    spouses: tuple[tuple[Mention, Mention], ...] = ()
    story: Mention | None = None
    told_genders: frozenset[str] = frozenset()


NOTHING_EARLIER = Earlier()


def earlier(sentence: Sentence, readings: list[Reading], before: Earlier) -> Earlier:
    """What the next sentence may refer back to in this one and before it: a
    marriage read between two named persons makes each the other's spouse."""
    persons = sentence.of_type("person")
    married = [r.person for r in readings if r.type == "married" and r.person.name]
    pairs = list(before.spouses)
    if len({m.name for m in married}) == 2:
        first, second = (
            married[0],
            next(m for m in married if m.name != married[0].name),
        )
        pairs += [(first, second), (second, first)]
    told = TOLD_OF.findall(sentence.passage.clean, sentence.start, sentence.end)
    return Earlier(
        persons[-1].mention if persons else None,
        tuple(pairs[-8:]),
        before.story,
        frozenset(g for p in told for g in [_told_gender(p)] if g),
    )


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
        if _same_name(owner, antecedent) or owner.name == antecedent.name:
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
    if roles.pronoun(parse, index):
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
            mention_at(sentence, parse, child) or roles.pronoun(parse, child)
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
    if token.dep in roles.SUBJECTS and parse.tokens[token.head].text.lower() in COPULAS:
        heads.extend(parse.children(token.head, "attr", "acomp"))
    found = []
    for head in heads:
        for i in roles.expand(parse, head):
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
        for subject in parse.children(root, *roles.SUBJECTS):
            placed = mention_at(sentence, parse, subject)
            if subject > index and placed and placed.mention.type == "person":
                return placed
    excluded = _fronted_modifiers(parse, index)
    verb = token.head if token.dep in ("dobj", "poss", "pobj") else None
    for ancestor in parse.ancestors(index):
        if ancestor == verb or (
            kind in DEATHS and parse.tokens[ancestor].text.lower() in reporting_verbs()
        ):
            for subject in parse.children(ancestor, *roles.SUBJECTS):
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
    if token.dep in roles.SUBJECTS:
        subjects = [
            p
            for p in before
            if any(roles.is_subject(parse, t) for t in parse.at(p.start, p.end))
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
    if _same_name(antecedent, story) or not agrees(story, said):
        return antecedent
    return antecedent if name_gender(antecedent.name) == said else story


def placed_gender(sentence: Sentence, parse: Parse, person: Placed) -> str | None:
    """A named person's gender, in Russian read from the surname's case as the
    parse gives it ("передал Соколову", dative: a man; "арестовал Соколову",
    accusative: a woman), else from the name (`name_gender`, strong)."""
    own = name_gender(person.mention.name or person.mention.text, strong=True)
    if own is not None or sentence.passage.language != "ru":
        return own
    tokens = parse.at(person.start, person.end)
    if not tokens:
        return None
    last = parse.tokens[tokens[-1]]
    by_case = _gender_signs().get("surnames_by_case", {})
    return _ending(last.text.lower(), by_case.get(last.feat("Case"), {}))


def _told_gender(word: str) -> str | None:
    """A pronoun's gender, "его" and "него" read as "him" (not "its")."""
    return "m" if word.lower() in ("его", "него") else pronoun_gender(word)


def pronoun_gender(word: str) -> str | None:
    """ "f" for she, "m" for he, None for a word that does not say ("его" is
    also "its")."""
    lowered = word.lower()
    if lowered in FEMININE:
        return "f"
    return "m" if lowered in MASCULINE else None


def verb_gender(parse: Parse, head: int, language: str) -> str | None:
    """The gender a Russian past-tense verb or short participle says of its
    subject ("арестована", "умерла": a woman; "арестован", "умер": a man);
    None in English and for a plural or any other form."""
    return past_gender(parse.tokens[head].text, language)


def past_gender(word: str, language: str) -> str | None:
    """The gender a Russian word read as a past-tense verb or short participle
    says by its ending ("f", "m"); None in English and for any other ending."""
    if language != "ru":
        return None
    lowered = word.lower()
    if lowered.endswith(FEMININE_VERB):
        return "f"
    return "m" if lowered.endswith(MASCULINE_VERB) else None


def agrees(person: Mention, gender: str | None) -> bool:
    """Whether a pronoun of a gender may stand for a person: unless the name's
    patronymic or surname says the other gender (`genders.yaml`); a first name
    alone never rules a person out (Nikola, Luca are men)."""
    if gender is None:
        return True
    own = name_gender(person.name or person.text, strong=True)
    return own is None or own == gender


def name_gender(name: str, strong: bool = False) -> str | None:
    """A name's gender by its patronymic, its surname's ending, or (unless
    `strong`) a first name in -a before a surname that says nothing; None when
    the name does not say."""
    words = [w for w in re.findall(r"[\w'’-]+", name.lower()) if len(w) > 2]
    if not words:
        return None
    signs = _gender_signs()
    for word in _patronymic_places(words):
        found = _ending(word, signs["patronymics"])
        if found:
            return found
    found = _ending(words[-1], signs["surnames"])
    if found or len(words) == 1 or strong:
        return found  # a single word is read as a surname ("Yagoda", "Beria")
    first, firsts = words[0], signs["first_names"]
    if first in firsts["male_exceptions"]:
        return "m"
    return "f" if any(first.endswith(e) for e in firsts["female"]) else None


def _patronymic_places(words: list[str]) -> list[str]:
    """The words of a name that may be a patronymic: the middle one, and in a
    name of three words or more the last ("Лебедев Олег Ильич": surname first)."""
    return [*words[1:-1], words[-1]] if len(words) > 2 else []


def _ending(word: str, endings: dict[str, list[str]]) -> str | None:
    """The gender whose longest ending the word has."""
    best: tuple[str, str | None] = ("", None)
    for gender, key in (("f", "female"), ("m", "male")):
        for ending in endings.get(key, []):
            if word.endswith(ending) and len(ending) > len(best[0]):
                best = (ending, gender)
    return best[1]


@cache
def _gender_signs() -> dict[str, Any]:
    signs: dict[str, Any] = data.load("genders.yaml")
    return signs


def _fronted_modifiers(parse: Parse, index: int) -> set[int]:
    """ "With the backing of Lavrov, he was promoted": names in a phrase that
    modifies the verb of a subject pronoun, before it, are not whom it means."""
    token = parse.tokens[index]
    if token.dep not in roles.SUBJECTS or token.head == index:
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
        if roles.pronoun(parse, token):
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
    for child in parse.children(head, *roles.SUBJECTS, "dobj"):
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


def with_person(sentence: Sentence, parse: Parse, head: int) -> bool:
    """ "He joined with Alexander Orlov": joining a person is no membership."""
    for prep in parse.children(head, "prep"):
        if parse.tokens[prep].text.lower() == "with":
            for obj in parse.children(prep, "pobj"):
                placed = mention_at(sentence, parse, obj)
                if placed is not None and placed.mention.type == "person":
                    return True
    return False


def companions(sentence: Sentence, parse: Parse, head: int) -> list[Placed]:
    """Persons who share the event "together with" or "along with" the patient
    ("вместе с" in Russian)."""
    found = []
    for together in parse.children(head, "advmod"):
        if parse.tokens[together].text.lower() == "вместе":
            for obj in parse.children(together, "obl", "nmod"):
                for i in roles.expand(parse, obj):
                    placed = mention_at(sentence, parse, i)
                    if placed and placed.mention.type == "person":
                        found.append(placed)
    for prep in _together_with(parse, head):
        for obj in parse.children(prep, "pobj"):
            named = [
                placed
                for i in roles.expand(parse, obj)
                for placed in [mention_at(sentence, parse, i)]
                if placed and placed.mention.type == "person"
            ]
            found += named or _named_after_title(sentence, parse, obj)
    return found


def kin_companions(
    sentence: Sentence, parse: Parse, head: int, type_: str
) -> list[Placed]:
    """Kin named after a plain "with" ("fled with his wife Anna Kotova and their
    son Pyotr", "бежал с женой Анной"): they share a move or a fate
    (`kin_share` in events.yaml), never a post. English wants the possessive
    ("with his wife"), so that "with the wife of a diplomat" names no companion."""
    if type_ not in (vocabulary().get("kin_share") or ()):
        return []
    language = sentence.passage.language
    found: list[Placed] = []
    for noun in _kin_after_with(parse, head, language):
        for kin in _coordinated(parse, noun):
            if not _is_kin(parse, kin, language):
                continue
            for named in parse.children(kin, "appos"):
                placed = mention_at(sentence, parse, named)
                if placed and placed.mention.type == "person" and placed not in found:
                    found.append(placed)
    return found


def _coordinated(parse: Parse, noun: int) -> list[int]:
    """A noun and the nouns "and" joins to it, through the names in apposition
    the parser may hang the next one on ("his wife Anna and their son Pyotr")."""
    found, stack = [], [noun]
    while stack:
        current = stack.pop()
        found.append(current)
        stack += parse.children(current, "conj", "appos")
    return found


def _is_kin(parse: Parse, index: int, language: str) -> bool:
    """A kin noun, with "his", "her" or "their" before it in English."""
    if parse.tokens[index].text.lower() not in words("kin", language):
        return False
    return language == "ru" or bool(parse.children(index, "poss"))


def _kin_after_with(parse: Parse, head: int, language: str) -> list[int]:
    """The nouns a plain "with" (Russian "с") joins to a verb."""
    if language == "ru":
        return [
            noun
            for noun in parse.children(head, "obl", "nmod")
            if any(
                parse.tokens[c].text.lower() in ("с", "со")
                for c in parse.children(noun, "case")
            )
        ]
    return [
        noun
        for prep in parse.children(head, "prep")
        if parse.tokens[prep].text.lower() == "with"
        for noun in parse.children(prep, "pobj")
    ]


def couple(
    sentence: Sentence,
    parse: Parse,
    head: int,
    topic: Mention | None,
    partner: Mention | None,
) -> list[Placed]:
    """ "He met Anna Lipova in Riga. They married in 1928": a "they" that does
    something both partners do, in a sentence naming no one, is the person
    the story is about and the last person the sentence before named, unless
    both names say one gender ("He was sent to Anna by Lobov": not Lobov)."""
    if topic is None or partner is None or sentence.of_type("person"):
        return []
    if _same_name(topic, partner) or partner.type != "person":
        return []
    genders = {name_gender(topic.name), name_gender(partner.name)}
    if len(genders) == 1 and None not in genders:
        return []
    plural = [
        i
        for i in parse.children(head, *roles.SUBJECTS)
        if parse.tokens[i].text.lower() in PLURAL
    ]
    if not plural:
        return []
    at = parse.tokens[plural[0]].start
    return [Placed(at, at, topic), Placed(at, at, partner)]


def _named_after_title(sentence: Sentence, parse: Parse, title: int) -> list[Placed]:
    """ "along with the head of his secretariat, Lapin": the parser may hang the
    name on the last noun of the title; a name in apposition inside it."""
    found = []
    for i in parse.subtree(title):
        placed = mention_at(sentence, parse, i)
        if (
            placed
            and placed.mention.type == "person"
            and parse.tokens[i].dep == "appos"
        ):
            found += [placed] if placed not in found else []
    return found


def _together_with(parse: Parse, head: int) -> list[int]:
    """The "with" of "together with" or "along with" under a verb, whether the
    parser hangs it on the verb or on "along"."""
    found = []
    for word in parse.children(head, "prep", "advmod", "prt"):
        text = parse.tokens[word].text.lower()
        previous = parse.tokens[word - 1].text.lower() if word else ""
        if text == "with" and previous in ("together", "along"):
            found.append(word)
        elif text in ("together", "along"):
            found += [
                w
                for w in parse.children(word, "prep")
                if parse.tokens[w].text.lower() == "with"
            ]
    return found


def gapped(
    sentence: Sentence, parse: Parse, match: re.Match[str], persons: list[Placed]
) -> list[tuple[Placed, Dated]]:
    """ "Kotov was arrested in 1938, and Lobov the following spring": a name after
    the trigger with a date of its own shares the event (gapping), unless it
    is listed with someone the event is not about ("founded by A and B in 1898")."""
    text = sentence.passage.clean
    found = []
    for person in sentence.of_type("person"):
        if person.start <= match.end() or person in persons:
            continue
        if _listed_with_other(sentence, parse, person, persons):
            continue
        if not GAP_BEFORE.search(text, sentence.start, person.start):
            continue
        own = name_date(text, person.end, list(sentence.dates), sentence.end)
        if own is not None:
            found.append((person, own))
    return found


def _same_name(person: Mention, other: Mention) -> bool:
    """Whether two mentions share their last word (the surname, folded)."""
    words, others = person.name.lower().split(), other.name.lower().split()
    return bool(words and others) and words[-1] == others[-1]


def _listed_with_other(
    sentence: Sentence, parse: Parse, person: Placed, persons: list[Placed]
) -> bool:
    """Whether the parse joins a name by "and" to a person the event is not about."""
    for index in parse.at(person.start, person.end):
        token = parse.tokens[index]
        if token.dep != "conj":
            continue
        other = mention_at(sentence, parse, token.head)
        if other is not None and other != person and other not in persons:
            return True
    return False


def _dating(sentence: Sentence, parse: Parse, person: Mention) -> bool:
    """Whether a person's event only dates the sentence ("After Kotov's death,
    the leaders feared that Lobov ..."): then a later "he" is not that person."""
    return any(
        roles.in_time_adjunct(parse, i)
        for p in sentence.of_type("person")
        if p.mention == person
        for i in parse.at(p.start, p.end)
    )


def topic_person(
    sentence: Sentence,
    parse: Parse | None,
    previous: Mention | None,
    patients: list[Mention],
    subject: Mention | None = None,
) -> Mention | None:
    """The person a later "he" or "she" most likely means: the subject of the
    sentence, else the person its event was about; a sentence whose subject is
    "he" or "she" keeps the one before; in an unparsed sentence, the first name
    that no preposition governs ("to work with X" is not about X), unless a
    pronoun comes before it. A sentence whose event befalls the person the
    document is about ("Lavrov had Sokolov released") stays with that person;
    one whose event only dates it ("After Kotov's death, ...") keeps the one
    before."""
    persons = sentence.of_type("person")
    own = [p for p in patients if subject and _same_name(p, subject)]
    if own:
        return own[-1]
    if parse is not None:
        for index, token in enumerate(parse.tokens):
            if (
                token.dep not in roles.SUBJECTS
                or parse.tokens[token.head].dep != "ROOT"
            ):
                continue
            if roles.pronoun(parse, index):
                return previous
            for token_index in roles.expand(parse, index):
                for person in persons:
                    if token_index in parse.at(person.start, person.end):
                        return person.mention
        named = [p.mention for p in persons]
        told = [
            p
            for p in patients
            if not _dating(sentence, parse, p) and (p in named or p == previous)
        ]  # "his wife was shot" meant the wife named before: no new topic
        if told:
            return told[-1]
        return previous or (persons[0].mention if persons else None)
    text = sentence.passage.clean
    governed = [
        p for p in persons if AFTER_PREPOSITION.search(text, sentence.start, p.start)
    ]
    first = next(
        (
            p
            for p in persons
            if not POSSESSIVE_AFTER.match(text, p.end)
            and not (previous and p in governed)
        ),
        None,
    )
    before = text[sentence.start : first.start if first else sentence.end]
    if previous is not None and SUBJECT_PRONOUN.search(before):
        return previous
    return first.mention if first else previous
