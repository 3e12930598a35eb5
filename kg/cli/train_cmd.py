"""``kg train``: an entity model for your own articles, from your own annotations."""
from __future__ import annotations

import argparse
import json
import sys

from kg.training import train_model
from kg.training.train import DECISIONS

HELP = "train the entity model on your own annotated articles"
DESCRIPTION = """\
Learn from articles you annotated (GOLD, in the format `kg eval` reads) and
write a model folder that `kg build --model MODEL` and `kg eval --model MODEL`
use.  kg ships a model trained on 80 annotated articles of People's Daily local
channels and county media; a model of your own fits your genre better.

What is learned: a CRF over the characters (its features include the rule
extractors' proposals, jieba words, quote marks, surnames), and a span model
that decides among the rules' proposals, the CRF's spans and their variants.
For each entity type, the rules alone decide where, on your articles, the model
did no better than them out of fold.

GOLD is JSON Lines, one article per line (see `kg eval --help`); a few dozen
articles already help; every required entity should be annotated, since an
entity left out teaches the model that its name is none.  Training is
deterministic (same articles and gold, same model) and takes a minute or two
for 80 articles.  MODEL/report.md gives the cross-validated scores: each
article scored by models that did not learn from it.
"""
EXAMPLES = """\
examples:
  kg train my-gold.jsonl my-articles/ -o my-model
  kg build new-articles/ -o out --model my-model
  kg train my-gold.jsonl my-articles/ -o my-model --facts my-facts.jsonl
  kg train my-gold.jsonl my-articles/ -o my-model --cv     also cross-validate
                                                           the whole pipeline (slower)
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help=HELP, description=DESCRIPTION, epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold annotations (JSON Lines)")
    p.add_argument("articles", metavar="ARTICLES", help="folder (or file) holding the articles")
    p.add_argument("-o", "--out", required=True, metavar="MODEL", help="model folder to write")
    p.add_argument("--facts", metavar="FACTS.jsonl",
                   help="salient facts of the same articles (runs, belongsTo, promotes, holdsPost, "
                        "figure): also train the relation and figure model")
    p.add_argument("--folds", type=int, default=5,
                   help="cross-validation folds, by article (default: %(default)s)")
    p.add_argument("--decide", choices=DECISIONS, default="cv",
                   help="who decides each entity type: cv (default) the model where it beat the rules "
                        "out of fold; model or rules for every type (model: when kg's rules were "
                        "written on these very articles, their out-of-fold figure is in-sample)")
    p.add_argument("--cv", action="store_true",
                   help="also score the whole pipeline, fold by fold, into MODEL/cv.json")
    p.add_argument("--jobs", type=int, default=2, help="processes for --cv (default: %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.folds < 2:
        print("kg train: error: --folds must be at least 2", file=sys.stderr)
        return 2
    say = (lambda _: None) if args.quiet else (lambda m: print(f"kg train: {m}", file=sys.stderr))
    report = train_model(args.gold, args.articles, args.out, folds=args.folds, facts=args.facts,
                         decide=args.decide, progress=say)
    if args.cv:
        from kg.training.cv import cross_validate
        result = cross_validate(args.gold, args.articles, folds=args.folds, jobs=args.jobs,
                                facts=args.facts, progress=say)
        (report.model / "cv.json").write_text(json.dumps(result, ensure_ascii=False, indent=1),
                                              "utf-8")
    if not args.quiet:
        print((report.model / "report.md").read_text("utf-8"))
        if args.cv:
            print("whole pipeline, out of fold (MODEL/cv.json):")
            for name in ("rules", "model"):
                m = result[name]["micro"]
                print(f"  {name:6} micro P {m['p']:.3f} R {m['r']:.3f} F1 {m['f']:.3f}")
        print(f"model written to {report.model} ({report.articles} articles, "
              f"{report.seconds:.0f} s); use it with: kg build ARTICLES -o OUT --model {report.model}")
    return 0
