"""The shapes that hold on the union of the article graphs only, checked on the store.

``kg build`` validates article graphs a chunk at a time, in its workers
(:mod:`kg.build.work`): most shapes are about one article's own nodes.  Three are
about entities that many articles share, and hold or fail on the union only:

* ``kgsh:Entity-category``: one category per entity (one article could type a
  name a lecture group and another a programme);
* ``kgsh:Division-level``: one level per division;
* ``kgsh:Division-code``: one GB/T 2260 code per division.

They are left out of the chunks' pyshacl runs (:data:`kg.build.work.GLOBAL_SHAPES`) and
checked here, by the SPARQL queries beside this module, on the store once it
holds the build: Oxigraph answers them in seconds for a corpus pyshacl could not
hold in memory.  A violation reads as pyshacl's would: the shape's own
``sh:message``, the focus node, and the article graphs that state it.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.rdf.graph import bind_prefixes
from kg.rdf.resources import shapes_graph
from kg.rdf.validate import SHAPES, Violation

# shape local name -> (query file, path as pyshacl names it, the query selects ?value)
CHECKS = {
    "Entity-category": ("entity-category.rq", "rdf:type/rdfs:subClassOf*", False),
    "Division-level": ("division-level.rq", "rdf:type", False),
    "Division-code": ("division-code.rq", "kg:divisionCode", True),
}


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    return resources.files("kg.rdf").joinpath("checks", name).read_text("utf-8")


def message(shape: str) -> str:
    value = shapes_graph(shared=True).value(URIRef(SHAPES + shape), SH.message)
    return str(value) if value is not None else "constraint violated"


def check_store(store: ox.Store, limit: int = 1000) -> list[Violation]:
    """Violations of the union-only shapes in ``store`` (at most ``limit`` per shape)."""
    names = bind_prefixes(Graph()).namespace_manager
    out = []
    for shape, (query, path, has_value) in CHECKS.items():
        text = message(shape)
        for n, row in enumerate(store.query(query_text(query))):
            if n >= limit:
                break
            focus = row["focus"]
            graphs = [r["graph"] for r in store.query(query_text("holders.rq"),
                                                      substitutions={ox.Variable("focus"): focus})]
            value = row["value"] if has_value else None
            detail = f"{text} (value: {_short(names, value)})" if value is not None else text
            where = " ".join(sorted(_short(names, g) for g in graphs))
            out.append(Violation(_short(names, focus), path, detail, where))
    return sorted(out)


def _short(names, term) -> str:
    if isinstance(term, ox.NamedNode):
        try:
            return names.normalizeUri(URIRef(term.value))
        except Exception:
            return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return f'"{term.value}"'
    return str(term)
