"""Where an organization's name really begins and ends around a known core.

A gazetteer or model finds the core (`Cheka`, `Supreme Economic Council`, `ВСНХ`);
writers qualify a security organ by its region (`Georgian Cheka`, `Грузинской ЧК`,
`All-Ukrainian Extraordinary Commission`) and a body by its state (`of the USSR`,
`СССР`, `Республики`), and the whole is the name they wrote. A parent written as
an abbreviation (`of the OGPU`, `ВКП(б)`) stays a name of its own.
"""

from __future__ import annotations

import re
from functools import cache

from kartoteka import data
from kartoteka.extract.mentions.gazetteer import (
    Match,
    find_organizations,
    organization_key,
    organizations,
)
from kartoteka.extract.mentions.ruorgs import genitive_tail, russian_body_spans
from kartoteka.resolve.translit import is_cyrillic

# A regional adjective, optionally with the administrative level it qualifies.
_EN_REGION = re.compile(
    r"(?:All-)?[A-Z][a-z]+(?:ian|an|ese|ish)"
    r"(?:\s(?:Gubernia|Guberniya|Provincial|Regional|District|Republican|City))?\s$"
)
_RU_REGION = re.compile(r"[А-ЯЁ][а-яё]+(?:ской|ского|ская|ский|ском|скую|ских)\s$")
# The state whose body it is, written after the name.
_RU_STATE = re.compile(r"\s(?:СССР|РСФСР|УССР|БССР|ЗСФСР|Республики)(?![\w(])")
_STATE = r"(?:USSR|RSFSR|SSR)\b"
_WORD = r"[A-ZÀ-Þ][a-zß-ÿ'’][\w'’-]*"
_CAPS = rf"(?:{_STATE}|{_WORD}(?:\s{_WORD})*(?:\s{_STATE})?)"
_EN_TAIL = re.compile(
    rf"(?:\s(?:of)\s(?:the\s)?{_CAPS}(?:(?:,\s{_CAPS})*,?\sand\s{_CAPS})?"
    rf"|\sto\s(?:Combat|Fight|Struggle)\s{_CAPS}(?:\sand\s{_CAPS})?)+(?![\w(])"
)
# Capitalised words that open sentences or clauses rather than names.
_FUNCTION = (
    "The|A|An|In|On|At|From|By|His|Her|Their|Its|After|Before|When|While|During"
    "|Under|As|With|For|To|And|But|Then|This|That|These|Those|Since|Until|Both"
    "|Each|Every|All|Of|Our|Some|Many|Most|Later|Soon|Also|Here|There|Only|Now"
)
_MODIFIER = (
    rf"(?:St\.|People['’]s|\d+(?:st|nd|rd|th)|(?!(?:{_FUNCTION})(?![\w-]))"
    rf"(?![A-Z]+\b)[A-Z][\w'’]*(?<!['’]s)(?:-[A-Z][\w'’]*)*)(?:\s\([A-Z]\w+\))?"
)
_OWNER = r"[A-Z]\w*['’]s"
# A parent body written as an abbreviation: `of the PSR`, `of the RSDLP (b)`.
_PARENT = re.compile(r"\sof\sthe\s([A-Z]{2,6})(?:\s?\([bB]\))?(?![\w(])")
_ASIDE = re.compile(r"\s\([A-Z]\w+\)")


@cache
def _security_names() -> frozenset[str]:
    """Names of security organs, which writers keep apart from their departments."""
    return frozenset(
        name
        for org in organizations().values()
        if org.kind == "state-security"
        for name in org.names
    )


@cache
def _heads(kind: str = "english") -> str:
    heads: list[str] = data.load("org_heads.yaml")[kind]
    return "|".join(sorted(heads, key=len, reverse=True))


@cache
def _head_name() -> re.Pattern[str]:
    """A capitalised name that ends in an institution's head noun. It begins
    with a capital or a figure: a look at that first skips the other words."""
    return re.compile(
        rf"(?<![\w'’-])(?=[A-Z\d])(?:(?:{_MODIFIER}\s(?:and\s(?=[A-Z]))?){{1,4}}"
        rf"|(?:{_MODIFIER}\s){{0,3}}{_OWNER}\s)(?:{_heads()})(?![\w'’-])(?!\s[A-Z])"
    )


@cache
def _head_noun() -> re.Pattern[str]:
    """A head noun after a space, which every name `_head_name` finds ends in:
    one quick search for it spares most passages the slow one."""
    return re.compile(rf"\s(?:{_heads()})(?![\w'’-])")


@cache
def _head_after() -> re.Pattern[str]:
    return re.compile(rf"\s(?:{_heads('sub_body')})(?![\w'’-])(?!\s[A-Z])")


def head_noun_names(text: str) -> list[tuple[int, int]]:
    """Spans like `Secret Political Department of the OGPU` that no model named."""
    spans: list[tuple[int, int]] = []
    if not _head_noun().search(text):
        return spans
    for match in _head_name().finditer(text):
        if spans and match.start() < spans[-1][1]:
            continue
        end = match.end()
        aside = _ASIDE.match(text, end)
        tail = _EN_TAIL.match(text, aside.end() if aside else end)
        parent = _PARENT.match(text, end)
        if tail and _of_security(tail.group()):
            tail = None
        if tail:
            end = tail.end()
        elif parent and parent.group(1) not in _security_names():
            end = parent.end()
        spans.append((match.start(), end))
    return spans


def _of_security(tail: str) -> bool:
    """Whether a tail names a security organ: `of the Cheka`, `of the OGPU`."""
    words = re.sub(r"^\s*of\s(?:the\s)?", "", tail).split()
    return bool(words) and words[0] in _security_names()


def head_after(text: str, end: int) -> int | None:
    """The end of a sub-body written after its parent: `NKVD Secretariat`."""
    match = _head_after().match(text, end)
    if match is None:
        return None
    tail = _EN_TAIL.match(text, match.end())
    return tail.end() if tail else match.end()


# The ruling party, written as `the Party` inside a sentence.
_THE_PARTY = re.compile(r"(?<=[a-z,] )the (Party)\b(?!\s[A-Z])")
# Whose intelligence service: `Soviet military intelligence`, `foreign intelligence`.
# Every match holds the word, so a text without it is not scanned.
_INTELLIGENCE_WORD = "ntelligence"
_INTELLIGENCE = re.compile(
    rf"(?<![\w-])(?:(?<=[a-z] )foreign\s|(?:{_MODIFIER}\s){{1,2}}military\s)"
    r"intelligence\b|(?<=[a-z] )Military Intelligence\b"
)
# A Russian body's name goes on in the genitive or with `по` (`Наркомата по
# военным делам`, `комитета большевиков`).
_RU_OBLIQUE = r"[а-яё]+(?:ым|им|ам|ям|ов|ев|ии|ой|ей|ых|их|ого|его)"
_RU_TAIL = re.compile(
    rf"\s(?:по\s{_RU_OBLIQUE}(?:\s{_RU_OBLIQUE}){{0,2}}|большевиков)\b"
)
# A party's faction mark: `RSDLP (b)`, `ВКП(б)`.
FACTION = re.compile(r"\b(?:[A-Z]{2,6}|[А-ЯЁ]{2,6})\s?\((?:b|B|б)\)")


def abbreviation(name: str) -> bool:
    """Whether every word of a name is written in capitals (`ГУГБ НКВД`)."""
    return all(word.isupper() for word in name.split())


def _region_start(text: str, start: int, language: str) -> int:
    pattern = _RU_REGION if language == "ru" else _EN_REGION
    region = pattern.search(text, max(0, start - 40), start)
    if region and (region.start() == 0 or not text[region.start() - 1].isalnum()):
        return region.start()
    return start


def widen(
    text: str,
    start: int,
    end: int,
    language: str,
    security: bool = False,
    limit: int | None = None,
) -> tuple[int, int]:
    """The span of an organization's full name around a found core.

    `security`: the core is a state-security organ, which writers qualify by
    region but whose abbreviation they leave without the state. `limit`: where
    the next known name starts; a tail never swallows it.
    """
    core = text[start:end]
    if security and (language == "ru" or not abbreviation(core)):
        start = _region_start(text, start, language)
    state = _RU_STATE.match(text, end)
    if state and not (security and abbreviation(core)):
        return start, state.end()
    if (language == "ru" or is_cyrillic(core)) and not abbreviation(core):
        tail = _RU_TAIL.match(text, end)
        return start, tail.end() if tail else genitive_tail(text, end)
    if " " in core.strip() and not abbreviation(core):
        tail = _EN_TAIL.match(text, end)
        if tail and (limit is None or tail.end() <= limit):
            end = tail.end()
    return start, end


def _split_abbreviations(match: Match) -> list[Match]:
    """`ГУГБ НКВД СССР` names two organs, each written as its own abbreviation."""
    words = match.text.split()
    if len(words) < 2 or not abbreviation(match.text):
        return [match]
    parts = []
    for word in re.finditer(r"\S+", match.text):
        key = organization_key(word.group())
        if key is not None:
            at = match.start + word.start()
            parts.append(Match(at, at + len(word.group()), word.group(), key))
    return parts or [match]


def _cores(text: str) -> tuple[list[Match], list[Match]]:
    """Known names, with a following name joined (`NKVD Foreign Department`)
    unless it is an abbreviation of a parent (`Комиссии ВКП(б)`); and the parts
    so joined, which writers also mean on their own (`Foreign Department`)."""
    merged: list[Match] = []
    parts: list[Match] = []
    for match in find_organizations(text):
        if organizations()[match.key].kind == "state-security":
            pieces = _split_abbreviations(match)
        else:
            pieces = [match]
        for piece in pieces:
            joined = merged and text[merged[-1].end : piece.start] == " "
            if joined and not abbreviation(piece.text):
                last = merged[-1]
                merged[-1] = Match(
                    last.start, piece.end, text[last.start : piece.end], piece.key
                )
                parts.append(piece)
            else:
                merged.append(piece)
    return merged, parts


def known_spans(text: str, language: str) -> list[tuple[int, int, str | None]]:
    """Spans of known organizations widened to the names written around them;
    a part written after its parent (`NKVD Secretariat`) has no known id."""
    cores, parts = _cores(text)
    found: list[tuple[int, int, str | None]] = []
    for i, core in enumerate(cores):
        limit = cores[i + 1].start if i + 1 < len(cores) else None
        security = organizations()[core.key].kind == "state-security"
        start, end = widen(text, core.start, core.end, language, security, limit)
        if found and start < found[-1][1]:
            start, end = core.start, core.end
        key: str | None = core.key
        sub_body = head_after(text, end) if language != "ru" else None
        if sub_body is not None and (limit is None or sub_body <= limit):
            end, key = sub_body, None
        found.append((start, end, key))
    return found + [(part.start, part.end, part.key) for part in parts]


def rule_spans(text: str) -> list[tuple[int, int]]:
    """Organizations known by shape alone: faction marks, `the Party`,
    whose intelligence service, and names ending in a head noun (in English
    or Russian)."""
    factions = [m.span() for m in FACTION.finditer(text)]
    spans = [m.span(1) for m in _THE_PARTY.finditer(text)]
    if _INTELLIGENCE_WORD in text:
        spans += [m.span() for m in _INTELLIGENCE.finditer(text)]
    spans += russian_body_spans(text)
    return factions + sorted(spans + head_noun_names(text))
