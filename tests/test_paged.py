"""Paged sources (PDF with a text layer, ALTO, hOCR, DOCX) read into documents
whose text the knowledge base stores and every span indexes: passages per page,
running heads and page numbers marked as furniture, words hyphenated across a
line joined, the same offsets on every run, and citations that say the page."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import zipfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from build_support import command
from paged_fixtures import PAGES, alto_text, docx_bytes, hocr_text, pdf_bytes
from web_support import client

from kartoteka.build import build
from kartoteka.ingest import IngestError, read_document
from kartoteka.model import Document
from kartoteka.pages import page_label, page_of


def write_pdf(path: Path) -> None:
    path.write_bytes(pdf_bytes())


def write_alto(path: Path) -> None:
    path.write_text(alto_text(), encoding="utf-8")


def write_hocr(path: Path) -> None:
    path.write_text(hocr_text(), encoding="utf-8")


WRITERS: dict[str, tuple[str, Callable[[Path], None]]] = {
    "pdf": ("book.pdf", write_pdf),
    "alto": ("page.xml", write_alto),
    "hocr": ("page.hocr", write_hocr),
    "docx": ("chapter.docx", docx_bytes),
}
FURNISHED = ("pdf", "alto", "hocr")  # the formats that set heads and page numbers


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("paged")
    for name, write in WRITERS.values():
        write(folder / name)
    return folder


def read(sources: Path, fmt: str) -> Document:
    name = WRITERS[fmt][0]
    return read_document(sources / name, name)


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_each_reader_lays_out_pages_with_clean_passages(
    sources: Path, fmt: str
) -> None:
    document = read(sources, fmt)
    assert document.format == fmt
    body = [p for p in document.passages if p.kind != "boilerplate"]
    cleans = [p.clean for p in body]
    assert "He commanded it for four years." in " ".join(cleans)
    assert "com-" not in " ".join(cleans)
    assert any(c.startswith("Ostrogin was arrested on 12 June 1937") for c in cleans)
    for passage in document.passages:
        for i, char in enumerate(passage.clean):
            start, end = passage.original_span(i, i + 1)
            original = document.text[start:end]
            assert char == " " or char in original, (fmt, passage.clean, i)
    arrested = document.text.index("arrested on 12 June")
    assert page_of(document.text, arrested) == 2
    assert page_of(document.text, document.text.index("Pavel Ostrogin")) == 1
    assert document.text.count("\f") == len(PAGES) - 1
    printed = 47 if fmt in FURNISHED else 2  # the DOCX prints no page numbers
    assert page_label(document.text, arrested) == printed


def test_printed_numbers_count_only_when_they_run_with_the_pages() -> None:
    in_step = "Preface\f12\nOne\f\nTwo\n13\f\nChapter\f15\nThree"
    assert page_label(in_step, in_step.index("Three")) == 15
    assert page_label(in_step, in_step.index("Chapter")) == 14  # prints none
    stray = "1937\nOne\f\nTwo\f\nThree\n12"
    assert page_label(stray, stray.index("Three")) == 3
    assert page_label("no pages here", 3) is None


@pytest.mark.parametrize("fmt", FURNISHED)
def test_running_heads_and_page_numbers_are_furniture(sources: Path, fmt: str) -> None:
    document = read(sources, fmt)
    furniture = [p.clean for p in document.passages if p.kind == "boilerplate"]
    head = "THE ARCHIVE OF THE COMMISSARIAT"
    assert furniture == [head, "46", head, "47"]
    kinds = {p.clean: p.kind for p in document.passages}
    assert kinds["In the spring of 1935 he was moved to Kharkov."] == "body"


def test_a_docx_heading_style_makes_a_heading(sources: Path) -> None:
    document = read(sources, "docx")
    assert (document.passages[0].kind, document.passages[0].clean) == (
        "heading",
        "Chapter Four",
    )
    assert document.title == "Chapter Four"
    assert {p.kind for p in document.passages[1:]} == {"body"}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_offsets_are_the_same_on_every_run(
    sources: Path, tmp_path: Path, fmt: str
) -> None:
    first = read(sources, fmt)
    name, write = WRITERS[fmt]
    write(tmp_path / name)
    again = read_document(tmp_path / name, name)
    assert again.text == first.text
    assert [(p.start, p.end, p.kind) for p in again.passages] == [
        (p.start, p.end, p.kind) for p in first.passages
    ]


def test_bad_paged_files_are_one_clear_line(tmp_path: Path) -> None:
    cases = {
        "cut.pdf": pdf_bytes()[:300],
        "scan.pdf": pdf_bytes([["", ""], [""]]),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    with zipfile.ZipFile(tmp_path / "broken.docx", "w") as docx:
        docx.writestr("word/document.xml", "<w:document><w:body>")
    (tmp_path / "broken.xml").write_text("<alto><Layout><Page>", encoding="utf-8")
    expected = {
        "cut.pdf": "not a readable PDF",
        "scan.pdf": "no text layer",
        "broken.docx": "not a readable DOCX",
        "broken.xml": "not well-formed ALTO XML",
    }
    for name, said in expected.items():
        with pytest.raises(IngestError, match=said) as caught:
            read_document(tmp_path / name, name)
        assert caught.value.file == name
        assert "\n" not in caught.value.problem


@pytest.mark.slow
def test_a_build_of_paged_sources_cites_pages(sources: Path, tmp_path: Path) -> None:
    """Every mention is `text[start:end]` of the stored text; the card cites the
    page and the source reader marks where each page begins."""
    db = tmp_path / "kb.sqlite"
    summary = build([sources], db, workers=2)
    assert summary.documents == len(WRITERS) and not summary.skipped
    run = subprocess.run(
        command("person", "Ostrogin", "--db", str(db)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    cited = {
        line.split(" (")[0].strip()
        for line in run.stdout.splitlines()
        if "arrested on 12 June" in line
    }
    assert cited == {
        "book.pdf, p. 47",
        "page.xml, p. 47",
        "page.hocr, p. 47",
        "chapter.docx, p. 2",
    }
    with closing(sqlite3.connect(db)) as kb:
        rows = kb.execute(
            "SELECT d.id, d.text, m.start, m.end, m.text FROM mentions m "
            "JOIN documents d ON d.id = m.document"
        ).fetchall()
        pdf = kb.execute("SELECT id FROM documents WHERE file = 'book.pdf'").fetchone()
    assert rows
    for _, text, start, end, said in rows:
        assert text[start:end] == said
    page = client(db).get(f"/doc/{pdf[0]}").text
    assert re.findall(r'class="page-mark" id="page-(\d+)"', page) == ["46", "47"]
