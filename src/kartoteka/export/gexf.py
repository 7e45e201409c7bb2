"""`--format gexf`: the network for Gephi (GEXF 1.3), with attributes to filter on."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from kartoteka import __version__
from kartoteka.export.network import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Network
from kartoteka.export.xmltext import write_tree, xml_text

NS = "http://gexf.net/1.3"


def gexf_tree(graph: Network) -> ET.Element:
    """The GEXF document: declared attributes, then nodes, then directed edges."""
    root = ET.Element("gexf", {"xmlns": NS, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = f"kartoteka {__version__}"
    ET.SubElement(
        meta, "description"
    ).text = (
        "Persons and organizations; ties from statements, each citing file and span"
    )
    body = ET.SubElement(root, "graph", {"defaultedgetype": "directed"})
    _declare(body, "node", NODE_ATTRIBUTES)
    _declare(body, "edge", EDGE_ATTRIBUTES)
    nodes = ET.SubElement(body, "nodes")
    for node in graph.nodes:
        element = ET.SubElement(nodes, "node", {"id": node.id, "label": node.label})
        _values(element, node.attributes, NODE_ATTRIBUTES)
    edges = ET.SubElement(body, "edges")
    for tie in graph.ties:
        element = ET.SubElement(
            edges,
            "edge",
            {
                "id": tie.id,
                "source": tie.source,
                "target": tie.target,
                "label": str(tie.attributes["type"]),
                "weight": str(tie.weight),
            },
        )
        _values(element, tie.attributes, EDGE_ATTRIBUTES)
    return root


def _declare(graph: ET.Element, kind: str, declared: dict[str, str]) -> None:
    attributes = ET.SubElement(graph, "attributes", {"class": kind})
    for name, type_ in declared.items():
        ET.SubElement(
            attributes, "attribute", {"id": name, "title": name, "type": type_}
        )


def _values(
    element: ET.Element, values: dict[str, object], declared: dict[str, str]
) -> None:
    holder = ET.SubElement(element, "attvalues")
    for name in declared:
        if name in values:
            ET.SubElement(
                holder, "attvalue", {"for": name, "value": xml_text(values[name])}
            )


def write_gexf(graph: Network, out: Path) -> None:
    write_tree(gexf_tree(graph), out)
