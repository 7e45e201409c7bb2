"""A user's decisions applied at once, as the CLI and the web app record them.

Two short sources of our own: a person named by initials in one, by a given
name in the other, so a merge has two candidate names for the card.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_support import client

from kartoteka.cli import main
from kartoteka.curation import default_path, load
from kartoteka.store import connect

INITIALS = (
    "Birth records\n\n"
    "L. L. Feldbin was born in Bobruisk in 1895. "
    "L. L. Feldbin joined the Cheka in 1920.\n"
)
GIVEN = (
    "Defectors\n\n"
    "Alexander Orlov fled from Spain in 1938. Orlov lived in America afterwards.\n"
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("curate")
    (folder / "sources").mkdir()
    (folder / "sources" / "a.txt").write_text(INITIALS, encoding="utf-8")
    (folder / "sources" / "b.txt").write_text(GIVEN, encoding="utf-8")
    code, out = run("build", str(folder / "sources"), "--db", str(folder / "kb.sqlite"))
    assert code == 0, out
    return folder


@pytest.fixture
def kb(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built / "sources", tmp_path / "sources")
    shutil.copy(built / "kb.sqlite", tmp_path / "kb.sqlite")
    return tmp_path / "kb.sqlite"


def card_line(db: Path, name: str) -> str:
    code, out = run("names", name, "--db", str(db))
    assert code == 0, out
    return out.splitlines()[0]


def test_a_live_merge_names_the_card_as_the_rebuild_does(kb: Path) -> None:
    assert card_line(kb, "Feldbin") != card_line(kb, "Orlov")
    assert run("merge", "Feldbin", "Orlov", "--db", str(kb))[0] == 0
    live = card_line(kb, "Orlov")
    assert live == card_line(kb, "Feldbin")
    assert run("build", str(kb.parent / "sources"), "--db", str(kb))[0] == 0
    assert card_line(kb, "Orlov") == live
    assert live.startswith("Alexander Orlov")


def test_names_shows_the_users_merges_and_splits_with_author_and_date(
    kb: Path,
) -> None:
    assert run("merge", "Feldbin", "Orlov", "--db", str(kb), "--author", "Ada")[0] == 0
    code, out = run(
        "split", "L. L. Feldbin", "--from", "Orlov", "--db", str(kb), "--author", "Bo"
    )
    assert code == 0, out
    at = [d.at for d in load(default_path(kb))]
    for name in ("Orlov", "Feldbin"):
        listing = run("names", name, "--db", str(kb))[1]
        decided = listing.split("Users' decisions about these names:")[1]
        pair = "“L. L. Feldbin” (a.txt) {} “Alexander Orlov” (b.txt)"
        assert f"{pair.format('=')}: merged by Ada on {at[0]}" in decided
        assert f"{pair.format('≠')}: split by Bo on {at[1]}" in decided


def test_an_event_id_that_does_not_exist_is_refused(kb: Path) -> None:
    code, out = run("reject-event", "0123456789abcdef", "--db", str(kb))
    assert code == 1
    assert "no event 0123456789abcdef" in out and len(out.strip().splitlines()) == 1
    assert not default_path(kb).exists()
    with connect(kb) as db:
        real = db.execute("SELECT id FROM events LIMIT 1").fetchone()["id"]
    assert run("confirm-event", real, "--db", str(kb))[0] == 0
    assert [d.event for d in load(default_path(kb))] == [real]


def test_the_web_refuses_an_event_id_that_does_not_exist(kb: Path) -> None:
    web = client(kb, edit=True, token="t0ken", author="Ada")
    web.get("/login", params={"token": "t0ken"})
    with connect(kb) as db:
        card = db.execute("SELECT person FROM events LIMIT 1").fetchone()["person"]
    page = web.get(f"/card/{card}").text
    key = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
    refused = web.post(
        f"/card/{card}/event",
        data={"event": "0123456789abcdef", "action": "reject-event", "csrf": key},
    )
    assert refused.status_code == 409
    assert "no event 0123456789abcdef" in refused.text
    assert not default_path(kb).exists()
    chooser = web.get(f"/card/{card}/merge", params={"q": "Orlov " * 2000})
    assert chooser.status_code == 400 and "characters long" in chooser.text


def _append_notes(path: Path, writer: int, count: int) -> None:
    from kartoteka.curation import Decision, Ref, append

    for i in range(count):
        note = Decision("note", Ref(f"w{writer}.txt", "Orlov"), text=f"{writer}:{i}")
        append(path, note)


def test_decisions_written_at_the_same_moment_are_all_kept(tmp_path: Path) -> None:
    import multiprocessing

    path = tmp_path / "kb.curation.yaml"
    context = multiprocessing.get_context("fork")
    writers = [
        context.Process(target=_append_notes, args=(path, w, 15)) for w in range(4)
    ]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
    assert [p.exitcode for p in writers] == [0, 0, 0, 0]
    texts = sorted(d.text or "" for d in load(path))
    assert texts == sorted(f"{w}:{i}" for w in range(4) for i in range(15))
    assert not list(tmp_path.glob("*.partial"))
