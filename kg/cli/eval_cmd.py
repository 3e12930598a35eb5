"""``kg eval``: precision, recall and F1 of extraction against your own gold."""
from __future__ import annotations

import argparse
import sys
import json

from kg.evaluate import EvalResult, evaluate

HELP = "score extraction against gold annotations (per-type P/R/F1, misses)"
DESCRIPTION = """\
Build the graph of the articles listed in GOLD (found under ARTICLES) in memory
and compare the entities with the gold ones, per type: precision, recall, F1.

GOLD is JSON Lines, one article per line, as in the annotation guideline:
  {"file": "a01.txt", "entities": [
     {"type": "AdministrativeDivision", "names": ["辽中区", "沈阳市辽中区"]},
     {"type": "Slogan", "names": ["中梗阻"], "optional": true}]}
types: AdministrativeDivision, Organization, LectureGroup, Programme, Slogan, Person.
A predicted entity matches a gold one when any of their names agree (quotes,
spaces and full/half width ignored); optional entities neither count nor punish.
"""
EXAMPLES = """\
examples:
  kg eval my-gold.jsonl my-articles/
  kg eval my-gold.jsonl my-articles/ --misses      list every miss and spurious entity
  kg eval my-gold.jsonl my-articles/ --json > scores.json
  kg eval my-gold.jsonl my-articles/ --model my-model   score a model from `kg train`
  (score articles the model did not learn from: the score of its own training
  articles says little about new ones; `kg train` reports cross-validated scores)

exit status: 0 scored; 1 some gold files were not found under ARTICLES (listed,
not scored) or some articles could not be read; 2 none of the gold's files is
there, or a bad gold file.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help=HELP, description=DESCRIPTION, epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold annotations (JSON Lines)")
    p.add_argument("articles", metavar="ARTICLES", help="folder (or file) holding the articles")
    p.add_argument("--misses", action="store_true", help="list every missed and spurious entity")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--model", default="default", metavar="MODEL",
                   help="entity model folder written by `kg train`; 'none' for the rules alone "
                        "(default: the model kg ships)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = evaluate(args.gold, args.articles, model=args.model)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        if args.misses:
            for m in result.misses:
                print("\t".join(m))
            print()
        print(table(result))
    if result.missing:
        shown = ", ".join(result.missing[:10]) + (" …" if len(result.missing) > 10 else "")
        print(f"kg eval: {len(result.missing)} gold file(s) not found under {args.articles}, "
              f"not scored: {shown}", file=sys.stderr)
    return 1 if result.failures or result.missing else 0


def table(result: EvalResult) -> str:
    lines = [f"{'type':24} {'P':>6} {'R':>6} {'F1':>6}  tp/fp/fn"]
    for cat, c in result.per_type.items():
        lines.append(f"{cat:24} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}  {c.tp}/{c.fp}/{c.fn}")
    m = result.micro
    lines.append(f"micro P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}")
    for path, reason in result.failures:
        lines.append(f"could not read {path}: {reason}")
    return "\n".join(lines)
