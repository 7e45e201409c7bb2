"""The scorer completes the rules: dates for undated events, one birth per life,
and the document's subject found on pages that open mid-story."""

from __future__ import annotations

from dataclasses import replace

from kartoteka.extract import extract, extract_by_rules
from kartoteka.extract.scorer import document_candidates, shipped_model
from kartoteka.extract.scorer.dating import dated_rules
from kartoteka.extract.scorer.units import subject_word
from kartoteka.ingest import document_from_text

LIFE = (
    "Anton Pavlovich Gromov (1898 — 1940) served in the border guards.\n\n"
    "Gromov was born in a village near Kursk. In 1938 Gromov was arrested "
    "by the NKVD.\n"
)
MID_STORY = (
    "Semyon Orlov signed the order, and Semyon Orlov left the room.\n\n"
    "Kozlov read it twice. Kozlov was a cautious man; Kozlov knew the old "
    "files, and Kozlov kept them. Kozlov was appointed head of the archive "
    "in 1929. Kozlov was arrested in 1937.\n"
)
PATRONYMIC = (
    "Фёдор Петрович Зотов родился в 1901 году. Фёдор Петрович служил в ЧК. "
    "Фёдора Петровича ценили. Фёдор Петрович был арестован в 1938 году.\n"
)


def test_a_life_has_one_birth_and_the_dated_one_stays() -> None:
    events = extract(document_from_text(LIFE, "own.txt")).events
    births = [e for e in events if e.type == "born"]
    assert [e.date for e in births] == ["1898"]
    assert ("arrested", "1938") in {(e.type, e.date) for e in events}


def test_an_undated_rule_event_takes_the_date_of_its_sentence() -> None:
    document = document_from_text(LIFE, "own.txt")
    found, analyses = extract_by_rules(document)
    arrests = [e for e in found.events if e.type == "arrested"]
    assert arrests, "the rules read the arrest"
    undated = [replace(e, date=None) for e in found.events]
    model = shipped_model()
    scored = [
        (c, model.score(f))
        for c, f in document_candidates(document, analyses, found.mentions)
    ]
    subject = subject_word(found.mentions, document.text)
    dated = dated_rules(undated, scored, subject)
    assert ("arrested", "1938") in {(e.type, e.date) for e in dated}
    # a sentence with no date gives none: the birthplace sentence stays undated
    assert all(e.date is None for e in dated if e.type == "born" and e.start > 60)


def test_the_subject_is_the_name_said_most_on_a_page_that_opens_elsewhere() -> None:
    document = document_from_text(MID_STORY, "own.txt")
    found, _ = extract_by_rules(document)
    assert subject_word(found.mentions, document.text) == "kozlov"


def test_the_subject_is_never_a_patronymic() -> None:
    # the patronymic is said most here, but others share it: the given name wins
    document = document_from_text(PATRONYMIC, "own.txt")
    found, _ = extract_by_rules(document)
    assert subject_word(found.mentions, document.text) == "федор"
