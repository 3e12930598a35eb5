"""The ontology and the shapes parse, are documented, and agree with kg/rdf/vocab.py."""
from __future__ import annotations

import re

import pytest
from pyshacl import validate as shacl_validate
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.collection import Collection

from kg.errors import OntologyError
from kg.model import DivisionLevel, EntityType
from kg.rdf import resources
from kg.rdf.vocab import CLASS_OF, KG, LEVEL_CLASS, ONTOLOGY, RELATIONS

NS = str(KG._NS)
DECLARING = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return resources.ontology_graph()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return resources.shapes_graph()


def declared(g: Graph) -> set[URIRef]:
    return {s for t in DECLARING for s in g.subjects(RDF.type, t)
            if isinstance(s, URIRef) and str(s).startswith(NS)}


def used(g: Graph) -> set[URIRef]:
    return {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}


def test_ontology_and_shapes_parse(onto: Graph, shapes: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    assert len(onto) > 200 and len(shapes) > 100


def test_ontology_folder_is_found_through_the_package() -> None:
    import kg
    from pathlib import Path
    assert resources.ontology_dir() == Path(kg.__file__).parent / "ontology"
    assert (resources.ontology_dir() / "kg.ttl").is_file()


def test_missing_ontology_folder_is_an_ontology_error(monkeypatch, tmp_path) -> None:
    import kg
    monkeypatch.setattr(kg, "__file__", str(tmp_path / "kg" / "__init__.py"))
    resources._parsed.cache_clear()
    try:
        with pytest.raises(OntologyError, match="ontology folder is missing"):
            resources.ontology_graph()
    finally:
        monkeypatch.undo()
        resources._parsed.cache_clear()


def test_unreadable_ontology_is_an_ontology_error(monkeypatch, tmp_path) -> None:
    (tmp_path / "kg.ttl").write_text("this is not turtle .", encoding="utf-8")
    monkeypatch.setattr(resources, "ontology_dir", lambda: tmp_path)
    resources._parsed.cache_clear()
    try:
        with pytest.raises(OntologyError, match="not readable Turtle"):
            resources.ontology_graph()
    finally:
        monkeypatch.undo()
        resources._parsed.cache_clear()


@pytest.mark.parametrize("prop", [RDFS.label, RDFS.comment])
def test_every_term_has_chinese_and_english_label_and_comment(onto: Graph, prop) -> None:
    missing = []
    for term in sorted(declared(onto) | {ONTOLOGY}):
        langs = {o.language for o in onto.objects(term, prop) if isinstance(o, Literal)}
        if not {"zh", "en"} <= langs:
            missing.append(f"{term} {prop} has {sorted(map(str, langs))}")
    assert not missing, "\n".join(missing)


def test_every_kg_term_used_is_declared(onto: Graph, shapes: Graph) -> None:
    assert used(onto) <= declared(onto), used(onto) - declared(onto)
    assert used(shapes) <= declared(onto), used(shapes) - declared(onto)


def test_vocab_mirrors_the_ontology_both_ways(onto: Graph) -> None:
    in_python = {KG[name] for name in KG.__annotations__}
    in_ontology = declared(onto)
    assert in_ontology - in_python == set(), "declared in kg.ttl, missing from vocab.py"
    assert in_python - in_ontology == set(), "in vocab.py, not declared in kg.ttl"


def test_every_property_has_domain_and_range_and_one_kind(onto: Graph) -> None:
    for term in declared(onto):
        kinds = set(onto.objects(term, RDF.type)) & DECLARING
        assert len(kinds) == 1, f"{term} is declared as {kinds}"
        if kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}:
            assert onto.value(term, RDFS.domain) is not None, f"{term} has no domain"
            assert onto.value(term, RDFS.range) is not None, f"{term} has no range"


def test_entity_categories_and_levels_match_the_model(onto: Graph) -> None:
    assert {str(c).removeprefix(NS) for c in CLASS_OF.values()} == {t.value for t in EntityType}
    assert all(str(CLASS_OF[t]).endswith("#" + t.value) for t in EntityType)
    assert all(str(LEVEL_CLASS[lv]).endswith("#" + lv.value) for lv in DivisionLevel)
    for cls in CLASS_OF.values():
        assert (cls, RDFS.subClassOf, KG.Entity) in onto
    for cls in LEVEL_CLASS.values():
        assert (cls, RDFS.subClassOf, KG.AdministrativeDivision) in onto


def disjoint_sets(onto: Graph) -> list[set]:
    return [set(Collection(onto, onto.value(node, OWL.members)))
            for node in onto.subjects(RDF.type, OWL.AllDisjointClasses)]


def test_categories_and_levels_are_declared_disjoint(onto: Graph) -> None:
    sets = disjoint_sets(onto)
    assert set(CLASS_OF.values()) in sets
    assert set(LEVEL_CLASS.values()) in sets


def test_relations_are_object_properties_and_partof_is_not_transitive(onto: Graph) -> None:
    for prop in RELATIONS.values():
        assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert (KG.partOf, RDF.type, OWL.TransitiveProperty) not in onto


@pytest.mark.parametrize("name", sorted(RELATIONS))
def test_every_relation_has_an_example_sentence(onto: Graph, name: str) -> None:
    examples = [o for o in onto.objects(RELATIONS[name], SKOS.example) if isinstance(o, Literal)]
    assert examples, f"kg:{name} has no skos:example"
    # the example quotes Chinese text and names the relation it shows
    assert any(re.search(r"[\u4e00-\u9fff]", str(e)) and name in str(e) for e in examples)


def test_shapes_are_well_formed_shacl(shapes: Graph) -> None:
    conforms, _, text = shacl_validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text
