"""Who a document is about, read the way biographies open: a catalogue heading,
life dates after a full name, the name the text opens on and keeps returning to,
a surname rather than a first name, every Russian case form of one surname."""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.extract.scorer.subject import is_subject, name_key, subject_word
from kartoteka.ingest import document_from_text
from kartoteka.model import Mention

# A bookseller's page: the ruler is in the title and named most, the subject is
# the catalogue heading ("SURNAME, Given") and the one who acts.
CATALOGUE = (
    "A letter against Stalin\n\n"
    "Pamphlet addressed to Stalin, printed abroad.\n\n"
    "ZARETSKY, Mikhail, A letter to Stalin\n\n"
    "A rare copy of an attack on Stalin and on the court of Stalin.\n\n"
    "Zaretsky served the party from 1912 and later went abroad as an envoy. "
    "Under Stalin he was summoned home in 1937; Zaretsky refused and stayed in "
    "Paris. Stalin had him declared an outlaw.\n"
)
# Life dates after the full name head the biography; the man who sent him is
# named as often.
LIFE_DATES = (
    "Oskar Lindemann (1893 – 1939) was a courier of the Comintern. Lindemann "
    "carried letters for Piatnitsky. Piatnitsky trusted him, and Piatnitsky "
    "sent him to Berlin in 1931. Piatnitsky later recalled him. Lindemann was "
    "arrested in 1938.\n"
)
# The page opens on its subject as the grammatical subject of the sentence; the
# man he killed is named more often afterwards.
OPENING = (
    "Varga was born in 1910 in Szeged. The victim, Keller, had led a rival "
    "group; Keller was feared, and Keller lived in a guarded villa. Varga reached "
    "Keller in 1940. Varga was arrested the same day. Keller died the next "
    "morning.\n"
)
# A shouted heading with the given name first.
SHOUTED = (
    "PAVEL GRIGORENKO\n\n"
    "Grigorenko joined the border troops in 1925. In 1933 Grigorenko was "
    "appointed head of a frontier post near Minsk.\n"
)


def _subject(text: str) -> tuple[str, list[Mention]]:
    document = document_from_text(text, "own.txt")
    found, _ = extract_by_rules(document)
    return subject_word(found.mentions, document.text), list(found.mentions)


def test_a_catalogue_heading_names_the_subject_over_a_name_said_more() -> None:
    subject, _ = _subject(CATALOGUE)
    assert subject == "zaretsky"


def test_life_dates_after_a_full_name_head_the_biography() -> None:
    subject, _ = _subject(LIFE_DATES)
    assert subject == "lindemann"


def test_the_name_a_page_opens_on_as_the_subject_of_its_sentence() -> None:
    subject, _ = _subject(OPENING)
    assert subject == "varga"


def test_a_shouted_heading_gives_the_surname_not_the_first_name() -> None:
    subject, mentions = _subject(SHOUTED)
    assert subject == "grigorenko"
    persons = [m for m in mentions if m.type == "person"]
    assert persons and all(is_subject(m, subject) for m in persons)


def test_russian_case_forms_of_a_surname_are_one_subject() -> None:
    assert {name_key(w) for w in ("Артузов", "Артузова", "Артузову", "Артузовым")} == {
        "артузов"
    }
    assert name_key("Ежов") == "ежов"  # too short a stem to cut
    text = (
        "Артем Павлович Гордеев (1896 — 1938) — сотрудник ВЧК. В 1921 году "
        "Гордеева перевели в Москву. Гордееву поручили отдел. Гордеев был "
        "арестован в 1937 году.\n"
    )
    subject, mentions = _subject(text)
    assert subject == "гордеев"
    persons = [m for m in mentions if m.type == "person" and "Гордеев" in m.text]
    assert len(persons) >= 2
    assert all(is_subject(m, subject) for m in persons)


def test_a_name_with_stress_marks_is_its_plain_name() -> None:
    """Reference works mark the stress of Russian names ("Гео́ргий"); the mark
    split the word in two, so the stressed heading named someone else."""
    text = (
        "Гео́ргий Степа́нович Ла́рин (1899 — 1941) — сотрудник ОГПУ. В 1925 году "
        "Ларин перешёл в отдел. Ларина арестовали в 1938 году.\n"
    )
    subject, mentions = _subject(text)
    assert subject == "ларин"
    persons = [m for m in mentions if m.type == "person"]
    stressed = [m for m in persons if "\u0301" in m.text]
    assert stressed and all(is_subject(m, subject) for m in stressed)
