"""Remote SPARQL 1.1 servers: querying them (Protocol) and loading them (Graph Store Protocol).

Standard library only (urllib).  ``kg push`` PUTs each article's named graph,
so pushing again replaces every graph instead of adding to it, and then the
default graph: the union of the article graphs, each triple once, as in the
local store (so the server must not add its own union: no
``--union-default-graph`` for Oxigraph, no ``unionDefaultGraph`` for Fuseki).  Queries go as
a POST form; parameters are bound with a checked VALUES block
(:func:`kg.query.sparql.bind_values`), since the protocol carries only query
text.  Requests to loopback addresses bypass any HTTP proxy of the
environment.
"""
from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

import pyoxigraph as ox

from kg import __version__
from kg.errors import KgError, QueryError
from kg.query.engine import QueryResult, collect
from kg.query.sparql import Unparsed, bind_values, shape, with_prefixes
from kg.rdf.store import open_store

ProgressFn = Callable[[int, int, str], None]
USER_AGENT = f"kg/{__version__}"
ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
          "application/sparql-results+xml;q=0.7, text/tab-separated-values;q=0.6")
_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KgError(f"not an HTTP URL: {url!r}",
                      hint="give the full URL, e.g. http://127.0.0.1:7878/query")
    return url


def is_loopback(url: str) -> bool:
    return is_loopback_host(urllib.parse.urlsplit(url).hostname or "")


def is_loopback_host(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _open(request: urllib.request.Request, timeout: float):
    handlers = [urllib.request.ProxyHandler({})] if is_loopback(request.full_url) else []
    return urllib.request.build_opener(*handlers).open(request, timeout=timeout)


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    return getattr(reason, "strerror", None) or str(reason)


# -- queries ----------------------------------------------------------------------------------

def query_endpoint(url: str, text: str, params: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
                   *, timeout: float = 60.0) -> QueryResult:
    """Run ``text`` on the SPARQL endpoint ``url``; the answer as a :class:`QueryResult`.

    kg's prefixes are declared for the server (on the query's first line, so the
    server's line numbers stay right).  Raises :class:`QueryError` with the
    server's own message when it refuses the query, and when it cannot be reached.
    """
    check_url(url)
    started = time.perf_counter()
    if params:
        try:
            names = shape(text).variables
        except Unparsed:
            names = None
        missing = [n for n in params if names is not None and n not in names]
        if missing:
            raise QueryError(f"the query has no variable {', '.join('?' + n for n in missing)} "
                             "to bind")
        text = bind_values(text, params)
    body = urllib.parse.urlencode({"query": with_prefixes(text)}).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        "Accept": ACCEPT, "User-Agent": USER_AGENT})
    try:
        with _open(request, timeout) as response:
            ctype = response.headers.get_content_type()
            data = response.read()
            truncated = response.headers.get("X-KG-Truncated", "").lower() == "true"
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:2000].decode("utf-8", "replace").strip()
        raise QueryError(f"the endpoint answered {exc.code} {exc.reason}"
                         + (f": {detail}" if detail else ""), path=url) from exc
    except (urllib.error.URLError, OSError) as exc:
        if isinstance(exc, (TimeoutError, socket.timeout)) or "timed out" in _reason(exc):
            raise QueryError(f"the endpoint did not answer within {timeout:g} s", path=url,
                             hint="try again with a larger --timeout, or a narrower query") from exc
        raise QueryError(f"cannot reach the endpoint: {_reason(exc)}", path=url,
                         hint="is the server running and is the URL right? "
                              "(kg serve OUT prints the URL of its endpoint)") from exc
    try:
        if ctype in _RESULTS:
            result = collect(ox.parse_query_results(data, _RESULTS[ctype]))
        elif ctype in _GRAPHS:
            result = collect(ox.parse(data, format=_GRAPHS[ctype]))
        else:
            raise QueryError(f"the endpoint answered with {ctype}, which kg cannot read",
                             path=url, hint="is this the URL of a SPARQL query endpoint?")
    except SyntaxError as exc:
        raise QueryError(f"the endpoint's answer is not valid {ctype}: {exc}", path=url) from exc
    result.truncated = result.truncated or truncated
    result.seconds = time.perf_counter() - started
    return result


# -- Graph Store Protocol ----------------------------------------------------------------------

@dataclass
class PushReport:
    endpoint: str
    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def graph_url(endpoint: str, graph: ox.NamedNode | ox.DefaultGraph) -> str:
    """The Graph Store Protocol URL of ``graph`` (``?graph=IRI``, or ``?default``)."""
    query = "default" if isinstance(graph, ox.DefaultGraph) else \
        urllib.parse.urlencode({"graph": graph.value})
    return endpoint + ("&" if "?" in endpoint else "?") + query


def put_graph(endpoint: str, graph: ox.NamedNode | ox.DefaultGraph, data: bytes,
              *, timeout: float = 60.0) -> int:
    """PUT N-Triples ``data`` as ``graph``: the server replaces what the graph held."""
    request = urllib.request.Request(graph_url(endpoint, graph), data=data, method="PUT", headers={
        "Content-Type": "application/n-triples", "User-Agent": USER_AGENT})
    with _open(request, timeout) as response:
        response.read()
        return response.status


def push_store(out_dir: str | Path, endpoint: str, *, progress: ProgressFn | None = None,
               timeout: float = 60.0) -> PushReport:
    """Load ``OUT/store`` into the Graph Store endpoint ``endpoint``.

    One PUT per article graph (a re-push replaces it), then one for the default
    graph (the union).  ``graphs`` in the report counts the article graphs.  The first graph failing
    stops the push with a :class:`KgError` (most likely a wrong URL or a
    read-only server); a later failure is recorded and the rest are pushed.
    """
    check_url(endpoint)
    started = time.perf_counter()
    report = PushReport(endpoint)
    fatal: KgError | None = None
    with open_store(out_dir) as store:
        names: list = sorted(store.named_graphs(), key=lambda g: g.value)
        names.append(ox.DefaultGraph())  # the union, last: replaced when the articles are in
        for n, graph in enumerate(names, 1):
            triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
            data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            label = "default graph (the union)" if isinstance(graph, ox.DefaultGraph) \
                else graph.value
            try:
                put_graph(endpoint, graph, data, timeout=timeout)
            except (urllib.error.URLError, OSError) as exc:
                if isinstance(exc, urllib.error.HTTPError):
                    detail = exc.read()[:500].decode("utf-8", "replace").strip()
                    message = f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
                else:
                    message = _reason(exc)
                if report.graphs == 0 and not report.failures:
                    fatal = KgError(f"the Graph Store endpoint refused the first graph: {message}",
                                    path=endpoint,
                                    hint="give the server's Graph Store Protocol URL (Oxigraph: "
                                         "http://HOST:7878/store, Fuseki: "
                                         "http://HOST:3030/DATASET/data) and check that it "
                                         "accepts writes")
                    break
                report.failures.append((label, message))
            else:
                if not isinstance(graph, ox.DefaultGraph):
                    report.graphs += 1
                    report.triples += len(triples)
                report.bytes += len(data)
            if progress:
                progress(n, len(names), label)
    if fatal is not None:
        fatal.__context__ = None
        try:
            raise fatal
        finally:
            del fatal
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["query_endpoint", "push_store", "put_graph", "graph_url", "PushReport", "check_url",
           "is_loopback"]
