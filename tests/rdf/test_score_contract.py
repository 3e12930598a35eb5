"""The written graph satisfies the evaluation's reading contract (../shared/eval/score.py, facts.py).

The scorer is imported from its file, not copied, so a change to the contract
fails here.  Skipped, with the reason, when ../shared/eval is not present.
"""
from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path
from types import ModuleType

import pytest

from kg.rdf.export import write_outputs
from kg.rdf.graph import build_dataset
from kg.rdf.resources import ontology_dir

from tests.rdf.conftest import extraction_a, extraction_b

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"

pytestmark = [
    pytest.mark.skipif(not (EVAL / "score.py").is_file(),
                       reason=f"the evaluation scripts are not at {EVAL} (../shared/eval)"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),  # rdflib's own TriG parser
]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"kg_eval_{name}", EVAL / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def score() -> ModuleType:
    return _load("score")


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    write_outputs(build_dataset([extraction_a(), extraction_b()]), out)
    return out


EXPECTED_A = {
    "AdministrativeDivision": [{"辽中区", "沈阳市辽中区"}, {"花园路街道"}],
    "Programme": [{"振兴大讲堂"}, {"理论超市", "理论超市进基层活动"}],
    "Slogan": [{"四位一体"}],
    "Organization": [{"区委党校", "辽中区委党校"}],
    "LectureGroup": [{"劳模宣讲团"}],
    "Person": [{"李进媛"}, {"汤龙"}],
}


def _sorted(pred: dict) -> dict:
    return {cat: sorted(map(sorted, names)) for cat, names in pred.items()}


@pytest.mark.parametrize("with_ontology", [False, True])
def test_predictions_find_every_entity(score, out_dir, with_ontology) -> None:
    roots = [str(out_dir)] + ([str(ontology_dir())] if with_ontology else [])
    ds = score.load(roots)
    pred = score.predictions(ds, ["a01.txt", "b02.txt", "unrelated.txt"])
    assert set(pred) == {"a01.txt", "b02.txt"}
    assert _sorted(pred["a01.txt"]) == _sorted(EXPECTED_A)
    # b02 names the same two entities: one node each, so the labels a01 gave them come along
    assert _sorted(pred["b02.txt"]) == _sorted({"AdministrativeDivision": [{"辽中区", "沈阳市辽中区"}],
                                                "Programme": [{"理论超市", "理论超市进基层活动"}]})


def test_article_is_tied_by_file_name_not_by_folder(score, out_dir) -> None:
    # the id is dir/a01.txt; gold names the file only
    assert "a01.txt" in score.predictions(score.load([str(out_dir)]), ["a01.txt"])


def test_perfect_gold_scores_one(score, out_dir) -> None:
    gold = [{"file": "a01.txt", "entities": [
        {"type": cat, "names": sorted(names)} for cat, group in EXPECTED_A.items() for names in group
    ] + [{"type": "AdministrativeDivision", "names": ["沈阳市"], "optional": True}]}]
    result = score.score(gold, score.predictions(score.load([str(out_dir)]), ["a01.txt"]))
    totals = {k: sum(c[k] for c in result["counts"].values()) for k in ("tp", "fp", "fn")}
    assert totals == {"tp": 9, "fp": 0, "fn": 0}, result["misses"]


def test_facts_reading_contract(out_dir, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(EVAL))  # facts.py imports score as a top-level module
    monkeypatch.delitem(sys.modules, "score", raising=False)
    facts = _load("facts")
    ds = facts.load([str(out_dir)])
    articles, classes, by_label = facts.index(ds)
    blocked = articles | classes
    heads = facts.nodes_for(["辽中区", "沈阳市辽中区"], by_label)
    assert len(heads) == 1  # one node for 辽中区 across both articles
    assert facts.linked(ds, heads, facts.nodes_for(["振兴大讲堂"], by_label), blocked)       # runs
    assert facts.linked(ds, facts.nodes_for(["区委党校"], by_label), heads, blocked)       # belongsTo
    assert not facts.linked(ds, facts.nodes_for(["四位一体"], by_label),
                            facts.nodes_for(["劳模宣讲团"], by_label), blocked)  # nothing invented
