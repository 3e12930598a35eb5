"""A binary logistic regression over sparse string features, and its file format.

Used by the layers that decide among candidates (entity spans, entity pairs,
number–entity pairs): each candidate is a set of feature strings, the model a
weight per string.  L2-regularised, fitted by SciPy's L-BFGS from zero weights,
so the same data gives the same model.  Saved as JSON (feature → weight, tiny
weights dropped): readable, diffable, nothing pickled.

numpy and scipy are kg dependencies already (networkx needs them); scikit-learn
would add 40 MB for this one function.
"""
from __future__ import annotations

import json
import math
from itertools import repeat
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np


def logistic(z: float) -> float:
    """1 / (1 + e^-z), without overflow for large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class Linear:
    """Weights of a trained model; :meth:`probability` scores one feature set."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float = 0.5,
                 meta: dict | None = None) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.meta = meta or {}

    def score(self, features: Iterable[str]) -> float:
        # map over dict.get: the same sum in the same order, without a generator's frames
        return self.bias + sum(map(self.weights.get, features, repeat(0.0)))

    def probability(self, features: Iterable[str]) -> float:
        return logistic(self.score(features))

    def accepts(self, features: Iterable[str]) -> bool:
        return self.probability(features) >= self.threshold

    def to_json(self) -> dict:
        kept = {f: round(v, 5) for f, v in sorted(self.weights.items()) if abs(v) >= 1e-4}
        return {"bias": round(self.bias, 6), "threshold": self.threshold, "meta": self.meta,
                "weights": kept}

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=0), "utf-8")

    @classmethod
    def from_json(cls, data: dict) -> "Linear":
        return cls(dict(data["weights"]), float(data["bias"]), float(data.get("threshold", 0.5)),
                   data.get("meta") or {})

    @classmethod
    def load(cls, path: str | Path) -> "Linear":
        return cls.from_json(json.loads(Path(path).read_text("utf-8")))


def fit(samples: Sequence[Iterable[str]], labels: Sequence[int], *, l2: float = 1.0,
        min_count: int = 1, max_iter: int = 300, threshold: float = 0.5) -> Linear:
    """Fit weights to (features, 0/1 label) samples.  Deterministic."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    counts: dict[str, int] = {}
    rows = [sorted(set(s)) for s in samples]
    for row in rows:
        for f in row:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    indptr, indices = [0], []
    for row in rows:
        indices.extend(vocab[f] for f in row if f in vocab)
        indptr.append(len(indices))
    X = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))
    y = np.asarray(labels, dtype=float)
    n = len(vocab)
    if not len(y) or y.min() == y.max():
        # One class only: a constant model (there is nothing to weigh).
        p = float(y.mean()) if len(y) else 0.0
        bias = math.log((p + 1e-3) / (1 - p + 1e-3))
        return Linear({}, bias, threshold)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = X @ w[:n] + w[n]
        # log(1 + e^z) - y z, stable
        lse = np.logaddexp(0.0, z)
        value = float(np.sum(lse - y * z)) + 0.5 * l2 * float(w[:n] @ w[:n])
        p = np.exp(z - lse)
        g = p - y
        grad = np.empty_like(w)
        grad[:n] = X.T @ g + l2 * w[:n]
        grad[n] = g.sum()
        return value, grad

    result = minimize(loss, np.zeros(n + 1), jac=True, method="L-BFGS-B",
                      options={"maxiter": max_iter})
    w = result.x
    names = sorted(vocab, key=vocab.get)
    return Linear({f: float(w[i]) for f, i in zip(names, range(n))}, float(w[n]), threshold)


def best_threshold(probabilities: Sequence[float], labels: Sequence[int],
                   missed: int = 0) -> tuple[float, float]:
    """The cut that maximises F1 of (probability ≥ cut) against labels, and that F1.

    ``missed`` counts positives no candidate stood for (they lower recall whatever
    the cut)."""
    pairs = sorted(zip(probabilities, labels), reverse=True)
    positives = sum(labels) + missed
    best, best_f1, tp = 0.5, 0.0, 0
    for k, (p, y) in enumerate(pairs, 1):
        tp += y
        f1 = 2 * tp / (k + positives) if positives else 0.0
        if f1 > best_f1 and (k == len(pairs) or pairs[k][0] < p):
            best, best_f1 = p, f1
    return round(best, 4), best_f1
