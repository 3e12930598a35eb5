from __future__ import annotations

import pytest

from kg.ingest import read_article
from kg.ingest.furniture import clean_lines, fold_newlines, is_furniture

from .helpers import SEED_000


def test_seed_000_furniture_is_gone() -> None:
    article = read_article(SEED_000)
    for junk in ("小字号", "分享让更多人看到", "返回顶部"):
        assert junk not in article.text
    lines = article.text.split("\n")
    assert lines[:4] == ["人民网", "人民网>>辽宁频道>>区县乡村",
                         "沈阳市辽中区以解放思想激活振兴发展内生动力",
                         "2022年03月10日16:26 | 来源:人民网-辽宁频道"]
    assert lines[-1] == "(责编:李进媛、汤龙)"  # metadata lines stay
    assert "" not in lines  # blank lines collapsed


@pytest.mark.parametrize("line", [
    "小字号", "分享让更多人看到", "返回顶部", "首页 > 正文", "打印", "关闭窗口", "【纠错】",
    "【打印】 【关闭】", "点击率:0", "浏览次数:1286", "|", "(资料图)", "关键词:",
    "Copyright 2011 甘肃省精神文明建设指导委员会办公室 ©版权所有 陇ICP备13000735号-1",
    "技术支持:每日甘肃网",
])
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "(责编:李进媛、汤龙)", "2022年03月10日16:26 | 来源:人民网-辽宁频道", "人民网>>辽宁频道>>区县乡村",
    "以学习为抓手,打开思想解放闸门", "中", "热线:0431-81126178",
])
def test_text_lines_stay(line: str) -> None:
    assert not is_furniture(line) or line == "中"


def test_header_only_furniture() -> None:
    assert is_furniture("热线:0431-81126178", in_header=True)
    assert is_furniture("长春 江城 四平 辽源 通化 白城 白山 松原 延边 长白山保护开发区", in_header=True)
    assert not is_furniture("长春 江城 四平 辽源 通化 白城", in_header=False)


def test_leading_garbage_and_spaces() -> None:
    source = "????為深入貫徹。\n\u3000\u3000第二段。\n??陣地建設\n  縮進 |\n作者: 发布时间:2023/10/30 17:40:31 点击率:0\n"
    text, offsets = clean_lines(source)
    assert text == "????為深入貫徹。".lstrip("?") + "\n第二段。\n陣地建設\n縮進\n作者: 发布时间:2023/10/30 17:40:31"
    for i, ch in enumerate(text):
        assert source[offsets(i)] == ch


def test_single_lost_character_at_line_start_stays() -> None:
    assert clean_lines("?近平总书记。")[0] == "?近平总书记。"


def test_fold_newlines() -> None:
    text, offsets = fold_newlines("a\r\nb\rc\n")
    assert text == "a\nb\nc\n"
    assert offsets.positions == (0, 2, 3, 4, 5, 6, 7)
