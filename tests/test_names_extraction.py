"""Names as sources write them: orders, capitals, stress marks, aliases, first names.

The sentences here are written for the tests; each runs through the real
extraction (spaCy, natasha) and, where it says so, the real resolution.
"""

from __future__ import annotations

from kartoteka.extract import extract
from kartoteka.extract.mentions.casing import readable_case
from kartoteka.extract.mentions.fullnames import (
    first_name_names,
    patronymic_names,
    subject_names,
)
from kartoteka.ingest import document_from_text
from kartoteka.resolve import resolve
from kartoteka.resolve.matching import names_match


def _spans(found: list[tuple[int, int]], text: str) -> list[str]:
    return [text[start:end] for start, end in found]


def test_full_names_around_a_patronymic_in_every_order() -> None:
    text = (
        "Pyotr Ivanovich Zubov(born 1890) was listed as Zubov, Pyotr Ivanovich. "
        "«ЗУБОВ Пётр Иванович (1890)» and «Зубов Пётр Иванович». "
        "Пё́тр Ива́нович Зу́бов wrote back."
    )
    assert _spans(patronymic_names(text), text) == [
        "Pyotr Ivanovich Zubov",
        "Zubov, Pyotr Ivanovich",
        "ЗУБОВ Пётр Иванович",
        "Зубов Пётр Иванович",
        "Пё́тр Ива́нович Зу́бов",
    ]


def test_a_reference_book_name_keeps_its_bracketed_variants() -> None:
    """Another form of a first name or patronymic in brackets is part of the
    name, and the name still matches the person's other spellings."""
    text = "Зубов Пётр(Пинхас) Иванович(Ицкович) (1890-1938)\nРодился в Киеве."
    [name] = _spans(patronymic_names(text), text)
    assert name == "Зубов Пётр(Пинхас) Иванович(Ицкович)"
    assert names_match(name, "Pyotr Ivanovich Zubov")


def test_a_noun_opening_a_sentence_is_no_surname() -> None:
    text = "Это было давно. Сестра Анна Петровна уехала."
    assert _spans(patronymic_names(text), text) == []


def test_a_known_first_name_makes_a_name_where_a_model_sees_an_office() -> None:
    text = (
        "The Commissar of Public Health Grigorii Zotov's deputy met "
        "KUZMIN, Fedor and the archivists of HIA, Boris Levin collection."
    )
    assert _spans(first_name_names(text), text) == [
        "Grigorii Zotov",
        "KUZMIN, Fedor",
        "Boris Levin",
    ]


def test_names_in_capitals_keep_their_offsets_for_the_models() -> None:
    text = "PYOTR ZUBOV and the NKVD of the USSR arrested IVAN KUZMIN."
    readable = readable_case(text)
    assert readable == "Pyotr Zubov and the NKVD of the USSR arrested Ivan Kuzmin."
    assert len(readable) == len(text)


def test_alias_phrasings_link_the_names_of_one_person() -> None:
    text = (
        "Lev Zubarev (born Leiba Feldman) served in Riga.\n\n"
        "In Paris Zubarev used the cover names Otto Brandt, Paul Weber and "
        "Karl Stein.\n\n"
        "Anna Zubareva (née Kagan) followed him.\n\n"
        "Pyotr Ivanovich Zubov (Starik) led the group.\n"
    )
    extraction = extract(document_from_text(text, "aliases.txt"))
    cues = {link.cue for link in extraction.links}
    assert {"born", "cover names", "née", "name in brackets"} <= cues
    cards = {
        frozenset(m.text for m in e.mentions)
        for e in resolve(extraction.mentions, extraction.links).entities
        if e.type == "person"
    }
    lev = next(card for card in cards if "Lev Zubarev" in card)
    assert {"Leiba Feldman", "Otto Brandt", "Paul Weber", "Karl Stein"} <= lev
    assert "Kagan" in next(card for card in cards if "Anna Zubareva" in card)
    assert "Starik" in next(card for card in cards if "Pyotr Ivanovich Zubov" in card)
    assert not any("Anna Zubareva" in card and "Lev Zubarev" in card for card in cards)


def test_first_name_and_patronymic_join_the_full_name_in_the_document() -> None:
    text = (
        "Jan Karlovich Zirnis headed the bureau from 1924.\n\n"
        "Colleagues called Jan Karlovich strict, and Zirnis kept the files.\n"
    )
    extraction = extract(document_from_text(text, "patronymic.txt"))
    persons = [e for e in resolve(extraction.mentions).entities if e.type == "person"]
    [card] = [e for e in persons if any(m.text == "Jan Karlovich" for m in e.mentions)]
    assert {"Jan Karlovich Zirnis", "Zirnis"} <= {m.text for m in card.mentions}


def test_a_bare_surname_joins_the_person_the_document_is_about() -> None:
    text = (
        "Dmitri Zirnis was born in Kiev. Dmitri Zirnis studied law.\n\n"
        "His mother Klavdiya Zirnis was a teacher.\n\n"
        "In 1925 Zirnis joined the foreign department.\n"
    )
    extraction = extract(document_from_text(text, "salience.txt"))
    persons = resolve(extraction.mentions).entities
    [card] = [e for e in persons if any(m.text == "Dmitri Zirnis" for m in e.mentions)]
    assert "Zirnis" in {m.text for m in card.mentions}


def test_a_name_is_a_person_where_the_sentence_says_what_befell_them() -> None:
    text = (
        "Zubov was born in Kiev. The NKVD was reorganized. In 1938 P. M. "
        "Zubov was appointed. Kuzmin had been arrested. Moscow was shelled."
    )
    assert _spans(subject_names(text), text) == ["Zubov", "Kuzmin"]
    quoted = "ჯუღაშვილი was born in Gori."
    assert _spans(subject_names(quoted), quoted) == ["ჯუღაშვილი"]


def test_a_subject_name_keeps_its_particles_hyphens_and_capitals() -> None:
    text = (
        "Omar bin Yusuf was arrested. Karim al-Harbi was arrested. "
        "Anne-Sophie Marchal was arrested. PAK SONG HUI was arrested. "
        "HAMDI AL-QAYSI, Walid Said was arrested. FARID M'BARKI was arrested. "
        "Later, Ivanov was arrested. Kiev-born Ivanov was arrested. "
        "THE DIRECTOR was arrested."
    )
    assert _spans(subject_names(text), text) == [
        "Omar bin Yusuf",
        "Karim al-Harbi",
        "Anne-Sophie Marchal",
        "PAK SONG HUI",
        "HAMDI AL-QAYSI, Walid Said",
        "FARID M'BARKI",
    ]


def test_short_words_beside_a_name_in_capitals_read_in_ordinary_case() -> None:
    text = "PAK SONG-HUI and the OGPU"
    assert readable_case(text) == "Pak Song-hui and the OGPU"


def test_a_name_and_a_longer_name_holding_it_are_one_card() -> None:
    texts = ("Tae Ho Pak was arrested.", "Tae Ho Pak Min was arrested.")
    found = [extract(document_from_text(t, f"n{i}.txt")) for i, t in enumerate(texts)]
    mentions = [m for x in found for m in x.mentions if m.type == "person"]
    assert [m.text for m in mentions] == ["Tae Ho Pak", "Tae Ho Pak Min"]
    [card] = resolve(mentions).entities
    assert len(card.mentions) == 2
    other = extract(document_from_text("Tae Ho Kim Min was arrested.", "n2.txt"))
    more = [m for m in other.mentions if m.type == "person"]
    assert len(resolve([*mentions, *more]).entities) == 2
