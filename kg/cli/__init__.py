"""The ``kg`` command: a thin layer over kg's importable functions.

Each subcommand parses its arguments, calls one function, prints the result and
returns an exit status: 0 success, 1 some input failed or the graph violates the
shapes, 2 usage or environment error (bad path, unwritable output).
"""
from __future__ import annotations

import argparse
import sys

from kg import __version__
from kg.cli import analyze_cmd, build_cmd, eval_cmd, export_cmd, viz_cmd
from kg.cli import query_cmd, serve_cmd, push_cmd, train_cmd
from kg.errors import KgError

EPILOG = """\
Typical session:
  kg build articles/ -o out          build the graph of a folder of articles
  kg export out                      graph.trig and graph.ttl of a large build
  kg analyze out                     metrics, communities, slogan diffusion (out/analysis/)
  kg viz out                         an interactive page that opens offline (out/viz/graph.html)
  kg viz out --focus 辽中区 --depth 2  the neighbourhood of one entity
  kg eval gold.jsonl articles/       score extraction against your own annotations
  kg train gold.jsonl articles/ -o my-model   a model for your own genre (kg build --model)

Run 'kg COMMAND --help' for the options of each command.
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kg",
        description="Turn a folder of Chinese local-governance news into an RDF knowledge graph.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    build_cmd.register(sub)
    export_cmd.register(sub)
    eval_cmd.register(sub)
    train_cmd.register(sub)
    analyze_cmd.register(sub)
    viz_cmd.register(sub)
    query_cmd.register(sub)
    serve_cmd.register(sub)
    push_cmd.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not getattr(args, "run", None):
        p.print_help()
        return 2
    try:
        return args.run(args)
    except KgError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted; outputs already written are intact", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
