"""Who a "he" or "she" belongs to: a biography keeps its pronouns for the person
it is about unless a name says another person of that gender; a Russian surname
says its gender through the case the parse gives it ("передал Соколову", dative:
a man; "арестовал Соколову", accusative: a woman)."""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.extract.events.gender import name_gender
from kartoteka.ingest import document_from_text

ENGLISH = (
    "Pavel Orlov (1895 - 1951) was a Soviet intelligence officer.\n\n"
    "In 1930 he was sent to Berlin. There Walter Krause introduced him to the "
    "local communists. In 1932 he returned to Moscow. In 1935 he was awarded "
    "the Order of Lenin. His deputy Ivan Kotov was arrested in 1937. "
    "He was shot in 1938.\n"
)

RUSSIAN = (
    "Лебедев Олег Ильич (1899 — 1941) — советский чекист.\n\n"
    "В 1925 г. Лебедев передал дела Соколову, и в 1927 г. ей было присвоено "
    "звание майора. В 1929 г. начальник отдела поручил Соколову допрос, и тогда "
    "же ему было присвоено звание майора. В 1930 г. Лебедев арестовал Соколову, "
    "и в 1931 г. ей было присвоено звание майора.\n"
)


def _facts(text: str) -> set[tuple[str, str, str | None]]:
    found, _ = extract_by_rules(document_from_text(text, "own.txt"))
    return {(e.type, e.person.text, e.date) for e in found.events}


def test_he_after_another_persons_sentence_stays_with_the_biography() -> None:
    facts = _facts(ENGLISH)
    assert ("returned", "Pavel Orlov", "1932") in facts
    assert ("awarded", "Pavel Orlov", "1935") in facts
    assert not {f for f in facts if f[1] == "Walter Krause"}


def test_he_goes_to_a_named_man_who_is_the_subject_before_it() -> None:
    facts = _facts(ENGLISH)
    assert ("executed", "Ivan Kotov", "1938") in facts
    assert not {f for f in facts if f[1] == "Pavel Orlov" and f[2] == "1938"}


def test_a_russian_surname_says_its_gender_by_its_case() -> None:
    facts = _facts(RUSSIAN)
    awarded = {(f[1], f[2]) for f in facts if f[0] == "awarded"}
    assert ("Соколову", "1929") in awarded  # dative, then "ему": a man
    # accusative, then "ей": a woman (the clause's own year is another matter)
    assert {"Соколову"} == {person for person, _ in awarded}
    assert not {date for _, date in awarded} & {"1925", "1927"}  # "ей": no man


def test_a_patronymic_after_the_first_name_says_the_gender() -> None:
    assert name_gender("Лебедев Олег Ильич", strong=True) == "m"
    assert name_gender("Котова Анна Петровна", strong=True) == "f"
    assert name_gender("Anna Petrovna Kotova", strong=True) == "f"
    assert name_gender("Walter Krause", strong=True) is None


def test_a_sentence_that_told_of_the_subject_keeps_the_next_he_for_him() -> None:
    facts = _facts(
        "Semyon Gurin (1894 - 1939) was a Soviet journalist.\n\n"
        "In 1916 he moved to Kiev, where Boris Lenz printed his first articles. "
        "In 1918 he served as a war correspondent with the First Cavalry Army. "
        "The Cheka arrested Oleg Vinter in 1921. "
        "He was released in 1922.\n"
    )
    assert ("appointed", "Semyon Gurin", "1918") in facts
    assert not {f for f in facts if f[1] == "Boris Lenz"}
    assert ("released", "Oleg Vinter", "1922") in facts  # no "he" before: Vinter
