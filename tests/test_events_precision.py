"""Issue 14: events a careful reader would not state, and dates from the wrong place."""

from __future__ import annotations

from kartoteka.extract import extract, extract_by_rules
from kartoteka.extract.scorer import completed, document_candidates
from kartoteka.extract.scorer.subject import subject_word
from kartoteka.ingest import document_from_text
from kartoteka.model import Event


def read(text: str) -> list[Event]:
    events = list(extract(document_from_text(text, "precision.txt")).events)
    for event in events:
        assert text[event.start : event.end] == event.evidence
    return events


def facts(text: str) -> set[tuple[str, str, str | None]]:
    return {(e.type, e.person.text, e.date) for e in read(text)}


def test_an_owned_event_noun_without_a_date_states_no_new_event() -> None:
    """ "Orlov's recall", "his defection": a noun a person owns points back to a
    step told elsewhere or taken as known; undated, it is no statement of its own.
    (A death stays: how a person died is what sources dispute.)"""
    found = facts(
        "Pavel Orlov was born in 1890 in Tula. In 1936 Orlov was made head of the "
        "Kiev NKVD. A week before Orlov's recall, the consul had warned him.\n\n"
        "Orlov led the Kiev NKVD from 1934. His defection would shake the whole "
        "service.\n\n"
        "The day before his arrest, Orlov burned his diaries.\n"
    )
    assert ("appointed", "Orlov", "1936") in found
    assert not {t for t, *_ in found} & {"recalled", "defected", "arrested"}


def test_an_owned_event_noun_with_its_date_is_kept() -> None:
    found = facts(
        "Pavel Orlov was born in 1890 in Tula. Shortly before his suicide in 1955, "
        "Orlov was stripped of his medals.\n"
    )
    assert ("suicide", "Orlov", "1955") in found


def test_after_a_period_held_comes_after_its_end() -> None:
    """ "After serving ... from 1925 to 1929, he became": not some time within
    1925-1929 but soon after 1929, which a year holds."""
    found = facts(
        "Pavel Orlov was born in 1890 in Tula. After working as deputy head of the "
        "trust from 1925 to 1929, he became a member of the Central Control "
        "Commission.\n\n"
        "Semyon Kotov was born in 1895. After three years (1930-1933) in Minsk, "
        "Kotov became head of the Kiev NKVD.\n"
    )
    assert ("joined", "Pavel Orlov", "1929") in found
    assert ("appointed", "Kotov", "1933") in found


def test_the_subject_born_under_another_name_is_born_once() -> None:
    """A birth name in the card and the name in its own script in the opening
    line repeat the subject's birth day: one birth, not one per name."""
    events = read(
        "Ivan Sokolov | |\n---|---|\nBorn |\nJohann Sokol March 3, 1893 Riga |\n"
        "Died | May 9, 1938 Moscow |\nOccupation | Chekist |\n"
        "Ivan Petrovich Sokolov (surname at birth Sokol) Russian: Иван Петрович "
        "Соколов (Сокол), (3 March 1893, Riga – 9 May 1938, Moscow) was a Soviet "
        "intelligence officer.\nIn 1919 Sokolov joined the Cheka.\n"
    )
    births = [e for e in events if e.type == "born"]
    assert [e.date for e in births] == ["1893-03-03"]


def test_a_staged_or_possible_event_is_no_event() -> None:
    """ "the staging of a suicide", "возможная инсценировка самоубийства": the
    death is what was staged or supposed, not what the source states happened."""
    found = facts(
        "Pavel Orlov was born in 1890. Orlov took part in the staging of the "
        "suicide of Ivan Klimov. Orlov arranged the faked suicide of Boris Lunin "
        "in 1936. Gleb Frolov committed suicide in 1937.\n\n"
        "Иван Петров родился в 1890 году. Позднее историки допускали его участие "
        "в возможной инсценировке самоубийства поэта Сергея Клюева.\n"
    )
    suicides = [f for f in found if f[0] == "suicide"]
    assert suicides == [("suicide", "Gleb Frolov", "1937")]


def test_a_date_in_a_relative_clause_does_not_date_the_event_before_it() -> None:
    """ "joined the union that had been founded ... in 1899": 1899 is when the
    union was founded, not when he joined it."""
    found = facts(
        "Pavel Orlov was born in 1880 in Tula. Orlov studied law in Kiev. He moved "
        "to Riga, where he joined the Latvian Workers' Union that had been founded "
        "by Jan Ozols in 1899.\n"
    )
    assert ("joined", "Orlov", None) in found
    assert not [f for f in found if f[0] == "joined" and f[2] == "1899"]


def test_a_flight_to_the_soviet_side_is_no_defection() -> None:
    found = facts(
        "Pavel Orlov was born in 1890. In 1943 Orlov escaped to Moscow and worked "
        "for the GRU.\n\nSemyon Kotov was born in 1895. In 1937 Kotov fled to "
        "France.\n\nIgnat Rudin was born in 1899. In July 1938 Rudin wrote a letter "
        "explaining his decision to break with the Soviet Union.\n"
    )
    defections = {f for f in found if f[0] == "defected"}
    assert defections == {
        ("defected", "Kotov", "1937"),
        ("defected", "Rudin", "1938-07"),
    }


def test_a_single_undisputed_fate_still_types_the_death() -> None:
    found = facts(
        "Ivan Kotov (1899 - 1938) was a Soviet officer. Kotov was arrested in "
        "May 1938 and shot in August 1938.\n"
    )
    deaths = {f for f in found if f[0] in ("died", "executed", "killed", "suicide")}
    assert deaths == {("executed", "Kotov", "1938-08")}


def test_a_cards_cause_of_death_names_the_kind_of_death() -> None:
    """`Cause of death | Execution`: the card's death is an execution, and the
    life dates of the opening line restate it."""
    found = facts(
        "Pavel Orlov | |\n---|---|\nBorn | March 3, 1890 Tula |\n"
        "Died | June 9, 1938 Moscow |\nCause of death | Execution by firing squad |\n"
        "Pavel Ivanovich Orlov Russian: Павел Иванович Орлов, (3 March 1890 – "
        "9 June 1938) was a Soviet security officer.\n"
    )
    deaths = {f for f in found if f[0] in ("died", "executed", "killed", "suicide")}
    assert deaths == {("executed", "Pavel Orlov", "1938-06-09")}
    unnamed = facts(
        "Ivan Kotov | |\n---|---|\nDied | 1 May 1941 Paris |\n"
        "Cause of death | Heart failure |\nIvan Kotov was a Soviet defector.\n"
    )
    assert ("died", "Ivan Kotov", "1941-05-01") in unnamed


def test_the_next_year_counts_from_where_the_sentence_before_ended() -> None:
    """ "arrested in 1911 ... got away in 1914. The next year Orlov was drafted":
    the story stands at 1914 when the next sentence begins, not at 1911."""
    found = facts(
        "Pavel Orlov was born in 1890 in Tula. In 1911, Orlov was arrested for "
        "strikes and sent to Tomsk; he got away from there in 1914. The next year "
        "Orlov was drafted, deserted within weeks and took a job at a Kazan plant.\n\n"
        "Ivan Kotov was born in 1895. In 1921 Kotov joined the Cheka, which had "
        "been founded in 1917. The following year he was made head of its Kiev "
        "office.\n"
    )
    assert ("arrested", "Orlov", "1911") in found
    assert ("joined", "Orlov", "1915") in found
    assert ("appointed", "Kotov", "1922") in found


def test_a_rules_execution_states_the_plain_death_a_candidate_offers() -> None:
    """The scorer's `died` on a card line is the death a rule already told with
    its kind (`Cause of death | Execution`): even chosen, it adds no second death."""
    text = (
        "Pavel Orlov | |\n---|---|\nBorn | March 3, 1890 Tula |\n"
        "Died | June 9, 1938 Moscow |\nCause of death | Execution |\n"
        "Pavel Ivanovich Orlov (3 March 1890 – 9 June 1938) was a Soviet security "
        "officer. In 1921 Orlov joined the Cheka.\n"
    )
    document = document_from_text(text, "precision.txt")
    found, analyses = extract_by_rules(document)
    mentions = list(found.mentions)
    candidates = document_candidates(document, analyses, mentions)
    deaths = [(c, 1.0) for c, _ in candidates if c.type == "died"]
    assert deaths, "the card line offers a plain death"
    subject = subject_word(mentions, text)
    events = completed(document, list(found.events), deaths, 0.5, subject)
    assert {(e.type, e.date) for e in events if e.type in ("died", "executed")} == {
        ("executed", "1938-06-09")
    }


def test_soon_after_a_month_or_a_year_is_dated_by_it() -> None:
    """ "After his death in July 1926, Orlov became ...": sources date such a
    step by the month or year named (July 1926), not "about" it; a day lets the
    step run into the next month."""
    found = facts(
        "Pavel Orlov was born in 1880. After Ivan Kotov's death in July 1926, "
        "Orlov became chairman of the trust.\n\n"
        "Semyon Rudin was born in 1885. After the revolution of 1917, Rudin became "
        "secretary of the Tomsk soviet.\n\n"
        "Gleb Lunin was born in 1890. Lunin was arrested shortly after the plenum "
        "of 27 March 1936.\n"
    )
    assert ("appointed", "Orlov", "1926-07") in found
    assert ("appointed", "Rudin", "1917") in found
    assert ("arrested", "Lunin", "1936-03~") in found


def test_two_dates_given_as_alternatives_date_the_event_by_their_span() -> None:
    """ "late 1945 or early 1946", "в 1937 или 1938 году": the source does not
    know which; the event lies somewhere in both."""
    found = facts(
        "Pavel Orlov was born in 1890. In late 1945 or early 1946 Orlov returned "
        "to the Soviet Union.\n\n"
        "Иван Котов родился в 1899 году. В 1937 или 1938 году Котов был арестован.\n"
    )
    assert ("returned", "Orlov", "1945/1946") in found
    assert ("arrested", "Котов", "1937/1938") in found


def test_a_member_of_an_estate_or_a_family_joined_nothing() -> None:
    """ "the only member of the Polish gentry among the chiefs": a standing by
    birth, not a body joined; a member of a party or a union still joined it."""
    found = facts(
        "Pavel Orlov was born in 1890. Orlov was the only member of the Polish "
        "gentry among the chiefs of the service. In 1905 Orlov was a member of the "
        "Bund.\n\nIvan Kotov was born in 1899. Kotov was the youngest member of a "
        "large merchant family. His friend Lunin was also a member of the family.\n"
    )
    joined = {f for f in found if f[0] == "joined"}
    assert joined == {("joined", "Orlov", "1905")}


def test_resigning_from_a_party_leaves_no_post() -> None:
    """ "she resigned from the party": a membership ends, no post; resigning as
    head of a body still ends a tenure."""
    found = facts(
        "Ivan Kotov was born in 1899. In 1938 Kotov resigned from the Communist "
        "Party of the United States. In 1940 he resigned as head of the union.\n"
    )
    dismissals = {f for f in found if f[0] == "dismissed"}
    assert dismissals == {("dismissed", "Kotov", "1940")}


def test_a_tenure_the_rules_gave_another_person_is_not_the_subjects() -> None:
    """ "Kotov ... was a protege of Lavrenty Orlov, head of the police from 1938 to
    1953": the years are Orlov's tenure; a chosen candidate of the subject with
    the same type and date in that sentence adds nothing."""
    text = (
        "Ivan Semyonovich Kotov (1894 - 1954), a Soviet official, was a protege "
        "and subordinate of Lavrenty Orlov, head of the Soviet secret police from "
        "1938 to 1953. In 1943 Kotov became head of the army's counterintelligence. "
        "Kotov was arrested in 1951.\n"
    )
    document = document_from_text(text, "precision.txt")
    found, analyses = extract_by_rules(document)
    mentions = list(found.mentions)
    rules = list(found.events)
    assert ("appointed", "Lavrenty Orlov", "1938") in facts_of(rules)
    posts = [
        (c, 1.0)
        for c, _ in document_candidates(document, analyses, mentions)
        if c.subject and c.type in ("appointed", "dismissed") and c.unit.start == 0
    ]
    assert {c.value for c, _ in posts} >= {"1938", "1953"}
    subject = subject_word(mentions, text)
    events = completed(document, rules, posts, 0.5, subject)
    kotov = {(e.type, e.date) for e in events if "Kotov" in e.person.text}
    assert not kotov & {("appointed", "1938"), ("dismissed", "1953")}
    assert ("born", "1894") in kotov


def facts_of(events: list[Event]) -> set[tuple[str, str, str | None]]:
    return {(e.type, e.person.text, e.date) for e in events}
