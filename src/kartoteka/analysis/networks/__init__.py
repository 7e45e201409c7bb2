"""Networks: the ties between persons that the statements state, as a graph.

`ties.py` reads the ties (an event's agent, a stated relation, two names in one
statement) with their filters; `graph.py` builds the network of one person or
of all, its paths and rankings.
"""

from kartoteka.analysis.networks.graph import Hop, Network, Rank, network
from kartoteka.analysis.networks.ties import Tie, TieFilter, tie_types

__all__ = ["Hop", "Network", "Rank", "Tie", "TieFilter", "network", "tie_types"]
