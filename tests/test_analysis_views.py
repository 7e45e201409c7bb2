"""Cohorts and networks as the CLI, the web app and the exports show them.

All three read the same analysis functions over the sample corpus, so each
test checks that what is shown is what analysis/ computed and that every
citation opens the stated span.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_support import client

from kartoteka.build import Summary
from kartoteka.cli import main
from kartoteka.export.cohorts import CSV_COLUMNS
from kartoteka.store import connect

RIEHLE = ["--event", "defected", "--from", "1937", "--to", "1940"]
SPAN_LINK = re.compile(r'href="/doc/([0-9a-f]+)#(\d+)-(\d+)"')


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def web(corpus_db: tuple[Path, Summary]) -> TestClient:
    return client(corpus_db[0])


@pytest.fixture(scope="module")
def kb(corpus_db: tuple[Path, Summary]) -> sqlite3.Connection:
    return connect(corpus_db[0])


def test_cohort_prints_rows_then_figures_with_sources(
    corpus_db: tuple[Path, Summary],
) -> None:
    code, out, _ = run("cohort", *RIEHLE, "--db", str(corpus_db[0]))
    assert code == 0
    row = re.search(
        r"^Walter Krivitsky\s+1899-06-28 \(day\)\s+defected 1937\s+37-38", out, re.M
    )
    assert row, out
    figures = out[out.index("\npersons: ") :]
    assert re.search(r"age at the event: from 37 to 38; mean 37\.0 to 38\.0", figures)
    assert re.search(r"^    004_\w+\.txt:\d+ \(\d+-\d+\)$", figures, re.M)


def test_cohort_as_csv_and_json_cite_the_same_statements(
    corpus_db: tuple[Path, Summary], kb: sqlite3.Connection
) -> None:
    db = str(corpus_db[0])
    rows = list(
        csv.DictReader(io.StringIO(run("cohort", *RIEHLE, "--csv", "--db", db)[1]))
    )
    assert rows and tuple(rows[0]) == CSV_COLUMNS
    by_name = {r["person"]: r for r in rows}
    assert by_name["Walter Krivitsky"]["age"] == "37-38"
    assert by_name["Walter Krivitsky"]["born_precision"] == "day"
    payload = json.loads(run("cohort", *RIEHLE, "--json", "--db", db)[1])
    assert [p["name"] for p in payload["persons"]] == [r["person"] for r in rows]
    assert payload["selection"] == {
        "events": ["defected"], "from": "1937", "to": "1940", "orgs": [], "roles": [],
    }  # fmt: skip
    texts = {r[0]: r[1] for r in kb.execute("SELECT file, text FROM documents")}
    for figure in payload["figures"]:
        for s in figure["statements"]:
            evidence = kb.execute(
                "SELECT evidence FROM events WHERE id = ?", (s["id"],)
            )
            assert texts[s["file"]][s["start"] : s["end"]] == evidence.fetchone()[0]
    ages = next(f for f in payload["figures"] if f["label"] == "age at the event")
    assert {s["type"] for s in ages["statements"]} == {"born", "defected"}


def test_cohort_refuses_what_it_cannot_read(corpus_db: tuple[Path, Summary]) -> None:
    db = str(corpus_db[0])
    code, _, err = run("cohort", "--event", "fled", "--db", db)
    assert code == 2 and "not an event type: fled" in err
    code, _, err = run("cohort", "--event", "defected", "--from", "spring", "--db", db)
    assert code == 2 and "not a date" in err


def test_network_path_and_ranking_commands(corpus_db: tuple[Path, Summary]) -> None:
    db = str(corpus_db[0])
    code, out, _ = run("network", "Yezhov", "--db", db)
    assert code == 0 and out.startswith("Nikolay Ivanovich Yezhov")
    assert re.search(r"^1 tie\(s\) away \(\d+\): .*Stalin", out, re.M)
    assert re.search(r"^      \d{4}\S* 001_\w+\.txt \(\d+-\d+\) “", out, re.M)
    code, out, _ = run("network", "--top", "3", "--db", db)
    assert code == 0 and len(out.splitlines()) == 4 and "Yezhov" in out.splitlines()[1]
    code, out, _ = run("path", "Krivitsky", "Lyushkov", "--db", db)
    assert code == 0 and re.match(
        r"Path 1 \(\d tie\(s\)\): Walter Krivitsky — .* — Genrikh", out
    )
    code, _, err = run(
        "path", "Krivitsky", "Lyushkov", "--type", "arrested", "--db", db
    )
    assert code == 1 and "no path of ties joins" in err
    code, _, err = run("network", "Yezhov", "--org", "no such body", "--db", db)
    assert code == 1 and "no organization matches" in err


def test_cohort_page_links_every_cell_to_its_span(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    params = {"event": "defected", "from": "1937", "to": "1940"}
    page = web.get("/cohort", params=params).text
    table = page[page.index('<table class="grid cohort"') : page.index("</table>")]
    assert "Walter Krivitsky" in table and "37-38" in table
    texts = {r[0]: r[1] for r in kb.execute("SELECT id, text FROM documents")}
    links = SPAN_LINK.findall(page)
    assert len(links) > 6
    for document, start, end in links:
        assert texts[document][int(start) : int(end)].strip()
    assert 'href="/cohort.csv?event=defected&amp;from=1937&amp;to=1940"' in page
    download = web.get("/cohort.csv", params=params)
    assert download.headers["content-type"].startswith("text/csv")
    assert "attachment" in download.headers["content-disposition"]
    assert download.text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert web.get("/cohort.json", params=params).json()["persons"]
    assert web.get("/cohort.csv").status_code == 400
    assert web.get("/cohort.xml", params=params).status_code == 404
    assert "choose the event" in web.get("/cohort").text.lower()


def graph_data(page: str) -> dict:  # type: ignore[type-arg]
    found = re.search(r'id="graph-data">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def test_network_page_centres_on_one_person(web: TestClient) -> None:
    data = graph_data(web.get("/network").text)
    assert data["centre"] and data["nodes"][0]["id"] == data["centre"]
    page = web.get("/network", params={"person": "Lyushkov", "depth": "2"}).text
    near = graph_data(web.get("/network", params={"person": "Lyushkov"}).text)
    far = graph_data(page)
    assert "around Genrikh Samoilovich Lyushkov" in page
    assert len(near["nodes"]) < len(far["nodes"])
    assert {n["distance"] for n in far["nodes"]} == {0, 1, 2}
    ranking = page[page.index('id="ranking"') :]
    assert re.search(
        r'href="/network\?person=person-\w+[^"]*">Nikolay Ivanovich Yezhov<', ranking
    )


def test_network_page_finds_paths_and_filters_ties(web: TestClient) -> None:
    page = web.get("/network", params={"a": "Krivitsky", "b": "Lyushkov"}).text
    paths = page[page.index('id="paths"') : page.index('id="ranking"')]
    assert "<h3>Path 1:" in paths and SPAN_LINK.search(paths)
    missing = web.get("/network", params={"a": "Krivitsky", "b": "Zzyzx Qwerty"}).text
    assert "No person matches “Zzyzx Qwerty”" in missing
    chosen = {"person": "Yezhov", "type": ["appointed", "dismissed"]}
    data = graph_data(web.get("/network", params=chosen).text)
    assert data["links"] and {t["type"] for t in data["links"]} <= {
        "appointed",
        "dismissed",
    }
    assert all(t["kind"] == "agent" for t in data["links"])


def test_a_rejected_statement_leaves_the_cohort(
    corpus_db: tuple[Path, Summary], tmp_path: Path
) -> None:
    db = tmp_path / "kb.sqlite"
    shutil.copy(corpus_db[0], db)
    payload = json.loads(run("cohort", *RIEHLE, "--json", "--db", str(db))[1])
    reiss = next(p for p in payload["persons"] if p["name"] == "Ignaz Reiss")
    code, _, _ = run("reject-event", reiss["event"]["id"], "--db", str(db))
    assert code == 0
    after = json.loads(run("cohort", *RIEHLE, "--json", "--db", str(db))[1])
    names = [p["name"] for p in after["persons"]]
    assert "Ignaz Reiss" not in names and len(names) == len(payload["persons"]) - 1
