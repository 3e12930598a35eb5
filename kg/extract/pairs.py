"""The relation and figure model: one logistic regression per kind over candidate pairs.

:mod:`kg.extract.pair_features` proposes entity pairs of one sentence (runs,
belongsTo, promotes, holdsPost) and number–entity pairs (figures), each a set of
feature strings, the rules' own conclusion among them.  Here they are labelled
from fact gold (``*.facts.jsonl``, FACTS.md), one :class:`~kg.learn.linear.Linear`
is fitted per kind, its threshold chosen on out-of-fold probabilities (articles
split into folds), and :func:`apply_pairs` turns the accepted pairs the rules did
not state into new records (extractor ``relation_model``).

The models are a JSON-able dict::

    {"version": 1, "per_number": 1,
     "kinds": {"runs": <Linear.to_json()>, "belongsTo": …, "promotes": …,
               "holdsPost": …, "figure": …}}

each Linear's ``meta`` holding its candidate counts and out-of-fold scores.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from kg.learn.project import normalise_name as normalise
from kg.learn.linear import Linear, fit
from kg.extract.pair_features import FIGURE_KIND, KINDS, Candidate, candidates
from kg.model import EntityType, Extraction, Figure, Relation

PAIRS_VERSION = 1
NAME = "relation_model"
ALL_KINDS = (*KINDS, FIGURE_KIND)
FLOOR = 0.3  # never accept below this, whatever the folds say
LOCATIVE = ("在",)  # right before a name: where, not who
MIN_PRECISION = 0.4  # against the (salient-only) gold, out of fold
_segmenter = None


def _tokens(ex: Extraction, segmenter=None):
    global _segmenter
    if segmenter is None:
        if _segmenter is None:
            from kg.extract.segment import Segmenter
            _segmenter = Segmenter()
        segmenter = _segmenter
    return segmenter.tokens(ex.article.text)


def _names(names: Iterable[str]) -> set[str]:
    return {normalise(n) for n in names if n}


def _same_value(a, b) -> bool:
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


def label(c: Candidate, facts: Sequence[dict]) -> int:
    """1 when a gold fact of the candidate's kind names both of its ends (or its value)."""
    heads = _names(c.head.labels)
    for f in facts:
        if f.get("kind") != c.kind or not heads & _names(f.get("head", ())):
            continue
        if c.kind == FIGURE_KIND:
            if _same_value(f.get("value"), c.number[0]):
                return 1
        elif _names(c.tail.labels) & _names(f.get("tail", ())):
            return 1
    return 0


def _dataset(extractions: Sequence[Extraction], facts_records: Sequence[dict], segmenter):
    by_file = {r["file"]: r.get("facts", []) for r in facts_records}
    rows = []  # (article index, candidate, label)
    for i, ex in enumerate(extractions):
        facts = by_file.get(ex.article.name)
        if facts is None:
            continue  # no gold for this article: nothing to learn from it
        for c in candidates(ex, _tokens(ex, segmenter)):
            rows.append((i, c, label(c, facts)))
    return rows


def train_pairs(extractions: Sequence[Extraction], facts_records: Sequence[dict], *,
                segmenter=None, l2: float = 3.0, folds: int = 4, floor: float = FLOOR,
                min_precision: float = MIN_PRECISION) -> dict:
    """Fit one model per kind; thresholds from ``folds``-fold out-of-fold probabilities
    of the candidates the rules do not state (the ones the model would add): the best
    F1 among the cuts whose precision against the gold is at least ``min_precision``
    (the gold lists salient facts only, so true precision is higher); a kind no cut
    makes precise enough adds nothing (threshold above 1)."""
    rows = _dataset(extractions, facts_records, segmenter)
    kinds = {}
    for kind in ALL_KINDS:
        mine = [(i, c, y) for i, c, y in rows if c.kind == kind]
        samples = [c.features for _, c, _ in mine]
        labels = [y for _, _, y in mine]
        oof = [0.0] * len(mine)
        arts = sorted({i for i, _, _ in mine})
        fold_of = {a: k % folds for k, a in enumerate(arts)}
        for k in range(folds):
            train = [j for j, (i, _, _) in enumerate(mine) if fold_of[i] != k]
            test = [j for j, (i, _, _) in enumerate(mine) if fold_of[i] == k]
            if not test:
                continue
            model = fit([samples[j] for j in train], [labels[j] for j in train], l2=l2)
            for j in test:
                oof[j] = model.probability(samples[j])
        new = [j for j, (_, c, _) in enumerate(mine) if not c.rule]
        probs, ys = [oof[j] for j in new], [labels[j] for j in new]
        threshold, f1 = pick_threshold(probs, ys, floor=floor, precision=min_precision)
        accepted = [y for p, y in zip(probs, ys) if p >= threshold]
        model = fit(samples, labels, l2=l2)
        model.threshold = threshold
        model.meta = {"candidates": len(mine), "positives": sum(labels),
                      "new_candidates": len(new), "new_positives": sum(ys),
                      "oof_f1": round(f1, 4), "oof_accepted": len(accepted),
                      "oof_correct": sum(accepted)}
        kinds[kind] = model.to_json()
    return {"version": PAIRS_VERSION, "per_number": 1, "kinds": kinds}


def pick_threshold(probs: Sequence[float], labels: Sequence[int], *, floor: float = FLOOR,
                   precision: float = MIN_PRECISION, min_correct: int = 2) -> tuple[float, float]:
    """(cut, F1) of the best cut at or above ``floor`` with enough precision, or (1.01, 0)."""
    pairs = sorted(zip(probs, labels), reverse=True)
    positives = sum(labels)
    best, best_f1, tp = 1.01, 0.0, 0
    for k, (p, y) in enumerate(pairs, 1):
        if p < floor:
            break
        tp += y
        if k < len(pairs) and pairs[k][0] == p:
            continue  # a cut cannot split equal probabilities
        f1 = 2 * tp / (k + positives) if positives else 0.0
        if tp >= min_correct and tp / k >= precision and f1 > best_f1:
            best, best_f1 = round(p, 4), f1
    return best, best_f1


class Models:
    """The JSON of :func:`train_pairs` made ready to score (weights loaded once)."""

    def __init__(self, data: dict) -> None:
        if data.get("version") != PAIRS_VERSION:
            raise ValueError(f"pairs model version {data.get('version')!r}, this kg reads {PAIRS_VERSION}")
        self.kinds = {k: Linear.from_json(v) for k, v in data.get("kinds", {}).items()}
        self.per_number = int(data.get("per_number", 1))
        # Kinds whose threshold no probability reaches add nothing: their candidates
        # are not even made.
        self.enabled = frozenset(k for k, m in self.kinds.items() if m.threshold <= 1.0)


def scored(extraction: Extraction, models: "Models | dict", *, segmenter=None,
           tokens=None, skip_stated: bool = False) -> list[tuple[float, Candidate]]:
    """(probability, candidate) for every candidate a model of its kind exists for."""
    models = models if isinstance(models, Models) else Models(models)
    tokens = tokens if tokens is not None else _tokens(extraction, segmenter)
    out = []
    for c in candidates(extraction, tokens, models.enabled, skip_stated):
        model = models.kinds.get(c.kind)
        if model is not None:
            out.append((model.probability(c.features), c))
    return out


def apply_pairs(extraction: Extraction, models: "Models | dict", *, segmenter=None,
                tokens=None) -> list[Relation | Figure]:
    """New records for the accepted candidates the rules did not state."""
    models = models if isinstance(models, Models) else Models(models)
    article = extraction.article
    stated = {(r.predicate, r.head, r.tail) for r in extraction.relations}
    figured = {(f.about, f.value) for f in extraction.figures}
    best: dict[tuple, tuple[float, Candidate]] = {}
    per_number: dict[int, list[tuple[float, Candidate]]] = {}
    text = article.text
    for p, c in scored(extraction, models, segmenter=segmenter, tokens=tokens, skip_stated=True):
        if c.rule or p < models.kinds[c.kind].threshold:
            continue
        if c.kind in ("runs", "promotes") and c.head.type is EntityType.ORGANIZATION \
                and text[max(0, c.head.start - 1):c.head.start] in LOCATIVE:
            continue  # 在兰花集团开展…: a body after 在 is where, not who (a division there
            # may be both: the county the story is about)
        if c.kind == FIGURE_KIND:
            per_number.setdefault(c.number[4], []).append((p, c))
            continue
        key = (c.kind, c.head.key, c.tail.key)
        if key not in stated and (key not in best or p > best[key][0]):
            best[key] = (p, c)
    out: list[Relation | Figure] = []
    for (kind, head, tail), (p, c) in best.items():
        if kind == "holdsPost" and not c.post:
            continue  # a post nobody can read is no fact
        sp = article.sentences[c.sentence]
        start, end = max(c.start, sp.start), min(c.end, sp.end)
        if start >= end:
            continue
        quals = (("post", c.post),) if kind == "holdsPost" else ()
        out.append(Relation(kind, head, tail, start, end, c.sentence, NAME, quals))
    for _, pcs in sorted(per_number.items()):
        pcs.sort(key=lambda pc: (-pc[0], pc[1].head.start))
        for p, c in pcs[:models.per_number]:
            value, unit, approx, surface, start, end = c.number
            if (c.head.key, value) in figured:
                continue
            figured.add((c.head.key, value))
            out.append(Figure(about=c.head.key, value=value, unit=unit, approximate=approx,
                              counts=None, surface=surface, start=start, end=end,
                              sentence=c.sentence, extractor=NAME))
    return out


def with_records(extraction: Extraction, records: Iterable[Relation | Figure]) -> Extraction:
    """``extraction`` with ``records`` added (a new record; the input is untouched)."""
    records = list(records)
    return Extraction(extraction.article, extraction.mentions,
                      extraction.relations + tuple(r for r in records if isinstance(r, Relation)),
                      extraction.figures + tuple(r for r in records if isinstance(r, Figure)),
                      extraction.attributes)
