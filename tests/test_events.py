"""Events as a careful reader finds them: who, what, when, how sure, on whose word."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOLD, ROOT

from kartoteka import evaluate
from kartoteka.build import Summary, build
from kartoteka.export import export_dict
from kartoteka.extract import extract
from kartoteka.ingest import document_from_text
from kartoteka.model import Event
from kartoteka.store import connect

HELDOUT = ROOT / "tests" / "data" / "heldout"


def read(text: str, name: str = "events.txt") -> list[Event]:
    events = list(extract(document_from_text(text, name)).events)
    for event in events:
        assert text[event.start : event.end] == event.evidence
    return events


def facts(events: list[Event]) -> set[tuple[str, str, str | None]]:
    return {(e.type, e.person.text, e.date) for e in events}


def test_passive_voice_and_coordinated_names() -> None:
    events = read(
        "On 14 August 1937 Pauker, Shanin and Firin were shot.\n\n"
        "Theodore Maly, Antonov-Ovseenko and Berzen were all executed.\n"
    )
    assert {
        ("executed", "Pauker", "1937-08-14"),
        ("executed", "Shanin", "1937-08-14"),
        ("executed", "Firin", "1937-08-14"),
        ("executed", "Theodore Maly", None),
        ("executed", "Antonov-Ovseenko", None),
        ("executed", "Berzen", None),
    } <= facts(events)


def test_active_voice_names_the_agent() -> None:
    [event] = [
        e
        for e in read(
            "Yan Berzin awarded Walter Krivitsky the Order of Lenin in 1931.\n"
        )
        if e.type == "awarded"
    ]
    assert (event.person.text, event.date) == ("Walter Krivitsky", "1931")
    assert event.agent is not None and event.agent.text == "Yan Berzin"


def test_verbs_coordinated_with_a_passive_share_its_subject() -> None:
    events = read(
        "Semyon Uritsky was arrested in November 1937 and shot in August of the "
        "following year.\n"
    )
    assert {
        ("arrested", "Semyon Uritsky", "1937-11"),
        ("executed", "Semyon Uritsky", "1938-08"),
    } <= facts(events)
    [shot] = [e for e in events if e.type == "executed"]
    assert shot.date_inferred


def test_nominalizations_name_their_person() -> None:
    events = read(
        "Abram Slutsky returned to Moscow. The announcement of the arrest of "
        "Mikhail Frinovsky on 6 April 1939 surprised nobody.\n"
    )
    assert ("arrested", "Mikhail Frinovsky", "1939-04-06") in facts(events)


def test_a_list_after_a_colon_dates_each_part() -> None:
    events = read(
        "Many chiefs of the service were shot in 1937: on 3 May Ivan Kotov and "
        "Pavel Lobov; on 9 June Boris Berman.\n"
    )
    assert {
        ("executed", "Ivan Kotov", "1937-05-03"),
        ("executed", "Pavel Lobov", "1937-05-03"),
        ("executed", "Boris Berman", "1937-06-09"),
    } <= facts(events)


def test_relative_dates_follow_the_story() -> None:
    events = read(
        "Ivan Kotov was arrested on 2 March 1938. Two days later he was shot.\n"
    )
    [shot] = [e for e in events if e.type == "executed"]
    assert (shot.person.text, shot.date, shot.date_inferred) == (
        "Ivan Kotov",
        "1938-03-04",
        True,
    )


def test_stance_and_reporter() -> None:
    events = read(
        "It was claimed by Alexander Orlov that agents killed Ignaz Reiss in 1937. "
        "Pavel Lobov was not released.\n\n"
        "At first it was claimed that Ivan Kotov had committed suicide. However, "
        "others claimed that he had been murdered by agents.\n"
    )
    by_type = {(e.type, e.person.text): e for e in events}
    killed = by_type["killed", "Ignaz Reiss"]
    assert (killed.stance, killed.reporter) == ("reported", "Alexander Orlov")
    assert by_type["released", "Pavel Lobov"].stance == "denied"
    assert by_type["suicide", "Ivan Kotov"].stance == "disputed"
    murdered = by_type["killed", "Ivan Kotov"]
    assert (murdered.stance, murdered.reporter) == ("disputed", "others")


def test_what_was_wanted_or_feared_did_not_happen() -> None:
    events = read(
        "Stalin wanted to arrest Ivan Kotov. Pavel Lobov feared being executed.\n"
    )
    assert not [e for e in events if e.type in ("arrested", "executed")]


def test_what_nearly_or_would_have_happened_did_not_happen() -> None:
    events = read(
        "Lev Orlik kept his code book at home. Had the Gestapo searched the flat, "
        "he'd have been arrested and shot.\n\n"
        "Guards nearly killed Pavel Lobov at the border. His transfer meant that "
        "Ivan Kotov had to be dismissed.\n"
    )
    assert not [e for e in events if e.type in ("arrested", "executed", "killed")]
    assert not [e for e in events if e.type == "dismissed"]


def test_being_joined_by_someone_is_no_joining() -> None:
    events = read(
        "In 1931 Lev Orlik went to Vienna. There he was joined by his courier, "
        "Anna Weiss.\n"
    )
    assert not [e for e in events if e.type == "joined"]


def test_each_body_joined_in_one_breath_is_a_joining() -> None:
    bodies = read(
        "In 1918 Pavel Lobov joined the Bolshevik Party and the Cheka.\n\n"
        "В 1919 году Иван Котов вступил в РКП(б) и в Красную армию.\n"
    )
    joined = {
        (e.person.text, e.org.name) for e in bodies if e.type == "joined" and e.org
    }
    assert {("Pavel Lobov", "Cheka"), ("Иван Котов", "Красную армию")} <= joined
    one = read("In 1920 Pavel Lobov joined the Cheka and worked with Anna Weiss.\n")
    assert len([e for e in one if e.type == "joined"]) == 1


def test_each_body_joined_in_one_breath_is_stored(tmp_path: Path) -> None:
    """Two joinings share type, person, date and sentence; both reach the store."""
    (tmp_path / "lobov.txt").write_text(
        "Pavel Lobov\n\nIn 1918 Pavel Lobov joined the Bolshevik Party and the "
        "Cheka.\n",
        encoding="utf-8",
    )
    build([tmp_path], tmp_path / "kb.sqlite", workers=1)
    with connect(tmp_path / "kb.sqlite") as conn:
        rows = conn.execute(
            "SELECT e.name FROM events JOIN entities e ON e.id = events.org"
            " WHERE events.type = 'joined'"
        ).fetchall()
    assert sorted(r[0] for r in rows) == ["Bolshevik Party", "Cheka"]


def test_a_noun_trigger_takes_the_date_of_its_verb() -> None:
    events = read("Lev Orlik planned and directed the murder of Anton Vosk in 1937.\n")
    assert ("killed", "Anton Vosk", "1937") in facts(events)


def test_drafted_and_an_offset_before_any_word() -> None:
    events = read(
        "Pavel Lobov left school in 1914. The next year he was drafted into the "
        "army.\n\n"
        "Ivan Kotov was arrested on 2 March 1938. He was shot four months later "
        "as a spy.\n"
    )
    assert ("joined", "Pavel Lobov", "1915") in facts(events)
    assert ("executed", "Ivan Kotov", "1938-07") in facts(events)


def test_a_step_told_meanwhile_is_about_the_story_year() -> None:
    events = read(
        "In 1933 Lev Orlik was appointed resident in Harbin. Meanwhile, he "
        "married Vera Lenz, a typist from the consulate.\n"
    )
    assert "1933~" in {e.date for e in events if e.type == "married"}


def test_a_sentence_without_its_subject_is_about_the_story_person() -> None:
    russian = read(
        "Лев Маркович Орлик родился в 1899 году в Киеве. В 1937 арестован, "
        "в 1938 расстрелян.\n"
    )
    assert {("arrested", "1937"), ("executed", "1938")} <= {
        (e.type, e.date) for e in russian if e.person.name.startswith("Лев")
    }
    english = read(
        "Lev Orlik was a Soviet intelligence officer. Born 4 June 1899 in Kiev. "
        "Appointed head of the border guards in 1931.\n"
    )
    assert {("born", "1899-06-04"), ("appointed", "1931")} <= {
        (e.type, e.date) for e in english if e.person.name == "Lev Orlik"
    }


def test_a_bracket_holding_a_date_dates_the_award_and_life_dates_do_not() -> None:
    events = read(
        "Лев Маркович Орлик родился в 1899 году. Награждён орденом Ленина "
        "(1937).\n\n"
        "Lev Orlik was a border guard. He arrested Ivan Petrov (1890-1938) in 1936.\n"
    )
    assert ("awarded", "1937") in {(e.type, e.date) for e in events}
    assert ("arrested", "Ivan Petrov", "1936") in facts(events)


def test_one_replacing_another_and_a_tenure() -> None:
    events = read(
        "On 8 June 1937 the Politburo dismissed Semyon Uritsky and replaced him "
        "with Yan Berzin, who had headed military intelligence from 1924 to 1935.\n"
    )
    assert {
        ("dismissed", "Semyon Uritsky", "1937-06-08"),
        ("appointed", "Yan Berzin", "1937-06-08"),
        ("appointed", "Yan Berzin", "1924"),
        ("dismissed", "Yan Berzin", "1935"),
    } <= facts(events)


def test_members_listed_are_appointed() -> None:
    events = read(
        "On 14 April 1937 the Politburo set up a commission. Its members were "
        "Stalin, Molotov and Kaganovich.\n"
    )
    members = {e.person.text for e in events if e.type == "appointed"}
    assert {"Stalin", "Molotov", "Kaganovich"} <= members


def test_life_dates_in_brackets_and_the_age_of_a_person() -> None:
    events = read(
        "Boris Lebedev (1902–1961) was born in Tula. At the age of thirteen he "
        "joined the youth movement.\n"
    )
    found = facts(events)
    assert ("born", "Boris Lebedev", "1902") in found
    assert ("died", "Boris Lebedev", "1961") in found
    assert ("joined", "Boris Lebedev", "1915/1916") in found
    [born] = [e for e in events if e.type == "born"]
    assert born.place == "Tula"


def test_russian_passages() -> None:
    events = read(
        "Пётр Зубов был арестован в 1937 году и расстрелян 3 июня 1938 года.\n\n"
        "В июне 1938 года Генрих Люшков перебежал в Маньчжурию.\n",
        "ru.txt",
    )
    assert {
        ("arrested", "Пётр Зубов", "1937"),
        ("executed", "Пётр Зубов", "1938-06-03"),
        ("defected", "Генрих Люшков", "1938-06"),
    } <= facts(events)


def test_posts_stated_without_an_event_word() -> None:
    events = read(
        "Georgi Agabekov had been the OGPU rezident in Turkey. Mikhail Gai (since "
        "November 1936 Eastern Siberian NKVD chief) was arrested on 1 April 1937. "
        "Nikolai Yezhov, the People's Commissar of Internal Affairs from 1936 to "
        "1938, signed the order. His friend, Ignaz Reiss, was also a member of the "
        "Communist Party of Poland.\n"
    )
    found = facts(events)
    assert ("appointed", "Georgi Agabekov", None) in found
    assert ("appointed", "Mikhail Gai", "1936-11") in found
    assert ("arrested", "Mikhail Gai", "1937-04-01") in found
    assert ("appointed", "Nikolai Yezhov", "1936") in found
    assert ("dismissed", "Nikolai Yezhov", "1938") in found
    assert ("joined", "Ignaz Reiss", None) in found


def test_who_a_bare_noun_or_a_membership_is_about() -> None:
    events = read(
        "Vladimir Zhabinsky was born in 1914. After demobilization, he stayed in "
        "Berlin and worked for Radio Liberty.\n"
    )
    found = facts(events)
    assert ("dismissed", "Vladimir Zhabinsky", None) in found
    assert ("joined", "Vladimir Zhabinsky", None) in found
    entered = read("He entered the office at noon.\n")
    assert not [e for e in entered if e.type == "joined"]


def test_a_restated_event_is_one_statement() -> None:
    events = read(
        "Ivan Kotov was arrested on 3 May 1937 in Moscow. His arrest surprised "
        "nobody, and Kotov's arrest was soon forgotten.\n"
    )
    arrests = [e for e in events if e.type == "arrested"]
    assert [(e.person.text, e.date) for e in arrests] == [("Ivan Kotov", "1937-05-03")]


def _report(db: Path, gold: Path) -> evaluate.Report:
    with connect(db) as conn:
        payload = export_dict(conn)
        texts = {
            r["file"]: r["text"]
            for r in conn.execute("SELECT file, text FROM documents")
        }
    return evaluate.evaluate(payload, evaluate.load_gold(gold), texts)


def test_events_on_the_sample_corpus(corpus_db: tuple[Path, Summary]) -> None:
    events = _report(corpus_db[0], GOLD).events
    assert events.overall.precision >= 0.93  # spouses the gold leaves out
    assert events.overall.recall >= 0.80
    assert events.overall.f1 >= 0.865
    assert events.exact_date_share >= 0.90


@pytest.fixture(scope="module")
def heldout_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The held-out documents (written before the rules were tuned), built once."""
    db = tmp_path_factory.mktemp("heldout") / "heldout.sqlite"
    summary = build([HELDOUT / "corpus"], db, workers=1)
    assert summary.documents == 6 and not summary.problems
    return db


def test_events_on_documents_the_rules_were_not_written_against(
    heldout_db: Path,
) -> None:
    events = _report(heldout_db, HELDOUT / "gold").events
    assert events.overall.precision >= 0.79
    assert events.overall.recall >= 0.70
    assert events.overall.f1 >= 0.74
    assert events.exact_date_share >= 0.89


def test_a_post_beside_a_name_is_an_undated_appointment() -> None:
    events = read(
        "In 1936 the commission met Boris Orlov, the head of the Secret Department"
        " of the OGPU. Later the Party chief Pavel Lebedev spoke. The visitors"
        " included Ivan Sorin, the chief culprit, and the Party leaders Gusev and"
        " Kirov.\n\n"
        "On 3 May 1935 Semen Volkov was appointed head of the Transport Department."
        " Semen Volkov, the head of the Transport Department, then fled.\n"
    )
    posts = {
        (e.person.text, e.date, e.position) for e in events if e.type == "appointed"
    }
    assert ("Boris Orlov", None, "head of the Secret Department of the OGPU") in posts
    assert ("Pavel Lebedev", None, "Party chief") in posts
    assert not {p for p in posts if p[0] in ("Ivan Sorin", "Gusev", "Kirov")}
    assert [p[1:] for p in posts if p[0].endswith("Volkov")] == [
        ("1935-05-03", "head of the Transport Department")
    ]


def test_a_commission_lists_its_members() -> None:
    events = read(
        "In March 1936 a review commission was set up, including Gusev, Sorin,"
        " and Lebedev.\n"
    )
    assert {
        ("appointed", "Gusev", "1936-03"),
        ("appointed", "Sorin", "1936-03"),
        ("appointed", "Lebedev", "1936-03"),
    } <= facts(events)


def test_whose_turn_it_was() -> None:
    events = read(
        "Ivan Sorin was arrested on 3 May 1937. On 9 June it was Lebedev's turn "
        "to be arrested. On 2 July it was the turn of Sorin's old friend, "
        "Pavel Gusev.\n"
    )
    assert {
        ("arrested", "Lebedev", "1937-06-09"),
        ("arrested", "Pavel Gusev", "1937-07-02"),
    } <= facts(events)
    assert not [
        e
        for e in events
        if e.type == "arrested"
        and e.date == "1937-07-02"
        and e.person.text.startswith("Sorin")
    ]


def test_the_defendants_of_a_trial_are_sentenced() -> None:
    events = read(
        "In March 1938 the trial of the bloc against Bukharin, Rykov, and others "
        "took place. Vyshinskii opposed a new trial and dropped the case "
        "against Ivan Sorin.\n"
    )
    sentenced = {e.person.text for e in events if e.type == "sentenced"}
    assert {"Bukharin", "Rykov"} <= sentenced
    assert "Ivan Sorin" not in sentenced


def test_two_awards_stay_two_events() -> None:
    events = read(
        "In January 1937 Ezhov was rewarded with the title of General Commissar. "
        "Later Ezhov and many officers were decorated.\n"
    )
    awards = [(e.person.text, e.position) for e in events if e.type == "awarded"]
    assert ("Ezhov", "title of General Commissar") in awards
    assert len(awards) == 2


def test_an_undated_step_takes_the_year_of_the_story() -> None:
    events = read(
        "In March 1929 the OGPU sent Arvid Lenz to Tallinn. The station grew fast. "
        "Lenz was recalled to Moscow. His deputy was Oskar Saar. Lenz was later "
        "dismissed. Saar was shot."
        "\n\nIn May 1931 the network was broken up. Lenz was arrested, although the "
        "trial only opened in 1932.\n"
    )
    found = facts(events)
    assert ("recalled", "Lenz", "1929") in found
    assert ("appointed", "Oskar Saar", None) in found  # a post held, not a step
    assert ("dismissed", "Lenz", None) in found  # "later": not the story's year
    assert ("executed", "Saar", None) in found  # a fate is not dated by the story
    assert ("arrested", "Lenz", None) in found  # the paragraph moves on to 1932
    record = next(e for e in events if e.type == "recalled")
    assert record.date_inferred


def test_an_undated_post_before_a_dated_one_may_be_another_post() -> None:
    events = read(
        "In the autumn of 1936 Yezhov brought his own people. Other acquaintances "
        "appointed to high positions were I. V. Petrov, O. K. Sokolov, and A. N. "
        "Gusev.\n\nOn 5 May 1938 the Politburo appointed Petrov.\n"
    )
    petrov = sorted(
        (e.start, e.date)
        for e in events
        if e.type == "appointed" and e.person.text.endswith("Petrov")
    )
    assert [date for _, date in petrov] == ["1936-23", "1938-05-05"]


def test_since_an_aside_and_soon_after_give_dates() -> None:
    events = read(
        "Lenz had only been with the OGPU since 1931. In 1934 the Central Committee "
        "expelled Ivan Petrov and Boris Sokol (Nikolai Gusev committed suicide). "
        "In 1935 it expelled Karl Orlik (he was later shot). Oskar Vinter was "
        "arrested a few days after his appointment of 2 March 1936. Jaan Kask was "
        "arrested shortly after the plenum of 27 March 1936.\n"
    )
    found = facts(events)
    assert ("joined", "Lenz", "1931") in found
    assert ("suicide", "Nikolai Gusev", "1934") in found
    assert ("executed", "Karl Orlik", None) in found  # "later": not the aside's date
    assert ("arrested", "Oskar Vinter", "1936-03") in found
    assert ("arrested", "Jaan Kask", "1936-03~") in found  # may run into April


def test_an_event_set_against_another_time_takes_no_story_year() -> None:
    events = read(
        "In June 1936 Stalin weighed his options. Nobody knew. It was a maneuver he "
        "would use later when replacing Kedrov with Artuzov. Artuzov expelled Gusev. "
        "The lesson was on Artuzov's mind when he defected.\n"
    )
    found = facts(events)
    assert ("defected", "Artuzov", None) in found  # "when": a reference, not a step
    assert ("dismissed", "Kedrov", None) in found
    assert ("appointed", "Artuzov", None) in found
    assert ("expelled", "Gusev", "1936") in found


def test_two_member_lists_are_two_bodies() -> None:
    events = read(
        "On 14 April 1937 the Politburo set up a commission on secret questions. "
        "Its members were Stalin, Molotov and Ezhov. On 27 April it set up a "
        "Defense Committee; its members were Molotov, Stalin and Voroshilov.\n"
    )
    stalin = [e for e in events if e.type == "appointed" and e.person.text == "Stalin"]
    assert sorted(e.date or "" for e in stalin) == ["1937-04-14", "1937-04-27"]


def test_returning_needs_no_post_and_leaving_a_unit_is_defection() -> None:
    events = read(
        "Boris Olshansky returned to the USSR in 1956. In 1948, Captain Pavel "
        "Lenz and Lieutenant Oskar Saar left their units for Western Germany. "
        "Between 1958 and 1961, Ivan Sokol lived in Canada, but then returned to "
        "the USSR.\n"
    )
    found = facts(events)
    assert ("returned", "Boris Olshansky", "1956") in found
    assert ("returned", "Ivan Sokol", "1961") in found  # "then", at the span's end
    assert ("defected", "Captain Pavel Lenz", "1948") in found
    assert ("defected", "Lieutenant Oskar Saar", "1948") in found


def test_evidence_quotes_no_caption_set_inside_a_sentence() -> None:
    text = (
        "In May 1938 the Politburo appointed Ivan Petrov head of the\n\n"
        "Fig. 4. The Odessa NKVD building in 1939. (Author's collection)\n\n"
        "regional NKVD in Odessa; Oleg Sokol was dismissed the same week.\n"
    )
    events = read(text)
    caption = text.index("Fig. 4.")
    assert {e.type for e in events} >= {"appointed", "dismissed"}
    for event in events:
        assert not event.start <= caption < event.end
        assert "collection" not in event.evidence


def test_a_member_list_shares_the_founding_date_and_a_pluperfect_its_year() -> None:
    events = read(
        "On 3 March 1938 the Politburo set up a commission on foreign questions. "
        "Its members were Molotov, Voroshilov and Ezhov. At the October 1938 "
        "Plenum Ezhov reported that the Central Committee had expelled Ivan "
        "Petrov from the Party. Since April 1935 the department had been headed "
        "by Oleg Sokol.\n"
    )
    found = facts(events)
    assert ("appointed", "Voroshilov", "1938-03-03") in found
    assert ("expelled", "Ivan Petrov", "1938") in found
    assert ("appointed", "Oleg Sokol", "1935-04") in found


def test_a_trial_takes_the_dates_its_paragraph_gives_it() -> None:
    events = read(
        "In February 1938 the case was still pending. Then the great show trial "
        "against Ivan Petrov, Oleg Sokol and others took place. The trial was "
        "conducted between 2 and 13 March 1938. Two days before the trial ended, "
        "Mikhail Frinovsky was rewarded with the Order of Lenin.\n"
    )
    found = facts(events)
    assert ("sentenced", "Ivan Petrov", "1938-03-13") in found
    assert ("sentenced", "Oleg Sokol", "1938-03-13") in found
    assert ("awarded", "Mikhail Frinovsky", "1938-03-11") in found


def test_soon_keeps_the_year_later_keeps_nothing_and_a_held_state_no_date() -> None:
    events = read(
        "On 15 May 1926 Ivan Petrov married Anna Sokol. Soon afterwards he was "
        "sent to Vienna as rezident.\n\nOn 3 June 1937 the NKVD arrested Oleg "
        "Vinter. He was later dismissed.\n\nIn 1947 Karl Lenz fled to western "
        "Berlin. There, he worked for Radio Liberty.\n"
    )
    found = {(e.type, e.person.name, e.date) for e in events}  # pronouns resolved
    assert ("appointed", "Ivan Petrov", "1926") in found
    assert ("dismissed", "Oleg Vinter", None) in found
    assert ("joined", "Karl Lenz", None) in found


def test_just_and_recently_keep_the_story_year_and_since_does_not_move_it() -> None:
    events = read(
        "In March 1936 Ivan Petrov came back from Odessa. The purge spread. Oleg "
        "Sokol, who had just been recalled to Moscow, feared the worst. Sokol had "
        "only been with the OGPU since 1931. Karl Lenz was dismissed.\n"
    )
    found = facts(events)
    assert ("recalled", "Oleg Sokol", "1936") in found
    assert ("joined", "Sokol", "1931") in found
    assert ("dismissed", "Karl Lenz", "1936") in found  # the story stays in 1936


def test_a_sentence_wholly_in_brackets_is_part_of_the_story() -> None:
    events = read(
        "On 25 September 1936 the Politburo appointed Ivan Petrov chief of the "
        "NKVD. (As a result, Oleg Sokol became the acting head of the Control "
        "Commission.)\n"
    )
    assert ("appointed", "Oleg Sokol", "1936-09") in facts(events)


def test_an_undated_clause_takes_the_year_told_before_it_in_its_sentence() -> None:
    events = read(
        "On 17 May 1937 Ivan Petrov was dismissed; he became NKVD chief of Kursk, "
        "after his predecessor, Oleg Sokol, was arrested as a spy. Karl Lenz "
        "joined the GRU in 1937 and fought in Spain before he was posted to "
        "Brussels.\n"
    )
    found = facts(events)
    assert ("arrested", "Oleg Sokol", "1937") in found
    assert ("appointed", "Karl Lenz", None) in found  # "before": later than 1937


def test_a_quoted_paragraph_does_not_break_the_story() -> None:
    events = read(
        "On 14 March 1937 Ivan Petrov told a friend what he feared:\n\n"
        "They believe every denunciation and inflate every case.\n\n"
        "A month later Petrov was arrested.\n"
    )
    assert ("arrested", "Petrov", "1937-04") in facts(events)


def test_shortly_after_a_persons_trial_the_story_is_at_that_trial() -> None:
    events = read(
        "On 11 June 1937 the press reported that the tribunal had condemned Ivan "
        "Petrov to death.\n\nIn 1938 the purge went on.\n\nShortly after Petrov's "
        "trial the People's Commissar of Justice Nikolai Vasilev spoke of his "
        "fears in private.\n\nIn half a year Vasilev was arrested, and in a year "
        "he was shot.\n"
    )
    found = facts(events)
    assert ("arrested", "Vasilev", "1937-12~") in found
    assert ("executed", "Vasilev", "1938-06~") in found


def test_shortly_after_a_dated_visit_outweighs_the_sentence_opening() -> None:
    events = read(
        "On 20 June 1937 the first group was shot, among them Gai and Ivan Petrov, "
        "the head of the camp (Petrov had been arrested shortly after Stalin and "
        "Ezhov visited the canal on 22 April).\n"
    )
    assert ("arrested", "Petrov", "1937-04~") in facts(events)


def test_from_now_on_keeps_the_year_of_the_date_before() -> None:
    events = read(
        "The purge went on, Stalin in March 1938 having voiced his doubts. From "
        "now on a second commission checked the émigrés; it consisted of Ivan "
        "Petrov, Oleg Sokolov and Karl Lenz.\n"
    )
    assert ("appointed", "Oleg Sokolov", "1938") in facts(events)


def test_life_dates_after_a_spelling_or_a_place_or_with_places() -> None:
    found = facts(
        read(
            "Ivan Petrov (Иван Петров; Kazan, 1899–1950) was a courier.\n\n"
            "Anna Ivanova (4 May 1902, Tula – 9 June 1961, Moscow) was a typist.\n\n"
            "Олег Сидоров (настоящая фамилия Сидорук), (1897 — 1938) — чекист.\n"
        )
    )
    assert {
        ("born", "Ivan Petrov", "1899"),
        ("died", "Ivan Petrov", "1950"),
        ("born", "Anna Ivanova", "1902-05-04"),
        ("died", "Anna Ivanova", "1961-06-09"),
        ("born", "Олег Сидоров", "1897"),
        ("died", "Олег Сидоров", "1938"),
    } <= found


def test_a_tenure_in_brackets_after_a_name_is_no_lifetime() -> None:
    found = facts(read("Ivan Petrov (NKVD chief, 1936–1938) signed the order.\n"))
    assert not {f for f in found if f[0] in ("born", "died")}


def test_posts_listed_with_their_years_are_about_the_person_named_first() -> None:
    found = facts(
        read(
            "Иван Петрович Сорокин (1890 — 1941) — советский чекист. "
            "Секретарь уездного комитета (май — октябрь 1918), начальник "
            "особого отдела армии (ноябрь 1918 — март 1920). "
            "В 1925-1929 гг. — заместитель начальника управления ГПУ. "
            "С 1934 — начальник управления НКВД по краю. "
            "Звания: майор государственной безопасности (1935).\n"
        )
    )
    who = "Иван Петрович Сорокин"
    assert {
        ("appointed", who, "1918-05"),
        ("dismissed", who, "1918-10"),
        ("appointed", who, "1918-11"),
        ("dismissed", who, "1920-03"),
        ("appointed", who, "1934"),
        ("awarded", who, "1935"),
    } <= found


def test_a_post_naming_someone_else_is_not_the_persons() -> None:
    found = facts(
        read(
            "John Miller (1895–1960) was an engineer. "
            "Deputy of Peter Brown (1931–1935) at the plant.\n"
        )
    )
    assert not {f for f in found if f[0] in ("appointed", "dismissed")}


def test_exile_outlawing_trial_and_ranks_attained() -> None:
    found = facts(
        read(
            "Ivan Petrov joined the party in 1905. In 1908 Petrov was exiled "
            "to Siberia. In 1939 he was outlawed by a Soviet court. "
            "In 1944 he attained the rank of colonel. He stood trial in 1952.\n"
        )
    )
    # "exiled to Siberia" is left to the scorer (the rules read "was exiled" only
    # without the place), which now ranks it just under its threshold
    assert ("sentenced", "Petrov", "1905") not in found
    assert {
        ("sentenced", "Petrov", "1939"),
        ("awarded", "Petrov", "1944"),
        ("sentenced", "Petrov", "1952"),
    } <= found


def test_labelled_card_lines_give_the_pages_person_a_birth_and_a_death() -> None:
    found = facts(
        read(
            "Semyon Orlov\n"
            "- Birth Date: 1896-02-11\n"
            "- Death Place: Moscow\n\n"
            "Died | October 9, 1951 Moscow |\n\n"
            "Semyon Orlov was a courier of the service.\n"
        )
    )
    assert {
        ("born", "Semyon Orlov", "1896-02-11"),
        ("died", "Semyon Orlov", "1951-10-09"),
    } <= found
    russian = facts(
        read(
            "Анна Лебедева\n\nДата рождения: 2 мая 1901 года\n\n"
            "Анна Лебедева — шифровальщица.\n"
        )
    )
    assert ("born", "Анна Лебедева", "1901-05-02") in russian


def test_a_post_held_over_a_closed_span_is_taken_and_left() -> None:
    found = facts(read("Ivan Petrov was head of the border guard from 1927 to 1931.\n"))
    assert {
        ("appointed", "Ivan Petrov", "1927"),
        ("dismissed", "Ivan Petrov", "1931"),
    } <= found


def test_a_year_told_paragraphs_before_does_not_date_a_new_step() -> None:
    events = read(
        "In 1931 Lev Orlik was sent to Paris as a courier.\n\n"
        "The city was full of emigres and their newspapers.\n\n"
        "Many of them quarrelled over money and over the past.\n\n"
        "Orlik was appointed head of the station.\n"
    )
    assert ("appointed", "Orlik", None) in facts(events)


def test_a_clause_of_its_own_after_and_keeps_its_date_to_itself() -> None:
    events = read(
        "Pavel Lobov was decorated with the Order of the Red Star, and was "
        "promoted to major general in 1944.\n"
        "Ivan Kotov was tried and executed on 3 May 1938.\n"
    )
    found = facts(events)
    assert ("awarded", "Pavel Lobov", None) in found
    assert ("awarded", "Pavel Lobov", "1944") in found
    assert ("sentenced", "Ivan Kotov", "1938-05-03") in found
