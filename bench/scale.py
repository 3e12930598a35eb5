#!/usr/bin/env python3
"""``kg build`` on 1,000 to 100,000 articles: wall time, throughput, memory, store size,
and an incremental rebuild.

    .venv/bin/python bench/scale.py                         # 1k and 10k, --jobs 1 and 2
    .venv/bin/python bench/scale.py --sizes 100000 --jobs 2 # the 100k run (about 30 min)
    .venv/bin/python bench/scale.py --sizes 1000 --json out.json

The corpora are made at run time (in a temporary folder, never committed) from
the 80 dev articles in ``../shared/eval/dev``: variants whose body paragraphs, and
the sentences inside them, are shuffled by a seeded RNG, so no two files are
byte-identical (the header lines stay first, so metadata parses the same).

For each size and ``--jobs`` value, one ``kg build CORPUS -o OUT --jobs N --quiet``
runs as a subprocess, and the script reports:

* wall time, articles/s and characters/s;
* characters/s as a ratio to raw ``jieba.lcut`` on the same texts, measured in
  this run (jieba's own Python segmenter, one core; per core for kg: divided by N);
* peak RSS: the largest sum of the resident memory of the build's process tree,
  sampled every 0.2 s (psutil), and the builder's own peak;
* the store's size on disk;
* with ``--rebuild`` (the default for the largest ``--jobs``): 1% of the articles
  changed (a sentence appended), then the same build again: its wall time and
  its share of the full build's.

Not a unit test: the figures go in bench/README.md and the closing notes.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
KG = ROOT / ".venv" / "bin" / "kg"
_SENTENCE = re.compile(r"(?<=[。！？!?；])")


def make_corpus(dev: Path, n: int, folder: Path, seed: int = 0) -> list[Path]:
    """Write ``n`` variants of the articles in ``dev`` into ``folder`` (1,000 per subfolder)."""
    sources = sorted(p for p in dev.iterdir() if p.suffix == ".txt")
    if not sources:
        raise SystemExit(f"no .txt articles in {dev}")
    texts = [p.read_text("utf-8") for p in sources]
    rng = random.Random(seed)
    written = []
    for i in range(n):
        k = i % len(sources)
        text = texts[k] if i < len(sources) else shuffled(texts[k], rng)
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{sources[k].stem}_{i:06d}.txt"
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def shuffled(text: str, rng: random.Random) -> str:
    """``text`` with its body paragraphs, and the sentences of each, in another order;
    the first third of the non-empty lines (title, date, source) stays in place."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    head_end = filled[max(1, len(filled) // 3) - 1] + 1 if filled else 0
    head, body = lines[:head_end], [line for line in lines[head_end:] if line.strip()]
    out = []
    for para in body:
        pieces = [s for s in _SENTENCE.split(para.strip()) if s]
        rng.shuffle(pieces)
        out.append("".join(pieces))
    rng.shuffle(out)
    return "\n".join(head) + "\n\n" + "\n\n".join(out) + "\n"


def jieba_rate(paths: list[Path], limit: int = 1500) -> float:
    """Characters per second of raw jieba.lcut (one core) over some of the texts."""
    import jieba

    jieba.initialize()
    texts = [p.read_text("utf-8") for p in paths[:limit]]
    chars = sum(len(t) for t in texts)
    started = time.perf_counter()
    for t in texts:
        jieba.lcut(t)
    return chars / (time.perf_counter() - started)


class TreeMemory:
    """Peak of the summed RSS of a process and its children, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.parent_peak = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                procs = [root] + root.children(recursive=True)
                rss = [p.memory_info().rss for p in procs]
                self.peak = max(self.peak, sum(rss))
                self.parent_peak = max(self.parent_peak, rss[0])
            except psutil.Error:
                pass
            self._stop.wait(0.2)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_build(corpus: Path, out: Path, jobs: int, extra: list[str] = ()) -> dict:
    command = [str(KG), "build", str(corpus), "-o", str(out), "--jobs", str(jobs), "--quiet",
               *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    memory = TreeMemory(proc.pid)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    memory.stop()
    report = json.loads((out / "build.json").read_text("utf-8"))
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{stderr.decode()[-2000:]}")
    return {"wall": wall, "peak_rss_mb": memory.peak / 2**20,
            "builder_rss_mb": memory.parent_peak / 2**20, "report": report,
            "exit": proc.returncode}


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def change(paths: list[Path], share: float, seed: int = 1) -> int:
    rng = random.Random(seed)
    chosen = rng.sample(paths, max(1, int(len(paths) * share)))
    for p in chosen:
        with open(p, "a", encoding="utf-8") as fh:
            # a sentence with a body and a lecture group: the article's graph changes
            fh.write(f"\n第{rng.randint(1, 99)}期：某某县委宣传部组织百姓宣讲团开展宣讲活动。\n")
    return len(chosen)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--no-rebuild", dest="rebuild", action="store_false")
    ap.add_argument("--keep", action="store_true", help="keep the corpora and outputs")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    if not KG.exists():
        raise SystemExit("run `make install` first (no .venv/bin/kg)")
    work = Path(tempfile.mkdtemp(prefix="kg-bench-scale-"))
    results = []
    try:
        for n in args.sizes:
            corpus = work / f"corpus{n}"
            paths = make_corpus(args.dev, n, corpus)
            chars = sum(len(p.read_text("utf-8")) for p in paths)
            rate = jieba_rate(paths)
            print(f"\n{n:,} articles, {chars:,} characters; raw jieba.lcut: {rate:,.0f} chars/s",
                  flush=True)
            for jobs in args.jobs:
                out = work / f"out{n}_{jobs}"
                r = run_build(corpus, out, jobs)
                row = {"articles": n, "jobs": jobs, "characters": chars, "wall_s": round(r["wall"], 1),
                       "articles_per_s": round(n / r["wall"], 1),
                       "chars_per_s": round(chars / r["wall"]),
                       "ratio_to_jieba_per_core": round(chars / r["wall"] / jobs / rate, 3),
                       "peak_rss_mb": round(r["peak_rss_mb"]),
                       "builder_rss_mb": round(r["builder_rss_mb"]),
                       "store_mb": round(du(out / "store") / 2**20),
                       "triples": r["report"]["triples"], "failed": len(r["report"]["failed"]),
                       "conforms": r["report"]["conforms"], "jieba_chars_per_s": round(rate)}
                print(f"  --jobs {jobs}: {row['wall_s']} s, {row['articles_per_s']} articles/s, "
                      f"{row['chars_per_s']:,} chars/s ({row['ratio_to_jieba_per_core']}x jieba "
                      f"per core), peak RSS {row['peak_rss_mb']} MB (builder "
                      f"{row['builder_rss_mb']} MB), store {row['store_mb']} MB, "
                      f"{row['triples']:,} triples, conforms {row['conforms']}", flush=True)
                if args.rebuild and jobs == max(args.jobs):
                    changed = change(paths, 0.01)
                    again = run_build(corpus, out, jobs)
                    rep = again["report"]
                    row.update({"rebuild_changed": changed, "rebuild_wall_s": round(again["wall"], 1),
                                "rebuild_share": round(again["wall"] / r["wall"], 3),
                                "rebuild_counts": {k: rep[k] for k in ("extracted", "added", "replaced",
                                                                       "unchanged", "removed")}})
                    print(f"  rebuild after changing {changed} articles: {row['rebuild_wall_s']} s "
                          f"({row['rebuild_share']:.1%} of the full build), {row['rebuild_counts']}",
                          flush=True)
                results.append(row)
                if not args.keep:
                    shutil.rmtree(out, ignore_errors=True)
            if not args.keep:
                shutil.rmtree(corpus, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept: {work}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
