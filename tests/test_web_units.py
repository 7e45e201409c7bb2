"""The web UI's small parts on hand-made values: timeline, reader, search, guard."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from kartoteka.cards.timeline import timeline
from kartoteka.extract import Extraction
from kartoteka.ingest import document_from_text
from kartoteka.model import Entity, Mention
from kartoteka.query import Citation, Fact
from kartoteka.store import write
from kartoteka.web.reader import HTML_MARKUP, OTHER_MARKUP, own_parts, pieces, reading
from kartoteka.web.search import fts_query, marked_parts, stem
from kartoteka.web.security import form_key, same, same_origin


def fact(date: str | None, kind: str = "arrested", id: str = "e1") -> Fact:
    citation = Citation("a.txt", 0, 10, 1, "words")
    return Fact(kind, date, "asserted", None, None, None, citation, id=id)


def test_a_year_is_an_uncertain_moment_and_only_an_interval_is_a_bar() -> None:
    drawn = timeline(
        [fact("1937-05-13", id="day"), fact("1938", id="year"), fact("1939/1941")]
    )
    day, year, stretch = drawn.marks
    assert day.kind == "day" and day.width == 0
    assert year.kind == "imprecise" and year.x > day.x
    one_year = drawn.ticks[2].x - drawn.ticks[1].x
    assert abs(year.width - one_year) < 1  # the whiskers span the year
    assert abs(year.x - (year.low + year.high) / 2) < 0.2  # the dot sits in it
    assert stretch.kind == "interval" and stretch.width > 2 * one_year


def test_labels_near_the_right_edge_stand_left_of_their_mark() -> None:
    from kartoteka.cards.timeline import CHAR, WIDTH

    kinds = ("disrupted", "suicide", "executed", "appointed")
    facts = [fact(f"19{30 + i}", kind, id=kind) for i, kind in enumerate(kinds)]
    facts.append(fact("1945-12-30", "executed", id="last"))
    for mark in timeline(facts).marks:
        if mark.anchor == "start":
            assert mark.label_x + CHAR * len(mark.type) <= WIDTH
        else:
            assert (
                mark.label_x <= mark.low and mark.label_x - CHAR * len(mark.type) >= 0
            )
    assert timeline(facts).marks[-1].anchor == "end"


def test_marks_that_would_overlap_go_to_separate_lanes() -> None:
    drawn = timeline([fact("1937-05", id="a"), fact("1937-05-02", "shot", id="b")])
    assert drawn.marks[0].y != drawn.marks[1].y


def test_undated_and_rejected_facts_are_left_off() -> None:
    drawn = timeline(
        [fact(None, id="a"), fact("1937", id="b"), fact("1938", id="c")],
        rejected=frozenset({"c"}),
    )
    assert [m.id for m in drawn.marks] == ["b"] and drawn.undated == 1
    assert timeline([fact(None)]).marks == []


def test_uncertain_and_open_dates_are_drawn() -> None:
    drawn = timeline([fact("1937~", id="a"), fact("1936/..", id="b")])
    assert {m.id for m in drawn.marks} == {"a", "b"}
    assert next(m for m in drawn.marks if m.id == "a").uncertain


def test_html_markup_is_hidden_and_entities_decoded_offsets_kept() -> None:
    text = "<p>Passov &amp; <em>Spiegelglass</em></p>"
    found = pieces(text, 0, len(text), HTML_MARKUP)
    assert "".join(p.text for p in found) == "Passov & Spiegelglass"
    for piece in found:
        if piece.exact:
            assert text[piece.start : piece.end] == piece.text
    plain = pieces("a\r\nb", 0, 4, OTHER_MARKUP)
    assert [p.text for p in plain] == ["a", "", "\nb"]


def test_a_passage_shows_its_span_without_the_passages_set_inside_it() -> None:
    spans = [(0, 100), (40, 60), (70, 80), (120, 130)]
    assert own_parts(0, 100, spans) == [(0, 40), (60, 70), (80, 100)]
    assert own_parts(40, 60, spans) == [(40, 60)]
    assert own_parts(120, 130, spans) == [(120, 130)]


def test_the_reader_shows_a_caption_once_beside_the_sentence_it_cut(
    tmp_path: Path,
) -> None:
    text = (
        "The envoy waited a week in the town, because the governor would not\n\n"
        "Governor Orlov at his desk, 1921.\n(Museum collection)\n\n"
        "see anyone before the harvest was in, or so his clerk said.\n"
    )
    document = document_from_text(text, "caption.txt")
    at = text.index("Orlov")
    orlov = Mention(document.id, at, at + 5, "Orlov", "Orlov", "person", "en", "t")
    write(
        tmp_path / "kb.sqlite",
        [Extraction(document, (orlov,), ())],
        [Entity("person-orlov", "person", "Orlov", (orlov,))],
    )
    db = sqlite3.connect(tmp_path / "kb.sqlite")
    db.row_factory = sqlite3.Row
    shown = reading(db, document.id)
    assert shown is not None
    assert [b.kind for b in shown.blocks] == ["body", "caption"]
    body, caption = ([p for run in b.runs for p in run.pieces] for b in shown.blocks)
    words = " ".join("".join(p.text for p in body).split())
    assert "would not see anyone" in words and "Orlov" not in words
    assert [r.href for r in shown.blocks[1].runs if r.kind == "mention"] == [
        "/card/person-orlov"
    ]
    chars = sorted(i for p in body + caption for i in range(p.start, p.end))
    assert chars == list(range(document.passages[0].start, document.passages[0].end))
    assert all(text[p.start : p.end] == p.text for p in body + caption)


def test_full_text_queries_use_prefixes_stems_and_other_spellings() -> None:
    assert fts_query("Менжинского", []) == '("Менжинск"*)'
    assert fts_query("Ежов", ["Ezhov", "Yezhov"]) == (
        '("Ежов"*) OR ("Ezhov"*) OR ("Yezhov"*)'
    )
    assert fts_query('" NEAR(', []) == '("NEAR"*)'
    assert fts_query("—", []) is None
    assert stem("Петрова") == "Петров" and stem("Krivitsky") == "Krivitsky"


def test_snippets_split_at_the_match_marks() -> None:
    assert marked_parts("a \ue000b\ue001 c") == [
        ("a ", False),
        ("b", True),
        (" c", False),
    ]


def test_the_guard_compares_secrets_and_origins() -> None:
    assert same("x", "x") and not same("x", "y") and not same(None, "x")
    assert not same("", "")
    assert re.fullmatch(r"[0-9a-f]{64}", form_key("token"))
    assert form_key("token") != form_key("other")
    assert same_origin("http://127.0.0.1:8000", None, "127.0.0.1:8000")
    assert not same_origin("http://evil.example", None, "127.0.0.1:8000")
    assert not same_origin(None, "http://evil.example/x", "127.0.0.1:8000")
    assert same_origin(None, None, "127.0.0.1:8000")
    assert not same_origin("null", None, "127.0.0.1:8000")
