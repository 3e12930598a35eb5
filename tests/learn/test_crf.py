"""kg's decoder of a CRFsuite model gives CRFsuite's labels and marginals."""
import numpy as np
import pycrfsuite
import pytest

from kg.extract.segment import Segmenter
from kg.learn import ner
from kg.learn.crf import CompiledCRF
from kg.learn.features import char_features

TRAIN = [("村里组建百灵宣讲团开展宣讲。", "百灵宣讲团", "LectureGroup"),
         ("县里成立青松宣讲团走进社区。", "青松宣讲团", "LectureGroup"),
         ("镇上开展“春风行动”服务群众。", "“春风行动”", "Programme"),
         ("街道举办“邻里节”活动\n深入基层。", "“邻里节”", "Programme"),
         ("乡里组建春雨宣讲团 送理论下乡。", "春雨宣讲团", "LectureGroup"),
         ("社区开展“暖心行动”讲述故事。", "“暖心行动”", "Programme")]
TEST = ["村里成立松涛宣讲团开展“清风行动”。", "县里举办\n“读书节”，组建红星宣讲团。", "没有名字的一句话"]


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    seg = Segmenter()
    data = []
    for text, name, type_ in TRAIN:
        start = text.index(name)
        data.append((char_features(text, seg.tokens(text)),
                     ner.bio(len(text), [(start, start + len(name), type_)])))
    path = tmp_path_factory.mktemp("crf") / "m.crfsuite"
    ner.train(data, path, {"c1": 0.0})  # no L1: every feature keeps a weight
    return path, seg


def test_labels_and_marginals_equal_crfsuites(model):
    path, seg = model
    crf = CompiledCRF.load(path)
    assert any("\n" in a for a in crf.attributes)  # the dump's line-break attribute is read
    reference = pycrfsuite.Tagger()
    reference.open(str(path))
    for text in TEST:
        feats = char_features(text, seg.tokens(text))
        bounds = [(0, 5), (5, len(text))]
        d = crf.decode(crf.scores(crf.ids_of(feats)), bounds)
        for k, (s, e) in enumerate(bounds):
            o = d.offsets[k]
            labels = reference.tag(feats[s:e])
            assert [crf.labels[i] for i in d.best[o:o + e - s]] == labels
            want = [[reference.marginal(label, i) for label in crf.labels] for i in range(e - s)]
            assert np.allclose(d.marginals[o:o + e - s], want, atol=1e-4)
            assert np.allclose(d.marginals[o:o + e - s].sum(axis=1), 1.0)


def test_strings_and_rows_give_the_same_spans(model):
    path, seg = model
    tagger = ner.EntityTagger(path)
    text = TEST[0]
    tokens = seg.tokens(text)
    from_strings = ner.tag_with_alternatives(tagger, char_features(text, tokens), [(0, len(text))])
    from_rows = ner.tag_with_alternatives(tagger, tagger.feature_ids.ids(text, tokens),
                                          [(0, len(text))])
    assert from_strings == from_rows
    assert ("松涛宣讲团", "LectureGroup") in {(text[t.start:t.end], t.type) for t in from_rows}


def test_empty_stretches_decode_to_nothing(model):
    path, _ = model
    crf = CompiledCRF.load(path)
    d = crf.decode(np.zeros((3, len(crf.labels))), [(1, 1), (2, 2)])
    assert len(d.best) == 0 and ner._best_spans(crf.labels, d) == []


def test_a_file_that_is_not_a_model_is_an_input_error(tmp_path):
    from kg.errors import InputError
    bad = tmp_path / "x.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(InputError, match="entity model"):
        CompiledCRF.load(bad)


LABELS = ["O", "B-Programme", "I-Programme", "B-Person", "I-Person"]


def test_best_path_spans_follow_spans_of_in_every_stretch():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kg.learn.crf import Decoded

    @settings(max_examples=80, deadline=None)
    @given(st.lists(st.lists(st.integers(0, 4), min_size=1, max_size=12), min_size=1, max_size=4))
    def check(stretches):
        starts, at = [], 0
        for labels in stretches:  # stretches apart, as sentences are
            starts.append(at)
            at += len(labels) + 2
        lengths = [len(x) for x in stretches]
        offsets = np.cumsum([0] + lengths[:-1])
        best = np.array([i for x in stretches for i in x], dtype=np.int32)
        d = Decoded(np.array(starts), np.array(lengths), offsets, best,
                    np.full((len(best), len(LABELS)), 0.5))
        got = [(k, (t.start, t.end, t.type)) for k, t in ner._best_spans(LABELS, d)]
        want = [(k, span) for k, (s, x) in enumerate(zip(starts, stretches))
                for span in ner.spans_of([LABELS[i] for i in x], s)]
        assert got == want

    check()
