"""Mark web-page furniture as boilerplate, by the rules in `data/boilerplate.yaml`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.yaml"
MATCH_MODES = ("full", "start", "search")
FULL_MAX_CHARS = 200
SECTION_MAX_CHARS = 800


@dataclass(frozen=True)
class Rule:
    """One kind of furniture: a pattern, how it must match, and how far it reaches."""

    id: str
    pattern: re.Pattern[str]
    match: str
    max_chars: int
    section: bool = False

    def matches(self, clean: str) -> bool:
        """True when this rule recognises the passage text `clean`."""
        if len(clean) > self.max_chars:
            return False
        if self.match == "full":
            return self.pattern.fullmatch(clean) is not None
        if self.match == "start":
            return self.pattern.match(clean) is not None
        return self.pattern.search(clean) is not None


@dataclass(frozen=True)
class Candidate:
    """What boilerplate marking needs to know about one passage."""

    clean: str
    kind: str
    furniture: bool
    foreign: bool


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    """Read and compile the boilerplate rules; raise ValueError naming a bad rule."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ValueError(f"{path}: expected a mapping with a 'rules' list")
    return tuple(_rule(item, path) for item in data["rules"])


def _rule(item: Any, path: Path) -> Rule:
    """Build one rule from its YAML mapping."""
    if not isinstance(item, dict) or not {"id", "pattern", "match"} <= item.keys():
        raise ValueError(f"{path}: each rule needs id, pattern and match: {item!r}")
    unknown = item.keys() - {"id", "pattern", "match", "max_chars", "section"}
    if unknown or item["match"] not in MATCH_MODES:
        raise ValueError(f"{path}: rule {item['id']}: bad keys {unknown} or match mode")
    try:
        pattern = re.compile(str(item["pattern"]), re.IGNORECASE)
    except re.error as err:
        raise ValueError(f"{path}: rule {item['id']}: bad pattern: {err}") from err
    default = FULL_MAX_CHARS if item["match"] == "full" else 10**9
    return Rule(
        id=str(item["id"]),
        pattern=pattern,
        match=str(item["match"]),
        max_chars=int(item.get("max_chars", default)),
        section=bool(item.get("section", False)),
    )


def matching_rule(clean: str, rules: Sequence[Rule]) -> Rule | None:
    """The first rule that recognises `clean`, if any."""
    for rule in rules:
        if rule.matches(clean):
            return rule
    return None


def mark(candidates: Sequence[Candidate], rules: Sequence[Rule]) -> list[bool]:
    """Say which passages are boilerplate, following "See also"-like sections on."""
    marks: list[bool] = []
    in_section = False
    for candidate in candidates:
        rule = matching_rule(candidate.clean, rules)
        if rule is not None:
            in_section = in_section or rule.section
        elif in_section and _ends_section(candidate):
            in_section = False
        marked = rule is not None or candidate.furniture or candidate.foreign
        marks.append(marked or in_section)
    return marks


def _ends_section(candidate: Candidate) -> bool:
    """A real heading, or a long passage of prose, ends a furniture section."""
    if candidate.foreign or candidate.furniture:
        return False
    return candidate.kind == "heading" or len(candidate.clean) > SECTION_MAX_CHARS
