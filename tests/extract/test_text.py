"""kg.extract.text: the grammar shared by the extractors (invented sentences)."""
import pytest

from kg.extract.text import list_kind


def _after_first_item(text: str) -> int:
    return text.index("”") + 1


@pytest.mark.parametrize("text, kind", [
    ("打造“甲乙”“丙丁”等宣讲品牌5个。", "宣讲品牌"),
    ("启动“甲乙”、“丙丁”等系列活动。", "系列活动"),
    ("确定了“甲乙”等30个进入决赛的项目。", "项目"),
    ("推出“甲乙”等特色课堂。", "课堂"),
])
def test_the_kind_a_quoted_list_is_said_to_be(text, kind):
    assert list_kind(text, _after_first_item(text)) == kind


@pytest.mark.parametrize("text", [
    "围绕“甲乙”“丙丁”等主题开展宣讲活动。",   # themes of an activity
    "“甲乙”“丙丁”等主题宣讲活动。",
    "组建“甲乙”等宣讲团3个。",                 # groups, not programmes
    "“甲乙”活动在全县推开。",                  # no list
    "“甲乙”“丙丁”等方面的内容。",
])
def test_no_programme_kind(text):
    assert list_kind(text, _after_first_item(text)) is None


def test_a_list_named_after_its_series():
    text = "启动“甲乙”“丙丁”的“双百”系列活动。"
    assert list_kind(text, _after_first_item(text)) == "系列活动"
