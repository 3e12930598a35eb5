"""Attribute rows computed without strings (charids) equal the rows of the strings
(features.char_features) for every character, on invented and on random text."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.segment import Segmenter
from kg.learn.charids import FeatureIds
from kg.learn.features import char_features

TEXTS = [
    "桃源县委宣传部组建“百姓名嘴”宣讲团，走进12个乡镇开展宣讲300余场。",
    "宣讲员扎西顿珠说：《春风行动》已覆盖全县。\n\n王某某、李某某参加。",
    "在青石镇，“学思践悟”主题宣传教育活动持续推进（2024年3月）。",
    "ABC客户端报道：县文明办、团县委和市社科联联合举办读书分享会……",
    "",
    "“",
    "镇",
]
SEG = Segmenter()


def _vocabulary(texts, proposals=()) -> dict[str, int]:
    """Every feature string of ``texts`` numbered: a model that knows them all."""
    vocab: dict[str, int] = {}
    for text in texts:
        for row in char_features(text, SEG.tokens(text), proposals):
            for f in row:
                vocab.setdefault(f, len(vocab))
    return vocab


def _rows(vocab, text, proposals=()):
    feats = char_features(text, SEG.tokens(text), proposals)
    return [sorted(vocab.get(f, -1) for f in row) for row in feats]


def _check(ids: FeatureIds, vocab, text, proposals=()):
    got = ids.ids(text, SEG.tokens(text), proposals)
    assert got.shape == (len(text), 22)
    assert [sorted(row) for row in got.tolist()] == _rows(vocab, text, proposals)


def test_rows_equal_the_strings_rows_on_invented_text():
    proposals = [(0, 3, "AdministrativeDivision"), (0, 7, "Organization"), (8, 12, "Slogan")]
    vocab = _vocabulary(TEXTS, proposals)
    ids = FeatureIds(vocab)
    for text in TEXTS:
        _check(ids, vocab, text, [p for p in proposals if p[1] <= len(text)])


def test_features_the_model_does_not_know_are_minus_one():
    vocab = _vocabulary(TEXTS[:1])
    ids = FeatureIds(vocab)
    text = "完全不同的一句话：龘靐齉。"
    got = ids.ids(text, SEG.tokens(text))
    assert (got == -1).any() and (got >= 0).any()
    _check(ids, vocab, text)


ALPHABET = st.sampled_from(list("县镇村委宣讲团活动行动工程中心协会王李张扎西顿珠“”《》（），。、；：！？\n 0123456789一二三AZaz")
                           + ["\U00020000", "·", "—"])


@settings(max_examples=60, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join),
       st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8),
                          st.sampled_from(["Programme", "Person", "Slogan"])), max_size=4))
def test_rows_equal_the_strings_rows_on_random_text(text, spans):
    proposals = [(s, s + n, t) for s, n, t in spans]
    vocab = _vocabulary(TEXTS + [text], proposals)
    _check(FeatureIds(vocab), vocab, text, proposals)


def test_a_model_without_some_templates_still_gives_rows():
    vocab = {"c=县": 0, "h=P1": 1, "w=B县委": 2}
    text = "县委宣传部开展活动"
    got = FeatureIds(vocab).ids(text, SEG.tokens(text))
    assert got[0].tolist().count(0) == 1 and np.all(got[:, :] < 3)
