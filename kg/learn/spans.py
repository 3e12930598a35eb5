"""Candidate entity spans and the features the span model decides them by.

The rule extractors and the CRF each propose spans; neither is trusted alone.
Every proposal, and its variants that drop leading words (在|独坡镇, 推进|全镇:
a preceding word swallowed into a name), becomes a candidate with features of
its own: who proposed it and how sure the CRF was, its first and last
characters, the words around it, quote marks, the type.  A logistic regression
(:mod:`kg.learn.linear`) trained on annotated articles gives each candidate a
probability; :func:`decide` keeps the best consistent set.
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import repeat
from typing import Iterable, NamedTuple, Sequence

from kg.learn.features import surnames
from kg.learn.linear import logistic

SPANS_VERSION = 1
MAX_TRIMS = 2  # variants per proposal that drop leading words
_OPEN = set("“‘「『《〈")
_CLOSE = set("”’」』》〉")


class Candidate(NamedTuple):
    start: int
    end: int
    type: str
    sources: frozenset[str]  # rule extractor names, "crf", "trim"
    crf: float  # the CRF's probability for exactly this span and type (0 when it did not tag it)


def candidates(text: str, tokens: Sequence,
               proposals: Iterable[tuple[int, int, str, str]],
               tagged: Iterable[tuple[int, int, str, float]]) -> list[Candidate]:
    """Rule proposals (start, end, type, extractor) and CRF spans (start, end, type,
    probability), merged by span and type, with their left-trimmed variants."""
    found: dict[tuple[int, int, str], tuple[set[str], float]] = {}

    def add(start: int, end: int, type_: str, source: str, p: float = 0.0) -> None:
        if end - start < 2:
            return
        sources, best = found.setdefault((start, end, type_), (set(), 0.0))
        sources.add(source)
        if p > best:
            found[(start, end, type_)] = (sources, p)

    for start, end, type_, source in proposals:
        add(start, end, type_, source)
    for start, end, type_, p in tagged:
        add(start, end, type_, "crf", p)
    starts = [t.start for t in tokens]
    for (start, end, type_) in list(found):
        k = bisect_left(starts, start + 1)
        for trim in range(MAX_TRIMS):
            if k >= len(starts) or starts[k] >= end - 1:
                break
            add(starts[k], end, type_, f"trim{trim + 1}")
            k += 1
    return [Candidate(s, e, t, frozenset(src), p) for (s, e, t), (src, p) in sorted(found.items())]


def _token_at(starts: list[int], tokens: Sequence, position: int) -> object | None:
    k = bisect_left(starts, position + 1) - 1
    return tokens[k] if 0 <= k < len(tokens) else None


def span_features(text: str, tokens: Sequence, starts: list[int], c: Candidate) -> list[str]:
    """The candidate's features as the span model learns them: its type, the features
    of any type, and each of those again prefixed by the type (``Programme|l2=活动``)."""
    t = c.type
    shared, both = span_parts(text, tokens, starts, c)
    out = ["ty=" + t]
    out.extend(shared)
    out.extend(t + "|" + f for f in shared)
    if both:
        out.append(t + "|both")
    return out


def span_parts(text: str, tokens: Sequence, starts: list[int], c: Candidate) -> tuple[list[str], bool]:
    """The features of any type, and whether both a rule and the CRF proposed it."""
    s, e, t = c.start, c.end, c.type
    surface = text[s:e]
    inner = surface.strip("“”‘’《》「」")
    before = text[max(0, s - 2):s]
    after = text[e:e + 2]
    at_start = _token_at(starts, tokens, s)
    at_end = _token_at(starts, tokens, e - 1)
    prev_tok = _token_at(starts, tokens, s - 1) if s > 0 else None
    next_tok = _token_at(starts, tokens, e) if e < len(text) else None
    crf = "0" if c.crf == 0 else ("9" if c.crf >= 0.9 else ("7" if c.crf >= 0.7 else "5"))
    rules = sorted(x for x in c.sources if x not in ("crf",) and not x.startswith("trim"))
    shared = [
        "src=" + "+".join(rules) if rules else "src=none",
        "crf=" + crf,
        "len=" + str(min(len(inner), 12)),
        "f1=" + inner[:1], "f2=" + inner[:2], "l1=" + inner[-1:], "l2=" + inner[-2:],
        "l3=" + inner[-3:],
        "b1=" + before[-1:], "b2=" + before, "a1=" + after[:1], "a2=" + after,
        "sb=" + str(at_start is not None and at_start.start == s),
        "eb=" + str(at_end is not None and at_end.end == e),
        "sp=" + (at_start.pos if at_start else "-"), "ep=" + (at_end.pos if at_end else "-"),
        "pw=" + (prev_tok.text if prev_tok else "^"), "nw=" + (next_tok.text if next_tok else "$"),
        "pp=" + (prev_tok.pos if prev_tok else "^"), "np=" + (next_tok.pos if next_tok else "$"),
        "q=" + str(before[-1:] in _OPEN) + str(after[:1] in _CLOSE),
        "sur=" + str(inner[:1] in surnames() or inner[:2] in surnames()),
    ]
    for src in c.sources:
        if src.startswith("trim"):
            shared.append("trim=" + src)
    if len(inner) <= 8:
        shared.append("w=" + inner)
    return shared, bool(rules and c.crf)


class SpanScorer:
    """The span model's probability of a candidate from :func:`span_parts`, without
    building the typed strings: per type, one table of each feature's weight plus its
    typed weight (the same sum as ``Linear.probability(span_features(…))``, up to
    rounding)."""

    def __init__(self, model) -> None:
        self.bias = model.bias
        self._model = model
        self._tables: dict[str, tuple[float, float, dict[str, float]]] = {}

    def _table(self, type_: str) -> tuple[float, float, dict[str, float]]:
        table = self._tables.get(type_)
        if table is None:
            w = self._model.weights
            prefix = type_ + "|"
            combined = {f: v for f, v in w.items() if "|" not in f.partition("=")[0]}
            for f, v in w.items():
                if f.startswith(prefix) and f != prefix + "both":
                    key = f[len(prefix):]
                    combined[key] = combined.get(key, 0.0) + v
            table = self._tables[type_] = (w.get("ty=" + type_, 0.0),
                                           w.get(prefix + "both", 0.0), combined)
        return table

    def probability(self, type_: str, shared: Sequence[str], both: bool) -> float:
        ty, w_both, combined = self._table(type_)
        return logistic(self.bias + ty + (w_both if both else 0.0)
                        + sum(map(combined.get, shared, repeat(0.0))))


def decide(cands: Sequence[Candidate], probabilities: Sequence[float], threshold: float,
           fixed: Sequence[tuple[int, int, str]] = ()) -> list[tuple[Candidate, float]]:
    """The candidates kept: best first, above ``threshold``, none crossing another,
    none of the same span twice, none inside another of its own type.  ``fixed``
    spans (kept by other means) are never dropped and block what conflicts with them."""
    kept: list[tuple[Candidate, float]] = [
        (Candidate(s, e, t, frozenset(), 0.0), 1.0) for s, e, t in fixed]
    n_fixed = len(kept)
    order = sorted(range(len(cands)), key=lambda i: (-probabilities[i], cands[i].start,
                                                      cands[i].end))
    for i in order:
        p = probabilities[i]
        if p < threshold:
            break
        c = cands[i]
        ok = True
        for k, _ in kept:
            if c.end <= k.start or k.end <= c.start:
                continue  # apart
            same_span = (c.start, c.end) == (k.start, k.end)
            nested = (k.start <= c.start and c.end <= k.end) or (c.start <= k.start and k.end <= c.end)
            if same_span or not nested or c.type == k.type:
                ok = False
                break
        if ok:
            kept.append((c, p))
    chosen = kept[n_fixed:]
    chosen.sort(key=lambda x: (x[0].start, x[0].end))
    return chosen
