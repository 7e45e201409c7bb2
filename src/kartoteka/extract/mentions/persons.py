"""Person names the generic English model misses or mislabels, found by their shape.

Initials before a surname (`G. S. Liushkov`), a bibliography's inverted form
(`Zemskov, V.`), a rank before a name (`Captain Pavlovsky`) and a Slavic surname
the model called an organization (`Iagoda`) are persons in this literature.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from kartoteka import data
from kartoteka.extract.alternation import dispatched
from kartoteka.extract.mentions.gazetteer import organizations, places, rank_kinds

UPPER = "A-ZА-ЯЁ"
LOWER = "a-zа-яёáéíóúñüöäçšžčćłńśźż"
INITIAL = rf"[{UPPER}](?:[{LOWER}]{{1,2}})?\."
# An apostrophe inside or ending a surname (`Sokol'nikov`, `Medved'`), never
# a possessive `'s` after it.
WORD_TAIL = rf"[{LOWER}]+(?:['’][{LOWER}]{{2,}})*(?:['’](?![{LOWER}]))?"
WORD_PART = rf"[{UPPER}]{WORD_TAIL}"
SURNAME = rf"{WORD_PART}(?:-{WORD_PART})?"
# A surname that opens a word. Its first capital comes first, before the look
# behind it, so that a search jumps from capital to capital.
OPEN_SURNAME = rf"[{UPPER}](?<![\w].){WORD_TAIL}(?:-{WORD_PART})?"
NAME_END = r"(?![\w-])(?!['’](?!s\b)\w)"
GIVEN = r"[A-Z][a-záéíóúñüöäç]+"
INITIALS_NAME = re.compile(
    rf"(?<![\w.])(?:({GIVEN})\s)?((?:{INITIAL}-?\s?){{1,3}})\s?({SURNAME}){NAME_END}"
)
# A surname, then initials after a comma (group 2) or glued after it (group 3).
INVERTED_NAME = re.compile(
    rf"({OPEN_SURNAME})"
    rf"(?:,\s((?:[{UPPER}]\.\s?){{1,3}})|\s((?:[{UPPER}]\.){{2,3}}))"
    rf"(?=[\s\"“”*,;:)]|$)"
)
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
# Ranks that belong to the name as written; offices (`President`) do not.
NAME_RANK_KINDS = {
    "military",
    "state-security",
    "honorific",
    "nobility",
    "academic",
}


@cache
def _names_data() -> dict[str, list[str]]:
    loaded: dict[str, list[str]] = data.load("names.yaml")
    return loaded


@cache
def _surname_ending() -> re.Pattern[str]:
    endings = sorted(_names_data()["surname_endings"], key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(map(re.escape, endings)) + r")$")


@cache
def _stop_words() -> frozenset[str]:
    from kartoteka.extract.nlp.models import stop_words

    return stop_words("en")


@cache
def _org_words() -> frozenset[str]:
    return frozenset(name for org in organizations().values() for name in org.names)


def is_name_word(word: str) -> bool:
    """A capitalised word that can be part of a person name."""
    return (
        word[:1].isupper()
        and word.lower() not in _stop_words()
        and word not in _org_words()
        and word not in rank_kinds()
        and not word.isupper()
    )


def surname_shaped(word: str) -> bool:
    """Whether a single word has the ending of a Slavic or Jewish surname."""
    return (
        len(word) > 3
        and is_name_word(word)
        and bool(_surname_ending().search(word.lower().replace("’", "'")))
    )


def shaped_names(text: str) -> list[tuple[int, int]]:
    """Spans of `I. I. Surname`, `Surname, I.` and `Surname I.I.` in a text.

    In a list (`S. G. Gendin, P. A. Korkin`) the initials after a comma open the
    next name; in a bibliography (`Klimov, G. Pesn'...`) they close the previous.
    The comma form wins unless its surname already ends a forward name; initials
    glued after a surname (`Panina S.V.`) always close it.
    """
    forward = []
    for match in INITIALS_NAME.finditer(text):
        if not is_name_word(match.group(3)) or _all_caps_initials(match.group(2)):
            continue
        given = match.group(1)
        start = match.start(2) if given and not _given_name(given) else match.start()
        forward.append((start, match.end()))
    inverted = [
        (m.start(), m.end())
        for m in INVERTED_NAME.finditer(text)
        if is_name_word(m.group(1))
        and (m.group(3) or not _inside(forward, m.start(1)))
        and not (m.group(3) and _geographic(m.group(1)))
    ]
    kept = [f for f in forward if not any(_overlap(f, i) for i in inverted)]
    return sorted(inverted + kept)


def _geographic(word: str) -> bool:
    """A place's name, in any Russian case (`России`), not a surname."""
    if word in places():
        return True
    if not re.match("[А-ЯЁ]", word):
        return False
    from kartoteka.extract.nlp.models import russian

    parses = russian()[3].parse(word.lower())
    return bool(parses) and "Geox" in parses[0].tag.grammemes


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(s <= position < e for s, e in spans)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _given_name(word: str) -> bool:
    """A first name before initials (`Walter G. Krivitsky`), not a month or group."""
    return (
        is_name_word(word)
        and word.lower() not in MONTHS
        and not re.search(r"(?:ik|iks|ist|ists|ite|ites|ism)$", word)
    )


def _all_caps_initials(initials: str) -> bool:
    """`U.S.` and `U.K.` look like initials but abbreviate countries; `St.` is a
    saint's (`St. Petersburg`)."""
    plain = initials.replace(" ", "")
    return plain in {"U.S.", "U.K.", "S.S.", "D.C.", "A.D.", "B.C."} or plain in {
        "St.",
        "Ste.",
        "Mt.",
    }


@cache
def _rank_pattern() -> re.Pattern[str]:
    outside = set(_names_data()["ranks_outside_name"])
    forms = [
        f
        for f, kind in rank_kinds().items()
        if kind in NAME_RANK_KINDS and f not in outside
    ]
    body = dispatched([re.escape(f) for f in sorted(forms, key=len, reverse=True)])
    return re.compile(
        rf"(?<![\w])(?:{body})\s+((?:{INITIAL}\s?){{0,3}}{SURNAME}(?:\s+{SURNAME}){{0,2}})"
        rf"{NAME_END}"
    )


def ranked_names(text: str) -> list[tuple[int, int, str]]:
    """Spans of a rank followed by a name (`Lieutenant Colonel Miroshnikov`)."""
    spans = []
    for match in _rank_pattern().finditer(text):
        words = match.group(1).split()
        if all(is_name_word(w) or w.endswith(".") for w in words):
            title = text[match.start() : match.start(1)].strip()
            spans.append((match.start(), match.end(), title))
    return spans


def place_context(text: str, start: int) -> bool:
    """Whether the word at `start` follows a preposition of place (`in Kharkov`)."""
    before = text[max(0, start - 12) : start].split()
    prepositions = set(_names_data()["place_prepositions"])
    return bool(before) and before[-1].lower() in prepositions


def vote_types(labels: Iterable[tuple[str, str, bool]]) -> dict[str, str]:
    """Decide one type per single-word name in a document from all its occurrences.

    Each occurrence gives (word, model label, follows a preposition of place).
    A known place is a place. For a word with a surname's ending the model's
    organization and place labels are ignored (it mislabels Russian surnames
    systematically) and only a preposition of place argues against a person;
    for other words the majority of the model's labels decides.
    """
    seen: dict[str, Counter[str]] = {}
    for word, label, placed in labels:
        counts = seen.setdefault(word, Counter())
        counts[label] += 1
        counts["placed"] += placed
    decided = {}
    for word, counts in seen.items():
        if word in places():
            decided[word] = "place"
            continue
        if surname_shaped(word):
            person, place = 2 * counts["person"] + 2, 2 * counts["placed"]
        else:
            person, place = counts["person"], counts["place"] + counts["placed"]
        if person and person >= place:
            decided[word] = "person"
        elif place:
            decided[word] = "place"
    return decided


@cache
def generic_org_words() -> frozenset[str]:
    """Single words a model calls an organization that name none on their own."""
    return frozenset(_names_data()["generic_org_words"])


@cache
def _office_pattern() -> re.Pattern[str]:
    offices = [
        f for f, kind in rank_kinds().items() if kind in ("state", "party", "civil")
    ]
    body = "|".join(re.escape(f) for f in sorted(offices, key=len, reverse=True))
    return re.compile(rf"^(?:[A-Z]\w+\s)?(?:{body})\b")


def starts_with_office(name: str) -> bool:
    """`People's Commissar of Defense` names a post, not an organization."""
    return bool(_office_pattern().match(name.replace("’", "'")))


PATRONYMIC = re.compile(r"(?:ovich|evich|ich|ovna|evna|ichna)$")
POSSESSIVE = re.compile(r"['’]s?$")


def person_shaped(name: str, votes: dict[str, str]) -> bool:
    """A multi-word name the model typed otherwise but that is built like a person's.

    `Genrikh Grigoryevich Yagoda` (a patronymic in the middle) and `Marina
    Moseykina` (a first name and a surname-shaped word that is no known place).
    """
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(is_name_word(w) for w in words):
        return False
    if name in places() or any(w in places() for w in words):
        return False
    if len(words) >= 3 and PATRONYMIC.search(words[-2]):
        return True
    return votes.get(words[-1]) == "person" or (
        surname_shaped(words[-1]) and not surname_shaped(words[0])
    )


def split_person_span(
    text: str, start: int, end: int, votes: dict[str, str]
) -> list[tuple[int, int]]:
    """Undo a model's run-together names.

    Two surnames side by side (`Ezhov Iagoda's deputy`) are two persons, and a
    word glued to a full name (`Yezhovshchinaafter Nikolay Ivanovich Yezhov`)
    is dropped.
    """
    words = [
        (m.start() + start, m.end() + start)
        for m in re.finditer(r"\S+", text[start:end])
    ]
    texts = [POSSESSIVE.sub("", text[s:e]) for s, e in words]
    if len(words) == 2 and all(
        surname_shaped(t) and votes.get(t) == "person" for t in texts
    ):
        return [(s, s + len(t)) for (s, _), t in zip(words, texts, strict=True)]
    if len(words) >= 4 and PATRONYMIC.search(texts[-2]):
        return [(words[-3][0], end)]
    return [(start, end)]


@cache
def _institution_words() -> frozenset[str]:
    return frozenset(_names_data()["institution_words"])


def institution_shaped(name: str) -> bool:
    """Whether a model's organization is named like one: abbreviation or head noun."""
    words = name.split()
    if len(words) == 1:
        return name.isupper() or not surname_shaped(name)
    return any(w.strip(",.()") in _institution_words() for w in words)


COORDINATED = re.compile(
    rf"{SURNAME}(?:\s*,\s*{SURNAME})*(?:\s*,)?\s+(?:and|&)\s+{SURNAME}"
    rf"|{SURNAME}(?:\s*,\s*{SURNAME}){{2,}}"
)


def coordinated_names(
    text: str, persons: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Words listed together with a known person (`Unshlikht, Muklevich, Ol'skii`).

    A list of single capitalised words joined by commas and `and` in which one
    item is already a person is a list of persons; the others' spans are returned.
    """
    found = []
    for match in COORDINATED.finditer(text):
        items = [
            (m.start() + match.start(), m.end() + match.start())
            for m in re.finditer(SURNAME, match.group())
        ]
        if not any(item in persons for item in items):
            continue
        for start, end in items:
            word = text[start:end]
            if (
                (start, end) not in persons
                and is_name_word(word)
                and word not in places()
            ):
                found.append((start, end))
    return found
