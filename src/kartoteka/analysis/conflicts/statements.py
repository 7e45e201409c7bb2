"""Where the sources disagree: statements about one person that cannot all be true.

Conflicts are computed from the store on demand rather than stored at build
time, so a statement a user rejects leaves its conflicts at once, with no
rebuild and no second copy of the events to keep in step. Statements are
grouped by (person, event type) first and only compared inside a group, so the
work grows with the number of statements, not with its square. Beside the
events' dates, fates and stances, `conflicts` gathers the other kinds: counts
(quantities.py), names (names.py), views (views.py), services named before
they existed (anachronisms.py) and the names a source gives one service
(services.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations
from typing import Any

from kartoteka.analysis.conflicts.accounts import (
    Account,
    Passages,
    Split,
    accounts,
    cause_of,
)
from kartoteka.analysis.conflicts.allegiances import allegiance_conflicts
from kartoteka.analysis.conflicts.anachronisms import anachronisms
from kartoteka.analysis.conflicts.descriptions import description_conflicts
from kartoteka.analysis.conflicts.flights import flight_conflicts
from kartoteka.analysis.conflicts.identities import identity_conflicts
from kartoteka.analysis.conflicts.kin import kin_accounts
from kartoteka.analysis.conflicts.names import name_conflicts
from kartoteka.analysis.conflicts.postings import posting_conflicts
from kartoteka.analysis.conflicts.quantities import Read, quantity_conflicts
from kartoteka.analysis.conflicts.reasons import reason_conflicts
from kartoteka.analysis.conflicts.services import (
    OrgMentions,
    service_name_conflicts,
    with_earlier_names,
)
from kartoteka.analysis.conflicts.titles import title_conflicts
from kartoteka.analysis.conflicts.views import view_conflicts
from kartoteka.edtf import dates_compatible
from kartoteka.model import Claim, Conflict

JULIAN_END = date(1918, 2, 14)  # the first day Soviet Russia counted Gregorian
DEATH = frozenset({"died", "executed", "killed", "suicide"})
TYPE_FAMILY = {"suicide": "suicide", "killed": "violent", "executed": "violent"}
AFFIRMING = frozenset({"asserted", "reported"})
DOUBTING = frozenset({"disputed", "denied"})


@dataclass(frozen=True)
class Statement:
    """One stored event (or account of a death), with what comparing it needs."""

    id: str
    person: str
    name: str
    type: str
    date: str | None
    stance: str
    reporter: str | None
    document: str
    file: str
    start: int
    end: int
    evidence: str
    cause: str | None = None  # how a death came about, as the sentence tells it
    family: str | None = None  # causes of one family do not contradict each other
    own: bool = True  # its words name the person, or its document is about them

    def claim(self, value: str) -> Claim:
        return Claim(
            self.id,
            self.document,
            self.file,
            self.start,
            self.end,
            value,
            self.stance,
            " ".join(self.evidence.split()),
            self.reporter,
        )


_SELECT = """
    SELECT ev.id, ev.person, p.name, ev.type, ev.date, ev.stance, ev.reporter,
           ev.document, d.file, ev.start, ev.end, ev.evidence,
           EXISTS (SELECT 1 FROM mentions m WHERE m.document = ev.document
                   AND m.entity = ev.person AND m.start >= ev.start
                   AND m.start <= ev.end AND m.end <= ev.end) AS named
    FROM events ev JOIN entities p ON p.id = ev.person
    JOIN documents d ON d.id = ev.document"""


def statements(
    db: sqlite3.Connection,
    entity: str | None = None,
    about: dict[str, str] | None = None,
) -> list[Statement]:
    """The stored events (of one entity, or all), in file order; `about` holds
    the subjects of their documents when they are known already."""
    where, params = ("WHERE ev.person = ?", (entity,)) if entity else ("", ())
    rows = db.execute(f"{_SELECT} {where} ORDER BY d.file, ev.start, ev.type", params)
    about = subjects(db) if about is None else about
    return [_statement(tuple(r), about) for r in rows]


def _statement(row: tuple[Any, ...], about: dict[str, str]) -> Statement:
    """A statement of a row of `_SELECT`, whose last column says whether its
    words name the person."""
    (id_, person, name, kind, date, stance, reporter, document, file, start, end,
     evidence, named) = row  # fmt: skip
    own = bool(named) or about.get(document) == person
    return Statement(
        id_, person, name, kind, date, stance, reporter, document, file, start,
        end, evidence, own=own,
    )  # fmt: skip


def subjects(
    db: sqlite3.Connection, documents: Iterable[str] | None = None
) -> dict[str, str]:
    """The person each document (of all, or of these) names most: the one its
    "he" most likely means."""
    among = (
        "" if documents is None else "AND document IN (SELECT value FROM json_each(?))"
    )
    counts = db.execute(
        f"""SELECT document, entity, COUNT(*) FROM mentions
           WHERE type = 'person' AND entity IS NOT NULL {among}
           GROUP BY document, entity""",
        () if documents is None else (json.dumps(sorted(documents)),),
    )
    best: dict[str, tuple[int, str]] = {}
    for document, entity, count in counts:
        if (count, entity) > best.get(document, (0, "")):
            best[document] = (count, entity)
    return {document: entity for document, (_, entity) in best.items()}


def _with_cause(statement: Statement) -> Statement:
    """A death statement with its cause: its type, or for a bare "died" the cause
    its sentence gives (a heart attack, poison)."""
    if statement.family:
        return statement
    if statement.type in TYPE_FAMILY:
        family = TYPE_FAMILY[statement.type]
        return replace(statement, cause=statement.type, family=family)
    if statement.type == "died":
        cause = cause_of(statement.evidence)
        if cause is not None:
            return replace(statement, cause=cause.cause, family=cause.family)
    return statement


def _from_account(account: Account, name: str, fatal: bool) -> Statement:
    """An account of a death (or of an attempt on a life), as a statement beside
    the death statements."""
    doubted = account.doubted and account.stance not in DOUBTING
    return Statement(
        account.id,
        account.person,
        name,
        "account" if fatal else "attempt",
        None,
        "disputed" if doubted else account.stance,
        account.reporter,
        account.document,
        account.file,
        account.start,
        account.end,
        account.text,
        account.cause.cause,
        account.cause.family,
    )


def _with_accounts(
    db: sqlite3.Connection,
    found: list[Statement],
    skip: frozenset[str],
    split: Split,
) -> list[Statement]:
    """The statements and the accounts of each person's death (of a person
    stated to have died) or of an attempt on the person's life, in sentences
    that state nothing else about the person (a sentence on an appointment that
    names "assassination operations" tells no death)."""
    out = list(found)
    about: dict[str, list[Statement]] = defaultdict(list)
    for statement in found:
        about[statement.person].append(statement)
    read = Passages(split=split)
    for person, told in about.items():
        died = any(s.type in DEATH for s in told)
        found_here = accounts(db, person, read)
        # where a document tells the death as a poisoning, its other sentences
        # on the poison tell the same death; elsewhere they tell an attempt
        poisoned = {a.document for a in found_here if a.fatal and a.cause.survivable}
        for account in found_here:
            covered = any(
                s.document == account.document
                and s.start < account.end
                and account.start < s.end
                # "his fate is uncertain, but one version says he was shot"
                and not (s.type in DEATH and account.cause.family == "unknown")
                for s in told
            )
            fatal = account.fatal or account.document in poisoned
            if (died or not fatal) and not covered and account.id not in skip:
                out.append(_from_account(account, told[0].name, fatal))
    return out


def _of_kin(
    db: sqlite3.Connection,
    entity: str | None,
    skip: frozenset[str],
    kept: Sequence[Statement],
) -> list[Statement]:
    """Accounts of relatives' fates (kin.py), as statements of the relative,
    but a sentence already stated as the relative's own event ("his wife was
    shot", read as her execution): one sentence tells one version."""
    events = defaultdict(list)
    for s in kept:
        events[(s.person, s.document)].append((s.start, s.end))
    out = []
    for a in kin_accounts(db, entity):
        told = Statement(
            a.id, a.relative, a.name, "account", None, a.stance, None, a.document,
            a.file, a.start, a.end, a.text, a.cause.cause, a.cause.family,
        )  # fmt: skip
        stated = any(
            start < a.end and a.start < end
            for start, end in events[(a.relative, a.document)]
        )
        out += [] if a.id in skip or stated else [told]
    return out


def conflicts(
    db: sqlite3.Connection,
    entity: str | None = None,
    rejected: Iterable[str] = (),
    names: list[Conflict] | None = None,
) -> list[Conflict]:
    """Every conflict about one entity (or all entities), leaving out the
    statements users rejected; `names`, all name conflicts when known already."""
    skip = frozenset(rejected)
    main = subjects(db, None if entity is None else _documents_of(db, entity))
    kept = [s for s in statements(db, entity, main) if s.id not in skip]
    split = Split()  # passages' sentences, which several readings read
    told = [*_with_accounts(db, kept, skip, split), *_of_kin(db, entity, skip, kept)]
    found = find_conflicts(told)
    defectors = sorted({(s.person, s.name) for s in kept if s.type == "defected"})
    found += flight_conflicts(db, defectors, main)
    posted = sorted({(s.person, s.name) for s in kept if s.type == "appointed"})
    found += posting_conflicts(db, posted)
    named: Read = {}  # documents' mentions, read once for several readings
    if entity is None or _is_org(db, entity):
        found += quantity_conflicts(db, entity, skip, named, split)
    early: list[Conflict] = []  # services named before they existed
    read: dict[str, OrgMentions] = {}  # documents read for the services' names
    if entity is None or not _is_org(db, entity):
        found += name_conflicts(db, entity, names)
        found += identity_conflicts(db, entity)
        found += description_conflicts(db, entity)
        found += reason_conflicts(db, entity, named, split)
        found += allegiance_conflicts(db, main, entity, named)
        early = anachronisms(db, entity, skip, split)
        found += with_earlier_names(db, early, main, read)
        found += title_conflicts(db, entity)
    if entity is None or _is_org(db, entity):
        early = early if entity is None else anachronisms(db, None, skip, split)
        found += service_name_conflicts(db, early, entity, read)
    found += view_conflicts(db, entity, split)
    return sorted(found, key=lambda c: (c.name, c.kind, c.question))


def _documents_of(db: sqlite3.Connection, entity: str) -> set[str]:
    """The documents that name an entity or state its events: those whose
    subjects its conflicts ask for."""
    rows = db.execute(
        "SELECT document FROM mentions WHERE entity = ?"
        " UNION SELECT document FROM events WHERE person = ?",
        (entity, entity),
    )
    return {r[0] for r in rows}


def _is_org(db: sqlite3.Connection, entity: str) -> bool:
    row = db.execute("SELECT type FROM entities WHERE id = ?", (entity,)).fetchone()
    return row is not None and row[0] == "org"


def find_conflicts(found: Iterable[Statement]) -> list[Conflict]:
    """Conflicts among statements, compared within each (person, event type)."""
    by_person: dict[str, dict[str, list[Statement]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for statement in found:
        by_person[statement.person][statement.type].append(_with_cause(statement))
    out: list[Conflict] = []
    for by_type in by_person.values():
        deaths = [s for t in sorted(DEATH) for s in by_type.get(t, ())]
        out += _date_conflict(by_type.get("born", []), "was born")
        out += _date_conflict(deaths, "died")
        out += _fate_conflict([*deaths, *by_type.get("account", [])])
        out += _attempt_conflict(by_type.get("attempt", []))
        for kind, group in sorted(by_type.items()):
            if kind not in DEATH and kind not in {"account", "attempt"}:
                out += _stance_conflict(group)
    return sorted(out, key=lambda c: (c.name, c.kind, c.question))


def _label(statement: Statement) -> str:
    """A statement's value: what befell the person (or how), when, how said."""
    words = [statement.cause or statement.type]
    if statement.date:
        words.append(statement.date)
    if statement.stance != "asserted":
        words.append(f"({statement.stance})")
    return " ".join(words)


def _date_conflict(group: Sequence[Statement], what: str) -> list[Conflict]:
    """Dates of one life event that exclude each other (born 1889 / born 1890);
    a "he" in a document about someone else may mean that other person."""
    dated = [s for s in group if s.date and s.stance in AFFIRMING and s.own]
    dates = sorted({s.date for s in dated if s.date})
    clashing = {
        d
        for a, b in combinations(dates, 2)
        if not dates_compatible(a, b) and not two_calendars(a, b)
        for d in (a, b)
    }
    if not clashing:
        return []
    name = group[0].name
    claims = tuple(s.claim(s.date or "") for s in dated if s.date in clashing)
    return [Conflict(group[0].person, name, "date", f"when {name} {what}", claims)]


def two_calendars(first: str, second: str) -> bool:
    """Whether two days are one day in the Julian and the Gregorian calendar
    (Russia kept the Julian "Old Style" until February 1918: 25 October is 7
    November); the 20th century's 13 days, often applied to earlier dates too,
    count as well, so a source giving the old date does not disagree."""
    try:
        a, b = sorted(date.fromisoformat(d) for d in (first, second))
    except ValueError:
        return False
    if a >= JULIAN_END:
        return False
    century = a.year if (a.month, a.day) >= (3, 1) else a.year - 1
    return (b - a).days in {century // 100 - century // 400 - 2, 13}


def _fate_conflict(deaths: Sequence[Statement]) -> list[Conflict]:
    """Accounts of a death whose causes exclude each other (suicide / murder,
    heart attack / poison, a firm date / "his fate is uncertain"), or one cause
    that one account affirms and another doubts; a death told without a cause
    agrees with any cause ("died in June 1937" / "probably murdered")."""
    told = [s for s in deaths if s.family]
    families = {s.family for s in told}
    stances = {s.stance in DOUBTING for s in told}
    unknown = "unknown" in families and any(s.date for s in deaths)
    if len(families) < 2 and len(stances) < 2 and not unknown:
        return []
    first = deaths[0]
    claims = tuple(s.claim(_label(s)) for s in _in_file_order(deaths))
    return [
        Conflict(first.person, first.name, "fate", f"how {first.name} died", claims)
    ]


def _attempt_conflict(told: Sequence[Statement]) -> list[Conflict]:
    """An attempt on a life (a poisoning) that several sources tell and one of
    them doubts ("he said he had been poisoned" / "he staged the affair")."""
    reporters = {s.reporter for s in told}
    doubting = {s.stance in DOUBTING for s in told}
    if len(reporters) < 2 or len(doubting) < 2:
        return []
    first = told[0]
    claims = tuple(s.claim(_label(s)) for s in _in_file_order(told))
    question = f"whether {first.name} was {first.cause}"
    return [Conflict(first.person, first.name, "attempt", question, claims)]


def _stance_conflict(group: Sequence[Statement]) -> list[Conflict]:
    """A dated statement one source affirms and another denies or disputes."""
    doubting = [s for s in group if s.stance in DOUBTING and s.date]
    affirming = [
        s
        for s in group
        if s.stance in AFFIRMING
        and s.date
        and any(dates_compatible(s.date, d.date) for d in doubting)
    ]
    if not affirming:
        return []
    first = group[0]
    claims = tuple(s.claim(_label(s)) for s in _in_file_order([*affirming, *doubting]))
    question = f"whether {first.name} was {first.type}"
    return [Conflict(first.person, first.name, "stance", question, claims)]


def _in_file_order(group: Iterable[Statement]) -> list[Statement]:
    return sorted(group, key=lambda s: (s.file, s.start, s.type))
