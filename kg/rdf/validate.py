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

Validating article by article would not do: entities are shared between articles,
and the shapes on them (one category, one level and one code per entity or
division) hold or fail on the union only.  :class:`UnionValidator` lets kg build
fill the scratch graph article by article instead of building a dataset first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, NamedTuple

from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Dataset, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.rdf.graph import bind_prefixes
from kg.rdf.resources import ontology_graph, shapes_graph

Triple = tuple[Node, Node, Node]


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


class UnionValidator:
    """The union of many graphs, validated in one pyshacl run, fed graph by graph.

    ``kg build`` adds each article's triples as it makes them (:meth:`add`), then
    calls :meth:`run` once: the same data, the same run and the same report as
    :func:`validate` of the dataset, without the dataset.  ``locate`` (given to
    :meth:`run`) finds the graphs holding the focus nodes of violations, if any.
    """

    def __init__(self, skip: tuple[str, ...] = ()) -> None:
        self._scratch: Graph | None = bind_prefixes(Graph())
        self._shapes = shapes_without(tuple(sorted(skip))) if skip else shapes_graph(shared=True)

    def add(self, triples: Iterable[Triple]) -> None:
        graph = self._scratch
        add = graph.store.add  # what Graph.add calls, without its per-triple checks
        for triple in triples:
            add(triple, graph)

    def run(self, *, inference: str = "none",
            locate: Callable[[list[Node]], dict] | None = None) -> ValidationReport:
        """Validate what was added (once: the scratch graph is let go of)."""
        scratch, self._scratch = self._scratch, None
        if scratch is None:
            raise RuntimeError("UnionValidator.run() was called twice")
        add = scratch.store.add
        for triple in ontology_graph(shared=True):
            add(triple, scratch)
        conforms, results, _ = shacl_validate(
            scratch, shacl_graph=self._shapes, inference=inference, inplace=True,
            abort_on_first=False, allow_warnings=False, advanced=False)
        del scratch
        if conforms:
            return ValidationReport(True, [])
        bind_prefixes(results)
        rows = []
        for result in results.subjects(RDF.type, SH.ValidationResult):
            focus = results.value(result, SH.focusNode)
            path = results.value(result, SH.resultPath)
            message = results.value(result, SH.resultMessage)
            value = results.value(result, SH.value)
            text = str(message) if message is not None else "constraint violated"
            if value is not None and value != focus:
                text += f" (value: {_short(results, value)})"
            rows.append((focus, _short(results, focus), _path(results, path), text))
        graphs = {} if locate is None else locate([f for f, *_ in rows if f is not None])
        violations = []
        for focus, short, path, text in rows:
            where = ""
            if locate is not None and focus is not None:
                where = " ".join(sorted(_short(results, g) for g in graphs.get(focus, ())))
            violations.append(Violation(short, path, text, where))
        violations.sort()
        return ValidationReport(False, violations)


SHAPES = "https://w3id.org/kg/shapes#"


@lru_cache(maxsize=4)
def shapes_without(names: tuple[str, ...]) -> Graph:
    """The shapes graph less the shapes named (``kgsh:`` local names), for checking a
    part of the data: shapes that hold on the union only are checked on the whole store
    instead (:mod:`kg.rdf.checks`).  Shared: do not modify it."""
    full = shapes_graph(shared=True)
    drop = {URIRef(SHAPES + n) for n in names}
    missing = [n for n in names if (URIRef(SHAPES + n), None, None) not in full]
    if missing:
        raise ValueError(f"no such shapes in ontology/shapes.ttl: {missing}")
    out = Graph()
    for triple in full:
        if triple[0] not in drop:
            out.add(triple)
    return out


def validate(graph: Graph | Dataset, *, inference: str = "none") -> ValidationReport:
    """Validate ``graph`` (one graph, or a dataset of article graphs) against the shapes.

    ``graph`` is not modified.  ``inference`` is pyshacl's option ("none",
    "rdfs", ...); see the module docstring for why the default is "none".
    """
    graphs: Iterable[Graph] = graph.graphs() if isinstance(graph, Dataset) else (graph,)
    checker = UnionValidator()
    for g in graphs:
        checker.add(g)
    locate = None
    if isinstance(graph, Dataset):
        def locate(nodes: list[Node]) -> dict:
            return {node: graphs_holding(graph, node) for node in nodes}
    return checker.run(inference=inference, locate=locate)


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


__all__ = ["validate", "UnionValidator", "ValidationReport", "Violation", "graphs_holding"]
