"""Issue 14: the dates an undated step takes from a span or a decade the story
told just before it ("from 1927 to 1929 ... Around this time", "the purges of
the 1930s. Arrested ...").

Every sentence here is the project's own; each test reads a short biography
through the rules and looks at the dates of the events they state.
"""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.ingest import document_from_text
from kartoteka.model import Event


def read(text: str) -> list[Event]:
    return list(extract_by_rules(document_from_text(text, "spans.txt"))[0].events)


def dates(text: str, kind: str) -> set[str | None]:
    return {e.date for e in read(text) if e.type == kind}


def test_a_step_set_around_the_time_of_a_span_takes_the_span() -> None:
    text = (
        "Lev Orlik was a Soviet intelligence officer. From 1927 to 1929 Orlik "
        "studied law at the university in Kharkov. Around this time "
        "he married Vera Lenz and wrote his first novel (it was printed in Riga "
        "in 1930).\n"
    )
    assert dates(text, "married") == {"1927/1929"}  # his and hers


def test_a_plain_step_after_a_span_stays_undated() -> None:
    """Without "around this time" the step may come after the span ends."""
    text = (
        "Lev Orlik was a Soviet intelligence officer. From 1927 to 1929 Orlik "
        "studied law at the university in Kharkov. He married "
        "Vera Lenz, a typist.\n"
    )
    assert dates(text, "married") == {None}


def test_a_step_told_right_after_a_decade_is_in_that_decade() -> None:
    text = (
        "Lev Orlik was a Soviet intelligence officer who ran agents in Vienna. "
        "Like many of his colleagues he fell victim to the purges of the 1930s. "
        "Arrested by the NKVD on invented charges, he spent eight years in the "
        "camps.\n"
    )
    assert dates(text, "arrested") == {"193X"}


def test_a_decade_in_brackets_leaves_the_story_where_it_was() -> None:
    text = (
        "Lev Orlik was a Soviet intelligence officer who ran agents in Vienna "
        "(a city he loved since the 1920s). Arrested by the NKVD on invented "
        "charges, he spent eight years in the camps.\n"
    )
    assert dates(text, "arrested") == {None}


def test_a_decade_told_after_a_date_leaves_the_story_at_the_date() -> None:
    """A decade told once the story is at a date looks back on a career."""
    text = (
        "Lev Orlik was a Soviet intelligence officer who ran agents in Vienna. "
        "In March 1937 the plenum turned against his patrons, whose careers had "
        "flourished into the 1930s. Orlik was arrested on the spot.\n"
    )
    assert dates(text, "arrested") == {"1937-03"}


def test_a_later_year_written_since_moves_the_story_on() -> None:
    """The story is no longer in 1919 once the paragraph wrote 1925, though no
    step was dated by it."""
    text = (
        "Lev Orlik was a Soviet intelligence officer. In 1919 Orlik joined the "
        "Communist Party of Germany. A gifted student, he had a doctorate in "
        "law by 1925. As a loyal communist, he joined the Comintern.\n"
    )
    joined = [e for e in read(text) if e.type == "joined"]
    assert [e.date for e in joined if "Comintern" in e.evidence] == [None]
    assert [e.date for e in joined if "Germany" in e.evidence] == ["1919"]


def test_a_step_after_an_escape_counted_in_years_is_in_that_year() -> None:
    """The story ends where the sentence counted to, and a date in a relative
    clause after the step is its noun's."""
    text = (
        "Lev Orlik was a Latvian revolutionary. In 1897 Orlik was arrested, but "
        "he escaped from exile two years later. He went to Riga where he joined "
        "a workers' party that had been founded in 1893.\n"
    )
    assert dates(text, "joined") == {"1899"}


def test_a_date_of_a_clause_set_against_the_step_is_not_the_steps() -> None:
    text = (
        "Lev Orlik was a Catalan radical. He helped the anarchist unions in the "
        "mid-1930s. He was imprisoned for some months over this, but was "
        "set free once a leftist cabinet took office in 1936.\n"
    )
    assert dates(text, "arrested") == {"193X"}


def test_a_step_after_an_opening_phrase_with_a_date_takes_that_date() -> None:
    text = (
        "Lev Orlik was a Georgian teacher.\n\n"
        "After the collapse of the front in October 1917, Orlik went home, "
        "and he joined the Red Guard.\n"
    )
    assert dates(text, "joined") == {"1917-10"}
