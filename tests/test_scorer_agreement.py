"""The scorer gives its subject no statement whose grammatical subject is of the
other gender: "She was arrested" in a man's life, "арестована" said of a man, a
man's arrest in a woman's life; a pair ("she and her husband") and a marriage
stay both partners'."""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.extract.scorer import document_candidates
from kartoteka.extract.scorer.agreement import subject_gender
from kartoteka.extract.scorer.candidates import Candidate
from kartoteka.extract.scorer.subject import subject_word
from kartoteka.ingest import document_from_text

MAN = (
    "Pavel Ivanovich Lobov (1895–1941) was a Soviet intelligence officer. "
    "Lobov joined the party in 1917. He married Anna Orlova in 1925. "
    "She was arrested in 1937. He was arrested in 1939.\n"
)
WOMAN = (
    "Vera Sergeevna Kotova (1901–1970) was a Soviet cipher clerk. "
    "Kotova joined the party in 1924. Her husband was an engineer. "
    "He was arrested in 1936. She was dismissed in 1937.\n"
)
RUSSIAN_MAN = (
    "Павел Иванович Лобов (1895–1941) — советский разведчик. "
    "Лобов вступил в партию в 1917 году. В 1925 году он женился на Анне Орловой. "
    "В 1937 году арестована его жена. В 1939 году он был арестован.\n"
)
PAIR = (
    "Pavel Ivanovich Lobov (1895–1941) was a Soviet intelligence officer. "
    "Lobov joined the party in 1917. In 1937 she and her husband were arrested.\n"
)
AWARD = (
    "Павел Иванович Лобов (1895–1941) — советский разведчик. "
    "Лобов вступил в партию в 1917 году. В 1936 году ему была вручена награда, "
    "а в 1939 году он был арестован.\n"
)
# A surname that says no gender: the text's pronouns tell it.
UNMARKED = (
    "Hans Keller (1890–1944) was a courier. Keller joined the party in 1919. "
    "He went to Moscow in 1925, where he taught. He was arrested in 1937. "
    "He was released in 1939. She was arrested in 1938.\n"
)


def _subject_arrests(text: str) -> set[str | None]:
    document = document_from_text(text, "own.txt")
    found, analyses = extract_by_rules(document)
    return {
        c.value
        for c, _ in document_candidates(document, analyses, found.mentions)
        if c.subject and c.type == "arrested" and _dated_inside(c)
    }


def _dated_inside(candidate: Candidate) -> bool:
    """Whether a candidate takes a date of its own sentence (not the story's)."""
    date, unit = candidate.date, candidate.unit
    return date is not None and unit.start <= date.start < unit.end


def _gender(text: str) -> str | None:
    document = document_from_text(text, "own.txt")
    found, _ = extract_by_rules(document)
    subject = subject_word(found.mentions, document.text)
    return subject_gender(found.mentions, subject, document.text)


def test_the_subjects_gender_comes_from_the_names_it_is_given() -> None:
    assert _gender(MAN) == "m"
    assert _gender(WOMAN) == "f"
    assert _gender(RUSSIAN_MAN) == "m"


def test_a_name_that_says_no_gender_takes_the_pronouns_of_the_text() -> None:
    assert _gender(UNMARKED) == "m"
    assert _subject_arrests(UNMARKED) == {"1937"}


def test_she_is_not_arrested_in_a_mans_life() -> None:
    assert _subject_arrests(MAN) == {"1939"}


def test_he_is_not_arrested_in_a_womans_life() -> None:
    assert _subject_arrests(WOMAN) == set()


def test_a_feminine_russian_participle_is_not_a_mans_arrest() -> None:
    assert _subject_arrests(RUSSIAN_MAN) == {"1939"}


def test_a_pair_joined_by_and_keeps_the_subjects_arrest() -> None:
    assert _subject_arrests(PAIR) == {"1937"}


def test_a_feminine_participle_agreeing_with_a_thing_says_nothing_of_him() -> None:
    document = document_from_text(AWARD, "own.txt")
    found, analyses = extract_by_rules(document)
    awards = {
        c.value
        for c, _ in document_candidates(document, analyses, found.mentions)
        if c.subject and c.type == "awarded" and _dated_inside(c)
    }
    assert "1936" in awards
