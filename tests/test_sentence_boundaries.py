"""Sentence boundaries biographies need that the models miss: a Russian year's
"г." / "гг." / "в." before a new sentence, a sentence ended with a comma, "г."
(town) before a place name, and English dating abbreviations ("ca. 1940")."""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.extract.events.grammar import in_time_adjunct
from kartoteka.extract.events.lexicon import is_post
from kartoteka.extract.nlp import analyse
from kartoteka.extract.nlp.parse import parse_russian
from kartoteka.ingest import document_from_text


def _sentences(text: str) -> list[str]:
    """The sentences of a one-paragraph text, as the model and the mending read it."""
    document = document_from_text(text, "own.txt")
    passage = document.passages[-1]
    analysis = analyse(document)[-1]
    return [passage.clean[s.start : s.end] for s in analysis.sentences]


def test_a_year_abbreviation_ends_a_sentence_before_a_preposition() -> None:
    assert _sentences("Он окончил училище в 1921 г. В 1922 г. поступил на службу.") == [
        "Он окончил училище в 1921 г.",
        "В 1922 г. поступил на службу.",
    ]


def test_a_year_abbreviation_ends_a_sentence_before_a_verb_or_adverb() -> None:
    text = "Арестован 2 июня 1938 г. Расстрелян в 1939 г. Позднее его реабилитировали."
    assert len(_sentences(text)) == 3
    assert len(_sentences("Жил там в начале XIX в. Затем семья уехала.")) == 2
    assert len(_sentences("Служил там в 1926–1929 гг. Он вернулся в Тулу.")) == 2


def test_a_year_abbreviation_ends_a_sentence_before_a_common_noun() -> None:
    assert _sentences("Вступил в партию в 1917 г. Член райкома с 1925 г.") == [
        "Вступил в партию в 1917 г.",
        "Член райкома с 1925 г.",
    ]


def test_a_year_abbreviation_before_a_court_or_a_name_goes_on() -> None:
    text = "Осуждён 3 мая 1938 г. Особым совещанием при НКВД к пяти годам."
    assert _sentences(text) == [text]


def test_a_town_abbreviation_before_a_place_name_goes_on() -> None:
    assert _sentences("Работал в гг. Самара и Пенза. Потом уехал.") == [
        "Работал в гг. Самара и Пенза.",
        "Потом уехал.",
    ]
    assert len(_sentences("Родился в г. Орёл в семье учителя.")) == 1


def test_a_comma_before_a_capitalised_preposition_ends_a_sentence() -> None:
    text = "Он был назначен заместителем начальника отдела, В марте 1940 г. снят."
    assert _sentences(text)[-1] == "В марте 1940 г. снят."
    assert len(_sentences("Он дружил с Петровым, Сидоровым и Орловым.")) == 1


def test_an_english_dating_abbreviation_does_not_end_a_sentence() -> None:
    assert _sentences("He died ca. 1940 in a camp. His wife survived.") == [
        "He died ca. 1940 in a camp.",
        "His wife survived.",
    ]
    assert len(_sentences("Orlov (b. 1899, d. 1938) was a Chekist.")) == 1


def test_the_dates_of_two_sentences_no_longer_cross() -> None:
    text = (
        "Гусев Павел Ильич (1895 — 1939) — советский чекист.\n\n"
        "В 1921 г. вступил в партию и окончил курсы в 1924 г. "
        "В 1930 г. арестован."
    )
    found, _ = extract_by_rules(document_from_text(text, "own.txt"))
    assert ("arrested", "1930") in {(e.type, e.date) for e in found.events}
    assert ("arrested", "1924") not in {(e.type, e.date) for e in found.events}


def test_the_post_of_ambassador_is_not_after_or_last() -> None:
    assert is_post("посол", "ru") and is_post("послом", "ru")
    assert not is_post("после", "ru") and not is_post("последний", "ru")
    assert not is_post("послужил", "ru")


def _in_time_adjunct(sentence: str, name: str) -> bool:
    """Whether a name of a parsed Russian sentence stands in a time adjunct."""
    (parse,) = parse_russian([(sentence, 0)])
    start = sentence.index(name)
    return any(in_time_adjunct(parse, i) for i in parse.at(start, start + len(name)))


def test_a_death_that_only_dates_a_sentence_is_a_time_adjunct() -> None:
    assert _in_time_adjunct("Он служил в ОГПУ вплоть до смерти Кирова.", "Кирова")
    assert _in_time_adjunct("После ареста Ягоды он был переведён в Киев.", "Ягоды")
    assert not _in_time_adjunct("По решению Кирова он был переведён в Киев.", "Кирова")
