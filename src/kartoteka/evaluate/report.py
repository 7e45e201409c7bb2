"""The evaluation report as a plain-text table for a terminal."""

from __future__ import annotations

from kartoteka.evaluate.core import ClusterScore, EventReport, Report, TypeReport
from kartoteka.evaluate.scores import Counts


def _prf(*scores: Counts) -> str:
    """Precision, recall, F1 and the counts behind them, for each score given."""
    return "  ".join(
        f"{s.precision:9.3f} {s.recall:6.3f} {s.f1:6.3f}  "
        f"{f'{s.true_positives}/{s.predicted}/{s.expected}':<15}"
        for s in scores
    ).rstrip()


def _cluster_row(score: ClusterScore) -> str:
    """One clustering method: B-cubed, then cross-document pairs."""
    b3 = score.bcubed
    return (
        f"  {score.method:<12}{b3.precision:6.3f} {b3.recall:6.3f} {b3.f1:6.3f}"
        f"   {_prf(score.pairs)}"
    )


def _type_lines(part: TypeReport, verbose: bool) -> list[str]:
    """Clustering table of one entity type, and its form errors when verbose."""
    lines = [
        "",
        f"Clustering of {part.type}s ({part.clustering.bcubed.items} found gold forms,"
        f" {part.ambiguous} ambiguous left out)",
        f"  {'method':<12}{'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}"
        f"   {'pair P':>6} {'pair R':>6} {'pairF1':>6}  cross-doc pairs tp/sys/gold",
    ]
    lines += [_cluster_row(s) for s in (part.clustering, *part.references)]
    if verbose:
        for title, items in (
            ("false positive", part.false_positives),
            ("false negative", part.false_negatives),
        ):
            lines += [
                f"  {part.type} form {title}: {doc}  {form!r}" for doc, form in items
            ]
    return lines


def _event_lines(lenient: EventReport, strict: EventReport, verbose: bool) -> list[str]:
    """Event scores, lenient (a missing date fits any) beside strict (it fits none)."""
    lines = [
        "",
        f"{'Events':<14}{'lenient P':>9} {'R':>6} {'F1':>6}  {'tp/system/gold':<15}"
        f"{'strict P':>9} {'R':>6} {'F1':>6}  tp/system/gold",
        f"  {'all':<12}{_prf(lenient.overall, strict.overall)}",
    ]
    lines += [
        f"  {t:<12}{_prf(s, strict.per_type[t])}" for t, s in lenient.per_type.items()
    ]
    for name, part in (("lenient", lenient), ("strict", strict)):
        lines.append(
            f"  exact dates among matched ({name}): {part.exact_dates}/"
            f"{part.overall.true_positives} ({part.exact_date_share:.1%})"
        )
    agents = lenient.agents.counts
    lines.append(
        f"  agents among matched (lenient): P {agents.precision:.3f}"
        f" R {agents.recall:.3f}  {agents.true_positives}/{agents.predicted}"
        f"/{agents.expected} tp/system/gold"
    )
    if verbose:
        lines += [f"  wrong agent: {w}" for w in lenient.agents.wrong]
        lines += [f"  missed (strict): {m}" for m in strict.missed]
        lines += [f"  spurious (strict): {s}" for s in strict.spurious]
        lines += [f"  folded into a disputed death: {s}" for s in strict.folded]
        lines += [f"  inexact date: {s}" for s in lenient.inexact]
    return lines


def format_report(report: Report, verbose: bool = False) -> str:
    """Render the report as aligned text; verbose adds every miss and false hit."""
    offsets = report.offsets
    lines = [
        f"Documents evaluated: {len(report.documents)}  {' '.join(report.documents)}",
        f"Offsets: {offsets.correct}/{offsets.total} mentions exact "
        f"({offsets.share:.1%}), {offsets.unchecked} without source text",
        "",
        f"{'Forms':<14}{'P':>6} {'R':>6} {'F1':>6}  tp/system/gold",
        f"  {'persons':<12}{_prf(report.persons.forms)}",
        f"  {'orgs':<12}{_prf(report.orgs.forms)}",
    ]
    lines += _type_lines(report.persons, verbose)
    lines += _type_lines(report.orgs, verbose)
    lines += _event_lines(report.events, report.strict_events, verbose)
    conflicts = report.conflicts
    lines += [
        "",
        f"Conflicts: {conflicts.found}/{conflicts.claims} gold claims with a document"
        f" found ({conflicts.found_share:.1%}) in a system conflict about the entity;"
        f" {conflicts.correct}/{conflicts.conflicts} system conflicts correct"
        f" ({conflicts.precision:.1%})",
    ]
    lines += [f"  wrong conflict: {w}" for w in conflicts.wrong]
    if verbose:
        lines += [f"  missed claim: {m}" for m in conflicts.missed]
    return "\n".join(lines)
