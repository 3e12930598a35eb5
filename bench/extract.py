#!/usr/bin/env python3
"""Extraction benchmark: dev-set scores and throughput, with raw jieba beside it.

    .venv/bin/python bench/extract.py [--dev ../shared/eval/dev] [--repeat 3]

Reads the dev articles from ../shared (never copied into the repo), then reports

* per-type precision / recall / F1 of ``kg eval`` on ``dev.gold.jsonl``;
* throughput in characters per second of the extraction pipeline (all
  extractors, jieba segmentation included) on the normalised texts, and of
  ``jieba.lcut`` and ``jieba.posseg.lcut`` on the same texts, after warm-up;
* ingest throughput (decode, pinyin, t2s, metadata) separately;
* fact recall (runs, belongsTo, promotes, holdsPost, figure, since) of the built
  graph, by the reference ``facts.py`` on ``dev.facts.jsonl`` (precision of
  relations is read by hand: ``bench/sample_relations.py``).
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.evaluate import evaluate  # noqa: E402
from kg.extract.registry import Pipeline  # noqa: E402
from kg.ingest import find_articles, read_article  # noqa: E402


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--gold", default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scale", type=int, default=20, help="repeat the corpus N times for timing")
    args = ap.parse_args()
    dev = Path(args.dev)
    gold = Path(args.gold) if args.gold else dev.parent / "dev.gold.jsonl"
    if not dev.is_dir():
        print(f"dev articles not found at {dev}: pass --dev", file=sys.stderr)
        return 2

    pipeline = Pipeline()
    result = evaluate(gold, dev, pipeline=pipeline)
    print(f"dev set: {dev}")
    print(f"{'type':24} {'P':>6} {'R':>6} {'F1':>6}")
    for cat, c in result.per_type.items():
        print(f"{cat:24} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}")
    m = result.micro
    print(f"{'micro':24} {m.precision:6.3f} {m.recall:6.3f} {m.f1:6.3f}\n")

    facts, scorer = dev.parent / "dev.facts.jsonl", dev.parent / "facts.py"
    if facts.is_file() and scorer.is_file():
        import subprocess
        import tempfile

        from kg.build import build
        with tempfile.TemporaryDirectory() as out:
            build([dev], out, check_shapes=False)
            run = subprocess.run([sys.executable, str(scorer), "--facts", str(facts), "--rdf", out,
                                  "--rdf", str(ROOT / "ontology")], capture_output=True, text=True)
        print("fact recall (facts.py):")
        print("\n".join("  " + line for line in run.stdout.strip().splitlines()) + "\n")

    paths = find_articles([dev])
    t = time.perf_counter()
    articles = [read_article(p, i) for p, i in paths]
    ingest_s = time.perf_counter() - t  # first pass includes loading OpenCC/pypinyin
    ingest_s = min(ingest_s, best_of(lambda: [read_article(p, i) for p, i in paths], args.repeat))
    raw_chars = sum(len(a.original) for a in articles)
    # Distinct texts per timing run: the segmenter caches the last text it saw.
    corpus = [a for _ in range(args.scale) for a in articles]
    chars = sum(len(a.text) for a in corpus)

    def run_pipeline():
        for a in corpus:
            pipeline.segmenter._cache = None
            pipeline(a)

    import jieba
    import jieba.posseg
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts = [a.text for a in corpus]
    jieba.lcut(texts[0])
    jieba.posseg.lcut(texts[0])
    pipe_s = best_of(run_pipeline, args.repeat)
    lcut_s = best_of(lambda: [jieba.lcut(t) for t in texts], args.repeat)
    pos_s = best_of(lambda: [jieba.posseg.lcut(t) for t in texts], args.repeat)

    print(f"throughput on {len(corpus)} articles ({chars:,} normalised characters):")
    rows = [("kg extraction pipeline", pipe_s), ("jieba.lcut", lcut_s), ("jieba.posseg.lcut", pos_s)]
    for name, s in rows:
        print(f"  {name:24} {chars / s:12,.0f} chars/s")
    print(f"  ratio pipeline / jieba.lcut: {lcut_s / pipe_s:.2f} (1.0 = as fast as raw jieba)")
    print(f"  ingest (decode, pinyin, t2s, metadata): {raw_chars / ingest_s:,.0f} chars/s "
          f"({len(articles)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
