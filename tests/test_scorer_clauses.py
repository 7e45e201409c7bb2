"""The scorer's clause features on small made-up biographies: how a cue, its
date and its person stand in the sentence's clauses."""

from __future__ import annotations

from kartoteka.extract import extract_by_rules
from kartoteka.extract.scorer import document_candidates
from kartoteka.extract.scorer.train import without
from kartoteka.ingest import document_from_text

HEAD = "Ivan Petrovich Belov (1890 — 1938) was a Soviet official.\n\n"


def _features(text: str, type_: str, cue: str, value: str | None) -> set[str]:
    """The features of the candidates of one type, cue word and date."""
    document = document_from_text(HEAD + text, "own.txt")
    found, analyses = extract_by_rules(document)
    return {
        f
        for c, features in document_candidates(document, analyses, found.mentions)
        if c.type == type_ and c.word.text == cue and c.value == value
        if c.unit.start >= len(HEAD)
        for f in features
    }


def _named(features: set[str], name: str) -> set[str]:
    return {f for f in features if f.startswith(name + "=")}


def test_a_date_behind_a_comma_stands_in_another_clause() -> None:
    text = "In 1926, after a long illness, Belov joined the party in 1929.\n"
    near = _features(text, "joined", "joined", "1929")
    far = _features(text, "joined", "joined", "1926")
    assert _named(near, "type_clause") == {"type_clause=joined:after:0"}
    assert _named(far, "type_clause") == {"type_clause=joined:before:2"}
    # the date that opens the sentence opens its clause; the later one does not
    assert "type_date_opens=joined:True:before" in far
    assert "type_date_opens=joined:False:after" in near


def test_the_verb_before_a_post_noun_governs_it() -> None:
    text = "In 1931 Belov became head of the district guard.\n"
    found = _features(text, "appointed", "head", "1931")
    assert "type_governor=appointed:became" in found
    assert "type_object_named=appointed:False" in found
    russian = "В 1931 году Белов был назначен начальником районного отдела.\n"
    found = _features(russian, "appointed", "начальником", "1931")
    assert "type_governor=appointed:назначить" in found


def test_a_name_after_the_cue_is_what_it_joins() -> None:
    text = "In 1919 Belov joined the Red Army. In 1920 he joined the local guard.\n"
    named = _features(text, "joined", "joined", "1919")
    assert "type_object_named=joined:True" in named
    plain = _features(text, "joined", "joined", "1920")
    assert "type_object_named=joined:False" in plain


def test_a_career_line_opens_with_its_years() -> None:
    line = "1931-1934 - начальник районного отдела.\n"
    found = _features(line, "appointed", "начальник", "1931")
    assert "type_governor=appointed:<s>" in found
    assert "type_date_opens=appointed:True:before" in found
    # a spaced hyphen breaks the clause, as a dash does
    assert "type_clause=appointed:before:1" in found
    # a spaced hyphen breaks the clause, as a dash does
    assert "type_clause=appointed:before:1" in found


def test_listed_posts_each_take_the_date_of_their_own_part() -> None:
    text = (
        "Belov was chief of the archive (1921 — 1925), secretary of the board "
        "(1925 — 1930).\n"
    )
    own = _features(text, "appointed", "secretary", "1925")
    assert "type_same_part=appointed:True:start" in own
    assert "type_ncues=appointed:2:1" in own
    # an earlier post's span is no candidate date of a post dated in its own part
    assert not _features(text, "appointed", "secretary", "1921")


def test_an_ablation_leaves_out_whole_feature_groups() -> None:
    """`train --drop GROUP`: the model is trained and scored without the group."""
    text = "In 1931 Belov became head of the district guard.\n"
    found = sorted(_features(text, "appointed", "head", "1931"))
    kept = without(found, ["type_governor", "prev"])
    assert not _named(set(kept), "type_governor") and not _named(set(kept), "prev")
    # every other feature stays, "type_governor" does not drop "type_"-anything else
    assert set(found) - set(kept) == {"type_governor=appointed:became", "prev=became"}
    assert _named(set(kept), "type_object_named")
