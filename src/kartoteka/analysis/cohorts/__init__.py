"""Cohorts: the prosopographer's table of persons chosen by what befell them.

`table.py` selects the persons and makes one row each, `ranks.py` finds the
highest rank stated, `figures.py` writes the figures about the whole cohort.
"""

from kartoteka.analysis.cohorts.table import (
    Cohort,
    Member,
    Selection,
    Years,
    cohort,
    precision,
    years_between,
)

__all__ = [
    "Cohort",
    "Member",
    "Selection",
    "Years",
    "cohort",
    "precision",
    "years_between",
]
