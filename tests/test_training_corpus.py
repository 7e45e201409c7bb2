"""The project's own training corpus (training/): gold that the scorer can learn from.

Every evidence and every name form must be found in its document by a plain
substring search, or training labels nothing; every event names a person of the
gold; and the documents are about people the sample and dev gold do not hold, so
the figures on those corpora measure transfer, not memory.
"""

from __future__ import annotations

from collections import Counter

from conftest import GOLD, ROOT, SHARED, need_shared

from kartoteka.evaluate import load_gold

TRAINING = ROOT / "training"
CORPUS = TRAINING / "corpus"


def _texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}


def test_the_gold_parses_and_covers_every_document() -> None:
    gold = load_gold(TRAINING / "gold")
    texts = _texts()
    assert len(texts) >= 30
    assert gold.documents() == set(texts)
    assert len(gold.events) >= 400
    russian = [n for n, t in texts.items() if sum("а" <= c <= "я" for c in t) > 200]
    assert 0.25 <= len(russian) / len(texts) <= 0.45
    assert all(800 <= len(t) <= 2600 for t in texts.values())


def test_every_evidence_and_form_is_in_its_document() -> None:
    gold = load_gold(TRAINING / "gold")
    texts = _texts()
    missing = [
        (e.doc, e.evidence) for e in gold.events if e.evidence not in texts[e.doc]
    ]
    assert missing == []
    forms = [
        (doc, form)
        for entity in gold.entities
        for doc, names in entity.forms.items()
        for form in names
        if form not in texts[doc]
    ]
    assert forms == []


def test_every_event_is_about_a_person_of_the_gold() -> None:
    gold = load_gold(TRAINING / "gold")
    types = {e.id: e.type for e in gold.entities}
    assert {types[e.person] for e in gold.events} == {"person"}
    assert all(e.org is None or types[e.org] == "org" for e in gold.events)
    assert all(e.agent is None or types[e.agent] == "person" for e in gold.events)
    named = {(doc, e.id) for e in gold.entities for doc in e.forms}
    assert all((e.doc, e.person) in named for e in gold.events)


def test_the_documents_are_about_people_the_scored_corpora_do_not_hold() -> None:
    need_shared()
    gold = load_gold(TRAINING / "gold")
    scored = {
        e.id
        for folder in (GOLD, SHARED / "dev" / "gold")
        for e in load_gold(folder).entities
    }
    subjects = {
        doc: Counter(e.person for e in gold.events if e.doc == doc).most_common(1)[0][0]
        for doc in gold.documents()
    }
    assert {d: s for d, s in subjects.items() if s in scored} == {}
    # weights are keyed by file name: no name may collide with a scored document
    assert not load_gold(GOLD).documents() & gold.documents()
    assert not load_gold(SHARED / "dev" / "gold").documents() & gold.documents()
