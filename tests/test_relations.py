"""Ties between persons: read from the text with their spans, stored between
cards, exported as the `relations` list and shown on the card.

Short texts in our own words check the shapes a tie is stated in, in English
and Russian; the sample corpus checks the whole way to the web card.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from web_support import client

from kartoteka.build import Summary
from kartoteka.export import export_dict
from kartoteka.extract import extract
from kartoteka.ingest import document_from_text
from kartoteka.store import connect


def ties(text: str) -> set[tuple[str, str, str]]:
    """(type, a, b) of every tie a short text states: `a` is `type` of `b`."""
    found = extract(document_from_text(text, "ties.txt"))
    for relation in found.relations:
        assert text[relation.start : relation.end] == relation.evidence
        assert relation.a.text in relation.evidence
    return {(r.type, r.a.text, r.b.text) for r in found.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Genrikh Yagoda's deputy, Yakov Agranov, signed the order in 1935.\n",
            ("deputy_of", "Yakov Agranov", "Genrikh Yagoda"),
        ),
        (
            "Ignace Reiss lived in Paris. His wife, Elsa Poretsky, outlived him.\n",
            ("spouse", "Elsa Poretsky", "Ignace Reiss"),
        ),
        (
            "Sergei Kirov, the brother of Ivan Kirov, served as an officer.\n",
            ("sibling", "Sergei Kirov", "Ivan Kirov"),
        ),
        (
            "Pavel Sudoplatov and his son Anatoli wrote a memoir together.\n",
            ("child", "Anatoli", "Pavel Sudoplatov"),
        ),
        (
            "Yagoda's brother-in-law, Leopold Averbakh, was a literary critic.\n",
            ("in_law", "Leopold Averbakh", "Yagoda"),
        ),
        (
            "Leonid Zakovsky, Yezhov's successor in Leningrad, was arrested.\n",
            ("successor_of", "Leonid Zakovsky", "Yezhov"),
        ),
        (
            "In 1938 Lavrentiy Beria succeeded Nikolai Yezhov at the NKVD.\n",
            ("successor_of", "Lavrentiy Beria", "Nikolai Yezhov"),
        ),
        (
            "Kim Philby was recruited by Arnold Deutsch in 1934.\n",
            ("recruited", "Arnold Deutsch", "Kim Philby"),
        ),
        (
            "Kim Philby's handler, Yuri Modin, met him in London.\n",
            ("handled", "Yuri Modin", "Kim Philby"),
        ),
        (
            "Яков Агранов, заместитель Генриха Ягоды, подписал приказ.\n",
            ("deputy_of", "Яков Агранов", "Генриха Ягоды"),
        ),
        (
            "Жена Николая Ежова Евгения писала письма.\n",
            ("spouse", "Евгения", "Николая Ежова"),
        ),
    ],
)
def test_each_shape_of_a_tie(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in ties(text)


def test_his_deputy_is_the_deputy_of_whom_the_paragraph_is_about() -> None:
    # the sentence before names someone else after a description: "his" is
    # still the man the paragraph opened with
    found = ties(
        "Nikolai Yezhov purged the old staff. The former Kiev chief, Pavel Orlov,"
        " had been taken in May. In March 1937 his deputy, Matvei Berman,"
        " asked for new lists.\n"
    )
    assert ("deputy_of", "Matvei Berman", "Nikolai Yezhov") in found
    assert not any(b == "Pavel Orlov" for _, _, b in found)


def test_his_wife_after_a_possessive_opening_is_the_named_man_s() -> None:
    found = ties(
        "Walter Brandt's old comrade, Ignaz Keller, grew uneasy."
        " His wife, Elsa Keller, travelled to Moscow in 1936.\n"
    )
    assert ("spouse", "Elsa Keller", "Ignaz Keller") in found


def test_a_he_between_a_name_and_his_leaves_the_name_alone() -> None:
    found = ties(
        "Nikolai Yezhov wanted Abram Slutskii silenced; in 1938 he told his"
        " deputy Mikhail Frinovskii to act.\n"
    )
    assert ("deputy_of", "Mikhail Frinovskii", "Abram Slutskii") not in found


def test_a_tie_takes_the_date_of_its_sentence_or_the_story_s_year() -> None:
    found = extract(
        document_from_text(
            "In June 1936 Genrikh Yagoda's deputy, Yakov Agranov, signed the list."
            " Yagoda's wife, Ida Averbakh, kept a diary.\n",
            "dated.txt",
        )
    )
    dates = {(r.type, r.a.text): r.date for r in found.relations}
    assert dates[("deputy_of", "Yakov Agranov")] == "1936-06"
    assert dates[("spouse", "Ida Averbakh")] == "1936"


def test_no_tie_without_a_second_person() -> None:
    assert not ties(
        "Nikolai Yezhov had a deputy in every region. Отец Меркулова служил в армии.\n"
    )


@pytest.fixture(scope="module")
def kb(corpus_db: tuple[Path, Summary]) -> sqlite3.Connection:
    return connect(corpus_db[0])


def test_corpus_ties_are_stored_between_two_cards_with_their_span(
    kb: sqlite3.Connection,
) -> None:
    rows = kb.execute(
        """SELECT r.*, d.text, a.name AS a_name, b.name AS b_name FROM relations r
           JOIN documents d ON d.id = r.document
           JOIN entities a ON a.id = r.a JOIN entities b ON b.id = r.b"""
    ).fetchall()
    assert len(rows) >= 6  # measured: 7 (deputies, wives)
    for r in rows:
        assert r["a"] != r["b"]
        assert r["text"][r["start"] : r["end"]] == r["evidence"]
    found = {(r["type"], r["a_name"], r["b_name"]) for r in rows}
    assert ("deputy_of", "Artuzov", "Uritskii") in found
    assert ("spouse", "Elsa Poretsky", "Ignaz Reiss") in found
    assert ("deputy_of", "Agranov", "Nikolay Ivanovich Yezhov") in found
    assert not any(b == "Ignatii Sosnovskii" for _, _, b in found)
    dated = [r for r in rows if r["date"]]
    assert len(dated) >= 6  # measured: 6 of 7 dated, from the sentence or story


def test_the_export_lists_relations(kb: sqlite3.Connection) -> None:
    payload = export_dict(kb)
    entities = {e["id"] for e in payload["entities"]}
    relations = payload["relations"]
    assert relations
    for r in relations:
        assert set(r) == {
            "id",
            "type",
            "a",
            "b",
            "file",
            "start",
            "end",
            "evidence",
            "date",
            "stance",
        }
        assert {r["a"], r["b"]} <= entities


def test_the_card_shows_each_tie_with_its_citation_and_the_other_card(
    corpus_db: tuple[Path, Summary], kb: sqlite3.Connection
) -> None:
    row = kb.execute(
        """SELECT r.a, r.b, d.file FROM relations r JOIN documents d
           ON d.id = r.document WHERE r.type = 'deputy_of' LIMIT 1"""
    ).fetchone()
    web = client(corpus_db[0])
    for me, other, label in (
        (row["a"], row["b"], "deputy of"),
        (row["b"], row["a"], "deputy"),
    ):
        page = web.get(f"/card/{me}").text
        panel = page[page.index('id="relations"') :]
        panel = panel[: panel.index("</section>")]
        assert f'<span class="relation">{label}</span>' in panel
        assert f'href="/card/{other}"' in panel
        assert re.search(re.escape(row["file"]) + r":\d+", panel)
