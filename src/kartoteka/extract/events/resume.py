"""Posts a biography lists like a résumé: the post, then its years in brackets
("deputy head of the department (1931–1935)", "начальник отдела (март — август
1918)"), or the years, a dash and the post ("1938–1941 — заместитель наркома",
"с 1934 — начальник"). Such lines name nobody: they are about the person the
story is about. A closed span is an appointment at its start and a dismissal at
its end; a single date is an appointment. A rank with its year in brackets
("major of state security (1935)", "генерал-майор (1945)") was awarded then.
A membership held since a date ("Член ВКП(б) с 1921 года", "В Красной армии с
1918 года", "Member of the Communist Party from 1901") was joined then.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from kartoteka.extract.events.dated import Dated
from kartoteka.extract.events.lexicon import alternatives, is_post, vocabulary
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.mentions.gazetteer import rank_kinds
from kartoteka.model import Mention

# The years of a post in brackets right after it: "(1931–1935)", "(1943 — 1946 годы)".
BRACKET_OPEN = re.compile(r"\(\s*$")
BRACKET_CLOSE = re.compile(r"\s*(?:годы|годах|гг?\.)?\s*\)")
# Where a listed post begins: the sentence start or the end of the post before it.
POST_START = re.compile(r"(?:^|[,;:])\s*(?P<post>[^,;:]*)$")
HEAD_WORDS = 3  # a listed post opens with its post word ("deputy head of ...")
# What may open a line before its years: "В", "С", "In", "From", "В период".
LINE_LEAD = re.compile(
    r"\s*(?:(?:в\s+период|в|с|in|from|since|during)\s+)?(?:(?:the\s+)?years?\s+)?$",
    re.I,
)
# The dash after a line's years, the Russian year word between ("1925-1930 гг. —",
# "в 1926-1953 годах -"), then the post.
DASH_THEN_POST = re.compile(
    r"\s*(?:(?:гг?|годы|годах|году|года|год)\.?\s*)?[–—-]\s*(?P<post>[^,;()\n.]{3,80})"
)
CLAUSE_BREAK = re.compile(r"[,;:]")  # where a line may open inside a sentence
# What joins two terms of one post in a line ("с 1938 по 1941 и с 1943 по 1946 —").
TERMS_JOINED = re.compile(r"\s*(?:,|и|and)\s*", re.I)
OPENS = ("с", "from", "since")
YEAR_TAIL = re.compile(r"\s*(?:года|год|г\.)?\s*[,:—–-]?\s*")  # "1921 г. — "
BETWEEN = re.compile(r"\s*(?:\([^()]*\)\s*)?")  # an org and "since": a bracket at most
YEAR_CLOSE = re.compile(r"\s*(?:года|год|г\.)?\s*[,)]")
RANK_KINDS = ("military", "state-security", "honorific")
NAME_THEN_POST = re.compile(r"\s*[,–—-]?\s*")
# Where a clause opens: the sentence start or a stop, colon, semicolon or dash.
CLAUSE_OPEN = re.compile(r"(?:^|[.;:–—(]\s*)$")
# "Ivanov was a devoted Communist since": a name, a copula and up to two words.
NAME_IS = re.compile(
    r"\s*,?\s+(?:was|had\s+been|has\s+been)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)


def resume_posts(sentence: Sentence, topic: Mention | None) -> list[Reading]:
    """Readings of the posts a sentence lists with their years; `topic` is the
    person the text is about."""
    readings: list[Reading] = []
    for date in sentence.dates:
        if date.edtf is None or ".." in date.edtf:
            continue
        rank = _ranked(sentence, date)
        if rank is not None:
            # a name inside a decoration is its name ("Order of Lenin")
            inside = date.start if _is_rank(rank[1]) else rank[0]
            person = _person(sentence, rank[0], inside, topic)
            if person is not None:
                readings.append(
                    Reading(
                        "awarded", person, date, position=rank[1], trigger_start=rank[0]
                    )
                )
            continue
        joined = _held_since(sentence, date, topic)
        if joined is not None:
            readings.append(joined)
            continue
        found = _bracketed(sentence, date) or _line(sentence, date)
        if found is None:
            continue
        start, post = found
        person = _person(sentence, start, date.start, topic)
        if person is not None:
            readings += _tenure(person, date, post, start)
    return readings


def _held_since(
    sentence: Sentence, date: Dated, topic: Mention | None
) -> Reading | None:
    """ "Член ВКП(б) с 1921 года", "a Communist since 1910": a membership held
    since the date, joined then (`held_since` in events.yaml)."""
    if "/" in (date.edtf or ""):
        return None
    cues = _since_cues(sentence.passage.language)
    text = sentence.passage.clean
    since = cues["since"].search(text, sentence.start, date.start)
    if since is None:
        return None
    org, start = _member_of(sentence, since.start(), cues)
    end = date.start
    if start is None:
        org, start = _member_after(sentence, since.start(), date, cues)
        end = org.end if org is not None else end
    if start is None:
        return None
    person = _member(sentence, start, end, topic)
    if person is None:
        return None
    return Reading("joined", person, date, org=org, trigger_start=start)


@cache
def _since_cues(language: str) -> dict[str, re.Pattern[str]]:
    """The `held_since` words of a language as patterns anchored where they must
    stand: `since` right before the date, the others right before the org;
    built once, not for every date."""
    raw = vocabulary().get("held_since", {}).get(language, {})
    since = alternatives(list(raw.get("since", [])))
    lead = alternatives(list(raw.get("lead", [])))
    opens = alternatives(list(raw.get("opens", [])))
    nouns = alternatives(list(raw.get("nouns", [])))
    bodies = alternatives(list(raw.get("bodies", [])))
    return {
        "since": re.compile(r"(?:" + since.pattern + r")\s+(?:the\s+)?$", re.I),
        "lead": re.compile(r"(?:" + lead.pattern + r")\s+$", re.I),
        "opens": re.compile(r"(?:" + opens.pattern + r")\s+$", re.I),
        "nouns": re.compile(r"(?:" + nouns.pattern + r")\s+$", re.I),
        "bodies": bodies,
        "lead_first": re.compile(r"(?:an?\s+)?(?:" + lead.pattern + r")\s+", re.I),
        "opens_first": re.compile(r"(?:" + opens.pattern + r")\s+", re.I),
    }


def _member_of(
    sentence: Sentence, since: int, cues: dict[str, re.Pattern[str]]
) -> tuple[Mention | None, int | None]:
    """The organization a membership is of and where the phrase starts: an org
    named right before `since` after a lead word, or a party noun alone."""
    text = sentence.passage.clean
    orgs = [
        p
        for p in sentence.of_type("org")
        if p.end <= since and BETWEEN.fullmatch(text, p.end, since)
    ]
    if orgs:
        org = orgs[-1]
        if cues["bodies"].search(org.mention.text):
            return None, None
        lead = cues["lead"].search(text, sentence.start, org.start)
        if lead is not None:
            return org.mention, lead.start()
        opens = cues["opens"].search(text, sentence.start, org.start)
        if opens is not None and _opens_clause(text[sentence.start : opens.start()]):
            return org.mention, opens.start()
        return None, None
    noun = cues["nouns"].search(text, sentence.start, since)
    return (None, noun.start()) if noun is not None else (None, None)


def _member_after(
    sentence: Sentence, since: int, date: Dated, cues: dict[str, re.Pattern[str]]
) -> tuple[Mention | None, int | None]:
    """ "С 1921 г. — в ВЧК", "From 1918 in the Cheka": a line that opens with the
    date, then names the organization; where the line starts."""
    text = sentence.passage.clean
    if not _opens_clause(text[sentence.start : since]):
        return None, None
    gap = YEAR_TAIL.match(text, date.end, sentence.end)
    if gap is None:
        return None, None
    for key in ("lead", "opens"):
        lead = cues[key + "_first"].match(text, gap.end(), sentence.end)
        if lead is None:
            continue
        org = [p for p in sentence.of_type("org") if p.start == lead.end()]
        if org and not cues["bodies"].search(org[0].mention.text):
            return org[0].mention, since
    return None, None


def _opens_clause(before: str) -> bool:
    """Whether what precedes a word ends where a clause opens."""
    return CLAUSE_OPEN.search(before) is not None


def _member(
    sentence: Sentence, start: int, end: int, topic: Mention | None
) -> Mention | None:
    """Whose membership it is: a name right before it or its copula's subject
    ("Ivanov was a Communist since 1910"), else the text's person (`_person`)."""
    before = [p for p in sentence.of_type("person") if p.end <= start]
    if before and NAME_IS.fullmatch(sentence.passage.clean, before[-1].end, start):
        return before[-1].mention
    return _person(sentence, start, end, topic)


def _bracketed(sentence: Sentence, date: Dated) -> tuple[int, str] | None:
    """ "POST (YEARS)": where the post starts, and its words."""
    text = sentence.passage.clean
    if "/" not in (date.edtf or ""):
        return None
    if not BRACKET_OPEN.search(text, sentence.start, date.start):
        return None
    if not BRACKET_CLOSE.match(text, date.end, sentence.end):
        return None
    opening = text.rfind("(", sentence.start, date.start)
    listed = POST_START.search(text[sentence.start : opening])
    if listed is None:
        return None
    post = listed.group("post").strip()
    start = sentence.start + listed.start("post")
    return (start, post) if _opens_with_post(sentence, post) else None


def _ranked(sentence: Sentence, date: Dated) -> tuple[int, str] | None:
    """ "RANK (YEAR)": where the rank starts, and its words."""
    text = sentence.passage.clean
    if "/" in (date.edtf or ""):
        return None
    if not BRACKET_OPEN.search(text, sentence.start, date.start):
        return None
    if not YEAR_CLOSE.match(text, date.end, sentence.end):
        return None
    opening = text.rfind("(", sentence.start, date.start)
    listed = POST_START.search(text[sentence.start : opening])
    if listed is None:
        return None
    rank = listed.group("post").strip()
    start = sentence.start + listed.start("post")
    if _is_rank(rank):
        return start, rank
    opens = _decoration_start(rank, sentence.passage.language)
    if opens is None:
        return None
    return start + listed.group("post").index(rank) + opens, rank[opens:]


def _decoration_start(words: str, language: str) -> int | None:
    """Where a decoration's name opens among a phrase's first words ("Награждён
    орденом Ленина", "Order of Lenin"), or None when it names none."""
    cues = vocabulary().get("decorations", {}).get(language, [])
    for word in list(re.finditer(r"\S+", words))[:HEAD_WORDS]:
        said = word.group().strip("«»\"'")
        if language == "ru":
            hit = any(said.lower().startswith(stem) for stem in cues)
        else:
            hit = said in cues
        if hit:
            return word.start()
    return None


def _is_rank(words: str) -> bool:
    """Whether a phrase opens with a military or state-security rank: the
    phrase, or its words before some space, are a rank's form."""
    lowered = words.lower()
    heads = [lowered[:at] for at, char in enumerate(lowered) if char == " "]
    return not _rank_forms().isdisjoint([lowered, *heads])


@cache
def _rank_forms() -> frozenset[str]:
    """The lower-cased forms of the ranks `_is_rank` looks for, gathered once."""
    return frozenset(
        form.lower() for form, kind in rank_kinds().items() if kind in RANK_KINDS
    )


def _line(sentence: Sentence, date: Dated) -> tuple[int, str] | None:
    """ "YEARS — POST" at the start of a sentence or of a clause after a comma
    ("..., в 1926-1953 годах — начальник"): where the post starts, its words."""
    text = sentence.passage.clean
    terms = _terms(sentence, date)
    first, last = terms[0], terms[-1]
    opens = _clause_start(text, sentence.start, first.start)
    if not LINE_LEAD.fullmatch(text, opens, first.start):
        return None
    after = DASH_THEN_POST.match(text, last.end, sentence.end)
    if after is None:
        return None
    if "/" not in (date.edtf or "") and not _opened(text, opens, first.start):
        return None
    post = after.group("post").strip()
    return (after.start("post"), post) if _names_post(sentence, post) else None


def _terms(sentence: Sentence, date: Dated) -> list[Dated]:
    """The spans a line gives one post, in order, this date among them: spans
    joined by "и" or a comma ("с 1938 по 1941 и с 1943 по 1946 — нарком")."""
    text = sentence.passage.clean
    spans = [d for d in sentence.dates if d.edtf and "/" in d.edtf]
    if date not in spans:
        return [date]
    at = spans.index(date)
    low = high = at
    while low > 0 and TERMS_JOINED.fullmatch(
        text, spans[low - 1].end, spans[low].start
    ):
        low -= 1
    while high + 1 < len(spans) and TERMS_JOINED.fullmatch(
        text, spans[high].end, spans[high + 1].start
    ):
        high += 1
    return spans[low : high + 1]


def _clause_start(text: str, start: int, end: int) -> int:
    """Where the clause holding a position opens: after the sentence's last comma,
    semicolon or colon before it, else at the sentence's start."""
    breaks = list(CLAUSE_BREAK.finditer(text, start, end))
    return breaks[-1].end() if breaks else start


def _opened(text: str, start: int, end: int) -> bool:
    """Whether a single date opens a tenure ("с 1934", "from 1934")."""
    words = text[start:end].lower().split()
    return bool(words) and words[-1] in OPENS


def _names_post(sentence: Sentence, post: str) -> bool:
    language = sentence.passage.language
    return any(is_post(word.strip("«»\"'"), language) for word in post.split())


def _opens_with_post(sentence: Sentence, post: str) -> bool:
    """Whether a phrase is a post: a post word among its first words."""
    return _names_post(sentence, " ".join(post.split()[:HEAD_WORDS]))


def _person(
    sentence: Sentence, start: int, end: int, topic: Mention | None
) -> Mention | None:
    """Whose post it is: nobody's when the post names a person ("Stalin's
    deputy"); a name right before it ("Ivanov, head of ..."); else, when the
    sentence names nobody before it, the person the text is about."""
    persons = sentence.of_type("person")
    if any(start <= p.start < end for p in persons):
        return None
    text = sentence.passage.clean
    before = [p for p in persons if p.end <= start]
    if before and NAME_THEN_POST.fullmatch(text, before[-1].end, start):
        return before[-1].mention
    return None if before else topic


def _tenure(person: Mention, date: Dated, post: str, start: int) -> list[Reading]:
    """Appointed at the start of a span and dismissed at its end, or appointed."""
    edtf = date.edtf or ""
    if "/" not in edtf:
        return [Reading("appointed", person, date, position=post, trigger_start=start)]
    first, last = edtf.split("/")
    return [
        Reading(
            kind, person, replace(date, edtf=value), position=post, trigger_start=start
        )
        for kind, value in (("appointed", first), ("dismissed", last))
    ]


def first_person(mentions: list[Mention]) -> Mention | None:
    """The person a biography is about: the one it names first."""
    persons = [m for m in mentions if m.type == "person"]
    return min(persons, key=lambda m: m.start) if persons else None
