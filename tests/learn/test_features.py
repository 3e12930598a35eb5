"""Character features: one list per character, rule proposals and heads visible."""
from kg.learn.features import _head_distance, char_features, proposal_tags
from kg.extract.segment import Segmenter


def test_one_feature_list_per_character_with_the_proposals():
    text = "开展“理论夜校”活动"
    feats = char_features(text, Segmenter().tokens(text), [(3, 7, "Programme")])
    assert len(feats) == len(text)
    assert "r=B-Programme" in feats[3] and "r=I-Programme" in feats[6] and "r=O" in feats[0]
    assert "q=1" in feats[4] and "q=0" in feats[0]


def test_longest_proposal_wins_where_they_overlap():
    assert proposal_tags(6, [(0, 2, "AdministrativeDivision"), (0, 5, "Organization")]) == [
        "B-Organization", "I-Organization", "I-Organization", "I-Organization", "I-Organization", "O"]


def test_a_programme_head_ahead_in_the_clause_is_seen():
    marks = _head_distance("举办读书分享活动,然后")
    assert marks[0].startswith("P") and marks[-1] == ""


def test_elements_of_transliterated_names_are_marked():
    feats = char_features("宣讲员扎西顿珠说", Segmenter().tokens("宣讲员扎西顿珠说"))
    marks = [next(x for x in f if x.startswith("mn=")) for f in feats]
    assert marks[3:7] == [
        "mn=BO", "mn=IB", "mn=BI", "mn=IB"]
