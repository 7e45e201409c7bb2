"""The web UI as a person uses it: Debian's Chromium against `kartoteka serve`.

The server runs as the real command on a free port of 127.0.0.1 over the sample
corpus (plus a source with a birth name and one with markup); Playwright drives
/usr/bin/chromium. Screenshots of the main pages are saved in out/screenshots/.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from playwright.sync_api import Browser, Page, sync_playwright
from web_support import extended_corpus

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "out" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Server:
    """`kartoteka serve --edit` in a subprocess, with its address and edit token."""

    def __init__(self, db: Path, corpus: Path) -> None:
        self.db, self.corpus = db, corpus
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "kartoteka.cli", "serve", "--db", str(db)]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port), "--edit", "--author", "Ada"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.token = self._wait_for_token()

    def _wait_for_token(self) -> str:
        assert self.process.stdout is not None
        token = None
        for line in self.process.stdout:
            found = re.match(r"Edit token: (\S+)", line)
            if found:
                token = found.group(1)
                break
        assert token, "kartoteka serve printed no edit token"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return token
            except OSError:
                time.sleep(0.1)
        raise AssertionError("kartoteka serve did not start listening")

    def rebuild(self) -> None:
        """Run `kartoteka build` again over the same sources into the same file."""
        command = [sys.executable, "-m", "kartoteka.cli", "build", str(self.corpus)]
        subprocess.run(
            [*command, "--db", str(self.db), "--workers", "2"],
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("browser")
    corpus = extended_corpus(folder)
    db = folder / "kb.sqlite"
    subprocess.run(
        [sys.executable, "-m", "kartoteka.cli", "build", str(corpus), "--db", str(db)],
        check=True,
        capture_output=True,
    )
    running = Server(db, corpus)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests skipped: {CHROMIUM} is missing and could not be "
            "installed ('make test' tries 'sudo apt-get install chromium')"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1366, "height": 860}, base_url=server.url
    )
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type == "error" else None
        ),
    )
    yield tab
    context.close()
    assert not problems, f"the page reported errors: {problems}"


def shot(page: Page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_search_in_cyrillic_lands_on_the_card(page: Page) -> None:
    page.goto("/")
    shot(page, "home")
    page.fill(".big-search input", "Ежов")
    page.press(".big-search input", "Enter")
    page.wait_for_url("**/search?q=*")
    shot(page, "search")
    page.click(".hits-person .card-link >> nth=0")
    page.wait_for_url("**/card/person-*")
    assert "Yezhov" in page.inner_text("h1")
    assert page.locator(".timeline .tl-mark").count() > 0
    shot(page, "card")
    shot(page, "card-full", full=True)


def test_a_citation_opens_the_source_at_the_highlighted_span(page: Page) -> None:
    page.goto("/search?q=Yezhov")
    page.click(".hits-person .card-link >> nth=0")
    first = page.locator(".statement").first
    quote = " ".join(first.locator(".quote").inner_text().split()).strip("“”")
    first.locator("a.cite").click()
    page.wait_for_selector("mark.hl")
    marked = page.eval_on_selector_all(
        "mark.hl", "marks => marks.map(m => m.textContent).join('')"
    )
    assert " ".join(marked.split()) == quote
    assert page.locator("#hl-first").is_visible()
    box = page.locator("#hl-first").bounding_box()
    assert box and 0 < box["y"] < 860
    shot(page, "reader")


def test_persons_index_and_network(page: Page) -> None:
    page.goto("/persons?sort=events&desc=1")
    assert page.locator("table.persons tbody tr").count() > 20
    shot(page, "persons")
    page.goto("/network")
    page.wait_for_selector("#graph[data-ready]")
    assert page.locator("#graph .node").count() > 10
    shot(page, "network")
    page.locator("#graph .node.centre circle").click()
    page.wait_for_url("**/card/*")


def test_network_recentres_and_finds_paths(page: Page) -> None:
    page.goto("/network?person=Lyushkov")
    page.wait_for_selector("#graph[data-ready]")
    assert "around Genrikh Samoilovich Lyushkov" in page.inner_text("h1")
    centre = page.locator("#graph .node.centre")
    box = centre.bounding_box()
    graph = page.locator("#graph").bounding_box()
    assert box and graph
    middle = box["x"] + box["width"] / 2 - graph["x"]
    assert abs(middle - graph["width"] / 2) < graph["width"] * 0.1
    shot(page, "network-lyushkov")
    page.locator("#graph .node:not(.centre) circle").first.click()
    page.wait_for_url("**/network?*person=*")
    assert "around Genrikh Samoilovich Lyushkov" not in page.inner_text("h1")
    page.fill("#paths input[name=a]", "Krivitsky")
    page.fill("#paths input[name=b]", "Yezhov")
    page.click("#paths button")
    page.wait_for_selector("#paths .path")
    assert "Walter Krivitsky" in page.inner_text("#paths .path >> nth=0")
    page.locator("#paths").scroll_into_view_if_needed()
    shot(page, "network-path")
    page.locator("#paths .path a.cite").first.click()
    page.wait_for_selector("mark.hl")


def test_cohort_table_downloads_as_csv(page: Page) -> None:
    page.goto("/cohort")
    page.select_option("select[name=event]", "defected")
    page.fill("input[name=from]", "1937")
    page.fill("input[name=to]", "1940")
    page.click("form.filters button")
    page.wait_for_selector("table.cohort")
    rows = page.locator("table.cohort tbody tr")
    assert rows.count() >= 3
    assert "37-38" in rows.filter(has_text="Walter Krivitsky").inner_text()
    shot(page, "cohort", full=True)
    with page.expect_download() as download:
        page.click("text=Download CSV")
    saved = download.value.path()
    assert saved.read_text(encoding="utf-8").startswith("person,person_id,names,born")


def test_a_merge_made_in_the_browser_survives_a_rebuild(
    page: Page, server: Server
) -> None:
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"/login?token={server.token}")
    assert "editing as Ada" in page.inner_text("header")
    page.goto("/search?q=Feldbin")
    page.click(".hits-person .card-link >> nth=0")
    page.fill(".merge-any input[name=other]", "Orlov")
    page.click(".merge-any button")
    page.locator("li", has_text="Alexander Orlov").locator("button").first.click()
    page.wait_for_selector(".notice")
    names = page.locator(".variant").all_inner_texts()
    assert "Lev Lazarevich Feldbin" in names and "Alexander Orlov" in names
    assert "merged" in page.inner_text("#decisions")
    shot(page, "card-after-merge")
    server.rebuild()
    page.goto("/search?q=Feldbin")
    page.click(".hits-person .card-link >> nth=0")
    names = page.locator(".variant").all_inner_texts()
    assert "Lev Lazarevich Feldbin" in names and "Alexander Orlov" in names
    assert "merged" in page.inner_text("#decisions")


def test_a_script_in_a_source_is_shown_as_text(page: Page) -> None:
    page.goto("/search?q=editor+printed")
    page.click(".search-passages .where a >> nth=0")
    page.wait_for_selector("mark.hl")
    text = page.inner_text("#reader")
    assert "<script>document.title" in text and "<img src=x" in text
    assert page.evaluate("window.pwned === undefined")
    assert page.title() != "pwned"


def test_timeline_labels_stay_inside_the_drawing(page: Page) -> None:
    page.goto("/search?q=Krivitsky")
    page.click(".hits-person .card-link >> nth=0")
    svg = page.locator("svg.timeline").bounding_box()
    assert svg
    labels = page.locator(".timeline .tl-label")
    assert labels.count() > 3
    for index in range(labels.count()):
        box = labels.nth(index).bounding_box()
        assert box and svg["x"] - 1 <= box["x"]
        assert box["x"] + box["width"] <= svg["x"] + svg["width"] + 1
    assert page.locator(".timeline .tl-mark.imprecise .tl-whisker").count() > 0
    page.locator("#timeline").screenshot(path=str(SHOTS / "timeline.png"))


def test_the_review_page_shows_two_cards_side_by_side_and_decides(
    page: Page, server: Server
) -> None:
    page.goto(f"/login?token={server.token}")
    page.goto("/review")
    sides = page.locator(".review-side")
    assert sides.count() == 2
    left, right = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert left and right and right["x"] >= left["x"] + left["width"] - 1
    assert abs(right["y"] - left["y"]) < 2
    question = page.inner_text("h2.question")
    shot(page, "review", full=True)
    page.click("button[value=same]")
    page.wait_for_selector(".notice")
    assert "Recorded: one person." in page.inner_text(".notice")
    assert page.inner_text("h2.question") != question
    shot(page, "review-after")
