"""Scoring an export against the gold: offsets, forms, clusters, events, conflicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any, ClassVar

from kartoteka.edtf import dates_compatible, dates_equal
from kartoteka.evaluate.agents import AgentReport, agent_report
from kartoteka.evaluate.conflicts import ConflictReport, conflict_report, read_conflicts
from kartoteka.evaluate.deaths import fold_disputed_deaths
from kartoteka.evaluate.gold import Gold, GoldEvent, Item, normalise_form
from kartoteka.evaluate.references import REFERENCES
from kartoteka.evaluate.scores import BCubed, Counts, bcubed, cross_document_pairs


@dataclass(frozen=True)
class OffsetScore:
    """Mentions whose span slices the source to exactly their text."""

    correct: int
    total: int
    unchecked: int  # mentions whose file has no text to check against (not correct)

    derived: ClassVar[tuple[str, ...]] = ("share",)

    @property
    def share(self) -> float:
        """Share of exact mentions, 1.0 when there are none."""
        return self.correct / self.total if self.total else 1.0


@dataclass(frozen=True)
class ClusterScore:
    """How one clustering of the found gold items compares with the gold clusters."""

    method: str
    bcubed: BCubed
    pairs: Counts


@dataclass(frozen=True)
class TypeReport:
    """Forms and clustering for one entity type (person or org)."""

    type: str
    forms: Counts
    false_positives: tuple[Item, ...]
    false_negatives: tuple[Item, ...]
    clustering: ClusterScore
    references: tuple[ClusterScore, ...]
    ambiguous: int  # gold items naming two entities in a document, left out


@dataclass(frozen=True)
class EventReport:
    """Event matching overall and per event type, and how exact matched dates are."""

    overall: Counts
    per_type: Mapping[str, Counts]
    exact_dates: int
    missed: tuple[str, ...]
    spurious: tuple[str, ...]
    inexact: tuple[str, ...]
    agents: AgentReport
    folded: tuple[str, ...]  # versions of a disputed death counted in its `died`

    derived: ClassVar[tuple[str, ...]] = ("exact_date_share",)

    @property
    def exact_date_share(self) -> float:
        """Share of matched events whose date is the gold date, 1.0 with none."""
        matched = self.overall.true_positives
        return self.exact_dates / matched if matched else 1.0


@dataclass(frozen=True)
class Report:
    """Everything measured for one export."""

    documents: tuple[str, ...]
    offsets: OffsetScore
    persons: TypeReport
    orgs: TypeReport
    events: EventReport
    strict_events: EventReport
    conflicts: ConflictReport


@dataclass(frozen=True)
class _Mention:
    """One exported mention, reduced to what the measures compare."""

    entity: str
    doc: str
    start: int
    end: int
    form: str


@dataclass(frozen=True)
class _Event:
    """One exported event, reduced to what the measures compare."""

    id: str
    doc: str
    type: str
    person: str | None
    agent: str | None
    org: str | None
    date: str | None
    start: int
    end: int
    stance: str


def _base(file: object) -> str:
    """Document base name, since exports may give paths and the gold gives names."""
    return Path(str(file)).name


def _optional(value: object) -> str | None:
    """A field as text, with empty values as None."""
    return None if value is None or value == "" else str(value)


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether two half-open spans share a character."""
    return start < other_end and other_start < end


class _Export:
    """The export dict read into typed rows; bad rows raise ValueError."""

    def __init__(self, export: Mapping[str, Any], texts: Mapping[str, str]) -> None:
        self.types: dict[str, str] = {}
        self.mentions: list[_Mention] = []
        correct = unchecked = 0
        by_base = {_base(file): text for file, text in texts.items()}
        try:
            docs = {_base(d["file"]) for d in export.get("documents", [])}
            for entity in export.get("entities", []):
                self.types[str(entity["id"])] = str(entity["type"])
                for m in entity.get("mentions", []):
                    file, start, end = m["file"], int(m["start"]), int(m["end"])
                    text = texts.get(file, by_base.get(_base(file)))
                    unchecked += text is None
                    correct += text is not None and text[start:end] == m["text"]
                    self.mentions.append(
                        _Mention(
                            str(entity["id"]),
                            _base(file),
                            start,
                            end,
                            normalise_form(m["text"]),
                        )
                    )
            self.events = [
                _Event(
                    str(e.get("id")),
                    _base(e["file"]),
                    str(e["type"]),
                    _optional(e.get("person")),
                    _optional(e.get("agent")),
                    _optional(e.get("org")),
                    _optional(e.get("date")),
                    int(e["start"]),
                    int(e["end"]),
                    str(e.get("stance") or "asserted"),
                )
                for e in export.get("events", [])
            ]
            self.conflicts = read_conflicts(export.get("conflicts", []))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"export is malformed: {exc!r}") from exc
        self.offsets = OffsetScore(correct, len(self.mentions), unchecked)
        docs.update(m.doc for m in self.mentions)
        self.documents = docs | {e.doc for e in self.events}
        self.texts = by_base


def _type_report(
    export: _Export, gold: Gold, docs: frozenset[str], type_: str
) -> TypeReport:
    """Forms and clustering scores for one entity type."""
    mentions = [
        m for m in export.mentions if export.types[m.entity] == type_ and m.doc in docs
    ]
    system = {(m.doc, m.form) for m in mentions}
    owners = {i: ids for i, ids in gold.owners(type_).items() if i[0] in docs}
    forms = Counts(len(system & owners.keys()), len(system), len(owners))
    holders = Counter((m.doc, m.form, m.entity) for m in mentions)
    best: dict[Item, str] = {}
    for (doc, form, entity), count in holders.items():
        previous = best.get((doc, form))
        if previous is None or count > holders[doc, form, previous]:
            best[doc, form] = entity
    items = sorted(i for i in system if len(owners.get(i, ())) == 1)
    gold_of = {i: next(iter(owners[i])) for i in items}
    clusterings = {"system": best}
    if type_ == "person":
        clusterings.update({name: fn(system) for name, fn in REFERENCES.items()})
    scores = tuple(
        ClusterScore(
            name,
            bcubed(items, clusters, gold_of),
            cross_document_pairs(items, clusters, gold_of),
        )
        for name, clusters in clusterings.items()
    )
    return TypeReport(
        type=type_,
        forms=forms,
        false_positives=tuple(sorted(system - owners.keys())),
        false_negatives=tuple(sorted(owners.keys() - system)),
        clustering=scores[0],
        references=scores[1:],
        ambiguous=sum(len(ids) > 1 for ids in owners.values()),
    )


def _entity_map(export: _Export, gold: Gold, docs: frozenset[str]) -> dict[str, str]:
    """Each export entity's gold entity by majority of its unambiguous mentions."""
    owners = gold.owners()
    votes: dict[str, Counter[str]] = {}
    for m in export.mentions:
        ids = owners.get((m.doc, m.form), frozenset())
        if m.doc in docs and len(ids) == 1:
            votes.setdefault(m.entity, Counter())[next(iter(ids))] += 1
    return {entity: count.most_common(1)[0][0] for entity, count in votes.items()}


def _gold_span(export: _Export, event: GoldEvent) -> tuple[int, int] | None:
    """Where a gold event's evidence first stands, to prefer nearby export events."""
    text = export.texts.get(event.doc)
    at = -1 if text is None else text.find(event.evidence)
    return None if at < 0 else (at, at + len(event.evidence))


def _describe(event: GoldEvent) -> str:
    """One line naming a gold event, for the verbose view."""
    return f"{event.doc} {event.type} {event.person} {event.date}: {event.evidence}"


def _describe_system(e: _Event) -> str:
    """One line naming an export event, for the verbose view."""
    return f"{e.doc} {e.type} {e.person} {e.date} [{e.start}:{e.end}] ({e.id})"


def strictly_compatible(first: str | None, second: str | None) -> bool:
    """Dates that overlap, or both missing: an undated event never matches a dated
    one, so a statement that lost its date counts as a miss."""
    if first is None or second is None:
        return first is None and second is None
    return dates_compatible(first, second)


def _event_report(
    export: _Export,
    gold: Gold,
    docs: frozenset[str],
    mapping: Mapping[str, str],
    compatible: Callable[[str | None, str | None], bool] = dates_compatible,
) -> EventReport:
    """Greedy one-to-one matching of export events to gold events, after each
    disputed death is folded into one `died` as the gold records it."""
    system, folded = fold_disputed_deaths(
        [e for e in export.events if e.doc in docs],
        lambda e: mapping.get(e.person or "", e.person),
    )
    expected = [g for g in gold.events if g.doc in docs]
    spans = [_gold_span(export, g) for g in expected]
    candidates = []
    for i, e in enumerate(system):
        person = mapping.get(e.person or "")
        for j, g in enumerate(expected):
            if (e.doc, e.type, person) != (g.doc, g.type, g.person):
                continue
            if not compatible(e.date, g.date):
                continue
            span = spans[j]
            overlap = span is not None and _overlaps(e.start, e.end, *span)
            distance = abs(e.start - span[0]) if span else 1 << 62
            same_org = g.org is not None and mapping.get(e.org or "") == g.org
            exact = dates_equal(e.date, g.date)
            candidates.append((not exact, not overlap, not same_org, distance, i, j))
    matched: dict[int, int] = {}
    for *_, i, j in sorted(candidates):
        if i not in matched and j not in matched.values():
            matched[i] = j
    types = sorted({e.type for e in system} | {g.type for g in expected})
    per_type = {
        t: Counts(
            sum(system[i].type == t for i in matched),
            sum(e.type == t for e in system),
            sum(g.type == t for g in expected),
        )
        for t in types
    }
    found = set(matched.values())
    return EventReport(
        overall=Counts(len(matched), len(system), len(expected)),
        per_type=per_type,
        exact_dates=sum(
            dates_equal(system[i].date, expected[j].date) for i, j in matched.items()
        ),
        missed=tuple(_describe(g) for j, g in enumerate(expected) if j not in found),
        spurious=tuple(
            _describe_system(e) for i, e in enumerate(system) if i not in matched
        ),
        inexact=tuple(
            f"{system[i].date} for {_describe(expected[j])}"
            for i, j in matched.items()
            if not dates_equal(system[i].date, expected[j].date)
        ),
        agents=agent_report(
            [(system[i].agent, expected[j]) for i, j in sorted(matched.items())],
            mapping,
        ),
        folded=tuple(_describe_system(e) for e in folded),
    )


def evaluate(export: Mapping[str, Any], gold: Gold, texts: Mapping[str, str]) -> Report:
    """Score an export against the gold on the documents both of them cover."""
    rows = _Export(export, texts)
    docs = frozenset(rows.documents & gold.documents())
    mapping = _entity_map(rows, gold, docs)
    return Report(
        documents=tuple(sorted(docs)),
        offsets=rows.offsets,
        persons=_type_report(rows, gold, docs, "person"),
        orgs=_type_report(rows, gold, docs, "org"),
        events=_event_report(rows, gold, docs, mapping),
        strict_events=_event_report(rows, gold, docs, mapping, strictly_compatible),
        conflicts=conflict_report(rows.conflicts, gold, docs, mapping, rows.texts),
    )


def _plain(value: object) -> object:
    """A JSON-ready copy of a report value, with derived scores spelled out."""
    if is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        for name in getattr(value, "derived", ()):
            out[name] = getattr(value, name)
        return out
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(v) for v in value]
    return value


def report_as_dict(report: Report) -> dict[str, Any]:
    """The report as plain dicts and lists, for JSON output."""
    out = _plain(report)
    assert isinstance(out, dict)
    return out
