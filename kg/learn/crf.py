"""A trained CRFsuite model, decoded by kg itself.

CRFsuite trains the entity model (kg.learn.ner); tagging with it through
python-crfsuite costs most of the time in turning every character's ~22 feature
strings into CRFsuite's items.  kg reads the model's weights once instead (from
CRFsuite's own dump of the file) and decodes with them: a character's features
are attribute numbers (kg.learn.charids computes them without building the
strings), its label scores one sum of weight rows, and the Viterbi path and the
marginals come from the compiled loops in kg.learn._kernels.  Same model, same
labels and marginals as CRFsuite's (tests/learn/test_crf.py compares them), a
few times faster.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy as np

from kg.errors import InputError

# "  (0) ATTRIBUTE --> LABEL: WEIGHT": an attribute may hold a newline (the feature
# of a line break), so the pattern spans lines and stops at the first " --> ".
_STATE = re.compile(r"^  \(0\) (.*?) --> (\S+): (\S+)$", re.M | re.S)
_TRANSITION = re.compile(r"^  \(1\) (\S+) --> (\S+): (\S+)$", re.M)
_LABEL = re.compile(r"^\s+(\d+): (\S+)$", re.M)


def _section(dump: str, name: str) -> str:
    start = dump.find(name + " = {\n")
    if start < 0:
        return ""
    start += len(name) + 5
    end = dump.find("\n}\n", start)
    return dump[start:end + 1]


class CompiledCRF:
    """The weights of a CRFsuite model: ``attributes`` (name → row), ``weights``
    (attribute × label), ``transitions`` (label × label), ``labels``."""

    def __init__(self, labels: list[str], attributes: dict[str, int],
                 weights: np.ndarray, transitions: np.ndarray) -> None:
        self.labels = labels
        self.attributes = attributes
        self.weights = weights
        self.transitions = transitions
        self.index = {label: i for i, label in enumerate(labels)}

    @classmethod
    def load(cls, path: str | Path) -> "CompiledCRF":
        import pycrfsuite

        path = Path(path)
        tagger = pycrfsuite.Tagger()
        try:
            tagger.open(str(path))
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot open the entity model: {exc}", path=path,
                             hint="retrain it with `kg train`") from None
        fd, dump_path = tempfile.mkstemp(suffix=".txt", prefix="kg-crf-")
        os.close(fd)
        try:
            tagger.dump(dump_path)
            dump = Path(dump_path).read_text("utf-8")
        finally:
            os.unlink(dump_path)
        labels = [""] * len(_LABEL.findall(_section(dump, "LABELS")))
        for number, label in _LABEL.findall(_section(dump, "LABELS")):
            labels[int(number)] = label
        index = {label: i for i, label in enumerate(labels)}
        transitions = np.zeros((len(labels), len(labels)))
        for a, b, w in _TRANSITION.findall(_section(dump, "TRANSITIONS")):
            transitions[index[a], index[b]] = float(w)
        attributes: dict[str, int] = {}
        rows: list[tuple[int, int, float]] = []
        for attribute, label, w in _STATE.findall(_section(dump, "STATE_FEATURES")):
            row = attributes.setdefault(attribute, len(attributes))
            rows.append((row, index[label], float(w)))
        weights = np.zeros((len(attributes), len(labels)))
        if rows:
            r, c, w = zip(*rows)
            weights[list(r), list(c)] = w
        return cls(labels, attributes, weights, transitions)

    def ids_of(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        """Attribute rows of feature strings, one row of the result per character
        (-1 where the model has no weight for a feature)."""
        width = max((len(row) for row in features), default=0)
        out = np.full((len(features), width), -1, dtype=np.int32)
        get = self.attributes.get
        for i, row in enumerate(features):
            out[i, :len(row)] = [get(f, -1) for f in row]
        return out

    def scores(self, ids: np.ndarray) -> np.ndarray:
        """Label scores of each character (state features only)."""
        from kg.learn import _kernels
        return _kernels.emissions(np.ascontiguousarray(ids, dtype=np.int32), self.weights)

    def decode(self, scores: np.ndarray, bounds: Sequence[tuple[int, int]]) -> "Decoded":
        """The best labels and the marginals of each non-empty (start, end) stretch."""
        from kg.learn import _kernels
        kept = [(s, e) for s, e in bounds if e > s]
        starts = np.array([s for s, _ in kept], dtype=np.int64)
        ends = np.array([e for _, e in kept], dtype=np.int64)
        lengths = ends - starts
        offsets = (np.cumsum(lengths) - lengths).astype(np.int64)
        total = int(lengths.sum())
        best = np.zeros(total, dtype=np.int32)
        marginals = np.zeros((total, len(self.labels)))
        if kept:
            _kernels.decode(np.ascontiguousarray(scores, dtype=np.float64), self.transitions,
                            starts, ends, offsets, best, marginals)
        return Decoded(starts, lengths, offsets, best, marginals)


class Decoded(NamedTuple):
    """Stretch k covers text[starts[k]:starts[k] + lengths[k]] and rows offsets[k]… of
    ``best`` (label index per character) and ``marginals`` (character × label)."""

    starts: np.ndarray
    lengths: np.ndarray
    offsets: np.ndarray
    best: np.ndarray
    marginals: np.ndarray
