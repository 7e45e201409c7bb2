"""A major figure's card on a large knowledge base reads at a glance.

The sample corpus repeated eight times (its rows copied under new ids and its
conflicts and cards stored again, as bench/large_card.py does at 64):
Krivitsky's card stays well under 100 KB,
statements are grouped by type with their period, repeated wordings are shown
once, and a long group's statements are on pages of their own.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from web_support import client

from kartoteka.build import Summary
from kartoteka.cards.statements import PAGE, group_statements, page_of
from kartoteka.query import Citation, Fact

sys.path.insert(0, str(ROOT / "bench"))
from large_card import analysed, repeat

KRIVITSKY = "Walter Krivitsky"


@pytest.fixture(scope="module")
def large(
    corpus_db: tuple[Path, Summary], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    db = tmp_path_factory.mktemp("large") / "kb.sqlite"
    shutil.copy(corpus_db[0], db)
    repeat(db, 8)
    analysed(db)
    return db


def card_id(web_client: object, name: str) -> str:
    page = web_client.get("/search", params={"q": name}).text  # type: ignore[attr-defined]
    found = re.search(r'href="(/card/person-[0-9a-f]+)"[^>]*>' + name, page)
    assert found, page[:2000]
    return found.group(1)


def test_a_major_figure_s_card_stays_small_and_grouped(large: Path) -> None:
    web = client(large)
    page = web.get(card_id(web, KRIVITSKY)).text
    assert len(page.encode()) < 100_000
    groups = re.findall(r'<section class="statement-group" id="type-(\w+)">', page)
    assert len(groups) == len(set(groups)) >= 4
    assert "and 7 more sources in the same words" in page
    assert re.search(r"statements · \d{4}", page)
    assert re.search(r">\w+ ×8</text>", page)  # one timeline mark for 8 statements
    assert "more sources</li>" in page


def test_a_long_group_is_paged() -> None:
    citation = Citation("a.txt", 0, 5, 1, "words")
    facts = [
        Fact(
            "arrested",
            f"19{20 + i % 30}",
            "asserted",
            None,
            None,
            None,
            Citation("a.txt", i, i + 5, 1, f"words {i}"),
            id=f"e{i}",
        )
        for i in range(PAGE + 7)
    ]
    facts.append(Fact("born", "1899", "asserted", None, None, None, citation, id="b"))
    groups = group_statements(facts)
    assert [g.type for g in groups] == ["born", "arrested"]
    arrested = groups[1]
    assert arrested.count == PAGE + 7 and arrested.period == "1920 – 1949"
    assert len(arrested.shown) + arrested.hidden == PAGE + 7
    first, pages = page_of(facts, "arrested", 1)
    last, _ = page_of(facts, "arrested", 2)
    assert pages == 2 and len(first) == PAGE and len(last) == 7


def test_the_statements_page_of_a_type(large: Path) -> None:
    web = client(large)
    card = card_id(web, KRIVITSKY)
    page = web.get(f"{card}/statements", params={"type": "defected"}).text
    assert "“defected” statements" in page and 'class="statement' in page
    assert "Back to the card" in page
    assert web.get("/card/person-0000000000/statements").status_code == 404
