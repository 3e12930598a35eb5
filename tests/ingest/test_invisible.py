"""Zero-width, bidi and control characters are deleted, offsets kept (kg.ingest.invisible)."""
from __future__ import annotations

from kg.ingest import article_from_text
from kg.ingest.invisible import strip_invisible


def test_invisible_characters_inside_a_name_are_deleted_with_their_offsets():
    text = "沈阳市辽\u200b中\u202e区召开会议\u00ad。\ufeff"
    clean, offsets = strip_invisible(text)
    assert clean == "沈阳市辽中区召开会议。"
    for i, ch in enumerate(clean):
        assert text[offsets.positions[i]] == ch


def test_tabs_and_line_breaks_stay():
    assert strip_invisible("甲\t乙\n丙\r\n丁")[0] == "甲\t乙\n丙\r\n丁"
    assert strip_invisible("甲\x00乙\x07丙\x1b")[0] == "甲乙丙"


def test_an_article_reads_the_name_whole_and_points_into_the_original():
    original = "2024年3月5日\n辽\u200b中区委宣传部召开会议。\n"
    article = article_from_text(original, "a.txt")
    start = article.text.index("辽中区")
    assert article.original[article.offsets.positions[start]] == "辽"
    assert "\u200b" not in article.text
