"""The name matcher: schemes, scripts, orders, initials and patronymics."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kartoteka.resolve.matching import align, aligned, compatible, names_match
from kartoteka.resolve.names import parse_name, surname_keys

ROOT = Path(__file__).resolve().parent.parent
BENCH_PAIRS = ROOT.parent / "shared/bench/name_bench/logicv2-frozen.csv"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Wladimir Baschanow", "Vladimir Bazhanov"),  # German W/V, sch/zh, -ow
        ("Stanisław Francewicz", "Stanislav Frantsevich"),  # Polish scheme
        ("Mężyński", "Менжинский"),
        ("Beria", "Берии"),  # `ia` for `ия`, and a genitive
        ("Sergejs Lavrovs", "Sergey Lavrov"),  # a Latvian nominative -s
        ("Leon Trotsky", "Льва Троцкого"),  # Lev/Leon from the first-name data
        ("Nahum Eitingon", "Наум Эйтингон"),
        ("Г.С.Люшков", "G. S. Liushkov"),  # initials glued together
        ("Абакумов Виктор Семёнович", "Viktor Semyonovich Abakumov"),
        ("БЛОХИН Василий Михайлович", "Vasily Blokhin"),
        ("Blokhin, Vasily Mikhailovich", "V. M. Blokhin"),
        ("Ви́ктор Абаку́мов", "Viktor Abakumov"),  # stress marks
        ("SergeiLavrov", "Sergei Lavrov"),
        ("Gen Pavel Sudoplatov", "Pavel Anatolyevich Sudoplatov"),
        ("Genrikh Grigoryevich", "Генриха Григорьевича Ягоду"),
        ("Tyrkova-Williams", "A. V. Tyrkova"),
        ("Ариадна Тыркова", "Ariadna Tyrkova"),
        ("Берзин Ян Карлович", "Jan Karlovich Berzin"),  # a two-letter first name
    ],
)
def test_one_person_in_different_spellings(a: str, b: str) -> None:
    assert names_match(a, b) and names_match(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("A. G. Orlov", "A. M. Orlov"),
        ("Mikhail Orlov", "Alexander Orlov"),
        ("P. Orlov", "Alexander Orlov"),
        ("Orlov", "Orlova"),
        ("Sergey Viktorovich Lavrov", "Sergey Borisovitch Lavrov"),  # -itch
        ("Ivan Ivanovich Petrov", "Ivan Petrovich Petrov"),
        ("S. M. Shpigel'glaz", "Mikhail Shpiegelglass"),
        ("Michael Green", "Michael Adamec"),
        ("Ivan Petrov", "Petr Ivanov"),
        ("Ян Берзин", "Яков Берзин"),  # a short first name is a word, not an initial
    ],
)
def test_different_people_stay_apart(a: str, b: str) -> None:
    assert not names_match(a, b) and not names_match(b, a)


def test_patronymic_spellings_are_read_in_every_scheme() -> None:
    for spelling in ["Borisovitch", "Borissowitsch", "Borysowicz", "Борисович"]:
        assert parse_name(f"Sergey {spelling} Lavrov").patronymic == spelling
        assert surname_keys(spelling) & surname_keys("Borisovich"), spelling


def test_a_first_name_with_patronymic_fits_the_full_name() -> None:
    full = parse_name("Jan Karlovich Berzin")
    assert compatible(parse_name("Jan Karlovich"), full)
    assert compatible(parse_name("Berzins"), full)
    assert not compatible(parse_name("Jan Petrovich"), full)


def test_the_matcher_beats_its_floor_on_the_labelled_pairs() -> None:
    """OpenSanctions' labelled Person pairs (../shared/bench/name_bench)."""
    if not BENCH_PAIRS.is_file():
        pytest.skip(f"no labelled pairs at {BENCH_PAIRS}")
    sys.path.insert(0, str(ROOT / "bench"))
    from name_bench import direct_verdicts, read_pairs, score

    pairs = read_pairs(BENCH_PAIRS)
    result = score(pairs, direct_verdicts(pairs))
    assert len(pairs) == 541
    assert result.precision >= 0.90
    assert result.f1 >= 0.76  # logic-v2 scores 0.740 on these pairs


def test_the_pipeline_beats_its_floor_on_the_labelled_pairs() -> None:
    """Each name alone in a one-sentence document, matched when on one card."""
    if not BENCH_PAIRS.is_file():
        pytest.skip(f"no labelled pairs at {BENCH_PAIRS}")
    sys.path.insert(0, str(ROOT / "bench"))
    from name_bench import pipeline_verdicts, read_pairs, score

    pairs = read_pairs(BENCH_PAIRS)
    result = score(pairs, pipeline_verdicts(pairs))
    assert result.precision >= 0.92
    assert result.f1 >= 0.745  # logic-v2 scores 0.740 on these pairs


def test_names_share_the_parts_of_a_word_but_a_repeated_word_has_its_own() -> None:
    one, two = parse_name("Ivan Petrovich Kuzmin"), parse_name("Ivan Kuzmin")
    assert one.words[0] is two.words[0]  # one object for the word in both names
    twice = parse_name("Ivan Ivan Kuzmin")  # the matcher tells words apart by id
    assert twice.words[0] == twice.words[1] and twice.words[0] is not twice.words[1]
    assert names_match("Ivan Ivan Kuzmin", "Ivan Kuzmin")
    assert not names_match("Ivan Ivan Kuzmin", "Petr Petr Kuzmin")


def test_a_word_left_on_each_side_answers_as_the_alignment() -> None:
    """`aligned` tells names apart before aligning them: same answers as the
    alignment, every pair of these names each way, with slips and without."""
    written = [
        "Ivan Petrovich Kuzmin",
        "Ivan Sergeyevich Kuzmin",
        "I. P. Kuzmin",
        "Ivan Kuzmin",
        "Kuzmin",
        "Tyrkova-Williams",
        "Ariadna Tyrkova-Williams",
        "A. V. Tyrkova",
        "Jan Karlovich Berzin",
        "Ян Берзин",
        "Umar Patek",
        "Umar Patek Abdullah Anshori",
        "Kim Jong Un",
        "Ivan Ivan Kuzmin",
        "Petr Petr Kuzmin",
    ]
    names = [parse_name(name).words for name in written]
    ivan, kuzmin = names[0][0], names[0][-1]
    names.append((ivan, ivan, kuzmin))  # one word object twice: told apart by id
    for a in names:
        for b in names:
            for typo in (False, True):
                assert aligned(a, b, typo) == align(a, b, typo).agrees, (a, b)
