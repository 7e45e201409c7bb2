"""Rough edges a newcomer met: names in `events --person`, dates in `person`,
and the home page's links, each through the real command or the web app."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from web_support import client

from kartoteka.build import Summary
from kartoteka.cli import main

# Our own words: a season date, an inferred year and a reported death.
SEASONS = (
    "Notes on a case\n\n"
    "Ivan Petrovich Sidorenko was born in Kharkov in 1898. In the autumn of 1929 "
    "Sidorenko was arrested by the OGPU in Moscow. According to his daughter, he "
    "was shot in 1938.\n"
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout + result.stderr


def test_events_finds_a_person_in_any_spelling_or_script(
    corpus_db: tuple[Path, Summary],
) -> None:
    db = str(corpus_db[0])
    counts = {}
    for name in ("Ежов", "Ezhov", "Yezhov", "Nikolai Yezhov"):
        code, out = run("events", "--person", name, "--db", db)
        assert code == 0, out
        counts[name] = int(re.search(r"(\d+) event\(s\)", out).group(1))  # type: ignore[union-attr]
    assert counts["Ежов"] >= 8 and len(set(counts.values())) == 1
    rows = run("events", "--person", "Ежов", "--db", db)[1].splitlines()[1:-1]
    assert rows and all("Yezhov" in row for row in rows)


def test_person_says_dates_as_timeline_does(tmp_path: Path) -> None:
    source = tmp_path / "case.txt"
    source.write_text(SEASONS, encoding="utf-8")
    db = str(tmp_path / "kb.sqlite")
    assert run("build", str(source), "--db", db)[0] == 0
    code, dossier = run("person", "Сидоренко", "--db", db)
    assert code == 0, dossier
    assert "autumn 1929" in dossier and "1929-23" not in dossier
    facts = dossier.split("Facts:\n")[1].splitlines()
    listing = run("timeline", "Sidorenko", "--db", db)[1].splitlines()[1:]
    assert facts == listing


def test_person_prints_inferred_dates_and_reporters(
    corpus_db: tuple[Path, Summary],
) -> None:
    db = str(corpus_db[0])
    dossier = run("person", "Ezhov", "--db", db)[1]
    assert re.search(r"\d{4}(-\d\d)* \(inferred\)\s+appointed", dossier)
    pauker = run("person", "Pauker", "--db", db)[1]
    assert "according to Stalin" in pauker


def test_the_home_page_counts_link_to_what_they_count(
    corpus_db: tuple[Path, Summary],
) -> None:
    page = client(corpus_db[0]).get("/").text
    events = re.search(r"statements of events</dt><dd><a href=\"([^\"]+)\"", page)
    assert events and events.group(1) == "/persons?sort=events&amp;desc=1"
    listed = client(corpus_db[0]).get("/persons?sort=events&desc=1").text
    assert listed.index("Yezhov") < listed.index("Pauker")


def test_a_card_says_dates_in_words(tmp_path: Path) -> None:
    source = tmp_path / "case.txt"
    source.write_text(SEASONS, encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    assert run("build", str(source), "--db", str(db))[0] == 0
    web = client(db)
    card = web.get("/search", params={"q": "Sidorenko"}, follow_redirects=True)
    found = re.search(r'href="(/card/person-[0-9a-f]+)"', card.text)
    assert found
    page = web.get(found.group(1)).text
    assert ">autumn 1929<" in page and 'title="1929-23 (EDTF)"' in page
