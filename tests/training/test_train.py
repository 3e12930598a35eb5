"""kg train end to end on a small invented corpus: files, determinism, use, errors."""
import json

import pytest

from kg.cli import main
from kg.errors import InputError
from kg.learn.bundle import Bundle
from kg.training import train_model

PLACES = ["青松县", "白河县", "柳林县", "石门县", "云台县", "枫桥县", "杏花县", "松林县"]
GROUPS = ["百灵", "红星", "银杏", "春雨", "枫叶", "松涛", "山鹰", "海燕"]
PEOPLE = ["韩立新", "曹雅婷", "邹明远", "温少华", "方志清", "龚秀兰", "钟国平", "贺晓东"]


def write_corpus(folder, n=8):
    folder.mkdir()
    gold = []
    for i in range(n):
        place, group, person = PLACES[i], GROUPS[i], PEOPLE[i]
        text = (f"{place}组建{group}宣讲团\n\n近日,{place}委宣传部组建{group}宣讲团,"
                f"宣讲员{person}走进村组,为群众讲述身边故事。{group}宣讲团将开展宣讲百余场。")
        (folder / f"t{i}.txt").write_text(text, "utf-8")
        gold.append({"file": f"t{i}.txt", "entities": [
            {"type": "AdministrativeDivision", "names": [place]},
            {"type": "Organization", "names": [f"{place}委宣传部"]},
            {"type": "LectureGroup", "names": [f"{group}宣讲团"]},
            {"type": "Person", "names": [person]}]})
    path = folder.parent / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in gold) + "\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("train")
    return write_corpus(root / "articles"), root


def test_kg_train_writes_a_model_that_build_and_eval_use(corpus, capsys):
    gold, root = corpus
    assert main(["train", str(gold), str(root / "articles"), "-o", str(root / "m"),
                 "--folds", "2", "-q"]) == 0
    for name in ("model.json", "entities.crfsuite", "spans.json", "report.md"):
        assert (root / "m" / name).is_file()
    bundle = Bundle(root / "m")
    assert bundle.meta["articles"] == 8 and set(bundle.modes) == {
        "AdministrativeDivision", "Organization", "LectureGroup", "Programme", "Slogan", "Person"}
    assert "out-of-fold" in (root / "m" / "report.md").read_text("utf-8")
    assert main(["build", str(root / "articles"), "-o", str(root / "out"), "-q",
                 "--model", str(root / "m")]) == 0
    capsys.readouterr()
    assert main(["eval", str(gold), str(root / "articles"), "--model", str(root / "m"), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["micro"]["f"] > 0.8


def test_training_is_deterministic(corpus, tmp_path):
    gold, root = corpus
    train_model(gold, root / "articles", tmp_path / "a", folds=2)
    train_model(gold, root / "articles", tmp_path / "b", folds=2)
    for name in ("model.json", "entities.crfsuite", "spans.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_gold_files_missing_from_the_articles_are_named(corpus, tmp_path):
    gold, root = corpus
    other = tmp_path / "other"
    other.mkdir()
    (other / "t0.txt").write_text((root / "articles" / "t0.txt").read_text("utf-8"), "utf-8")
    with pytest.raises(InputError) as err:
        train_model(gold, other, tmp_path / "m", folds=2)
    assert "t1.txt" in str(err.value)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError) as err:
        train_model(gold, empty, tmp_path / "m", folds=2)
    assert "no articles" in str(err.value)


def test_facts_train_the_relation_model_too(corpus, tmp_path):
    gold, root = corpus
    facts = root / "facts.jsonl"
    facts.write_text("\n".join(json.dumps({"file": f"t{i}.txt", "facts": [
        {"kind": "runs", "head": [f"{PLACES[i]}委宣传部"], "tail": [f"{GROUPS[i]}宣讲团"]}]},
        ensure_ascii=False) for i in range(8)) + "\n", "utf-8")
    train_model(gold, root / "articles", tmp_path / "m", folds=2, facts=facts)
    pairs = Bundle(tmp_path / "m").pairs
    assert pairs is not None and "runs" in pairs["kinds"]
    # Retrained without facts, the stale relation model goes.
    train_model(gold, root / "articles", tmp_path / "m", folds=2)
    assert Bundle(tmp_path / "m").pairs is None


def test_a_bad_facts_line_is_named(corpus, tmp_path):
    gold, root = corpus
    bad = tmp_path / "facts.jsonl"
    bad.write_text('{"file": "t0.txt", "facts": []}\n{oops\n', "utf-8")
    with pytest.raises(InputError) as err:
        train_model(gold, root / "articles", tmp_path / "m", folds=2, facts=bad)
    assert "line 2" in str(err.value) or ":2" in str(err.value)


def test_decide_forces_who_decides_every_type(corpus, tmp_path):
    # on articles the rules were written against, their out-of-fold figure is in-sample:
    # --decide model (or rules) overrides the comparison for every type
    gold, root = corpus
    assert main(["train", str(gold), str(root / "articles"), "-o", str(tmp_path / "m"),
                 "--folds", "2", "--decide", "model", "-q"]) == 0
    assert set(Bundle(tmp_path / "m").modes.values()) == {"model"}
    train_model(gold, root / "articles", tmp_path / "r", folds=2, decide="rules")
    assert set(Bundle(tmp_path / "r").modes.values()) == {"rules"}


def test_the_packaged_models_open_by_name():
    from kg.extract.registry import open_model
    fast, accurate = open_model("default"), open_model("accurate")
    assert set(fast.modes.values()) == {"rules"}  # the fast default: the CRF never runs
    assert set(accurate.modes.values()) == {"model"}
    assert accurate.meta["articles"] > fast.meta["articles"]  # trained on more articles
    assert open_model("none") is None
