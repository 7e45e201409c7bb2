"""A cohort as a reader takes it away: text lines, CSV rows, the JSON object.

Every cell says as much as its statement does: a birth with its precision, an
age as a range where the dates are vague, and the file and span it stands on.
"""

from __future__ import annotations

import csv
from typing import Any, TextIO

from kartoteka.analysis.cohorts import Cohort, Member, Years, precision
from kartoteka.analysis.timelines import Entry

CSV_COLUMNS = (
    "person",
    "person_id",
    "names",
    "born",
    "born_precision",
    "event",
    "event_date",
    "age",
    "joined",
    "years_since_joining",
    "post",
    "titles",
    "rank",
    "fate",
    "file",
    "start",
    "end",
    "statements",
)


def years(span: Years | None) -> str:
    """A whole number of years, or its range: "37", "37-38"; "" when unknown."""
    if span is None:
        return ""
    low, high = span
    return str(low) if low == high else f"{low}-{high}"


def when(entry: Entry | None) -> str:
    """A statement's date as stored, or "" when it has none."""
    return entry.date or "" if entry else ""


def born(member: Member) -> str:
    """The birth date with how precise the source is: "1900 (year)"."""
    if member.birth is None:
        return ""
    return f"{member.birth.date} ({precision(member.birth.date)})"


def post(member: Member) -> str:
    """The last post stated up to the event, with its date when there is one."""
    if member.post is None:
        return ""
    dated = f" ({member.post.date})" if member.post.date else ""
    return f"{member.post.position}{dated}"


def fate(member: Member) -> str:
    """Every account of the end, "suicide 1941-02 / executed 1941-02"."""
    return " / ".join(f"{e.type} {e.date}" if e.date else e.type for e in member.fates)


def _cells(member: Member) -> tuple[object, ...]:
    event = member.event
    return (
        member.name,
        member.id,
        "; ".join(member.names),
        member.birth.date if member.birth else "",
        precision(member.birth.date) if member.birth else "",
        event.type,
        when(event),
        years(member.age),
        when(member.joined),
        years(member.service),
        post(member),
        "; ".join(member.titles),
        member.rank.name if member.rank else "",
        fate(member),
        event.citation.file,
        event.citation.start,
        event.citation.end,
        " ".join(e.id for e in member.statements),
    )


def write_csv(cohort: Cohort, out: TextIO) -> None:
    """One row per person, with a header row; the last columns cite the statements."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for member in cohort.members:
        writer.writerow(_cells(member))


def _cite(entry: Entry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    c = entry.citation
    return {
        "id": entry.id,
        "type": entry.type,
        "date": entry.date,
        "file": c.file,
        "start": c.start,
        "end": c.end,
    }


def _member_dict(member: Member) -> dict[str, Any]:
    return {
        "person": member.id,
        "name": member.name,
        "names": list(member.names),
        "birth": _cite(member.birth),
        "birth_precision": precision(member.birth.date) if member.birth else None,
        "event": _cite(member.event),
        "other_events": [_cite(e) for e in member.others],
        "age": list(member.age) if member.age else None,
        "joined": _cite(member.joined),
        "years_since_joining": list(member.service) if member.service else None,
        "post": member.post.position if member.post else None,
        "post_statement": _cite(member.post),
        "titles": list(member.titles),
        "rank": member.rank.name if member.rank else None,
        "rank_statement": _cite(member.rank.statement) if member.rank else None,
        "fates": [_cite(e) for e in member.fates],
    }


def cohort_dict(cohort: Cohort) -> dict[str, Any]:
    """The cohort in the documented JSON shape (docs/export.md, "Cohorts")."""
    s = cohort.selection
    cited = cohort.cited()
    return {
        "selection": {
            "events": list(s.events),
            "from": s.start,
            "to": s.end,
            "orgs": list(s.orgs),
            "roles": list(s.roles),
        },
        "persons": [_member_dict(m) for m in cohort.members],
        "figures": [
            {
                "label": f.label,
                "value": f.value,
                "statements": [_cite(cited[i]) for i in f.statements],
            }
            for f in cohort.figures
        ],
    }


def text_lines(cohort: Cohort) -> list[str]:
    """The table and the figures for a terminal, each figure with its sources."""
    lines = [f"{'person':<30} {'born':<20} {'event':<20} {'age':<6} {'served':<7} fate"]
    for m in cohort.members:
        lines.append(
            f"{m.name[:30]:<30} {born(m)[:20]:<20} "
            f"{(m.event.type + ' ' + when(m.event))[:20]:<20} {years(m.age):<6} "
            f"{years(m.service):<7} {fate(m)}"
        )
        lines.append(f"    {m.event.citation} “{m.event.citation.quote[:100]}”")
        if m.post:
            lines.append(f"    last post stated: {post(m)}")
        if m.titles:
            lines.append(f"    titles: {', '.join(m.titles)}")
        if m.rank:
            lines.append(f"    highest rank stated: {m.rank.name}")
    lines.append("")
    cited = cohort.cited()
    for f in cohort.figures:
        lines.append(f"{f.label}: {f.value}")
        sources = sorted({str(cited[i].citation) for i in f.statements})
        lines.extend(f"    {source}" for source in sources)
    return lines
