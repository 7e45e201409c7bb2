"""The scorer's candidates: dates told by reference, and a step after a span."""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.extract.dates.find import find_dates
from kartoteka.extract.dates.relative import find_measured
from kartoteka.extract.scorer import document_candidates
from kartoteka.extract.scorer.units import document_units
from kartoteka.ingest import document_from_text

STORY = (
    "Ilya Markovich Zuev (1896 — 1939) was a Soviet security officer.\n\n"
    "In 1921 Zuev joined the party. The following year Zuev was posted to the "
    "border guards. On 3 March 1930 Zuev was arrested. Four months later Zuev "
    "was released.\n\n"
    "Zuev became chief of the district office two weeks after the raid on the "
    "grain depot (2 May 1931).\n\n"
    "Zuev was head of the county militia from 1932 to 1935 and then secretary "
    "of the city committee until 1937.\n"
)


def _read(text: str) -> tuple[list[str], list[tuple[str, str | None, str, str]]]:
    """The keys of every unit's dates, and the candidates as (type, date, part, cue
    word)."""
    document = document_from_text(text, "own.txt")
    found, analyses = extract_by_rules(document)
    units = document_units(document, analyses, found.mentions)
    keys = [d.key or "" for u in units for d in u.dates]
    candidates = document_candidates(document, analyses, found.mentions)
    return keys, [(c.type, c.value, c.part, c.word.text) for c, _ in candidates]


def test_dates_told_by_reference_are_counted_from_the_story() -> None:
    keys, candidates = _read(STORY)
    assert "1922" in keys  # the year after 1921
    assert "1930-07" in keys  # four months after 3 March 1930
    assert "1931-05-16" in keys  # two weeks after the raid dated after it
    assert ("appointed", "1931-05-16", "", "chief") in candidates
    assert ("released", "1930-07", "", "released") in candidates


def test_a_step_told_then_after_a_span_starts_when_the_span_ends() -> None:
    _, candidates = _read(STORY)
    assert ("appointed", "1935", "end", "secretary") in candidates
    # the span's own post keeps its start and end
    assert ("appointed", "1932", "start", "head") in candidates
    assert ("appointed", "1935", "end", "head") not in candidates


def test_offsets_from_a_named_event_count_from_its_date() -> None:
    english = find_measured("made chief three days after the fire at the depot")
    assert [(r.unit, r.offset) for r in english] == [("day", 3)]
    russian = find_measured("назначен через десять дней после ареста брата")
    assert [(r.unit, r.offset) for r in russian] == [("day", 10)]
    # "a year after," with nothing named after it counts from the story instead
    assert find_measured("He left a year after, in silence.") == []


def test_a_later_year_inside_a_sentence_moves_the_story_on() -> None:
    text = (
        "In 1924 he moved to Kiev. The depot was closed in 1926, which cost "
        "him his post in October."
    )
    assert [d.edtf for d in find_dates(text)] == ["1924", "1926", "1926-10"]
    text = (
        "In 1930 he moved to Kiev. He recalled the formation in 1925 of a "
        "bloc. In May he left."
    )
    assert [d.edtf for d in find_dates(text)] == ["1930", "1925", "1930-05"]
