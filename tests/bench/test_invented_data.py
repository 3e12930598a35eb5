"""The invented articles of bench/invented are well-formed benchmark data: every
gold and facts line reads as kg eval and kg train read it, every file exists, and
every fact names an entity of its article's gold (FACTS.md).  No test reads what
they say: the held-out half is for scores only."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import load_gold, normalise, read_records

HERE = Path(__file__).resolve().parents[2] / "bench" / "invented"


@pytest.mark.parametrize("half", ["train", "test"])
def test_the_gold_and_facts_of_each_half_fit_together(half):
    gold = load_gold(HERE / half / "gold.jsonl")
    files = {p.name for p in (HERE / half / "articles").iterdir()}
    assert {g["file"] for g in gold} == files and len(gold) == len(files) >= 40
    names = {g["file"]: {normalise(n) for e in g["entities"] for n in e["names"]} for g in gold}
    facts = [rec for _, rec in read_records(HERE / half / "facts.jsonl", "facts", "facts")]
    assert {f["file"] for f in facts} <= files
    for record in facts:
        for fact in record["facts"]:
            for end in ("head", "tail"):
                if end in fact:
                    assert {normalise(n) for n in fact[end]} & names[record["file"]], (record["file"], fact)
