"""The command line as a user and a script meet it: output, errors, exit codes, docs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, GOLD, ROOT, need_shared

from kartoteka.build import Summary
from kartoteka.cli import main

GOOD = (
    "Artur Artuzov headed the counter-intelligence department of the OGPU.\n\n"
    "He was arrested in May 1937 and shot on 21 August 1937 in Moscow.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_every_command_has_help_and_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        code, out, _ = run(name, "--help")
        assert code == 0 and command.help and "Usage:" in out
        assert f"kartoteka {name}" in readme, f"README does not document '{name}'"


def test_person_finds_a_card_in_either_script(corpus_db: tuple[Path, Summary]) -> None:
    db, _ = corpus_db
    code, latin, _ = run("person", "Liushkov", "--db", str(db))
    assert code == 0
    code, cyrillic, _ = run("person", "Люшков", "--db", str(db))
    assert code == 0 and cyrillic.splitlines()[0] == latin.splitlines()[0]
    assert "Genrikh Samoilovich Lyushkov" in latin
    assert re.search(r"002_98aa88b8d676a326\.txt:\d+ \(\d+-\d+\)", latin)


def test_export_follows_the_contract(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    db, _ = corpus_db
    out = tmp_path / "kb.json"
    assert run("export", "--format", "json", "--db", str(db), "-o", str(out))[0] == 0
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert set(payload) == {
        "documents",
        "entities",
        "events",
        "relations",
        "conflicts",
        "cohorts",
    }
    assert set(payload["documents"][0]) == {"id", "file", "title", "languages"}
    entity = payload["entities"][0]
    assert set(entity) == {"id", "type", "name", "names", "mentions"}
    assert set(entity["mentions"][0]) == {"file", "start", "end", "text"}
    event_keys = {
        "id",
        "type",
        "person",
        "date",
        "file",
        "start",
        "end",
        "evidence",
        "agent",
        "org",
        "place",
        "position",
        "stance",
        "date_earliest",
        "date_latest",
        "date_inferred",
        "reporter",
        "reporter_id",
    }
    assert payload["events"] and set(payload["events"][0]) == event_keys
    assert {e["type"] for e in payload["entities"]} <= {"person", "org", "place"}


def test_eval_prints_the_table(corpus_db: tuple[Path, Summary]) -> None:
    need_shared()
    db, _ = corpus_db
    code, out, _ = run("eval", "--gold", str(GOLD), "--db", str(db))
    assert code == 0 and "persons" in out and "Offsets" in out
    code, out, _ = run("eval", "--gold", str(GOLD), "--db", str(db), "--json")
    assert json.loads(out)["persons"]["forms"]["f1"] >= 0.9


def test_bad_input_is_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "artuzov.txt").write_text(GOOD, encoding="utf-8")
    (sources / "empty.txt").write_text("  \n", encoding="utf-8")
    (sources / "scan.pdf").write_bytes(b"%PDF-1.4\x00\x01\x02" * 50)
    (sources / "mystery.txt").write_bytes(bytes(range(128, 256)) * 8)
    (sources / "folder.txt").mkdir()
    db = tmp_path / "kb.sqlite"
    code, out, err = run(
        "build", str(sources), str(tmp_path / "missing.txt"), "--db", str(db)
    )
    assert code == 3
    assert "1 documents" in out
    for name in ("empty.txt", "scan.pdf", "mystery.txt", "missing.txt"):
        assert re.search(rf"^(error|warning): .*{re.escape(name)}: \S", err, re.M), name
    code, out, _ = run("person", "Artuzov", "--db", str(db))
    assert code == 0 and "arrested" in out


def test_errors_are_one_line_with_exit_code_one(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.sqlite"
    not_a_db.write_text("just some notes", encoding="utf-8")
    for db in (tmp_path / "absent.sqlite", not_a_db):
        code, _, err = run("person", "Ezhov", "--db", str(db))
        assert code == 1 and len(err.strip().splitlines()) == 1 and str(db) in err
    code, _, err = run(
        "eval", "--gold", str(tmp_path / "no-gold"), "--db", str(not_a_db)
    )
    assert code == 1 and "no-gold" in err
    code, _, err = run(
        "build", str(tmp_path / "nothing-here"), "--db", str(tmp_path / "x.sqlite")
    )
    assert code == 1 and "nothing-here" in err


@pytest.mark.parametrize("query", ["Artuzov", "Артузов"])
def test_a_name_that_is_absent_exits_one(tmp_path: Path, query: str) -> None:
    sources = tmp_path / "one.txt"
    sources.write_text("The OGPU met in Moscow in 1930.\n", encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    assert run("build", str(sources), "--db", str(db))[0] == 0
    code, _, err = run("person", query, "--db", str(db))
    assert code == 1 and query in err


def test_the_corpus_builds_from_the_command_line(tmp_path: Path) -> None:
    """The build shows a bar for each stage, resolution and storing included, and
    ends with its pace and its peak memory."""
    need_shared()
    db = tmp_path / "kb.sqlite"
    code, out, err = run("build", str(CORPUS), "--db", str(db), "--workers", "1")
    assert code == 0 and "5 documents" in out
    assert re.search(r"\(\d[\d,]* words/s, peak memory \d[\d,]* MiB\)", out)
    for stage, total, unit in (
        ("extracting", 5, "part"),
        ("grouping names", 5, "document"),
        ("joining cards", 6, "step"),
        ("storing", 5, "document"),
    ):
        bar = rf"{stage}: 100%\|[^|]*\| {total}/{total} \[[^\]]*{unit}"
        assert re.search(bar, err), stage


def test_every_export_format_is_documented() -> None:
    """Each format the CLI offers has a section in docs/ with a command and example."""
    offered = next(p for p in main.commands["export"].params if p.name == "fmt")
    docs = "\n".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob("*.md")
    )
    sections = re.split(r"^(?=#+ )", docs, flags=re.MULTILINE)
    for fmt in offered.type.choices:  # type: ignore[attr-defined]
        found = [s for s in sections if s.startswith("#") and f"`--format {fmt}`"
                 in s.splitlines()[0]]  # fmt: skip
        assert found, f"no section in docs/ is headed `--format {fmt}`"
        assert any(f"--format {fmt}" in s and s.count("```") >= 2 for s in found), (
            f"the docs section on --format {fmt} has no example"
        )


def test_a_fact_from_a_footnote_cites_the_note(corpus_db: tuple[Path, Summary]) -> None:
    db, _ = corpus_db
    code, out, _ = run("person", "Olshansky", "--db", str(db))
    assert code == 0 and re.search(r"003_dd026571fd189f9d\.txt:\d+ \(note 39, ", out)


def test_names_explains_each_join(corpus_db: tuple[Path, Summary]) -> None:
    db, _ = corpus_db
    code, out, _ = run("names", "Krivitsky", "--db", str(db))
    assert code == 0
    for alias in ("Samuel Ginsberg", "Walter Thomas", "Kritvitsky"):
        assert alias in out
    assert "the source says so: “real name”" in out
    assert "differs by one letter" in out


def test_merge_and_split_survive_a_rebuild(tmp_path: Path) -> None:
    need_shared()
    db = tmp_path / "kb.sqlite"
    sources = [
        str(CORPUS / n)
        for n in ("001_6e4e8980019ef5a9.txt", "004_048388acb60f1b94.txt")
    ]
    assert run("build", *sources, "--db", str(db))[0] == 0

    def card(name: str) -> str:
        return run("names", name, "--db", str(db))[1].splitlines()[0]

    assert card("Shpiegelglass") != card("Shpigel'glaz")
    assert run("merge", "Shpiegelglass", "Shpigel'glaz", "--db", str(db))[0] == 0
    assert card("Shpiegelglass") == card("Shpigel'glaz")
    assert "Yan Berzin" in run("names", "Berzin", "--db", str(db))[1]
    code, _, err = run("split", "Berzen", "--from", "Yan Berzin", "--db", str(db))
    assert code == 0, err
    assert run("build", *sources, "--db", str(db))[0] == 0
    assert card("Shpiegelglass") == card("Shpigel'glaz")
    listing = run("names", "Yan Berzin", "--db", str(db))[1]
    variants = listing.split("Why these names")[0]
    assert "Berzen" not in variants and "≠ “Yan Berzin”" in listing
    curation = (tmp_path / "kb.curation.yaml").read_text(encoding="utf-8")
    assert "action: merge" in curation and "action: split" in curation


def test_a_rejected_event_is_hidden_from_every_listing(tmp_path: Path) -> None:
    from kartoteka.curation import Decision, append, default_path
    from kartoteka.store import connect

    source = tmp_path / "artuzov.txt"
    source.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    assert run("build", str(source), "--db", str(db))[0] == 0
    with connect(db) as conn:
        shot = conn.execute("SELECT id FROM events WHERE type = 'executed'").fetchone()
    assert "executed" in run("timeline", "Artuzov", "--db", str(db))[1]
    append(default_path(db), Decision("reject-event", event=shot["id"]))
    for command in (("timeline", "Artuzov"), ("person", "Artuzov"), ("events",)):
        listing = run(*command, "--db", str(db))[1]
        assert "executed" not in listing and "arrested" in listing
    default_path(db).write_text("- action: nonsense\n", encoding="utf-8")
    code, _, err = run("timeline", "Artuzov", "--db", str(db))
    assert code == 1 and "kb.curation.yaml" in err


def test_a_decision_about_an_event_that_is_gone_is_reported(tmp_path: Path) -> None:
    from kartoteka.curation import Decision, append, default_path

    source = tmp_path / "artuzov.txt"
    source.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    append(default_path(db), Decision("confirm-event", event="0123456789abcdef"))
    code, out, err = run("build", str(source), "--db", str(db))
    assert code == 0
    assert "no event 0123456789abcdef any more" in out + err
    assert "0123456789abcdef" in default_path(db).read_text(encoding="utf-8")
