"""The entity model: a linear-chain CRF over characters (python-crfsuite).

Why a CRF: the training set is tens of articles, not thousands; a CRF learns
well from that much, trains in seconds to minutes on two cores, tags hundreds of
thousands of characters per second in C++, is deterministic (L-BFGS from zero),
and is one small file.  A neural tagger would need more data than users
annotate, and PyTorch is a gigabyte install.

Labels are BIO per character (``B-Programme``, ``I-Programme``, ``O``); each
sentence is one sequence.  :class:`EntityTagger` returns spans with the model's
probability for each (the product of the marginals is too strict for long names;
the mean marginal of the span's labels is used).
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

from kg.errors import InputError

TRAINER_PARAMS = {
    "c1": 0.05,  # L1: keeps the model small
    "c2": 0.02,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


class Tagged(NamedTuple):
    start: int
    end: int
    type: str
    probability: float


def bio(length: int, spans: Iterable[tuple]) -> list[str]:
    """BIO labels of ``length`` characters for non-overlapping (start, end, type, …) spans."""
    labels = ["O"] * length
    for span in spans:
        start, end, type_ = span[0], span[1], span[2]
        if start >= length:
            continue
        labels[start] = "B-" + type_
        for i in range(start + 1, min(end, length)):
            labels[i] = "I-" + type_
    return labels


def spans_of(labels: Sequence[str], offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, type) of each B-/I- run; an I- after O or another type opens a span."""
    out, start, type_ = [], None, None
    for i, label in enumerate(list(labels) + ["O"]):
        kind, _, t = label.partition("-")
        if kind == "I" and start is not None and t == type_:
            continue
        if start is not None:
            out.append((offset + start, offset + i, type_))
            start = type_ = None
        if kind in ("B", "I"):
            start, type_ = i, t
    return out


def train(sequences: Iterable[tuple[list[list[str]], list[str]]], path: str | Path,
          params: dict | None = None) -> None:
    """Train a CRF on (features, labels) sequences and write it to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({**TRAINER_PARAMS, **(params or {})})
    count = 0
    for features, labels in sequences:
        if features:
            trainer.append(features, labels)
            count += 1
    if not count:
        raise InputError("nothing to train on: no sentence of the articles was labelled",
                         hint="check that the gold's file names match the articles")
    trainer.train(str(path))


class EntityTagger:
    """A trained CRF, opened on first use (one per process)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._tagger = None
        self._lock = threading.Lock()
        self._types: list[str] | None = None

    def _open(self):
        if self._tagger is None:
            with self._lock:
                if self._tagger is None:
                    import pycrfsuite
                    tagger = pycrfsuite.Tagger()
                    tagger.open(str(self.path))
                    self._tagger = tagger
        return self._tagger

    def types(self) -> list[str]:
        """The entity types the CRF was trained on."""
        if self._types is None:
            self._types = sorted({label[2:] for label in self._open().labels() if label != "O"})
        return self._types

    def tag(self, features: list[list[str]], bounds: Sequence[tuple[int, int]]) -> list[Tagged]:
        """Spans found in each (start, end) stretch of the text the features describe."""
        tagger = self._open()
        out = []
        for start, end in bounds:
            if end <= start:
                continue
            labels = tagger.tag(features[start:end])
            for s, e, type_ in spans_of(labels, start):
                probs = [tagger.marginal(labels[i - start], i - start) for i in range(s, e)]
                out.append(Tagged(s, e, type_, sum(probs) / len(probs)))
        return out

    def span_probability(self, features: list[list[str]], bounds: tuple[int, int],
                         spans: Sequence[tuple[int, int, str]]) -> list[float]:
        """The model's mean marginal for each given span's own labels in one stretch."""
        tagger = self._open()
        start, end = bounds
        tagger.set(features[start:end])
        out = []
        for s, e, type_ in spans:
            labels = bio(e - s, [(0, e - s, type_)])
            probs = [tagger.marginal(labels[i], s - start + i) for i in range(e - s)]
            out.append(sum(probs) / len(probs) if probs else 0.0)
        return out


def _alternatives(tagger, n: int, offset: int, types: Sequence[str], floor: float) -> list[Tagged]:
    """Spans the model gives at least ``floor`` probability, beside its best path:
    a B- label as likely as that opens one, I- labels as likely extend it."""
    marginal = tagger.marginal
    out = []
    for i in range(n):
        if marginal("O", i) > 1.0 - floor:
            continue
        for type_ in types:
            p_begin = marginal("B-" + type_, i)
            if p_begin < floor:
                continue
            probs = [p_begin]
            j = i + 1
            while j < n:
                p = marginal("I-" + type_, j)
                if p < floor:
                    break
                probs.append(p)
                j += 1
                # Every stop where the next label is less likely than O is a candidate end.
                if j == n or marginal("I-" + type_, j) < 0.5:
                    out.append(Tagged(offset + i, offset + j, type_, sum(probs) / len(probs)))
    return out


def tag_with_alternatives(tagger_: "EntityTagger", features: list[list[str]],
                          bounds: Sequence[tuple[int, int]], floor: float = 0.2,
                          only: set[str] | None = None) -> list[Tagged]:
    """The best path's spans and the likely alternatives (:func:`_alternatives`);
    ``only``: the types wanted (the alternatives of others are not looked for)."""
    tagger = tagger_._open()
    types = tagger_.types()
    if only is not None:
        types = [t for t in types if t in only]
    out = []
    for start, end in bounds:
        if end <= start:
            continue
        labels = tagger.tag(features[start:end])
        best = set()
        for s, e, type_ in spans_of(labels, start):
            probs = [tagger.marginal(labels[i - start], i - start) for i in range(s, e)]
            out.append(Tagged(s, e, type_, sum(probs) / len(probs)))
            best.add((s, e, type_))
        for alt in _alternatives(tagger, end - start, start, types, floor):
            if (alt.start, alt.end, alt.type) not in best:
                out.append(alt)
    return out
