"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, and a query page.

Served straight from pyoxigraph with the standard library's
:class:`~http.server.ThreadingHTTPServer` (rdflib-endpoint would hand every
query to rdflib's own, ten times slower evaluator).

Routes
------
``/``                   the query page (:mod:`kg.query.page`): editor, examples, results
``/sparql``, ``/query`` the endpoint: GET ``?query=``, POST form ``query=``, or POST
                        with ``Content-Type: application/sparql-query``;
                        ``default-graph-uri`` / ``named-graph-uri`` as in the protocol;
                        kg's extension ``$NAME=VALUE`` binds a variable (as ``--param``)
``/queries``            the saved queries as JSON
``/id/...``             an entity's page (:mod:`kg.query.entity_page`): kg's IRIs are
                        ``https://w3id.org/kg/id/...``, and the same path here shows that
                        node; ``Accept: text/turtle`` (or ``format=turtle``) gives it as RDF
``/entity?iri=``        the page of any IRI; ``/entity?name=`` finds entities by name
``/update`` and every write (PUT, DELETE, PATCH, ``update=``, ``application/sparql-update``)
                        403: kg serve never changes the graph

Results are SPARQL JSON, XML, CSV or TSV (graphs: Turtle, N-Triples, RDF/XML,
JSON-LD), chosen by the ``Accept`` header or a ``format=`` parameter.

Safe by default
---------------
* binds 127.0.0.1 (``--host`` to change, with a warning), and on loopback answers only
  to loopback ``Host`` names (DNS rebinding); requests another origin's page makes
  (``Origin``, ``Sec-Fetch-Site``) get 403, and no CORS header is sent;
* refuses updates (403) and federated queries: a SERVICE clause, found by
  parsing the query, gets 403 unless ``--allow-service``;
* at most ``max_rows`` rows (or triples) per answer; a cut answer says so in
  the headers ``X-KG-Truncated: true`` and ``X-KG-Max-Rows`` (the bodies stay
  standard), and the page shows it;
* a time limit per query (``timeout``), which works like this: pyoxigraph
  cannot cancel a query once it runs (no interrupt hook in its Python API), but
  it releases the GIL while evaluating.  Each query runs in a worker thread of a
  fixed pool (``workers``); the request thread waits for it at most
  ``timeout`` seconds, then answers 503 and abandons the worker.  The worker
  stops at the next result it reads (a cancel flag checked per row), but a
  single long evaluation step (a GROUP BY over everything) runs to its end in
  the background, holding its worker; while every worker is held, new queries
  wait for one, within their own time limit, then get 503 too.  So a runaway
  query costs at most one core for as long as it takes, never the server.
"""
from __future__ import annotations

import concurrent.futures as futures
import json
import queue
import secrets
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox

from kg import __version__
from kg.errors import KgError, QueryError
from kg.query.engine import Cancelled, QueryResult, Refused, run_query
from kg.query.entity import describe, describe_rdf, search
from kg.query.entity_page import href, render_entity, render_missing, render_search
from kg.query.formats import GRAPH_TYPES, RESULT_TYPES, serialize
from kg.query.names import resolve_value
from kg.query.page import render_page
from kg.query.saved import saved_queries
from kg.query.terms import param_term
from kg.rdf.vocab import ID_BASE

READ_ONLY = ("kg serve is read-only: SPARQL Update and Graph Store writes are refused. "
             "The graph changes only through kg build (then restart kg serve).")
_FORMAT_ALIASES = {
    "json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
    "turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples",
    "n-triples": "ntriples", "rdfxml": "rdfxml", "rdf": "rdfxml", "jsonld": "jsonld",
    "json-ld": "jsonld",
}
_MIME_RESULT = {v: k for k, v in RESULT_TYPES.items()} | {
    "application/json": "json", "application/xml": "xml", "text/xml": "xml"}
_MIME_GRAPH = {v: k for k, v in GRAPH_TYPES.items()} | {"text/plain": "ntriples"}


@dataclass
class Settings:
    timeout: float = 30.0
    max_rows: int = 10_000
    allow_service: bool = False
    workers: int = 4
    max_body: int = 200_000  # bytes; a query is text, and parsing is not free
    quiet: bool = False
    # how parameter values are read (traditional → simplified ...): kg serve passes kg's
    # normaliser (kg.ingest), which this layer does not import
    normalise: object = None


_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


def _loopback(host: str) -> bool:
    return host in _LOOPBACK_NAMES or host.startswith("127.")


class QueryTimeout(Exception):
    pass


class _DaemonPool:
    """A fixed pool of daemon threads running queries.

    Not :class:`concurrent.futures.ThreadPoolExecutor`: Python joins its threads at exit,
    so a runaway query that was abandoned (pyoxigraph cannot stop it) would keep
    ``kg serve`` from stopping on Ctrl+C until the query ends, which may be hours.
    Daemon threads end with the process.
    """

    def __init__(self, workers: int, prefix: str) -> None:
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.closed = False
        self.threads = [threading.Thread(target=self._run, name=f"{prefix}-{i}", daemon=True)
                        for i in range(workers)]
        for thread in self.threads:
            thread.start()

    def _run(self) -> None:
        while True:
            item = self.jobs.get()
            if item is None:
                return
            future, fn = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn()
            except BaseException as exc:  # noqa: BLE001 (handed to the waiting request)
                future.set_exception(exc)
            else:
                future.set_result(result)

    def submit(self, fn) -> futures.Future:
        if self.closed:
            raise RuntimeError("the pool is shut down")
        future: futures.Future = futures.Future()
        self.jobs.put((future, fn))
        return future

    def shutdown(self) -> None:
        """Stop taking jobs; idle threads end, busy ones when their query does."""
        self.closed = True
        for _ in self.threads:
            self.jobs.put(None)


class KgServer(ThreadingHTTPServer):
    """The HTTP server of ``kg serve`` over an open pyoxigraph store (it does not own it)."""

    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog is 5: the 6th client connecting at once has its SYN
    # dropped and retries a second later (200 requests 32 at a time: p95 1.0 s against
    # tens of ms with a backlog that holds them)
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], store: ox.Store, settings: Settings | None = None,
                 *, name: str = "kg") -> None:
        self.store = store
        self.settings = settings or Settings()
        self.name = name
        self.pool = _DaemonPool(self.settings.workers, "kg-query")
        self.slots = threading.BoundedSemaphore(self.settings.workers)
        self.saved_json = [q.to_json() for q in saved_queries()]
        super().__init__(address, Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown()

    def run_limited(self, job):
        """``job(cancel_event)`` in a worker, waited for at most ``settings.timeout`` seconds
        (see the module docstring); raises :class:`QueryTimeout`."""
        deadline = time.monotonic() + self.settings.timeout
        if not self.slots.acquire(timeout=self.settings.timeout):
            raise QueryTimeout("busy")
        cancel = threading.Event()

        def work():
            try:
                if cancel.is_set():  # its time ran out before a worker was free
                    raise QueryTimeout("timeout")
                return job(cancel)
            finally:
                self.slots.release()
        try:
            future = self.pool.submit(work)
        except RuntimeError:  # shutting down
            self.slots.release()
            raise
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))
        except futures.TimeoutError:
            cancel.set()  # the worker stops at its next row; see the module docstring
            raise QueryTimeout("timeout") from None


class Handler(BaseHTTPRequestHandler):
    server: KgServer
    server_version = f"kg/{__version__}"
    protocol_version = "HTTP/1.1"

    # -- dispatch -----------------------------------------------------------------------------

    def _foreign(self) -> str | None:
        """Why the request is refused as coming from elsewhere, or None.

        * DNS rebinding: a server on loopback answers only to loopback names in
          ``Host`` (a page of evil.example resolving its name to 127.0.0.1 sends
          ``Host: evil.example``);
        * cross-site requests: a browser says where a request comes from (``Origin``,
          ``Sec-Fetch-Site``); a page of another origin may link to the query page
          and the entity pages, never run queries or read answers.  No CORS header is ever sent.
        """
        host = (self.headers.get("Host") or "").strip().lower()
        try:
            name = urllib.parse.urlsplit("//" + host).hostname or ""
        except ValueError:
            name = ""
        bound = str(self.server.server_address[0])
        if _loopback(bound) and name not in _LOOPBACK_NAMES:
            return f"unexpected Host {host or '(none)'}: this server answers to 127.0.0.1 and localhost"
        origin = self.headers.get("Origin")
        if origin is not None:
            netloc = urllib.parse.urlsplit(origin).netloc.lower()
            if origin == "null" or netloc != host:
                return f"cross-origin request from {origin} refused"
        site = (self.headers.get("Sec-Fetch-Site") or "").lower()
        path = urllib.parse.urlsplit(self.path).path
        pages = path in ("/", "/index.html", "/entity") or path.startswith("/id/")
        if site == "cross-site" and not (pages and
                                         self.headers.get("Sec-Fetch-Mode") == "navigate"):
            return "cross-site request refused"
        return None

    def _refuse_foreign(self) -> bool:
        why = self._foreign()
        if why is None:
            return False
        self._error(403, why + " (kg serve only answers its own query page and local tools)")
        return True

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self._refuse_foreign():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            return self._page()
        if url.path == "/queries":
            return self._send(200, json.dumps(self.server.saved_json, ensure_ascii=False)
                              .encode("utf-8"), "application/json")
        if url.path == "/favicon.ico":
            return self._send(204, b"", "text/plain")
        if url.path == "/update":
            return self._error(403, READ_ONLY)
        if url.path in ("/sparql", "/query"):
            fields = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            return self._query(fields)
        if url.path.startswith("/id/") or url.path == "/entity":
            return self._entity(url)
        return self._error(404, f"no such page: {url.path} (the endpoint is /sparql, the query "
                                "page is /, entity pages are /id/...)")

    def do_POST(self) -> None:  # noqa: N802
        if self._refuse_foreign():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/update":
            return self._error(403, READ_ONLY)
        if url.path not in ("/sparql", "/query"):
            return self._error(404 if url.path != "/" else 405,
                               f"POST queries to /sparql, not {url.path}")
        body = self._body()
        if body is None:
            return
        ctype = self.headers.get_content_type()
        fields = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self._error(403, READ_ONLY)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(400, "the request body is not UTF-8")
        if ctype == "application/sparql-query":
            if "query" in fields:
                return self._error(400, "send the query either in the body or as query=, not both")
            fields["query"] = [text]
        elif ctype == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(text, keep_blank_values=True).items():
                fields.setdefault(key, []).extend(values)
        else:
            return self._error(415, f"unsupported Content-Type {ctype}: use "
                                    "application/x-www-form-urlencoded (query=...) or "
                                    "application/sparql-query")
        return self._query(fields)

    def _refuse_write(self) -> None:
        if self._body(discard=True) is not None:  # None: already answered (413 ...)
            self._error(403, READ_ONLY)

    do_PUT = do_DELETE = do_PATCH = _refuse_write  # noqa: N815

    # -- the endpoint -------------------------------------------------------------------------

    def _query(self, fields: dict[str, list[str]]) -> None:
        settings = self.server.settings
        if "update" in fields:
            return self._error(403, READ_ONLY)
        queries = fields.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._error(400, "no query: send query=... (GET, or a POST form), or POST the "
                                    "query with Content-Type: application/sparql-query"
                               if not queries or not queries[0].strip()
                               else "send exactly one query= parameter")
        text = queries[0]
        try:
            params = {k[1:]: param_term(v[-1]) for k, v in fields.items()
                      if k.startswith("$") and len(k) > 1}
            default = [ox.NamedNode(u) for u in fields.get("default-graph-uri", [])]
            named = [ox.NamedNode(u) for u in fields.get("named-graph-uri", [])]
        except (KgError, ValueError) as exc:
            return self._error(400, str(exc))
        fmt = (fields.get("format") or [None])[-1]
        if fmt and negotiate("", fmt, False) is None:
            return self._error(400, f"unknown format {fmt!r}: use json, xml, csv or tsv "
                                    "(graphs: turtle, ntriples, rdfxml, jsonld)")

        notes = []
        try:  # the values of the page's parameter boxes, as people type them
            for name, term in list(params.items()):
                params[name], note = resolve_value(self.server.store, name, term,
                                                   settings.normalise)
                if note:
                    notes.append(note)
        except QueryError as exc:
            return self._error(400, f"{exc}: {exc.hint}" if exc.hint else str(exc))

        def job(cancel):
            return run_query(self.server.store, text, params, max_rows=settings.max_rows,
                             cancel=cancel, allow_service=settings.allow_service,
                             default_graph=default or None, named_graphs=named or None)
        started = time.perf_counter()
        try:
            result: QueryResult = self.server.run_limited(job)
        except QueryTimeout as exc:
            if str(exc) == "busy":
                return self._error(503, f"the server is busy: all {settings.workers} workers are "
                                        f"running queries (some may have run out of time and are "
                                        "still finishing); try again shortly", retry=True)
            return self._error(503, f"the query ran out of time: it ran longer than "
                                    f"{settings.timeout:g} s and was abandoned. Narrow it (a "
                                    "LIMIT, a more specific pattern), or start kg serve with a "
                                    "larger --timeout", retry=True)
        except Refused as exc:
            return self._error(403, str(exc))
        except QueryError as exc:
            return self._error(400, str(exc))
        except Cancelled:
            return self._error(503, "the query was abandoned", retry=True)
        except Exception as exc:  # a bug: answer, and keep serving
            self.log_error("query failed: %r", exc)
            return self._error(500, f"kg serve failed on this query: {exc!r} (a bug in kg; "
                                    "please report it with the query)")
        name, mime = negotiate(self.headers.get("Accept", ""), fmt, result.is_graph)
        body = serialize(result, name)
        headers = {"X-KG-Rows": str(len(result)), "X-KG-Max-Rows": str(settings.max_rows),
                   "X-KG-Truncated": "true" if result.truncated else "false",
                   "X-KG-Seconds": f"{time.perf_counter() - started:.3f}",
                   "Vary": "Accept"}
        if notes:  # what a parameter was read as (URL-quoted: a header is ASCII)
            headers["X-KG-Read-As"] = urllib.parse.quote("; ".join(notes), safe=" =;")
        charset = "" if name in ("jsonld",) else "; charset=utf-8"
        self._send(200, body, mime + charset, headers)

    # -- entity pages -------------------------------------------------------------------------

    def _entity(self, url) -> None:
        fields = urllib.parse.parse_qs(url.query)
        name = (fields.get("name") or [""])[-1].strip()
        if url.path == "/entity" and name:
            return self._search(name)
        if url.path == "/entity":
            iri = (fields.get("iri") or [""])[-1].strip()
            if not iri:
                return self._error(400, "give ?iri=IRI (a node's page) or ?name=NAME (find one)")
        else:
            iri = ID_BASE + urllib.parse.unquote(url.path[len("/id/"):])
        fmt = (fields.get("format") or [None])[-1]
        rdf = negotiate(self.headers.get("Accept", ""), fmt, True) if fmt or \
            _wants_rdf(self.headers.get("Accept", "")) else None
        if fmt and rdf is None:
            return self._error(400, f"unknown format {fmt!r}: use turtle, ntriples, rdfxml or "
                                    "jsonld (or none, for the page)")
        try:
            if rdf is not None:
                result = self.server.run_limited(lambda cancel: describe_rdf(self.server.store, iri))
                if not result.triples:
                    return self._error(404, f"the graph says nothing about <{iri}>")
                return self._send(200, serialize(result, rdf[0]), rdf[1] + "; charset=utf-8",
                                  {"Vary": "Accept"})
            view = self.server.run_limited(lambda cancel: describe(self.server.store, iri))
        except QueryTimeout:
            return self._error(503, "the server is busy or the page took too long; try again "
                                    "shortly", retry=True)
        except (QueryError, ValueError) as exc:
            return self._error(400, f"cannot show <{iri}>: {exc}")
        nonce = secrets.token_urlsafe(16)
        if view is None:
            return self._html(404, render_missing(iri, nonce=nonce, name=self.server.name), nonce)
        return self._html(200, render_entity(view, nonce=nonce, name=self.server.name), nonce,
                          {"Vary": "Accept"})

    def _search(self, typed: str) -> None:
        normalise = self.server.settings.normalise
        text = normalise(typed) if normalise else typed
        try:
            found = self.server.run_limited(lambda cancel: search(self.server.store, text))
        except QueryTimeout:
            return self._error(503, "the server is busy; try again shortly", retry=True)
        exact = {n.iri for n, rank in found if rank == 0}
        if len(exact) == 1 or len(found) == 1:  # one entity has that name: go to its page
            target = href(next(iter(exact)) if len(exact) == 1 else found[0][0].iri)
            self.send_response(303)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            return
        nonce = secrets.token_urlsafe(16)
        self._html(200, render_search(text, found, nonce=nonce, name=self.server.name), nonce)

    def _html(self, status: int, page: str, nonce: str, headers: dict | None = None) -> None:
        csp = (f"default-src 'none'; style-src 'nonce-{nonce}'; img-src 'self' data:; "
               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        self._send(status, page.encode("utf-8"), "text/html; charset=utf-8",
                   {"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer"} | (headers or {}))

    # -- plumbing -----------------------------------------------------------------------------

    def _page(self) -> None:
        nonce = secrets.token_urlsafe(16)
        page = render_page(self.server.saved_json, nonce=nonce, name=self.server.name,
                           max_rows=self.server.settings.max_rows,
                           timeout=self.server.settings.timeout)
        csp = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
               "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
               "frame-ancestors 'none'")
        self._send(200, page.encode("utf-8"), "text/html; charset=utf-8",
                   {"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer"})

    def _body(self, discard: bool = False) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None:
            if discard:
                return b""
            self._error(411, "a POST needs a Content-Length")
            return None
        try:
            size = int(length)
        except ValueError:
            self._error(400, "bad Content-Length")
            return None
        if size > self.server.settings.max_body:
            self.close_connection = True
            self._error(413, f"the request is larger than {self.server.settings.max_body:,} bytes")
            return None
        return self.rfile.read(size)

    def _error(self, status: int, message: str, *, retry: bool = False) -> None:
        # close the connection after an error: a request body may be left unread
        self.close_connection = True
        headers = {"Connection": "close"} | ({"Retry-After": "5"} if retry else {})
        self._send(status, (message.rstrip() + "\n").encode("utf-8"), "text/plain; charset=utf-8",
                   headers)

    def _send(self, status: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's name)
        if not self.server.settings.quiet:
            sys.stderr.write(f"{self.address_string()} [{self.log_date_time_string()}] "
                             f"{format % args}\n")


def _accepted(accept: str) -> list[tuple[float, str]]:
    """The (q-value, media type) pairs of an Accept header, in its order."""
    out = []
    for part in accept.split(","):
        bits = [b.strip() for b in part.split(";")]
        mime = bits[0].lower()
        if not mime:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        out.append((q, mime))
    return out


def _wants_rdf(accept: str) -> bool:
    """True when the Accept header ranks an RDF type above HTML (a linked-data client)."""
    best_rdf = best_html = 0.0
    for q, mime in _accepted(accept):
        if mime in _MIME_GRAPH and mime != "text/plain":
            best_rdf = max(best_rdf, q)
        elif mime in ("text/html", "application/xhtml+xml"):
            best_html = max(best_html, q)
    return best_rdf > best_html


def negotiate(accept: str, fmt: str | None, graph: bool) -> tuple[str, str] | None:
    """(format name, media type) for a result: ``format=`` wins, then the Accept header
    (q-values honoured), then JSON (Turtle for graphs).  None for an unknown ``format=``."""
    types = GRAPH_TYPES if graph else RESULT_TYPES
    by_mime = _MIME_GRAPH if graph else _MIME_RESULT
    if fmt:
        key = fmt.strip().lower()
        name = _FORMAT_ALIASES.get(key) or _MIME_RESULT.get(key) or _MIME_GRAPH.get(key)
        if name is None:
            return None
        if graph and name not in GRAPH_TYPES:
            name = {"json": "jsonld", "xml": "rdfxml"}.get(name, "turtle")
        if not graph and name not in RESULT_TYPES:
            name = "json"
        return name, types[name]
    default = "turtle" if graph else "json"
    ranked = [(-q, i, mime) for i, (q, mime) in enumerate(_accepted(accept))]
    for negq, _, mime in sorted(ranked):
        if negq == 0:
            break
        if mime in by_mime:
            return by_mime[mime], types[by_mime[mime]]
        if mime in ("*/*", "application/*") or (mime == "text/*" and graph):
            return default, types[default]
        if mime == "text/*":
            return "csv", types["csv"]
    return default, types[default]


__all__ = ["KgServer", "Settings", "negotiate", "READ_ONLY"]
