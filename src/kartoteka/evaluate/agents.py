"""Who did it: the agents of matched events scored against the gold's agents.

Only events matched to a gold event are compared, so the score says how well the
agent is read where the event itself was found. Recall is over matched gold
events that carry an agent; precision over matched events whose system agent is
set (a system agent on a gold event without one counts as wrong).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kartoteka.evaluate.gold import GoldEvent
from kartoteka.evaluate.scores import Counts


@dataclass(frozen=True)
class AgentReport:
    """Agent hits among matched events, and the disagreements for the verbose view."""

    counts: Counts
    wrong: tuple[str, ...]


def agent_report(
    pairs: Sequence[tuple[str | None, GoldEvent]], mapping: Mapping[str, str]
) -> AgentReport:
    """Score `(system agent entity, gold event)` pairs of matched events."""
    hits = predicted = expected = 0
    wrong: list[str] = []
    for agent, gold in pairs:
        found = mapping.get(agent, f"?{agent}") if agent else None
        predicted += found is not None
        expected += gold.agent is not None
        if found is not None and found == gold.agent:
            hits += 1
        elif found is not None or gold.agent is not None:
            wrong.append(
                f"{found or '-'} for {gold.agent or '-'}: {gold.doc} {gold.type} "
                f"{gold.person}: {gold.evidence}"
            )
    return AgentReport(Counts(hits, predicted, expected), tuple(wrong))
