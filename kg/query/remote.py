"""Remote SPARQL 1.1 servers: querying them (SPARQL 1.1 Protocol); loading them is
:mod:`kg.query.push`.

Standard library only (urllib).  Queries go as a POST form; parameters are
bound with a checked VALUES block (:func:`kg.query.sparql.bind_values`), since
the protocol carries only query text.  Requests to loopback addresses bypass
any HTTP proxy of the environment.
"""
from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Mapping

import pyoxigraph as ox

from kg import __version__
from kg.errors import KgError, QueryError
from kg.query.engine import QueryResult, collect
from kg.query.sparql import Unparsed, bind_values, shape, with_prefixes

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


def open_url(request: urllib.request.Request, timeout: float):
    handlers = [urllib.request.ProxyHandler({})] if is_loopback(request.full_url) else []
    return urllib.request.build_opener(*handlers).open(request, timeout=timeout)


def describe_error(exc: BaseException) -> str:
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
        with open_url(request, timeout) as response:
            ctype = response.headers.get_content_type()
            data = response.read()
            truncated = response.headers.get("X-KG-Truncated", "").lower() == "true"
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:2000].decode("utf-8", "replace").strip()
        raise QueryError(f"the endpoint answered {exc.code} {exc.reason}"
                         + (f": {detail}" if detail else ""), path=url) from exc
    except (urllib.error.URLError, OSError) as exc:
        if isinstance(exc, (TimeoutError, socket.timeout)) or "timed out" in describe_error(exc):
            raise QueryError(f"the endpoint did not answer within {timeout:g} s", path=url,
                             hint="try again with a larger --timeout, or a narrower query") from exc
        raise QueryError(f"cannot reach the endpoint: {describe_error(exc)}", path=url,
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


__all__ = ["query_endpoint", "check_url", "is_loopback", "is_loopback_host", "open_url",
           "describe_error", "USER_AGENT"]
