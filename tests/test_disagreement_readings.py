"""How historians' texts state disagreement, read beyond dates and deaths: a post
abroad told two ways, reasons given and doubted, a relative's fate, a
description matched to a name, figures for one time, judged numbers, a view
that points back, and one service called by several names.

The rules are checked on words of our own; a short story of our own is built
once and read; the sample corpus shows each reading on real text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kartoteka.analysis.conflicts import conflicts
from kartoteka.analysis.conflicts.accounts import _said_of as said_of
from kartoteka.analysis.conflicts.accounts import causes
from kartoteka.analysis.conflicts.anachronisms import bodies
from kartoteka.analysis.conflicts.cues import (
    body_passages,
    folded,
    plain_words,
    word_pattern,
)
from kartoteka.analysis.conflicts.postings import _country as country
from kartoteka.analysis.conflicts.quantities import (
    Figure,
    _disagreeing,
    _judging,
    _period,
)
from kartoteka.analysis.conflicts.reasons import _reasons
from kartoteka.analysis.conflicts.titles import _of_the_time, _titles
from kartoteka.analysis.conflicts.views import opposed_views
from kartoteka.build import Summary, build
from kartoteka.model import Conflict, Mention
from kartoteka.store import connect

STORY = """Fyodor Petrovich Orlik

Fyodor Petrovich Orlik (1896-1958) was a Soviet intelligence officer who broke \
with Moscow in 1938.

Orlik was born in 1896 in Kaluga. In 1931 Orlik was appointed head of the \
intelligence station in Belgium. According to Orlik himself, he was then "chief \
of all Soviet networks in Western Europe".

Before he broke with Moscow, Orlik had sent his wife Inna and their son to \
Prague. In the end they disappeared without a trace. A later report said that \
his wife had been arrested and shot in Moscow.

In 1937 Orlik was dismissed. It has been assumed that Orlik was dismissed for \
his contacts with Trotskyists. Yet Orlik's dismissal was not the result of those \
contacts, which the chief had known about for years.

Orlik named two agents in London. One was described as "a young diplomat, the \
son of a minister, with a taste for poetry". These descriptions fitted Arthur \
Penrose.

Many years later the memoirist Vadim Lukin wrote that Orlik had been the KGB \
rezident in Belgium since 1931.
"""


def person(text: str, name: str, key: str) -> Mention:
    start = text.index(name)
    return Mention("d", start, start + len(name), name, name, "person", "en", "t",
                   key=key)  # fmt: skip


def figure(value: str, start: int, period: str | None) -> Figure:
    return Figure("d", "d.txt", start, start + 5, f"{value} members", "expelled",
                  None, False, "words", (), period=period)  # fmt: skip


def test_figures_for_one_time_disagree_and_others_add_up() -> None:
    assert _period("Before the Congress, 40 delegates were expelled.") == (
        "before congress"
    )
    assert _period("In the weeks before the Spring Congress, 52 more left.") == (
        "before congress"
    )
    assert _period("In 1937, 40 delegates were expelled.") is None
    one_time = [figure("40", 0, "before congress"), figure("52", 90, "before congress")]
    assert _disagreeing([*one_time, figure("7", 200, None)]) == one_time
    assert not _disagreeing([figure("40", 0, None), figure("52", 90, None)])


def test_a_sentence_that_judges_the_numbers_is_read() -> None:
    assert _judging().search("The exiles may have exaggerated the number of them.")
    assert _judging().search("Their figures were inflated by the émigré press.")
    assert not _judging().search("The number of exiles grew every year.")


def test_a_post_abroad_is_in_a_country_and_not_at_home() -> None:
    assert country("He was the rezident in Amsterdam from 1932.") == "Netherlands"
    assert country("He was sent to Holland as head of the station.") == "Netherlands"
    assert country("He was chief of the networks for Western Europe.") is None
    assert country("He headed the secret police in Ukraine.") is None


def test_a_reason_is_read_with_its_person_and_its_doubt() -> None:
    text = "It was long said that the minister removed Sokolov for being too lenient."
    named = [person(text, "Sokolov", "s")]
    assert [(e, m.key, d) for e, m, d in _reasons(text, 0, len(text), named)] == [
        ("dismissed", "s", True)
    ]
    plain = "The minister removed Sokolov because of his health."
    found = list(_reasons(plain, 0, len(plain), [person(plain, "Sokolov", "s")]))
    assert [(e, d) for e, _, d in found] == [("dismissed", False)]
    assert not list(_reasons(plain, 0, len(plain), []))


def test_poison_found_in_someones_blood_is_said_of_them() -> None:
    text = "A test of Petrov's blood by the chemist Lomov showed traces of mercury."
    named = [person(text, "Petrov", "p"), person(text, "Lomov", "l")]
    poison = next(c for c in causes() if c.cause == "poisoned")
    assert said_of(text, 0, poison, "p", named, False)
    assert not said_of(text, 0, poison, "l", named, False)


def test_a_view_set_right_that_points_back_takes_the_sentences_before() -> None:
    text = (
        "The weather was cold. Late in 1935 the deputy began to gather statements"
        " from minor clerks. He sent them upward every week. Smith did not invent"
        " this method, as has been assumed; he merely kept it going."
    )
    found = [[text[v.start : v.end] for v in views] for views in
             opposed_views(text, [(0, len(text))], [])]  # fmt: skip
    assert found == [
        [
            "Smith did not invent this method, ",
            "as has been assumed; he merely kept it going.",
            "Late in 1935 the deputy began to gather statements from minor clerks."
            " He sent them upward every week.",
        ]
    ]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Conflict]:
    folder = tmp_path_factory.mktemp("orlik")
    (folder / "orlik.txt").write_text(STORY, encoding="utf-8")
    build([folder], folder / "kb.sqlite", workers=1)
    return {c.kind: c for c in conflicts(connect(folder / "kb.sqlite"))}


def _told(conflict: Conflict) -> list[str]:
    return [STORY[k.start : k.end] for k in conflict.claims]


def test_the_story_tells_a_post_two_ways(story: dict[str, Conflict]) -> None:
    posting = story["posting"]
    assert posting.question == "what post Fyodor Petrovich Orlik held in Belgium"
    assert [k.value for k in posting.claims] == [
        "head in Belgium",
        "rezident in Belgium",
    ]


def test_the_story_gives_a_reason_and_doubts_it(story: dict[str, Conflict]) -> None:
    reason = story["reason"]
    assert reason.question == "why Fyodor Petrovich Orlik was dismissed"
    assert [t.split()[0] for t in _told(reason)] == ["It", "Yet"]
    assert {k.stance for k in reason.claims} == {"disputed"}


def test_the_story_tells_the_wifes_fate_two_ways(story: dict[str, Conflict]) -> None:
    fate = story["fate"]
    assert fate.question == "how Inna died"
    assert [k.value for k in fate.claims] == ["fate unknown", "executed"]
    assert "without a trace" in _told(fate)[0] and "shot" in _told(fate)[1]


def test_the_story_matches_a_description_to_a_name(
    story: dict[str, Conflict],
) -> None:
    described = story["identity"]
    assert described.name == "Arthur Penrose"
    assert _told(described)[0].startswith("One was described as")
    assert _told(described)[1] == "These descriptions fitted Arthur Penrose."


@pytest.fixture(scope="module")
def sample(corpus_db: tuple[Path, Summary]) -> list[Conflict]:
    return conflicts(connect(corpus_db[0]))


def test_the_sample_calls_one_service_by_several_names(
    sample: list[Conflict],
) -> None:
    named = next(c for c in sample if c.kind == "service name")
    assert (named.about, named.question) == (
        "nkvd",
        "what the service was called before the KGB",
    )
    values = {k.value.split(" in ")[0] for k in named.claims}
    assert {"KGB", "NKVD", "OGPU", "Cheka"} <= values
    krivitsky = next(c for c in sample if c.kind == "anachronism"
                     and c.name == "Walter Krivitsky")  # fmt: skip
    assert "Cheka" in {k.value for k in krivitsky.claims}  # "he joined the Cheka"


def test_the_sample_shows_each_new_reading(sample: list[Conflict]) -> None:
    kinds = {c.kind: c for c in sample}
    assert {"posting", "reason", "service name"} <= set(kinds)
    assert kinds["posting"].question.endswith("held in Netherlands")
    assert len(kinds["posting"].claims) == 3  # measured: two titles, one own word
    expelled = next(c for c in sample if "were expelled" in c.question)
    assert [k.value for k in expelled.claims] == ["nine members", "another 11 people"]
    fates = {c.name: c for c in sample if c.kind == "fate"}
    assert [k.value for k in fates["Inna"].claims] == ["fate unknown", "executed"]
    defected = next(c for c in sample if c.question.startswith("how many defected"))
    assert "overestimat" in " ".join(k.value for k in defected.claims)
    assert any(k.value.startswith("800") for k in defected.claims)  # a footnote


def test_an_office_named_before_its_body_existed(sample: list[Conflict]) -> None:
    heads = {body.id: p for p, body, _ in _titles()}
    interior = "People's Commissar of Internal Affairs"
    assert _of_the_time(interior, bodies()["nkvd"], [1925])  # the RSFSR's, then
    security = "People's Commissar of State Security"
    assert not _of_the_time(security, bodies()["nkgb"], [1936])
    assert heads["nkgb"].search("the People's Commissar of State Security then")
    assert not heads["nkgb"].search("the People's Commissariat of State Security")
    office = next(c for c in sample if c.question.startswith("which office"))
    assert "Yezhov" in office.name
    assert [k.value for k in office.claims] == [
        "People's Commissar of State Security in 1936 (the NKGB founded 1941)"
    ]


def test_a_cards_readings_read_only_the_documents_naming_it(
    corpus_db: tuple[Path, Summary], sample: list[Conflict]
) -> None:
    """A card's office and description conflicts are found from its own
    documents alone, the same as a search of the whole corpus finds them."""
    db = connect(corpus_db[0])
    for kind in ("which office", "whether the person described"):
        found = next(c for c in sample if c.question.startswith(kind))
        own = {p[0] for p in body_passages(db, found.about)}
        named = db.execute(
            "SELECT DISTINCT document FROM mentions WHERE entity = ?", (found.about,)
        ).fetchall()
        assert own == {d for (d,) in named}
        assert own < {p[0] for p in body_passages(db)}
        assert found in conflicts(db, found.about)


def test_plain_words_are_in_every_stretch_the_cue_pattern_matches() -> None:
    """A cue pattern ignores case, and takes a dotless "ı" or a dotted "İ"
    for an "i"; the folded text keeps every place and holds the plain word
    wherever the pattern matches, so a stretch without one is passed over."""
    cues = ["has been claim*", "по мнению"]
    plain = plain_words(cues)
    text = "Later it HAS BEEN CLAİMED so. By the way, По Мнению one clerk, no."
    low = folded(text, [plain])
    assert low is not None and len(low) == len(text)
    for match in word_pattern(cues).finditer(text):
        assert plain.search(low, match.start(), match.end())
    assert "clai" in low and "мнению" in low
    assert not plain.search(low, text.index("By"), text.index("По"))
    assert folded("dotless ı in a name", [plain]) == "dotless i in a name"
