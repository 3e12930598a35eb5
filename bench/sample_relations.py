#!/usr/bin/env python3
"""Print a random sample of extracted relations with their evidence, for a precision check by hand.

    .venv/bin/python bench/sample_relations.py ../shared/eval/dev -n 50 --seed 7

Recall is measured by ../shared/eval/facts.py; precision of relations has no gold,
so it is read by a person: each line gives the relation and the sentence that
states it.  Write the verdicts beside the output (bench/README.md keeps the last count).
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract.registry import Pipeline  # noqa: E402
from kg.ingest import find_articles, read_article  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--model", default="default",
                    help="model folder (kg train); to check facts out of fold, give a fold's "
                         "model and that fold's held-out articles")
    args = ap.parse_args()
    pipeline = Pipeline(model=args.model)
    rows = []
    for path, article_id in find_articles(args.inputs):
        ex = pipeline(read_article(path, article_id))
        names = {m.key: m.canonical for m in ex.mentions}
        for r in ex.relations:
            quals = "".join(f" [{k}={v}]" for k, v in r.qualifiers)
            rows.append((article_id, f"{names[r.head]} —{r.predicate}→ {names[r.tail]}{quals}",
                         ex.article.sentence_text(r.sentence)))
        for f in ex.figures:
            rows.append((article_id, f"{names[f.about]} —figure→ {f.value} {f.unit}"
                                     f"{' (approx.)' if f.approximate else ''} counts={f.counts}",
                         ex.article.sentence_text(f.sentence)))
        for a in ex.attributes:
            rows.append((article_id, f"{names[a.head]} —{a.predicate}→ {a.value}",
                         ex.article.sentence_text(a.sentence)))
    random.Random(args.seed).shuffle(rows)
    for i, (article, fact, sentence) in enumerate(rows[:args.n], 1):
        print(f"{i:3}. [{article}] {fact}\n     {sentence[:160]}")
    print(f"\n{len(rows)} facts in all; {min(args.n, len(rows))} shown")
    return 0


if __name__ == "__main__":
    sys.exit(main())
