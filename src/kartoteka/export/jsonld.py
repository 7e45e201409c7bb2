"""`--format jsonld`: persons, events and relations as CIDOC-CRM linked data.

Each statement (an event or a relation) is the body of a W3C Web Annotation
whose target is its span in the source: a TextPositionSelector with the
character offsets and a TextQuoteSelector with the words. IRIs are relative to
`base`, by default the address `kartoteka serve` answers at, so a person's IRI
is the page of its card and a document's the page of its text.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from kartoteka.export import DEFAULT_BASE as BASE
from kartoteka.export import records
from kartoteka.export.records import DEATHS, Record

BIRTHS = ("born",)

Node = dict[str, Any]


def context(base: str) -> dict[str, Any]:
    """The inline context: no term needs a fetch to be understood."""
    return {
        "@base": base,
        "crm": "http://www.cidoc-crm.org/cidoc-crm/",
        "oa": "http://www.w3.org/ns/oa#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "dcterms": "http://purl.org/dc/terms/",
        "kt": f"{base}vocab#",
        "oa:start": {"@type": "xsd:nonNegativeInteger"},
        "oa:end": {"@type": "xsd:nonNegativeInteger"},
        "crm:P82a_begin_of_the_begin": {"@type": "xsd:date"},
        "crm:P82b_end_of_the_end": {"@type": "xsd:date"},
        "oa:hasSource": {"@type": "@id"},
        "oa:hasBody": {"@type": "@id"},
        "oa:motivatedBy": {"@type": "@id"},
        "crm:P2_has_type": {"@type": "@id"},
        "crm:P11_had_participant": {"@type": "@id"},
        "crm:P12_occurred_in_the_presence_of": {"@type": "@id"},
        "crm:P14_carried_out_by": {"@type": "@id"},
        "crm:P98_brought_into_life": {"@type": "@id"},
        "crm:P100_was_death_of": {"@type": "@id"},
        "crm:P140_assigned_attribute_to": {"@type": "@id"},
        "crm:P141_assigned": {"@type": "@id"},
        "crm:P177_assigned_property_of_type": {"@type": "@id"},
    }


def jsonld_document(db: sqlite3.Connection, base: str = BASE) -> dict[str, Any]:
    """The knowledge base as one JSON-LD document with a flat `@graph`."""
    events = records.events(db)
    relations = records.relations(db)
    kinds = sorted({r["type"] for r in events} | {r["type"] for r in relations})
    graph: list[Node] = [
        *(_document(r) for r in records.documents(db)),
        *(_actor(r, "crm:E21_Person") for r in records.entities(db, "person")),
        *(_actor(r, "crm:E74_Group") for r in records.entities(db, "org")),
        *(
            {"@id": f"type/{k}", "@type": "crm:E55_Type", "rdfs:label": k}
            for k in kinds
        ),
    ]
    for event in events:
        graph += [_event(event), _annotation(f"event/{event['id']}", event)]
    for relation in relations:
        graph += [
            _relation(relation),
            _annotation(f"relation/{relation['id']}", relation),
        ]
    return {"@context": context(base), "@graph": graph}


def _document(record: Record) -> Node:
    return {
        "@id": f"doc/{record['id']}",
        "@type": "crm:E33_Linguistic_Object",
        "rdfs:label": record["title"] or record["file"],
        "dcterms:identifier": record["file"],
        "dcterms:language": record["languages"].split(),
    }


def _actor(record: Record, kind: str) -> Node:
    return {
        "@id": f"card/{record['id']}",
        "@type": kind,
        "rdfs:label": record["name"],
        "crm:P1_is_identified_by": [
            {"@type": "crm:E41_Appellation", "crm:P190_has_symbolic_content": name}
            for name in record["names"].split("; ")
            if name
        ],
    }


def _time_span(record: Record) -> Node | None:
    if not record["date"]:
        return None
    span: Node = {"@type": "crm:E52_Time-Span", "rdfs:label": record["date"]}
    if record["date_earliest"]:
        span["crm:P82a_begin_of_the_begin"] = record["date_earliest"]
        span["crm:P82b_end_of_the_end"] = record["date_latest"]
    return span


def _event(record: Record) -> Node:
    kind = record["type"]
    person = f"card/{record['person']}"
    node: Node = {
        "@id": f"event/{record['id']}",
        "@type": _event_class(kind),
        "rdfs:label": f"{record['person_name']}: {kind}",
        "crm:P2_has_type": f"type/{kind}",
        "crm:P11_had_participant": person,
    }
    if kind in BIRTHS:
        node["crm:P98_brought_into_life"] = person
    if kind in DEATHS:
        node["crm:P100_was_death_of"] = person
    if record["agent"]:
        node["crm:P14_carried_out_by"] = f"card/{record['agent']}"
    if record["org"]:
        node["crm:P12_occurred_in_the_presence_of"] = f"card/{record['org']}"
    if record["place"]:
        node["crm:P7_took_place_at"] = {
            "@type": "crm:E53_Place",
            "rdfs:label": record["place"],
        }
    if record["position"]:
        node["kt:position"] = record["position"]
    if span := _time_span(record):
        node["crm:P4_has_time-span"] = span
    return node


def _event_class(kind: str) -> str:
    if kind in BIRTHS:
        return "crm:E67_Birth"
    return "crm:E69_Death" if kind in DEATHS else "crm:E5_Event"


def _relation(record: Record) -> Node:
    """A relation as the CRM's attribute assignment: a stated tie, not a fact."""
    node: Node = {
        "@id": f"relation/{record['id']}",
        "@type": "crm:E13_Attribute_Assignment",
        "rdfs:label": f"{record['a_name']} {record['type']} {record['b_name']}",
        "crm:P140_assigned_attribute_to": f"card/{record['a']}",
        "crm:P141_assigned": f"card/{record['b']}",
        "crm:P177_assigned_property_of_type": f"type/{record['type']}",
    }
    if span := _time_span(record):
        node["crm:P4_has_time-span"] = span
    return node


def _annotation(body: str, record: Record) -> Node:
    """The statement's provenance: the source, the span, the words, the stance."""
    node: Node = {
        "@id": f"annotation/{body}",
        "@type": "oa:Annotation",
        "oa:motivatedBy": "oa:describing",
        "oa:hasBody": body,
        "oa:hasTarget": {
            "@type": "oa:SpecificResource",
            "oa:hasSource": f"doc/{record['document']}",
            "oa:hasSelector": [
                {
                    "@type": "oa:TextPositionSelector",
                    "oa:start": record["start"],
                    "oa:end": record["end"],
                },
                {"@type": "oa:TextQuoteSelector", "oa:exact": record["quote"]},
            ],
        },
        "kt:stance": record["stance"],
    }
    if record.get("reporter"):
        node["kt:reporter"] = record["reporter"]
    return node


def write_jsonld(db: sqlite3.Connection, out: Path, base: str = BASE) -> None:
    document = jsonld_document(db, base)
    out.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
