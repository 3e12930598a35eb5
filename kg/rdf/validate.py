"""SHACL validation of kg graphs against ``ontology/shapes.ttl``.

The data is copied, with the ontology, into one scratch graph that pyshacl
validates in place: ``sh:targetClass``/``sh:class`` then follow
``rdfs:subClassOf`` without any inference.  RDFS inference is off by default:
it is not needed for subclass targets, it is the slow part, and domain/range
inference would *type* a wrong ``kg:partOf`` object as a division and so hide
the very error the shapes look for.  ``inference="rdfs"`` remains available.

A :class:`~rdflib.Dataset` is validated as the union of its graphs (constraints
such as "one level per division" span articles), in one pyshacl run: per-graph
runs cost ~2.5x more on 200 articles because of pyshacl's fixed cost per run.
Each violation then names the graphs that hold its focus node.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Dataset, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.rdf.graph import bind_prefixes
from kg.rdf.resources import ontology_graph, shapes_graph


class Violation(NamedTuple):
    """One SHACL result, as readable strings."""

    focus: str  # the offending node
    path: str  # the property (empty for node-level constraints)
    message: str
    graph: str = ""  # the named graph(s) holding the focus node, when a dataset was validated

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        text = f"{where}: {self.message}"
        return f"{text}  [in {self.graph}]" if self.graph else text


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.violations)

    def __str__(self) -> str:
        if self.conforms:
            return "graph conforms to the kg shapes"
        lines = [f"{self.count} SHACL violation(s):"] + [f"  {v}" for v in self.violations]
        return "\n".join(lines)

    def raise_for_violations(self, limit: int = 20) -> None:
        """Raise :class:`ValidationError` listing the first ``limit`` violations."""
        if self.conforms:
            return
        shown = "\n".join(f"  {v}" for v in self.violations[:limit])
        more = f"\n  ... and {self.count - limit} more" if self.count > limit else ""
        raise ValidationError(f"the graph does not conform to ontology/shapes.ttl "
                              f"({self.count} violation(s)):\n{shown}{more}",
                              hint="these are bugs in kg; please report them with the input")


def validate(graph: Graph | Dataset, *, inference: str = "none") -> ValidationReport:
    """Validate ``graph`` (one graph, or a dataset of article graphs) against the shapes.

    ``graph`` is not modified.  ``inference`` is pyshacl's option ("none",
    "rdfs", ...); see the module docstring for why the default is "none".
    """
    graphs: Iterable[Graph] = graph.graphs() if isinstance(graph, Dataset) else (graph,)
    scratch = bind_prefixes(Graph())
    for g in (*graphs, ontology_graph(shared=True)):
        for triple in g:
            scratch.add(triple)
    conforms, results, _ = shacl_validate(
        scratch, shacl_graph=shapes_graph(shared=True), inference=inference, inplace=True,
        abort_on_first=False, allow_warnings=False, advanced=False)
    if conforms:
        return ValidationReport(True, [])
    bind_prefixes(results)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        text = str(message) if message is not None else "constraint violated"
        if value is not None and value != focus:
            text += f" (value: {_short(results, value)})"
        where = ""
        if isinstance(graph, Dataset) and focus is not None:
            where = " ".join(sorted(_short(results, g) for g in graphs_holding(graph, focus)))
        violations.append(Violation(_short(results, focus), _path(results, path), text, where))
    violations.sort()
    return ValidationReport(False, violations)


def graphs_holding(dataset: Dataset, node: Node) -> set[URIRef]:
    """The named graphs in which ``node`` is a subject."""
    return {getattr(c, "identifier", c) for *_, c in dataset.quads((node, None, None, None))}


_PATH_SUFFIX = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


def _path(graph: Graph, path: Node | None) -> str:
    """A SHACL property path in SPARQL syntax (``rdf:type/rdfs:subClassOf*``)."""
    if not isinstance(path, BNode):
        return _short(graph, path)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path(graph, step) for step in Collection(graph, path))
    for prop, suffix in _PATH_SUFFIX.items():
        inner = graph.value(path, prop)
        if inner is not None:
            return _path(graph, inner) + suffix
    if (inner := graph.value(path, SH.inversePath)) is not None:
        return "^" + _path(graph, inner)
    if (inner := graph.value(path, SH.alternativePath)) is not None:
        return "(" + "|".join(_path(graph, step) for step in Collection(graph, inner)) + ")"
    return "(path)"


def _short(graph: Graph, term: Node | None) -> str:
    """A term as a reader wants it: prefixed name where possible."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:  # a term no prefix can abbreviate
            return f"<{term}>"
    return term.n3(graph.namespace_manager)


__all__ = ["validate", "ValidationReport", "Violation", "graphs_holding"]
