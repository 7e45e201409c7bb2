"""The network of persons the ties make: one person's circle, paths, and rankings.

Drawing every tie at once shows nothing; a historian asks about one person (who
is within one or two ties of Yezhov), about two ("how is Orlov connected to
Slutskii", every shortest path with the statements on each tie), or about the
whole ("who holds the network together": degree and betweenness). A stated tie
(agent, relation) counts as one step and a co-mention as two, so a path prefers
what the sources state over who happens to be named together.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from kartoteka.analysis.networks.ties import Tie, TieFilter, ties

STEP = {"agent": 1, "relation": 1, "named": 2}
BETWEENNESS_SAMPLE = 500  # above this many nodes betweenness is estimated from a sample


@dataclass(frozen=True)
class Node:
    """A person (or an organization acting as agent) in the network."""

    id: str
    name: str
    type: str


@dataclass(frozen=True)
class Hop:
    """One step of a path: from one node to the next, with the ties between them."""

    source: str
    target: str
    ties: tuple[Tie, ...]


@dataclass(frozen=True)
class Rank:
    """A node's place in the network: how many others it is tied to, and how
    many shortest paths between others run through it."""

    node: Node
    degree: int
    statements: int
    betweenness: float


@dataclass(frozen=True)
class Network:
    """Nodes and the ties between them; `centre` is set for one person's circle."""

    nodes: dict[str, Node]
    ties: tuple[Tie, ...]
    centre: str | None = None
    dropped: int = 0
    distance: dict[str, int] = field(default_factory=dict)

    @cached_property
    def graph(self) -> Any:
        """An undirected graph whose edges hold their ties and a path length."""
        graph = nx.Graph()
        graph.add_nodes_from(self.nodes)
        for tie in self.ties:
            if graph.has_edge(tie.source, tie.target):
                edge = graph.edges[tie.source, tie.target]
                edge["ties"].append(tie)
                edge["step"] = min(edge["step"], STEP[tie.kind])
            else:
                graph.add_edge(tie.source, tie.target, ties=[tie], step=STEP[tie.kind])
        return graph

    def ego(self, centre: str, depth: int = 1, limit: int = 120) -> Network:
        """The persons within `depth` ties of `centre` and the ties among them.

        When there are more than `limit`, the nearest and best connected are kept.
        """
        if centre not in self.graph:
            return Network({}, (), centre)
        reach = nx.single_source_shortest_path_length(self.graph, centre, depth)
        ordered = sorted(reach, key=lambda n: (reach[n], -self.graph.degree(n), n))
        kept = set(ordered[:limit])
        chosen = tuple(t for t in self.ties if t.source in kept and t.target in kept)
        nodes = {n: self.nodes[n] for n in ordered if n in kept}
        distance = {n: reach[n] for n in kept}
        return Network(nodes, chosen, centre, len(reach) - len(kept), distance)

    def paths(self, a: str, b: str, limit: int = 5) -> list[list[Hop]]:
        """The shortest paths from `a` to `b` (at most `limit`), each hop's ties."""
        if a not in self.graph or b not in self.graph or a == b:
            return []
        try:
            found = list(
                islice(nx.all_shortest_paths(self.graph, a, b, weight="step"), limit)
            )
        except nx.NetworkXNoPath:
            return []
        return [
            [
                Hop(x, y, tuple(self.graph.edges[x, y]["ties"]))
                for x, y in pairwise(path)
            ]
            for path in found
        ]

    @cached_property
    def betweenness(self) -> dict[str, float]:
        """The share of shortest paths between others that run through each node."""
        if self.graph.number_of_nodes() == 0:
            return {}
        sample = min(self.graph.number_of_nodes(), BETWEENNESS_SAMPLE)
        found: dict[str, float] = nx.betweenness_centrality(
            self.graph, k=sample, seed=0
        )
        return found

    def ranking(self, top: int = 25, persons_only: bool = True) -> list[Rank]:
        """The best connected nodes: by degree, then betweenness."""
        graph = self.graph
        between = self.betweenness
        ranks = [
            Rank(
                self.nodes[n],
                graph.degree(n),
                sum(
                    len(t.statements)
                    for _, _, e in graph.edges(n, data=True)
                    for t in e["ties"]
                ),
                round(between[n], 4),
            )
            for n in graph.nodes
            if not persons_only or self.nodes[n].type == "person"
        ]
        ranks.sort(key=lambda r: (-r.degree, -r.betweenness, r.node.name))
        return ranks[:top]

    def as_json(self) -> dict[str, Any]:
        """Nodes and links for the page's drawing; each link opens its first source."""
        degree = dict(self.graph.degree())
        return {
            "centre": self.centre,
            "nodes": [
                {
                    "id": n.id,
                    "name": n.name,
                    "type": n.type,
                    "degree": degree.get(n.id, 0),
                    "distance": self.distance.get(n.id),
                }
                for n in self.nodes.values()
            ],
            "links": [
                {
                    "source": t.source,
                    "target": t.target,
                    "kind": t.kind,
                    "type": t.type,
                    "date": t.date,
                    "weight": t.weight,
                    "href": t.statements[0].href,
                }
                for t in self.ties
            ],
        }


def network(db: sqlite3.Connection, where: TieFilter) -> Network:
    """Every tie the filter keeps, with the nodes they join."""
    found = ties(db, where)
    ids = sorted({t.source for t in found} | {t.target for t in found})
    nodes: dict[str, Node] = {}
    for at in range(0, len(ids), 500):
        part = ids[at : at + 500]
        marks = ",".join("?" * len(part))
        rows = db.execute(
            f"SELECT id, name, type FROM entities WHERE id IN ({marks})", part
        )
        nodes.update({r[0]: Node(r[0], r[1], r[2]) for r in rows})
    return Network(
        nodes, tuple(t for t in found if t.source in nodes and t.target in nodes)
    )
