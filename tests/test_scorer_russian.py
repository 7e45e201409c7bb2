"""Russian biographical phrasing the scorer's candidates read: short passive
participles, ranks by their lemma, the post nouns and steps of Soviet careers."""

from __future__ import annotations

import pytest

from kartoteka.extract.scorer.units import Word, cue_types, lemma


def _types(text: str) -> tuple[str, ...]:
    return cue_types(Word(0, len(text), text, lemma(text, "ru")), "ru")[1]


@pytest.mark.parametrize(
    ("word", "type_"),
    [
        ("снят", "dismissed"),  # not the adjective "снятой"
        ("снята", "dismissed"),
        ("сослан", "sentenced"),  # not the name "Сослан"
        ("принят", "joined"),
    ],
)
def test_a_short_participle_is_read_as_its_verb(word: str, type_: str) -> None:
    assert type_ in _types(word)


@pytest.mark.parametrize("word", ["комбригом", "комдива", "старшиной", "политруком"])
def test_a_rank_of_the_rank_table_may_state_an_award(word: str) -> None:
    assert "awarded" in _types(word)


@pytest.mark.parametrize(
    ("word", "type_"),
    [
        ("оправдан", "released"),
        ("полпредом", "appointed"),
        ("замнаркома", "appointed"),
        ("оперуполномоченным", "appointed"),
        ("восстановлен", "joined"),
        ("органах", "joined"),
        ("отчислен", "dismissed"),
        ("разжалован", "dismissed"),
        ("трибуналом", "sentenced"),
        ("удостоен", "awarded"),
    ],
)
def test_the_steps_of_a_soviet_career_are_cues(word: str, type_: str) -> None:
    assert type_ in _types(word)


def test_a_word_of_no_step_is_no_cue() -> None:
    assert _types("погода") == ()
    assert "awarded" not in _types("командиром")  # a post, not a rank
