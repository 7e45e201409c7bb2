"""Trigger words that name an event without stating it happened as a new step:
an owned event noun pointing back ("before his arrest"), a flight that ends on
the Soviet side ("escaped to Moscow"), a member leaving his party ("resigned from
the party")."""

from __future__ import annotations

import re

from kartoteka.extract.events.lexicon import words
from kartoteka.extract.events.sentences import Sentence

OWNER = re.compile(
    r"(?:\b(?:his|her|their)|['’]s|(?<![\w])(?:его|её|ее|их))\s+(?:[\w-]+\s+)?$",
    re.I,
)
LEAVING = r"(?:from|из) (?:the |his |her )?(?:[\w-]+ ){0,3}?"  # "from the Communist "
DATE_AFTER_NOUN = 25  # characters: "his arrest in early May 1937"


def toward_home(sentence: Sentence, match: re.Match[str], language: str) -> bool:
    """ "fled to Moscow": a flight that ends on the Soviet side is no defection
    (a "break with the Soviet Union" still is one)."""
    text = sentence.passage.clean
    after = " ".join(text[match.end() : sentence.end].lower().split())
    said = match.group().lower().split()
    motion = said[-1] in ("to", "в") or after.startswith(("to ", "в "))
    return motion and any(
        re.match(rf"(?:to |в )?{re.escape(place)}(?![\w])", after)
        for place in words("home_side", language)
    )


def left_a_party(sentence: Sentence, match: re.Match[str], language: str) -> bool:
    """ "she resigned from the party": a member who leaves a party of her own
    will leaves no post (an expulsion is told as one)."""
    text = sentence.passage.clean
    after = " ".join(text[match.end() : sentence.end].lower().split())
    said = match.group().lower()
    if not said.startswith(("resign", "stepped", "retire")):
        return False  # "removed from the party" is an expulsion told as a removal
    return any(
        re.match(rf"{LEAVING}{re.escape(w)}\b", after)
        for w in words("parties", language)
    )


def owned_noun(sentence: Sentence, trigger: int) -> bool:
    """ "before his appointment", "Petrov's arrest", "его арест": an event noun a
    person owns points back to a step the story has told or takes as known;
    without a date of its own it states nothing new."""
    return bool(OWNER.search(sentence.passage.clean, sentence.start, trigger))


def dated_after(sentence: Sentence, trigger: int) -> bool:
    """ "his suicide in 1955": a date right after the noun dates it (the scorer
    settles which), so the noun is kept."""
    return any(0 < d.start - trigger <= DATE_AFTER_NOUN for d in sentence.dates)
