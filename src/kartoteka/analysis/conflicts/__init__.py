"""Conflicts: where the sources disagree about one person, and why.

`statements.py` compares the stored statements of a person, type by type; the
other modules each read one kind of disagreement from the stored text (accounts
of a death, a service or office named before it existed, hedged identities,
flights, postings, quantities, reasons, views). `stored.py` finds them all once
when a knowledge base is written and keeps them current through curation; the
views read them from there.
"""

from kartoteka.analysis.conflicts.statements import (
    Statement,
    conflicts,
    find_conflicts,
    two_calendars,
)
from kartoteka.analysis.conflicts.stored import (
    analyse,
    first_conflicts,
    refresh,
    stored_conflicts,
)

__all__ = [
    "Statement",
    "analyse",
    "conflicts",
    "find_conflicts",
    "first_conflicts",
    "refresh",
    "stored_conflicts",
    "two_calendars",
]
