"""Reconciliation: names in any spelling or script matched to cards, for OpenRefine.

`candidates` scores the cards a query may name; `extend` gives the values of a
card's properties (birth, death, posts, organizations, names); `suggest`
completes a typed prefix. `web/reconcile.py` speaks the protocol over these.
"""

from kartoteka.reconcile.candidates import TYPES, Candidate, Query, reconcile
from kartoteka.reconcile.extend import PROPERTIES, Property, extend, properties_of
from kartoteka.reconcile.suggest import suggest_entities

__all__ = [
    "PROPERTIES",
    "TYPES",
    "Candidate",
    "Property",
    "Query",
    "extend",
    "properties_of",
    "reconcile",
    "suggest_entities",
]
