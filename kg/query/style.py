"""Colours and names of the entity types, shared by kg serve's entity pages, the report plots
and the HTML views (here, in the lowest layer that draws: analysis and viz import it).

Colours are the Okabe–Ito palette (distinguishable with the common colour-vision
deficiencies); names come from the ontology's ``rdfs:label`` (zh and en).
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import RDFS

from kg.rdf.resources import ontology_graph
from kg.rdf.vocab import KG

TYPE_COLORS: dict[str, str] = {
    "AdministrativeDivision": "#0072B2",
    "Organization": "#E69F00",
    "LectureGroup": "#009E73",
    "Programme": "#CC79A7",
    "Slogan": "#D55E00",
    "Person": "#56B4E9",
    "Article": "#999999",
    "Entity": "#777777",
}
"""Type -> colour (CSS hex)."""


@lru_cache(maxsize=None)
def type_names(type_: str) -> tuple[str, str]:
    """(Chinese, English) name of an entity type or division level, from the ontology."""
    if type_ == "Article":
        return ("文章", "article")
    try:
        cls = KG[type_]
    except AttributeError:
        return (type_, type_)
    zh = en = None
    for label in ontology_graph(shared=True).objects(cls, RDFS.label):
        if isinstance(label, Literal) and label.language == "zh":
            zh = str(label)
        elif isinstance(label, Literal) and label.language == "en":
            en = str(label)
    return (zh or type_, en or type_)


def type_label(type_: str) -> str:
    """``行政区划 administrative division``: the name shown in legends."""
    zh, en = type_names(type_)
    return f"{zh} {en}"


def color(type_: str) -> str:
    return TYPE_COLORS.get(type_, TYPE_COLORS["Entity"])


__all__ = ["TYPE_COLORS", "type_names", "type_label", "color"]
