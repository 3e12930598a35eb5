"""The terms of ``ontology/kg.ttl``, mirrored for Python.

The ontology is the source of truth; ``tests/rdf/test_ontology.py`` fails when
a term is declared in one and not the other.  Code never spells a kg IRI out:
it says ``KG.Article``, ``KG.partOf`` (an unknown name raises AttributeError).
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.model import DivisionLevel, EntityType

ONTOLOGY = URIRef("https://w3id.org/kg/ontology")
ID_BASE = "https://w3id.org/kg/id/"


class KG(DefinedNamespace):
    """The kg ontology namespace ``https://w3id.org/kg/ontology#``."""

    _NS = Namespace("https://w3id.org/kg/ontology#")
    _fail = True

    # Classes: articles and text
    Article: URIRef
    TextSpan: URIRef
    Sentence: URIRef
    Evidence: URIRef
    Mention: URIRef
    Assertion: URIRef
    # Classes: entities
    Entity: URIRef
    AdministrativeDivision: URIRef
    Province: URIRef
    City: URIRef
    District: URIRef
    Township: URIRef
    Village: URIRef
    Organization: URIRef
    LectureGroup: URIRef
    Programme: URIRef
    Slogan: URIRef
    Person: URIRef
    # Article properties
    mentions: URIRef
    editor: URIRef
    author: URIRef
    fileName: URIRef
    sourceName: URIRef
    channel: URIRef
    duplicateOf: URIRef
    # Entity properties
    divisionCode: URIRef
    partOf: URIRef
    # Relations between entities
    runs: URIRef
    coOrganizes: URIRef
    belongsTo: URIRef
    promotes: URIRef
    holdsPost: URIRef
    participatesIn: URIRef
    # Figures, attributes and qualifiers
    Figure: URIRef
    figureOf: URIRef
    value: URIRef
    unit: URIRef
    approximate: URIRef
    counts: URIRef
    since: URIRef
    post: URIRef
    year: URIRef
    # Evidence properties
    refersTo: URIRef
    inArticle: URIRef
    inSentence: URIRef
    surface: URIRef
    extractor: URIRef
    start: URIRef
    end: URIRef
    originalStart: URIRef
    originalEnd: URIRef
    text: URIRef
    index: URIRef


CLASS_OF: dict[EntityType, URIRef] = {
    EntityType.DIVISION: KG.AdministrativeDivision,
    EntityType.ORGANIZATION: KG.Organization,
    EntityType.LECTURE_GROUP: KG.LectureGroup,
    EntityType.PROGRAMME: KG.Programme,
    EntityType.SLOGAN: KG.Slogan,
    EntityType.PERSON: KG.Person,
}
"""The category class of each entity type (one of the six)."""

LEVEL_CLASS: dict[DivisionLevel, URIRef] = {
    DivisionLevel.PROVINCE: KG.Province,
    DivisionLevel.CITY: KG.City,
    DivisionLevel.DISTRICT: KG.District,
    DivisionLevel.TOWNSHIP: KG.Township,
    DivisionLevel.VILLAGE: KG.Village,
}
"""The subclass of kg:AdministrativeDivision for each level."""

RELATIONS: dict[str, URIRef] = {
    name: KG[name] for name in
    ("partOf", "runs", "coOrganizes", "belongsTo", "promotes", "holdsPost", "participatesIn")
}
"""``Relation.predicate`` (a local name) -> the property it states."""

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "division": ID_BASE + "division/",
    "organization": ID_BASE + "organization/",
    "lecturegroup": ID_BASE + "lecture-group/",
    "programme": ID_BASE + "programme/",
    "slogan": ID_BASE + "slogan/",
    "person": ID_BASE + "person/",
    "article": ID_BASE + "article/",
    "kggraph": ID_BASE + "graph/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
}
"""Prefixes bound on every graph kg writes."""

ATTRIBUTES: dict[str, URIRef] = {"since": KG.since}
"""Literal-valued facts (:class:`~kg.model.Attribute`) by predicate name."""

__all__ = ["ATTRIBUTES", "KG", "ONTOLOGY", "ID_BASE", "CLASS_OF", "LEVEL_CLASS", "RELATIONS", "PREFIXES"]
