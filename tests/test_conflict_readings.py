"""Readings of disagreement beyond dated events: attempts on a life, hedged
identifications, a defector's destination, and the errors that once made false
conflicts (a relative's fate, a "he" of another document, a year inside a range).

A story in our own words is built once and read; a slice of the development
corpus shows that its documents' date disagreements are found and nothing else.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import SHARED

from kartoteka.analysis.conflicts import Statement, conflicts, find_conflicts
from kartoteka.analysis.conflicts.anachronisms import _too_early
from kartoteka.build import build
from kartoteka.evaluate import evaluate, load_gold
from kartoteka.export import export_dict
from kartoteka.model import Conflict
from kartoteka.store import connect

STORY = """Pyotr Ivanovich Sokolov

Pyotr Ivanovich Sokolov (1899-1961) was a Soviet intelligence officer who broke \
with Moscow.

Sokolov was born in 1899 in Tver. He joined the OGPU in 1924 and served in Paris. \
In 1938 Sokolov defected and managed to escape to Mexico, where he lived under a \
false name. A later memoir by his friend Boris Kaminsky claimed that Sokolov had \
made his escape to Canada in the same year.

Before he fled, Sokolov had sent his wife Vera and their son to Riga. In fact they \
vanished without a trace, and nobody learned what became of them.

In the spring of 1937 Sokolov complained that he had been poisoned in his office. \
The investigator Grigory Markov testified that Sokolov had been poisoned with \
mercury on the orders of his rival. At his own trial the rival denied the charge \
and said the whole poisoning affair had been staged by Sokolov himself.

At a meeting in Mexico City the local papers wrote about a visitor named Anton \
Petrenko (probably, Gavrilov), who spoke for the exiles. His rivals said that \
Petrenko was in fact an agent of the FBI or the Abwehr.
"""


def said(
    type_: str,
    date: str | None,
    stance: str = "asserted",
    file: str = "a.txt",
    start: int = 0,
    *,
    cause: str | None = None,
    family: str | None = None,
    reporter: str | None = None,
    own: bool = True,
) -> Statement:
    return Statement(
        f"{file}-{type_}-{date}-{start}", "p1", "Ivan Petrov", type_, date, stance,
        reporter, file, file, start, start + 10, "some words", cause, family, own,
    )  # fmt: skip


def test_a_death_told_without_a_cause_agrees_with_a_doubted_killing() -> None:
    assert not find_conflicts(
        [said("died", "1937-06"), said("killed", None, "disputed", start=50)]
    )
    unsure = said("account", None, cause="fate unknown", family="unknown", start=80)
    assert [c.kind for c in find_conflicts([said("died", "1945-08-19"), unsure])] == [
        "fate"
    ]
    doubted = said("suicide", None, "disputed", start=50)
    assert [c.kind for c in find_conflicts([said("suicide", "1941"), doubted])] == [
        "fate"
    ]


def test_a_he_of_another_document_gives_no_date_to_compare() -> None:
    other = said("died", "1954-12-18", file="b.txt", own=False)
    assert not find_conflicts([said("died", "1953-12"), other])
    assert find_conflicts([said("died", "1953-12"), said("died", "1954", file="b.txt")])


def test_an_attempt_needs_two_sources_and_a_doubt() -> None:
    def attempt(stance: str, reporter: str | None, start: int) -> Statement:
        return said("attempt", None, stance, start=start, cause="poisoned",
                    family="violent", reporter=reporter)  # fmt: skip

    told = [attempt("asserted", None, 0), attempt("reported", "Orlov", 50)]
    assert not find_conflicts(told)  # nobody doubts it
    found = find_conflicts([*told, attempt("denied", "Markov", 90)])
    assert [(c.kind, c.question) for c in found] == [
        ("attempt", "whether Ivan Petrov was poisoned")
    ]
    assert not find_conflicts(
        [attempt("asserted", None, 0), attempt("denied", None, 9)]
    )


def test_a_year_when_the_service_existed_is_no_anachronism() -> None:
    early = "In 1932 he was sent abroad by the NKVD."
    assert _too_early("nkvd", "1932", {"nkvd"}, early) is not None
    ranged = "After two years (1932-1934) in Minsk he headed the NKVD in Kazan."
    assert _too_early("nkvd", "1932", {"nkvd"}, ranged) is None


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    folder = tmp_path_factory.mktemp("story")
    (folder / "sokolov.txt").write_text(STORY, encoding="utf-8")
    build([folder], folder / "kb.sqlite", workers=1)
    return connect(folder / "kb.sqlite")


def _kinds(found: list[Conflict]) -> dict[str, Conflict]:
    return {c.kind: c for c in found}


def test_the_story_tells_an_attempt_an_identity_flights_and_services(
    story: sqlite3.Connection,
) -> None:
    found = _kinds(conflicts(story))
    # no fate: 'they' (his wife and son) vanished
    assert set(found) == {"attempt", "identity", "flight", "allegiance"}
    attempt = found["attempt"]
    assert {k.stance for k in attempt.claims} >= {"asserted", "denied"}
    assert any(k.reporter == "Grigory Markov" for k in attempt.claims)
    assert [k.value for k in found["flight"].claims] == ["Mexico", "Canada"]
    identity = found["identity"]
    assert identity.question == "whether Anton Petrenko was Gavrilov"
    assert [STORY[k.start : k.end] for k in identity.claims] == [
        "Anton Petrenko",
        "Gavrilov",
    ]
    assert identity in conflicts(story, identity.about)
    served = found["allegiance"]
    assert served.question == "which service Anton Petrenko worked for"
    assert [k.value for k in served.claims] == ["FBI", "Abwehr"]
    sokolov = found["flight"].about
    assert {c.kind for c in conflicts(story, sokolov)} == {"attempt", "flight"}


DEV_SLICE = [
    "en-yan-berzin", "ru-yan-berzin", "en-pavel-sudoplatov", "ru-pavel-sudoplatov",
    "en-yakov-blumkin", "ru-yakov-blumkin", "en-viktor-abakumov",
    "en-lavrentiy-beria", "en-leonid-zakovsky", "en-juliet-poyntz",
]  # fmt: skip


@pytest.fixture(scope="module")
def dev_slice(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    corpus = SHARED / "dev" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"the development corpus is not at {corpus}")
    folder = tmp_path_factory.mktemp("dev")
    for name in DEV_SLICE:
        text = (corpus / f"{name}.txt").read_text(encoding="utf-8")
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    build([folder], folder / "kb.sqlite", workers=2)
    return connect(folder / "kb.sqlite")


def test_dev_documents_disagree_about_dates_and_nothing_else(
    dev_slice: sqlite3.Connection,
) -> None:
    found = conflicts(dev_slice)
    # Beria's execution read from Abakumov's page, Zakovsky's NKVD "in 1932" from
    # a range, Poyntz's death without a cause: none of them is a conflict
    assert {c.kind for c in found} == {"date"}
    texts = dict(dev_slice.execute("SELECT file, text FROM documents").fetchall())
    report = evaluate(
        export_dict(dev_slice), load_gold(SHARED / "dev" / "gold"), texts
    ).conflicts
    assert report.claims == 6
    assert report.found >= 5  # measured 5: Berzin's heading is another card
    assert report.correct >= 2 and len(found) <= 3  # measured 2 of 3
    questions = {c.question for c in found}
    assert any("Sudoplatov died" in q for q in questions)
    assert any("Blumkin was born" in q for q in questions)


def test_the_story_files_its_claims_at_their_spans(story: sqlite3.Connection) -> None:
    for conflict in conflicts(story):
        for claim in conflict.claims:
            assert Path(claim.file).name == "sokolov.txt"
            assert " ".join(STORY[claim.start : claim.end].split()) in claim.evidence
