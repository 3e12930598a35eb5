"""The entity model: a linear-chain CRF over characters (python-crfsuite).

Why a CRF: the training set is tens of articles, not thousands; a CRF learns
well from that much, trains in seconds to minutes on two cores, is
deterministic (L-BFGS from zero), and is one small file.  CRFsuite trains it; kg
decodes it itself (kg.learn.crf), from attribute numbers computed without the
feature strings (kg.learn.charids), at over a million characters a second.  A neural tagger would need more data than users
annotate, and PyTorch is a gigabyte install.

Labels are BIO per character (``B-Programme``, ``I-Programme``, ``O``); each
sentence is one sequence.  :class:`EntityTagger` returns spans with the model's
probability for each (the product of the marginals is too strict for long names;
the mean marginal of the span's labels is used).
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

import numpy as np

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
    """A trained CRF, read on first use (one per process) and decoded by kg
    (kg.learn.crf: the same labels and marginals as CRFsuite's, without its cost of
    turning feature strings into items)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._crf = None
        self._ids = None

    @property
    def crf(self):
        if self._crf is None:
            with self._lock:
                if self._crf is None:
                    from kg.learn.crf import CompiledCRF
                    self._crf = CompiledCRF.load(self.path)
        return self._crf

    @property
    def feature_ids(self):
        """Computes a text's attribute rows directly (kg.learn.charids)."""
        if self._ids is None:
            from kg.learn.charids import FeatureIds
            self._ids = FeatureIds(self.crf.attributes)
        return self._ids

    def types(self) -> list[str]:
        """The entity types the CRF was trained on."""
        return list(_label_table(tuple(self.crf.labels))[2])

    def _decoded(self, features, bounds: Sequence[tuple[int, int]]):
        crf = self.crf
        ids = features if isinstance(features, np.ndarray) else crf.ids_of(features)
        return crf.decode(crf.scores(ids), bounds)

    def tag(self, features, bounds: Sequence[tuple[int, int]]) -> list[Tagged]:
        """Spans found in each (start, end) stretch of the text the features describe
        (``features``: one list of strings per character, or their attribute rows)."""
        return [t for _, t in _best_spans(self.crf.labels, self._decoded(features, bounds))]


@lru_cache(maxsize=8)
def _label_table(labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, tuple[str, ...],
                                                   dict[str, int]]:
    """Per label index its kind (0 O, 1 B, 2 I) and type number; the type names; each
    label's index.  Read once per model's labels, not per article."""
    names = sorted({label[2:] for label in labels if label != "O"})
    kind = np.array([0 if l == "O" else 1 if l.startswith("B-") else 2 for l in labels])
    type_ = np.array([names.index(l[2:]) if l != "O" else -1 for l in labels])
    return kind, type_, tuple(names), {label: i for i, label in enumerate(labels)}


def _best_spans(labels: Sequence[str], d) -> list[tuple[int, Tagged]]:
    """(stretch, span) of the best path's spans, each with the mean marginal of its
    labels; a B- or an I- after O or another type opens a span (:func:`spans_of`)."""
    total = len(d.best)
    if not total:
        return []
    kind_of, type_of, names, _ = _label_table(tuple(labels))
    kind, type_ = kind_of[d.best], type_of[d.best]
    first = np.zeros(total, dtype=bool)
    first[d.offsets] = True
    cont = np.zeros(total, dtype=bool)
    cont[1:] = (kind[1:] == 2) & (kind[:-1] != 0) & (type_[:-1] == type_[1:])
    cont &= ~first
    begins = np.flatnonzero((kind != 0) & ~cont)
    if not len(begins):
        return []
    boundary = np.append(np.flatnonzero(~cont), total)
    ends = boundary[np.searchsorted(boundary, begins, side="right")]
    sums = np.concatenate(([0.0], np.cumsum(d.marginals[np.arange(total), d.best])))
    probs = (sums[ends] - sums[begins]) / (ends - begins)
    stretch = np.searchsorted(d.offsets, begins, side="right") - 1
    shift = (d.starts - d.offsets)[stretch]
    return [(k, Tagged(b + sh, e + sh, names[t], p)) for k, b, e, sh, t, p in zip(
        stretch.tolist(), begins.tolist(), ends.tolist(), shift.tolist(),
        type_[begins].tolist(), probs.tolist())]


def _alternatives(labels: Sequence[str], d, types: Sequence[str],
                  floor: float) -> list[tuple[int, Tagged]]:
    """(stretch, span) of the spans the model gives at least ``floor`` probability,
    beside its best path: a B- label as likely as that opens one, I- labels as
    likely extend it (within its stretch)."""
    index = _label_table(tuple(labels))[3]
    m = d.marginals
    if not len(m):
        return []
    open_ = m[:, index["O"]] <= 1.0 - floor
    begins = []
    for rank, type_ in enumerate(types):
        b, inside = index.get("B-" + type_), index.get("I-" + type_)
        if b is None or inside is None:
            continue
        for i in np.flatnonzero(open_ & (m[:, b] >= floor)).tolist():
            begins.append((i, rank, type_, b, inside))
    if not begins:
        return []
    begins.sort()  # by position, then in the order of the types
    stretch_of = (np.searchsorted(d.offsets, [x[0] for x in begins], side="right") - 1).tolist()
    ends = (d.offsets + d.lengths).tolist()
    shifts = (d.starts - d.offsets).tolist()
    columns: dict[int, list[float]] = {}
    out = []
    for (i, _, type_, b, inside), k in zip(begins, stretch_of):
        column = columns.get(inside)
        if column is None:
            column = columns[inside] = m[:, inside].tolist()
        n, shift = ends[k], shifts[k]
        probs = [float(m[i, b])]
        j = i + 1
        while j < n:
            p = column[j]
            if p < floor:
                break
            probs.append(p)
            j += 1
            # Every stop where the next label is less likely than O is a candidate end.
            if j == n or column[j] < 0.5:
                out.append((k, Tagged(i + shift, j + shift, type_, sum(probs) / len(probs))))
    return out


def tag_with_alternatives(tagger_: "EntityTagger", features,
                          bounds: Sequence[tuple[int, int]], floor: float = 0.2,
                          only: set[str] | None = None) -> list[Tagged]:
    """The best path's spans and the likely alternatives (:func:`_alternatives`),
    stretch by stretch; ``features``: strings per character or their attribute rows
    (charids); ``only``: the types wanted (the alternatives of others are not looked for)."""
    labels = tagger_.crf.labels
    types = tagger_.types()
    if only is not None:
        types = [t for t in types if t in only]
    decoded = tagger_._decoded(features, bounds)
    best = _best_spans(labels, decoded)
    seen = {(t.start, t.end, t.type) for _, t in best}
    alternatives = [(k, t) for k, t in _alternatives(labels, decoded, types, floor)
                    if (t.start, t.end, t.type) not in seen]
    # per stretch, its best spans first (in order), then its alternatives (in order)
    merged = sorted([(k, 0, r, t) for r, (k, t) in enumerate(best)]
                    + [(k, 1, r, t) for r, (k, t) in enumerate(alternatives)],
                    key=lambda x: x[:3])
    return [t for *_, t in merged]
