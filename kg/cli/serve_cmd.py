"""``kg serve``: a local SPARQL endpoint and query page over the graph store."""
from __future__ import annotations

import argparse
import errno
import sys

from kg.ingest import simplified
from kg.errors import KgError
from kg.query.remote import is_loopback_host
from kg.query.server import KgServer, Settings
from kg.rdf.store import open_store

HELP = "serve the graph: a read-only SPARQL endpoint, a query page and entity pages"
DESCRIPTION = """\
Serve the graph store that 'kg build' wrote into OUT/store over HTTP:

  http://HOST:PORT/         a query page: editor, saved queries as examples,
                            results table (works offline: nothing is fetched
                            from anywhere but this server)
  http://HOST:PORT/sparql   a SPARQL 1.1 Protocol endpoint: GET ?query=...,
                            POST query=... or an application/sparql-query body;
                            JSON, XML, CSV or TSV by the Accept header or
                            format=json|xml|csv|tsv (graphs: Turtle, N-Triples,
                            RDF/XML, JSON-LD); $NAME=VALUE binds ?NAME
  http://HOST:PORT/id/...   an entity's page: kg's IRIs are https://w3id.org/kg/id/...,
                            and the same path here shows that node (names, type,
                            divisions it lies in, its neighbourhood as a small
                            graph, every relation and figure with its sentence
                            and article, the articles that mention it);
                            Accept: text/turtle or ?format=turtle gives it as RDF.
                            Result tables on the query page link every IRI here.
  http://HOST:PORT/entity?name=辽中   find entities by name (traditional characters
                            and partial names work); ?iri=IRI shows any node

Safe by default: it listens on 127.0.0.1 only; it never changes the graph
(SPARQL Update and Graph Store writes get 403); federated queries (SERVICE)
get 403 unless --allow-service; a query may run --timeout seconds (then 503:
pyoxigraph cannot stop a query, so it finishes in the background, unused);
answers are cut at --max-rows rows, and say so (header X-KG-Truncated: true).

The store stays open (and locked) while kg serve runs: stop it before
'kg build' writes into the same OUT, and query it meanwhile with
kg query --endpoint http://HOST:PORT/sparql.
"""
EXAMPLES = """\
examples:
  kg serve                       serve out/ at http://127.0.0.1:7070/
  kg serve corpus-out --port 8080 --timeout 60 --max-rows 50000
  curl 'http://127.0.0.1:7070/sparql?query=ASK%7B?s?p?o%7D'
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
       http://127.0.0.1:7070/sparql
  kg query evidence --param entity=理论超市 --endpoint http://127.0.0.1:7070/sparql
  open http://127.0.0.1:7070/id/division/210115     the page of 辽中区 (code 210115)
  curl -H 'Accept: text/turtle' http://127.0.0.1:7070/id/division/210115
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help=HELP, description=DESCRIPTION, epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", nargs="?", default="out", metavar="OUT",
                   help="the folder 'kg build' wrote (holds OUT/store; default: %(default)s)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: %(default)s, this machine only)")
    p.add_argument("--port", type=int, default=7070,
                   help="port to listen on; 0 picks a free one (default: %(default)s)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S",
                   help="time limit of one query in seconds (default: %(default)g)")
    p.add_argument("--max-rows", type=int, default=10_000, metavar="N",
                   help="cut answers at N rows or triples (default: %(default)s)")
    p.add_argument("--allow-service", action="store_true",
                   help="allow federated queries (SERVICE <url>): the server then fetches "
                        "from the URLs a query names")
    p.add_argument("--workers", type=int, default=4, metavar="N",
                   help="queries run at the same time (default: %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true", help="do not log requests")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.timeout <= 0 or args.max_rows < 1 or args.workers < 1 or not 0 <= args.port < 65536:
        print("kg serve: error: --timeout must be > 0, --max-rows and --workers >= 1, "
              "--port 0..65535", file=sys.stderr)
        return 2
    settings = Settings(timeout=args.timeout, max_rows=args.max_rows,
                        allow_service=args.allow_service, workers=args.workers, quiet=args.quiet,
                        normalise=simplified)
    with open_store(args.out) as store:
        try:
            server = KgServer((args.host, args.port), store, settings)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise KgError(f"port {args.port} is in use", hint="choose another with --port "
                                                                  "(--port 0 picks a free one)") from exc
            raise KgError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
                          hint="check --host and --port") from exc
        try:
            articles = sum(1 for _ in store.named_graphs())
            print(f"kg serve: the graph of {articles:,} article{'s' if articles != 1 else ''} "
                  f"in {store.path}", flush=True)
            print(f"  query page  {server.url}", flush=True)
            print(f"  endpoint    {server.url}sparql", flush=True)
            print(f"  entities    {server.url}id/... (an IRI's path), {server.url}entity?name=NAME",
                  flush=True)
            if not is_loopback_host(args.host):
                print(f"  warning: listening on {args.host}: anyone who can reach this machine "
                      "can query the graph", flush=True)
            print("  Ctrl+C stops it", flush=True)
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nkg serve: stopped", file=sys.stderr)
        finally:
            server.server_close()
    return 0
