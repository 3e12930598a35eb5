"""The union-only shapes checked on the store (kg.rdf.checks): they find what pyshacl
would find on the union, and their class lists are the ontology's."""
from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import RDFS, URIRef

from kg.build.work import GLOBAL_SHAPES
from kg.rdf.checks import CHECKS, check_store, message, query_text
from kg.rdf.resources import ontology_graph
from kg.rdf.validate import shapes_without

KG = "https://w3id.org/kg/ontology#"
ID = "https://w3id.org/kg/id/"


def store_of(*quads) -> ox.Store:
    store = ox.Store()
    for s, p, o, g in quads:
        obj = ox.Literal(o[1:]) if o.startswith("'") else ox.NamedNode(o)
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, ox.NamedNode(g)))
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, ox.DefaultGraph()))
    return store


def local(focus: str) -> str:
    return re.split(r"[/:]", focus.rstrip(">"))[-1]


TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
G1, G2 = ID + "graph/one", ID + "graph/two"


def test_an_entity_typed_two_ways_by_two_articles_is_a_violation():
    thing = ID + "entity/x"
    store = store_of((thing, TYPE, KG + "LectureGroup", G1), (thing, TYPE, KG + "Programme", G2),
                     (ID + "entity/y", TYPE, KG + "Programme", G2))
    found = check_store(store)
    assert len(found) == 1
    v = found[0]
    assert local(v.focus) == "x" and v.message == message("Entity-category")
    assert "one" in v.graph and "two" in v.graph  # both articles are named


def test_a_division_with_two_levels_or_two_codes_is_a_violation():
    div = ID + "division/110101"
    store = store_of((div, TYPE, KG + "District", G1), (div, TYPE, KG + "Township", G2),
                     (div, KG + "divisionCode", "'110101", G1),
                     (div, KG + "divisionCode", "'110102", G2),
                     (ID + "division/2", TYPE, KG + "City", G1),
                     (ID + "division/2", KG + "divisionCode", "'12ab", G1))
    shapes = sorted((v.path, local(v.focus)) for v in check_store(store))
    assert ("rdf:type", "110101") in shapes  # two levels
    assert shapes.count(("kg:divisionCode", "110101")) == 2  # both codes named
    assert ("kg:divisionCode", "2") in shapes  # not 6 or 12 digits


def test_a_store_that_conforms_has_no_violation():
    div = ID + "division/110101"
    store = store_of((div, TYPE, KG + "District", G1), (div, TYPE, KG + "District", G2),
                     (div, KG + "divisionCode", "'110101", G1), (div, KG + "divisionCode", "'110101", G2))
    assert check_store(store) == []


def test_the_class_lists_of_the_queries_are_the_ontology_s():
    onto = ontology_graph(shared=True)
    closure = {str(c)[len(KG):] for c in onto.transitive_subjects(RDFS.subClassOf, URIRef(KG + "Entity"))}
    text = query_text("entity-category.rq")
    listed = set(re.findall(r"\(kg:(\w+) (?:kg:\w+|UNDEF)\)", text))
    assert listed == closure
    for cls, category in re.findall(r"\(kg:(\w+) kg:(\w+)\)", text):
        assert URIRef(KG + category) in set(onto.transitive_objects(URIRef(KG + cls), RDFS.subClassOf))
    counted = set(re.findall(r"\(kg:(\w+) kg:\w+\)", query_text("entity-counts.rq")))
    assert counted == closure - {"Entity"}


def test_the_chunks_leave_out_exactly_the_shapes_checked_on_the_store():
    assert set(GLOBAL_SHAPES) == set(CHECKS)
    shapes = shapes_without(tuple(sorted(GLOBAL_SHAPES)))
    for name in GLOBAL_SHAPES:
        assert (URIRef("https://w3id.org/kg/shapes#" + name), None, None) not in shapes
    assert len(shapes) > 100  # the others are all there
