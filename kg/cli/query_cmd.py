"""``kg query``: ask the graph in SPARQL, from the command line."""
from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox

from kg.cli.period import add_period
from kg.ingest import simplified
from kg.errors import QueryError
from kg.query import formats
from kg.query.engine import QueryResult, run_query
from kg.query.names import resolve_value
from kg.query.remote import query_endpoint
from kg.query.saved import SavedQuery, is_saved_name, saved_queries, saved_query
from kg.query.terms import PARAM_HELP, parse_params
from kg.rdf.store import open_store

HELP = "ask the graph in SPARQL (inline, a .rq file, or a saved query)"
DESCRIPTION = """\
Run a SPARQL query on the graph store that 'kg build' wrote into OUT/store
(or on a remote SPARQL endpoint with --endpoint) and print the answer.

QUERY is one of
  a saved query's name    kg query --list shows them, with what each answers
  a file                  queries/mine.rq (or - to read the query from stdin)
  the query itself        'SELECT ?s WHERE { ?s a kg:Programme }'

kg's prefixes (kg:, rdf:, rdfs:, skos:, dcterms:, division:, programme: ...)
are predeclared.  The default graph is the union of all articles, each triple
once (graph.ttl); GRAPH ?g reaches each article's own named graph (graph.trig).

SELECT and ASK print an aligned table (--format csv, tsv or json for
programs: the SPARQL 1.1 result formats); CONSTRUCT and DESCRIBE print Turtle.
In csv, a text cell that starts like a spreadsheet formula (=, +, -, @) gets a
leading ' so that opening the file cannot run text taken from an article.
""" + textwrap.fill(formats.CSV_RULE, 78) + """

""" + PARAM_HELP
EXAMPLES = """\
examples:
  kg query --list
  kg query articles
  kg query division-programmes --param division=辽宁省
  kg query evidence --param entity=理论超市 --format csv > evidence.csv
  kg query slogan-spread --since 2022 --until 2022-06   what articles of that period say
  kg query 'SELECT ?name WHERE { ?p a kg:Programme ; rdfs:label ?name }'
  kg query my-question.rq --store corpus-out --format json
  kg query slogan-spread --endpoint http://127.0.0.1:7878/query
  kg query --show evidence                       print a saved query's text
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help=HELP, description=DESCRIPTION, epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", nargs="?", metavar="QUERY",
                   help="a saved query's name, a .rq file (- for stdin), or the query text")
    p.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", default=[],
                   help="bind the variable ?NAME to VALUE (repeat for several)")
    p.add_argument("-f", "--format", choices=("table", "csv", "tsv", "json"), default="table",
                   help="how to print SELECT/ASK answers (default: %(default)s)")
    p.add_argument("--store", metavar="OUT", default="out",
                   help="the folder 'kg build' wrote (holds OUT/store; default: %(default)s)")
    p.add_argument("--endpoint", metavar="URL",
                   help="query this SPARQL 1.1 endpoint instead of the local store "
                        "(e.g. http://127.0.0.1:7878/query, or kg serve's .../sparql)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="with --endpoint: give up after S seconds (default: %(default)g)")
    p.add_argument("--max-rows", type=int, metavar="N",
                   help="read at most N rows (default: all)")
    p.add_argument("--full", action="store_true",
                   help="table: do not cut long values (sentences) to 60 columns")
    add_period(p)  # = --param since=/until=, for the saved queries that take them
    listing = p.add_mutually_exclusive_group()
    listing.add_argument("--list", action="store_true", help="list the saved queries")
    listing.add_argument("--show", metavar="NAME", help="print a saved query's text")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        print(listing(saved_queries()))
        return 0
    if args.show:
        sys.stdout.write(saved_query(args.show).text)
        return 0
    if not args.query:
        print("kg query: error: give a QUERY (a saved query's name, a .rq file or the query "
              "text), or --list to see the saved queries", file=sys.stderr)
        return 2
    if args.max_rows is not None and args.max_rows < 1:
        print("kg query: error: --max-rows must be at least 1", file=sys.stderr)
        return 2
    text, path, saved = resolve(args.query)
    params = parse_params(args.param)
    for name, day in (("since", args.since), ("until", args.until)):
        if day is not None:  # the same as --param since=..., as a date
            params[name] = ox.Literal(day.isoformat())
    if saved is not None:
        check_params(saved, params)
    if args.endpoint:
        result = query_endpoint(args.endpoint, text, params, timeout=args.timeout)
        if args.max_rows is not None and len(result.rows) > args.max_rows:
            result.rows, result.truncated = result.rows[:args.max_rows], True
    else:
        with open_store(args.store) as store:
            if saved is not None:  # names as people type them (kg.query.names)
                for name, value in list(params.items()):
                    params[name], note = resolve_value(store, name, value, simplified)
                    if note:
                        print(f"kg query: {note}", file=sys.stderr)
            result = run_query(store, text, params, max_rows=args.max_rows, path=path)
    write(result, args.format, full=args.full)
    if result.truncated and args.format != "table":
        print(f"kg query: the answer was cut at {len(result):,} rows (there are more)",
              file=sys.stderr)
    return 0


def resolve(spec: str) -> tuple[str, str | None, SavedQuery | None]:
    """(query text, file it came from, saved query) for a QUERY argument."""
    if spec == "-":
        return sys.stdin.read(), "<stdin>", None
    if is_saved_name(spec) and spec in {q.name for q in saved_queries()}:
        saved = saved_query(spec)
        return saved.text, f"{spec}.rq", saved
    path = Path(spec)
    if _is_file(path):
        try:
            return path.read_text("utf-8"), str(path), None
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read the query file: {exc}", path=path) from exc
    if spec.endswith((".rq", ".sparql")) and not any(ch in spec for ch in "{\n"):
        raise QueryError("no such query file", path=spec,
                         hint="check the path, or kg query --list for the saved queries")
    if is_saved_name(spec):
        saved_query(spec)  # raises, with the closest names
    return spec, None, None


def _is_file(path: Path) -> bool:
    """False for text that cannot be a path (a query typed inline is often over the
    255 bytes a file name may have, or holds a NUL)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def check_params(saved: SavedQuery, params: dict) -> None:
    import difflib
    known = [p.name for p in saved.params]
    for name in params:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            takes = ", ".join(f"{p.name} ({p.description})" for p in saved.params) or "none"
            raise QueryError(f"the saved query {saved.name} has no parameter {name}"
                             + (f": did you mean {close[0]}?" if close else ""),
                             hint=f"its parameters: {takes}")
    missing = [p for p in saved.params if p.required and p.name not in params]
    if missing:
        need = " ".join(f"--param {p.name}=VALUE" for p in missing)
        raise QueryError(f"the saved query {saved.name} needs {need}",
                         hint="; ".join(f"{p.name}: {p.description}" for p in missing))


def write(result: QueryResult, fmt: str, *, full: bool = False) -> None:
    if result.is_graph:
        sys.stdout.write(formats.turtle(result.triples))
    elif fmt == "table":
        print(formats.table(result, max_width=None if full else 60))
    else:
        # csv goes to spreadsheets: cells that would run as formulas are guarded
        data = (formats.CSV_BOM + formats.to_csv(result, spreadsheet=True)).encode("utf-8") \
            if fmt == "csv" else formats.serialize(result, fmt)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        if fmt == "json":
            sys.stdout.buffer.write(b"\n")
        sys.stdout.buffer.flush()


def listing(queries: list[SavedQuery]) -> str:
    width = max((len(q.name) for q in queries), default=10)
    lines = ["saved queries (kg query NAME; kg query --show NAME prints the SPARQL):", ""]
    for q in queries:
        lines.append(f"  {q.name:<{width}}  {q.description}")
        for p in q.params:
            flag = f"--param {p.name}=..."
            lines.append(f"  {'':<{width}}    {flag}  {p.description}")
    return "\n".join(lines)
