"""Tests of the evaluation against the real gold files in /work/shared."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from export_support import export as run_export
from export_support import texts as texts_of

from kartoteka.build import Summary
from kartoteka.evaluate import (
    Gold,
    GoldConflict,
    bcubed,
    cross_document_pairs,
    dates_compatible,
    evaluate,
    fingerprint,
    fingerprint_clusters,
    format_report,
    load_gold,
    parse_edtf,
    report_as_dict,
    surname_clusters,
)

SHARED = Path("/work/shared")
GOLD_DIR = SHARED / "gold"
CORPUS_DIR = SHARED / "corpus"
DOC_000 = "000_518b2fea40706d4b.txt"
DOC_002 = "002_98aa88b8d676a326.txt"
DOC_004 = "004_048388acb60f1b94.txt"
DEATHS = {"died", "executed", "killed", "suicide"}

needs_gold = pytest.mark.skipif(
    not (GOLD_DIR / "entities.yaml").is_file() or not CORPUS_DIR.is_dir(),
    reason="gold annotations or sample corpus not found in /work/shared",
)


@pytest.fixture(scope="module")
def gold() -> Gold:
    return load_gold(GOLD_DIR)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {
        str(path): path.read_text(encoding="utf-8")
        for path in sorted(CORPUS_DIR.glob("*.txt"))
    }


def perfect_export(
    gold: Gold, texts: dict[str, str], docs: set[str] | None = None
) -> dict[str, Any]:
    """An export that says exactly what the gold says, at first-occurrence spans."""
    by_name = {Path(file).name: file for file in texts}
    keep = set(by_name) if docs is None else docs
    entities = []
    for entity in gold.entities:
        mentions = []
        for doc, forms in entity.forms.items():
            if doc not in keep:
                continue
            file, text = by_name[doc], texts[by_name[doc]]
            for form in forms:
                at = text.find(form)
                if at >= 0:
                    mentions.append(
                        {"file": file, "start": at, "end": at + len(form), "text": form}
                    )
        if mentions:
            entities.append(
                {
                    "id": f"e-{entity.id}",
                    "type": entity.type,
                    "name": entity.name,
                    "names": sorted({m["text"] for m in mentions}),
                    "mentions": mentions,
                }
            )
    events = []
    for index, event in enumerate(gold.events):
        if event.doc not in keep:
            continue
        at = texts[by_name[event.doc]].find(event.evidence)
        events.append(
            {
                "id": f"v{index}",
                "type": event.type,
                "person": f"e-{event.person}",
                "date": event.date,
                "file": by_name[event.doc],
                "start": at,
                "end": at + len(event.evidence),
                "evidence": event.evidence,
                "agent": event.agent and f"e-{event.agent}",
                "org": event.org and f"e-{event.org}",
                "place": event.place,
                "position": event.position,
                "stance": "asserted",
            }
        )
    documents = [
        {"id": name, "file": by_name[name], "title": name, "languages": ["en"]}
        for name in sorted(keep)
    ]
    conflicts = [
        {
            "id": conflict.id,
            "about": f"e-{conflict.about}" if conflict.about else "",
            "kind": "fate",
            "question": conflict.question,
            "claims": claims,
        }
        for conflict in gold.conflicts
        if (claims := _claims_at_evidence(conflict, texts, keep))
    ]
    return {
        "documents": documents,
        "entities": entities,
        "events": events,
        "conflicts": conflicts,
    }


def _claims_at_evidence(
    conflict: GoldConflict, texts: dict[str, str], keep: set[str]
) -> list[dict[str, Any]]:
    """A gold conflict's claims as export claims, at their evidence's first span."""
    by_name = {Path(file).name: file for file in texts}
    found = []
    for claim in conflict.claims:
        if claim.doc not in keep or claim.evidence is None:
            continue
        at = texts[by_name[claim.doc]].find(claim.evidence)
        if at >= 0:
            found.append(
                {
                    "file": by_name[claim.doc],
                    "start": at,
                    "end": at + len(claim.evidence),
                    "value": claim.value,
                    "reporter": None,
                }
            )
    return found


def claims_in_text(gold: Gold, texts: dict[str, str], docs: set[str]) -> int:
    """Gold claims of the documents whose evidence stands in their text."""
    return sum(
        len(_claims_at_evidence(conflict, texts, docs)) for conflict in gold.conflicts
    )


def conflicts_a_system_can_match(
    gold: Gold, texts: dict[str, str], docs: set[str]
) -> int:
    """Gold conflicts with two claims in the documents' text, or with their only
    claim from the documents there (the other side is what reference works say)."""
    total = 0
    for conflict in gold.conflicts:
        scored = [
            c for c in conflict.claims if c.doc in docs and c.evidence is not None
        ]
        at = {
            (c["file"], c["start"]) for c in _claims_at_evidence(conflict, texts, docs)
        }
        total += bool(scored) and len(at) >= min(2, len(scored))
    return total


def test_edtf_intervals() -> None:
    assert parse_edtf("1938") == (date(1938, 1, 1), date(1938, 12, 31))
    assert parse_edtf("1938-02") == (date(1938, 2, 1), date(1938, 2, 28))
    assert parse_edtf("1940-02") == (date(1940, 2, 1), date(1940, 2, 29))
    assert parse_edtf("1938-06-13") == (date(1938, 6, 13), date(1938, 6, 13))
    assert parse_edtf("1937/1938") == (date(1937, 1, 1), date(1938, 12, 31))
    assert parse_edtf("1937-03-31/1937-06-01") == (date(1937, 3, 31), date(1937, 6, 1))
    assert parse_edtf("1937-21") == (date(1937, 3, 1), date(1937, 5, 31))
    assert parse_edtf("1937-22") == (date(1937, 6, 1), date(1937, 8, 31))
    assert parse_edtf("1937-23") == (date(1937, 9, 1), date(1937, 11, 30))
    assert parse_edtf("1937-24") == (date(1937, 1, 1), date(1938, 2, 28))
    assert parse_edtf("1945-08~") == (date(1945, 8, 1), date(1945, 8, 31))
    assert parse_edtf("1938?") == (date(1938, 1, 1), date(1938, 12, 31))
    assert parse_edtf("193X") == (date(1930, 1, 1), date(1939, 12, 31))
    assert parse_edtf("1930s") == parse_edtf("193X")
    assert parse_edtf("19XX") == (date(1900, 1, 1), date(1999, 12, 31))
    assert parse_edtf("1938-XX") == (date(1938, 1, 1), date(1938, 12, 31))
    assert parse_edtf("1938-02-XX") == (date(1938, 2, 1), date(1938, 2, 28))
    assert parse_edtf("1938/..") == (date(1938, 1, 1), date.max)
    assert parse_edtf("../1938") == (date.min, date(1938, 12, 31))
    for bad in (
        "",
        "June 1938",
        "1938-13",
        "1938-02-30",
        "1939/1938",
        "38",
        "1938-21-01",
    ):
        with pytest.raises(ValueError):
            parse_edtf(bad)


def test_date_compatibility() -> None:
    assert dates_compatible(None, "1938")
    assert dates_compatible("1938-06-13", None)
    assert dates_compatible("1938", "1938-06-13")
    assert dates_compatible("1937/1938", "1938-06")
    assert dates_compatible("193X", "1938-21")
    assert not dates_compatible("1939-06-13", "1938-06-13")
    assert not dates_compatible("1938-06", "1938-07-01")
    assert not dates_compatible("not a date", "1938")


def test_missing_gold_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="gold folder does not exist"):
        load_gold(tmp_path / "nowhere")
    with pytest.raises(ValueError, match=r"entities\.yaml: gold file is missing"):
        load_gold(tmp_path)


def test_malformed_gold_names_file_and_problem(tmp_path: Path) -> None:
    (tmp_path / "entities.yaml").write_text("- id: a\n  type: ship\n  name: A\n")
    with pytest.raises(ValueError, match=r"entities\.yaml: item 0 \(a\).*'type'"):
        load_gold(tmp_path)
    (tmp_path / "entities.yaml").write_text("- id: a\n  type: person\n  name: A\n")
    (tmp_path / "events.yaml").write_text("key: value\n")
    with pytest.raises(ValueError, match=r"events\.yaml: expected a list"):
        load_gold(tmp_path)
    (tmp_path / "events.yaml").write_text(
        "- {doc: d.txt, type: born, person: a, date: 'June 1938', evidence: x}\n"
    )
    with pytest.raises(ValueError, match=r"events\.yaml: item 0.*bad date"):
        load_gold(tmp_path)
    (tmp_path / "events.yaml").write_text("[")
    with pytest.raises(ValueError, match=r"events\.yaml: not valid YAML"):
        load_gold(tmp_path)


def test_scores_on_toy_clusters() -> None:
    items = [("a", "x"), ("a", "y"), ("b", "x"), ("b", "z")]
    system = {items[0]: 1, items[1]: 1, items[2]: 1, items[3]: 2}
    gold = {items[0]: "p", items[1]: "q", items[2]: "p", items[3]: "q"}
    b3 = bcubed(items, system, gold)
    assert b3.precision == pytest.approx((2 / 3 + 1 / 3 + 2 / 3 + 1) / 4)
    assert b3.recall == pytest.approx((1 + 1 / 2 + 1 + 1 / 2) / 4)
    pairs = cross_document_pairs(items, system, gold)
    # cross-document pairs: (ax,bx) (ax,bz) (ay,bx) (ay,bz); system links ax-bx, ay-bx
    assert (pairs.true_positives, pairs.predicted, pairs.expected) == (1, 2, 2)


def test_reference_methods() -> None:
    assert fingerprint("Yezhov, N. I.") == fingerprint("N. I. Yezhov") == "i n yezhov"
    assert fingerprint("Moskvín") == "moskvin"
    items = [("a", "N. I. Yezhov"), ("b", "Yezhov N. I."), ("c", "Liushkov")]
    keys = fingerprint_clusters(items)
    assert keys[items[0]] == keys[items[1]] != keys[items[2]]
    items = [("a", "Lyushkov"), ("b", "G. S. Liushkov"), ("c", "Stalin")]
    keys = surname_clusters(items)
    assert keys[items[0]] == keys[items[1]] != keys[items[2]]


@needs_gold
def test_perfect_export_scores_one(gold: Gold, texts: dict[str, str]) -> None:
    export = perfect_export(gold, texts)
    report = evaluate(export, gold, texts)
    by_name = {Path(file).name: text for file, text in texts.items()}
    assert len(report.documents) == len(texts)
    mentions = sum(len(e["mentions"]) for e in export["entities"])
    assert (report.offsets.correct, report.offsets.total) == (mentions, mentions)
    for part in (report.persons, report.orgs):
        found = part.forms.predicted
        assert part.forms.precision == 1.0
        assert part.forms.true_positives == found
        # forms the corpus text does not contain cannot be exported: only they miss
        unfound = sorted(
            (doc, form)
            for entity in gold.entities
            if entity.type == part.type
            for doc, forms in entity.forms.items()
            for form in forms
            if form not in by_name[doc]
        )
        assert list(part.false_negatives) == unfound
        assert not part.false_positives
        assert part.clustering.bcubed.f1 == 1.0
        assert part.clustering.pairs.f1 == 1.0
        assert part.clustering.pairs.expected > 0
    assert report.persons.forms.recall == 1.0
    assert report.orgs.ambiguous == 1  # "Communist Party" in 004 names two parties
    assert [r.method for r in report.persons.references] == [
        "exact",
        "fingerprint",
        "surname",
    ]
    events = report.events
    assert events.overall.f1 == 1.0
    assert events.overall.expected == len(gold.events)
    assert all(score.f1 == 1.0 for score in events.per_type.values())
    assert events.exact_date_share == 1.0
    docs = {Path(f).name for f in texts}
    expected_claims = sum(
        1 for c in gold.conflicts for claim in c.claims if claim.doc is not None
    )
    assert report.conflicts.claims == expected_claims
    assert report.conflicts.found == claims_in_text(gold, texts, docs)
    assert report.conflicts.correct == conflicts_a_system_can_match(gold, texts, docs)
    assert report_as_dict(report)["events"]["overall"]["f1"] == 1.0
    assert "Offsets:" in format_report(report, verbose=True)


@needs_gold
def test_degraded_export_scores_lower(gold: Gold, texts: dict[str, str]) -> None:
    docs = {DOC_000, DOC_002}
    export = perfect_export(gold, texts, docs)
    entities = {e["id"]: e for e in export["entities"]}
    persons = [e for e in gold.entities if e.type == "person"]
    n_forms = sum(len(e.forms.get(d, ())) for e in persons for d in docs)
    yezhov = len(entities["e-nikolai-yezhov"]["mentions"])
    stalin = len(entities["e-joseph-stalin"]["mentions"])
    assert yezhov > stalin  # the merged card keeps Yezhov by majority
    # 1. merge Stalin into Yezhov
    entities["e-nikolai-yezhov"]["mentions"] += entities["e-joseph-stalin"]["mentions"]
    export["entities"].remove(entities["e-joseph-stalin"])
    # 2. drop a form: Takeoka has no events
    export["entities"].remove(entities["e-takeoka"])
    # 3. add a wrong form: a place exported as a person
    file002 = next(f for f in texts if Path(f).name == DOC_002)
    at = texts[file002].find("Odessa")
    export["entities"].append(
        {
            "id": "e-odessa",
            "type": "person",
            "name": "Odessa",
            "names": ["Odessa"],
            "mentions": [
                {"file": file002, "start": at, "end": at + 6, "text": "Odessa"}
            ],
        }
    )
    # 4. shift one offset
    entities["e-kevin-riehle"]["mentions"][0]["start"] += 1
    # 5. give the 1938-06-13 defection a wrong year
    defection = next(e for e in export["events"] if e["date"] == "1938-06-13")
    defection["date"] = "1939-06-13"
    # 6. state another dated event by its year only: still a match, not exact
    widened = next(
        e
        for e in export["events"]
        if e["date"] and len(e["date"]) == 10 and e is not defection
    )
    widened["date"] = widened["date"][:4]
    original = perfect_export(gold, texts, docs)

    report = evaluate(export, gold, texts)
    assert report.documents == (DOC_000, DOC_002)
    # Takeoka's one mention went, Odessa's one came: the total is unchanged
    total = sum(len(e["mentions"]) for e in original["entities"])
    assert (report.offsets.correct, report.offsets.total) == (total - 1, total)
    forms = report.persons.forms
    assert (forms.true_positives, forms.predicted, forms.expected) == (
        n_forms - 1,
        n_forms,
        n_forms,
    )
    assert report.persons.false_positives == ((DOC_002, "Odessa"),)
    assert report.persons.false_negatives == ((DOC_002, "Takeoka"),)
    assert report.orgs.forms.f1 == 1.0
    clustering = report.persons.clustering
    items = n_forms - 1
    merged = yezhov + stalin
    precision = yezhov * yezhov / merged + stalin * stalin / merged + items - merged
    assert clustering.bcubed.precision == pytest.approx(precision / items)
    assert clustering.bcubed.recall == 1.0
    # gold cross-document pairs: Yezhov 2x1, Stalin 1x1, Lyushkov 1x4; the merged
    # card links 3 forms in 000 with 2 in 002
    assert (
        clustering.pairs.true_positives,
        clustering.pairs.predicted,
        clustering.pairs.expected,
    ) == (7, 10, 7)
    n_events = sum(e.doc in docs for e in gold.events)
    events = report.events
    assert (
        events.overall.true_positives,
        events.overall.predicted,
        events.overall.expected,
    ) == (n_events - 1, n_events, n_events)
    defected = events.per_type["defected"]
    assert (defected.true_positives, defected.predicted, defected.expected) == (
        1,
        2,
        2,
    )
    assert events.exact_date_share == pytest.approx((n_events - 2) / (n_events - 1))
    assert len(events.inexact) == 1 and widened["date"] in events.inexact[0]
    assert len(events.missed) == len(events.spurious) == 1
    assert report.conflicts.found == claims_in_text(gold, texts, docs)
    text = format_report(report, verbose=True)
    assert "'Odessa'" in text
    assert "'Takeoka'" in text
    assert "inexact date:" in text


@needs_gold
def test_strict_events_refuse_a_lost_date(gold: Gold, texts: dict[str, str]) -> None:
    docs = {DOC_000, DOC_002}
    export = perfect_export(gold, texts, docs)
    dated = [e for e in export["events"] if e["date"]]
    dated[0]["date"] = None
    report = evaluate(export, gold, texts)
    n_events = sum(e.doc in docs for e in gold.events)
    assert report.events.overall.true_positives == n_events
    assert report.strict_events.overall.true_positives == n_events - 1
    assert len(report.strict_events.missed) == 1
    assert report.strict_events.exact_date_share == 1.0
    text = format_report(report)
    assert "strict P" in text and "exact dates among matched (strict)" in text


def _death_version(
    export: dict[str, Any],
    texts: dict[str, str],
    person: str,
    type_: str,
    date_: str | None,
    stance: str,
) -> None:
    """Add a death statement about a gold person to the export, cited at the
    sentence of 004 that first speaks of a suicide."""
    file = next(f for f in texts if Path(f).name == DOC_004)
    at = texts[file].find("suicide")
    assert at >= 0
    export["events"].append(
        {
            "id": f"{type_}-{person}-{stance}-{date_}",
            "type": type_,
            "person": f"e-{person}",
            "date": date_,
            "file": file,
            "start": at,
            "end": at + len("suicide"),
            "stance": stance,
        }
    )


@needs_gold
def test_a_disputed_death_counts_once_as_died(
    gold: Gold, texts: dict[str, str]
) -> None:
    docs = {DOC_002, DOC_004}
    n_events = sum(e.doc in docs for e in gold.events)
    export = perfect_export(gold, texts, docs)
    _death_version(export, texts, "walter-krivitsky", "suicide", "1941-02", "disputed")
    _death_version(export, texts, "walter-krivitsky", "killed", None, "asserted")
    strict = evaluate(export, gold, texts).strict_events
    assert strict.overall.true_positives == strict.overall.predicted == n_events
    assert len(strict.folded) == 2
    assert all("walter-krivitsky" in line for line in strict.folded)

    # the same two fates, neither of them disputed: two wrong fates, counted
    for event in export["events"]:
        event["stance"] = "asserted"
    strict = evaluate(export, gold, texts).strict_events
    assert strict.overall.true_positives == n_events
    assert strict.overall.predicted == n_events + 2 and not strict.folded


@needs_gold
def test_folding_keeps_other_deaths_wrong(gold: Gold, texts: dict[str, str]) -> None:
    docs = {DOC_002, DOC_004}
    n_events = sum(e.doc in docs for e in gold.events)
    export = perfect_export(gold, texts, docs)
    _death_version(export, texts, "walter-krivitsky", "suicide", "1941-02", "disputed")
    # another person's fate beside the dispute, and a version at a date the
    # death cannot have: both stay false hits
    _death_version(export, texts, "ignace-reiss", "suicide", None, "asserted")
    _death_version(export, texts, "walter-krivitsky", "executed", "1939", "asserted")
    strict = evaluate(export, gold, texts).strict_events
    assert strict.overall.true_positives == n_events
    assert strict.overall.predicted == n_events + 2
    spurious = sorted(tuple(line.split()[1:3]) for line in strict.spurious)
    assert spurious == [
        ("executed", "e-walter-krivitsky"),
        ("suicide", "e-ignace-reiss"),
    ]
    assert len(strict.folded) == 1


@needs_gold
def test_a_lone_disputed_fate_is_the_died_of_the_gold(
    gold: Gold, texts: dict[str, str]
) -> None:
    docs = {DOC_002}
    n_events = sum(e.doc in docs for e in gold.events)
    export = perfect_export(gold, texts, docs)
    died = next(e for e in export["events"] if e["type"] == "died")
    assert died["person"] == "e-genrikh-lyushkov"
    died |= {"type": "executed", "date": "1945-08", "stance": "disputed"}
    report = evaluate(export, gold, texts)
    assert report.strict_events.overall.true_positives == n_events
    assert report.strict_events.per_type["died"].true_positives == 1
    executed = report.strict_events.per_type["executed"]  # his wife's, in the gold
    assert executed.true_positives == executed.predicted == executed.expected
    assert report.strict_events.inexact == report.events.inexact
    assert [line.split(" for ")[0] for line in report.events.inexact] == ["1945-08"]
    died["stance"] = "asserted"
    assert evaluate(export, gold, texts).strict_events.overall.true_positives == (
        n_events - 1
    )


@needs_gold
def test_built_sample_folds_its_disputed_deaths(
    corpus_db: tuple[Path, Summary], gold: Gold, tmp_path: Path
) -> None:
    """On the built sample corpus the disputed versions of a death fold into the
    matched `died`, and only they: setting them asserted changes no match."""
    db, _ = corpus_db
    export = json.loads(run_export(db, "json", tmp_path / "kb.json").read_text())
    sources = texts_of(db)
    strict = evaluate(export, gold, sources).strict_events
    assert {line.split()[0] for line in strict.folded} == {DOC_002, DOC_004}
    assert all(line.split()[1] in DEATHS for line in strict.folded)
    assert not [
        line
        for line in strict.spurious
        if line.split()[0] in {DOC_002, DOC_004} and line.split()[1] in DEATHS
    ]
    died = [m for m in strict.missed if m.split()[1] == "died"]
    assert not died

    plain = copy.deepcopy(export)
    for event in plain["events"]:
        event["stance"] = "asserted"
    unfolded = evaluate(plain, gold, sources).strict_events
    assert not unfolded.folded
    assert unfolded.overall.true_positives == strict.overall.true_positives
    assert unfolded.overall.predicted == strict.overall.predicted + len(strict.folded)
