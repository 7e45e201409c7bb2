"""Big inputs: passages longer than a model reads, documents larger than a worker's
fair share, files over the size limit.

The texts are generated here: long runs of made-up filler words (cheap for the
models) around a few sentences written for these tests.
"""

from __future__ import annotations

import random
import sqlite3
import string
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from kartoteka.build import build
from kartoteka.extract import extract
from kartoteka.extract.mentions.propagate import NameFinder
from kartoteka.extract.parts import extract_part, merge_parts, part_count
from kartoteka.ingest import document_from_text
from kartoteka.ingest.bounded import MAX_PASSAGE_CHARS
from kartoteka.model import Mention

KARTOTEKA = (sys.executable, "-m", "kartoteka.cli")
T = TypeVar("T")

OPENING = "The NKVD arrested Nikolai Ezhov in April 1939. "
CLOSING = "In March 1938 Genrikh Iagoda was shot in Moscow. "


def filler(chars: int, seed: int = 1) -> str:
    """Sentences of lowercase made-up words, about `chars` characters long."""
    rng = random.Random(seed)
    sentences: list[str] = []
    size = 0
    while size < chars:
        words = [
            "".join(rng.choices(string.ascii_lowercase, k=rng.randint(40, 80)))
            for _ in range(10)
        ]
        sentences.append("It " + " ".join(words) + ".")
        size += len(sentences[-1]) + 1
    return " ".join(sentences) + " "


def test_a_passage_over_a_million_characters_is_read_to_its_end(
    tmp_path: Path,
) -> None:
    """One line of 1.1 million characters: spaCy refuses more than a million at
    once (E088), which used to lose the whole file."""
    text = OPENING + filler(1_100_000) + CLOSING
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "one-line.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    summary = build([tmp_path / "corpus"], db, workers=1)
    assert summary.skipped == []
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT start, end, text FROM mentions").fetchall()
        events = con.execute("SELECT type, start FROM events").fetchall()
    found = {name.split()[-1]: start for start, _, name in rows}
    assert found["Ezhov"] < 100 and found["Iagoda"] > 1_100_000
    assert all(text[start:end] == name for start, end, name in rows)
    assert ("executed", text.index(CLOSING)) in events


def test_long_paragraphs_are_cut_at_sentence_ends_and_keep_their_spans() -> None:
    body = filler(3 * MAX_PASSAGE_CHARS) + "\n"
    wrapped = "\n".join(body[i : i + 70] for i in range(0, len(body), 70))
    for text in (body, wrapped):
        document = document_from_text(text, "long.txt")
        assert len(document.passages) >= 3
        for passage in document.passages:
            assert len(passage.clean) <= MAX_PASSAGE_CHARS
            assert passage.clean.endswith(".")
            for i in range(0, len(passage.clean), 101):
                start, end = passage.original_span(i, i + 1)
                assert text[start:end] in (passage.clean[i], "\n")
        covered = "".join(p.clean for p in document.passages).replace(" ", "")
        assert covered == "".join(text.split())


def test_a_long_russian_paragraph_is_read_to_its_end() -> None:
    """natasha reads a long paragraph in bounded pieces too."""
    rng = random.Random(3)
    letters = "абвгдежзиклмнопрстуфхцчшэюя"
    words = ["".join(rng.choices(letters, k=rng.randint(6, 12))) for _ in range(12_000)]
    text = (
        "Генрих Ягода был арестован в 1937 году. "
        + " ".join(words)
        + ". В 1940 году Николай Ежов был расстрелян в Москве.\n"
    )
    document = document_from_text(text, "ru.txt")
    assert len(document.passages) > 1
    mentions = extract(document).mentions
    names = {m.text for m in mentions if m.type == "person"}
    assert {"Ягода", "Ежов"} <= {n.split()[-1] for n in names}
    assert all(text[m.start : m.end] == m.text for m in mentions)


def paragraphs(count: int, seed: int) -> str:
    """Paragraphs of filler, 2,000 characters each, separated by blank lines."""
    return "".join(filler(2_000, seed=seed * 1_000 + i) + "\n\n" for i in range(count))


NAMED = "Commissar Karl Pauker was arrested in April 1937.\n\n"
# The model alone misses the bare surname here, or calls it a place.
BARE = "Pauker signed it. Copies went to Pauker.\n\n"
RESTATED = "Pauker was arrested in April 1937 in Moscow.\n\n"


def test_parts_of_a_document_merge_into_what_the_whole_gives() -> None:
    """A surname standing alone in a later part is the person named in full in
    the first, and a restatement in another part is the same event."""
    text = NAMED + paragraphs(60, 1) + BARE + paragraphs(60, 2) + RESTATED
    document = document_from_text(text, "parts.txt")
    count = part_count(len(text))
    parts = [extract_part(document, index, count) for index in range(count)]
    merged = merge_parts(parts)
    whole = extract(document)

    def spans(mentions: tuple[Mention, ...]) -> list[tuple[int, int, str]]:
        return [(m.start, m.end, m.type) for m in mentions]

    bare = text.index(BARE)
    assert count == 3
    assert "person" not in {m.type for m in parts[1].mentions if m.start >= bare}
    assert spans(merged.mentions) == spans(whole.mentions)
    assert {m.type for m in merged.mentions if m.start >= bare} >= {"person"}
    assert [(e.type, e.date, e.start) for e in merged.events] == [
        ("arrested", "1937-04", 0)
    ]
    assert merged.document == document


def test_a_large_file_is_built_in_parts_by_all_workers(tmp_path: Path) -> None:
    text = NAMED + paragraphs(60, 1) + BARE + paragraphs(60, 2) + RESTATED
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "large.txt").write_text(text, encoding="utf-8")
    (tmp_path / "corpus" / "small.txt").write_text(NAMED, encoding="utf-8")
    totals: list[tuple[str, int]] = []

    def progress(items: Iterable[T], total: int, stage: str) -> Iterable[T]:
        totals.append((stage, total))
        return items

    db = tmp_path / "kb.sqlite"
    summary = build([tmp_path / "corpus"], db, workers=2, progress=progress)
    assert totals[0] == ("extracting", part_count(len(text)) + 1)
    assert summary.documents == 2
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT m.start, m.end, m.text, m.entity FROM mentions m JOIN documents d"
            " ON m.document = d.id WHERE d.file = 'large.txt' AND m.type = 'person'"
        ).fetchall()
    assert len(rows) == 4 and all(text[s:e] == name for s, e, name, _ in rows)
    assert len({entity for *_, entity in rows}) == 1


def test_a_file_over_the_size_limit_is_skipped_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "big.txt").write_text(paragraphs(30, 3), encoding="utf-8")
    (tmp_path / "corpus" / "small.txt").write_text(NAMED, encoding="utf-8")
    run = subprocess.run(
        [
            *KARTOTEKA,
            "build",
            str(tmp_path / "corpus"),
            "--db",
            str(tmp_path / "kb.sqlite"),
            "--max-file-size",
            "0.05",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if "big.txt" in line]
    assert warnings == [
        "warning: big.txt: 0.1 MB is over the size limit of 0.05 MB "
        "(--max-file-size), skipped"
    ]
    assert "1 documents" in run.stdout


def test_names_are_found_as_whole_words_longest_first() -> None:
    finder = NameFinder(["Karl Pauker", "Pauker", "Karl", "Ivanov-Razumnik"])
    text = "Karl Pauker met Paukers, anti-Pauker Karl and Ivanov-Razumnik; Pauker."
    found = [text[start:end] for start, end in finder.finditer(text)]
    assert found == ["Karl Pauker", "Karl", "Ivanov-Razumnik", "Pauker"]
