"""Compiled loops of the CRF decoder (numba), imported on first use by kg.learn.crf.

Why numba: a linear-chain CRF's Viterbi and forward–backward are a loop over
characters with a small label-by-label step inside (13 labels); in NumPy each step
is a dozen calls on tiny arrays (~20 µs a character), in Python worse.  Compiled,
the whole dev set (46k characters) decodes in a few milliseconds.  ``cache=True``
keeps the machine code beside this file, so a process after the first loads it
instead of compiling (about a second, once per install).
"""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def emissions(ids, weights):
    """Per character, the sum of its attributes' weight rows (``ids`` < 0: unknown)."""
    n, k = ids.shape
    labels = weights.shape[1]
    out = np.zeros((n, labels))
    for i in range(n):
        for f in range(k):
            a = ids[i, f]
            if a >= 0:
                for j in range(labels):
                    out[i, j] += weights[a, j]
    return out


@njit(cache=True)
def decode(scores, transitions, starts, ends, offsets, best, marginals):
    """Viterbi labels (into ``best``) and label marginals (into ``marginals``) of each
    stretch ``scores[starts[k]:ends[k]]``, written from ``offsets[k]`` on.

    Ties go to the lower label index, as in CRFsuite.  Marginals come from a
    forward–backward pass in probability space, each step rescaled to sum 1
    (the scale cancels in alpha·beta / Σ alpha·beta)."""
    n_labels = transitions.shape[0]
    exp_t = np.exp(transitions)
    for k in range(starts.shape[0]):
        s = starts[k]
        n = ends[k] - s
        o = offsets[k]
        if n <= 0:
            continue
        # Viterbi
        back = np.zeros((n, n_labels), np.int32)
        score = scores[s].copy()
        new = np.empty(n_labels)
        for t in range(1, n):
            for j in range(n_labels):
                top = score[0] + transitions[0, j]
                arg = 0
                for i in range(1, n_labels):
                    v = score[i] + transitions[i, j]
                    if v > top:
                        top = v
                        arg = i
                new[j] = top + scores[s + t, j]
                back[t, j] = arg
            score[:] = new
        last = 0
        for j in range(1, n_labels):
            if score[j] > score[last]:
                last = j
        for t in range(n - 1, -1, -1):
            best[o + t] = last
            last = back[t, last]
        # forward–backward, rescaled
        state = np.empty((n, n_labels))
        for t in range(n):
            top = scores[s + t].max()
            for j in range(n_labels):
                state[t, j] = np.exp(scores[s + t, j] - top)
        alpha = np.empty((n, n_labels))
        beta = np.empty((n, n_labels))
        total = 0.0
        for j in range(n_labels):
            alpha[0, j] = state[0, j]
            total += state[0, j]
        alpha[0] /= total
        for t in range(1, n):
            total = 0.0
            for j in range(n_labels):
                acc = 0.0
                for i in range(n_labels):
                    acc += alpha[t - 1, i] * exp_t[i, j]
                alpha[t, j] = acc * state[t, j]
                total += alpha[t, j]
            alpha[t] /= total
        beta[n - 1] = 1.0
        for t in range(n - 2, -1, -1):
            total = 0.0
            for i in range(n_labels):
                acc = 0.0
                for j in range(n_labels):
                    acc += exp_t[i, j] * state[t + 1, j] * beta[t + 1, j]
                beta[t, i] = acc
                total += acc
            beta[t] /= total
        for t in range(n):
            total = 0.0
            for j in range(n_labels):
                marginals[o + t, j] = alpha[t, j] * beta[t, j]
                total += marginals[o + t, j]
            for j in range(n_labels):
                marginals[o + t, j] /= total
