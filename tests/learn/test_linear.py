"""The logistic regression: learns, is deterministic, round-trips through JSON."""
import json

from kg.learn.linear import Linear, best_threshold, fit

SAMPLES = [["head=团", "len=5"], ["head=团", "len=4"], ["head=的", "len=5"], ["head=了", "len=2"],
           ["head=团", "len=2"], ["head=的", "len=4"]]
LABELS = [1, 1, 0, 0, 1, 0]


def test_it_learns_a_clear_cue():
    model = fit(SAMPLES, LABELS, l2=0.1)
    assert model.probability(["head=团", "len=3"]) > 0.8
    assert model.probability(["head=的", "len=3"]) < 0.2


def test_the_same_data_gives_the_same_model():
    a, b = fit(SAMPLES, LABELS), fit(SAMPLES, LABELS)
    assert json.dumps(a.to_json()) == json.dumps(b.to_json())


def test_json_round_trip(tmp_path):
    model = fit(SAMPLES, LABELS)
    model.save(tmp_path / "m.json")
    again = Linear.load(tmp_path / "m.json")
    assert abs(again.probability(["head=团"]) - model.probability(["head=团"])) < 1e-3


def test_one_class_only_gives_a_constant_model():
    model = fit([["a"], ["b"]], [0, 0])
    assert model.probability(["a"]) < 0.01


def test_best_threshold_maximises_f1():
    cut, f1 = best_threshold([0.9, 0.8, 0.3, 0.2], [1, 1, 0, 1])
    assert cut == 0.2 and abs(f1 - 6 / 7) < 1e-9
    cut, f1 = best_threshold([0.9, 0.8, 0.3], [1, 1, 0])
    assert cut == 0.8 and f1 == 1.0
