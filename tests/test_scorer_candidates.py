"""The scorer's candidates: dates told by reference, a step after a span, life
dates with places, the cue words of general biographical phrasing, and which
documents are about one person."""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.extract.dates.find import find_dates
from kartoteka.extract.dates.relative import find_measured
from kartoteka.extract.scorer import document_candidates
from kartoteka.extract.scorer.corpus import _dated_alike
from kartoteka.extract.scorer.subject import is_biography
from kartoteka.extract.scorer.units import Word, cue_types, document_units, lemma
from kartoteka.ingest import document_from_text
from kartoteka.model import Mention

STORY = (
    "Ilya Markovich Zuev (1896 — 1939) was a Soviet security officer.\n\n"
    "In 1921 Zuev joined the party. The following year Zuev was posted to the "
    "border guards. On 3 March 1930 Zuev was arrested. Four months later Zuev "
    "was released.\n\n"
    "Zuev became chief of the district office two weeks after the raid on the "
    "grain depot (2 May 1931).\n\n"
    "Zuev was head of the county militia from 1932 to 1935 and then secretary "
    "of the city committee until 1937.\n"
)


def _read(text: str) -> tuple[list[str], list[tuple[str, str | None, str, str]]]:
    """The keys of every unit's dates, and the candidates as (type, date, part, cue
    word)."""
    document = document_from_text(text, "own.txt")
    found, analyses = extract_by_rules(document)
    units = document_units(document, analyses, found.mentions)
    keys = [d.key or "" for u in units for d in u.dates]
    candidates = document_candidates(document, analyses, found.mentions)
    return keys, [(c.type, c.value, c.part, c.word.text) for c, _ in candidates]


def test_dates_told_by_reference_are_counted_from_the_story() -> None:
    keys, candidates = _read(STORY)
    assert "1922" in keys  # the year after 1921
    assert "1930-07" in keys  # four months after 3 March 1930
    assert "1931-05-16" in keys  # two weeks after the raid dated after it
    assert ("appointed", "1931-05-16", "", "chief") in candidates
    assert ("released", "1930-07", "", "released") in candidates


def test_a_step_told_then_after_a_span_starts_when_the_span_ends() -> None:
    _, candidates = _read(STORY)
    assert ("appointed", "1935", "end", "secretary") in candidates
    # the span's own post keeps its start and end
    assert ("appointed", "1932", "start", "head") in candidates
    assert ("appointed", "1935", "end", "head") not in candidates


def test_offsets_from_a_named_event_count_from_its_date() -> None:
    english = find_measured("made chief three days after the fire at the depot")
    assert [(r.unit, r.offset) for r in english] == [("day", 3)]
    russian = find_measured("назначен через десять дней после ареста брата")
    assert [(r.unit, r.offset) for r in russian] == [("day", 10)]
    # "a year after," with nothing named after it counts from the story instead
    assert find_measured("He left a year after, in silence.") == []


def test_a_later_year_inside_a_sentence_moves_the_story_on() -> None:
    text = (
        "In 1924 he moved to Kiev. The depot was closed in 1926, which cost "
        "him his post in October."
    )
    assert [d.edtf for d in find_dates(text)] == ["1924", "1926", "1926-10"]
    text = (
        "In 1930 he moved to Kiev. He recalled the formation in 1925 of a "
        "bloc. In May he left."
    )
    assert [d.edtf for d in find_dates(text)] == ["1930", "1925", "1930-05"]


def test_a_span_told_in_an_earlier_sentence_ends_where_the_next_step_begins() -> None:
    _, candidates = _read(
        "Olga Petrovna Zueva (1899 — 1961) was a party official.\n\n"
        "Zueva headed the district office from 1930 to 1934. Zueva was "
        "elected to the regional committee.\n"
    )
    assert ("appointed", "1934", "end", "elected") in candidates
    assert ("appointed", "1930", "start", "elected") in candidates


def test_a_step_after_a_dated_one_may_take_the_story_year() -> None:
    _, candidates = _read(
        "Olga Petrovna Zueva (1899 — 1961) was a party official.\n\n"
        "On 3 March 1930 Zueva was arrested in Kazan. Zueva was expelled from "
        "the party.\n"
    )
    assert ("expelled", "1930-03-03", "", "expelled") in candidates
    assert ("expelled", "1930", "", "expelled") in candidates


def test_life_dates_with_a_place_beside_each_date_are_one_span() -> None:
    for text, life in (
        (
            "Pyotr Ilyich Zuev (3 May 1890, Tver province, Russia – 9 June 1940, "
            "Moscow) was a Soviet security officer. In 1921 Zuev joined the party.\n",
            "1890-05-03/1940-06-09",
        ),
        (
            "Пётр Ильич Зуев (3 мая 1890 года, Тверь — 9 июня 1940 года, Москва) — "
            "советский чекист. В 1921 году Зуев вступил в партию.\n",
            "1890-05-03/1940-06-09",
        ),
    ):
        keys, candidates = _read(text)
        assert life in keys
        born, died = life.split("/")
        found = [(t, v, p) for t, v, p, _ in candidates]
        assert ("born", born, "start") in found
        assert ("died", died, "end") in found


def _types(word: str, language: str) -> tuple[str, ...]:
    return cue_types(Word(0, len(word), word, lemma(word, language)), language)[1]


def test_general_biographical_words_are_cues_of_their_event_types() -> None:
    assert {"appointed", "joined"} <= set(_types("served", "en"))
    assert "appointed" in _types("co-opted", "en")
    assert "appointed" in _types("кооптирован", "ru")
    assert "appointed" in _types("командирован", "ru")
    assert "recalled" in _types("summons", "en")
    assert "defected" in _types("сбежал", "ru")
    assert "defected" in _types("flee", "en")
    assert "arrested" in _types("заключён", "ru")
    assert "released" in _types("выпущен", "ru")
    assert "awarded" in _types("rewarded", "en")
    assert "joined" in _types("Bolsheviks", "en")
    assert "joined" in _types("коммунистом", "ru")


def _person(start: int, name: str) -> Mention:
    return Mention("own", start, start + len(name), name, name, "person", "ru", "test")


def test_a_biography_counts_its_subject_in_every_case_form_the_text_writes() -> None:
    # The reading found the surname twice among nine names; the text writes it
    # three times ("Зуева" on a line of its own was not read as a name).
    text = (
        "Имя Ивана\nЗуева, одного из лучших разведчиков, долго было тайной. "
        "О Зуеве знали Петров, Сидоров, Орлов, Белов, Козлов и Лебедев. "
        "Иван Зуев работал в Уфе."
    )
    names = ["Петров", "Сидоров", "Орлов", "Белов", "Козлов", "Лебедев", "Ивана"]
    mentions = [_person(text.index(n), n) for n in names]
    mentions += [_person(text.index("Зуеве"), "Зуеве")]
    mentions += [_person(text.index("Иван Зуев"), "Иван Зуев")]
    assert is_biography(mentions, text, "зуев")
    # a survey naming the same people, its most-named person written once
    survey = "Зуев. " + ", ".join(names)
    assert not is_biography(mentions[:-1], survey, "зуев")


def test_russian_span_ends_in_every_case_are_dates_of_one_span() -> None:
    assert [d.edtf for d in find_dates("с осени 1922 по весну 1924 года")] == [
        "1922-23",
        "1924-21",
    ]
    assert [d.edtf for d in find_dates("с конца 1922 по начало 1924 года")] == [
        "1922",
        "1924",
    ]
    keys, candidates = _read(
        "Пётр Ильич Зуев (1890 — 1940) — советский чекист.\n\n"
        "С осени 1922 по весну 1924 года Зуев служил начальником уездной милиции.\n"
    )
    assert "1922-23/1924-21" in keys
    assert ("appointed", "1922-23", "start", "начальником") in candidates
    assert ("dismissed", "1924-21", "end", "начальником") in candidates


def test_handing_over_release_and_postings_are_cues_of_their_types() -> None:
    assert "arrested" in _types("custody", "en")
    assert "released" in _types("amnestied", "en")
    assert "released" in _types("амнистирован", "ru")
    assert "appointed" in _types("stationed", "en")
    assert "appointed" in _types("откомандирован", "ru")
    assert "joined" in _types("эсеров", "ru")
    assert "joined" in _types("учился", "ru")
    assert _types("turned", "en") == ()  # only "turned over" hands a person over


def test_a_step_after_a_dated_day_may_take_its_month() -> None:
    _, candidates = _read(
        "Olga Petrovna Zueva (1899 — 1961) was a party official.\n\n"
        "On 3 March 1930 Zueva was arrested in Kazan. Zueva was turned over to "
        "the court.\n"
    )
    assert ("arrested", "1930-03", "", "turned over") in candidates
    assert ("arrested", "1930", "", "turned over") in candidates


def test_a_year_cut_off_where_a_text_stops_is_its_decade() -> None:
    assert [d.edtf for d in find_dates("She was freed on June 2, 195")] == ["195X"]
    assert [d.edtf for d in find_dates("Освобождён в мае 195")] == ["195X"]
    # a number of three digits inside a text is no year
    assert [d.edtf for d in find_dates("held 195 days in May 1938")] == ["1938-05"]
    _, candidates = _read(
        "Olga Petrovna Zueva (1899 — 1961) was a party official.\n\n"
        "In 1938 Zueva was arrested. Zueva was released on June 2, 195"
    )
    assert ("released", "195X", "", "released") in candidates


def test_a_listed_post_takes_the_dates_of_its_own_part_only() -> None:
    _, candidates = _read(
        "Пётр Ильич Зуев (1890 — 1950) — советский чекист.\n\n"
        "Заместитель начальника уездной милиции (1921 — 1924), начальник "
        "губернского отдела (1924 — 1929).\n"
    )
    heads = [
        v
        for t, v, p, w in candidates
        if (t, p, w) == ("appointed", "start", "начальник")
    ]
    assert heads[0] == "1924"
    assert "1921" not in heads  # the deputy's span is not the head's
    _, candidates = _read(
        "Ilya Markovich Zuev (1896 — 1939) was a Soviet security officer.\n\n"
        "From 12 May 1925, deputy chief of the district office, from 3 June "
        "1927, chief of the city office.\n"
    )
    deputies = [v for t, v, _, w in candidates if (t, w) == ("appointed", "deputy")]
    assert deputies[0] == "1925-05-12"
    # the second date opens the second post, though it follows a comma
    chiefs = [v for t, v, _, w in candidates if (t, w) == ("appointed", "chief")]
    assert chiefs[len(chiefs) // 2] == "1927-06-03"  # the second chief's first


def test_a_candidate_is_labelled_with_the_gold_date_the_scorer_would_match() -> None:
    document = document_from_text(
        "Olga Petrovna Zueva (1899 — 1961) was a party official.\n\n"
        "In 1928 Zueva married. In the mid-1930s Zueva was arrested.\n",
        "own.txt",
    )
    found, analyses = extract_by_rules(document)
    candidates = [c for c, _ in document_candidates(document, analyses, found.mentions)]
    married = next(c for c in candidates if (c.type, c.value) == ("married", "1928"))
    arrested = next(c for c in candidates if (c.type, c.value) == ("arrested", "193X"))
    assert _dated_alike("1928~", married)  # the gold's "about 1928"
    assert not _dated_alike("1928/1930", married)  # a year alone is not the span
    assert _dated_alike("1934/1936", arrested)  # the gold narrows the decade
    assert not _dated_alike("1941", arrested)


def test_a_post_told_then_after_a_listed_span_starts_only_when_it_ends() -> None:
    _, candidates = _read(
        "Ilya Markovich Zuev (1896 — 1939) was a Soviet security officer.\n\n"
        "Zuev was chief of the county office (1924 — 1928), and then deputy "
        "chairman of the provincial court.\n"
    )
    deputy = {(t, v, p) for t, v, p, w in candidates if w == "deputy"}
    assert ("appointed", "1928", "end") in deputy
    assert ("appointed", "1924", "start") not in deputy
    assert ("dismissed", "1928", "end") not in deputy  # the chief's end, not his


def test_a_post_listed_after_a_dated_one_does_not_take_its_span() -> None:
    _, candidates = _read(
        "Ilya Markovich Zuev (1896 — 1939) was a Soviet security officer.\n\n"
        "Zuev served as chief of the signals company (May-June 1920) and "
        "commissar of the armoured train.\n"
    )
    commissar = {v for t, v, _, w in candidates if (t, w) == ("appointed", "commissar")}
    assert not commissar & {"1920-05", "1920-06"}
    _, candidates = _read(
        "Ilya Markovich Zuev (1896 — 1939) was a Soviet security officer.\n\n"
        "В 1929-1932 гг. — начальник отдела кадров и секретарь парткома.\n"
    )
    secretary = {v for t, v, _, w in candidates if (t, w) == ("appointed", "секретарь")}
    assert "1929" in secretary  # the span heading the listing is every post's
    _, candidates = _read(
        "Ilya Markovich Zuev (1896 — 1939) was a Soviet security officer.\n\n"
        "From 12 May 1925, deputy chief of the district office, from 3 June "
        "1927, chief of the city office and commissar of the guard.\n"
    )
    commissar = {v for t, v, _, w in candidates if (t, w) == ("appointed", "commissar")}
    assert "1925-05-12" not in commissar  # the first post's date, not the listing's


def test_a_span_told_before_two_posts_joined_by_then_covers_both() -> None:
    _, candidates = _read(
        "Ilya Markovich Zuev (1896 — 1939) was a Soviet security officer.\n\n"
        "From 1930 to 1936 Zuev was chief of the district office and then "
        "secretary of the city committee.\n"
    )
    secretary = {(t, v) for t, v, _, w in candidates if w == "secretary"}
    # the secretary's post began at some point inside the span: neither end
    assert not secretary & {("appointed", "1930"), ("appointed", "1936")}
    assert ("appointed", None) in secretary
    chief = {(t, v) for t, v, _, w in candidates if w == "chief"}
    assert {("appointed", "1930"), ("dismissed", "1936")} <= chief


def test_running_a_body_losing_a_post_and_prizes_are_cues_of_their_types() -> None:
    assert "appointed" in _types("controlled", "en")
    assert "appointed" in _types("oversaw", "en")
    assert "appointed" in _types("chaired", "en")
    assert "appointed" in _types("plenipotentiary", "en")
    assert "dismissed" in _types("lost", "en")
    assert "awarded" in _types("prize", "en")
    assert "defected" in _types("fleeing", "en")
    assert "joined" in _types("membership", "en")
    assert _types("controlled", "ru") == ()  # the English block only
    # a place of service named without its post ("1929-1935 - trade agencies")
    assert "appointed" in _types("agencies", "en")
    assert "appointed" in _types("Front", "en")


def test_a_hyphenated_word_is_the_cue_of_its_first_part_that_is_one() -> None:
    assert _types("editor-in-chief", "en") == ("appointed",)
    assert "appointed" in _types("vice-chairman", "en")
    assert _types("lieutenant-colonel", "en") == ("awarded",)
    assert _types("well-known", "en") == ()
    assert "appointed" in _types("co-opted", "en")  # a cue as a whole comes first
