"""Events a biography tells of the people it names beside its subject: spouses,
successors, colleagues with their posts, and the dates their steps take.

Every sentence here is written for the test; the names are invented.
"""

from __future__ import annotations

from test_other_persons import read

from kartoteka.model import Event


def of_type(events: list[Event], kind: str) -> dict[str, str | None]:
    return {e.person.text: e.date for e in events if e.type == kind}


def test_a_wife_named_after_his_marries_both_and_not_her_brother() -> None:
    events = read("In 1938 Kotov crossed the border with his wife Anna Kotova.")
    married = of_type(events, "married")
    assert {"Kotov", "Anna Kotova"} <= set(married)
    assert married["Anna Kotova"] is None  # the crossing's year is not the wedding's
    events = read("In 1937 Kotov hired his wife's brother, Ivan Gromov, as a driver.")
    assert "Ivan Gromov" not in of_type(events, "married")


def test_a_wife_named_after_an_aside_and_was() -> None:
    events = read(
        "Ivan Lobov spoke German. His wife, a typist from Kiev, was Maria Lobova."
    )
    assert "Maria Lobova" in of_type(events, "married")


def test_a_russian_wife_needs_no_possessive() -> None:
    events = read("В 1939 году Лобов вместе с женой Марией Лобовой уехал в Париж.")
    assert "Марией Лобовой" in of_type(events, "married")


def test_a_named_successor_takes_the_post_in_the_year_told() -> None:
    events = read(
        "On 12 August 1937 it was Lobov's turn to be arrested by his successor "
        "in the Urals, Gromov."
    )
    assert of_type(events, "appointed") == {"Gromov": "1937"}


def test_names_a_group_appointed_were_take_the_story_year() -> None:
    events = read(
        "In 1936 Kotov was appointed head of the NKVD. Other friends appointed to "
        "senior posts were A. B. Lebedev, V. G. Sokolov, and M. I. Zaitsev."
    )
    appointed = of_type(events, "appointed")
    for name in ("A. B. Lebedev", "V. G. Sokolov", "M. I. Zaitsev"):
        assert appointed[name] == "1936"


def test_an_apposition_names_a_post_by_its_land_but_needs_a_post_noun() -> None:
    events = read(
        "Kotov met Wilhelm von Roth, the German ambassador to Russia, and "
        "Ivan Lebedev, a teacher in Tula."
    )
    assert set(of_type(events, "appointed")) == {"Wilhelm von Roth"}


def test_a_sentence_after_a_dated_arrest_keeps_only_its_year() -> None:
    events = read(
        "В 1950 году Котов был назначен начальником отдела, 3 мая того же года "
        "арестован. Обвинен в шпионаже, Приговорен к 10 годам лишения свободы."
    )
    assert of_type(events, "arrested") == {"Котов": "1950-05-03"}
    assert set(of_type(events, "sentenced").values()) == {"1950"}


def test_stripped_of_medals_is_no_dismissal() -> None:
    events = read("In 1960 Kotov was stripped of his medals and his rank.")
    assert of_type(events, "dismissed") == {}
    events = read("In 1960 Kotov was stripped of his post and expelled from the party.")
    assert of_type(events, "dismissed") == {"Kotov": "1960"}


def test_along_with_as_a_particle_shares_the_arrest() -> None:
    events = read("In May 1937 Lobov was arrested along with Ivan Gromov.")
    assert of_type(events, "arrested") == {"Lobov": "1937-05", "Ivan Gromov": "1937-05"}


def test_a_name_after_a_title_is_not_the_one_before_it() -> None:
    events = read(
        "After the death of Stalin, the Minister of State Security, Ivan Lobov, "
        "reorganized the MGB."
    )
    assert set(of_type(events, "died")) == {"Stalin"}
    events = read(
        "In 1937 the NKVD arrested Ivan Lobov, the head of the Kiev NKVD, "
        "and Oleg Petrov."
    )
    assert set(of_type(events, "arrested")) == {"Ivan Lobov", "Oleg Petrov"}


def test_the_sentence_after_a_year_is_in_it_though_the_paragraph_moves_on() -> None:
    events = read(
        "In 1951 Kotov was dismissed on Stalin's orders. He was replaced by Semyon "
        "Gromov. On Stalin's death in March 1953 Kotov stayed in prison."
    )
    assert of_type(events, "appointed") == {"Semyon Gromov": "1951"}


def test_predecessors_named_held_the_post() -> None:
    events = read(
        "His two predecessors in the post, Ivan Kotov and Oleg Lobov, were shot."
    )
    assert {"Ivan Kotov", "Oleg Lobov"} <= set(of_type(events, "appointed"))


def test_a_title_before_a_name_needs_no_comma_and_may_be_former() -> None:
    events = read(
        "Kotov reported to the head of the Third Department of the Chief "
        "Directorate of the NKVD Lev Orlik. He also met the former head of the "
        "Trade Mission, Ivan Lapin, and the leaders of the Party Oleg Belov and "
        "Semyon Zotov."
    )
    assert of_type(events, "appointed") == {"Lev Orlik": None, "Ivan Lapin": None}


def test_a_title_before_a_name_is_found_behind_another_of_phrase() -> None:
    events = read(
        "His wife was Maria Lobova, the niece of the Party General Secretary "
        "Boris Gromov."
    )
    assert of_type(events, "appointed") == {"Boris Gromov": None}


def test_a_death_before_what_was_feared_is_no_fear_and_no_topic() -> None:
    events = read(
        "Kotov was made a minister in 1946. After Stalin’s death, the new leaders "
        "feared that Kotov would seize power. In 1953 he was arrested. Before the "
        "arrest of Oleg Frolov, Kotov planned the murder of Ivan Zotov."
    )
    assert of_type(events, "died") == {"Stalin": None}
    assert [e.person.text for e in events if e.date == "1953"] == ["Kotov"]
    assert of_type(events, "arrested") == {"Kotov": "1953", "Oleg Frolov": None}
    assert not of_type(events, "killed")  # planned, not done


def test_a_defector_named_defected_and_the_subject_once() -> None:
    events = read(
        "In 1938 Kotov defected to France. Soviet defector Kotov wrote a book. "
        "KGB defector Oleg Frolov said so. The defectors Ivan Lapin and Semyon "
        "Zotov agreed. The defector's wife, Anna Lapina, did not."
    )
    assert of_type(events, "defected") == {
        "Kotov": "1938",
        "Oleg Frolov": None,
        "Ivan Lapin": None,
        "Semyon Zotov": None,
    }


def test_a_long_post_after_a_name_is_a_post() -> None:
    events = read(
        "Kotov met General Ivan Lapin, head of the anti-Soviet emigre union in "
        "Belgium known as the League of Former Officers of the Imperial Army, "
        "in Brussels."
    )
    assert of_type(events, "appointed") == {"Ivan Lapin": None}


def test_the_head_others_served_under_holds_the_post_undated() -> None:
    events = read(
        "Kotov served in the Foreign Department under Ivan Lobov "
        "and later Pyotr Gromov."
    )
    appointed = {e.person.text: e for e in events if e.type == "appointed"}
    assert {"Ivan Lobov", "Pyotr Gromov"} <= set(appointed)
    assert appointed["Pyotr Gromov"].date is None
    assert appointed["Pyotr Gromov"].position == "head of Foreign Department"
    events = read("Kotov worked under Ivan Lobov in the Cheka.")
    assert of_type(events, "appointed") == {"Ivan Lobov": None}


def test_under_a_name_without_a_body_is_a_reign_not_a_post() -> None:
    events = read("The whole country suffered under Ivan Lobov.")
    assert of_type(events, "appointed") == {}


def test_a_unit_named_after_a_man_and_an_aide_after_his_chief() -> None:
    events = read("Kotov was sent to Ivan Lobov's Cheka detachment.")
    assert "Ivan Lobov" in of_type(events, "appointed")
    events = read("Kotov knew that Ivan Lobov's personal assistant Pyotr Gromov lied.")
    assert set(of_type(events, "appointed")) == {"Pyotr Gromov"}


def test_russian_titles_and_led_by_before_a_name() -> None:
    events = read("В Берлине Котов встретил германского посла Ивана Лобова.")
    assert of_type(events, "appointed") == {"Ивана Лобова": None}
    events = read("Котов учился в школе, руководимой Иваном Лобовым.")
    assert "Иваном Лобовым" in of_type(events, "appointed")
    events = read("Отряд действовал под руководством Ивана Лобова.")
    assert "Ивана Лобова" in of_type(events, "appointed")
    events = read("Котов приехал в Москву после Ивана Лобова.")
    assert of_type(events, "appointed") == {}


def test_a_russian_title_behind_deputy_is_the_deputy_s_post() -> None:
    events = read("Сталин не доверял заместителю председателя ОГПУ Ивану Лобову.")
    posts = {e.person.text: e.position for e in events if e.type == "appointed"}
    assert posts == {"Ивану Лобову": "заместителю председателя ОГПУ"}
