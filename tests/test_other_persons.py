"""Events of persons other than a document's subject, and who a pronoun means.

Every sentence here is written for the test; the names are invented.
"""

from __future__ import annotations

from kartoteka.extract import extract, extract_by_rules
from kartoteka.ingest import document_from_text
from kartoteka.model import Event


def read(text: str) -> list[Event]:
    events = list(extract(document_from_text(text, "others.txt")).events)
    for event in events:
        assert text[event.start : event.end] == event.evidence
    return events


def facts(events: list[Event]) -> set[tuple[str, str, str | None]]:
    return {(e.type, e.person.text, e.date) for e in events}


def people(events: list[Event], kind: str) -> set[str]:
    return {e.person.text for e in events if e.type == kind}


def test_a_list_after_the_object_shares_the_verb_with_a_date_each() -> None:
    events = read(
        "In the spring of 1937 the NKVD arrested Ivanov (1 March), "
        "Petrov (2 April) and Sidorov."
    )
    assert {
        ("arrested", "Ivanov", "1937-03-01"),
        ("arrested", "Petrov", "1937-04-02"),
    } <= facts(events)
    assert "Sidorov" in people(events, "arrested")


def test_an_inverted_passive_lists_its_subjects_after_were() -> None:
    events = read(
        "In May 1937 also arrested were the department heads A. B. Kotov (guard "
        "department, 17 May), V. G. Lobov (the special [*osobyi*] department, "
        "16 June), and M. I. Orlik (former head of the transport department and "
        "since June 1936 Kiev NKVD chief, 1 April)."
    )
    assert {
        ("arrested", "A. B. Kotov", "1937-05-17"),
        ("arrested", "V. G. Lobov", "1937-06-16"),
        ("arrested", "M. I. Orlik", "1937-04-01"),
    } <= facts(events)


def test_a_list_that_is_no_list_adds_no_one() -> None:
    events = read("The NKVD arrested Ivanov, Petrov's deputy, in 1937.")
    assert people(events, "arrested") == {"Ivanov"}


def test_founders_named_together_are_not_joining() -> None:
    events = read(
        "Ivan Sokolov joined the party that had been founded by Pyotr Gusev "
        "and Anna Lipova in 1898."
    )
    assert people(events, "joined") == {"Ivan Sokolov"}


def test_a_name_in_a_fronted_phrase_is_not_the_pronoun() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. With the backing of Lavrov, he was "
        "promoted to the Politburo in 1925."
    )
    assert "Lavrov" not in {e.person.text for e in events}


def test_a_name_after_a_preposition_does_not_change_the_story_person() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. One of his tasks was to work with Pyotr "
        "Gusev in Riga. In 1930 he returned to Moscow where he was awarded the "
        "Order of Lenin."
    )
    assert "Pyotr Gusev" not in {e.person.text for e in events}
    assert ("awarded", "Ivan Sokolov", "1930") in facts(events)


def test_a_title_between_two_names_belongs_to_the_second() -> None:
    events = read(
        "After the death of Lavrov, the Minister of Internal Affairs, Pyotr "
        "Gusev, reorganized the ministry."
    )
    assert people(events, "died") == {"Lavrov"}
    assert people(events, "appointed") == {"Pyotr Gusev"}


def test_had_someone_released_and_arrested_when_the_patron_fell() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. He was dismissed in 1951. In 1953 Lavrov "
        "had Sokolov released. But he was arrested again when Lavrov was removed "
        "in June 1953. He was tried and shot on 3 May 1954."
    )
    found = facts(events)
    assert ("released", "Sokolov", "1953") in found
    assert ("arrested", "Sokolov", "1953-06") in found
    assert ("executed", "Sokolov", "1954-05-03") in found
    assert "Lavrov" not in people(events, "arrested") | people(events, "executed")


def test_a_clause_in_which_takes_the_date_of_its_noun() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. He directed the 1950 raid on the camp, "
        "in which the rebel leader Pyotr Gusev was killed."
    )
    assert ("killed", "Pyotr Gusev", "1950") in facts(events)


def test_a_fatal_wound_is_a_killing() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. On 20 August 1940, Sokolov fatally "
        "wounded Gusev with an axe at his home."
    )
    assert ("killed", "Gusev", "1940-08-20") in facts(events)


def test_a_possessor_inside_a_list_of_victims_is_no_victim() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. As such, he personally shot party members "
        "and two former heads of the service, as well as members of Pyotr "
        "Gusev's family."
    )
    assert "Pyotr Gusev" not in {e.person.text for e in events}


def test_russian_a_name_in_the_genitive_is_not_who_was_appointed() -> None:
    events = read(
        "Иван Петрович Соколов (1899 — 1960) — советский разведчик. В феврале "
        "1941 года по решению Лаврова, который знал Соколова лично, был назначен "
        "заместителем начальника управления."
    )
    assert "Лаврова" not in people(events, "appointed")


def test_russian_together_with_shares_the_arrest_with_the_story_person() -> None:
    events = read(
        "Иван Петрович Соколов (1899 — 1960) — советский разведчик. В 1937 году "
        "Соколов был арестован вместе с Гусевым и Лавровым."
    )
    assert {
        ("arrested", "Соколов", "1937"),
        ("arrested", "Гусевым", "1937"),
        ("arrested", "Лавровым", "1937"),
    } <= facts(events)


def test_a_lowercase_title_before_a_name_is_a_post() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. He escaped arrest when the head of the "
        "Cheka, Pyotr Gusev, was removed in the fall of 1938."
    )
    assert ("appointed", "Pyotr Gusev", None) in facts(events)
    assert "Ivan Sokolov" not in people(events, "arrested")
    plain = read("Ivan Sokolov met the wife of the Minister, Anna Lipova, in Paris.")
    assert not people(plain, "appointed")


def test_a_companion_named_after_a_title_shares_the_arrest() -> None:
    events = read(
        "On 2 May 1937 Gleb Kotov was arrested, along with the head of his guard, "
        "Ivan Lapin. In 1938 Lobov was arrested along with the wife of Semyon Zotov."
    )
    assert people(events, "arrested") == {"Gleb Kotov", "Ivan Lapin", "Lobov"}


def test_kin_named_after_with_share_a_flight() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. In March 1937 Sokolov fled to Finland with "
        "his wife Anna Lipova and their son Pyotr."
    )
    assert {
        ("defected", "Sokolov", "1937-03"),
        ("defected", "Anna Lipova", "1937-03"),
        ("defected", "Pyotr", "1937-03"),
    } <= facts(events)


def test_kin_share_no_post_and_need_their_possessive() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. In 1931 Sokolov was appointed consul in "
        "Riga with his wife Anna Lipova. In 1937 Sokolov was arrested with the "
        "wife of Gleb Kotov."
    )
    assert people(events, "appointed") == {"Sokolov"}
    assert people(events, "arrested") == {"Sokolov"}


def test_russian_kin_after_s_share_a_flight() -> None:
    events = read(
        "Иван Петрович Соколов (1899 — 1960) — советский разведчик. В 1937 году "
        "Соколов бежал в Финляндию с женой Анной Липовой и сыном Петром."
    )
    assert {"Соколов", "Анной Липовой", "Петром"} <= people(events, "defected")


def test_a_title_opening_a_sentence_is_a_post() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. The former head of the Foreign Department, "
        "Gleb Kotov, sent him to Paris in 1931."
    )
    assert "Gleb Kotov" in people(events, "appointed")


def test_they_married_pairs_the_story_person_with_the_one_named_before() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. In 1928 he was posted to Riga, where he "
        "met a fellow agent, Anna Lipova. They married in 1929."
    )
    assert {
        ("married", "Ivan Sokolov", "1929"),
        ("married", "Anna Lipova", "1929"),
    } <= facts(events)


def test_they_pairs_no_one_when_the_sentence_names_someone() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. In 1928 he met Anna Lipova. They married "
        "Gleb Kotov's daughters in 1929."
    )
    assert "Anna Lipova" not in people(events, "married")


def test_she_after_a_mans_story_is_the_woman_named_before() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. In 1925 he married Anna Lipova. She was "
        "arrested in 1938. He was arrested in 1939."
    )
    assert {
        ("arrested", "Anna Lipova", "1938"),
        ("arrested", "Ivan Sokolov", "1939"),
    } <= facts(events)
    assert ("arrested", "Ivan Sokolov", "1938") not in facts(events)


def test_she_with_no_woman_before_is_no_one_to_the_rules() -> None:
    text = (
        "Ivan Sokolov was born in 1899. In 1925 he moved to Kiev. She was "
        "arrested in 1938."
    )
    extraction, _ = extract_by_rules(document_from_text(text, "others.txt"))
    assert people(list(extraction.events), "arrested") == set()


def test_russian_ona_is_not_the_man_the_story_is_about() -> None:
    events = read(
        "Иван Петрович Соколов (1899 — 1960) — советский разведчик. В 1925 году "
        "он женился на Анне Липовой. В 1938 году она была арестована."
    )
    arrested = {(e.person.text, e.date) for e in events if e.type == "arrested"}
    assert arrested == {("Анне Липовой", "1938")}


def test_a_first_name_alone_never_rules_a_man_out() -> None:
    events = read("Nikola Brodar was born in 1899. In 1937 he was arrested in Zagreb.")
    assert ("arrested", "Nikola Brodar", "1937") in facts(events)


def test_a_russian_feminine_verb_is_not_the_man_the_story_is_about() -> None:
    text = (
        "Иван Петрович Соколов (1899 — 1960) — советский разведчик. В 1937 году "
        "арестован. В 1938 году арестована. В 1939 году расстрелян."
    )
    extraction, _ = extract_by_rules(document_from_text(text, "others.txt"))
    dates = {e.date for e in extraction.events if e.type in ("arrested", "executed")}
    assert dates == {"1937", "1939"}


def test_his_wife_later_is_the_wife_named_before() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. In 1925 he married Anna Lipova. He was "
        "arrested in 1937. It was later reported that his wife had been shot."
    )
    assert ("executed", "Anna Lipova", None) in facts(events)
    assert "Ivan Sokolov" not in people(events, "executed")


def test_his_wife_with_no_wife_named_is_no_one() -> None:
    text = "Ivan Sokolov was born in 1899. In 1938 his wife was arrested."
    extraction, _ = extract_by_rules(document_from_text(text, "others.txt"))
    assert people(list(extraction.events), "arrested") == set()


def test_they_never_pairs_two_men() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. In 1928 he was sent to Riga by Gleb "
        "Kotov. They married in 1929."
    )
    assert "Gleb Kotov" not in people(events, "married")


def test_a_wife_meant_by_his_wife_does_not_become_he() -> None:
    text = (
        "Ivan Sokolov was born in 1899. In 1925 he married Anna Lipova. It was "
        "later reported that his wife had been shot. He was appointed consul in "
        "Riga in 1940."
    )
    extraction, _ = extract_by_rules(document_from_text(text, "others.txt"))
    assert people(list(extraction.events), "appointed") == {"Ivan Sokolov"}


def test_a_name_and_his_wife_share_the_arrest() -> None:
    events = read(
        "Ivan Sokolov was born in 1899. In 1925 he married Anna Lipova. In 1937 "
        "Sokolov and his wife were arrested."
    )
    assert {
        ("arrested", "Sokolov", "1937"),
        ("arrested", "Anna Lipova", "1937"),
    } <= facts(events)
