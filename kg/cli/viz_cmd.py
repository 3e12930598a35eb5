"""``kg viz``: an interactive HTML page of the graph that works offline."""
from __future__ import annotations

import argparse

from kg.cli.period import add_period
from pathlib import Path

from kg.analysis import analyze, load_graph
from kg.cli.analyze_cmd import write_text
from kg.viz import (DEFAULT_PER_NODE, DEFAULT_TOP, focus_file_name, focus_view, graph_view,
                    slogan_view, to_html)

HELP = "an interactive HTML graph (one file, works offline)"
DESCRIPTION = """\
Draw the graph that 'kg build' wrote into OUT as one self-contained HTML page:
open it in any browser, offline, or send it by e-mail; nothing is fetched.

Nodes are entities, coloured by type (the legend doubles as a filter: untick a
type to hide it) and sized by PageRank; arrows carry relation names (runs,
belongsTo, promotes, coOrganizes, holdsPost, partOf); dashed grey lines join
entities mentioned in the same articles.  Hover a node for its type, figures,
an evidence sentence and the article it comes from; click it to keep the
details in the side panel; search names in the box.

Three views:
  (default)        the whole graph, capped to the --top entities by PageRank
  --focus NAME     the neighbourhood of one entity (--depth links away)
  --slogans        slogans linked to the divisions they appear with, ordered
                   and coloured by first appearance

Up to %(physics)d nodes the page lays the graph out itself, then freezes it;
larger views are laid out by kg (seeded) and drawn without physics.
"""
EXAMPLES = """\
examples:
  kg viz out                                  -> out/viz/graph.html
  kg viz out --top 1000 -o big.html
  kg viz out --focus 辽中区 --depth 2          -> out/viz/focus-辽中区.html
  kg viz out --slogans                        -> out/viz/slogans.html
"""


def register(sub: argparse._SubParsersAction) -> None:
    from kg.viz import PHYSICS_MAX
    p = sub.add_parser("viz", help=HELP, description=DESCRIPTION % {"physics": PHYSICS_MAX},
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", metavar="OUT", help="a folder written by 'kg build' (holds OUT/store)")
    p.add_argument("-o", "--output", metavar="FILE.html",
                   help="the page to write (default: OUT/viz/graph.html, "
                        "focus-NAME.html or slogans.html)")
    view = p.add_mutually_exclusive_group()
    view.add_argument("--focus", metavar="NAME",
                      help="show the neighbourhood of this entity (a label, alias, division "
                           "code or IRI)")
    view.add_argument("--slogans", action="store_true", help="show the slogan-diffusion view")
    p.add_argument("--depth", type=int, default=2, metavar="D",
                   help="with --focus: links away from the entity (default: %(default)s)")
    p.add_argument("--through-hubs", action="store_true",
                   help="with --focus: go on through hubs, entities linked to most of the "
                        "graph (default: show them, do not expand them)")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--top", type=int, default=DEFAULT_TOP, metavar="N",
                      help="at most N nodes, highest PageRank first (default: %(default)s)")
    size.add_argument("--all", action="store_true", help="no cap on the number of nodes")
    p.add_argument("--comentions", type=int, default=DEFAULT_PER_NODE, metavar="K",
                   help="co-mention lines kept per entity, its strongest (default: "
                        "%(default)s; 0 for none)")
    p.add_argument("--layout", choices=("auto", "physics", "fixed"), default="auto",
                   help="physics: laid out in the browser; fixed: laid out by kg; "
                        "auto: physics up to the limit above (default)")
    add_period(p)
    p.add_argument("--seed", type=int, default=0, help="layout seed (default: %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.depth < 0 or (args.top is not None and args.top < 1) or args.comentions < 0:
        print("kg viz: error: --depth and --comentions must be >= 0, --top >= 1",
              file=__import__("sys").stderr)
        return 2
    top = None if args.all else args.top
    mode = None if args.layout == "auto" else args.layout
    a = analyze(load_graph(args.out), betweenness=False, seed=args.seed, since=args.since,
                until=args.until)
    if args.focus:
        net = focus_view(a, args.focus, depth=args.depth, top=top, per_node=args.comentions,
                         mode=mode, seed=args.seed, through_hubs=args.through_hubs)
        default = focus_file_name(args.focus)
    elif args.slogans:
        net = slogan_view(a, top=top)
        default = "slogans.html"
    else:
        net = graph_view(a, top=top, per_node=args.comentions, mode=mode, seed=args.seed)
        default = "graph.html"
    target = Path(args.output) if args.output else Path(args.out) / "viz" / default
    page = to_html(net)
    write_text(target, page)
    if not args.quiet:
        print(f"wrote {target} ({len(page.encode('utf-8')) / 1e6:.1f} MB): {len(net.nodes):,} "
              f"nodes, {len(net.edges):,} edges")
        print(f"  {net.caption}")
        print("  open it in any browser; it works offline (everything is in the file)")
    return 0
