"""``kg push``: load the graph into another SPARQL server (Graph Store Protocol)."""
from __future__ import annotations

import argparse
import sys

from kg.cli.progress import Progress
from kg.query.push import PushReport, push_store

HELP = "load the graph into a SPARQL 1.1 server (one PUT per article graph)"
DESCRIPTION = """\
Load every article's named graph from OUT/store into a SPARQL 1.1 server through
the Graph Store HTTP Protocol: one PUT per named graph, so pushing again
replaces each article's graph instead of adding to it; then the default graph,
the union of all articles (each triple once), as kg's own store has it.
Graphs of articles that are no longer in OUT stay on the server, unless you
add --prune.

URL is the server's Graph Store endpoint, for example
  Oxigraph   http://127.0.0.1:7878/store     (oxigraph serve --location DIR)
  Fuseki     http://127.0.0.1:3030/DATASET/data

Query it afterwards with kg query --endpoint QUERY-URL (Oxigraph: .../query).
Leave the server's own union of graphs off (no --union-default-graph for
Oxigraph, no unionDefaultGraph for Fuseki): kg pushes the union itself, and a
server's union would count every shared triple once per article.

--prune: after a push where every PUT succeeded, delete from the server the
article graphs kg made (IRIs https://w3id.org/kg/id/graph/ + 16 hex digits)
that OUT no longer has.  The server's graphs are listed with a SPARQL query,
so --prune needs --query-endpoint, the server's query URL (Oxigraph: .../query,
Fuseki: .../DATASET/query) of the same dataset.  Only kg's article graphs are
ever deleted: never the default graph, never a graph in another namespace, so
other data on the server stays.  It does delete every kg article graph that
OUT lacks, so point it at a dataset that holds one kg build's graphs.  Add
--dry-run first to see the list: nothing is sent, nothing deleted.  Prune is
skipped (and the reason printed) when a PUT failed, or when the query URL does
not see the graphs just pushed.
"""
EXAMPLES = """\
examples:
  oxigraph serve --location kg-db --bind 127.0.0.1:7878 &
  kg push out --endpoint http://127.0.0.1:7878/store
  kg query slogan-spread --endpoint http://127.0.0.1:7878/query

  # after rebuilding OUT from fewer articles: what would go, then push and prune
  kg push out --endpoint http://127.0.0.1:7878/store \\
      --prune --query-endpoint http://127.0.0.1:7878/query --dry-run
  kg push out --endpoint http://127.0.0.1:7878/store \\
      --prune --query-endpoint http://127.0.0.1:7878/query

exit status: 0 every graph pushed (and with --prune, every stale graph
deleted); 1 some graphs failed, or prune was skipped or failed (listed);
2 the store or an endpoint could not be used at all.
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
    p.add_argument("--prune", action="store_true",
                   help="then delete the server's kg article graphs that OUT does not have "
                        "(needs --query-endpoint)")
    p.add_argument("--query-endpoint", metavar="URL", dest="query_endpoint",
                   help="the server's SPARQL query URL, to list its graphs for --prune")
    p.add_argument("--dry-run", action="store_true", dest="dry_run",
                   help="with --prune: send nothing; print the graphs it would delete")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    progress = Progress("pushing", enabled=not args.quiet)
    try:
        report = push_store(args.out, args.endpoint, progress=progress, timeout=args.timeout,
                            prune=args.prune, query_url=args.query_endpoint,
                            dry_run=args.dry_run)
    finally:
        progress.close()
    if report.dry_run:  # the list is the answer: printed even with --quiet
        for graph in report.stale:
            print(f"would delete {graph}")
    elif not args.quiet:
        for graph in report.pruned:
            print(f"deleted {graph}")
    if not args.quiet:
        print(summary(report))
    for graph, message in report.failures:
        print(f"kg push: failed {graph}: {message}", file=sys.stderr)
    for graph, message in report.prune_failures:
        print(f"kg push: failed to delete {graph}: {message}", file=sys.stderr)
    if report.prune_skipped:
        print(f"kg push: prune skipped: {report.prune_skipped}", file=sys.stderr)
    return 0 if report.ok else 1


def summary(report: PushReport) -> str:
    if report.dry_run:
        rows = [("would delete", f"{len(report.stale):,}")]
    else:
        rows = [("graphs", f"{report.graphs:,}"), ("triples", f"{report.triples:,}"),
                ("sent", f"{report.bytes / 1e6:.1f} MB")]
        if report.failures:
            rows.insert(1, ("failed", f"{len(report.failures):,}"))
        if report.prune:
            skipped = report.prune_skipped is not None and not report.prune_failures
            rows.append(("pruned", "skipped" if skipped else f"{len(report.pruned):,}"))
        if report.prune_failures:
            rows.append(("not pruned", f"{len(report.prune_failures):,}"))
    if report.prune and (report.dry_run or report.prune_skipped is None):
        rows.append(("other graphs", f"{report.foreign:,} kept"))
    rows.append(("time", f"{report.seconds:.1f} s"))
    width = max(len(k) for k, _ in rows)
    title = "kg push --dry-run (nothing sent)" if report.dry_run else "kg push summary"
    lines = ["", f"{title} -> {report.endpoint}", "-" * (width + 14)]
    lines += [f"{k:<{width}}  {v:>10}" for k, v in rows]
    return "\n".join(lines)
