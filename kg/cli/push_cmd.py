"""``kg push``: load the graph into another SPARQL server (Graph Store Protocol)."""
from __future__ import annotations

import argparse
import sys

from kg.cli.progress import Progress
from kg.query.remote import PushReport, push_store

HELP = "load the graph into a SPARQL 1.1 server (one PUT per article graph)"
DESCRIPTION = """\
Load every article's named graph from OUT/store into a SPARQL 1.1 server through
the Graph Store HTTP Protocol: one PUT per named graph, so pushing again
replaces each article's graph instead of adding to it; then the default graph,
the union of all articles (each triple once), as kg's own store has it.
Graphs of articles that are no longer in OUT stay on the server until you drop
them there.

URL is the server's Graph Store endpoint, for example
  Oxigraph   http://127.0.0.1:7878/store     (oxigraph serve --location DIR)
  Fuseki     http://127.0.0.1:3030/DATASET/data

Query it afterwards with kg query --endpoint QUERY-URL (Oxigraph: .../query).
Leave the server's own union of graphs off (no --union-default-graph for
Oxigraph, no unionDefaultGraph for Fuseki): kg pushes the union itself, and a
server's union would count every shared triple once per article.
"""
EXAMPLES = """\
examples:
  oxigraph serve --location kg-db --bind 127.0.0.1:7878 &
  kg push out --endpoint http://127.0.0.1:7878/store
  kg query slogan-spread --endpoint http://127.0.0.1:7878/query

exit status: 0 every graph pushed; 1 some graphs failed (listed); 2 the store
or the endpoint could not be used at all.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("push", help=HELP, description=DESCRIPTION, epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", nargs="?", default="out", metavar="OUT",
                   help="the folder 'kg build' wrote (holds OUT/store; default: %(default)s)")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the server's Graph Store Protocol URL")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="give up on one request after S seconds (default: %(default)g)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    progress = Progress("pushing", enabled=not args.quiet)
    try:
        report = push_store(args.out, args.endpoint, progress=progress, timeout=args.timeout)
    finally:
        progress.close()
    if not args.quiet:
        print(summary(report))
    for graph, message in report.failures:
        print(f"kg push: failed {graph}: {message}", file=sys.stderr)
    return 0 if report.ok else 1


def summary(report: PushReport) -> str:
    rows = [("graphs", f"{report.graphs:,}"), ("triples", f"{report.triples:,}"),
            ("sent", f"{report.bytes / 1e6:.1f} MB"), ("time", f"{report.seconds:.1f} s")]
    if report.failures:
        rows.insert(1, ("failed", f"{len(report.failures):,}"))
    width = max(len(k) for k, _ in rows)
    lines = ["", f"kg push summary -> {report.endpoint}", "-" * (width + 14)]
    lines += [f"{k:<{width}}  {v:>10}" for k, v in rows]
    return "\n".join(lines)
