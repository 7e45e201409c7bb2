"""The learned event scorer: candidates from each sentence, scored by a small model.

Rules state the events they read exactly; the scorer adds the ones they miss. It
proposes every cue word × person × date of a sentence
(`kartoteka.extract.scorer.candidates`), scores each with a logistic regression
over context features (`kartoteka.extract.scorer.features`, worked out
once per sentence for what each group of them reads), keeps the best date
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
from kartoteka.extract.scorer.agreement import disagrees, subject_gender
from kartoteka.extract.scorer.candidates import (
    RANGE_CUE,
    THEN,
    Candidate,
    unit_candidates,
)
from kartoteka.extract.scorer.dating import (
    ONCE,
    dated_rules,
    single_life_events,
    told_by_another,
)
from kartoteka.extract.scorer.features import SentenceFeatures, document_shape
from kartoteka.extract.scorer.model import Model
from kartoteka.extract.scorer.others import (
    OTHERS_BAR,
    RuleEvents,
    other_candidates,
    person_key,
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
# The types a listing states once per item, each on its own: a decoration, title
# or rank; a body joined.
ITEMIZED = ("awarded",)
JOINED = ("joined",)
LISTING_BAR = 0.5  # the bar of a post listed beside a post read with confidence


@cache
def shipped_model() -> Model:
    """The model trained on all annotated documents, shipped with the package."""
    path = resources.files(__package__).joinpath(MODEL_FILE)
    return Model.load(Path(str(path)))


def document_candidates(
    document: Document,
    analyses: Sequence[Analysis],
    mentions: Sequence[Mention],
    rules: Sequence[Event] = (),
    subject: str | None = None,
) -> list[tuple[Candidate, list[str]]]:
    """Every candidate event of a document, with its features, but those one of
    `rules` states (left out before their features are worked out); `subject`
    is the document's subject word when the caller found it.

    The subject's candidates come only from a document about one person (its
    subject names a quarter of its person mentions or more; not a chapter, a
    survey); the other persons' (`kartoteka.extract.scorer.others`) from every
    document, where a document not about one person has only other persons.
    A statement whose cue says the other gender than the subject's is not the
    subject's (`kartoteka.extract.scorer.agreement`); as a feature it would
    never fire in the annotated corpora, so the model could not weigh it.
    """
    if subject is None:
        subject = subject_word(mentions, document.text)
    biography = is_biography(mentions, document.text, subject)
    lead = next(
        (m for m in mentions if m.type == "person" and is_subject(m, subject)), None
    )
    shape = document_shape(document, mentions, subject)
    stated = RuleEvents(rules)
    gender = subject_gender(mentions, subject, document.text)
    found = []
    for unit in document_units(document, analyses, mentions, not biography):
        text = document.text[unit.start : unit.end]
        sentence = SentenceFeatures(unit, text, shape)
        if biography:
            found += [
                (c, sentence.of(c))
                for c in _agreeing(
                    unit_candidates(unit, subject, lead, text), text, gender
                )
            ]
        found += [
            (c, sentence.of_other(c))
            for c in other_candidates(unit, subject if biography else "")
            if stated.unstated(c)
        ]
    return found


def _agreeing(
    candidates: list[Candidate], text: str, gender: str | None
) -> list[Candidate]:
    """The subject's candidates less those whose cue says the other gender than
    the subject has ("She was arrested" in a man's life): another person's
    statement. A marriage is both partners', life dates the name's. Each cue
    word is read once, however many dates and types it takes."""
    words = {c.word for c in candidates if c.cue != RANGE_CUE}
    other = {w for w in words if disagrees(gender, candidates[0].unit, w, text)}
    return [c for c in candidates if c.type == "married" or c.word not in other]


def _who(candidate: Candidate) -> str:
    return "<subject>" if candidate.subject else person_key(candidate.person)


def _place(candidate: Candidate) -> Place:
    """Where a statement stands: a life event once in the document; a post in its
    part of a listing ("head of X, deputy of Y" states two posts of one date), a
    decoration or a body joined in its item of one ("a member of X and an agent
    of Y" joins two); anything else in its sentence."""
    if candidate.value is not None and candidate.type in ONCE:
        return (-1, 0)
    unit = candidate.unit
    if candidate.type in ITEMIZED:
        return (unit.start, unit.award_of(_item_at(candidate)))
    if candidate.type in JOINED:
        return (unit.start, unit.join_of(candidate.word.start))
    return (unit.start, _listed_part(candidate) if candidate.type in LISTED else 0)


def _item_at(candidate: Candidate) -> int:
    """Where a listed decoration is told: at its date when the sentence gives it
    ("decorated with X, and promoted to general in 1945": the date is the
    general's), else at its cue."""
    unit, date = candidate.unit, candidate.date
    if date is not None and unit.start <= date.start < unit.end:
        return date.start
    return candidate.word.start


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
    keys = [_tenure(candidate) for candidate, _ in scored]
    halves: dict[tuple[int, str, int, str], float] = {}
    for (_, score), key in zip(scored, keys, strict=True):
        if key is not None:
            halves[key] = max(score, halves.get(key, 0.0))
    return [
        (c, s if key is None else halves[key])
        for (c, s), key in zip(scored, keys, strict=True)
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
    span; so is a post held at places listed each with its bracketed date ("served
    in X (1925) and Y (1926)"); any other date is the first term's."""
    unit, date = candidate.unit, candidate.date
    if candidate.type not in LISTED or date is None or not date.key:
        return 0
    if not unit.start <= date.start < unit.end:
        return 0
    if "/" not in date.key:
        return _bracketed_item(candidate.word.start, unit, date)
    spans = unit.spans.get(unit.part_of(date.start), [])
    return spans.index(date.start) if date.start in spans else 0


def _bracketed_item(cue: int, unit: Unit, date: Mention) -> int:
    """Which of the dated brackets after a cue, in its date's part of a listing,
    holds the date (0 when none does)."""
    own = unit.bracket_of(date.start)
    if own is None:
        return 0
    part = unit.part_of(date.start)
    after = [
        i
        for i, (start, _) in enumerate(unit.brackets)
        if start > cue and unit.part_of(start) == part
    ]
    return after.index(own) if own in after else 0


def chosen(
    scored: Sequence[tuple[Candidate, float]], threshold: float
) -> list[tuple[Candidate, float]]:
    """Per cue, type, person and term the best-scoring date; then one per
    statement. A candidate below every bar (`_bar`) is never kept, nor could it
    be the best of a key whose best is kept: it is left out at once (most
    candidates are)."""
    floor = min(threshold, LISTING_BAR, OTHERS_BAR)
    best: dict[tuple[int, str, str, int], tuple[Candidate, float]] = {}
    for candidate, score in tenures(scored):
        if score < floor:
            continue
        key = (candidate.word.start, candidate.type, _who(candidate), _term(candidate))
        if key not in best or score > best[key][1]:
            best[key] = (candidate, score)
    listed = _listed_posts(best.values(), threshold)
    held = _held_terms(best.values(), threshold)
    kept: dict[tuple[str, str, str | None, Place], tuple[Candidate, float]] = {}
    for candidate, score in sorted(best.values(), key=lambda cs: -cs[1]):
        if score < _bar(candidate, threshold, listed, held):
            continue
        statement = (candidate.type, _who(candidate), candidate.value)
        kept.setdefault((*statement, _place(candidate)), (candidate, score))
    return sorted(kept.values(), key=lambda cs: (cs[0].unit.start, cs[0].word.start))


def _listed_posts(
    best: Iterable[tuple[Candidate, float]], threshold: float
) -> dict[int, set[int]]:
    """The parts of listings where the subject's post is read with confidence,
    dated in its own part, by sentence (each candidate looks only at its own
    sentence's: at all of them, a long document's cost grew with its square)."""
    listed: dict[int, set[int]] = {}
    for c, score in best:
        if c.type in LISTED and c.subject and _dated_in_part(c) and score >= threshold:
            sentence, part = _own_part(c)
            listed.setdefault(sentence, set()).add(part)
    return listed


Post = tuple[int, str, int]  # a post's cue, person, part of a listing
Term = tuple[int, str, int, int]  # ... and which of the part's spans it is


def _held_terms(
    best: Iterable[tuple[Candidate, float]], threshold: float
) -> dict[Post, set[int]]:
    """The terms of the subject's posts read with confidence, each over a span of
    its sentence: the spans each post is read over."""
    held: dict[Post, set[int]] = {}
    for c, score in best:
        if c.subject and score >= threshold and (term := _span_term(c)) is not None:
            held.setdefault(term[:3], set()).add(term[3])
    return held


def _span_term(candidate: Candidate) -> Term | None:
    """A post's term over a span in its sentence: its cue, person, the span's
    part of a listing and which of that part's spans it is."""
    unit, date = candidate.unit, candidate.date
    if candidate.type not in LISTED or date is None or "/" not in (date.key or ""):
        return None
    if not unit.start <= date.start < unit.end:
        return None
    at = (candidate.word.start, _who(candidate), unit.part_of(date.start))
    return (*at, _term(candidate))


def _another_term_held(candidate: Candidate, held: dict[Post, set[int]]) -> bool:
    """Whether another term of the same post, in the same part of its sentence,
    was read with confidence ("from 1936 to 1938 and again from 1941 to 1943
    commissar": the second span is the same post's, told the same way)."""
    own = _span_term(candidate)
    return own is not None and any(span != own[3] for span in held.get(own[:3], ()))


def _own_part(candidate: Candidate) -> Place:
    unit = candidate.unit
    return (unit.start, unit.part_of(candidate.word.start))


def _dated_in_part(candidate: Candidate) -> bool:
    """Whether a listed post's date stands in the post's own part of a listing."""
    unit, date = candidate.unit, candidate.date
    if not unit.breaks or date is None or not unit.start <= date.start < unit.end:
        return False
    return unit.part_of(date.start) == unit.part_of(candidate.word.start)


def _bar(
    candidate: Candidate,
    threshold: float,
    listed: dict[int, set[int]],
    held: dict[Post, set[int]],
) -> float:
    """The score a candidate needs: a post dated in its own part of a listing,
    beside another such post read with confidence, needs less ("deputy of X
    (1931-1934), head of Y (1934-1937)": a career told as a list, each part of
    it a post with its span); so does a further term of a post whose other term
    in the sentence was read with confidence."""
    if not candidate.subject:
        return OTHERS_BAR
    own = _own_part(candidate)
    beside = any(part != own[1] for part in listed.get(own[0], ()))
    if candidate.type in LISTED and beside and _dated_in_part(candidate):
        return min(threshold, LISTING_BAR)
    if _another_term_held(candidate, held):
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
        listed = candidate.type in LISTED or candidate.type in ITEMIZED
        if listed and claimed.get(index, place) != place:
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
    subject = subject_word(mentions, document.text)
    candidates = document_candidates(document, analyses, mentions, rules, subject)
    scored = [(c, model.score(f)) for c, f in candidates]
    return completed(document, rules, scored, model.threshold, subject)


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
