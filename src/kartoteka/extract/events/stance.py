"""How a source puts a statement (asserted, reported, disputed, denied) and who says it.

The cues are data (`stance` and `reporting` in events.yaml). Denial wins over
doubt and doubt over report: "it was claimed ... but he denied it" is denied. The
reporter is the source named with the cue: the name after "according to", the
name of "it was claimed by", or the subject of a reporting verb ("Frinovskii
testified that ..."); an unnamed one is kept as written ("others claimed").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kartoteka.extract.alternation import dispatched
from kartoteka.extract.events.lexicon import reporter_cue, reporting_verbs, stance_cues
from kartoteka.model import Mention

UNNAMED = re.compile(
    r"\b(others|some \w+|(?:his|her) biographers?|(?:the )?official \w+)\b", re.I
)
WORD = re.compile(r"[\w’'-]+")  # a word as the reporter reads one: hyphens, apostrophes


@dataclass(frozen=True)
class Placed:
    """A mention together with its span in the passage's clean text."""

    start: int
    end: int
    mention: Mention


@dataclass(frozen=True)
class Source:
    """Who a statement is attributed to: as written, and the mention when named."""

    text: str
    mention: Mention | None = None


def stance(sentence: str, negated: bool = False) -> str:
    """The stance of a statement in `sentence`; a negated trigger is denied."""
    if negated:
        return "denied"
    for name, pattern in stance_cues():
        if pattern.search(sentence):
            return name
    return "asserted"


def _named_after(cue_end: int, sources: list[Placed], limit: int = 40) -> Placed | None:
    """The person or organization named right after a cue."""
    after = [p for p in sources if cue_end <= p.start <= cue_end + limit]
    return min(after, key=lambda p: p.start) if after else None


def _subject_before(
    text: str, verb_start: int, sources: list[Placed], offset: int
) -> Placed | None:
    """The name that ends shortly before a reporting verb ("Gary Kern, claims")."""
    before = [p for p in sources if p.end <= verb_start and verb_start - p.end <= 30]
    if not before:
        return None
    chosen = max(before, key=lambda p: p.end)
    gap = text[chosen.end - offset : verb_start - offset]
    return chosen if "." not in gap and ";" not in gap else None


def reporter(
    sentence: str, offset: int, sources: list[Placed], before: int | None = None
) -> Source | None:
    """Who the sentence attributes its statement to, if it says so.

    `offset` is where the sentence starts in the passage; `sources` are the
    persons and organizations of the sentence (passage coordinates); `before`
    limits the search to cues before the trigger.
    """
    limit = len(sentence) if before is None else before - offset
    cue = reporter_cue().search(sentence, 0, max(0, limit) + 40)
    if cue is not None:
        named = _named_after(offset + cue.end(), sources)
        if named is not None:
            return Source(named.mention.name, named.mention)
    verbs = reporting_verbs()
    for match in _verb_words().finditer(sentence, 0, max(0, limit)):
        if match.group().lower() not in verbs:
            continue
        named = _subject_before(sentence, offset + match.start(), sources, offset)
        if named is not None:
            return Source(named.mention.name, named.mention)
        unnamed = UNNAMED.search(sentence, max(0, match.start() - 25), match.start())
        if unnamed is not None:
            return Source(unnamed.group(1))
    return None


@cache
def _verb_words() -> re.Pattern[str]:
    """The words that may be a reporting verb, found by one scan rather than a
    look at every word: any case of a verb, whole, which the reporter then
    checks is the verb lower-cased."""
    verbs = [verb for verb in reporting_verbs() if WORD.fullmatch(verb)]
    ordered = sorted(verbs, key=len, reverse=True)
    body = dispatched([re.escape(verb) for verb in ordered], ignore_case=True)
    return re.compile(rf"(?<![\w’'-]){body}(?![\w’'-])", re.I)
