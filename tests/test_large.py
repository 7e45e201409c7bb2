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

OPENING = "In March 1937 Nikolai Ezhov ordered the arrest of Genrikh Iagoda. "
CLOSING = "On 3 May 1939 officers arrested Isaak Babel in Peredelkino. "


def filler(chars: int, seed: int = 1, sentence_words: int = 12) -> str:
    """Lowercase made-up words in sentences, about `chars` characters long."""
    rng = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < chars:
        word = "".join(rng.choices(string.ascii_lowercase, k=rng.randint(20, 40)))
        if len(words) % sentence_words == sentence_words - 1:
            word += "."
        words.append(word)
        size += len(word) + 1
    return " ".join(words) + " "


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
    found = {name: start for start, _, name in rows}
    assert found["Babel"] > 1_100_000 and found["Iagoda"] < 100
    assert all(text[start:end] == name for start, end, name in rows)
    assert ("arrested", text.index(CLOSING)) in events


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
