#!/usr/bin/env python3
"""Score kg on the invented articles (bench/invented/README.md): entity F1 per type,
micro, and fact recall, for each half, by the reference scorers of ../shared/eval.

    .venv/bin/python bench/invented.py [--model none|DIR] [--half train|test|fresh]

The held-out sets (test, and fresh: the fourth round, 2026-12-08) are for scores only:
this script prints no misses for them.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "bench" / "invented"
SHARED = ROOT.parent / "shared" / "eval"


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="'none' for the rules alone (default: the shipped model)")
    ap.add_argument("--half", choices=("train", "test", "fresh"), action="append")
    args = ap.parse_args()
    if not (SHARED / "score.py").is_file():
        print(f"the reference scorers are missing: {SHARED}", file=sys.stderr)
        return 2
    kg = str(Path(sys.executable).with_name("kg"))
    for half in args.half or ("train", "test", "fresh"):
        with tempfile.TemporaryDirectory() as out:
            cmd = [kg, "build", str(HERE / half / "articles"), "-o", out, "-q"]
            if args.model:
                cmd += ["--model", args.model]
            subprocess.run(cmd, capture_output=True, cwd=ROOT)
            scores = run(sys.executable, str(SHARED / "score.py"), "--gold", str(HERE / half / "gold.jsonl"),
                         "--rdf", out, "--rdf", str(ROOT / "ontology"))
            facts = run(sys.executable, str(SHARED / "facts.py"), "--facts", str(HERE / half / "facts.jsonl"),
                        "--rdf", out, "--rdf", str(ROOT / "ontology"))
        print(f"== {half} ({'may be read' if half == 'train' else 'held out'})")
        print("\n".join(scores.strip().splitlines()[-7:]))
        print(facts.strip().splitlines()[-1] if facts.strip() else "fact recall: ?")
    return 0


if __name__ == "__main__":
    sys.exit(main())
