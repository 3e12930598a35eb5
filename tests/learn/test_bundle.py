"""Model folders: checked on open, with errors that say what to do."""
import json
import shutil

import pytest

from kg.errors import InputError
from kg.extract.registry import Pipeline, open_model
from kg.learn.bundle import Bundle, default_model_path


def test_a_folder_without_model_json_is_refused_with_a_hint(tmp_path):
    with pytest.raises(InputError) as err:
        Bundle(tmp_path)
    assert "model.json" in str(err.value) and "kg train" in str(err.value)


def test_a_model_of_other_features_is_refused(tmp_path):
    shutil.copytree(default_model_path(), tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text("utf-8"))
    meta["versions"]["features"] = -1
    (tmp_path / "m" / "model.json").write_text(json.dumps(meta), "utf-8")
    with pytest.raises(InputError) as err:
        Bundle(tmp_path / "m")
    assert "retrain" in str(err.value)


def test_the_shipped_model_opens_and_names_a_mode_per_type():
    bundle = Bundle(default_model_path())
    assert set(bundle.modes.values()) <= {"model", "rules"} and len(bundle.modes) == 6
    assert 0 < bundle.threshold < 1


def test_none_means_the_rules_alone():
    assert open_model(None) is None and open_model("none") is None
    assert Pipeline(["divisions"], model=None).model is None


def test_the_pipeline_hands_the_model_to_the_extractors_that_use_it():
    pipeline = Pipeline()
    by_name = {e.name: e for e in pipeline.extractors}
    assert by_name["entity_model"].bundle is pipeline.model
    assert (by_name["relation_model"]._raw is not None) == (pipeline.model.pairs is not None)
    rules = {e.name: e for e in Pipeline(model=None).extractors}
    assert rules["entity_model"].bundle is None and rules["relation_model"]._raw is None
