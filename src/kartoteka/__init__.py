"""kartoteka: an evidence-linked card index of people, organizations and events."""

import os

# The models' maths libraries start one thread per core in every process that
# imports them; in a build's worker processes those threads only spin against
# each other (several times the CPU for the same work), so each process keeps
# one unless the user asks otherwise. Set before numpy is first imported.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

__version__ = "0.1.0"
