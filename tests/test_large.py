"""Big inputs: passages longer than a model reads, documents larger than a worker's
fair share, files over the size limit.

The texts are generated here: long runs of made-up filler words (cheap for the
models) around a few sentences written for these tests.
"""

from __future__ import annotations

import random
import sqlite3
import string
from pathlib import Path

from kartoteka.build import build
from kartoteka.extract import extract
from kartoteka.ingest import document_from_text
from kartoteka.ingest.bounded import MAX_PASSAGE_CHARS

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
