"""A trained model on disk: a folder with ``model.json`` and the files it names.

::

    MODEL/
      model.json         what made it: kg version, feature versions, the articles it
                         learned from, per-type decisions, thresholds, its CV report
      entities.crfsuite  the CRF (kg.learn.ner)
      spans.json         the span model (kg.learn.linear)
      pairs.json         the relation and figure model (kg.extract.pairs), if trained
      report.md          the cross-validated scores, for people

A model records the feature versions it was trained with; kg refuses a model made
with other features (its weights would mean something else) and says to retrain.
The model trained on the shared dev set ships in ``kg/data/model`` and is the
default of ``kg build``.
"""
from __future__ import annotations

import json
from functools import cached_property
from importlib import resources
from pathlib import Path

from kg.errors import InputError
from kg.learn.features import FEATURES_VERSION
from kg.learn.spans import SPANS_VERSION

FORMAT = 1
META = "model.json"


def default_model_path() -> Path:
    return Path(str(resources.files("kg.data").joinpath("model")))


class Bundle:
    """A model folder, checked on open; its parts load on first use."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        meta_path = self.path / META
        if not meta_path.is_file():
            raise InputError("not a kg model folder (no model.json)", path=self.path,
                             hint="give a folder written by `kg train … -o MODEL`, "
                                  "or leave --model out for the model kg ships with")
        try:
            self.meta = json.loads(meta_path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read model.json: {exc}", path=meta_path,
                             hint="retrain with `kg train`") from None
        versions = self.meta.get("versions", {})
        want = {"format": FORMAT, "features": FEATURES_VERSION, "spans": SPANS_VERSION}
        stale = {k: (versions.get(k), v) for k, v in want.items() if versions.get(k) != v}
        if stale:
            detail = ", ".join(f"{k} {have} (this kg reads {need})" for k, (have, need) in stale.items())
            raise InputError(f"this model was made by another version of kg: {detail}",
                             path=self.path, hint="retrain it with `kg train GOLD ARTICLES -o MODEL`")

    @property
    def modes(self) -> dict[str, str]:
        """Per entity type: "model" (the span model decides) or "rules" (rules alone)."""
        return dict(self.meta.get("modes", {}))

    @property
    def threshold(self) -> float:
        return float(self.meta.get("threshold", 0.5))

    @property
    def floor(self) -> float:
        return float(self.meta.get("floor", 0.2))

    @cached_property
    def tagger(self):
        from kg.learn.ner import EntityTagger
        return EntityTagger(self.path / "entities.crfsuite")

    @cached_property
    def spans(self):
        from kg.learn.linear import Linear
        return Linear.load(self.path / "spans.json")

    @cached_property
    def span_scorer(self):
        from kg.learn.spans import SpanScorer
        return SpanScorer(self.spans)

    @cached_property
    def pairs(self) -> dict | None:
        path = self.path / "pairs.json"
        if not path.is_file():
            return None
        return json.loads(path.read_text("utf-8"))

    def describe(self) -> str:
        m = self.meta
        return (f"kg model trained on {m.get('articles', '?')} articles "
                f"({m.get('trained', '?')}, kg {m.get('kg_version', '?')})")
