"""`--format graphml`: the same network as GEXF, for yEd, Cytoscape and igraph."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from kartoteka.export.network import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Network
from kartoteka.export.xmltext import write_tree, xml_text

NS = "http://graphml.graphdrawing.org/xmlns"
TYPES = {"string": "string", "integer": "long"}


def graphml_tree(graph: Network) -> ET.Element:
    """The GraphML document: keys, then nodes with a label, then directed edges."""
    root = ET.Element("graphml", {"xmlns": NS})
    declared = {
        "node": {"label": "string", **NODE_ATTRIBUTES},
        "edge": {"label": "string", "weight": "integer", **EDGE_ATTRIBUTES},
    }
    for kind, attributes in declared.items():
        for name, type_ in attributes.items():
            ET.SubElement(
                root,
                "key",
                {
                    "id": f"{kind[0]}_{name}",
                    "for": kind,
                    "attr.name": name,
                    "attr.type": TYPES[type_],
                },
            )
    body = ET.SubElement(root, "graph", {"id": "kartoteka", "edgedefault": "directed"})
    for node in graph.nodes:
        element = ET.SubElement(body, "node", {"id": node.id})
        _data(element, "n", {"label": node.label, **node.attributes})
    for tie in graph.ties:
        element = ET.SubElement(
            body, "edge", {"id": tie.id, "source": tie.source, "target": tie.target}
        )
        values = {"label": tie.attributes["type"], "weight": tie.weight}
        _data(element, "e", values | tie.attributes)
    return root


def _data(element: ET.Element, prefix: str, values: dict[str, object]) -> None:
    for name, value in values.items():
        ET.SubElement(element, "data", {"key": f"{prefix}_{name}"}).text = xml_text(
            value
        )


def write_graphml(graph: Network, out: Path) -> None:
    write_tree(graphml_tree(graph), out)
