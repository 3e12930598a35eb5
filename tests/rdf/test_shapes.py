"""The SHACL shapes catch broken graphs: each case breaks one rule of a valid graph."""
from __future__ import annotations

from typing import Callable

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.errors import ValidationError
from kg.model import EntityType
from kg.rdf.graph import article_graph, build_dataset
from kg.rdf.iri import article_iri, entity_iri, graph_iri, mint
from kg.rdf.validate import ValidationReport, validate
from kg.rdf.vocab import KG

from tests.rdf.conftest import extraction_a, extraction_b

ART = article_iri("dir/a01.txt")
LIAOZHONG = mint("division", "210115")
SUPERMARKET = mint("programme", "理论超市")
SCHOOL = entity_iri((EntityType.ORGANIZATION, "区委党校"))
EDITOR = mint("person", "李进媛")


@pytest.fixture(scope="module")
def valid() -> Graph:
    g = article_graph(extraction_a())
    assert validate(g).conforms
    return g


def a_mention(g: Graph) -> URIRef:
    return min(g.subjects(RDF.type, KG.Mention))


def a_sentence(g: Graph) -> URIRef:
    return min(g.subjects(RDF.type, KG.Sentence))


def an_assertion(g: Graph) -> URIRef:
    return min(g.subjects(RDF.type, KG.Assertion))


def setv(g: Graph, s, p, o) -> None:
    g.set((s, p, o))


Mutation = Callable[[Graph], None]
CASES: dict[str, tuple[Mutation, str]] = {
    # entities
    "entity without label": (lambda g: g.remove((SUPERMARKET, RDFS.label, None)), "rdfs:label"),
    "label not tagged zh": (lambda g: setv(g, SUPERMARKET, RDFS.label, Literal("理论超市")), "tagged @zh"),
    "label tagged en": (lambda g: setv(g, SUPERMARKET, RDFS.label, Literal("x", lang="en")), "tagged @zh"),
    "entity with two categories": (lambda g: g.add((SUPERMARKET, RDF.type, KG.Organization)),
                                   "exactly one of"),
    "division that is also a person": (lambda g: g.add((LIAOZHONG, RDF.type, KG.Person)),
                                       "exactly one of"),
    "entity with no category": (lambda g: setv(g, SUPERMARKET, RDF.type, KG.Entity), "exactly one of"),
    "division with two levels": (lambda g: g.add((LIAOZHONG, RDF.type, KG.City)), "at most one level"),
    "division code of 5 digits": (lambda g: setv(g, LIAOZHONG, KG.divisionCode, Literal("21011")),
                                  "6 or 12 digits"),
    "division code of 7 digits": (lambda g: setv(g, LIAOZHONG, KG.divisionCode, Literal("2101150")),
                                  "6 or 12 digits"),
    "division code with letters": (lambda g: setv(g, LIAOZHONG, KG.divisionCode, Literal("21O115")),
                                   "6 or 12 digits"),
    "division code as integer": (lambda g: setv(g, LIAOZHONG, KG.divisionCode, Literal(210115)),
                                 "6 or 12 digits"),
    "two division codes": (lambda g: g.add((LIAOZHONG, KG.divisionCode, Literal("210116"))),
                           "at most one kg:divisionCode"),
    "code on a programme": (lambda g: g.add((SUPERMARKET, KG.divisionCode, Literal("210115"))),
                            "only an administrative division"),
    "partOf an organisation": (lambda g: setv(g, LIAOZHONG, KG.partOf, SCHOOL),
                               "points to an administrative division"),
    "partOf from a programme": (lambda g: g.add((SUPERMARKET, KG.partOf, LIAOZHONG)),
                                "only an administrative division"),
    # relations
    "runs from a person": (lambda g: g.add((EDITOR, KG.runs, SUPERMARKET)), "subject of kg:runs"),
    "runs a slogan": (lambda g: g.add((LIAOZHONG, KG.runs, mint("slogan", "四位一体"))),
                      "points to a programme or a lecture group"),
    "promotes a programme": (lambda g: g.add((LIAOZHONG, KG.promotes, SUPERMARKET)),
                             "points to a slogan"),
    "holdsPost from a division": (lambda g: g.add((LIAOZHONG, KG.holdsPost, SCHOOL)),
                                  "subject of kg:holdsPost"),
    "assertion of a non-relation": (lambda g: setv(g, an_assertion(g), RDF.predicate, KG.mentions),
                                    "relation properties"),
    "assertion without object": (lambda g: g.remove((an_assertion(g), RDF.object, None)),
                                 "rdf:object"),
    # mentions and spans
    "mention with start > end": (lambda g: setv(g, a_mention(g), KG.start, Literal(10_000)), "<= kg:end"),
    "mention with negative start": (lambda g: setv(g, a_mention(g), KG.start, Literal(-1)), ">= 0"),
    "start as a string": (lambda g: setv(g, a_mention(g), KG.start, Literal("0")), "xsd:integer"),
    "original start > original end": (lambda g: setv(g, a_sentence(g), KG.originalStart, Literal(10_000)),
                                      "<= kg:originalEnd"),
    "mention without end": (lambda g: g.remove((a_mention(g), KG.end, None)), "kg:end"),
    "mention without refersTo": (lambda g: g.remove((a_mention(g), KG.refersTo, None)), "kg:refersTo"),
    "mention with two refersTo": (lambda g: g.add((a_mention(g), KG.refersTo, SUPERMARKET)), "kg:refersTo"),
    "mention refers to an untyped node": (lambda g: setv(g, a_mention(g), KG.refersTo,
                                                         URIRef("https://example.org/x")), "kg:refersTo"),
    "mention without sentence": (lambda g: g.remove((a_mention(g), KG.inSentence, None)), "kg:inSentence"),
    "sentence without article": (lambda g: g.remove((a_sentence(g), KG.inArticle, None)), "kg:inArticle"),
    "sentence without original offsets": (lambda g: g.remove((a_sentence(g), KG.originalEnd, None)),
                                          "kg:originalEnd"),
    "mention with half its original range": (
        lambda g: g.add((a_mention(g), KG.originalStart, Literal(3))), "kg:originalEnd"),
    "mention in two articles": (lambda g: g.addN((a_mention(g), KG.inArticle, a, g) for a in
                                                 (ART, URIRef(str(ART) + "x"))), "kg:inArticle"),
    "sentence without text": (lambda g: g.remove((a_sentence(g), KG.text, None)), "kg:text"),
    "sentence without index": (lambda g: g.remove((a_sentence(g), KG.index, None)), "kg:index"),
    # articles
    "article without file name": (lambda g: g.remove((ART, KG.fileName, None)), "kg:fileName"),
    "article with two file names": (lambda g: g.add((ART, KG.fileName, Literal("b.txt"))), "kg:fileName"),
    "file name with a folder": (lambda g: setv(g, ART, KG.fileName, Literal("dir/a01.txt")), "kg:fileName"),
    "article without identifier": (lambda g: g.remove((ART, DCTERMS.identifier, None)), "dcterms:identifier"),
    "article with two titles": (lambda g: g.add((ART, DCTERMS.title, Literal("又一个", lang="zh"))),
                                "dcterms:title"),
    "issued as a plain string": (lambda g: setv(g, ART, DCTERMS.issued, Literal("2022-03-10")),
                                 "xsd:date or xsd:dateTime"),
    "mentions an untyped node": (lambda g: g.add((ART, KG.mentions, URIRef("https://example.org/x"))),
                                 "kg:mentions"),
    "mentions a literal": (lambda g: g.add((ART, KG.mentions, Literal("辽中区"))), "kg:mentions"),
    "editor not a person": (lambda g: g.add((ART, KG.editor, SCHOOL)), "kg:Person"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_violation_is_caught(valid: Graph, case: str) -> None:
    mutate, expected = CASES[case]
    g = Graph()
    g += valid
    mutate(g)
    report = validate(g)
    assert not report.conforms, f"{case}: not caught"
    assert report.count == len(report.violations) >= 1
    assert any(expected in str(v) for v in report.violations), f"{case}: {report}"


def test_violations_are_readable(valid: Graph) -> None:
    g = Graph()
    g += valid
    g.remove((SUPERMARKET, RDFS.label, None))
    report = validate(g)
    (v,) = report.violations
    assert v.focus == "programme:c39820045c176756"
    assert v.path == "rdfs:label"
    assert "at least one rdfs:label" in v.message
    assert str(v).startswith("programme:c39820045c176756 rdfs:label: ")
    with pytest.raises(ValidationError, match="1 violation"):
        report.raise_for_violations()


def test_dataset_violations_name_their_graphs() -> None:
    ds = build_dataset([extraction_a(), extraction_b()])
    ds.graph(graph_iri("b02.txt")).remove((SUPERMARKET, RDFS.label, None))
    assert validate(ds).conforms  # article a01's graph still labels it: the union is fine
    ds.graph(graph_iri("b02.txt")).add((SUPERMARKET, RDF.type, KG.Slogan))
    report = validate(ds)
    assert not report.conforms
    both = " ".join(sorted("kggraph:" + str(graph_iri(a)).rsplit("/", 1)[1]
                           for a in ("dir/a01.txt", "b02.txt")))
    assert {v.graph for v in report.violations} == {both}


def test_validation_does_not_touch_the_input(valid: Graph) -> None:
    before = set(valid)
    validate(valid)
    assert set(valid) == before


def test_conforming_report() -> None:
    report = ValidationReport(True)
    assert report.count == 0 and "conforms" in str(report)
    report.raise_for_violations()  # no error


def test_complex_paths_read_as_sparql(valid: Graph) -> None:
    g = Graph()
    g += valid
    g.add((SUPERMARKET, RDF.type, KG.Organization))
    g.add((ART, KG.author, SCHOOL))
    paths = {v.path for v in validate(g).violations}
    assert paths == {"rdf:type/rdfs:subClassOf*", "(kg:editor|kg:author)"}


def test_why_validation_runs_without_rdfs_inference(valid: Graph) -> None:
    """Range inference would type the bad object as a division and hide the error."""
    g = Graph()
    g += valid
    stray = URIRef("https://example.org/untyped")
    g.add((stray, RDFS.label, Literal("某地", lang="zh")))
    g.set((LIAOZHONG, KG.partOf, stray))
    assert not validate(g).conforms
    assert validate(g, inference="rdfs").conforms
