"""Loading a SPARQL 1.1 server with kg's graph: the Graph Store Protocol, and pruning.

``kg push`` PUTs each article's named graph, so pushing again replaces every
graph instead of adding to it, and then the default graph: the union of the
article graphs, each triple once, as in the local store (so the server must not
add its own union: no ``--union-default-graph`` for Oxigraph, no
``unionDefaultGraph`` for Fuseki).  ``--prune`` then lists the server's graphs
with a query (the Graph Store Protocol cannot list them) and DELETEs the kg
article graphs that OUT no longer has; a graph outside kg's article-graph
namespace is never touched, nor the default graph.
"""
from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from kg.errors import KgError, QueryError
from kg.query.remote import USER_AGENT, check_url, describe_error, open_url, query_endpoint
from kg.rdf.store import open_store
from kg.rdf.vocab import ID_BASE

ProgressFn = Callable[[int, int, str], None]

ARTICLE_GRAPHS = ID_BASE + "graph/"
"""The namespace of kg's article graphs (:func:`kg.rdf.iri.graph_iri`): all --prune may delete."""
_ARTICLE_GRAPH = re.compile(re.escape(ARTICLE_GRAPHS) + "[0-9a-f]{16}")
LIST_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"
_GSP_HINT = ("give the server's Graph Store Protocol URL (Oxigraph: http://HOST:7878/store, "
             "Fuseki: http://HOST:3030/DATASET/data)")
_QUERY_URL = ("the server's SPARQL query URL (Oxigraph: http://HOST:7878/query, "
              "Fuseki: http://HOST:3030/DATASET/query)")


@dataclass
class PushReport:
    """What ``kg push`` did.  With prune: ``stale`` are the kg article graphs on the server
    that OUT does not have, ``pruned`` those deleted (none in a dry run), ``foreign`` the
    server's other named graphs (left alone), ``prune_skipped`` why prune did not run or
    stopped (None when it ran through)."""

    endpoint: str
    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    prune: bool = False
    dry_run: bool = False
    stale: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    foreign: int = 0
    prune_failures: list[tuple[str, str]] = field(default_factory=list)
    prune_skipped: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failures and not self.prune_failures and self.prune_skipped is None


def is_article_graph(iri: str) -> bool:
    """Whether ``iri`` is shaped like a kg article graph: ``{ID_BASE}graph/`` + 16 hex digits."""
    return _ARTICLE_GRAPH.fullmatch(iri) is not None


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
    with open_url(request, timeout) as response:
        response.read()
        return response.status


def delete_graph(endpoint: str, iri: str, *, timeout: float = 60.0) -> bool:
    """DELETE the article graph ``iri`` from the Graph Store; False if the server had none (404).

    Any IRI that :func:`is_article_graph` rejects is refused before a request is made.
    """
    if not is_article_graph(iri):
        raise KgError(f"refusing to delete {iri}: not a kg article graph", path=endpoint,
                      hint=f"kg deletes only its own article graphs ({ARTICLE_GRAPHS}...); "
                           "drop other graphs with the server's own tools")
    request = urllib.request.Request(graph_url(endpoint, ox.NamedNode(iri)), method="DELETE",
                                     headers={"User-Agent": USER_AGENT})
    try:
        with open_url(request, timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        if exc.code != 404:
            raise
        return False
    return True


def list_graphs(query_url: str, *, timeout: float = 60.0) -> list[str]:
    """The IRIs of the named graphs the SPARQL endpoint ``query_url`` holds, sorted."""
    result = query_endpoint(query_url, LIST_GRAPHS, timeout=timeout)
    if result.form != "SELECT" or "g" not in result.variables:
        raise QueryError("the endpoint did not answer the list of graphs with a table",
                         path=query_url, hint="give " + _QUERY_URL)
    if result.truncated:
        raise QueryError("the endpoint cut the list of graphs short", path=query_url,
                         hint="raise the server's result limit, or drop stale graphs by hand")
    i = result.variables.index("g")
    return sorted({r[i].value for r in result.rows if isinstance(r[i], ox.NamedNode)})


def _http_message(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        detail = exc.read()[:500].decode("utf-8", "replace").strip()
        return f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
    return describe_error(exc)


def _check_prune(endpoint: str, prune: bool, query_url: str | None, dry_run: bool) -> None:
    if dry_run and not prune:
        raise KgError("--dry-run previews --prune and needs it",
                      hint="add --prune (and --query-endpoint URL) to list what would be deleted")
    if query_url and not prune:
        raise KgError("--query-endpoint is only used by --prune",
                      hint="add --prune to delete stale article graphs, or leave it out")
    if prune and not query_url:
        head, _, last = endpoint.split("?")[0].rstrip("/").rpartition("/")
        guess = f"{head}/query" if last in ("store", "data") else None
        raise KgError("--prune needs --query-endpoint URL, to list the server's graphs "
                      "(the Graph Store Protocol cannot)",
                      hint="add --query-endpoint URL, " + _QUERY_URL
                           + (f"; here probably {guess}" if guess else ""))
    if query_url:
        check_url(query_url)


def push_store(out_dir: str | Path, endpoint: str, *, progress: ProgressFn | None = None,
               timeout: float = 60.0, prune: bool = False, query_url: str | None = None,
               dry_run: bool = False) -> PushReport:
    """Load ``OUT/store`` into the Graph Store endpoint ``endpoint``.

    One PUT per article graph (a re-push replaces it), then one for the default
    graph (the union).  ``graphs`` in the report counts the article graphs.  The first graph failing
    stops the push with a :class:`KgError` (most likely a wrong URL or a
    read-only server); a later failure is recorded and the rest are pushed.

    ``prune``: then DELETE the kg article graphs (:func:`is_article_graph`) that the
    SPARQL endpoint ``query_url`` lists and OUT does not have.  Skipped, with the reason in
    the report, when a PUT failed or when ``query_url`` does not list the graphs just
    pushed (another dataset).  An unusable ``query_url`` raises before anything is sent.
    ``dry_run``: send nothing at all; ``stale`` lists what prune would delete.
    """
    check_url(endpoint)
    _check_prune(endpoint, prune, query_url, dry_run)
    started = time.perf_counter()
    report = PushReport(endpoint, prune=prune, dry_run=dry_run)
    listed: list[str] | None = None
    if prune:  # before any write: a wrong --query-endpoint stops here, with nothing sent
        try:
            listed = list_graphs(str(query_url), timeout=timeout)
        except QueryError as exc:
            raise QueryError(f"cannot list the server's graphs: {exc.message}", path=query_url,
                             hint=f"--query-endpoint must be {_QUERY_URL}; nothing was "
                                  "pushed or deleted") from None
    fatal: KgError | None = None
    with open_store(out_dir) as store:
        names: list = sorted(store.named_graphs(), key=lambda g: g.value)
        local = {g.value for g in names}
        filled: set[str] = set()  # graphs pushed with triples: the query URL must list them
        if not dry_run:
            fatal = _put_all(store, names, endpoint, report, filled, progress, timeout)
    if fatal is not None:
        try:
            raise fatal
        finally:
            del fatal
    if prune:
        _prune(report, str(query_url), local, filled, listed if dry_run else None, timeout)
    report.seconds = time.perf_counter() - started
    return report


def _put_all(store, names: list, endpoint: str, report: PushReport, filled: set[str],
             progress: ProgressFn | None, timeout: float) -> KgError | None:
    names = [*names, ox.DefaultGraph()]  # the union, last: replaced when the articles are in
    for n, graph in enumerate(names, 1):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        default = isinstance(graph, ox.DefaultGraph)
        label = "default graph (the union)" if default else graph.value
        try:
            put_graph(endpoint, graph, data, timeout=timeout)
        except (urllib.error.URLError, OSError) as exc:
            message = _http_message(exc)
            if report.graphs == 0 and not report.failures:
                return KgError(f"the Graph Store endpoint refused the first graph: {message}",
                               path=endpoint, hint=_GSP_HINT + " and check that it accepts writes")
            report.failures.append((label, message))
        else:
            if not default:
                report.graphs += 1
                report.triples += len(triples)
                if triples:
                    filled.add(graph.value)
            report.bytes += len(data)
        if progress:
            progress(n, len(names), label)
    return None


def _prune(report: PushReport, query_url: str, local: set[str], filled: set[str],
           listed: list[str] | None, timeout: float) -> None:
    """Find (and unless a dry run, DELETE) the stale article graphs; ``listed``: the dry run's."""
    if report.failures:
        report.prune_skipped = (f"{len(report.failures)} graph(s) failed to push, so nothing was "
                                "deleted; fix the failures and push again with --prune")
        return
    if listed is None:
        try:
            listed = list_graphs(query_url, timeout=timeout)
        except QueryError as exc:
            report.prune_skipped = f"cannot list the server's graphs: {exc.message}"
            return
        unseen = sorted(filled - set(listed))
        if unseen:
            report.prune_skipped = (
                f"{query_url} does not list {len(unseen)} of the graphs just pushed (e.g. "
                f"{unseen[0]}), so nothing was deleted: give the query URL of the same dataset "
                f"as {report.endpoint}")
            return
    ours = [g for g in listed if is_article_graph(g)]
    report.foreign = len(listed) - len(ours)
    report.stale = [g for g in ours if g not in local]
    if report.dry_run:
        return
    for iri in report.stale:
        try:
            delete_graph(report.endpoint, iri, timeout=timeout)
        except (urllib.error.URLError, OSError) as exc:
            report.prune_failures.append((iri, _http_message(exc)))
            left = len(report.stale) - 1
            if not report.pruned and left:
                report.prune_skipped = (f"the server refused the first DELETE, so the other {left} "
                                        "stale graph(s) were not tried: check that the Graph "
                                        "Store endpoint accepts DELETE")
                return
        else:
            report.pruned.append(iri)


__all__ = ["push_store", "put_graph", "delete_graph", "list_graphs", "graph_url", "is_article_graph",
           "PushReport", "ARTICLE_GRAPHS"]
