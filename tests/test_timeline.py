"""The timeline and events commands on the real sample corpus: order, filters, CSV."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from click.testing import CliRunner

from kartoteka.analysis.timelines import EventFilter, find_events, timeline
from kartoteka.build import Summary
from kartoteka.cli import main
from kartoteka.edtf import bounds
from kartoteka.store import connect

DEFECTION = "002_98aa88b8d676a326.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_timeline_orders_a_person_s_events(corpus_db: tuple[Path, Summary]) -> None:
    db, _ = corpus_db
    code, out, _ = run("timeline", "Lyushkov", "--db", str(db))
    assert code == 0
    assert out.splitlines()[0].startswith("Genrikh Samoilovich Lyushkov")
    dated = re.findall(r"^  (\d{4}(?:-\d\d){0,2})\s+(\w+)", out, re.M)
    days = [bounds(date) for date, _ in dated]
    assert days == sorted(days, key=lambda d: d or ("9999", "9999"))
    assert ("1938-06-13", "defected") in dated
    assert re.search(rf"{DEFECTION}:\d+ \(\d+-\d+\) “On June 13, 1938 Lyushkov", out)
    assert "(no date)" in out.split("1938-06-13")[-1]  # undated statements last


def test_timeline_shows_stance_reporter_and_inferred_dates(
    corpus_db: tuple[Path, Summary],
) -> None:
    db, _ = corpus_db
    out = run("timeline", "Lyushkov", "--db", str(db))[1]
    assert "(disputed" in out  # "according to one version he was shot"
    out = run("timeline", "Uritskii", "--db", str(db))[1]
    assert re.search(r"1938-08 \(inferred\)\s+executed", out)
    out = run("timeline", "Krivitsky", "--db", str(db))[1]
    assert re.search(r"1912/1913 \(inferred\)|1912–1913 \(inferred\)", out)


def test_events_filter_by_type_and_period(corpus_db: tuple[Path, Summary]) -> None:
    db, _ = corpus_db
    code, out, _ = run(
        "events",
        "--type",
        "arrested",
        "--from",
        "1937",
        "--to",
        "1938",
        "--db",
        str(db),
    )
    assert code == 0
    rows = out.splitlines()[1:-1]
    assert len(rows) >= 20 and all(" arrested " in row for row in rows)
    assert re.search(r"1937-03-29.* arrested .*Yagoda", out)
    assert out.splitlines()[-1] == f"{len(rows)} event(s)."
    with connect(db) as conn:
        found = find_events(conn, EventFilter(("arrested",), start="1937", end="1938"))
    for entry in found:
        assert entry.earliest is not None and entry.latest is not None
        assert entry.latest >= "1937-01-01" and entry.earliest <= "1938-12-31"


def test_events_filter_by_organization_and_place(
    corpus_db: tuple[Path, Summary],
) -> None:
    db, _ = corpus_db
    with connect(db) as conn:
        nkvd = find_events(conn, EventFilter(org="NKVD"))
        manchukuo = find_events(conn, EventFilter(place="Manchukuo"))
        lyushkov = find_events(conn, EventFilter(person="Lyushkov"))
        card = find_events(conn, EventFilter(person=lyushkov[0].person_id))
    assert nkvd and all("NKVD" in (e.org or "") for e in nkvd)
    assert [(e.type, e.date) for e in manchukuo] == [("defected", "1938-06-13")]
    assert {e.id for e in card} <= {e.id for e in lyushkov}


def test_events_as_csv(corpus_db: tuple[Path, Summary]) -> None:
    db, _ = corpus_db
    code, out, _ = run("events", "--type", "executed", "--csv", "--db", str(db))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {r["type"] for r in rows} == {"executed"}
    assert {"date", "earliest", "latest", "person", "stance", "file", "quote"} <= set(
        rows[0]
    )
    pauker = [r for r in rows if r["person"] == "Pauker"]
    assert pauker and pauker[0]["date"] == "1937-08-14"
    assert pauker[0]["date_inferred"] == "yes"  # the year comes from the story


def test_a_bad_period_is_a_usage_error(corpus_db: tuple[Path, Summary]) -> None:
    db, _ = corpus_db
    code, _, err = run("events", "--from", "June 1937", "--db", str(db))
    assert code == 2 and "not a date" in err


def test_timeline_of_nobody_exits_one(corpus_db: tuple[Path, Summary]) -> None:
    db, _ = corpus_db
    code, _, err = run("timeline", "Nobodyevich", "--db", str(db))
    assert code == 1 and err.startswith("kartoteka: no person matches")


def test_timeline_library_puts_undated_events_last(
    corpus_db: tuple[Path, Summary],
) -> None:
    db, _ = corpus_db
    with connect(db) as conn:
        [entity] = conn.execute(
            "SELECT person FROM events GROUP BY person ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchall()
        entries = timeline(conn, entity[0])
    dates = [e.earliest for e in entries]
    undated = dates.index(None) if None in dates else len(dates)
    assert all(d is None for d in dates[undated:])
    assert dates[:undated] == sorted(dates[:undated])  # type: ignore[type-var]
