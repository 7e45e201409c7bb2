"""EDTF dates for the evaluation; the module moved to `kartoteka.edtf`, shared by all
stages, and is kept here under its old name for the code that imports it."""

from kartoteka.edtf import (
    Interval,
    dates_compatible,
    dates_equal,
    normalise_edtf,
    parse_edtf,
)

__all__ = [
    "Interval",
    "dates_compatible",
    "dates_equal",
    "normalise_edtf",
    "parse_edtf",
]
