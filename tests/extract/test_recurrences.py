"""Later occurrences of a name the article introduced are mentions of the same entity."""
from kg.model import EntityType

P = EntityType.PROGRAMME
L = EntityType.LECTURE_GROUP


def occurrences(ex, type_, name):
    return [m for m in ex.mentions if m.type is type_ and m.canonical == name]


def test_a_quoted_brand_is_found_again_without_its_cue(extract):
    ex = extract("某区打造“书香小院”宣讲品牌。今年以来,“书香小院”已走进社区80余场。")
    found = occurrences(ex, P, "书香小院")
    assert len(found) == 2
    again = found[1]
    assert ex.article.text[again.start:again.end] == "书香小院"
    assert again.extractor == "recurrences" and again.key == found[0].key
    # and the figure in the second sentence is about it
    assert any(f.about == again.key and f.value == 80 for f in ex.figures)


def test_not_found_inside_a_longer_word(extract):
    ex = extract("某区打造“理论快车”宣讲品牌。理论快车道上跑得快。")
    # 快车道 is a word of its own: jieba's boundaries disagree with the name
    assert [m.start for m in occurrences(ex, P, "理论快车")] == [5]


def test_a_name_two_entities_share_is_not_searched(extract):
    ex = extract("某区开展“五个一”活动,践行“五个一”。后来“五个一”成为品牌。")
    later = [m for m in ex.mentions if m.extractor == "recurrences"]
    assert not later


def test_short_names_are_not_searched(extract):
    ex = extract("某镇开设“夜校”课堂。“夜校”开到了村里。")
    assert not [m for m in ex.mentions if m.extractor == "recurrences"]
