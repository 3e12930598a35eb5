#!/usr/bin/env python3
"""How long ``kg build`` takes on a corpus of thousands of articles, phase by phase.

    .venv/bin/python bench/build.py                    # 1,000 articles
    .venv/bin/python bench/build.py --articles 5000 --rebuild

The corpus is made at run time from the 20 dev articles in ``../shared/eval/dev``
(read from there, never copied into the repo): ``--articles N`` variants are
written to a temporary folder, each under its own file name, the first 20 as
they are and the others with their body paragraphs, and the sentences inside
them, shuffled by a seeded RNG (the header lines — title, date, source — stay
first, so the reader parses the same metadata).  Variants of one article share
its entities, as articles of a real corpus share their places and programmes.

Then one real ``kg.build.build(corpus, OUT)`` runs, timed per phase by wrapping
the functions ``build`` calls (this script monkeypatches ``kg.build``; the
product has no timing code):

* setup: making the extraction pipeline (jieba's dictionary ...);
* extract: reading and extracting the articles (the ``extract_corpus`` generator);
* graph: making each article's graph (and whatever build does with it per article);
* validate: SHACL validation;
* write: ``graph.trig`` and ``graph.ttl``;
* store: ``OUT/store`` (Oxigraph);
* other: the rest (finding files, build.json, ...).

These are wall times of the thread that calls ``build``.  Work that ``build``
hands to a thread of its own (kg writes the exports' and the store's temporary
files with Oxigraph while pyshacl runs) is timed apart and printed in brackets:
it overlaps the validate phase, and write and store then show only the wait
for it and the renames.

It prints seconds per phase, articles per second, triples, and the peak RSS of
the process (``resource.getrusage``).  ``--rebuild`` builds a second time into the
same OUT (the store then exists: the per-article update path).  ``--json FILE``
also writes the figures as JSON.  Not a unit test.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kg.build  # noqa: E402

PHASES = ("setup", "extract", "graph", "validate", "write", "store")
# Names in kg.build whose calls make each phase; names the module lacks are skipped,
# so the script times older and newer versions of build() alike.
HOOKS = {
    "setup": ("Pipeline",),
    "extract": ("extract_corpus",),
    "graph": ("add_article", "_article_graph", "Staging.commit"),
    "validate": ("validate", "UnionValidator.add", "UnionValidator.run"),
    "write": ("write_outputs", "_Background.exports_ready", "write_exports"),
    "store": ("load_into_store", "_Background.store_ready", "load_staged"),
}
# Work build() hands to a thread (run beside the validation): timed on its own, not
# part of the phases above, which are the wall time of build()'s own thread.
BACKGROUND = {"write": ("export_temps",), "store": ("prepare_store",)}
_SENTENCE = re.compile(r"(?<=[。！？!?；])")


def make_corpus(dev: Path, n: int, folder: Path, seed: int) -> list[Path]:
    """Write ``n`` variants of the articles in ``dev`` into ``folder``."""
    sources = sorted(p for p in dev.iterdir() if p.suffix == ".txt")
    if not sources:
        raise SystemExit(f"no .txt articles in {dev}")
    texts = [p.read_text("utf-8") for p in sources]
    rng = random.Random(seed)
    written = []
    for i in range(n):
        k = i % len(sources)
        text = texts[k] if i < len(sources) else shuffled(texts[k], rng)
        path = folder / f"{sources[k].stem}_{i:06d}.txt"
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def shuffled(text: str, rng: random.Random) -> str:
    """``text`` with its body paragraphs, and the sentences of each, in another order.

    The first third of the non-empty lines (at least one: the title, date and
    source lines of a scraped page) stays in place.
    """
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


class Timer:
    """Wraps functions of ``kg.build`` and adds up the time spent in them, per phase."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(PHASES, 0.0)
        self.background = dict.fromkeys(BACKGROUND, 0.0)
        self._depth = 0  # a hooked function called from another: counted once
        self._undo: list = []

    @contextmanager
    def _phase(self, phase: str):
        if self._depth:
            yield
            return
        self._depth += 1
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[phase] += time.perf_counter() - started
            self._depth -= 1

    def wrap(self, phase: str, fn):
        if isinstance(fn, type) and phase == "setup":  # a class: time its construction
            timer = self

            def make(*args, **kwargs):
                with timer._phase(phase):
                    return fn(*args, **kwargs)
            return make
        if phase == "extract":  # a generator: time each step
            def generate(*args, **kwargs):
                it = iter(fn(*args, **kwargs))
                while True:
                    with self._phase(phase):
                        try:
                            item = next(it)
                        except StopIteration:
                            return
                    yield item
            return generate

        def timed(*args, **kwargs):
            with self._phase(phase):
                return fn(*args, **kwargs)
        return timed

    def wrap_background(self, phase: str, fn):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.background[phase] += time.perf_counter() - started
        return timed

    def install(self) -> list[str]:
        hooked = []
        for phase, names in BACKGROUND.items():
            for name in names:
                if hasattr(kg.build, name):
                    real = getattr(kg.build, name)
                    self._undo.append((kg.build, name, real))
                    setattr(kg.build, name, self.wrap_background(phase, real))
                    hooked.append(f"{phase} (thread):{name}")
        for phase, names in HOOKS.items():
            for name in names:
                owner, attr = kg.build, name
                if "." in name:
                    cls, attr = name.split(".")
                    owner = getattr(kg.build, cls, None)
                if owner is None or not hasattr(owner, attr):
                    continue
                real = owner.__dict__[attr] if isinstance(owner, type) else getattr(owner, attr)
                self._undo.append((owner, attr, real))
                setattr(owner, attr, self.wrap(phase, real))
                hooked.append(f"{phase}:{name}")
        return hooked

    def remove(self) -> None:
        for owner, attr, real in reversed(self._undo):
            setattr(owner, attr, real)
        self._undo.clear()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_build(corpus: Path, out: Path, label: str, validate: bool) -> dict:
    timer = Timer()
    hooked = timer.install()
    started = time.perf_counter()
    try:
        report = kg.build.build([corpus], out, check_shapes=validate)
    finally:
        total = time.perf_counter() - started
        timer.remove()
    phases = dict(timer.seconds)
    phases["other"] = max(0.0, total - sum(phases.values()))
    result = {
        "run": label, "articles": report.articles, "failed": len(report.failures),
        "triples": report.triples,
        "quads_in_store": None if report.store is None else report.store.quads,
        "conforms": None if report.validation is None else report.validation.conforms,
        "seconds": {k: round(v, 2) for k, v in phases.items()}, "total": round(total, 2),
        "in_thread": {k: round(v, 2) for k, v in timer.background.items() if v},
        "articles_per_second": round(report.articles / total, 1) if total else None,
        "peak_rss_mb": round(peak_mb()), "hooked": hooked,
        "sizes_mb": {p.name: round(p.stat().st_size / 2**20, 1)
                     for p in (out / "graph.trig", out / "graph.ttl") if p.exists()},
    }
    if report.failures:
        result["first_failures"] = [f"{f.path}: {f.message}" for f in report.failures[:5]]
    return result


def show(result: dict) -> None:
    print(f"\n{result['run']}: {result['articles']} articles ({result['failed']} failed), "
          f"{result['triples']:,} triples, {result['quads_in_store']:,} quads in the store, "
          f"conforms: {result['conforms']}")
    for phase, sec in result["seconds"].items():
        share = 100 * sec / result["total"] if result["total"] else 0
        print(f"  {phase:9} {sec:8.2f} s  {share:5.1f} %")
    for phase, sec in result["in_thread"].items():
        print(f"  ({phase} in the thread, beside validate: {sec:.2f} s)")
    print(f"  {'total':9} {result['total']:8.2f} s   {result['articles_per_second']} articles/s, "
          f"peak RSS {result['peak_rss_mb']} MB, files {result['sizes_mb']}")
    for line in result.get("first_failures", []):
        print(f"  failed: {line}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000, metavar="N")
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-validate", dest="validate", action="store_false")
    ap.add_argument("--rebuild", action="store_true",
                    help="build again into the same OUT (store update path)")
    ap.add_argument("--keep", metavar="DIR", help="make the corpus and OUT in DIR and keep them")
    ap.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    args = ap.parse_args()
    dev = Path(args.dev)
    if not dev.is_dir():
        print(f"dev articles not found at {dev}: pass --dev", file=sys.stderr)
        return 2
    import logging
    logging.getLogger("jieba").setLevel(logging.WARNING)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus, out = work / "corpus", work / "out"
        if corpus.exists():
            shutil.rmtree(corpus)
        corpus.mkdir()
        make_corpus(dev, args.articles, corpus, args.seed)
        print(f"kg: {Path(kg.build.__file__).parent}; corpus: {args.articles} articles "
              f"from {dev} (seed {args.seed}) in {corpus}")
        results = [run_build(corpus, out, "build", args.validate)]
        show(results[-1])
        if args.rebuild:
            results.append(run_build(corpus, out, "rebuild (same OUT)", args.validate))
            show(results[-1])
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2), "utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
