"""Posts named beside a name: "Abram Slutsky, the head of the Foreign Department".

An apposition after a name ("X, the chief of the Fourth Bureau", "X, one of the
leaders of the NTS") or a title before it ("INO chief X", "War Commissar X",
"the Commissar of War, X") says that the person held a post, not when the post
was taken: an appointment without a date. Only head-of-body nouns
(`appositions` in events.yaml) count, and only with the body named (an "of"
phrase or an organization) or the title capitalized, so that "X, a deputy in
the department" or "X, the chief culprit" state nothing.
"""

from __future__ import annotations

import re

from kartoteka.extract.events.lexicon import words
from kartoteka.extract.events.merge import person_key
from kartoteka.extract.events.sentences import Reading, Sentence
from kartoteka.extract.events.stance import Placed
from kartoteka.model import Event

AFTER = re.compile(
    r",\s+(?:the\s+)?(?P<post>(?:one\s+of\s+the\s+)?[^,;()\n]{2,150}?)"
    r"(?=\s*(?:[,;()\n]|\.(?:\s|$)|$)|\s+(?:who|whom|which|that)\b)",
)
MODIFIERS = ("former", "then", "new", "acting", "first", "deputy", "sole")
THE = r"(?:^|(?<=\s))[Tt]he\s+(?:(?:former|then|new|acting)\s+)?"
# Titles before a name, each tried in turn: "INO chief X", "the Commissar of
# War, X", "the head of the Foreign Department (,) X".
BEFORE = (
    re.compile(
        r"(?:^|(?<=[\s(]))(?P<post>(?:[A-Z][\w'’-]*\s+){1,2}(?P<head>[\w-]+))\s+$"
    ),
    re.compile(
        rf"{THE}(?P<post>(?P<head>[A-Z][\w-]+)\s+of\s+[A-Z][\w\s'’-]{{1,40}}?),\s+$"
    ),
    re.compile(
        rf"{THE}(?P<post>(?P<head>[a-z][\w-]+)\s+of\s+the\s+[A-Z][\w\s'’-]{{1,150}}?),?\s+$"
    ),
)


def _head(post: str) -> tuple[str, list[str]]:
    """The noun that heads a post phrase (the last word before its "of", "to",
    "for" or "in": "ambassador to Russia") and the words before it."""
    core = re.sub(r"^one\s+of\s+the\s+", "", post, flags=re.I)
    words_before = re.split(r"\s+(?:of|to|for|in)\s+", core, maxsplit=1)[0].split()
    if not words_before:
        return "", []
    return words_before[-1], words_before[:-1]


def _is_head(word: str, heads: frozenset[str]) -> bool:
    lowered = word.lower()
    return lowered in heads or lowered.rstrip("s") in heads


def _names_body(sentence: Sentence, post: str, start: int, end: int) -> bool:
    """Whether a post phrase names its body or land: an "of", "to", "for" or
    "in" phrase, or an organization."""
    if re.search(r"\b(?:of|to|for|in)\s+\S", post):
        return True
    return any(start <= p.start and p.end <= end for p in sentence.of_type("org"))


def _titles_next(sentence: Sentence, end: int) -> bool:
    """ "After Lavrov's fall, the Minister of Trade, Gusev, ...": a post phrase
    that a comma joins to the next name is that name's title."""
    text = sentence.passage.clean
    gap = re.match(r"\s*,\s*", text[end : sentence.end])
    at = end + gap.end() if gap else -1
    return any(p.start == at for p in sentence.of_type("person"))


def _after(sentence: Sentence, person: Placed, heads: frozenset[str]) -> Reading | None:
    """ "X, the head of the Foreign Department of NKVD": a post after the name."""
    text = sentence.passage.clean
    match = AFTER.match(text, person.end, sentence.end)
    if match is None:
        return None
    if _titles_next(sentence, match.end()):
        return None
    post = match.group("post").strip()
    head, modifiers = _head(post)
    if not _is_head(head, heads):
        return None
    if any(w.lower() not in MODIFIERS and not w[:1].isupper() for w in modifiers):
        return None
    titled = head[:1].isupper()
    if not titled and not _names_body(sentence, post, match.start(), match.end()):
        return None
    return Reading(
        "appointed",
        person.mention,
        None,
        position=post,
        trigger_start=match.start("post"),
        timeless=True,
    )


def _before(
    sentence: Sentence, person: Placed, heads: frozenset[str]
) -> Reading | None:
    """ "INO chief X", "War Commissar X", "the Commissar of War, X", "the head
    of the Cheka, X": a title."""
    text = sentence.passage.clean
    for pattern in BEFORE:
        match = pattern.search(text, sentence.start, person.start)
        if match is None or match.group("head").lower() not in heads:
            continue  # "the Party leaders Sheboldaev, Razumov": a group, not a post
        return Reading(
            "appointed",
            person.mention,
            None,
            position=" ".join(match.group("post").split()),
            trigger_start=match.start(),
            timeless=True,
        )
    return None


def appositive_posts(sentence: Sentence) -> list[Reading]:
    """Posts named beside the names of a sentence, each an undated appointment."""
    heads = words("appositions", sentence.passage.language)
    if not heads:
        return []
    readings = []
    for person in sentence.of_type("person"):
        reading = _after(sentence, person, heads) or _before(sentence, person, heads)
        if reading is not None:
            readings.append(reading)
    return readings


def known_posts(events: list[Event], timeless: set[str]) -> list[Event]:
    """The events without the undated posts that only recall one: of people whose
    appointment the document tells with a date, and after a person's first."""
    dated = {
        person_key(e.person)
        for e in events
        if e.type == "appointed" and e.date is not None and e.id not in timeless
    }
    kept = []
    for event in events:
        if event.id in timeless:
            if person_key(event.person) in dated:
                continue
            dated.add(person_key(event.person))
        kept.append(event)
    return kept
