"""The learned event scorer: candidates from each sentence, scored by a small model.

Rules state the events they read exactly; the scorer adds the ones they miss. It
proposes every cue word × person × date of a sentence
(`kartoteka.extract.scorer.candidates`), scores each with a logistic regression
over context features (`kartoteka.extract.scorer.features`), keeps the best date
and person per cue above the model's threshold, and drops what a rule already
stated. The model file is trained by `make train`
(`kartoteka.extract.scorer.train`) from the annotated corpora.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

from kartoteka.edtf import dates_equal
from kartoteka.extract.events.merge import DEATHS
from kartoteka.extract.nlp.models import Analysis
from kartoteka.extract.scorer.candidates import THEN, Candidate, unit_candidates
from kartoteka.extract.scorer.dating import (
    ONCE,
    dated_rules,
    single_life_events,
    told_by_another,
)
from kartoteka.extract.scorer.features import document_shape, features
from kartoteka.extract.scorer.model import Model
from kartoteka.extract.scorer.others import (
    OTHERS_BAR,
    other_candidates,
    other_features,
    person_key,
    stated,
    unstated_in,
)
from kartoteka.extract.scorer.subject import is_biography, is_subject, subject_word
from kartoteka.extract.scorer.units import Unit, document_units
from kartoteka.model import Document, Event, Mention

MODEL_FILE = "model.json"
Place = tuple[int, int]  # a statement's sentence and its part of a listing
# The types a listing of posts states once per post: each listed post starts, and
# each ends where the span they share closes.
LISTED = ("appointed", "dismissed")
AND = frozenset(("and", "и"))  # what joins posts held at once
LISTING_BAR = 0.5  # the bar of a post listed beside a post read with confidence


@cache
def shipped_model() -> Model:
    """The model trained on all annotated documents, shipped with the package."""
    path = resources.files(__package__).joinpath(MODEL_FILE)
    return Model.load(Path(str(path)))


def document_candidates(
    document: Document, analyses: Sequence[Analysis], mentions: Sequence[Mention]
) -> list[tuple[Candidate, list[str]]]:
    """Every candidate event of a document, with its features.

    The subject's candidates come only from a document about one person (its
    subject names a quarter of its person mentions or more; not a chapter, a
    survey); the other persons' (`kartoteka.extract.scorer.others`) from every
    document, where a document not about one person has only other persons.
    """
    subject = subject_word(mentions, document.text)
    biography = is_biography(mentions, document.text, subject)
    lead = next(
        (m for m in mentions if m.type == "person" and is_subject(m, subject)), None
    )
    shape = document_shape(document, mentions, subject)
    found = []
    for unit in document_units(document, analyses, mentions):
        text = document.text[unit.start : unit.end]
        if biography:
            found += [
                (c, [*features(c, text), *shape])
                for c in unit_candidates(unit, subject, lead)
            ]
        found += [
            (c, other_features(c, [*features(c, text), *shape], text))
            for c in other_candidates(unit, subject if biography else "")
        ]
    return found


def _who(candidate: Candidate) -> str:
    return "<subject>" if candidate.subject else person_key(candidate.person)


def _place(candidate: Candidate) -> Place:
    """Where a statement stands: a life event once in the document; a post in its
    part of a listing ("head of X, deputy of Y" states two posts of one date);
    anything else in its sentence."""
    if candidate.value is not None and candidate.type in ONCE:
        return (-1, 0)
    unit = candidate.unit
    return (unit.start, _listed_part(candidate) if candidate.type in LISTED else 0)


def _listed_part(candidate: Candidate) -> int:
    """The part of a listing a post is stated in: its cue's part, unless it takes
    a date from another part while its own part has a date ("head of X from 1921
    to 1931, then secretary until 1938": the secretary's post is not the 1931 one).
    Posts listed without dates share the date of the listing ("deputy of X and
    head of Y (1943-1946)"), each its own start and end; but posts listed one
    after another before a span ("X, Y, Z (1919-1922)") are a succession inside
    it that ends once, with the last."""
    unit, date = candidate.unit, candidate.date
    own = unit.part_of(candidate.word.start)
    if date is None or not unit.start <= date.start < unit.end:
        return own
    at = unit.part_of(date.start)
    dated = any(unit.part_of(d.start) == own for d in unit.dates)
    if dated:
        return at
    if candidate.type == "dismissed" and not _held_together(unit, own, at):
        return at
    return own


def _held_together(unit: Unit, first: int, second: int) -> bool:
    """Whether every post between two parts of a listing is joined to the next
    by "and" ("deputy of X and head of Y"): held at once, not one after another
    ("X, Y, Z", "X, then Y")."""
    low, high = sorted((first, second))
    return all(_joined_by_and(unit, unit.breaks[p]) for p in range(low, high))


def _joined_by_and(unit: Unit, at: int) -> bool:
    before = [w for w in unit.words if w.end <= at]
    after = [w for w in unit.words if w.start >= at]
    joined = bool(before) and before[-1].lemma in AND
    return joined and not (after and after[0].lemma in THEN)


def tenures(
    scored: Sequence[tuple[Candidate, float]],
) -> list[tuple[Candidate, float]]:
    """The candidates, a post held over a closed span ("head of X from 1936 to
    1938") scored as one statement: its start (`appointed`) and its end
    (`dismissed`) both take the better score of the two, so that a tenure read
    at all is read whole."""
    halves: dict[tuple[int, str, int, str], float] = {}
    for candidate, score in scored:
        key = _tenure(candidate)
        if key is not None:
            halves[key] = max(score, halves.get(key, 0.0))
    return [
        (c, halves[key]) if (key := _tenure(c)) is not None else (c, s)
        for c, s in scored
    ]


def _tenure(candidate: Candidate) -> tuple[int, str, int, str] | None:
    """The post, span and person a start or end of a tenure belongs to."""
    half = (candidate.type, candidate.part)
    date = candidate.date
    if half not in (("appointed", "start"), ("dismissed", "end")) or date is None:
        return None
    return (candidate.word.start, str(date.key), date.start, _who(candidate))


def _term(candidate: Candidate) -> int:
    """Which of the spans in its part of a listing a post takes: a post held
    twice ("from 1941 to 1943 and from 1945 to 1946 commissar") or repeated
    without its title ("head of X (1918), of Y (1918-1919)") is one statement per
    span; any other date is the first term's."""
    unit, date = candidate.unit, candidate.date
    if candidate.type not in LISTED or date is None or not date.key:
        return 0
    if not unit.start <= date.start < unit.end or "/" not in date.key:
        return 0
    part = unit.part_of(date.start)
    spans = [
        d.start
        for d in unit.dates
        if d.key and "/" in d.key and unit.part_of(d.start) == part
    ]
    return spans.index(date.start) if date.start in spans else 0


def chosen(
    scored: Sequence[tuple[Candidate, float]], threshold: float
) -> list[tuple[Candidate, float]]:
    """Per cue, type, person and term the best-scoring date; then one per
    statement."""
    best: dict[tuple[int, str, str, int], tuple[Candidate, float]] = {}
    for candidate, score in tenures(scored):
        key = (candidate.word.start, candidate.type, _who(candidate), _term(candidate))
        if key not in best or score > best[key][1]:
            best[key] = (candidate, score)
    listed = _listed_posts(best.values(), threshold)
    kept: dict[tuple[str, str, str | None, Place], tuple[Candidate, float]] = {}
    for candidate, score in sorted(best.values(), key=lambda cs: -cs[1]):
        if score < _bar(candidate, threshold, listed):
            continue
        statement = (candidate.type, _who(candidate), candidate.value)
        kept.setdefault((*statement, _place(candidate)), (candidate, score))
    return sorted(kept.values(), key=lambda cs: (cs[0].unit.start, cs[0].word.start))


def _listed_posts(
    best: Iterable[tuple[Candidate, float]], threshold: float
) -> set[Place]:
    """The parts of listings where the subject's post is read with confidence,
    dated in its own part."""
    return {
        _own_part(c)
        for c, score in best
        if c.type in LISTED and c.subject and _dated_in_part(c) and score >= threshold
    }


def _own_part(candidate: Candidate) -> Place:
    unit = candidate.unit
    return (unit.start, unit.part_of(candidate.word.start))


def _dated_in_part(candidate: Candidate) -> bool:
    """Whether a listed post's date stands in the post's own part of a listing."""
    unit, date = candidate.unit, candidate.date
    if not unit.breaks or date is None or not unit.start <= date.start < unit.end:
        return False
    return unit.part_of(date.start) == unit.part_of(candidate.word.start)


def _bar(candidate: Candidate, threshold: float, listed: set[Place]) -> float:
    """The score a candidate needs: a post dated in its own part of a listing,
    beside another such post read with confidence, needs less ("deputy of X
    (1931-1934), head of Y (1934-1937)": a career told as a list, each part of
    it a post with its span)."""
    if not candidate.subject:
        return OTHERS_BAR
    own = _own_part(candidate)
    beside = any(p[0] == own[0] and p != own for p in listed)
    if candidate.type in LISTED and beside and _dated_in_part(candidate):
        return min(threshold, LISTING_BAR)
    return threshold


def _same_person(event: Event, candidate: Candidate, subject: str) -> bool:
    if candidate.subject:
        return is_subject(event.person, subject)
    return person_key(event.person) == person_key(candidate.person)


def _states(rule: str, candidate: str) -> bool:
    """A rule's event states a candidate of its type; an execution, killing or
    suicide states a plain death too: the death, told with its kind."""
    return rule == candidate or (candidate == "died" and rule in DEATHS)


def _stating(
    candidate: Candidate,
    rules: Sequence[Event],
    subject: str,
    claimed: dict[int, Place],
) -> int | None:
    """The rule event that states this candidate's event, if any: same type and
    person, and the same sentence or the same date. A rule event states one post
    of a listing: the part that `claimed` it first."""
    place = _place(candidate)
    for index, event in enumerate(rules):
        if not _states(event.type, candidate.type):
            continue
        if not _same_person(event, candidate, subject):
            continue
        if candidate.type in LISTED and claimed.get(index, place) != place:
            continue
        unit = candidate.unit
        inside = unit.shares_text(event.start, event.end)
        dated = candidate.value is not None and dates_equal(event.date, candidate.value)
        if dated and (inside or candidate.type in ONCE):
            return index
        if inside and (event.date is None or candidate.value is None):
            return index
    return None


def combine(
    document: Document,
    rules: Sequence[Event],
    picked: Sequence[tuple[Candidate, float]],
    subject: str,
) -> list[Event]:
    """The rules' events, an undated one taking the date the scorer picked in its
    sentence, then the picked events no rule stated."""
    events, added = list(rules), []
    claimed: dict[int, Place] = {}
    for candidate, _ in picked:
        index = _stating(candidate, events, subject, claimed)
        if index is None:
            if not _anothers(candidate, rules, subject):
                added.append(as_event(document, candidate))
            continue
        claimed.setdefault(index, _place(candidate))
        event, unit = events[index], candidate.unit
        inside = unit.shares_text(event.start, event.end)
        value = candidate.value
        undated = event.date is None and inside
        if undated and value and not told_by_another(event, value, events):
            events[index] = replace(event, date=value)
    return [*events, *added]


def _anothers(candidate: Candidate, rules: Sequence[Event], subject: str) -> bool:
    """Whether a rule gave this statement (its type and date, in its sentence) to
    another person: "a protege of Orlov, head of the police from 1938 to 1953"
    tells Orlov's tenure, not the subject's."""
    unit = candidate.unit
    return candidate.subject and any(
        e.type == candidate.type
        and e.date is not None
        and e.date == candidate.value
        and unit.shares_text(e.start, e.end)
        and not is_subject(e.person, subject)
        for e in rules
    )


def as_event(document: Document, candidate: Candidate) -> Event:
    """A chosen candidate as an event; its sentence is the evidence."""
    unit = candidate.unit
    return Event(
        document=document.id,
        type=candidate.type,
        person=candidate.person,
        start=unit.start,
        end=unit.end,
        evidence=document.text[unit.start : unit.end],
        date=candidate.value,
    )


def scored_events(
    document: Document,
    analyses: Sequence[Analysis],
    mentions: Sequence[Mention],
    rules: Sequence[Event],
    model: Model | None = None,
) -> list[Event]:
    """The rules' events, completed and added to by the scorer's."""
    model = model or shipped_model()
    candidates = document_candidates(document, analyses, mentions)
    spans = stated(rules)
    scored = [(c, model.score(f)) for c, f in candidates if unstated_in(c, spans)]
    return completed(
        document, rules, scored, model.threshold, subject_word(mentions, document.text)
    )


def completed(
    document: Document,
    rules: Sequence[Event],
    scored: Sequence[tuple[Candidate, float]],
    threshold: float,
    subject: str,
) -> list[Event]:
    """The rules' events dated from the scored candidates, the candidates above
    the threshold that no rule stated, and one birth or death per person."""
    dated = dated_rules(rules, scored, subject)
    events = combine(document, dated, chosen(scored, threshold), subject)
    return single_life_events(events, subject)
