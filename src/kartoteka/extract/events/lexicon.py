"""The event vocabulary of data/events.yaml, compiled for matching.

Everything a user may want to extend lives in the YAML file: event types with
their trigger words in English and Russian, frames ("X replaced Y"), post nouns,
irrealis governors, reporting verbs and the hedging cues of each stance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kartoteka import data
from kartoteka.extract.alternation import dispatched

NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|fifteen|twenty|twenty-five)"
)
STANCE_ORDER = ("denied", "disputed", "reported")


@dataclass(frozen=True)
class Trigger:
    """A word or phrase that signals an event type (or a frame) in one language.

    `person` is `subject` or `object`: who the event happens to when the trigger
    is an active verb; `subject-active` is the subject of the active and the
    agent of the passive ("he headed it", "it was headed by him"). A frame's
    trigger has `type` "frame:NAME".
    """

    type: str
    language: str
    pattern: re.Pattern[str]
    person: str = "object"
    reciprocal: bool = False  # both partners take part ("he married her")


@dataclass(frozen=True)
class Frame:
    """Two events stated at once: the newcomer's and the predecessor's."""

    name: str
    newcomer: str
    predecessor: str


def phrase_regex(phrase: str) -> str:
    """A phrase as a regex: `*` ends a stem, `{number}` is a number, `...` a gap."""
    parts = []
    for word in phrase.split():
        if word == "...":
            parts.append(r"(?:[\w'’.,-]+\s+){0,5}?")
            continue
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"\w*")
        else:
            parts.append(re.escape(word).replace(r"\{number\}", NUMBER))
    regex = ""
    for part in parts:
        joiner = "" if not regex or regex.endswith("?") else r"\s+"
        regex += joiner + part
    return regex


def alternatives(phrases: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for a list of phrases, longest first."""
    return _alternatives(tuple(phrases))


@cache
def _alternatives(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Compiled once per list: callers ask again for every sentence they read."""
    if not phrases:
        return re.compile(r"(?!)")
    ordered = sorted(phrases, key=len, reverse=True)
    body = dispatched([phrase_regex(p) for p in ordered], ignore_case=True)
    return re.compile(r"(?<![\w])" + body + r"(?![\w])", re.I)


@cache
def vocabulary() -> dict[str, Any]:
    """The parsed events.yaml."""
    raw: dict[str, Any] = data.load("events.yaml")
    return raw


@cache
def triggers() -> tuple[Trigger, ...]:
    """Compiled trigger patterns for every event type, frame and language."""
    found = []
    items = [(i["type"], i.get("person", "object"), i) for i in vocabulary()["events"]]
    items += [("frame:" + f["frame"], "subject", f) for f in frames_raw()]
    for kind, person, item in items:
        by_subject = set(item.get("person_is_subject") or [])
        for language in ("en", "ru"):
            phrases = item.get(language) or []
            groups = (
                (person, [p for p in phrases if p not in by_subject]),
                ("subject-active", [p for p in by_subject if p in phrases]),
            )
            mutual = bool(item.get("reciprocal"))
            for role, group in groups:
                if group:
                    pattern = alternatives(group)
                    found.append(Trigger(kind, language, pattern, role, mutual))
    return tuple(found)


@cache
def language_triggers(language: str) -> tuple[Trigger, ...]:
    """The triggers of one language, in their order: a sentence tries only those."""
    return tuple(trigger for trigger in triggers() if trigger.language == language)


@cache
def trigger_places(language: str) -> re.Pattern[str]:
    """Where any trigger of a language matches: one scan finds the places each
    trigger's pattern is then tried at."""
    phrases = [
        phrase
        for item in [*vocabulary()["events"], *frames_raw()]
        for phrase in item.get(language) or []
    ]
    body = dispatched([phrase_regex(p) for p in phrases], ignore_case=True)
    return re.compile(r"(?<![\w])(?=" + body + r"(?![\w]))", re.I)


def frames_raw() -> list[dict[str, Any]]:
    """The frames section of events.yaml."""
    return list(vocabulary().get("frames") or [])


@cache
def frames() -> dict[str, Frame]:
    """Frames by name."""
    return {
        f["frame"]: Frame(f["frame"], f["newcomer"], f["predecessor"])
        for f in frames_raw()
    }


@cache
def event_types() -> tuple[str, ...]:
    """The event types, in the order of the file."""
    return tuple(item["type"] for item in vocabulary()["events"])


@cache
def case_steps() -> tuple[str, ...]:
    """The event types of a case in the order they follow each other."""
    return tuple(str(step) for step in vocabulary().get("case_steps") or [])


@cache
def words(section: str, language: str) -> frozenset[str]:
    """A word list of a section (`posts`, `irrealis`), lower-cased."""
    raw = vocabulary().get(section) or {}
    return frozenset(str(w).lower() for w in raw.get(language, []))


def is_post(word: str, language: str) -> bool:
    """Whether a word names a post (Russian posts are matched by stem, or as a
    whole word where a stem would take in other words: `ru_words`)."""
    lowered = word.lower()
    if language == "ru":
        return lowered in words("posts", "ru_words") or lowered.startswith(
            _post_stems()
        )
    posts = words("posts", "en")
    return lowered in posts or lowered.rstrip("s") in posts


@cache
def _post_stems() -> tuple[str, ...]:
    """The Russian post stems as one tuple, which `str.startswith` tries at once."""
    return tuple(words("posts", "ru"))


@cache
def membership_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Phrases after which, and before which, the members of a body are listed."""
    raw = vocabulary().get("memberships") or {}
    return alternatives(list(raw.get("after", []))), alternatives(
        list(raw.get("before", []))
    )


@cache
def trigger_phrases(key: str) -> frozenset[str]:
    """The trigger phrases an event type lists under `key`: `needs_org` (an event
    only with an organization after them), `tenure` (an interval date gives the
    start and end of a post) or `state` (a state held, not the moment it began)."""
    return frozenset(
        " ".join(str(p).lower().split())
        for item in vocabulary()["events"]
        for p in item.get(key) or []
    )


@cache
def anchor_nouns() -> dict[str, tuple[str, ...]]:
    """Event nouns a narrator dates by ("after X's trial") and the event types
    each may name."""
    raw = vocabulary().get("anchors") or {}
    return {str(noun).lower(): tuple(types) for noun, types in raw.items()}


@cache
def reporting_verbs() -> frozenset[str]:
    """Verbs whose subject is the source of the statement under them."""
    return frozenset(w.lower() for w in vocabulary()["reporting"]["verbs"])


@cache
def reporter_cue() -> re.Pattern[str]:
    """Phrases that name a source right after them ("according to X")."""
    return alternatives(list(vocabulary()["reporting"]["before"]))


@cache
def stance_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Hedging cues by stance, strongest first: denied, disputed, reported."""
    raw: dict[str, list[str]] = vocabulary().get("stance", {})
    return tuple(
        (stance, alternatives(raw[stance])) for stance in STANCE_ORDER if stance in raw
    )
