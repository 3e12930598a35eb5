"""Finding and loading the ontology and the SHACL shapes.

``kg/ontology`` is a symlink to the repository's ``ontology/`` folder, so an
editable install finds it next to the package; :func:`ontology_dir` is the one
place that knows this.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

import kg
from kg.errors import OntologyError

ONTOLOGY_FILE = "kg.ttl"
SHAPES_FILE = "shapes.ttl"


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl`` and ``shapes.ttl``."""
    folder = Path(kg.__file__).parent / "ontology"
    if not folder.is_dir():
        raise OntologyError("the ontology folder is missing", path=folder,
                            hint="install kg with 'pip install -e .' from the repository, "
                                 "or restore the symlink kg/ontology -> ../ontology")
    return folder


@lru_cache(maxsize=None)
def _parsed(name: str) -> Graph:
    path = ontology_dir() / name
    if not path.is_file():
        raise OntologyError(f"{name} is missing from the ontology folder", path=path,
                            hint="restore it from version control")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types on bad Turtle
        raise OntologyError(f"{name} is not readable Turtle: {exc}", path=path,
                            hint="fix the syntax error; 'rapper -i turtle' or rdflib shows where") from exc
    return graph


def ontology_graph(*, shared: bool = False) -> Graph:
    """The ontology (``kg.ttl``).  ``shared=True`` returns the cached graph: do not modify it."""
    graph = _parsed(ONTOLOGY_FILE)
    return graph if shared else _copy(graph)


def shapes_graph(*, shared: bool = False) -> Graph:
    """The SHACL shapes (``shapes.ttl``).  ``shared=True`` returns the cached graph: do not modify it."""
    graph = _parsed(SHAPES_FILE)
    return graph if shared else _copy(graph)


def _copy(graph: Graph) -> Graph:
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True)
    out += graph
    return out


__all__ = ["ontology_dir", "ontology_graph", "shapes_graph", "ONTOLOGY_FILE", "SHAPES_FILE"]
