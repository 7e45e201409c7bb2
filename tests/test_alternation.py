"""The fast phrase matching finds exactly what the plain patterns find.

Organization names, trigger phrases and alias cues are matched through
alternations grouped by first character, and triggers and cues only at the
places one scan for them all found; each is compared here with the plain
alternation or the pattern scanned alone, over every document of the corpora.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from conftest import corpus_texts

from kartoteka.extract.alternation import dispatched, first_characters, matches_from
from kartoteka.extract.events import lexicon
from kartoteka.extract.mentions import aliases, gazetteer


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence windows, enough to bound scans the way sentences do."""
    ends = [0] + [m.end() for m in re.finditer(r"[.!?]\s+", text)] + [len(text)]
    return list(pairwise(ends))


@pytest.mark.parametrize(
    ("branch", "first"),
    [
        ("arrest\\w*", "a"),
        ("[Вв]ойск(?:а|о)?", "Вв"),
        ("\\-day", "-"),
        ("(?:\\d+|one)\\s+years", None),
        ("\\s*x", None),
        ("a?b", None),
        ("[a-z]x", None),
        ("", None),
    ],
)
def test_the_first_characters_of_a_branch(branch: str, first: str | None) -> None:
    assert first_characters(branch) == first


def test_a_dispatched_alternation_keeps_the_order_of_its_branches() -> None:
    branches = ["(?:\\d+)\\s+days", "day", "days", "[Dd]ayton"]
    plain = re.compile("(?:" + "|".join(branches) + ")")
    fast = re.compile(dispatched(branches))
    text = "3 days later, days and Dayton; a dayton day 12 days"
    assert [m.span() for m in fast.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]
    assert fast.match("days").group() == "day"  # the first branch that fits wins


def test_characters_that_begin_one_branch_together_form_one_group() -> None:
    branches = ["Нива", "[Нн]ов\\w*", "нож", "Новый", "x[yz]"]
    body = dispatched(branches)
    assert body.count("[Нн]ов") == 1  # written once, not once per capital
    plain = re.compile("(?:" + "|".join(branches) + ")")
    fast = re.compile(body)
    text = "Нива новая, Новый нож, НОВ, xz xx нова Новый"
    assert [m.span() for m in fast.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]


def test_organization_names_are_found_as_by_the_plain_alternation() -> None:
    names = sorted(
        {n for org in gazetteer.organizations().values() for n in org.names}, key=len
    )[::-1]
    body = "|".join(gazetteer._name_pattern(name) for name in names)
    plain = re.compile(r"(?<!\w)(?<![a-zа-яё]-)(?:" + body + r")(?!\w)")
    fast, _ = gazetteer._org_pattern()
    found = 0
    for text in corpus_texts():
        expected = [(m.span(), m.group()) for m in plain.finditer(text)]
        assert [(m.span(), m.group()) for m in fast.finditer(text)] == expected
        found += len(expected)
    assert found > 500


def test_trigger_phrases_are_found_as_by_the_plain_alternation() -> None:
    vocabulary = lexicon.vocabulary()
    lists = [
        item.get(language) or []
        for item in [*vocabulary["events"], *lexicon.frames_raw()]
        for language in ("en", "ru")
    ]
    texts = corpus_texts()
    found = 0
    for phrases in (p for p in lists if p):
        ordered = sorted(phrases, key=len, reverse=True)
        body = "|".join(lexicon.phrase_regex(p) for p in ordered)
        plain = re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.I)
        fast = lexicon.alternatives(phrases)
        for text in texts:
            expected = [m.span() for m in plain.finditer(text)]
            assert [m.span() for m in fast.finditer(text)] == expected
            found += len(expected)
    assert found > 500


def test_triggers_are_found_where_each_pattern_alone_finds_them() -> None:
    found = 0
    for text in corpus_texts():
        for start, end in sentences(text):
            for language in ("en", "ru"):
                places = [
                    m.start()
                    for m in lexicon.trigger_places(language).finditer(text, start, end)
                ]
                for trigger in lexicon.triggers():
                    if trigger.language != language:
                        continue
                    alone = [
                        m.span() for m in trigger.pattern.finditer(text, start, end)
                    ]
                    fast = matches_from(trigger.pattern, text, places, end)
                    assert [m.span() for m in fast] == alone
                    found += len(alone)
    assert found > 500


def test_alias_cues_are_found_where_each_pattern_alone_finds_them() -> None:
    found = 0
    for text in corpus_texts():
        for start, end in sentences(text):
            places = [
                m.start() for m in aliases.cue_places().finditer(text, start, end)
            ]
            for cue in aliases.cues():
                alone = [m.span() for m in cue.pattern.finditer(text, start, end)]
                fast = matches_from(cue.pattern, text, places, end)
                assert [m.span() for m in fast] == alone
                found += len(alone)
    assert found > 30
