"""SPARQL over a loaded graph: kg's own queries (``queries/*.rq``) and yours.

kg's queries are files in ``kg/analysis/queries``, read with importlib.resources;
parameters are passed as bound variables (``initBindings``), never pasted into
query text.  Results come back as plain rows: ``list[dict[str, value]]`` with
RDF terms turned into Python values (IRIs as ``str``, literals via
``Literal.toPython()``, unbound as ``None``).  :func:`frame` turns rows into a
pandas DataFrame for notebooks (pandas is optional: it comes with the ``test`` extra).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.graph import Graph
from rdflib.term import Node

from kg.errors import KgError, QueryError
from kg.rdf.vocab import PREFIXES

Row = dict[str, Any]


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    """The text of kg's query ``name`` (``queries/{name}.rq``)."""
    files = resources.files("kg.analysis").joinpath("queries")
    path = files.joinpath(f"{name}.rq")
    if not path.is_file():
        known = sorted(p.name[:-3] for p in files.iterdir() if p.name.endswith(".rq"))
        raise QueryError(f"no query named {name!r}", hint=f"known queries: {', '.join(known)}")
    return path.read_text("utf-8")


def value(term: Node | None) -> Any:
    """An RDF term as a Python value: IRI -> str, literal -> its Python value, None -> None."""
    if term is None:
        return None
    if isinstance(term, Literal):
        py = term.toPython()
        return str(term) if isinstance(py, Literal) else py
    if isinstance(term, (URIRef, BNode)):
        return str(term)
    return str(term)


def select(graph: Graph, query: str, bindings: Mapping[str, Node] | None = None, *,
           raw: bool = False) -> list[Row]:
    """Run a SELECT ``query`` (text) on ``graph``; one dict per solution.

    ``bindings`` pre-binds variables (``{"entity": URIRef(...)}``): the safe way
    to pass values.  kg's prefixes (``kg:``, ``division:``, ``dcterms:`` ...) are
    predeclared.  ``raw=True`` keeps rdflib terms instead of Python values.
    """
    try:
        result = graph.query(query, initNs=PREFIXES, initBindings=dict(bindings or {}))
    except KgError:
        raise
    except Exception as exc:  # pyparsing and rdflib raise many types
        raise QueryError(f"the query failed: {exc}",
                         hint="check the SPARQL syntax; kg's prefixes are predeclared") from exc
    if result.type != "SELECT":
        raise QueryError(f"expected a SELECT query, got {result.type}",
                         hint="use graph.query() directly for ASK, CONSTRUCT or DESCRIBE")
    names = [str(v) for v in result.vars]
    convert = (lambda t: t) if raw else value
    return [{n: convert(row[i]) for i, n in enumerate(names)} for row in result]


def run(graph: Graph, name: str, bindings: Mapping[str, Node] | None = None, *,
        raw: bool = False) -> list[Row]:
    """Run kg's query ``name`` (``queries/{name}.rq``) with variables pre-bound."""
    return select(graph, query_text(name), bindings, raw=raw)


def frame(rows: Iterable[Mapping[str, Any]], columns: list[str] | None = None):
    """Rows (from :func:`select`, or a table of :mod:`kg.analysis`) as a pandas DataFrame."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise KgError("pandas is not installed",
                      hint="pip install pandas (it comes with pip install -e '.[test]')") from exc
    rows = list(rows)
    return pd.DataFrame(rows, columns=columns) if columns or rows else pd.DataFrame()


def saved(out_dir, name: str, **params: str):
    """A saved query's result (``kg query --list``) on ``OUT/store`` as a DataFrame: the
    call behind ``kg query NAME --param k=v``, for notebooks.  ``params`` take values as
    ``--param`` does (text, or an IRI in ``<...>``); numbers and dates come back typed.

    >>> saved("out", "division-programmes", division="辽宁省")  # doctest: +SKIP
    """
    from kg.query.engine import run_query
    from kg.query.saved import saved_query
    from kg.query.terms import param_term
    from kg.rdf.store import open_store

    query = saved_query(name)
    with open_store(out_dir) as store:
        result = run_query(store.store, query.text,
                           {k: param_term(v) for k, v in params.items()})
        rows = [{v: _python(t) for v, t in zip(result.variables, row)} for row in result.rows]
    return frame(rows, columns=list(result.variables))


def _python(term):
    """A pyoxigraph term as a Python value: numbers and dates typed, IRIs and text as str."""
    import pyoxigraph as ox

    from kg.query.terms import show
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        kind = term.datatype.value.rsplit("#", 1)[-1]
        try:
            if kind in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"):
                return int(term.value)
            if kind in ("decimal", "double", "float"):
                return float(term.value)
            if kind == "boolean":
                return term.value == "true"
            if kind == "date":
                from datetime import date
                return date.fromisoformat(term.value)
        except ValueError:
            pass
        return term.value
    return show(term)


__all__ = ["query_text", "select", "run", "frame", "saved", "value", "Row"]
