"""Posts a biography lists like a résumé: the post, then its years in brackets
("deputy head of the department (1931–1935)", "начальник отдела (март — август
1918)"), or the years, a dash and the post ("1938–1941 — заместитель наркома",
"с 1934 — начальник"). Such lines name nobody: they are about the person the
story is about. A closed span is an appointment at its start and a dismissal at
its end; a single date is an appointment. A rank with its year in brackets
("major of state security (1935)", "генерал-майор (1945)") was awarded then.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kartoteka.extract.events.lexicon import is_post
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.events.when import Dated
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
DASH_THEN_POST = re.compile(r"\s*[–—-]\s*(?P<post>[^,;()\n.]{3,80})")
OPENS = ("с", "from", "since")
YEAR_CLOSE = re.compile(r"\s*(?:года|год|г\.)?\s*[,)]")
RANK_KINDS = ("military", "state-security", "honorific")
NAME_THEN_POST = re.compile(r"\s*[,–—-]?\s*")


def resume_posts(sentence: Sentence, topic: Mention | None) -> list[Reading]:
    """Readings of the posts a sentence lists with their years; `topic` is the
    person the text is about."""
    readings: list[Reading] = []
    for date in sentence.dates:
        if date.edtf is None or ".." in date.edtf:
            continue
        rank = _ranked(sentence, date)
        if rank is not None:
            person = _person(sentence, rank[0], date.start, topic)
            if person is not None:
                readings.append(
                    Reading(
                        "awarded", person, date, position=rank[1], trigger_start=rank[0]
                    )
                )
            continue
        found = _bracketed(sentence, date) or _line(sentence, date)
        if found is None:
            continue
        start, post = found
        person = _person(sentence, start, date.start, topic)
        if person is not None:
            readings += _tenure(person, date, post, start)
    return readings


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
    return (start, rank) if _is_rank(rank) else None


def _is_rank(words: str) -> bool:
    """Whether a phrase opens with a military or state-security rank."""
    lowered = words.lower()
    return any(
        kind in RANK_KINDS
        and (lowered == form.lower() or lowered.startswith(form.lower() + " "))
        for form, kind in rank_kinds().items()
    )


def _line(sentence: Sentence, date: Dated) -> tuple[int, str] | None:
    """ "YEARS — POST" at the start of a sentence: where the post starts, its words."""
    text = sentence.passage.clean
    if not LINE_LEAD.fullmatch(text, sentence.start, date.start):
        return None
    after = DASH_THEN_POST.match(text, date.end, sentence.end)
    if after is None:
        return None
    if "/" not in (date.edtf or "") and not _opened(text, sentence.start, date.start):
        return None
    post = after.group("post").strip()
    return (after.start("post"), post) if _names_post(sentence, post) else None


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
