"""Cross-validated fact recall of the relation and figure model (kg.extract.pairs).

    .venv/bin/python bench/pairs_cv.py [--dev ../shared/eval/dev] [--facts ../shared/eval/dev.facts.jsonl]

Articles are split into five folds by file name (fold = index % 5 of the sorted
names); each fold's articles are scored by a model trained on the other four, so
no article is scored by a model that saw it.  The held-out graphs of all folds
are written together as TriG and read by the reference ``facts.py``, once for the
rules alone and once for rules + model.  Then the relations the model added are
counted and a random sample is printed with its sentence, for a hand check of
precision.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.registry import Pipeline  # noqa: E402
from kg.ingest import find_articles, read_article  # noqa: E402
from kg.extract.pairs import Models, apply_pairs, train_pairs, with_records  # noqa: E402
from kg.model import Figure, Relation  # noqa: E402
from kg.rdf.graph import add_article, new_dataset  # noqa: E402


def write(extractions, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    ds = new_dataset()
    for ex in extractions:
        add_article(ds, ex)
    (folder / "graph.trig").write_text(ds.serialize(format="trig"), "utf-8")
    return folder


def facts_report(scorer: Path, facts: Path, folder: Path) -> dict[str, str]:
    out = subprocess.run([sys.executable, str(scorer), "--facts", str(facts), "--rdf", str(folder),
                          "--rdf", str(ROOT / "ontology")], capture_output=True, text=True,
                         check=True, cwd=scorer.parent).stdout
    rows = {}
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("fact recall"):
            rows["overall"] = " ".join(parts[2:])
        elif parts:
            rows[parts[0]] = " ".join(parts[1:])
    return rows


def main() -> int:
    shared = ROOT.parent / "shared" / "eval"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=shared / "dev")
    ap.add_argument("--facts", type=Path, default=shared / "dev.facts.jsonl")
    ap.add_argument("--scorer", type=Path, default=shared / "facts.py")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("-n", "--samples", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--l2", type=float, default=3.0)
    ap.add_argument("--min-precision", type=float, default=None)
    ap.add_argument("--model", default="none", help="entity model for the pipeline (default: rules)")
    args = ap.parse_args()

    pipeline = Pipeline(model=args.model)
    found = sorted(find_articles([args.dev]), key=lambda pa: pa[0].name)
    extractions = [pipeline(read_article(path, aid)) for path, aid in found]
    records = [json.loads(line) for line in args.facts.read_text("utf-8").splitlines() if line.strip()]

    held: list = [None] * len(extractions)
    added: list[tuple] = []
    train_s, apply_s = [], []
    for k in range(args.folds):
        train = [ex for i, ex in enumerate(extractions) if i % args.folds != k]
        t0 = time.perf_counter()
        options = {} if args.min_precision is None else {"min_precision": args.min_precision}
        data = train_pairs(train, records, segmenter=pipeline.segmenter, l2=args.l2, **options)
        train_s.append(time.perf_counter() - t0)
        models = Models(json.loads(json.dumps(data)))  # as it would be read from disk
        print(f"fold {k}: " + ", ".join(f"{kind} t={m['threshold']} oof {m['meta']['oof_correct']}/"
                                        f"{m['meta']['oof_accepted']}"
                                        for kind, m in data["kinds"].items()))
        for i, ex in enumerate(extractions):
            if i % args.folds != k:
                continue
            t0 = time.perf_counter()
            new = apply_pairs(ex, models, segmenter=pipeline.segmenter)
            apply_s.append(time.perf_counter() - t0)
            held[i] = with_records(ex, new)
            added += [(ex, r) for r in new]

    with tempfile.TemporaryDirectory(prefix="kg-pairs-cv-") as tmp:
        rules = facts_report(args.scorer, args.facts, write(extractions, Path(tmp) / "rules"))
        model = facts_report(args.scorer, args.facts, write(held, Path(tmp) / "model"))
    print(f"\n{'kind':10} {'rules':>16} {'rules+model':>16}")
    for kind in [*sorted(k for k in rules if k != "overall"), "overall"]:
        print(f"{kind:10} {rules.get(kind, ''):>16} {model.get(kind, ''):>16}")

    rels = [(ex, r) for ex, r in added if isinstance(r, Relation)]
    figs = [(ex, r) for ex, r in added if isinstance(r, Figure)]
    print(f"\nadded {len(rels)} relations ({dict(Counter(r.predicate for _, r in rels))}) "
          f"and {len(figs)} figures over {len(extractions)} articles")
    print(f"training {sum(train_s) / len(train_s):.2f} s per fold; apply "
          f"{1000 * sum(apply_s) / len(apply_s):.1f} ms per article")
    names = {}
    for ex in extractions:
        for m in ex.mentions:
            names.setdefault((ex.article.name, m.key), m.canonical)
    rng = random.Random(args.seed)
    for title, pool in (("relations", rels), ("figures", figs)):
        print(f"\n{min(args.samples, len(pool))} random added {title}:")
        for ex, r in rng.sample(pool, min(args.samples, len(pool))):
            sentence = ex.article.sentence_text(r.sentence).replace("\n", " ")
            if isinstance(r, Relation):
                what = (f"{r.predicate}({names.get((ex.article.name, r.head), r.head[1])} → "
                        f"{names.get((ex.article.name, r.tail), r.tail[1])}"
                        f"{', ' + dict(r.qualifiers)['post'] if r.predicate == 'holdsPost' else ''})")
            else:
                what = f"figure({names.get((ex.article.name, r.about), r.about[1])} = {r.surface})"
            print(f"- {ex.article.name} {what}\n    {sentence[:220]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
