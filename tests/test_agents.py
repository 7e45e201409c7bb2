"""Who did it: the agent of an event, read wherever the sentence says it.

Short texts in our own words check each phrasing, in English and Russian; the
sample corpus checks the agents against the gold, scored by `kartoteka eval`
among the events it matched.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import GOLD

from kartoteka.build import Summary
from kartoteka.cli import main
from kartoteka.evaluate import evaluate, load_gold
from kartoteka.export import export_dict
from kartoteka.extract import extract
from kartoteka.ingest import document_from_text
from kartoteka.store import connect


def agents(text: str) -> set[tuple[str, str, str | None]]:
    """(type, person, agent) of every event a short text states."""
    found = extract(document_from_text(text, "agents.txt"))
    for event in found.events:
        assert text[event.start : event.end] == event.evidence
    return {
        (e.type, e.person.text, e.agent.text if e.agent else None) for e in found.events
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In 1937 the engineer Mikhail Frinovsky was arrested on Nikolai Yezhov's"
            " orders.\n",
            ("arrested", "Mikhail Frinovsky", "Nikolai Yezhov"),
        ),
        (
            "In June 1938 Terenty Deribas was arrested by his successor in"
            " Khabarovsk, Genrikh Lyushkov.\n",
            ("arrested", "Terenty Deribas", "Genrikh Lyushkov"),
        ),
        (
            "In 1953 Lavrentiy Beria had Viktor Abakumov arrested.\n",
            ("arrested", "Viktor Abakumov", "Lavrentiy Beria"),
        ),
        (
            "In 1934 Stalin appointed Yagoda head of the NKVD.\n",
            ("appointed", "Yagoda", "Stalin"),
        ),
        (
            "In 1936 Genrikh Yagoda was dismissed by the Politburo and replaced by"
            " Nikolai Yezhov.\n",
            ("appointed", "Nikolai Yezhov", "Politburo"),
        ),
        (
            "In 1934 Kim Philby was recruited by Arnold Deutsch in London.\n",
            ("joined", "Kim Philby", "Arnold Deutsch"),
        ),
        (
            "In 1937 Abram Slutsky was denounced by Sergei Shpigelglass and"
            " arrested.\n",
            ("arrested", "Abram Slutsky", "Sergei Shpigelglass"),
        ),
        (
            "In 1938 Yevhen Konovalets was killed by Pavel Sudoplatov in Rotterdam.\n",
            ("killed", "Yevhen Konovalets", "Pavel Sudoplatov"),
        ),
        (
            "In 1938 Nikolai Bukharin was sentenced to death by the Military"
            " Collegium of the Supreme Court.\n",
            (
                "sentenced",
                "Nikolai Bukharin",
                "Military Collegium of the Supreme Court",
            ),
        ),
        (
            "Genrikh Yagoda answered by dismissing Semyon Dukelsky in 1936.\n",
            ("dismissed", "Semyon Dukelsky", "Genrikh Yagoda"),
        ),
        (
            "In 1951 Viktor Abakumov was dismissed and arrested on Stalin's orders.\n",
            ("dismissed", "Viktor Abakumov", "Stalin"),
        ),
        (
            "В 1951 году Виктор Абакумов был арестован по приказу Сталина.\n",
            ("arrested", "Виктор Абакумов", "Сталина"),
        ),
        (
            "В 1938 году Михаил Фриновский был арестован по указанию Николая Ежова.\n",
            ("arrested", "Михаил Фриновский", "Николая Ежова"),
        ),
    ],
)
def test_the_agent_of_each_phrasing(
    text: str, expected: tuple[str, str, str | None]
) -> None:
    assert expected in agents(text)


def test_whoever_sets_up_a_body_appoints_its_members() -> None:
    found = agents(
        "In May 1937 the Politburo set up a new commission. Its members were"
        " Joseph Stalin, Vyacheslav Molotov and Nikolai Yezhov.\n"
    )
    assert {
        ("appointed", "Joseph Stalin", "Politburo"),
        ("appointed", "Vyacheslav Molotov", "Politburo"),
        ("appointed", "Nikolai Yezhov", "Politburo"),
    } <= found


def test_no_agent_where_no_one_acted_on_the_person() -> None:
    found = agents(
        "In 1926 Walter Krivitsky married Antonina Porfirieva in Moscow.\n\n"
        "In 1928 Vasily Zarubin was joined in Copenhagen by his colleague"
        " Elizaveta Rozenzweig.\n\n"
        "In 1937 Ignace Reiss defected in Paris.\n"
    )
    assert found
    assert {agent for *_, agent in found} == {None}


def test_the_subject_who_replaces_is_no_agent() -> None:
    found = agents("In 1938 Lavrentiy Beria replaced Nikolai Yezhov at the NKVD.\n")
    assert ("dismissed", "Nikolai Yezhov", None) in found


def test_agents_on_the_sample_corpus_against_the_gold(
    corpus_db: tuple[Path, Summary],
) -> None:
    with connect(corpus_db[0]) as db:
        payload = export_dict(db)
        texts = {r["file"]: r["text"] for r in db.execute("SELECT * FROM documents")}
    report = evaluate(payload, load_gold(GOLD), texts)
    counts = report.events.agents.counts
    # measured: 35 right of 36 given, of 39 matched gold events with an agent
    assert counts.expected >= 38
    assert counts.recall >= 0.85
    assert counts.precision >= 0.93


def test_whom_yezhov_had_arrested(corpus_db: tuple[Path, Summary]) -> None:
    db = sqlite3.connect(corpus_db[0])
    rows = db.execute(
        """SELECT p.name, ev.evidence FROM events ev
           JOIN entities p ON p.id = ev.person JOIN entities a ON a.id = ev.agent
           WHERE ev.type = 'arrested' AND a.name LIKE '%Yezhov%'"""
    ).fetchall()
    assert any("Medvedev" in name and "orders" in said for name, said in rows)
    given = db.execute("SELECT COUNT(*) FROM events WHERE agent IS NOT NULL")
    assert given.fetchone()[0] >= 33  # 12 before agents were read from the parse


def test_eval_prints_the_agent_scores(corpus_db: tuple[Path, Summary]) -> None:
    result = CliRunner().invoke(
        main,
        ["eval", "--gold", str(GOLD), "--db", str(corpus_db[0]), "--verbose"],
    )
    assert result.exit_code == 0, result.output
    assert "agents among matched (lenient): P 0." in result.output
    assert "wrong agent: " in result.output
