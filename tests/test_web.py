"""The web app through an in-process client, over the real sample corpus.

Every page is read as a browser would get it; the assertions check that what is
shown traces to the knowledge base: links open the cited span, the variants are
the card's, and text from the sources arrives escaped.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_support import client, copy_kb, extended_kb

from kartoteka.build import Summary

SPAN_LINK = re.compile(r'href="/doc/([0-9a-f]+)#(\d+)-(\d+)"')


@pytest.fixture(scope="module")
def web(corpus_db: tuple[Path, Summary]) -> TestClient:
    return client(corpus_db[0])


@pytest.fixture(scope="module")
def kb(corpus_db: tuple[Path, Summary]) -> sqlite3.Connection:
    db = sqlite3.connect(corpus_db[0])
    db.row_factory = sqlite3.Row
    return db


def yezhov(web: TestClient) -> str:
    page = web.get("/search", params={"q": "Ежов"}).text
    found = re.search(r'class="card-link" href="/card/([\w-]+)">([^<]+)<', page)
    assert found, "searching Ежов found no person"
    assert "Yezhov" in found.group(2)
    return found.group(1)


def test_front_page_counts_and_lists_the_sources(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    page = web.get("/")
    assert page.status_code == 200
    for row in kb.execute("SELECT id, file FROM documents"):
        assert f'href="/doc/{row["id"]}"' in page.text and row["file"] in page.text


def test_search_finds_a_person_by_another_script_and_passages(web: TestClient) -> None:
    page = web.get("/search", params={"q": "Ежов"}).text
    assert "Nikolay Ivanovich Yezhov" in page
    assert "<mark>Ezhov</mark>" in page or "<mark>Yezhov</mark>" in page
    assert SPAN_LINK.search(page)


def test_search_finds_organizations_and_words(web: TestClient) -> None:
    page = web.get("/search", params={"q": "NKVD"}).text
    assert re.search(r'hits-org.*?href="/card/', page, re.S)
    words = web.get("/search", params={"q": "telegram holiday"}).text
    assert "<mark>telegram</mark>" in words and "<mark>holiday</mark>" in words


def test_search_survives_odd_input(web: TestClient) -> None:
    for query in ['"', "NEAR(", "*", "a OR", "—", "<b>"]:
        assert web.get("/search", params={"q": query}).status_code == 200
    assert web.get("/search", params={"q": "<b>"}).text.count("<b>") == 0


def test_passage_links_open_the_passage(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    page = web.get("/search", params={"q": "Krivitsky"}).text
    document, start, end = SPAN_LINK.search(page).groups()  # type: ignore[union-attr]
    text = kb.execute("SELECT text FROM documents WHERE id = ?", (document,)).fetchone()
    assert "Krivitsky" in text[0][int(start) : int(end)]


def test_person_index_sorts_and_filters(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    most = kb.execute(
        "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM events GROUP BY person)"
    ).fetchone()[0]
    page = web.get("/persons", params={"sort": "events", "desc": "1"}).text
    first = re.search(r'<td class="num">\d+</td>\s*<td class="num">(\d+)</td>', page)
    assert first and int(first.group(1)) == most
    arrested = {
        r[0] for r in kb.execute("SELECT person FROM events WHERE type = 'arrested'")
    }
    page = web.get("/persons", params={"event": "arrested"}).text
    shown = set(re.findall(r'<td><a href="/card/([\w-]+)">', page))
    assert shown and shown <= arrested
    page = web.get("/persons", params={"decade": "1930s", "name": "yezh"}).text
    assert "Yezhov" in page and "Krivitsky" not in page


def test_card_shows_names_statements_and_exact_citations(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    card = web.get(f"/card/{yezhov(web)}").text
    for variant in ("Ezhov", "Yezhov", "Nikolai Yezhov"):
        assert f'<span class="variant">{variant}</span>' in card
    links = SPAN_LINK.findall(card)
    assert len(links) > 10
    evidence = {
        (r["document"], r["start"], r["end"]): r["evidence"]
        for r in kb.execute("SELECT document, start, end, evidence FROM events")
    }
    cited = [
        evidence[(d, int(s), int(e))]
        for d, s, e in links
        if (d, int(s), int(e)) in evidence
    ]
    assert cited, "no citation opens the span of an event"
    assert '<svg class="timeline"' in card and "<circle" in card


def test_card_timeline_draws_uncertain_dates_with_whiskers(web: TestClient) -> None:
    card = web.get(f"/card/{yezhov(web)}").text
    timeline = card[card.index('<svg class="timeline"') : card.index("</svg>")]
    assert re.search(
        r'class="tl-mark imprecise[^"]*">\s*<title>\d{4}(?:-\d\d)? \w+.*?</title>\s*'
        r'<path class="tl-whisker"',
        timeline,
        re.S,
    )
    assert re.search(
        r"<title>\d{4}-\d\d-\d\d appointed.*?</title>\s*<circle", timeline, re.S
    )


def test_card_shows_connections_with_their_sources(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    row = kb.execute(
        """SELECT ev.person, ev.agent, a.name FROM events ev
           JOIN entities a ON a.id = ev.agent WHERE a.type = 'person' LIMIT 1"""
    ).fetchone()
    if row is None:
        pytest.skip("no event with a person as agent in this knowledge base")
    card = web.get(f"/card/{row['person']}").text
    section = card[card.index('id="connections"') :]
    assert f'href="/card/{row["agent"]}">{html.escape(row["name"])}</a>' in section
    agent_card = web.get(f"/card/{row['agent']}").text
    assert f'href="/card/{row["person"]}"' in agent_card


def test_reader_links_mentions_footnotes_and_greys_boilerplate(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    document = kb.execute(
        """SELECT document FROM passages WHERE kind = 'footnote' AND note IS NOT NULL
           GROUP BY document ORDER BY COUNT(*) DESC LIMIT 1"""
    ).fetchone()[0]
    page = web.get(f"/doc/{document}").text
    assert re.search(r'<a class="m m-person" href="/card/person-\w+"', page)
    refs = set(re.findall(r'href="#note-([^"]+)"', page))
    notes = set(re.findall(r'id="note-([^"]+)"', page))
    assert refs and refs & notes
    boilerplate = kb.execute(
        "SELECT document FROM passages WHERE kind = 'boilerplate' LIMIT 1"
    ).fetchone()
    if boilerplate:
        assert "kind-boilerplate" in web.get(f"/doc/{boilerplate[0]}").text


def test_reader_pieces_keep_their_offsets(
    web: TestClient, kb: sqlite3.Connection
) -> None:
    for row in kb.execute("SELECT id, text FROM documents"):
        page = web.get(f"/doc/{row['id']}").text
        pieces = re.findall(r'<span data-o="(\d+)">([^<]*)</span>', page)
        assert pieces
        for start, shown in pieces:
            text = html.unescape(shown)
            assert row["text"][int(start) : int(start) + len(text)] == text


def test_network_ties_open_their_sources(web: TestClient) -> None:
    page = web.get("/network").text
    data = json.loads(
        re.search(r'id="graph-data">(.*?)</script>', page, re.S).group(1)  # type: ignore[union-attr]
    )
    assert data["nodes"] and data["links"]
    assert all(re.fullmatch(r"/doc/\w+#\d+-\d+", t["href"]) for t in data["links"])
    ids = {n["id"] for n in data["nodes"]}
    assert all(t["source"] in ids and t["target"] in ids for t in data["links"])
    narrow = web.get("/network", params={"since": "1938", "until": "1938"}).text
    narrow_data = re.search(r'id="graph-data">(.*?)</script>', narrow, re.S)
    assert narrow_data
    dates = [t["date"] for t in json.loads(narrow_data.group(1))["links"]]
    assert len(dates) < len(data["links"])
    assert all(d.startswith("1938") for d in dates)


def test_missing_pages_say_so(web: TestClient) -> None:
    assert web.get("/card/person-nope").status_code == 404
    assert web.get("/doc/nope").status_code == 404


def test_every_page_forbids_foreign_assets_and_hosts(web: TestClient) -> None:
    page = web.get("/")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert not re.search(r'(src|href)="(https?:)?//', page.text)
    assert web.get("/", headers={"host": "evil.example"}).status_code == 400
    assert web.get("/static/kartoteka.css").status_code == 200


def test_editing_is_off_unless_asked_for(web: TestClient) -> None:
    card = web.get(f"/card/{yezhov(web)}").text
    assert 'method="post"' not in card
    refused = web.post(f"/card/{yezhov(web)}/note", data={"text": "x"})
    assert refused.status_code == 403


@pytest.fixture
def editable(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_kb(extended_kb(tmp_path_factory), tmp_path)


def _form_key(page: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found, "no editing form on the page"
    return found.group(1)


def test_edits_need_the_token_the_form_key_and_this_origin(editable: Path) -> None:
    web = client(editable, edit=True, token="secret-token")
    curation = editable.with_name("kb.curation.yaml")
    card = re.search(r'href="/card/([\w-]+)"', web.get("/persons").text).group(1)  # type: ignore[union-attr]
    assert web.post(f"/card/{card}/note", data={"text": "x"}).status_code == 403
    assert web.get("/login", params={"token": "wrong"}).status_code == 401
    assert web.get("/login", params={"token": "secret-token"}).status_code == 200
    key = _form_key(web.get(f"/card/{card}").text)
    bad_key = web.post(f"/card/{card}/note", data={"text": "x", "csrf": "0" * 64})
    assert bad_key.status_code == 403
    foreign = web.post(
        f"/card/{card}/note",
        data={"text": "x", "csrf": key},
        headers={"origin": "http://evil.example"},
    )
    assert foreign.status_code == 403
    assert not curation.exists()
    ok = web.post(
        f"/card/{card}/note",
        data={"text": "Checked in the archive.", "csrf": key},
        headers={"origin": "http://127.0.0.1:8000"},
        follow_redirects=False,
    )
    assert ok.status_code == 303 and curation.exists()
    assert "Checked in the archive." in web.get(f"/card/{card}").text


def _login(editable: Path) -> TestClient:
    web = client(editable, edit=True, token="t0ken", author="Ada")
    web.get("/login", params={"token": "t0ken"})
    return web


def _card_of(web: TestClient, name: str) -> str:
    page = web.get("/search", params={"q": name}).text
    found = re.search(r'class="card-link" href="/card/([\w-]+)"', page)
    assert found, f"no card for {name}"
    return found.group(1)


def test_merge_then_split_change_the_card_and_the_curation_file(
    editable: Path,
) -> None:
    from kartoteka import curation

    web = _login(editable)
    feldbin = _card_of(web, "Feldbin")
    orlov = _card_of(web, "Alexander Orlov")
    assert feldbin != orlov
    key = _form_key(web.get(f"/card/{feldbin}").text)
    chooser = web.post(f"/card/{feldbin}/merge", data={"other": "Orlov", "csrf": key})
    assert "Alexander Orlov" in chooser.text and "merge with this card" in chooser.text
    merged = web.post(f"/card/{feldbin}/merge", data={"other": orlov, "csrf": key})
    assert merged.status_code == 200 and "The cards were merged." in merged.text
    for name in ("Lev Lazarevich Feldbin", "Alexander Orlov"):
        assert f'<span class="variant">{name}</span>' in merged.text
    decisions = curation.load(curation.default_path(editable))
    assert [d.action for d in decisions] == ["merge"]
    assert decisions[0].author == "Ada" and decisions[0].at
    assert {decisions[0].a.file, decisions[0].b.file} > {"zz_feldbin.txt"}  # type: ignore[union-attr]
    assert "merged “" in merged.text
    merged_id = str(merged.url).rsplit("/", 1)[-1].split("?")[0]
    split = web.post(
        f"/card/{merged_id}/split",
        data={"file": "zz_feldbin.txt", "name": "Lev Lazarevich Feldbin", "csrf": key},
    )
    assert split.status_code == 200
    assert '<span class="variant">Alexander Orlov</span>' not in split.text
    assert [d.action for d in curation.load(curation.default_path(editable))] == [
        "merge",
        "split",
    ]


def test_rejected_events_are_struck_and_left_off_the_timeline(editable: Path) -> None:
    web = _login(editable)
    card = _card_of(web, "Yezhov")
    page = web.get(f"/card/{card}").text
    key = _form_key(page)
    event = re.search(r'<svg class="timeline".*?href="#ev-(\w+)"', page, re.S).group(1)  # type: ignore[union-attr]
    after = web.post(
        f"/card/{card}/event",
        data={"event": event, "action": "reject-event", "csrf": key},
    ).text
    assert re.search(rf'id="ev-{event}" class="statement [^"]*rejected', after)
    timeline = after[after.index('<svg class="timeline"') : after.index("</svg>")]
    assert f"#ev-{event}" not in timeline
    assert "rejected by Ada" in after


def test_text_from_sources_is_escaped(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = extended_kb(tmp_path_factory)
    web = client(db)
    with sqlite3.connect(db) as kb:
        document = kb.execute(
            "SELECT id FROM documents WHERE file = 'zz_hostile.txt'"
        ).fetchone()[0]
    page = web.get(f"/doc/{document}").text
    assert "&lt;script&gt;" in page and "<script>document" not in page
    assert "<img" not in page
    found = web.get("/search", params={"q": "editor printed"}).text
    assert "<script>document" not in found and "&lt;script&gt;" in found


def test_a_kept_card_page_is_not_shown_to_an_editor(editable: Path) -> None:
    web = client(editable, edit=True, token="t0ken")
    card = _card_of(web, "Yezhov")
    for _ in range(2):  # the second read is the page kept by the server
        assert 'name="csrf"' not in web.get(f"/card/{card}").text
    web.get("/login", params={"token": "t0ken"})
    assert _form_key(web.get(f"/card/{card}").text)
