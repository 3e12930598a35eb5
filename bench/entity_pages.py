"""How long kg serve's entity pages take on a large graph: the hubs are the worst case.

    python bench/entity_pages.py --out OUT            # an existing build
    python bench/entity_pages.py --articles 2000      # build that many dev variants first

Times :func:`kg.query.entity.describe` (every query of a page) and the HTML of the
``--top`` most mentioned entities (a national leader, the big provinces: hundreds of
relations, thousands of articles) and of a random sample of the others, and prints
the median and the slowest.  Target: every page under 2 s on 100,000 articles
(kg serve's default time limit is 30 s).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.query.entity import describe
from kg.query.entity_page import render_entity

HERE = Path(__file__).resolve().parent
TOP = """PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT ?e (COUNT(*) AS ?n) WHERE { ?a kg:mentions ?e } GROUP BY ?e ORDER BY DESC(?n)"""


def build(articles: int, folder: Path) -> Path:
    sys.path.insert(0, str(HERE))
    from scale import make_corpus, run_build  # bench/scale.py: the same varied corpora

    corpus, out = folder / "corpus", folder / "out"
    make_corpus(HERE.parent.parent / "shared" / "eval" / "dev", articles, corpus)
    built = run_build(corpus, out, jobs=2)
    print(f"built {articles:,} articles in {built['wall']:.1f} s (peak RSS "
          f"{built['peak_rss_mb']:.0f} MB, {len(built['report']['duplicates']):,} duplicates)")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="an existing kg build folder")
    ap.add_argument("--articles", type=int, default=2000, help="else build this many (dev variants)")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--sample", type=int, default=50)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or build(args.articles, Path(tmp))
        store = ox.Store.read_only(str(out / "store"))
        ranked = [(r["e"].value, int(r["n"].value)) for r in store.query(TOP)]
        rng = random.Random(0)
        rest = ranked[args.top:]
        picks = ranked[:args.top] + rng.sample(rest, min(args.sample, len(rest)))
        times = []
        for iri, n in picks:
            started = time.perf_counter()
            view = describe(store, iri)
            render_entity(view, nonce="bench")
            times.append((time.perf_counter() - started, view.label, n))
        articles = sum(1 for _ in store.named_graphs())
        print(f"{articles:,} articles, {len(ranked):,} entities mentioned")
        for seconds, label, n in sorted(times, reverse=True)[:5]:
            print(f"  {seconds:6.3f} s  {label} (in {n:,} articles)")
        print(f"median {statistics.median(t for t, _, _ in times):.3f} s, "
              f"slowest {max(t for t, _, _ in times):.3f} s over {len(times)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
