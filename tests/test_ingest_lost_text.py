"""Text that used to be lost without a word: an unclosed <head>, invisible and
decomposed characters inside names, damaged or unusual encodings, a right-to-left
line among English ones. Every document here is written for these tests."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from kartoteka.ingest import (
    IngestError,
    discover,
    document_from_text,
    read_document,
)
from kartoteka.ingest.decode import decode_bytes
from kartoteka.model import Document, Passage

ENGLISH = (
    "The commissar was taken from his office on a cold April morning, and the "
    "court sentenced him the following winter after a short closed hearing."
)
RUSSIAN = (
    "Бывшего наркома увезли из кабинета холодным апрельским утром, а следующей "
    "зимой его судили на коротком закрытом заседании."
)


def _clean(document: Document) -> list[str]:
    return [p.clean for p in document.passages if p.kind != "boilerplate"]


def _passage_with(document: Document, needle: str) -> Passage:
    found = [p for p in document.passages if needle in p.clean]
    assert found, f"no passage contains {needle!r}: {_clean(document)}"
    return found[0]


# 5. An unclosed <head> (legal HTML5) swallowed the whole body.


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Card</title><p>{}</p></html>",
        "<!DOCTYPE html><head><meta charset=utf-8><title>Card</title>\n{}\n",
        "<html><head><link rel=stylesheet href=a.css><div>{}</div>",
        "<html><head><script>var x = '<p>';</script><img src=a.png>{}",
    ],
)
def test_body_text_after_an_unclosed_head_is_read(page: str) -> None:
    document = document_from_text(page.format(ENGLISH), "page.html")
    assert _clean(document) == [ENGLISH]
    assert document.title == "Card" or "title" not in page


def test_head_content_stays_out_of_the_body() -> None:
    page = "<html><head><title>Card</title><style>p {{}}</style><p>{}</p>"
    document = document_from_text(page.format(ENGLISH), "page.html")
    assert _clean(document) == [ENGLISH]


# 6. Invisible format characters and decomposed letters inside names.


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202b"],
)
def test_invisible_characters_inside_a_name_are_dropped(invisible: str) -> None:
    text = f"Nikolai Ye{invisible}zhov was arrested in April 1939.\n"
    document = document_from_text(text, "note.txt")
    passage = _passage_with(document, "Nikolai Yezhov was arrested")
    start, end = passage.original_span(0, len("Nikolai Yezhov"))
    assert text[start:end] == f"Nikolai Ye{invisible}zhov"


def test_bidi_isolates_and_embeddings_are_dropped() -> None:
    text = "He met \u2066Yezhov\u2069 and \u202aFrinovsky\u202c in the \u2067office.\n"
    document = document_from_text(text, "note.txt")
    assert _clean(document) == ["He met Yezhov and Frinovsky in the office."]


def test_decomposed_letters_are_composed_and_span_their_original_characters() -> None:
    composed = "Николай Ёжиков и Йосиф Гай были арестованы."
    text = unicodedata.normalize("NFD", composed)
    assert len(text) > len(composed)
    document = document_from_text(text, "note.txt")
    passage = _passage_with(document, "Ёжиков")
    assert passage.clean == composed
    i, at = composed.index("Ё"), text.index("Е\u0308")
    assert (passage.starts[i], passage.ends[i]) == (at, at + 2)
    start, end = passage.original_span(i, i + len("Ёжиков"))
    assert unicodedata.normalize("NFC", text[start:end]) == "Ёжиков"


def test_decomposed_html_entity_mark_is_composed() -> None:
    page = "<html><p>Нико<b>лаи&#774;</b> Ежов</p></html>"
    document = document_from_text(page, "page.html")
    assert _clean(document) == ["Николай Ежов"]


# 7. Decoding: damaged UTF-8, UTF-16 without a mark, stray NULs, a Hebrew line.


def _read(tmp_path: Path, data: bytes, name: str = "note.txt") -> Document:
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path, name)


@pytest.mark.parametrize("sample", [ENGLISH.replace("and", "and “so”"), RUSSIAN])
def test_mostly_utf8_with_bad_bytes_is_utf8_with_a_warning(
    tmp_path: Path, sample: str
) -> None:
    head = (sample + "\n\n").encode("utf-8")
    document = _read(tmp_path, head + b"\xff\xfe " + head)
    assert document.encoding == "utf-8"
    assert document.text.count(sample) == 2 and "\ufffd\ufffd" in document.text
    assert document.warnings == (
        f"2 bytes not valid UTF-8 (at byte offsets {len(head)}, {len(head) + 1}), "
        "read as UTF-8 with each replaced by U+FFFD",
    )


def test_a_clean_legacy_file_is_still_read_in_its_own_encoding(
    tmp_path: Path,
) -> None:
    document = _read(tmp_path, RUSSIAN.encode("cp1251"))
    assert (document.encoding, document.text, document.warnings) == (
        "cp1251",
        RUSSIAN,
        (),
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("sample", [ENGLISH, RUSSIAN])
def test_utf16_without_a_byte_order_mark_is_read(
    tmp_path: Path, encoding: str, sample: str
) -> None:
    document = _read(tmp_path, f"{sample}\n\n{sample}\n".encode(encoding))
    assert document.encoding == encoding
    assert _clean(document) == [sample, sample]


def test_stray_nul_bytes_are_dropped_with_a_warning(tmp_path: Path) -> None:
    head = (ENGLISH + "\n\n").encode("utf-8")
    document = _read(tmp_path, head + b"\x00" + RUSSIAN.encode("utf-8") + b"\x00")
    assert _clean(document) == [ENGLISH, RUSSIAN]
    offsets = f"{len(head)}, {len(head) + 1 + len(RUSSIAN.encode('utf-8'))}"
    assert document.warnings == (
        f"2 stray NUL bytes dropped (at byte offsets {offsets})",
    )


def test_many_nul_bytes_still_mean_a_binary_file(tmp_path: Path) -> None:
    data = ENGLISH.encode("ascii") + bytes(64) + ENGLISH.encode("ascii")
    with pytest.raises(IngestError, match=r"^x\.bin: binary file \(NUL bytes\)"):
        decode_bytes(data, "x.bin")


def test_a_hebrew_line_inside_english_lines_takes_no_english_with_it() -> None:
    hebrew = "ברוכים הבאים לאתר שלנו, כאן תמצאו מידע רב על תולדות המשפחה שלכם ועוד"
    words = ENGLISH.split()
    lines = [" ".join(words[:12]), " ".join(words[12:])]
    for text in (f"{hebrew}\n{lines[0]}\n{lines[1]}\n", f"{lines[0]}\n{hebrew}\n"):
        document = document_from_text(text, "page.txt")
        kinds = {p.clean: p.kind for p in document.passages}
        assert kinds[hebrew] == "boilerplate"
        assert all(
            kind != "boilerplate" for clean, kind in kinds.items() if clean != hebrew
        )
        assert " ".join(_clean(document)).startswith(lines[0])


# File names: one that is not UTF-8 used to crash the store and lose the build.


def test_a_file_name_that_is_not_utf8_is_named_with_escapes(tmp_path: Path) -> None:
    with open(os.fsencode(tmp_path) + b"/caf\xe9.txt", "wb") as out:
        out.write(ENGLISH.encode())
    jobs, errors = discover([tmp_path])
    assert errors == [] and [name for _, name in jobs] == ["caf\\xe9.txt"]
    document = read_document(*jobs[0])
    assert document.file == "caf\\xe9.txt" and _clean(document) == [ENGLISH]


def test_problem_lines_show_control_characters_in_names_as_escapes() -> None:
    from kartoteka.cli.app import printable as one_line

    assert one_line("bad\nname\t\x07.txt") == "bad\\nname\\t\\x07.txt"
    assert one_line("ünïcödé name.txt") == "ünïcödé name.txt"


def test_an_english_sentence_inside_hebrew_markup_is_read() -> None:
    hebrew = "ברוכים הבאים לאתר, כאן תמצאו מידע רב על תולדות המשפחה שלכם ועוד"
    page = f"<html><body><div>{ENGLISH} <span>{hebrew * 3}</span></div></html>"
    document = document_from_text(page, "page.html")
    assert [p.kind for p in document.passages] == ["body"]
    footer = f"<html><body><p>{ENGLISH}</p><div>{hebrew} (GFDL) JewAge</div></html>"
    kinds = [p.kind for p in document_from_text(footer, "page.html").passages]
    assert kinds == ["body", "boilerplate"]
