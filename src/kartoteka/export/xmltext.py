"""Text as XML 1.0 allows it, for the XML formats (GEXF, GraphML, TEI)."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

# XML 1.0 forbids most control characters even as references; a source that
# holds one keeps its span, and the quote shows U+FFFD in its place.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    """`value` as text an XML file can hold."""
    return NOT_XML.sub("\ufffd", str(value))


def write_tree(root: ET.Element, out: object) -> None:
    """Write an element as an indented UTF-8 XML file with a declaration."""
    ET.indent(root, space=" ")
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)  # type: ignore[arg-type]
