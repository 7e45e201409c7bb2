"""The scorer's candidates for the other persons a document names: each tied to
its cue by the words between, weighed apart from the subject's."""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.extract.scorer import document_candidates
from kartoteka.extract.scorer.candidates import Candidate
from kartoteka.extract.scorer.others import PREFIX, RuleEvents
from kartoteka.ingest import document_from_text

BIOGRAPHY = (
    "Pavel Ignatovich Sorokin (1899 — 1941) was a Soviet intelligence officer.\n\n"
    "In 1930 Sorokin joined the foreign department of the OGPU. "
    "Sorokin's chief, Gleb Tarasov, was arrested on 4 May 1937. "
    "Sorokin heard of the arrest of Arkady Belov from a colleague. "
    "Sorokin worked with Nikita Zotov, who had been appointed consul in 1934. "
    "Sorokin was shot in 1941.\n"
)
RUSSIAN = (
    "Павел Игнатович Сорокин (1899 — 1941) — советский разведчик.\n\n"
    "В 1930 году Сорокин вступил в партию. В мае 1937 года был арестован "
    "Глеб Тарасов. Сорокин был расстрелян в 1941 году.\n"
)
SURVEY = (
    "The commission met in the spring. Gleb Tarasov was dismissed in March 1937, "
    "and Arkady Belov was appointed in his place. Nikita Zotov was arrested a "
    "month later, Ivan Lapin in June. Semyon Kruglov and Oleg Frolov kept their "
    "posts.\n"
)


def _candidates(text: str) -> list[tuple[Candidate, list[str]]]:
    document = document_from_text(text, "own.txt")
    found, analyses = extract_by_rules(document)
    return document_candidates(document, analyses, found.mentions)


def _others(text: str) -> dict[tuple[str, str, str | None], list[str]]:
    """The other persons' candidates as (type, name, date): their features."""
    return {
        (c.type, c.person.text, c.value): features
        for c, features in _candidates(text)
        if not c.subject
    }


def _pattern(features: list[str]) -> str:
    return next(f.split("=", 1)[1] for f in features if f.startswith("o:pattern="))


def test_persons_beside_the_subject_have_candidates_of_their_own() -> None:
    others = _others(BIOGRAPHY)
    assert ("arrested", "Gleb Tarasov", "1937-05-04") in others
    assert ("arrested", "Arkady Belov", None) in others
    assert ("appointed", "Nikita Zotov", "1934") in others
    # the subject's own candidates stay the subject's
    assert all(
        c.person.text.endswith("Sorokin")
        for c, _ in _candidates(BIOGRAPHY)
        if c.subject
    )


def test_the_features_say_how_a_name_is_tied_to_its_cue() -> None:
    others = _others(BIOGRAPHY)
    assert _pattern(others["arrested", "Gleb Tarasov", "1937-05-04"]) == "subject"
    assert _pattern(others["arrested", "Arkady Belov", None]) == "of"
    assert _pattern(others["appointed", "Nikita Zotov", "1934"]) == "relative"
    russian = _others(RUSSIAN)
    assert _pattern(russian["arrested", "Глеб Тарасов", "1937-05"]) == "object"


def test_an_initial_in_a_name_is_no_cue_but_a_title_is() -> None:
    others = _others(
        "Pavel Sorokin (1899 — 1941) was a Soviet officer.\n\n"
        "Letter of O. Lobov to B. Kotov, 15.10.1939. Colonel Ivan Lapin was "
        "arrested in 1940.\n"
    )
    assert not [key for key in others if key[0] == "born"]  # the "B." of B. Kotov
    assert ("awarded", "Colonel Ivan Lapin", None) in others
    assert ("arrested", "Colonel Ivan Lapin", "1940") in others


def test_the_features_are_apart_from_the_subjects_and_name_no_one() -> None:
    for text in (BIOGRAPHY, RUSSIAN):
        for features in _others(text).values():
            assert all(f.startswith(PREFIX) for f in features)
            said = " ".join(features).lower()
            for name in ("tarasov", "belov", "zotov", "тарасов", "sorokin"):
                assert name not in said


def test_a_document_about_no_one_person_has_candidates_for_everyone() -> None:
    found = _candidates(SURVEY)
    assert found and not any(c.subject for c, _ in found)
    named = {(c.type, c.person.text) for c, _ in found}
    assert {("dismissed", "Gleb Tarasov"), ("appointed", "Arkady Belov")} <= named
    assert ("arrested", "Nikita Zotov") in named


def test_a_possessor_is_tied_to_the_noun_it_owns() -> None:
    others = _others(
        "Pavel Sorokin (1899 — 1941) was a Soviet officer. Sorokin learned of "
        "Tarasov's arrest in 1937. Sorokin left the service in 1938.\n"
    )
    assert _pattern(others["arrested", "Tarasov", "1937"]) == "possessor"


def test_one_statement_read_by_two_rules_is_one_event() -> None:
    document = document_from_text(
        "Pavel Sorokin (1899 — 1941) was a Soviet officer. On 9 June 1937 the "
        "Politburo dismissed Gleb Tarasov as head of the cipher department and "
        "replaced him with Sorokin. Sorokin held the post for a year.\n",
        "own.txt",
    )
    found, _ = extract_by_rules(document)
    dismissals = [e for e in found.events if e.type == "dismissed"]
    assert [(e.person.text, e.date) for e in dismissals] == [
        ("Gleb Tarasov", "1937-06-09")
    ]
    assert dismissals[0].position == "head of the cipher department"


def test_candidates_a_rule_states_are_left_out_before_their_features() -> None:
    """The build leaves out, before their features, the other persons'
    candidates a rule states; the same candidates `RuleEvents` finds stated."""
    for text in (BIOGRAPHY, SURVEY):
        document = document_from_text(text, "own.txt")
        found, analyses = extract_by_rules(document)
        every = document_candidates(document, analyses, found.mentions)
        kept = document_candidates(document, analyses, found.mentions, found.events)
        stated = RuleEvents(found.events)
        expected = [(c, f) for c, f in every if stated.unstated(c)]
        assert len(expected) < len(every)  # some are stated by the rules
        assert kept == expected
