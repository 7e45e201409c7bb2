"""The scorer completes the rules: dates for undated events, one birth per life,
and the document's subject found on pages that open mid-story."""

from __future__ import annotations

from dataclasses import replace

from kartoteka.extract import extract, extract_by_rules
from kartoteka.extract.scorer import document_candidates, shipped_model
from kartoteka.extract.scorer.dating import ONCE, dated_rules
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


TITLED = (
    "Orlik, Lev Markovich (1893-1941)\n\n"
    "Lev Orlik was a Soviet intelligence officer. Orlik was born on 3 May 1893 "
    "in Kiev. He joined the Cheka in 1919. In 1937 Orlik was arrested, and in "
    "1941 he was shot.\n"
)


def test_a_title_line_gives_life_dates_and_the_story_tells_them_better() -> None:
    document = document_from_text(TITLED, "own.txt")
    assert document.passages[0].kind == "heading"
    found, _ = extract_by_rules(document)
    assert {("born", "1893"), ("died", "1941")} <= {
        (e.type, e.date) for e in found.events
    }
    events = extract(document).events
    lives = sorted((e.type, e.date) for e in events if e.type in ONCE)
    assert lives == [("born", "1893-05-03"), ("died", "1941"), ("executed", "1941")]


def test_life_dates_after_a_comma_close_a_title_line() -> None:
    text = "Anton Pavlovich Gromov, 1898–1940\n\nGromov served in the border guards.\n"
    found, _ = extract_by_rules(document_from_text(text, "own.txt"))
    assert {("born", "1898"), ("died", "1940")} <= {
        (e.type, e.date) for e in found.events
    }
    prose = "Gromov was chief, 1934–1938\n\nGromov served in the border guards.\n"
    found, _ = extract_by_rules(document_from_text(prose, "own.txt"))
    assert not [e for e in found.events if e.type in ("born", "died")]


BORN_THEN_JOINED = (
    "Pyotr Ilyich Zorin was born on 12 March 1902 in Tula. Zorin joined the "
    "Komsomol as a schoolboy. In 1937 Zorin was arrested by the NKVD.\n"
)


def test_a_birth_date_is_no_story_time_for_later_steps() -> None:
    document = document_from_text(BORN_THEN_JOINED, "own.txt")
    found, analyses = extract_by_rules(document)
    assert ("joined", None) in {(e.type, e.date) for e in found.events}
    # every candidate at full score: the birth sentence's date is offered to the
    # joining and would win were it story time
    scored = [
        (c, 1.0) for c, _ in document_candidates(document, analyses, found.mentions)
    ]
    assert ("joined", "1902-03-12") in {(c.type, c.value) for c, _ in scored}
    subject = subject_word(found.mentions, document.text)
    dated = {(e.type, e.date) for e in dated_rules(found.events, scored, subject)}
    assert ("joined", None) in dated
    assert {("born", "1902-03-12"), ("arrested", "1937")} <= dated
