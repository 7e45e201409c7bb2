"""Full names found by their shape: around a patronymic, or after a known first name.

A generic model cuts `Jan Karlovich Berzin` after the patronymic, misses the
reference-book orders `Blokhin, Vasily Mikhailovich` and `БЛОХИН Василий
Михайлович`, and loses names whose vowels carry stress marks (`Ви́ктор`). A
first name, a patronymic (its ending in any scheme, `data/names.yaml`) and a
surname, in any of these orders, are one person's full name. So is a known
first name (`data/given_names.yaml`, in any spelling) before a capitalised word
that is no place or institution (`Commissar of Public Health Grigorii Kaminskii`,
where the model reads an organization).
"""

from __future__ import annotations

import re
from functools import cache

from kartoteka import data
from kartoteka.extract.mentions.casing import (
    VOWELS,
    abbreviations,
    readable_case,
    shouted_name,
)
from kartoteka.extract.mentions.gazetteer import places
from kartoteka.extract.mentions.persons import MONTHS, is_name_word
from kartoteka.resolve.translit import word_keys

STRESS = "\u0300\u0301"
# Latin with Latin-1 and Latin Extended-A (`Erdoğan`, `Ķuzis`, `Mężyński`), Cyrillic.
UPPER = "A-ZÀ-ÖØ-ÞĀ-žА-ЯЁ"
LOWER = f"a-zß-öø-ÿĀ-žа-яё{STRESS}"
# An apostrophe inside a word (`Dukel'skii`), never a possessive `'s` after it.
CAPITAL_TAIL = rf"[{LOWER}]+(?:['’][{LOWER}]{{2,}})*(?:['’](?![{LOWER}]))?"
CAPITAL = rf"(?:[{UPPER}]{CAPITAL_TAIL})"
SHOUTED = rf"(?:[{UPPER}]{{2}}[{UPPER}{STRESS}-]+)"
WORD = rf"(?:{CAPITAL}|{SHOUTED})"
END = r"(?![\w-])(?!['’](?!s\b)\w)"
START = r"(?<![\w'’-])"
# A capital that opens a word: the capital comes first, before the look behind
# it, so that a search jumps from capital to capital.
OPENING = rf"[{UPPER}](?<![\w'’-].)"
# Lookaheads, so that a match is tried at every word (`Yezhovshchinaafter Nikolay
# Ivanovich Yezhov` holds one name, not the first three words).
FORWARD = re.compile(rf"{START}(?=({WORD})\s({WORD})\s({CAPITAL}(?:-{CAPITAL})?){END})")
FIRST_THEN_SURNAME = re.compile(
    rf"({OPENING}{CAPITAL_TAIL})"
    rf"(?=\s({CAPITAL}(?:-{CAPITAL})?(?:\s{CAPITAL}){{0,2}}){END})"
)
SHOUTED_THEN_FIRST = re.compile(
    rf"({OPENING}[{UPPER}][{UPPER}{STRESS}-]+),\s({CAPITAL}){END}"
)
# A word of a script without Latin or Cyrillic letters (Georgian, Hebrew, Arabic,
# Chinese): a name quoted in its own script has no capital to tell it by.
OTHER_SCRIPT = r"[^\W\d_A-Za-zß-öø-ÿĀ-žА-яЁё][^\s\d_A-Za-zА-яЁё]*"
# A capitalised word, hyphenated or not (`Jean-Claude`, `Myong-sik`, `Abd-al-latif`),
# maybe behind an article (`al-Assad`, `el-Sisi`).
LOWER_PIECE = rf"[{LOWER}]+(?:['’][{LOWER}]{{2,}})*"
JOINED = (
    rf"(?:[a-z]{{1,3}}-|['’])?{CAPITAL}{{1,2}}(?:-(?:{CAPITAL}|{LOWER_PIECE}))*"
    rf"|[{UPPER}]['’][{UPPER}]?{LOWER_PIECE}"  # `O'Brien`, `M'barki`
)
# A whole name in capitals keeps its short words so (`KO TAE HUN`).
CAPS_WORD = rf"['’]?[{UPPER}]{{2,}}(?:['’-][{UPPER}]+)*"
NAME_UNIT = rf"(?:{JOINED}|[A-Z]\.?|{CAPS_WORD}|{OTHER_SCRIPT})"
# Lowercase particles stand between the words of a name (`Osama bin Laden`).
PARTICLE = r"(?:[a-z]{1,3}|d['’])"
# A register's order puts the surname first, behind a comma (`FROST, William`).
INVERTED = rf"{NAME_UNIT}(?:\s{NAME_UNIT}){{0,3}},\s"
SUBJECT = re.compile(
    rf"(?:^|(?<=[\n.;:!?]\s)|(?<=\n))"
    rf"((?:{INVERTED})?{NAME_UNIT}(?:(?:[\s·・]{PARTICLE})?[\s·・]{NAME_UNIT}){{0,6}})"
    rf"\s(?:was|had\sbeen)\s(?:\w+ly\s)?(\w+)\b"
)
# The verb every `SUBJECT` holds: one quick search for it spares most passages
# the slow one.
SUBJECT_VERB = re.compile(r"\s(?:was|had\sbeen)\s")
# A reference book may give a first name or patronymic's other form in brackets
# (`Блюмкин Яков(Янкель) Григорьевич(Гершович)`): it belongs to the name.
VARIANT = rf"(?:\s?\({WORD}\))?"
SURNAME_FIRST = re.compile(
    rf"{START}(?=({WORD})(,?)\s({WORD}){VARIANT}\s({WORD})({VARIANT}){END})"
)
# A surname-first name without a comma opens a line or a quotation (`«Берзин Ян
# Карлович`), so that a capitalised noun (`Мать Кетована Николаевна`) is no surname.
OPENERS = '\n«"“(—:;'


@cache
def _ending_list() -> tuple[str, ...]:
    """Patronymic endings, longest first."""
    endings = sorted(data.load("names.yaml")["patronymic_endings"], key=len)
    return tuple(reversed(endings))


@cache
def _endings() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(map(re.escape, _ending_list())) + ")$")


def is_patronymic(word: str) -> bool:
    """A word with a patronymic's ending (`-ovich`, `-owicz`, `-ович`, `-ОВИЧ`)."""
    plain = word.lower().translate(dict.fromkeys(map(ord, STRESS)))
    return len(plain) > 5 and bool(_endings().search(plain))


def _may_hold_patronymic(text: str) -> bool:
    """Whether a word of the text can be a patronymic: a look for each ending in
    the lowered text spares most passages the slow searches for full names."""
    if any(mark in text for mark in STRESS):
        return True
    lowered = text.lower()
    return any(ending in lowered for ending in _ending_list())


def _shouted(word: str) -> bool:
    return word.replace("-", "").isupper()


def patronymic_names(text: str) -> list[tuple[int, int]]:
    """Spans of `Given Patronymic Surname`, `Surname Given Patronymic` and
    `Surname, Given Patronymic` in a text."""
    found: list[tuple[int, int]] = []
    if not _may_hold_patronymic(text):
        return found
    for match in FORWARD.finditer(text):
        given, patronymic, surname = match.groups()
        shouted = _shouted(given) or _shouted(surname)
        if is_patronymic(patronymic) and not is_patronymic(surname) and not shouted:
            found.append((match.start(), match.end(3)))
    for match in SURNAME_FIRST.finditer(text):
        surname, comma, given, patronymic, _ = match.groups()
        if is_patronymic(patronymic) and not is_patronymic(given):
            if _overlaps(found, match.start(), match.end(5)):
                continue
            opens = text[: match.start()].rstrip(" \t")[-1:] in ("", *OPENERS)
            if comma or (opens and (_shouted(surname) or _cyrillic(surname))):
                found.append((match.start(), match.end(5)))
    return sorted(found)


def _cyrillic(word: str) -> bool:
    return bool(re.match("[А-ЯЁ]", word))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


@cache
def _first_name_keys() -> frozenset[str]:
    """Transliteration keys of every first name the data knows."""
    loaded = data.load("given_names.yaml")
    names = [str(n) for group in loaded["groups"] for n in group]
    names += [str(n) for n in loaded["first_names"]]
    return frozenset(key for name in names for key in word_keys(name))


def _known_first(word: str) -> bool:
    return not _cyrillic(word) and bool(word_keys(word) & _first_name_keys())


def _name_words(run: str) -> list[str]:
    """The words of a run that can be a surname, up to a month or a place."""
    words = []
    for word in run.split():
        if word.lower() in MONTHS or word in places() or not is_name_word(word):
            break
        words.append(word)
    return words


def first_name_names(text: str) -> list[tuple[int, int]]:
    """Spans of a known first name beside a surname (`Semen Dukel'skii`, and the
    register's `RASKOLNIKOV, Fedor`)."""
    found = [
        (m.start(), m.end())
        for m in SHOUTED_THEN_FIRST.finditer(text)
        if shouted_name(m.group(1)) and _known_first(m.group(2))
    ]
    for match in FIRST_THEN_SURNAME.finditer(text):
        first = match.group(1)
        words = _name_words(match.group(2))
        if not words or not _known_first(first) or is_patronymic(words[0]):
            continue
        end = match.start(2) + len(" ".join(words))
        if not _overlaps(found, match.start(), end) and first not in places():
            found.append((match.start(), end))
    return sorted(found)


@cache
def _person_verbs() -> frozenset[str]:
    return frozenset(data.load("names.yaml")["person_verbs"])


def _uncased(word: str) -> bool:
    """A word in another script, where capitals tell nothing (`ობამა`, `奥巴马`)."""
    return re.match(OTHER_SCRIPT, word) is not None


def subject_names(text: str) -> list[tuple[int, int]]:
    """Spans of a name opening a sentence that says what befell a person
    (`Mercader was born in 1914`), whatever a model made of the words.

    The words are read in ordinary case (`KO TAE HUN`); a surname before a
    comma (`NURISTANI, Abdul`) only in capitals, so `Later, Yezhov` is no name.
    """
    found: list[tuple[int, int]] = []
    readable = readable_case(text)
    if not SUBJECT_VERB.search(readable):
        return found
    for match in SUBJECT.finditer(readable):
        name, verb = match.groups()
        words = name.split()
        after_initial = re.search(r"\b[A-Z]\.\s$", text[: match.start(1)])
        if verb not in _person_verbs() or name in places() or after_initial:
            continue
        head, comma, tail = text[match.start(1) : match.end(1)].partition(",")
        if comma and not head.isupper():
            continue
        inverted = comma and all(map(_shouted_part, head.split()))
        if _name_shaped(tail.split() if inverted else words):
            found.append(match.span(1))
    return found


def _name_shaped(words: list[str]) -> bool:
    """Words that can make one name: name words, initials, particles, or all
    words in capitals that are no abbreviation the gazetteer knows."""
    inner = words[1:-1]
    if len(words) > 1 and all(w.isupper() for w in words):
        return all(_shouted_part(w) or (w in inner and len(w) == 1) for w in words)
    return all(
        _name_part(w)
        or w.endswith(".")
        or _uncased(w)
        or (w in inner and (w.lower() in particles() or len(w) == 1))
        for w in words
    )


def _name_part(word: str) -> bool:
    """A name word, or a hyphenated one whose capitalised pieces are name words
    (`Jean-Claude`, `al-Assad`, `Abd-al-latif`)."""
    pieces = word.lstrip("'’").split("-")
    if pieces[0] in particles() and len(pieces) > 1:
        pieces = pieces[1:]
    named = [p for p in pieces if p.lower() not in particles()]
    return pieces[0][:1].isupper() and all(
        is_name_word(p) and p not in places()
        if p[:1].isupper()
        else p not in _compound_words()
        for p in named
    )


def _shouted_part(word: str) -> bool:
    letters = re.sub("['’-]", "", word)
    return (
        any(c in VOWELS for c in letters)
        and letters not in abbreviations()
        and is_name_word(word.strip("'’").title())  # not `THE DIRECTOR`
    )


@cache
def _compound_words() -> frozenset[str]:
    return frozenset(data.load("names.yaml")["not_name_compounds"])


@cache
def particles() -> frozenset[str]:
    """Lowercase words inside a name (`bin`, `van`, `al`)."""
    return frozenset(data.load("names.yaml")["matching_particles"])


NOT_NAME_POS = {"ADVB", "PRTS", "PRTF", "VERB", "INFN", "ADJS", "ADJF", "GRND"}


def not_a_russian_name(name: str) -> bool:
    """A single capitalised Russian word that no dictionary reads as a name
    (`Вторично`, `Приговорен`): a model's guess at the start of a sentence."""
    if " " in name or not _cyrillic(name):
        return False
    from kartoteka.extract.nlp.models import russian

    parses = russian()[3].parse(name.lower())
    named = any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses)
    return bool(parses) and not named and parses[0].tag.POS in NOT_NAME_POS
