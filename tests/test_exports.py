"""Tables, networks and the Datasette database, each read by the tool it is for.

The csv module reads the tables, networkx the GEXF and GraphML files, Datasette
itself serves the database; every cited span is checked against the source text.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from export_support import export, texts, with_relation

from kartoteka.build import Summary
from kartoteka.export.tables import COLUMNS

TABLES = {f"{name}.csv" for name in COLUMNS}


def read_tables(folder: Path) -> dict[str, list[dict[str, str]]]:
    found = {}
    for path in folder.iterdir():
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no byte-order mark"
        found[path.name] = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    return found


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as kb:
        found: int = kb.execute(sql).fetchone()[0]
        return found


def test_csv_tables_cite_every_row_in_full(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    db, _ = corpus_db
    tables = read_tables(export(db, "csv", tmp_path / "tables"))
    assert set(tables) == TABLES
    source = texts(db)
    assert len(tables["events.csv"]) == count(db, "SELECT COUNT(*) FROM events")
    for row in tables["events.csv"] + tables["conflicts.csv"]:
        assert row["quote"] == source[row["file"]][int(row["start"]) : int(row["end"])]
    for row in tables["names.csv"]:
        assert row["text"] == source[row["file"]][int(row["start"]) : int(row["end"])]
    persons = tables["persons.csv"]
    assert len(persons) == count(
        db, "SELECT COUNT(*) FROM entities WHERE type = 'person'"
    )
    assert all(p["quote"] == source[p["file"]][int(p["start"]) : int(p["end"])]
               for p in persons)  # fmt: skip
    yezhov = next(p for p in persons if p["name"] == "Nikolay Ivanovich Yezhov")
    assert "Ezhov" in yezhov["names"].split("; ")
    spellings = {r["name"] for r in tables["names.csv"] if r["entity"] == yezhov["id"]}
    assert {"Ezhov", "Nikolay Ivanovich Yezhov"} <= spellings
    dated = [e for e in tables["events.csv"] if e["date"]]
    assert len(dated) > 150
    assert all(e["date_earliest"] <= e["date_latest"] for e in dated)
    day = next(e for e in dated if e["date"] == "1936-09-26")
    assert day["date_earliest"] == day["date_latest"] == "1936-09-26"
    assert len(tables["conflicts.csv"]) >= 2
    assert len(tables["documents.csv"]) == 5


def test_csv_zip_holds_the_same_tables(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    db, _ = corpus_db
    folder = read_tables(export(db, "csv", tmp_path / "tables"))
    archive = export(db, "csv", tmp_path / "tables.zip")
    with zipfile.ZipFile(archive) as opened:
        assert set(opened.namelist()) == TABLES
        for name in TABLES:
            text = opened.read(name).decode("utf-8-sig")
            assert list(csv.DictReader(io.StringIO(text))) == folder[name]


def edges(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(u, v, d["type"]) for u, v, d in graph.edges(data=True)}


def test_gexf_and_graphml_read_back_with_the_same_network(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    db, _ = corpus_db
    gexf = nx.read_gexf(export(db, "gexf", tmp_path / "kb.gexf"))
    graphml = nx.read_graphml(export(db, "graphml", tmp_path / "kb.graphml"))
    cards = "SELECT COUNT(*) FROM entities WHERE type IN ('person', 'org')"
    assert gexf.number_of_nodes() == graphml.number_of_nodes() == count(db, cards)
    assert set(gexf.nodes) == set(graphml.nodes)
    assert edges(gexf) == edges(graphml)
    assert gexf.number_of_edges() == graphml.number_of_edges() >= 40
    assert {d["type"] for d in gexf.nodes.values()} == {"person", "org"}
    assert sum(1 for d in gexf.nodes.values() if "died_year" in d) >= 10
    source = texts(db)
    for *_, tie in graphml.edges(data=True):
        assert tie["quote"] == source[tie["file"]][tie["span_start"] : tie["span_end"]]
        assert tie["weight"] == tie["statements"] >= 1
        assert tie["kind"] in ("agent", "organization", "relation")
    yezhov = next(n for n, d in gexf.nodes.items() if d["label"].endswith("Yezhov"))
    assert ("politburo", yezhov, "appointed") in edges(gexf)


def test_a_relation_reaches_tables_and_networks(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    db, relation = with_relation(corpus_db[0], tmp_path)
    rows = read_tables(export(db, "csv", tmp_path / "tables"))["relations.csv"]
    with sqlite3.connect(db) as kb:
        assert len(rows) == kb.execute("SELECT COUNT(*) FROM relations").fetchone()[0]
    (row,) = [r for r in rows if r["id"] == relation["id"]]
    assert row["quote"] == relation["evidence"]
    assert row["date_earliest"] == "1936-01-01"
    network = nx.read_gexf(export(db, "gexf", tmp_path / "kb.gexf"))
    ties = network.get_edge_data(relation["a"], relation["b"])
    assert ties and any(d["kind"] == "relation" for d in ties.values())


def test_datasette_serves_the_views(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    db, _ = corpus_db
    folder = export(db, "datasette", tmp_path / "site")
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    described = metadata["databases"]["kartoteka"]["tables"]
    path = "/kartoteka/person_events.json?_shape=array&person__contains=Yezhov"
    served = subprocess.run(
        [sys.executable, "-m", "datasette", "-i", str(folder / "kartoteka.sqlite"),
         "-m", str(folder / "metadata.json"), "--get", path],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    rows = json.loads(served.stdout)
    source = texts(db)
    assert {r["type"] for r in rows} >= {"appointed", "dismissed", "awarded"}
    for row in rows:
        assert row["quote"] == source[row["file"]][row["start"] : row["end"]]
    page = subprocess.run(
        [sys.executable, "-m", "datasette", "-i", str(folder / "kartoteka.sqlite"),
         "-m", str(folder / "metadata.json"), "--get", "/kartoteka"],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert "person_events" in page and described["person_events"]["description"]
    assert described["name_keys"] == {"hidden": True}


def test_a_folder_format_refuses_a_file(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    from click.testing import CliRunner

    from kartoteka.cli import main

    taken = tmp_path / "taken.txt"
    taken.write_text("mine", encoding="utf-8")
    args = ["export", "--format", "datasette", "--db", str(corpus_db[0])]
    result = CliRunner().invoke(main, [*args, "-o", str(taken)])
    assert result.exit_code == 1 and "writes a folder" in result.stderr
    assert taken.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("fmt", ["csv", "gexf", "datasette"])
def test_the_export_page_offers_each_download(
    fmt: str, corpus_db: tuple[Path, Summary]
) -> None:
    from web_support import client

    web = client(corpus_db[0])
    page = web.get("/export").text
    assert f'href="/export/{fmt}"' in page
    got = web.get(f"/export/{fmt}")
    assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
    if fmt == "gexf":
        assert nx.read_gexf(io.BytesIO(got.content)).number_of_nodes() > 300
    else:
        with zipfile.ZipFile(io.BytesIO(got.content)) as opened:
            names = opened.namelist()
        expected = TABLES if fmt == "csv" else {"kartoteka/kartoteka.sqlite",
                                                "kartoteka/metadata.json"}  # fmt: skip
        assert set(names) == expected
