"""The network as a reader takes it away in a terminal: ties, paths, rankings.

Each tie keeps its statements, and every line cites file and span. The graph
files for Gephi are `kartoteka.export.gexf` and `kartoteka.export.graphml`.
"""

from __future__ import annotations

from kartoteka.analysis.networks import Hop, Network, Rank, Tie


def _tie_line(tie: Tie, names: dict[str, str]) -> list[str]:
    arrow = "—" if tie.kind == "named" else "→"
    head = (
        f"  {names.get(tie.source, tie.source)} {arrow} {tie.type} {arrow} "
        f"{names.get(tie.target, tie.target)}"
    )
    lines = [head + (f"  ×{tie.weight}" if tie.weight > 1 else "")]
    for s in tie.statements[:3]:
        where = f"{s.file} ({s.start}-{s.end})"
        lines.append(f"      {s.date or '(no date)'} {where} “{s.quote[:110]}”")
    return lines


def ego_lines(ego: Network) -> list[str]:
    """One person's circle: persons by distance, then every tie with its sources."""
    names = {n.id: n.name for n in ego.nodes.values()}
    lines = []
    for depth in sorted(set(ego.distance.values()) - {0}):
        ring = [names[n] for n, d in ego.distance.items() if d == depth]
        lines.append(f"{depth} tie(s) away ({len(ring)}): {', '.join(ring)}")
    if ego.dropped:
        lines.append(f"({ego.dropped} more left out; narrow the filters)")
    lines.append("Ties:")
    stated = sorted(ego.ties, key=lambda t: (t.kind == "named", t.date or "9999"))
    for tie in stated:
        lines.extend(_tie_line(tie, names))
    return lines


def path_lines(paths: list[list[Hop]], net: Network) -> list[str]:
    """Each shortest path as a chain of names, then each hop's ties and sources."""
    names = {n.id: n.name for n in net.nodes.values()}
    lines = []
    for number, path in enumerate(paths, 1):
        chain = [names[path[0].source]] + [names[h.target] for h in path]
        lines.append(f"Path {number} ({len(path)} tie(s)): {' — '.join(chain)}")
        for hop in path:
            for tie in hop.ties:
                lines.extend(_tie_line(tie, names))
    return lines


def ranking_lines(ranks: list[Rank]) -> list[str]:
    """The best connected persons, one line each."""
    lines = [f"{'person':<36} {'degree':>6} {'statements':>10} {'betweenness':>11}"]
    lines.extend(
        f"{r.node.name[:36]:<36} {r.degree:>6} {r.statements:>10} "
        f"{r.betweenness:>11.4f}"
        for r in ranks
    )
    return lines
