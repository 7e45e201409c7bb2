"""`--format tei`: persons, organizations, events and relations as TEI P5 stand-off.

Every element that states something has `@source` pointers at its spans, as
RFC 5147 character ranges into the source files (`001.txt#char=1956,2073`),
relative to the folder of the sources; each `persName` is one spelling the
sources use, with `@ref` at the person's card.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

from kartoteka import __version__
from kartoteka.export import DEFAULT_BASE as BASE
from kartoteka.export import records
from kartoteka.export.records import Record
from kartoteka.export.xmltext import write_tree, xml_text

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PLAIN_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-[0-3]\d)?)?")
NOT_NAME = re.compile(r"[^\w.-]")
SYMMETRIC = ("spouse", "sibling", "in_law")


def xml_id(value: str) -> str:
    """An id as `xml:id` allows it: a letter first, no spaces or colons."""
    cleaned = NOT_NAME.sub("_", value)
    return cleaned if cleaned[:1].isalpha() else f"id-{cleaned}"


def pointer(record: Record) -> str:
    """The RFC 5147 character range of a record's span in its file."""
    return f"{quote(record['file'])}#char={record['start']},{record['end']}"


def tei_tree(db: sqlite3.Connection, base: str = BASE) -> ET.Element:
    """The TEI document: a header naming the sources, then the stand-off lists."""
    ET.register_namespace("", TEI)
    root = ET.Element(f"{{{TEI}}}TEI")
    root.append(_header(records.documents(db)))
    stand_off = ET.SubElement(root, f"{{{TEI}}}standOff")
    spellings = _spellings(records.names(db))
    stand_off.append(
        _list_of("listPerson", "person", "persName", records.entities(db, "person"),
                 spellings, base)
    )  # fmt: skip
    stand_off.append(
        _list_of("listOrg", "org", "orgName", records.entities(db, "org"),
                 spellings, base)
    )  # fmt: skip
    events = ET.SubElement(stand_off, f"{{{TEI}}}listEvent")
    for record in records.events(db):
        events.append(_event(record))
    relations = records.relations(db)
    if relations:
        holder = ET.SubElement(stand_off, f"{{{TEI}}}listRelation")
        for record in relations:
            holder.append(_relation(record))
    return root


def _el(
    parent: ET.Element, tag: str, text: str | None = None, **attrs: str
) -> ET.Element:
    element = ET.SubElement(parent, f"{{{TEI}}}{tag}", attrs)
    if text is not None:
        element.text = xml_text(text)
    return element


def _header(documents: list[Record]) -> ET.Element:
    header = ET.Element(f"{{{TEI}}}teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", "kartoteka: persons, events and relations with sources")
    publication = _el(file_desc, "publicationStmt")
    _el(publication, "p", f"Exported by kartoteka {__version__}.")
    bibls = _el(_el(file_desc, "sourceDesc"), "listBibl")
    for document in documents:
        bibl = _el(bibls, "bibl", **{XML_ID: xml_id(f"doc-{document['id']}")})
        _el(bibl, "title", document["title"] or document["file"])
        _el(bibl, "idno", document["file"], type="file")
    return header


def _spellings(names: list[Record]) -> dict[str, dict[str, list[str]]]:
    """Each card's spellings, in order of first use, with the spans of each."""
    found: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for record in names:
        found[record["entity"]].setdefault(record["name"], []).append(pointer(record))
    return found


def _list_of(
    tag: str,
    item: str,
    name_tag: str,
    entities: list[Record],
    spellings: dict[str, dict[str, list[str]]],
    base: str,
) -> ET.Element:
    """listPerson or listOrg: one entry per card, one name per spelling."""
    holder = ET.Element(f"{{{TEI}}}{tag}")
    for entity in entities:
        element = _el(holder, item, **{XML_ID: xml_id(entity["id"])})
        ref = f"{base}card/{quote(entity['id'])}"
        _el(element, name_tag, entity["name"], type="preferred", ref=ref)
        for spelling, spans in spellings[entity["id"]].items():
            _el(element, name_tag, spelling, ref=ref, source=" ".join(spans))
    return holder


def _dating(record: Record) -> dict[str, str]:
    date = record["date"]
    if not date:
        return {}
    if PLAIN_DATE.fullmatch(date):
        return {"when": date}
    dating = {"when-custom": date}
    if record["date_earliest"]:
        dating |= {
            "notBefore": record["date_earliest"],
            "notAfter": record["date_latest"],
        }
    return dating


def _event(record: Record) -> ET.Element:
    element = ET.Element(
        f"{{{TEI}}}event",
        {XML_ID: xml_id(f"event-{record['id']}"), "type": record["type"],
         "source": pointer(record), **_dating(record)},
    )  # fmt: skip
    _el(element, "label", record["type"])
    desc = _el(element, "desc")
    person = _el(desc, "persName", record["person_name"], role="subject")
    person.set("ref", f"#{xml_id(record['person'])}")
    if record["agent"]:
        agent = _el(desc, "name", record["agent_name"], role="agent")
        agent.set("ref", f"#{xml_id(record['agent'])}")
    if record["org"]:
        _el(desc, "orgName", record["org_name"], ref=f"#{xml_id(record['org'])}")
    if record["position"]:
        _el(desc, "roleName", record["position"])
    if record["place"]:
        _el(desc, "placeName", record["place"])
    _notes(element, record)
    return element


def _notes(element: ET.Element, record: Record) -> None:
    """The words of the source, how it puts them, and who it says states them."""
    evidence = _el(element, "note", type="evidence")
    _el(evidence, "quote", record["quote"], source=pointer(record))
    _el(element, "note", record["stance"], type="stance")
    if record.get("reporter"):
        _el(element, "note", record["reporter"], type="reporter")


def _relation(record: Record) -> ET.Element:
    a, b = f"#{xml_id(record['a'])}", f"#{xml_id(record['b'])}"
    ends = {"mutual": f"{a} {b}"} if record["type"] in SYMMETRIC else {
        "active": a, "passive": b}  # fmt: skip
    attrs = {"name": record["type"], **ends, "source": pointer(record)}
    dating = _dating(record)
    relation = ET.Element(f"{{{TEI}}}relation", attrs | dating)
    _el(relation, "desc", record["quote"])
    return relation


def write_tei(db: sqlite3.Connection, out: Path, base: str = BASE) -> None:
    write_tree(tei_tree(db, base), out)
