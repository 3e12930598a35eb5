"""Cross-validation by article of the whole pipeline: no article is scored by a
model that learned from it.

For each of ``folds`` folds, a model is trained (:func:`kg.training.train_model`)
on the other folds' articles, and the held-out articles go through the pipeline
``kg build`` runs with that model; the rules alone and the CRF alone are scored
on the same articles.  Folds run in parallel processes (``jobs``).
"""
from __future__ import annotations

import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kg.evaluate import CATEGORIES, EvalResult, normalise, score, score_extractions
from kg.extract.registry import Pipeline
from kg.model import label_form
from kg.training.data import folds_of, load_examples
from kg.training.train import train_model


@dataclass
class FoldResult:
    fold: int
    files: list[str]
    rules: EvalResult
    model: EvalResult
    crf: EvalResult  # the CRF's best path alone, surfaces as names
    extractions_dir: str | None = None


def _fold(gold: str, articles: str, folds: int, k: int, keep: str | None,
          facts: str | None) -> FoldResult:
    examples = load_examples(gold, articles)
    fold = folds_of(examples, folds)
    train = [ex for ex, f in zip(examples, fold) if f != k]
    held = [ex for ex, f in zip(examples, fold) if f == k]
    with tempfile.TemporaryDirectory(prefix="kg-cv-") as tmp:
        model_dir = Path(keep) / f"fold{k}" if keep else Path(tmp) / "model"
        train_model(gold, articles, model_dir, folds=folds, examples=train, facts=facts)
        with_model = Pipeline(model=model_dir)
        rules = Pipeline(model=None)
        gold_held = [ex.gold for ex in held]
        model_result = score_extractions(gold_held, [with_model(ex.article) for ex in held])
        rules_result = score_extractions(gold_held, [rules(ex.article) for ex in held])
        crf_result = score(gold_held, {ex.name: _crf_alone(with_model.model.tagger, ex) for ex in held})
    return FoldResult(k, [ex.name for ex in held], rules_result, model_result, crf_result,
                      str(model_dir) if keep else None)


def _crf_alone(tagger, ex) -> dict:
    groups: dict = {}
    for t in tagger.tag(ex.char_feats, ex.bounds):
        name = normalise(label_form(ex.article.text[t.start:t.end]))
        if name:
            groups.setdefault(t.type, {}).setdefault(name, {name})
    return {t: list(v.values()) for t, v in groups.items()}


def cross_validate(gold: str | Path, articles: str | Path, *, folds: int = 5, jobs: int = 2,
                   keep_models: str | Path | None = None, facts: str | Path | None = None,
                   progress: Callable[[str], None] | None = None) -> dict:
    """Per-type and micro scores of the rules alone and of rules + model, out of fold.

    ``keep_models``: a folder to keep each fold's model in (fold0/, fold1/ …), so
    that a benchmark can run held-out articles through it again.
    """
    say = progress or (lambda _: None)
    keep = str(keep_models) if keep_models else None
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(_fold, str(gold), str(articles), folds, k, keep,
                               str(facts) if facts else None) for k in range(folds)]
        results = []
        for f in futures:
            results.append(f.result())
            say(f"fold {results[-1].fold + 1}/{folds} scored")
    return {"folds": folds, "files": {r.fold: r.files for r in results},
            "rules": _total([r.rules for r in results]), "crf": _total([r.crf for r in results]),
            "model": _total([r.model for r in results])}


def _total(results: list[EvalResult]) -> dict:
    out = {}
    for cat in CATEGORIES:
        tp = sum(r.per_type[cat].tp for r in results)
        fp = sum(r.per_type[cat].fp for r in results)
        fn = sum(r.per_type[cat].fn for r in results)
        out[cat] = _row(tp, fp, fn)
    out["micro"] = _row(*(sum(out[c][k] for c in CATEGORIES) for k in ("tp", "fp", "fn")))
    return out


def _row(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "fp": fp, "fn": fn}
