"""A person's gender as the words say it, so that "she" never stands for a man
nor "he" for a woman: a name's patronymic or surname (`genders.yaml`), a
pronoun, a Russian past-tense verb.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kartoteka import data
from kartoteka.extract.events.sentences import Sentence
from kartoteka.extract.events.stance import Placed
from kartoteka.extract.nlp.parse import Parse
from kartoteka.model import Mention

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


def told_gender(word: str) -> str | None:
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
