"""Candidates with their left-trimmed variants, and the consistent set kept."""
from kg.learn.spans import Candidate, candidates, decide
from kg.extract.segment import Token


def toks(*words):
    out, at = [], 0
    for w in words:
        out.append(Token(w, at, at + len(w), "n"))
        at += len(w)
    return out


def test_a_proposal_gets_variants_without_its_leading_words():
    text = "勇当白沙镇"
    cands = candidates(text, toks("勇当", "白沙镇"), [(0, 5, "AdministrativeDivision", "divisions")], [])
    spans = {(text[c.start:c.end], tuple(sorted(c.sources))) for c in cands}
    assert spans == {("勇当白沙镇", ("divisions",)), ("白沙镇", ("trim1",))}


def test_rule_and_crf_proposals_of_one_span_merge():
    cands = candidates("百灵宣讲团", toks("百灵", "宣讲团"), [(0, 5, "LectureGroup", "lecture_groups")],
                       [(0, 5, "LectureGroup", 0.9)])
    whole = [c for c in cands if (c.start, c.end) == (0, 5)]
    assert len(whole) == 1 and whole[0].sources == {"lecture_groups", "crf"} and whole[0].crf == 0.9


def c(start, end, type_="Programme"):
    return Candidate(start, end, type_, frozenset({"crf"}), 0.5)


def test_decide_keeps_the_best_and_no_crossing_spans():
    kept = decide([c(0, 6), c(4, 9), c(10, 12)], [0.9, 0.8, 0.3], 0.5)
    assert [(k.start, k.end) for k, _ in kept] == [(0, 6)]


def test_nested_spans_of_other_types_stay_and_of_one_type_do_not():
    kept = decide([c(0, 8), c(0, 4, "Slogan"), c(4, 8)], [0.9, 0.8, 0.7], 0.5)
    assert [(k.start, k.end, k.type) for k, _ in kept] == [(0, 4, "Slogan"), (0, 8, "Programme")]


def test_fixed_spans_block_what_crosses_them():
    kept = decide([c(2, 6), c(8, 10)], [0.9, 0.9], 0.5, fixed=[(0, 4, "Organization")])
    assert [(k.start, k.end) for k, _ in kept] == [(8, 10)]


def test_the_scorer_gives_the_linear_models_probability_without_typed_strings():
    from kg.learn.linear import Linear
    from kg.learn.spans import SpanScorer, span_features, span_parts
    text = "县里开展“春风行动”，组建百灵宣讲团。"
    tokens = toks("县里", "开展", "“", "春风", "行动", "”", "，", "组建", "百灵", "宣讲团", "。")
    cands = candidates(text, tokens, [(4, 8, "Programme", "programmes"), (13, 18, "LectureGroup", "lecture_groups")],
                       [(13, 18, "LectureGroup", 0.8), (4, 8, "Slogan", 0.4)])
    starts = [t.start for t in tokens]
    feats = [span_features(text, tokens, starts, x) for x in cands]
    # weights on plain, typed, "both" and type features, some unknown to the candidates
    vocab = sorted({f for row in feats for f in row})
    model = Linear({f: ((i * 37) % 11 - 5) / 7 for i, f in enumerate(vocab)} | {"Slogan|zzz=1": 3.0},
                   -0.3)
    scorer = SpanScorer(model)
    for x, row in zip(cands, feats):
        shared, both = span_parts(text, tokens, starts, x)
        assert abs(scorer.probability(x.type, shared, both) - model.probability(row)) < 1e-9
    assert any(x.type == "LectureGroup" and span_parts(text, tokens, starts, x)[1] for x in cands)
