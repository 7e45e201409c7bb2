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
from kartoteka.extract.gazetteer import organizations

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
    rf"(?:\s(?:of)\s(?:the\s)?{_CAPS}(?:\sand\s{_CAPS})?"
    rf"|\sto\s(?:Combat|Fight|Struggle)\s{_CAPS}(?:\sand\s{_CAPS})?)+(?![\w(])"
)
# Capitalised words that open sentences or clauses rather than names.
_FUNCTION = (
    "The|A|An|In|On|At|From|By|His|Her|Their|Its|After|Before|When|While|During"
    "|Under|As|With|For|To|And|But|Then|This|That|These|Those|Since|Until|Both"
    "|Each|Every|All|Of|Our|Some|Many|Most|Later|Soon|Also|Here|There|Only"
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
    """A capitalised name that ends in an institution's head noun."""
    return re.compile(
        rf"(?<![\w'’-])(?:(?:{_MODIFIER}\s(?:and\s(?=[A-Z]\w*['’]\s))?){{1,4}}"
        rf"|(?:{_MODIFIER}\s){{0,3}}{_OWNER}\s)(?:{_heads()})(?![\w'’-])(?!\s[A-Z])"
    )


@cache
def _head_after() -> re.Pattern[str]:
    return re.compile(rf"\s(?:{_heads('sub_body')})(?![\w'’-])(?!\s[A-Z])")


def head_noun_names(text: str) -> list[tuple[int, int]]:
    """Spans like `Secret Political Department of the OGPU` that no model named."""
    spans: list[tuple[int, int]] = []
    for match in _head_name().finditer(text):
        if spans and match.start() < spans[-1][1]:
            continue
        end = match.end()
        aside = _ASIDE.match(text, end)
        tail = _EN_TAIL.match(text, aside.end() if aside else end)
        parent = _PARENT.match(text, end)
        if tail:
            end = tail.end()
        elif parent and parent.group(1) not in _security_names():
            end = parent.end()
        spans.append((match.start(), end))
    return spans


def head_after(text: str, end: int) -> int | None:
    """The end of a sub-body written after its parent: `NKVD Secretariat`."""
    match = _head_after().match(text, end)
    if match is None:
        return None
    tail = _EN_TAIL.match(text, match.end())
    return tail.end() if tail else match.end()


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
    text: str, start: int, end: int, language: str, security: bool = False
) -> tuple[int, int]:
    """The span of an organization's full name around a found core.

    `security`: the core is a state-security organ, which writers qualify by
    region but whose abbreviation they leave without the state.
    """
    core = text[start:end]
    if security and (language == "ru" or not abbreviation(core)):
        start = _region_start(text, start, language)
    state = _RU_STATE.match(text, end)
    if state and not (security and abbreviation(core)):
        return start, state.end()
    if language != "ru" and " " in core.strip() and not abbreviation(core):
        tail = _EN_TAIL.match(text, end)
        if tail:
            end = tail.end()
    return start, end
