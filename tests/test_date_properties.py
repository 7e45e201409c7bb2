"""Every date kartoteka writes is EDTF that `kartoteka.edtf` reads back.

Phrases are assembled at random from the project's own date vocabulary (month
and season words in both languages, vague parts, "about", ranges, relative
offsets, years and days); whatever the extractor makes of them must parse, with
its earliest day no later than its latest.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kartoteka.edtf import SEASONS, bounds, normalise_edtf, parse_edtf
from kartoteka.extract import extract
from kartoteka.extract.dates import datewords as w
from kartoteka.extract.dates import relative as r
from kartoteka.extract.dates.find import find_dates
from kartoteka.extract.events.counted import soon_after
from kartoteka.extract.events.dated import passage_dates
from kartoteka.extract.events.story import Story, settle
from kartoteka.ingest import document_from_text

RU_ENDINGS = ("", "я", "а", "е", "ь", "ой", "ом", "ью")
WORDS = sorted(
    set(w.MONTHS_EN)
    | {stem + ending for stem in w.MONTHS_RU for ending in RU_ENDINGS}
    | {stem + ending for stem in w.SEASONS for ending in RU_ENDINGS}
    | set(w.PARTS)
    | set(r.NUMBERS)
    | set(r.UNITS)
    | set(r.ORDINALS)
    | {"c.", "ca.", "circa", "about", "around", "approximately", "около", "примерно"}
    | {"after", "before", "since", "until", "till", "to", "and", "between", "from"}
    | {"later", "earlier", "afterwards", "following", "next", "previous", "same"}
    | {"the", "of", "in", "on", "that", "age", "aged", "trial", "ended", "opened"}
    | {"с", "по", "в", "до", "года", "году", "гг.", "г.", "через", "спустя"}
    | set(w.DECADE_WORDS)
    | {"того", "же", "следующего", "прошлом", "предыдущем", "чисел", "числах", "-х"}
    | {"–", "—", "-", ",", "(", ")", ".", "mid-", "s", "-е", "'s", "th", "st"}
)
years = st.integers(1850, 2000)
tokens = st.one_of(
    st.sampled_from(WORDS),
    years.map(str),
    years.map(lambda y: f"{y % 100:02d}"),
    years.map(lambda y: f"{y // 10}0s"),
    st.integers(0, 39).map(str),
    st.tuples(st.integers(1, 31), st.integers(1, 12), years).map(
        lambda t: f"{t[0]:02d}.{t[1]:02d}.{t[2]}"
    ),
)
# The shapes the sources write dates in, with slots the vocabulary fills.
SHAPES = (
    "{d} {m} {y}",
    "{m} {d}, {y}",
    "{q} {y}",
    "{q} {m} {y}",
    "the {s} of {y}",
    "{a} {y}",
    "{a} {y} год",
    "{y}{dash}{y2}",
    "{y}{dash}{yy}",
    "from {d} {m} {y} {to} {d} {m} {y}",
    "{d} {m} {to} {y}",
    "between {d} and {d} {m} {y}",
    "{d}{dash}{d} {m} {y}",
    "{m}{dash}{m} {y}",
    "{q} {y}0s",
    "from {m} {y} {to} {m} {y}",
    "from {y} {to} {y2}",
    "{d} {m}",
    "in {m}",
    "{m} {d}",
    "{n} {unit} later",
    "{n} {unit} before,",
    "the {shift} year",
    "{m} of the {shift} year",
    "the {o} of that month",
    "{d} {m} of the {shift} year",
    "at the age of {n}",
    "the {s}",
    "the {s} of the {shift} year",
    "{n} {unit} after the trial ended",
    "in {n} {unit} ",
    "later that {unit}",
    "the {unit} after,",
    "the {shift} {m}",
    "{d} {mru}а {y} года",
    "{sru} {y} года",
    "в {qru} {y} года",
    "с {y} по {y2} год",
    "{y}{dash}{yy} гг.",
    "через {n} {unit}",
    "в следующем году",
    "на следующий день",
    "{d}{dash}{d} {mru}я {y} года",
    "{mru}е {y} года",
    "в {y}-е годы",
    "{d}.{d}.{y}",
    "the {q} of the {y}0s",
    "в {y}{dash}{yy}-е годы",
    "с {y} до {y2} года",
    "from {y} through {y2}",
    "that {s}",
    "the same {s}",
    "in the {q} {tens}",
    "в {qru} {yy}-х годов",
    "с {d} по {d} {mru}а {y} года",
    "from {d} to {d} {m} {y}",
    "from {d} {m} {y} {to} {y2}",
    "from {y} {to} {m} {d}, {y2}",
    "с {d} {mru}а {y} г. по {y2} г.",
    "{sru} {shru} года",
    "в {qru} {shru} года",
    "{n} {unit} after the fall of X ({d} {m} {y})",
)
slots = st.fixed_dictionaries(
    {
        "d": st.integers(0, 39).map(str),
        "y": years.map(str),
        "y2": years.map(str),
        "yy": st.integers(0, 99).map(lambda n: f"{n:02d}"),
        "m": st.sampled_from(sorted(w.MONTHS_EN)),
        "mru": st.sampled_from(sorted(w.MONTHS_RU)),
        "s": st.sampled_from(sorted(k for k in w.SEASONS if k.isascii())),
        "sru": st.sampled_from(["весной", "летом", "осенью", "зимой"]),
        "q": st.sampled_from(sorted(k for k in w.PARTS if k.isascii())),
        "qru": st.sampled_from(sorted(k for k in w.PARTS if not k.isascii())),
        "a": st.sampled_from(["c.", "about", "around", "circa", "около"]),
        "dash": st.sampled_from(["–", "—", "-", " – "]),
        "to": st.sampled_from(["to", "until", "till", "and"]),
        "n": st.sampled_from([*sorted(r.NUMBERS), "2", "10", "45"]),
        "unit": st.sampled_from(sorted(r.UNITS)),
        "shift": st.sampled_from(["following", "next", "previous", "same", "that"]),
        "o": st.sampled_from([*sorted(r.ORDINALS), "twenty-ninth", "31st", "39th"]),
        "tens": st.sampled_from(sorted(w.DECADE_WORDS)),
        "shru": st.sampled_from(["того же", "следующего", "прошлого", "предыдущего"]),
    }
)
shaped = st.tuples(st.sampled_from(SHAPES), slots).map(lambda t: t[0].format(**t[1]))
phrases = st.lists(
    st.tuples(shaped | tokens, st.sampled_from([" ", " ", " ", "", ", "])),
    max_size=6,
).map(lambda parts: "".join(token + gap for token, gap in parts).strip())


def months(year: int) -> st.SearchStrategy[str]:
    return st.integers(1, 12).map(lambda m: f"{year}-{m:02d}")


single_dates = st.one_of(
    years.map(str),
    years.flatmap(months),
    st.dates(date(1850, 1, 1), date(2000, 12, 31)).map(date.isoformat),
    st.tuples(years, st.sampled_from(sorted(SEASONS))).map(lambda t: f"{t[0]}-{t[1]}"),
    years.map(lambda y: f"{y // 10}X"),
    years.map(lambda y: f"{y // 100}XX"),
    years.map(lambda y: f"{y}-XX"),
    st.tuples(years, st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}-XX"),
)
qualified = st.tuples(single_dates, st.sampled_from(["", "", "~", "?", "%"])).map(
    "".join
)
spans = st.tuples(years, st.integers(0, 12)).map(lambda t: f"{t[0]}/{t[0] + t[1]}")
anchors = qualified | spans | st.sampled_from(["1937-06-01/1937-06-12", "1936-10/1938"])


def assert_reads_back(value: str | None, where: str) -> None:
    if value is None:
        return
    found = bounds(value)
    assert found is not None, f"{value!r} from {where!r} is not EDTF"
    assert found[0] <= found[1], f"{value!r} from {where!r} ends before it starts"


@settings(max_examples=400, deadline=None)
@given(phrases, st.none() | years)
def test_every_date_found_in_a_phrase_reads_back(text: str, year: int | None) -> None:
    for found in find_dates(text, year):
        assert_reads_back(found.edtf, text)
        assert text[found.start : found.end]


@settings(max_examples=500, deadline=None)
@given(phrases, anchors, st.none() | years)
@example("", "1937/1938", None)  # soon after a span once cut its end to "19~"
@example("on the 31st of that month", "1937-06-10", None)  # no 31 June
@example("30 February of the following year", "1937-06", None)
@example("two days later", "1937-XX", None)  # an unknown month is no month
@example("0 Apr. 18502 year later", "1937", None)  # no story spans 18502 years
def test_every_date_counted_from_the_story_reads_back(
    text: str, anchor: str, year: int | None
) -> None:
    """Relative dates from any anchor, and "soon after" any of them."""
    story = Story()
    story.move(anchor, 0, 0)
    assert_reads_back(soon_after(anchor), f"soon after {anchor}")
    assert_reads_back(story.inherit(0, 0), f"the month of {anchor}")
    assert_reads_back(story.inherit(0, 0, whole=True), anchor)
    dates = passage_dates(text, year)
    for found in dates:
        settled = settle(found, dates, story, 0, year)
        value = settled[0] if settled else None
        assert_reads_back(value, f"{text} (story at {anchor})")
        if value is not None:
            assert_reads_back(soon_after(value), f"soon after {value}")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(phrases, phrases, phrases)
def test_every_date_of_an_extracted_event_reads_back(
    first: str, second: str, third: str
) -> None:
    """The whole extractor, with the phrases where a story puts its dates."""
    text = (
        f"Ivan Petrov returned to Moscow {first}. Shortly after he returned, "
        f"Petrov was arrested {second}. He was shot {third}, after his trial.\n\n"
        f"Пётр Зубов был назначен в Киев {first}. Вскоре его арестовали {second}, "
        f"а {third} расстреляли.\n"
    )
    for event in extract(document_from_text(text, "phrases.txt")).events:
        assert_reads_back(event.date, text)


@settings(max_examples=500)
@given(qualified)
def test_a_supported_date_gives_its_days(value: str) -> None:
    first, last = parse_edtf(value)
    assert first <= last
    assert bounds(value) == (first.isoformat(), last.isoformat())
    assert parse_edtf(first.isoformat()) == (first, first)
    assert normalise_edtf(normalise_edtf(value)) == normalise_edtf(value)


@settings(max_examples=500)
@given(qualified, qualified)
def test_an_interval_runs_from_its_first_to_its_last_day(left: str, right: str) -> None:
    (start, _), (_, end) = parse_edtf(left), parse_edtf(right)
    if start > end:
        left, right = right, left
        (start, _), (_, end) = parse_edtf(left), parse_edtf(right)
    if start <= end:
        assert parse_edtf(f"{left}/{right}") == (start, end)
    assert parse_edtf(f"{left}/..")[0] == start
    assert parse_edtf(f"../{right}")[1] == end


@settings(max_examples=300)
@given(qualified, st.data())
def test_a_date_cut_inside_a_number_is_not_edtf(
    value: str, data: st.DataObject
) -> None:
    """What a slice like `date[:7]` of the wrong date leaves ("1937/19") is refused."""
    plain = value.rstrip("~?%")
    cuts = [i for i in range(1, len(plain)) if plain[i - 1] != "-" and plain[i] != "-"]
    cut = data.draw(st.sampled_from(cuts)) if cuts else len(plain)
    if cut < len(plain):
        assert bounds(plain[:cut]) is None
        assert bounds(f"{plain}/{plain[:cut]}") is None


@pytest.mark.parametrize(
    "value", ["19~37", "1937/19~", "1937-0~6", "~", "1937//1938", "1937-06-31"]
)
def test_marks_stand_beside_a_part_of_a_date_never_inside_one(value: str) -> None:
    assert bounds(value) is None


@pytest.mark.parametrize(
    ("value", "days"),
    [
        ("~1937", ("1937-01-01", "1937-12-31")),
        ("?2004-06-~11", ("2004-06-11", "2004-06-11")),
        ("1937-?06", ("1937-06-01", "1937-06-30")),
        ("1937-21%", ("1937-03-01", "1937-05-31")),
    ],
)
def test_a_mark_on_any_part_keeps_the_days(value: str, days: tuple[str, str]) -> None:
    assert bounds(value) == days
