"""Names and resolution: transliteration folding and when two names are one person."""

from __future__ import annotations

from kartoteka.model import Mention
from kartoteka.resolve import resolve
from kartoteka.resolve.names import compatible, fold, parse_name


def test_transliteration_schemes_and_scripts_fold_to_one_key() -> None:
    for spellings in (
        ["Ezhov", "Yezhov", "Ežov", "Ежов", "Iejov"],
        ["Iagoda", "Yagoda", "Jagoda", "Ягода"],
        ["Liushkov", "Lyushkov", "Ljuškov", "Люшков"],
        ["Slutskii", "Slutskiy", "Slutsky", "Слуцкий"],
        ["Sokol'nikov", "Sokolnikov", "Сокольников"],
    ):
        assert len({fold(s) for s in spellings}) == 1, spellings
    assert fold("Orlov") != fold("Popov")


def test_names_come_apart_into_their_parts() -> None:
    name = parse_name("Nikolay Ivanovich Yezhov")
    assert (name.given, name.patronymic, name.surname) == (
        ("Nikolay",),
        "Ivanovich",
        "Yezhov",
    )
    assert parse_name("G.S. Liushkov").initials == ("G.", "S.")


def test_initials_and_first_names_keep_people_apart() -> None:
    assert compatible(parse_name("N. I. Ezhov"), parse_name("Nikolai Yezhov"))
    assert not compatible(parse_name("Mikhail Orlov"), parse_name("Alexander Orlov"))
    assert not compatible(parse_name("P. Orlov"), parse_name("Alexander Orlov"))


def _mention(document: str, start: int, name: str) -> Mention:
    return Mention(
        document, start, start + len(name), name, name, "person", "en", "test"
    )


def test_a_bare_surname_joins_the_full_name_across_documents() -> None:
    mentions = [
        _mention("a", 0, "Nikolai Yezhov"),
        _mention("a", 40, "Yezhov"),
        _mention("b", 0, "Ezhov"),
        _mention("c", 0, "Ежов"),
        _mention("c", 20, "Mikhail Orlov"),
        _mention("d", 0, "Alexander Orlov"),
        _mention("d", 30, "Orlov"),
    ]
    cards = {tuple(sorted(m.text for m in e.mentions)) for e in resolve(mentions)}
    assert ("Ezhov", "Nikolai Yezhov", "Yezhov", "Ежов") in cards
    assert ("Mikhail Orlov",) in cards
    assert ("Alexander Orlov", "Orlov") in cards
