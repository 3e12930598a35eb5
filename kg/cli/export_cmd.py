"""``kg export``: graph.trig and graph.ttl written from a built store."""
from __future__ import annotations

import argparse
from pathlib import Path

from kg.rdf.dump import export_store

HELP = "write graph.trig and graph.ttl from the store a build made"
DESCRIPTION = """\
Write the graph that `kg build` stored in OUT/store as two files:

  graph.trig   one named graph per article (replace an article as a unit)
  graph.ttl    the union of all articles, for tools that ignore named graphs

kg build writes them itself for a graph of up to a few thousand articles; for a
larger one run this when you want the files (they take about as much disk as the
store and a few seconds per 100,000 triples).  Both are written to temporary
files and renamed into place together.
"""
EXAMPLES = """\
examples:
  kg export out                     out/graph.trig and out/graph.ttl
  kg export out --to /data/share    the files elsewhere

exit status: 0 written; 2 no store in OUT, or the folder cannot be written.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help=HELP, description=DESCRIPTION, epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", metavar="OUT", help="a folder written by kg build (holds OUT/store)")
    p.add_argument("--to", metavar="FOLDER", default=None,
                   help="where to write the files (default: OUT)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    files = export_store(args.out, args.to)
    for path in files.values():
        print(Path(path))
    return 0
