"""spaCy's layers multiplying their matrices with numpy's BLAS, not thinc's BLIS.

Nearly all the time spaCy's networks take is in their matrix products (tok2vec
alone is two thirds of the parse of the event sentences). thinc makes them with
the BLIS it bundles, which on this machine runs at a third of the speed of the
OpenBLAS numpy ships, whose kernels are picked for the processor it runs on;
`NumpyOps(use_blis=False)` is thinc's own way of handing the products to numpy.
The two libraries sum in different orders, so a product may differ in its last
bits; every sentence, entity and parse of the shared corpora comes out the same
(`tests/test_parse.py` checks a sample document)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any


@cache
def numpy_blas() -> Any:
    """thinc's operations on numpy arrays, with numpy's matrix product."""
    from thinc.api import NumpyOps

    return NumpyOps(use_blis=False)


def use_ops(nlp: Any, pipes: Iterable[str], ops: Any) -> None:
    """Make every layer of these components of a spaCy pipeline compute with `ops`."""
    for name in pipes:
        for layer in nlp.get_pipe(name).model.walk():
            layer.ops = ops
