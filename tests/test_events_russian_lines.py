"""Russian résumé lines the rules read: the year word between the years and the
dash ("1925-1930 гг. —"), a line opening after a comma, two terms of one post,
and the post nouns of the organs (следователь, оперуполномоченный, полпред)."""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.ingest import document_from_text

TEXT = (
    "Орлов Семён Яковлевич (1898 — 1940) — советский чекист.\n\n"
    "Родился в Курске. С 1920 по 1922 гг. — следователь Курской губЧК. "
    "В 1925-1930 годах — оперуполномоченный ОГПУ. "
    "Член партии, в 1931-1933 гг. — полпред ОГПУ по Крыму. "
    "В 1936 году — на отдыхе в Крыму. "
    "С 1937 по 1939 и с 1941 по 1944 гг. — нарком внутренних дел Крыма.\n"
)


def _events() -> set[tuple[str, str | None]]:
    document = document_from_text(TEXT, "own.txt")
    found, _ = extract_by_rules(document)
    return {(e.type, e.date) for e in found.events}


def test_a_line_with_its_year_word_is_a_tenure() -> None:
    events = _events()
    assert {("appointed", "1920"), ("dismissed", "1922")} <= events
    assert {("appointed", "1925"), ("dismissed", "1930")} <= events


def test_a_line_may_open_after_a_comma() -> None:
    assert {("appointed", "1931"), ("dismissed", "1933")} <= _events()


def test_a_line_naming_no_post_is_no_tenure() -> None:
    assert not {e for e in _events() if e[1] == "1936"}


def test_a_post_held_twice_is_two_tenures() -> None:
    events = _events()
    assert {("appointed", "1937"), ("dismissed", "1939")} <= events
    assert {("appointed", "1941"), ("dismissed", "1944")} <= events


STEPS = (
    "Лебедев Олег Ильич (1899 — 1941) — советский чекист.\n\n"
    "Родился в Орле. В 1918 г. вступил в партию. В 1922 г. возглавил уездное ЧК. "
    "В 1929 г. оправдан судом. В 1931 г. восстановлен в партии. "
    "С мая 1934 г. исполнял обязанности начальника отдела. "
    "В 1936 г. вступили в колхоз все жители села.\n"
)


def _steps() -> set[tuple[str, str, str | None]]:
    document = document_from_text(STEPS, "own.txt")
    found, _ = extract_by_rules(document)
    return {(e.type, e.person.text, e.date) for e in found.events}


def test_a_russian_verb_with_its_subject_unsaid_is_about_the_subject() -> None:
    events = _steps()
    who = "Лебедев Олег Ильич"
    assert ("joined", who, "1918") in events
    assert ("appointed", who, "1922") in events
    assert ("appointed", who, "1934-05") in events


def test_acquittal_and_reinstatement_are_steps() -> None:
    events = _steps()
    who = "Лебедев Олег Ильич"
    assert ("released", who, "1929") in events
    assert ("joined", who, "1931") in events


def test_a_plural_verb_is_not_the_subjects_step() -> None:
    assert not any(date == "1936" for _, _, date in _steps())


def test_a_step_the_parser_coordinates_with_itself_is_read() -> None:
    """The parser may make a coordinated verb its own head; reading whether the
    step was only wanted must still end."""
    text = (
        "Орлов Семён Яковлевич (1898 — 1940) — советский деятель. В 1931 г. "
        "публично отрёкся от оппозиции и был восстановлен в партии (1932)."
    )
    found, _ = extract_by_rules(document_from_text(text, "own.txt"))
    assert "joined" in {e.type for e in found.events}
