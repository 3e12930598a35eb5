"""The CRF: BIO labels, training, tagging unseen text, determinism."""
from kg.learn import ner
from kg.learn.features import char_features
from kg.extract.segment import Segmenter

SENTENCES = [("村里组建百灵宣讲团开展宣讲。", "百灵宣讲团"), ("县里成立青松宣讲团走进社区。", "青松宣讲团"),
             ("镇上组建红星宣讲团服务群众。", "红星宣讲团"), ("街道成立银杏宣讲团深入基层。", "银杏宣讲团"),
             ("乡里组建春雨宣讲团送理论下乡。", "春雨宣讲团"), ("社区成立枫叶宣讲团讲述故事。", "枫叶宣讲团")]


def test_bio_and_spans_of_are_inverse():
    labels = ner.bio(10, [(1, 4, "Person"), (6, 9, "Slogan")])
    assert labels[:5] == ["O", "B-Person", "I-Person", "I-Person", "O"]
    assert ner.spans_of(labels) == [(1, 4, "Person"), (6, 9, "Slogan")]


def sequences(segmenter):
    for text, name in SENTENCES:
        start = text.index(name)
        feats = char_features(text, segmenter.tokens(text))
        yield feats, ner.bio(len(text), [(start, start + len(name), "LectureGroup")])


def test_a_trained_crf_finds_the_pattern_in_a_new_sentence(tmp_path):
    seg = Segmenter()
    ner.train(list(sequences(seg)), tmp_path / "m.crfsuite")
    tagger = ner.EntityTagger(tmp_path / "m.crfsuite")
    text = "村里组建松涛宣讲团开展宣讲。"
    tagged = tagger.tag(char_features(text, seg.tokens(text)), [(0, len(text))])
    assert [(text[t.start:t.end], t.type) for t in tagged] == [("松涛宣讲团", "LectureGroup")]
    assert 0.5 < tagged[0].probability <= 1.0
    alternatives = ner.tag_with_alternatives(tagger, char_features(text, seg.tokens(text)),
                                             [(0, len(text))])
    assert (tagged[0].start, tagged[0].end) in {(t.start, t.end) for t in alternatives}


def test_training_is_deterministic(tmp_path):
    seg = Segmenter()
    data = list(sequences(seg))
    ner.train(data, tmp_path / "a.crfsuite")
    ner.train(data, tmp_path / "b.crfsuite")
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()
