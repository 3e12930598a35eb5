#!/usr/bin/env python3
"""Extraction benchmark: cross-validated scores on dev, val aggregates, throughput.

    .venv/bin/python bench/extract.py [--dev ../shared/eval/dev] [--val] [--jobs 2]

Reads the articles from ../shared (never copied into the repo), then reports

* **cross-validated dev scores** (5 folds by article: each article is scored by a
  model trained on the other four fifths, ``kg.training.cv``): per type, for the
  rules alone, the CRF alone and the pipeline ``kg build`` runs (rules + model);
* **fact recall** of the same out-of-fold builds by the reference ``facts.py``;
* with ``--val``, the aggregate scores of the two shipped models on ``../shared/eval/val``
  (entity F1 per type, micro, fact recall; nothing else is printed: val is scores
  only, never read to tune anything);
* training time of the shipped model on all dev articles (``kg train``);
* throughput in characters per second of the whole extraction pipeline, with and
  without the model, beside ``jieba.lcut`` on the same texts, and of ingest.
"""
from __future__ import annotations

import argparse
import gc
import json
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.evaluate import CATEGORIES  # noqa: E402
from kg.extract.registry import Pipeline  # noqa: E402
from kg.ingest import find_articles, read_article  # noqa: E402
from kg.training.cv import cross_validate  # noqa: E402
from kg.training.train import train_model  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def facts(facts_file: Path, rdf: Path) -> str:
    run = subprocess.run([sys.executable, str(SHARED / "facts.py"), "--facts", str(facts_file),
                          "--rdf", str(rdf), "--rdf", str(ROOT / "ontology")],
                         capture_output=True, text=True)
    return run.stdout.strip()


def entity_scores(gold: Path, rdf: Path) -> dict:
    run = subprocess.run([sys.executable, str(SHARED / "score.py"), "--gold", str(gold),
                          "--rdf", str(rdf), "--rdf", str(ROOT / "ontology"), "--json"],
                         capture_output=True, text=True)
    return json.loads(run.stdout)


def table(rows: dict[str, dict]) -> None:
    print(f"  {'type':24}" + "".join(f" {name:>16}" for name in rows))
    print(f"  {'':24}" + "".join(f" {'P    R    F1':>16}" for _ in rows))
    for cat in [*CATEGORIES, "micro"]:
        cells = []
        for r in rows.values():
            c = r[cat]
            cells.append(f" {c['p']:.2f} {c['r']:.2f} {c['f']:.3f}")
        print(f"  {cat:24}" + "".join(f"{c:>17}" for c in cells))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default=str(SHARED / "dev"))
    ap.add_argument("--val", action="store_true", help="also print the val aggregates")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scale", type=int, default=5, help="repeat the corpus N times for timing")
    ap.add_argument("--skip-cv", action="store_true")
    args = ap.parse_args()
    dev = Path(args.dev)
    gold = dev.parent / "dev.gold.jsonl"
    if not dev.is_dir():
        print(f"dev articles not found at {dev}: pass --dev", file=sys.stderr)
        return 2

    if not args.skip_cv:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            cv = cross_validate(gold, dev, jobs=args.jobs, keep_models=Path(tmp) / "models",
                                facts=dev.parent / "dev.facts.jsonl")
            print(f"dev, 5-fold cross-validation by article ({time.perf_counter() - t:.0f} s, "
                  f"{args.jobs} processes):")
            table({"rules": cv["rules"], "CRF alone": cv["crf"], "rules + model": cv["model"]})
            # Fact recall of the out-of-fold builds: each fold's held-out articles
            # built with that fold's model (and with the rules alone).
            for label, model_of in (("rules", lambda k: None),
                                    ("rules + model", lambda k: Path(tmp) / "models" / f"fold{k}")):
                outs = Path(tmp) / label.replace(" ", "")
                for k, files in cv["files"].items():
                    paths = [dev / f for f in files]
                    build(paths, outs / f"fold{k}", check_shapes=False, model=model_of(k))
                print(f"  fact recall, {label}: " + facts(dev.parent / "dev.facts.jsonl", outs)
                      .splitlines()[-1].replace("fact recall ", ""))
                print("    " + "  ".join(line.split()[0] + " " + line.split()[-1] for line in
                                         facts(dev.parent / "dev.facts.jsonl", outs).splitlines()[:-1]))
            print()

    for shipped in ("default", "accurate") if args.val and (SHARED / "val").is_dir() else ():
        with tempfile.TemporaryDirectory() as out:
            build([SHARED / "val"], out, check_shapes=False, model=shipped)
            s = entity_scores(SHARED / "val.gold.jsonl", Path(out))
            print(f"val (aggregates only), the shipped model --model {shipped}:")
            print("  " + "  ".join(f"{c} {s['per_type'][c]['f']:.3f}" for c in CATEGORIES))
            print(f"  micro P {s['micro']['p']:.3f} R {s['micro']['r']:.3f} F1 {s['micro']['f']:.3f}")
            print("  " + facts(SHARED / "val.facts.jsonl", Path(out)).splitlines()[-1] + "\n")

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        train_model(gold, dev, Path(tmp) / "m", facts=dev.parent / "dev.facts.jsonl")
        print(f"training on all {len(list(dev.glob('*.txt')))} dev articles: "
              f"{time.perf_counter() - t:.0f} s (one process)\n")

    paths = find_articles([dev])
    t = time.perf_counter()
    articles = [read_article(p, i) for p, i in paths]
    ingest_s = min(time.perf_counter() - t,
                   best_of(lambda: [read_article(p, i) for p, i in paths], args.repeat))
    raw_chars = sum(len(a.original) for a in articles)
    corpus = [a for _ in range(args.scale) for a in articles]
    chars = sum(len(a.text) for a in corpus)
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts = [a.text for a in corpus]
    # What training left in memory (its examples, the folds' models) is not what a build
    # worker holds: freeze it, so the collector does not rescan it while we time.
    gc.collect()
    gc.freeze()
    rows = []
    for label, model in (("kg pipeline, rules + model", "default"), ("kg pipeline, rules alone", None),
                         ("kg pipeline, --model accurate", "accurate")):
        pipeline = Pipeline(model=model)
        pipeline(corpus[0])

        def run(pipeline=pipeline):
            for a in corpus:
                pipeline.segmenter._cache.clear()  # the segmenter caches recent texts
                pipeline(a)
        rows.append((label, best_of(run, args.repeat)))
    rows.append(("jieba.lcut", best_of(lambda: [jieba.lcut(t) for t in texts], args.repeat)))
    print(f"throughput on {len(corpus)} articles ({chars:,} normalised characters), one core:")
    for name, s in rows:
        print(f"  {name:28} {chars / s:12,.0f} chars/s  ({rows[-1][1] / s:.2f} x jieba.lcut)")
    print(f"  ingest (decode, pinyin, t2s, metadata): {raw_chars / ingest_s:,.0f} chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
