"""One article through the entity model: features, CRF spans, candidates, scores.

Shared by training (:mod:`kg.training`) and by the extractor that applies a
model (:mod:`kg.extract.entity_model`), so the two can never see an article
differently.  ``proposals`` are the rule extractors' mentions as
(start, end, type, extractor); ``tokens`` are jieba tokens with offsets.
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

from kg.learn.features import char_features
from kg.learn.ner import EntityTagger, Tagged, tag_with_alternatives
from kg.learn.spans import Candidate, candidates, span_features, span_parts


class Proposed(NamedTuple):
    candidates: list[Candidate]
    features: list  # span features per candidate (strings, or span_parts with parts=True)
    tagged: list[Tagged]  # the CRF's spans (best path and alternatives)


def char_inputs(text: str, tokens: Sequence, proposals: Sequence[tuple[int, int, str, str]]):
    return char_features(text, tokens, [(s, e, t) for s, e, t, _ in proposals])


def propose(text: str, tokens: Sequence, bounds: Sequence[tuple[int, int]],
            proposals: Sequence[tuple[int, int, str, str]], tagger: EntityTagger | None,
            floor: float, types: set[str] | None = None,
            char_feats=None,
            tagged: list[Tagged] | None = None, parts: bool = False) -> Proposed:
    """Candidates of ``types`` (all when None) with their span features; the CRF's
    spans are ``tagged`` when given (training), else the ``tagger``'s.  ``parts``:
    the features as :func:`span_parts` gives them (what a SpanScorer reads)."""
    if tagged is not None:
        pass
    elif tagger is None:
        tagged = []
    else:
        if char_feats is None:  # attribute rows, not strings: kg.learn.charids
            char_feats = tagger.feature_ids.ids(text, tokens, [(s, e, t) for s, e, t, _ in proposals])
        tagged = tag_with_alternatives(tagger, char_feats, bounds, floor, types)
    cands = candidates(text, tokens, proposals, [tuple(t) for t in tagged])
    if types is not None:
        cands = [c for c in cands if c.type in types]
    starts = [t.start for t in tokens]
    describe = span_parts if parts else span_features  # parts: for a SpanScorer
    return Proposed(cands, [describe(text, tokens, starts, c) for c in cands], tagged)
