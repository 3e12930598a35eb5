#!/usr/bin/env python3
"""Viz benchmark: HTML size and time to a settled layout in headless Chromium.

    .venv/bin/python bench/viz.py [--nodes 2000] [--runs 3] [--physics-too]

Makes a synthetic graph shaped like kg's (six entity types, a preferential-
attachment edge set, Chinese labels, a tooltip with an evidence sentence per
node), turns it into the page ``kg viz`` writes (kg.viz.to_network + to_html),
and opens it in Debian's Chromium (/usr/bin/chromium, driven by playwright;
never ``playwright install``).  Reported:

* the Python side: layout (kg.viz.layout, seeded) and rendering time, HTML size;
* the browser side: time from navigation start to the page's "settled" mark
  (``data-kg-state="settled"``: stabilisation finished and physics switched off,
  or -- with positions computed by kg -- the first frame drawn), median of runs,
  and the wall time of ``goto`` to settled as seen by the driver.

``--physics-too`` also measures the same graph laid out by vis-network's physics
in the browser (bounded stabilisation, then physics off), for comparison.
Pages are written to a temporary folder.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from kg.viz import to_html, to_network  # noqa: E402

TYPES = ("AdministrativeDivision", "Organization", "LectureGroup", "Programme", "Slogan",
         "Person")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync"]
SENTENCE = "沈阳市辽中区组织劳模宣讲团深入基层，围绕“四个全面”战略布局开展宣讲，现场互动式活动50余场。"


def synthetic(n: int, seed: int = 1) -> nx.MultiDiGraph:
    g = nx.barabasi_albert_graph(n, 2, seed=seed)
    pr = nx.pagerank(g)
    v = nx.MultiDiGraph()
    for node in g.nodes:
        t = TYPES[node % len(TYPES)]
        v.add_node(f"e{node}", label=f"实体{node}号", type=t, value=pr[node], search=[],
                   title=f"实体{node}号\n{t}\nPageRank {pr[node]:.4f}\n“{SENTENCE}”\n— a{node}.txt")
    for i, (u, w) in enumerate(g.edges):
        if i % 10 == 0:
            v.add_edge(f"e{u}", f"e{w}", label="runs", title="runs", kind="relation",
                       arrows="to", width=2)
        else:
            v.add_edge(f"e{u}", f"e{w}", label="", title="co-mentioned", kind="comention",
                       arrows="", width=1, dashes=True)
    v.graph.update(title=f"synthetic {n}", caption=f"{n} nodes")
    return v


def measure(page_path: Path, runs: int, timeout_s: float) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright
    inside, wall = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            t0 = time.perf_counter()
            page.goto(page_path.as_uri())
            page.wait_for_function(
                "document.documentElement.getAttribute('data-kg-state') === 'settled'",
                timeout=timeout_s * 1000)
            wall.append(time.perf_counter() - t0)
            inside.append(page.evaluate("window.kgSettledMs") / 1000)
            if errors:
                raise SystemExit(f"page errors: {errors}")
            page.close()
        browser.close()
    return inside, wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--physics-too", action="store_true",
                    help="also time in-browser physics on the same graph")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per page load")
    args = ap.parse_args()
    if not Path("/usr/bin/chromium").exists():
        print("bench/viz.py: /usr/bin/chromium is missing (apt-get install chromium)")
        return 1
    view = synthetic(args.nodes)
    modes = ["fixed"] + (["physics"] if args.physics_too else [])
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-viz-") as tmp:
        for mode in modes:
            t0 = time.perf_counter()
            net = to_network(view, mode=mode)
            t1 = time.perf_counter()
            html = to_html(net)
            t2 = time.perf_counter()
            path = Path(tmp) / f"{mode}.html"
            path.write_text(html, "utf-8")
            inside, wall = measure(path, args.runs, args.timeout)
            rows.append((mode, len(net.nodes), len(net.edges), len(html.encode("utf-8")),
                         t1 - t0, t2 - t1, statistics.median(inside), statistics.median(wall)))
    print(f"{'mode':8} {'nodes':>6} {'edges':>6} {'HTML MB':>8} {'layout s':>9} {'render s':>9} "
          f"{'settled s':>10} {'goto→settled s':>15}")
    for mode, n, e, size, lay, ren, ins, wal in rows:
        print(f"{mode:8} {n:>6} {e:>6} {size / 1e6:>8.2f} {lay:>9.2f} {ren:>9.2f} {ins:>10.2f} "
              f"{wal:>15.2f}")
    print(f"(median of {args.runs} runs; settled = navigation start to physics off / first "
          "frame, measured in the page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
