"""How fast kg analyze and kg viz load a built graph: graph.trig against OUT/store.

    .venv/bin/python bench/load.py                        # 200,000 and 1,000,000 triples
    .venv/bin/python bench/load.py --triples 200000 --runs 1

``kg.analysis.load_graph`` used to parse ``OUT/graph.trig`` with rdflib's TriG
parser; it now reads ``OUT/store`` (kg build's Oxigraph store) when there is
one and builds the same rdflib Dataset from it.  For each size:

1. the synthetic corpus of ``bench/sparql.py`` (kg's shape: articles, sentences,
   mentions with offsets, relations with their kg:Assertion, entities with @zh
   labels recurring with a Zipf-like frequency, divisions with their kg:partOf
   chain) is generated until the union has ``--triples`` triples, parsed into
   an rdflib Dataset (what kg build holds) and written as kg build writes it:
   ``write_outputs`` (graph.trig, graph.ttl), ``load_into_store`` (store/),
   then build.json;
2. ``load_graph(OUT, store=False)`` (TriG), ``load_graph(OUT)`` (the store) and
   ``load_graph(OUT)`` while another process holds the store open read-write,
   as ``kg serve`` does, each in a fresh process, ``--runs`` times (median).
   *peak memory* is what loading added to the process's peak RSS
   (``resource.getrusage``, largest of the runs).

Every load must give the same Dataset (triples, named graphs, an order-free
checksum of all quads, prefixes) and the store loads must really read the store
(not fall back to graph.trig).  Exits 1 otherwise, or when the store is not
faster.  Not a unit test.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import multiprocessing as mp
import queue as queue_module
import resource
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _corpus_module():
    """bench/sparql.py, whose ``generate`` writes the synthetic corpus (reused, not copied)."""
    spec = importlib.util.spec_from_file_location("bench_sparql", ROOT / "bench" / "sparql.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_output(target: int, out: str, queue) -> None:
    """The corpus, written into ``out`` as kg build writes it."""
    from rdflib import Dataset
    from kg.rdf.export import write_outputs
    from kg.rdf.store import load_into_store
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    nquads, union = folder.parent / "graphs.nq", folder.parent / "union.nt"
    counts = _corpus_module().generate(nquads, union, target)
    union.unlink()
    ds = Dataset(default_union=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds.parse(nquads, format="nquads")
    nquads.unlink()
    t = time.perf_counter()
    write_outputs(ds, folder)
    counts["write_outputs"] = time.perf_counter() - t
    t = time.perf_counter()
    counts["store_quads"] = load_into_store(ds, folder).quads
    counts["load_into_store"] = time.perf_counter() - t
    # last, as kg build writes it: a graph.trig newer than build.json means an unfinished build
    (folder / "build.json").write_text(json.dumps({"bench": "load.py"}), "utf-8")
    counts["trig_mb"] = (folder / "graph.trig").stat().st_size / 1e6
    counts["store_mb"] = sum(f.stat().st_size for f in (folder / "store").rglob("*")
                             if f.is_file()) / 1e6
    queue.put(counts)


class _Sources(logging.Handler):
    """Which file load_graph read (its debug log) and why it fell back (its info log)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record) -> None:
        self.messages.append(record.getMessage())


def load(out: str, use_store: bool, queue) -> None:
    """One load_graph in this (fresh) process: seconds, added peak memory, what it read."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
    from kg.analysis import load_graph
    sources = _Sources()
    logger = logging.getLogger("kg.analysis")
    logger.addHandler(sources)
    logger.setLevel(logging.DEBUG)
    before = _peak_mb()
    t = time.perf_counter()
    ds = load_graph(out, store=use_store)
    seconds = time.perf_counter() - t
    memory = _peak_mb() - before
    graphs = [g for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)]
    checksum = 0
    for s, p, o, g in ds.quads((None, None, None, None)):
        checksum = (checksum + hash((s, p, o, getattr(g, "identifier", g)))) % (1 << 64)
    queue.put({"seconds": seconds, "memory": memory, "triples": len(ds),
               "quads": sum(len(g) for g in graphs), "graphs": len(graphs),
               "checksum": checksum, "prefixes": sorted((p, str(n)) for p, n in ds.namespaces()),
               "log": sources.messages})


def hold_store(out: str, ready, release) -> None:
    """Keep ``OUT/store`` open read-write (and so locked), as ``kg serve`` does."""
    import pyoxigraph as ox
    store = ox.Store(str(Path(out) / "store"))
    ready.set()
    release.wait(600)
    del store


def in_process(target, *args):
    """``target(*args, queue)`` in a forked process; what it put on the queue."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    while True:
        try:
            result = queue.get(timeout=1)
            break
        except queue_module.Empty:
            if not proc.is_alive():
                raise SystemExit(f"{target.__name__} failed (exit {proc.exitcode})") from None
    proc.join()
    return result


def measure(out: str, use_store: bool, runs: int, held: bool = False) -> dict:
    results = []
    for _ in range(runs):
        holder = None
        if held:
            ctx = mp.get_context("fork")
            ready, release = ctx.Event(), ctx.Event()
            holder = ctx.Process(target=hold_store, args=(out, ready, release))
            holder.start()
            if not ready.wait(60):
                raise SystemExit("the process holding the store did not start")
        try:
            results.append(in_process(load, out, use_store))
        finally:
            if holder is not None:
                release.set()
                holder.join()
    first = dict(results[0])
    first["seconds"] = statistics.median(r["seconds"] for r in results)
    first["memory"] = max(r["memory"] for r in results)
    first["same_runs"] = all(r["checksum"] == first["checksum"] for r in results)
    first["log"] = sorted({m for r in results for m in r["log"]})
    return first


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=lambda s: [int(x) for x in s.split(",")],
                    default=[200_000, 1_000_000],
                    help="triples in the union, comma-separated sizes (default 200000,1000000)")
    ap.add_argument("--runs", type=int, default=3, help="loads per source, median (default 3)")
    ap.add_argument("--keep", metavar="DIR", help="write the outputs here and keep them")
    args = ap.parse_args(argv)

    rows, ok = [], True
    with tempfile.TemporaryDirectory(prefix="kg-bench-load-") as tmp:
        for target in args.triples:
            out = str(Path(args.keep or tmp) / f"out-{target}" / "out")
            t = time.perf_counter()
            counts = in_process(make_output, target, out)
            print(f"{counts['triples']:,} triples in {counts['articles']:,} article graphs "
                  f"({counts['quads']:,} quads): graph.trig {counts['trig_mb']:.0f} MB, store "
                  f"{counts['store_mb']:.0f} MB ({counts['store_quads']:,} quads); written in "
                  f"{time.perf_counter() - t:.0f} s (write_outputs {counts['write_outputs']:.0f} s,"
                  f" load_into_store {counts['load_into_store']:.0f} s)", flush=True)
            trig = measure(out, False, args.runs)
            print(f"  graph.trig: {trig['seconds']:.2f} s, {trig['memory']:.0f} MB", flush=True)
            store = measure(out, True, args.runs)
            print(f"  store: {store['seconds']:.2f} s, {store['memory']:.0f} MB", flush=True)
            held = measure(out, True, args.runs, held=True)
            print(f"  store held by another process: {held['seconds']:.2f} s, "
                  f"{held['memory']:.0f} MB", flush=True)
            keys = ("triples", "quads", "graphs", "checksum", "prefixes")
            same = all(r[k] == trig[k] for r in (store, held) for k in keys) and all(
                r["same_runs"] for r in (trig, store, held))
            from_store = all(m.startswith("read ") and m.endswith("store")
                             for r in (store, held) for m in r["log"])
            faster = store["seconds"] < trig["seconds"] and held["seconds"] < trig["seconds"]
            for r in (store, held):
                for m in r["log"]:
                    if not m.endswith("store"):
                        print(f"  ! {m}")
            ok = ok and same and from_store and faster
            rows.append((counts, trig, store, held, same, from_store))

    print()
    print("| triples (union) | article graphs | source | load | peak memory added | "
          "vs graph.trig |")
    print("|---:|---:|---|---:|---:|---:|")
    for counts, trig, store, held, same, from_store in rows:
        for label, r in (("graph.trig (rdflib TriG parser)", trig), ("OUT/store", store),
                         ("OUT/store, held by another process", held)):
            print(f"| {counts['triples']:,} | {counts['articles']:,} | {label} | "
                  f"{r['seconds']:.2f} s | {r['memory']:.0f} MB | "
                  f"{trig['seconds'] / r['seconds']:.1f}× |")
    print()
    for counts, trig, store, held, same, from_store in rows:
        print(f"{counts['triples']:,} triples: same Dataset from both sources: "
              f"{'yes' if same else 'NO'}; store loads read the store: "
              f"{'yes' if from_store else 'NO'}")
    print(f"median of {args.runs} loads, each in a fresh process; "
          f"store faster everywhere: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
