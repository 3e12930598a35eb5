"""Running a SPARQL query on the store: parameters, limits, and one result type.

:func:`run_query` is the function behind ``kg query`` and ``kg serve``.  The
store's default graph is the union of the article graphs, each triple once (as
in ``graph.ttl``; see :mod:`kg.rdf.store`); ``GRAPH ?g`` reaches each article's
own graph.  kg's prefixes (``kg:``, ``rdfs:``, ``dcterms:``, ``division:`` ...)
are predeclared.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query.sparql import (Unparsed, bind_values, is_update, shape, syntax_error,
                             uses_service_keyword)
from kg.query.terms import show
from kg.rdf.vocab import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class Cancelled(Exception):
    """The query was abandoned (its time ran out) while kg was reading its results."""


class Refused(QueryError):
    """A query kg will not run here (an update, or SERVICE on a server without --allow-service)."""


@dataclass
class QueryResult:
    """The answer to a query, whatever its form.

    SELECT: ``variables`` and ``rows`` (tuples of pyoxigraph terms, None when
    unbound); ASK: ``boolean``; CONSTRUCT and DESCRIBE: ``triples``.
    ``truncated`` is True when more rows (or triples) existed than ``max_rows``.
    """

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    seconds: float = 0.0

    @property
    def is_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")

    def __len__(self) -> int:
        return len(self.triples) if self.is_graph else len(self.rows)

    def records(self) -> list[dict[str, str]]:
        """Rows as ``{variable: value as shown in the table}`` ('' when unbound)."""
        return [{v: show(t) for v, t in zip(self.variables, row)} for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """One column's values (literal values and IRIs as strings, None when unbound)."""
        i = self.variables.index(name)
        return [None if row[i] is None else row[i].value for row in self.rows]


def run_query(store: ox.Store, text: str, params: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              *, max_rows: int | None = None, cancel: threading.Event | None = None,
              allow_service: bool = True, default_graph: list[ox.NamedNode] | None = None,
              named_graphs: list[ox.NamedNode] | None = None,
              path: str | None = None) -> QueryResult:
    """Run ``text`` on ``store`` with ``params`` bound; read at most ``max_rows`` results.

    Raises :class:`QueryError` for a syntax error (with line and column), a
    parameter the query has no variable for, or a failure while running;
    :class:`Refused` for an update, or for SERVICE when ``allow_service`` is
    False; :class:`Cancelled` when ``cancel`` is set while results are read.
    """
    started = time.perf_counter()
    params = dict(params or {})
    info = _shape(text)
    if info is None and is_update(text):
        raise Refused("this is a SPARQL Update; kg only reads the graph",
                      hint="the graph changes only through kg build")
    if not allow_service and (info.service if info else uses_service_keyword(text)):
        raise Refused("federated queries (SERVICE) are not allowed here",
                      hint="start kg serve with --allow-service to allow them")
    substitutions = None
    if params:
        if info is None:
            _raise_syntax(store, text, path)
            raise QueryError("kg cannot bind parameters in this query: rdflib's SPARQL parser "
                             "cannot read it", hint="write the value into the query yourself")
        missing = [n for n in params if n not in info.variables]
        if missing:
            raise QueryError(f"the query has no variable {', '.join('?' + n for n in missing)} "
                             "to bind", hint="a parameter binds a variable of the query: "
                                             f"variables are {', '.join(sorted(info.variables))}")
        if info.form == "SELECT" and all(n in info.projected for n in params):
            # the engine binds them (pyoxigraph needs them projected, and SELECT only)
            substitutions = {ox.Variable(n): t for n, t in params.items()}
        else:
            text = bind_values(text, params)
    kwargs: dict[str, Any] = {"prefixes": PREFIXES}
    if default_graph:
        kwargs["default_graph"] = default_graph
    if named_graphs:
        kwargs["named_graphs"] = named_graphs
    try:
        result = store.query(text, substitutions=substitutions, **kwargs)
    except SyntaxError as exc:
        if is_update(text):
            raise Refused("this is a SPARQL Update; kg only reads the graph",
                          hint="the graph changes only through kg build") from exc
        raise syntax_error(text, exc, path=path) from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"the query failed: {exc}", path=path) from exc
    error: Exception | None = None
    try:
        out = collect(result, max_rows=max_rows, cancel=cancel, path=path)
    except (Cancelled, QueryError) as exc:
        error = exc
    # pyoxigraph's result iterators must be dropped by the thread that made them (kg serve
    # reads them in a worker), but this frame may outlive the call: pyparsing's cache keeps
    # the tracebacks of its parse errors, and with them the frames that were on the stack
    # while rdflib parsed the query.  So let go of the iterator here, and raise an error
    # that carries no frame holding one.
    del result
    if error is not None:
        error.__traceback__ = error.__cause__ = error.__context__ = None
        try:
            raise error
        finally:
            del error  # no cycle frame -> error -> traceback -> frame keeps the store open
    if info is not None and out.form == "SELECT" and info.form in ("CONSTRUCT", "DESCRIBE"):
        out.form = info.form
    if info is not None and info.form == "DESCRIBE":
        out.form = "DESCRIBE"
    out.seconds = time.perf_counter() - started
    return out


def _shape(text: str):
    try:
        return shape(text)
    except Unparsed:
        return None


def _raise_syntax(store: ox.Store, text: str, path: str | None) -> None:
    """Raise pyoxigraph's syntax error for ``text``, if it has one (parsing only)."""
    try:
        store.query(text, prefixes=PREFIXES)  # parsed now, evaluated only when read
    except SyntaxError as exc:
        raise syntax_error(text, exc, path=path) from exc
    except Exception:
        return


def collect(result: Any, *, max_rows: int | None = None, cancel: threading.Event | None = None,
            path: str | None = None) -> QueryResult:
    """A :class:`QueryResult` from what pyoxigraph's ``query`` or ``parse_query_results``
    (or ``parse``, for triples) returned."""
    failure: str | None = None
    try:
        return _collect(result, max_rows, cancel)
    except Cancelled:
        failure = ""
    except (OSError, RuntimeError, ValueError, SyntaxError) as exc:
        failure = f"the query failed: {exc}"
    # Raised outside the except blocks, with ``result`` gone: no frame of the error keeps
    # pyoxigraph's iterator alive (it must be dropped by the thread that made it).
    del result
    if failure == "":
        raise Cancelled()
    raise QueryError(failure, path=path)


def _collect(result: Any, max_rows: int | None, cancel: threading.Event | None) -> QueryResult:
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        n = len(variables)
        rows, truncated = _take((tuple(s[i] for i in range(n)) for s in result), max_rows, cancel)
        return QueryResult("SELECT", variables=variables, rows=rows, truncated=truncated)
    triples, truncated = _take((t if isinstance(t, ox.Triple) else t.triple for t in result),
                               max_rows, cancel)
    return QueryResult("CONSTRUCT", triples=triples, truncated=truncated)


def _take(items: Iterable, max_rows: int | None, cancel: threading.Event | None):
    out = []
    for item in items:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        if max_rows is not None and len(out) >= max_rows:
            return out, True
        out.append(item)
    return out, False


__all__ = ["QueryResult", "run_query", "collect", "Cancelled", "Refused"]
