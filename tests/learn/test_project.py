"""Gold names onto text: quotes ignored, longest first, offsets into the text."""
from kg.learn.project import project


def test_a_name_is_found_across_quote_marks():
    text = "镇里开展“读书角”进万家活动。"
    spans = project(text, [{"type": "Programme", "names": ["读书角进万家活动"]}])
    assert [(text[s.start:s.end], s.type) for s in spans] == [("读书角”进万家活动", "Programme")]


def test_the_longest_name_wins_where_names_overlap():
    text = "青松县委宣传部召开会议,青松县各乡镇参加。"
    spans = project(text, [{"type": "AdministrativeDivision", "names": ["青松县", "青松"]},
                           {"type": "Organization", "names": ["青松县委宣传部"]}])
    assert [(text[s.start:s.end], s.type) for s in spans] == [
        ("青松县委宣传部", "Organization"), ("青松县", "AdministrativeDivision")]


def test_one_character_names_and_optional_flags():
    text = "区里成立了百灵宣讲团。"
    spans = project(text, [{"type": "AdministrativeDivision", "names": ["区"]},
                           {"type": "LectureGroup", "names": ["百灵宣讲团"], "optional": True}])
    assert [(text[s.start:s.end], s.optional) for s in spans] == [("百灵宣讲团", True)]


def test_offsets_hold_past_characters_that_fold_to_two():
    text = "①号文件后,河湾村村委会开会。"  # ① folds (NFKC) to one character: 1
    spans = project(text, [{"type": "Organization", "names": ["河湾村村委会"]}])
    assert text[spans[0].start:spans[0].end] == "河湾村村委会"
