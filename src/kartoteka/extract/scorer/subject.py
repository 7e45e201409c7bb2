"""Who a document is about: the surname a biography heads with and keeps returning to.

A biography opens on its subject in one of a few shapes: a full name followed by
life dates ("Name Surname (1890–1938)"), a catalogue heading ("SURNAME, Given",
"Surname Given Patronymic"), or the surname alone as the grammatical subject of
its sentences. Other people are named too (the ruler it served, the author of the
page), often as often, but rarely in a heading. So the subject is the surname of
a heading mention that the text repeats; failing one, the name the text opens
with and repeats; failing that, the name said most. A surname is told from a
first name by where it stands in full names (a word that opens "Given Surname"
is a given name); Russian case forms ("Артузова", "Артузовым") count as one word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kartoteka.extract.mentions.fullnames import is_patronymic
from kartoteka.model import Mention

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
CYRILLIC = re.compile("[а-яё]")
# Case endings of Russian surnames and names, longest first.
CASE_ENDING = re.compile(r"(?:ыми|ами|ого|ому|ой|ым|ом|ою|ей|ую|ая|а|у|е|ы|и|ю|я)$")
# "Name (1890", "Name (b. 4 May 1900", "Name (real name X), (1891 —"
LIFE_DATES = re.compile(
    r"(?:\s*\([^()\n]{1,60}\),?)?\s*[(,]\s*(?:b\.|born|р\.|род\.)?\s*"
    r"(?:[^\W\d]{3,10}\.?\s+)?(?:\d{1,2}\s+)?(?:[^\W\d]{3,10}\.?\s+)?(?:\d{1,2},?\s+)?"
    r"\d{4}"
)
LEADS = re.compile(r"(?:^|\n|[.!?]\s+|[.!?][\"»”)]\s+)$")
STRESS = str.maketrans("", "", "\u0300\u0301")  # stress marks ("Абаку́мов")
MIN_STEM = 4
BIOGRAPHY_SHARE = 0.25  # a biography names its subject in a quarter of its names


def unstressed(text: str) -> str:
    """A text without the stress marks reference works put on Russian names
    ("Ви́ктор Абаку́мов"): they split a word in two, so the name did not meet its
    plain forms."""
    return text.translate(STRESS)


def name_key(word: str) -> str:
    """A name word without its Russian case ending, so that all its forms meet."""
    lower = word.lower().replace("ё", "е")
    if not CYRILLIC.search(lower):
        return lower
    stem = CASE_ENDING.sub("", lower)
    return stem if len(stem) >= MIN_STEM else lower


def name_keys(mention: Mention) -> tuple[str, ...]:
    """The keys of a person mention's name words (initials and short words left out)."""
    return _name_keys(mention.name)


@lru_cache(maxsize=1 << 14)  # every candidate asks whether its person is the subject
def _name_keys(name: str) -> tuple[str, ...]:
    return tuple(name_key(w) for w in WORD.findall(unstressed(name)) if len(w) > 2)


def _surname(mention: Mention) -> tuple[str, tuple[str, ...]]:
    """The surname of a person mention and its other words (given names).

    "SURNAME, Given" and a shouted word name the surname outright; with a
    patronymic the surname stands at the other end from it ("Given Patronymic
    Surname", "Surname Given Patronymic"); otherwise it is the last word.
    """
    return _surname_of(mention.name)


@lru_cache(maxsize=1 << 14)  # asked of every candidate's person
def _surname_of(written: str) -> tuple[str, tuple[str, ...]]:
    name = unstressed(written)
    words = [w for w in WORD.findall(name) if len(w) > 2]
    plain = [w for w in words if not is_patronymic(w)]
    if not plain:
        return "", ()
    if "," in name:
        head = [w for w in WORD.findall(name.split(",")[0]) if len(w) > 2]
        surname = head[-1] if head else plain[0]
    elif len(plain) > 1 and sum(w.isupper() for w in plain) == 1:
        surname = next(w for w in plain if w.isupper())
    elif len(words) >= 3 and is_patronymic(words[-1]):
        surname = words[0]
    else:
        surname = plain[-1]
    return name_key(surname), tuple(name_key(w) for w in plain if w != surname)


def surname_key(mention: Mention) -> str:
    """The name key of a person mention's surname, so that "N. I. Kotov",
    "Kotov" and "Котова" meet ("" for a mention without one)."""
    return _surname(mention)[0]


def _heads_a_life(mention: Mention, text: str) -> bool:
    """Whether a mention is a heading: followed by life dates (after at most one
    bracketed aside), or written as a catalogue entry ("SURNAME, Given", a
    shouted surname beside given names)."""
    if LIFE_DATES.match(text, mention.end):
        return True
    words = WORD.findall(unstressed(mention.name))
    return len(words) > 1 and ("," in mention.name or any(w.isupper() for w in words))


def _leads(mention: Mention, text: str) -> bool:
    """Whether a mention opens its sentence or line: the grammatical subject, as
    a biography's subject mostly is."""
    return bool(LEADS.search(text[max(0, mention.start - 3) : mention.start]))


@dataclass
class _Tally:
    """What the text and its person mentions say about each name key."""

    weight: Counter[str]  # capitalised words of the text, and leading mentions
    surname: Counter[str]
    given: Counter[str]
    full: Counter[str]  # full names ("Given Surname") it is the surname of
    headed: set[str]
    first: dict[str, int]
    opening: str  # the first mention's surname, when it leads its sentence


@lru_cache(maxsize=2)
def _said(text: str) -> Mapping[str, int]:
    """How often each capitalised word of the text is written, in any case form.
    Kept for the last texts: every part of a large document asks it of the
    whole text, several times (counting afresh made a part's cost grow with the
    document's length)."""
    return Counter(
        name_key(w) for w in WORD.findall(unstressed(text)) if w[:1].isupper()
    )


def _tally(mentions: Sequence[Mention], text: str) -> _Tally:
    persons = sorted((m for m in mentions if m.type == "person"), key=lambda m: m.start)
    said = _said(text)
    tally = _Tally(Counter(), Counter(), Counter(), Counter(), set(), {}, "")
    for mention in persons:
        surname, given = _surname(mention)
        if not surname:
            continue
        tally.weight[surname] += _leads(mention, text)
        tally.first.setdefault(surname, mention.start)
        if len(tally.first) == 1 and _leads(mention, text):
            tally.opening = surname
        tally.surname[surname] += 1
        tally.full[surname] += bool(given)
        tally.given.update(given)
        if _heads_a_life(mention, text):
            tally.headed.add(surname)
    for key in tally.surname:
        tally.weight[key] += max(said[key], 1)
    return tally


def subject_word(mentions: Sequence[Mention], text: str) -> str:
    """The name key of the document's subject ("" when no person is named)."""
    tally = _tally(mentions, text)
    keys = [k for k in tally.surname if tally.given[k] <= tally.surname[k]]
    if not keys:
        return ""
    most = max(tally.weight[k] for k in keys)

    def rank(key: str) -> tuple[bool, bool, int, int, bool, int, str]:
        weight = tally.weight[key]
        heading = key in tally.headed and weight > 2 and 2 * weight >= most
        opening = key == tally.opening and weight > 2 and 3 * weight >= most
        return (
            not heading,
            not opening,
            -weight,
            -tally.surname[key],
            not tally.full[key],
            tally.first[key],
            key,
        )

    return min(keys, key=rank)


def is_biography(mentions: Sequence[Mention], text: str, subject: str) -> bool:
    """Whether a document is about one person: its subject is named in at least
    a quarter of its person mentions (a chapter or a survey names many people as
    often). The subject counts in every case form the text writes it, since a
    model's reading misses some ("Имя Наума\nЭйтингона")."""
    persons = [m for m in mentions if m.type == "person"]
    named = sum(is_subject(m, subject) for m in persons)
    return named > 0 and max(named, _said(text)[subject]) >= BIOGRAPHY_SHARE * len(
        persons
    )


def is_subject(mention: Mention, subject: str) -> bool:
    """Whether a person mention names the document's subject."""
    return bool(subject) and subject in name_keys(mention)
