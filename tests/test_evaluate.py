"""kg eval: gold parsing, scoring rules, and agreement with the reference scorer."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import InputError
from kg.evaluate import evaluate, load_gold, score

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"


def test_gold_errors_name_the_line(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"file": "a.txt", "entities": []}\n{not json}\n', "utf-8")
    with pytest.raises(InputError, match=r"g\.jsonl:2"):
        load_gold(gold)
    gold.write_text('{"file": "a.txt", "entities": [{"type": "Thing", "names": ["x"]}]}\n', "utf-8")
    with pytest.raises(InputError, match="needs a type"):
        load_gold(gold)


def test_matching_is_one_to_one_and_optional_neither_counts_nor_punishes():
    gold = [{"file": "a.txt", "entities": [
        {"type": "Slogan", "names": ["四个全面"]},
        {"type": "Slogan", "names": ["中梗阻"], "optional": True},
        {"type": "Person", "names": ["习近平"]}]}]
    pred = {"a.txt": {"Slogan": [{"四个全面"}, {"四个全面战略布局", "四个全面"}, {"中梗阻"}],
                      "Person": []}}
    result = score(gold, pred)
    s = result.per_type["Slogan"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)  # the second 四个全面 is spurious; 中梗阻 is free
    p = result.per_type["Person"]
    assert (p.tp, p.fp, p.fn) == (0, 0, 1)
    assert ("a.txt", "Person", "missed", "习近平") in result.misses


@pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="../shared/eval is not beside the repo")
def test_agrees_with_the_reference_scorer_on_the_seeds(tmp_path):
    gold = SHARED / "seeds.gold.jsonl"
    build([ROOT / "seeds"], tmp_path / "out", check_shapes=False)
    ref = subprocess.run([sys.executable, str(SHARED / "score.py"), "--gold", str(gold),
                          "--rdf", str(tmp_path / "out"), "--rdf", str(ROOT / "ontology"), "--json"],
                         capture_output=True, text=True, check=True)
    expected = json.loads(ref.stdout)["counts"]
    ours = evaluate(gold, ROOT / "seeds")
    assert {k: vars(v) for k, v in ours.per_type.items()} == expected
    assert ours.micro.tp > 0


def test_a_folder_without_the_gold_files_is_an_error_naming_them(tmp_path, capsys):
    from kg.cli import main
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"file": "a.txt", "entities": []}\n{"file": "b.txt", "entities": []}\n', "utf-8")
    with pytest.raises(InputError) as err:
        evaluate(gold, ROOT / "seeds")
    assert "none of the gold's 2 files" in str(err.value) and "a.txt" in str(err.value)
    assert main(["eval", str(gold), str(ROOT / "seeds")]) == 2


def test_gold_files_not_found_are_listed_not_scored_and_exit_1(tmp_path, capsys):
    from kg.cli import main
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0].name
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"file": seed, "entities": [{"type": "Person", "names": ["某甲"]}]})
                    + "\n" + json.dumps({"file": "gone.txt", "entities": [
                        {"type": "Person", "names": ["某乙"]}]}) + "\n", "utf-8")
    result = evaluate(gold, ROOT / "seeds")
    assert result.missing == ["gone.txt"]
    assert result.per_type["Person"].fn == 1  # only the article that is there is scored
    assert main(["eval", str(gold), str(ROOT / "seeds")]) == 1
    assert "gone.txt" in capsys.readouterr().err
