"""Careers told as lists: one appointment per listed post, never one per word of a
post's name, and résumé lines told apart from narrative. The candidates are
scored by hand, so what is tested is how chosen candidates become statements,
whatever the model weighs."""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.extract.scorer import chosen, completed, document_candidates, tenures
from kartoteka.extract.scorer.candidates import Candidate
from kartoteka.extract.scorer.corpus import _dated_alike
from kartoteka.extract.scorer.units import document_units, subject_word
from kartoteka.ingest import document_from_text

HEAD = "Ivan Petrovich Belov (1890 — 1938) was a Soviet official.\n\n"


def _scored(text: str, year: str) -> list[tuple[Candidate, float]]:
    """Every appointment candidate dated `year` scored sure, the rest not."""
    document = document_from_text(HEAD + text, "own.txt")
    found, analyses = extract_by_rules(document)
    return [
        (c, 1.0 if c.type == "appointed" and c.value == year else 0.0)
        for c, _ in document_candidates(document, analyses, found.mentions)
    ]


def _appointed(text: str, year: str) -> list[str]:
    scored = _scored(text, year)
    return sorted(c.cue for c, _ in chosen(scored, 0.5) if c.type == "appointed")


def test_two_posts_listed_under_one_span_are_two_appointments() -> None:
    text = (
        "From 1924 to 1927 Belov was deputy of the trade commissar and secretary "
        "of the planning board.\n"
    )
    assert len(_appointed(text, "1924")) == 2
    document = document_from_text(HEAD + text, "own.txt")
    found, _ = extract_by_rules(document)
    scored = _scored(text, "1924")
    subject = subject_word(found.mentions, document.text)
    events = completed(document, found.events, scored, 0.5, subject)
    posts = [e for e in events if (e.type, e.date) == ("appointed", "1924")]
    assert len(posts) == 2, "a rule's appointment states one listed post, not both"


def test_a_russian_listing_of_posts_names_each_post() -> None:
    text = (
        "В 1929-1932 гг. — начальник отдела кадров, заместитель начальника "
        "управления и секретарь парткома.\n"
    )
    assert len(_appointed(text, "1929")) == 3


def test_and_inside_a_name_lists_no_second_post() -> None:
    text = "From 1924 to 1927 Belov headed the Workers' and Peasants' Inspectorate.\n"
    assert len(_appointed(text, "1924")) == 1


def test_a_later_post_with_its_own_date_does_not_repeat_the_first() -> None:
    text = (
        "Belov headed the archive from 1921 to 1925, then served as secretary "
        "of the board until 1930.\n"
    )
    assert len(_appointed(text, "1921")) == 1


def _lead_dates(text: str) -> set[str]:
    document = document_from_text(HEAD + text, "own.txt")
    found, analyses = extract_by_rules(document)
    candidates = document_candidates(document, analyses, found.mentions)
    return {
        f
        for c, features in candidates
        if c.type == "appointed" and c.unit.start >= len(HEAD)
        for f in features
        if f.startswith("type_date_opens=")
    }


def test_a_line_that_opens_with_its_years_reads_as_a_career_line() -> None:
    assert _lead_dates("1931-1934 — начальник районного отдела.\n") == {
        "type_date_opens=appointed:True:before"
    }
    assert _lead_dates("From 1925 to 1929 he headed the port guard.\n") == {
        "type_date_opens=appointed:True:before"
    }
    told = "After a long illness and a quarrel, Belov headed the guard in 1925.\n"
    assert _lead_dates(told) == {"type_date_opens=appointed:False:after"}


def test_a_post_dated_by_its_whole_span_labels_the_candidate_at_its_start() -> None:
    document = document_from_text(
        HEAD + "From 1918 to 1920 Belov was chairman of the district committee.\n",
        "own.txt",
    )
    found, analyses = extract_by_rules(document)
    candidates = document_candidates(document, analyses, found.mentions)
    ranged = [c for c, _ in candidates if c.date is not None and c.date.key]
    start = next(c for c in ranged if c.type == "appointed" and c.part == "start")
    end = next(c for c in ranged if c.type == "dismissed" and c.part == "end")
    assert start.date is not None and start.date.key == "1918/1920"
    # a gold that dates the post "1918/1920" is matched by the start the scorer gives
    assert _dated_alike("1918/1920", start) and _dated_alike("1918", start)
    assert not _dated_alike("1918/1920", end)
    assert not _dated_alike("1919", start)


def _date_leads(text: str, type_: str) -> set[str]:
    document = document_from_text(HEAD + text, "own.txt")
    found, analyses = extract_by_rules(document)
    return {
        f.split(":")[-1]
        for c, features in document_candidates(document, analyses, found.mentions)
        if c.type == type_ and c.unit.start >= len(HEAD)
        for f in features
        if f.startswith("type_date_lead=")
    }


def test_the_word_opening_a_date_says_whether_a_post_starts_or_ends() -> None:
    member = "Belov has been a party member since 1919.\n"
    assert "since" in _date_leads(member, "joined")
    assert "until" in _date_leads("Belov led the guard until 1936.\n", "dismissed")
    assert "с" in _date_leads("Белов работал в ЧК с 1921 года.\n", "joined")


def _chosen(text: str, sure: set[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """The (type, date) statements chosen when the candidates of the given type
    and date are scored sure and the rest not."""
    document = document_from_text(HEAD + text, "own.txt")
    found, analyses = extract_by_rules(document)
    scored = [
        (c, 1.0 if (c.type, c.value) in sure else 0.0)
        for c, _ in document_candidates(document, analyses, found.mentions)
        if c.unit.start >= len(HEAD)
    ]
    return sorted((c.type, c.value) for c, _ in chosen(scored, 0.5))


def test_posts_held_together_over_a_span_each_end_with_it() -> None:
    text = (
        "Belov was deputy commissar of transport and head of the railway "
        "police (1931 — 1934), chairman of the river board (1934 — 1937).\n"
    )
    ends = {("dismissed", "1934"), ("dismissed", "1937")}
    statements = _chosen(text, ends | {("appointed", "1931"), ("appointed", "1934")})
    assert statements.count(("dismissed", "1934")) == 2
    assert statements.count(("dismissed", "1937")) == 1
    assert statements.count(("appointed", "1931")) == 2
    # the chairman's post is not dated by the posts listed before it
    assert ("appointed", "1934") in statements


def test_posts_listed_one_after_another_in_a_span_end_once() -> None:
    text = (
        "Следователь, помощник начальника, начальник отделения губернского "
        "отдела (март 1920 — май 1923).\n"
    )
    statements = _chosen(text, {("appointed", "1920-03"), ("dismissed", "1923-05")})
    assert statements.count(("dismissed", "1923-05")) == 1
    assert statements.count(("appointed", "1920-03")) == 3


def test_a_post_held_twice_is_two_tenures() -> None:
    text = (
        "From 2 March 1936 to 5 May 1937 and from 9 June 1939 to 1941 Belov "
        "was chairman of the port commission.\n"
    )
    sure = {
        ("appointed", "1936-03-02"),
        ("dismissed", "1937-05-05"),
        ("appointed", "1939-06-09"),
        ("dismissed", "1941"),
    }
    assert _chosen(text, sure) == sorted(sure)


def test_a_tenure_read_at_all_is_read_whole() -> None:
    document = document_from_text(
        HEAD + "From 1927 to 1929 Belov was a member of the regional bureau.\n",
        "own.txt",
    )
    found, analyses = extract_by_rules(document)
    candidates = [
        c
        for c, _ in document_candidates(document, analyses, found.mentions)
        if c.unit.start >= len(HEAD) and c.cue == "member"
    ]
    # only the end scored sure: the start of the same tenure comes with it
    scored = [
        (c, 0.95 if (c.type, c.value) == ("dismissed", "1929") else 0.2)
        for c in candidates
    ]
    lifted = {(c.type, c.value): s for c, s in tenures(scored)}
    assert lifted[("appointed", "1927")] == 0.95
    assert lifted.get(("appointed", None), 0.2) == 0.2  # an undated post is no tenure
    assert [(c.type, c.value) for c, _ in chosen(scored, 0.9)] == [
        ("appointed", "1927"),
        ("dismissed", "1929"),
    ]


def test_a_post_listed_beside_a_confident_one_needs_less() -> None:
    document = document_from_text(
        HEAD + "Инспектор уездной милиции (1921 — 1924), начальник губернского "
        "отдела (1924 — 1929).\n\nIn 1930 Belov was a member of the local board, "
        "and a teacher.\n",
        "own.txt",
    )
    found, analyses = extract_by_rules(document)
    candidates = [
        c
        for c, _ in document_candidates(document, analyses, found.mentions)
        if c.unit.start >= len(HEAD) and c.type == "appointed" and c.part != "end"
    ]

    def score(c: Candidate) -> float:
        if c.value == "1924" and c.cue == "начальник":
            return 0.95  # the head's post, read with confidence
        return 0.6 if c.value in ("1921", "1930") else 0.0

    statements = [
        (c.cue, c.value) for c, _ in chosen([(c, score(c)) for c in candidates], 0.9)
    ]
    assert ("начальник", "1924") in statements
    assert ("инспектор", "1921") in statements  # listed beside it, dated in its part
    assert all(value != "1930" for _, value in statements)  # a sentence, no listing


def test_a_further_term_of_a_post_read_with_confidence_needs_less() -> None:
    text = (
        "Belov chaired the port commission from 1936 to 1938 and again from "
        "1941 to 1943.\n"
    )
    document = document_from_text(HEAD + text, "own.txt")
    found, analyses = extract_by_rules(document)
    candidates = [
        c
        for c, _ in document_candidates(document, analyses, found.mentions)
        if c.unit.start >= len(HEAD) and c.date is not None
    ]

    def score(c: Candidate) -> float:
        if c.date is None or c.date.key not in ("1936/1938", "1941/1943"):
            return 0.0
        return 0.95 if c.date.key == "1936/1938" else 0.7

    statements = {
        (c.type, c.value) for c, _ in chosen([(c, score(c)) for c in candidates], 0.9)
    }
    assert {("appointed", "1941"), ("dismissed", "1943")} <= statements
    # alone, the second term stays under the bar
    second = [(c, 0.7 if score(c) == 0.7 else 0.0) for c in candidates]
    assert chosen(second, 0.9) == []


def _date_keys(text: str) -> list[str | None]:
    document = document_from_text(HEAD + text, "own.txt")
    found, analyses = extract_by_rules(document)
    units = document_units(document, analyses, found.mentions)
    return [d.key for u in units if u.start >= len(HEAD) for d in u.dates]


def test_two_successive_years_joined_by_and_are_one_span() -> None:
    assert _date_keys("In 1926 and 1927 Belov was head of the archive.\n") == [
        "1926/1927"
    ]
    assert _date_keys("В 1926 и 1927 гг. Белов был начальником архива.\n") == [
        "1926/1927"
    ]
    # years apart are two moments, not a span, unless "between" opens them
    assert _date_keys("Между 1918 и 1921 годами Белов служил в армии.\n") == [
        "1918/1921"
    ]
    assert _date_keys("Belov was arrested in 1926 and 1929.\n") == ["1926", "1929"]


def test_a_post_held_at_places_each_with_its_bracket_is_one_per_place() -> None:
    places = "Belov served as a trade envoy in Persia (1923) and in Turkey (1925).\n"
    assert len(_appointed(places, "1923")) == 1
    both = [
        c.value
        for c, _ in chosen(
            [
                (c, 1.0 if c.value in ("1923", "1925") else s)
                for c, s in _scored(places, "")
            ],
            0.5,
        )
        if c.type == "appointed"
    ]
    assert sorted(both) == ["1923", "1925"]
    one = "Belov served as a trade envoy in Persia in 1923 and in Turkey in 1925.\n"
    picked = [
        c.value
        for c, _ in chosen(
            [
                (c, 1.0 if c.value in ("1923", "1925") else s)
                for c, s in _scored(one, "")
            ],
            0.5,
        )
        if c.type == "appointed" and c.cue == "served"
    ]
    assert len(picked) == 1, "dates outside brackets stay one statement per cue"


def _awards(text: str) -> list[str | None]:
    """The award statements chosen when every undated award candidate is sure."""
    scored = [
        (c, 1.0 if c.type == "awarded" and c.value is None else 0.0)
        for c, _ in _scored(text, "")
    ]
    chosen_awards = chosen(scored, 0.5)
    return [c.value for c, _ in chosen_awards if c.type == "awarded" and c.subject]


def test_each_listed_decoration_is_an_award_of_its_own() -> None:
    listed = (
        "Belov rose to the rank of major and was awarded the Order of the Red Star, "
        "the Order of Lenin and the badge of an honoured border guard.\n"
    )
    assert len(_awards(listed)) == 4
    one = "Belov was awarded, for his work, the Order of Lenin.\n"
    assert len(_awards(one)) == 1
    described = "Belov was given the title of Hero, a rank above any order.\n"
    assert len(_awards(described)) == 1


def _joined(text: str, head: str = HEAD) -> list[str]:
    """The cues of the joinings chosen when every undated joining candidate is
    sure."""
    document = document_from_text(head + text, "own.txt")
    found, analyses = extract_by_rules(document)
    scored = [
        (c, 1.0 if c.type == "joined" and c.value is None else 0.0)
        for c, _ in document_candidates(document, analyses, found.mentions)
    ]
    return [c.cue for c, _ in chosen(scored, 0.5) if c.type == "joined" and c.subject]


def test_each_listed_body_joined_is_a_joining_of_its_own() -> None:
    listed = (
        "Belov was first an anarchist, then a Bolshevik, and later a member of "
        "the border guard.\n"
    )
    assert len(_joined(listed)) == 3
    one = "Belov joined the Bolsheviks as a young member.\n"
    assert len(_joined(one)) == 1


def test_a_russian_listing_of_movements_is_one_joining_each() -> None:
    head = "Иван Петрович Белов (1890 — 1938) — советский чиновник.\n\n"
    listed = "Белов прошёл анархистское, а затем эсеровское подполье.\n"
    assert len(_joined(listed, head)) == 2
    one = "Белов вступил в партию большевиков.\n"
    assert len(_joined(one, head)) == 1


def test_a_russian_listing_of_decorations_is_one_award_each() -> None:
    head = "Иван Петрович Белов (1890 — 1938) — советский чиновник.\n\n"
    document = document_from_text(
        head + "Белов награждён орденом Ленина, орденом Красного Знамени и знаком.\n",
        "own.txt",
    )
    found, analyses = extract_by_rules(document)
    unit = document_units(document, analyses, found.mentions)[-1]
    assert len(unit.awards) == 2, "three decorations, two breaks"
    verb = document_from_text(head + "Белов был награждён, за службу, орденом.\n", "x")
    found, analyses = extract_by_rules(verb)
    unit = document_units(verb, analyses, found.mentions)[-1]
    assert unit.awards == (), "the verb alone is no decoration of its own"


def test_a_candidate_knows_how_many_bodies_its_sentence_lists() -> None:
    document = document_from_text(
        HEAD + "Belov was first an anarchist, then a Bolshevik, and later a member "
        "of the border guard.\n",
        "own.txt",
    )
    found, analyses = extract_by_rules(document)
    listed = {
        f
        for c, fs in document_candidates(document, analyses, found.mentions)
        if c.type == "joined"
        for f in fs
        if f.startswith("type_items=")
    }
    assert listed == {"type_items=joined:3"}
