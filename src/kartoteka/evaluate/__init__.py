"""Scores what the system built against the hand-made gold, so changes can be judged.

Measures, on the documents that are both in the gold and in the export:

1. Offsets: share of exported mentions whose `text` is exactly the source slice
   `texts[file][start:end]`, with counts.
2. Forms (persons, orgs separately): precision, recall and F1 of the system's set of
   (document, whitespace-collapsed mention text) against the gold `forms`.
3. Clustering (persons, orgs separately): the gold (document, form) items the system
   found, each in the export entity holding it most often, scored by B-cubed and by
   pair precision/recall over item pairs from different documents; forms the gold
   gives to two entities in one document are left out.
4. Events: export entities map to gold entities by majority vote of their mentions;
   export events match gold events one-to-one, greedily, on document, type, person and
   overlapping EDTF date intervals; scored overall and per type, with the share of
   matched events whose date is exact. Lenient: a missing date is compatible with
   any. Strict: a missing date matches only a gold event without one. A person's
   death statements in a document, one of them disputed, count as one `died`, as
   the gold records a disputed death.
5. Conflicts: how many gold claims with a document are found, a system conflict
   about the conflict's entity having a claim whose span overlaps the claim's
   evidence; and how many system conflicts are correct, covering two claims of
   one gold conflict about their entity (the rest are listed as wrong).
6. Reference clusterings of the system's person forms (exact string, fingerprint key,
   fuzzy surname) scored like the system's clustering, to show what it adds.
"""

from kartoteka.edtf import dates_compatible, normalise_edtf, parse_edtf
from kartoteka.evaluate.conflicts import ConflictReport
from kartoteka.evaluate.core import (
    ClusterScore,
    EventReport,
    OffsetScore,
    Report,
    TypeReport,
    evaluate,
    report_as_dict,
)
from kartoteka.evaluate.gold import (
    Gold,
    GoldClaim,
    GoldConflict,
    GoldEntity,
    GoldEvent,
    load_gold,
    normalise_form,
)
from kartoteka.evaluate.references import (
    exact_clusters,
    fingerprint,
    fingerprint_clusters,
    surname_clusters,
)
from kartoteka.evaluate.report import format_report
from kartoteka.evaluate.scores import BCubed, Counts, bcubed, cross_document_pairs

__all__ = [
    "BCubed",
    "ClusterScore",
    "ConflictReport",
    "Counts",
    "EventReport",
    "Gold",
    "GoldClaim",
    "GoldConflict",
    "GoldEntity",
    "GoldEvent",
    "OffsetScore",
    "Report",
    "TypeReport",
    "bcubed",
    "cross_document_pairs",
    "dates_compatible",
    "evaluate",
    "exact_clusters",
    "fingerprint",
    "fingerprint_clusters",
    "format_report",
    "load_gold",
    "normalise_edtf",
    "normalise_form",
    "parse_edtf",
    "report_as_dict",
    "surname_clusters",
]
