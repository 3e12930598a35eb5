"""``kg analyze``: network metrics, communities and slogan diffusion of a built graph."""
from __future__ import annotations

import argparse
import os
import tempfile
import textwrap
from pathlib import Path

from kg.analysis import analyze, load_graph
from kg.analysis.export import FORMATS, export
from kg.analysis.metrics import SAMPLE_ABOVE, SAMPLE_K
from kg.analysis.report import markdown, plots, tables
from kg.cli.period import add_period
from kg.errors import OutputError
from kg.query.formats import CSV_RULE

HELP = "network metrics, communities and slogan diffusion (CSV, report, Gephi files)"
DESCRIPTION = """\
Read the graph that 'kg build' wrote into OUT and analyse it with networkx:

  the co-mention graph     entities linked when an article mentions both
                           (weight = number of articles): degree, PageRank,
                           betweenness, Louvain communities, components
  the typed entity graph   relation triples (runs, belongsTo, promotes, ...)
                           and kg:partOf: in/out degree, PageRank
  the article-entity graph which article mentions which entity
  slogan diffusion         for each slogan, the divisions mentioned in the same
                           articles, the article dates, its first appearance
                           and its spread (distinct divisions by date)

and write, into OUT/analysis/ (or --output DIR):

  report.md                a readable summary with plots (plots/*.svg)
  nodes.csv                one row per entity: type, label, articles, metrics
  communities.csv, components.csv, relations.csv, articles.csv
  slogans.csv, slogan_diffusion.csv, slogan_divisions.csv
  export/{entity,comention,bipartite}.{graphml,gexf,json}
                           the graphs with their metrics, for Gephi, yEd,
                           Cytoscape (GraphML, GEXF) or code (node-link JSON)

Results are reproducible: sampled betweenness (graphs of more than
%(sample)d entities) and Louvain communities use --seed.
""" + textwrap.fill(CSV_RULE, 78).replace("%", "%%") + """
"""
EXAMPLES = """\
examples:
  kg build articles/ -o out && kg analyze out
  kg analyze out --seed 7                      other communities, same data
  kg analyze out --no-betweenness --formats graphml
  kg analyze out -o /tmp/analysis --quiet
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help=HELP, description=DESCRIPTION % {"sample": SAMPLE_ABOVE},
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", metavar="OUT", help="a folder written by 'kg build' (holds OUT/store)")
    p.add_argument("-o", "--output", metavar="DIR",
                   help="where to write the results (default: OUT/analysis)")
    add_period(p)
    p.add_argument("--seed", type=int, default=0,
                   help="seed of Louvain and sampled betweenness (default: %(default)s)")
    p.add_argument("--no-betweenness", dest="betweenness", action="store_false",
                   help="skip betweenness, the slowest metric on large graphs")
    p.add_argument("--pivots", type=int, default=SAMPLE_K, metavar="K",
                   help=f"betweenness pivots sampled above {SAMPLE_ABOVE} entities "
                        "(default: %(default)s)")
    p.add_argument("--formats", default=",".join(FORMATS), metavar="LIST",
                   help="graph exports, comma-separated from graphml,gexf,json; "
                        "'none' for none (default: %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(run=run)


def parse_formats(text: str) -> list[str]:
    if text.strip().lower() in ("", "none"):
        return []
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown format(s) {', '.join(bad)}; "
                                         f"choose from {', '.join(FORMATS)} or none")
    return formats


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically: a temporary file renamed over it.

    CSV files start with a byte-order mark: without it Excel reads UTF-8 as the
    system's code page (GBK on Chinese Windows) and shows every label garbled;
    pandas, Python's csv (encoding="utf-8-sig") and LibreOffice skip it.
    """
    encoding = "utf-8-sig" if path.suffix == ".csv" else "utf-8"  # CSV_RULE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
                fh.write(text)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=path,
                          hint="choose a folder you can write to with -o") from exc
    return path


def run(args: argparse.Namespace) -> int:
    try:
        formats = parse_formats(args.formats)
    except argparse.ArgumentTypeError as exc:
        print(f"kg analyze: error: {exc}", file=__import__("sys").stderr)
        return 2
    dataset = load_graph(args.out)
    a = analyze(dataset, seed=args.seed, betweenness=args.betweenness, k=args.pivots,
                since=args.since, until=args.until)
    target = Path(args.output) if args.output else Path(args.out) / "analysis"
    written: list[Path] = []
    for name, text in tables(a).items():
        written.append(write_text(target / name, text))
    svgs = plots(a)
    for name, svg in svgs.items():
        written.append(write_text(target / "plots" / name, svg))
    written.append(write_text(target / "report.md", markdown(a, svgs)))
    for which in ("entity", "comention", "bipartite"):
        if not formats:
            break
        g = a.annotated(which)
        for fmt in formats:
            written.append(write_text(target / "export" / f"{which}.{fmt}", export(g, fmt)))
    if not args.quiet:
        print(summary(a, target, written))
    return 0


def summary(a, target: Path, written: list[Path]) -> str:
    c = a.corpus
    lines = ["", "kg analyze summary", "-" * 44,
             f"articles        {len(c.articles):>8}",
             f"entities        {len(c.entities):>8}",
             f"relations       {len(c.relations):>8}   (kg:partOf included)",
             f"co-mentions     {a.comention_graph.number_of_edges():>8}",
             f"communities     {sum(1 for x in a.communities if len(x) > 1):>8}   "
             "(of two or more)",
             f"components      {len(a.components):>8}",
             f"slogans         {len(a.diffusion):>8}", "-" * 44]
    top = a.top(5)
    if top:
        lines.append("top by PageRank: " + "、".join(a.label(x) for x in top))
    lines.append(f"{len(written)} files in {target}/ ; start with {target / 'report.md'}")
    return "\n".join(lines)
