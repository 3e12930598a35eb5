from __future__ import annotations

import re

import pytest

import kg.ingest.convert as convert
from kg.ingest.convert import to_simplified
from kg.ingest.reader import normalise

from .helpers import SEED_000


def test_traditional_becomes_simplified() -> None:
    text, offsets = to_simplified("沈陽市遼中區以解放思想激活振興發展內生動力")
    assert text == "沈阳市辽中区以解放思想激活振兴发展内生动力"
    assert offsets.positions == tuple(range(len(text) + 1))


def test_simplified_text_is_unchanged() -> None:
    text = "赤壁网消息(记者 王金芳)为了再次掀起解放思想大讨论活动热潮,著名的乾隆皇帝,余下的台湾同胞。\n第二行"
    assert to_simplified(text)[0] == text


def test_empty_text() -> None:
    text, offsets = to_simplified("")
    assert text == "" and offsets.positions == (0,)


class _LengthChanging:
    """A stand-in converter whose phrase rules change lengths (OpenCC rarely does)."""

    def convert(self, s: str) -> str:
        return s.replace("甲乙", "丙").replace("丁", "戊己").replace("國", "国")


def test_length_changes_fall_back_per_character(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "converter", lambda: _LengthChanging())
    source = "國家甲乙,好國\n第二行國丁\n甲乙"
    text, offsets = to_simplified(source)
    # line 1 shrank: its clause is converted per character, so 甲乙 stays 1:1
    assert text == "国家甲乙,好国\n第二行国戊己\n甲乙"
    assert len(offsets.positions) == len(text) + 1
    assert [source[offsets(i)] for i in range(len(text))] == list(
        "國家甲乙,好國\n第二行國丁丁\n甲乙")


def test_normalise_strips_then_converts() -> None:
    source = "人民網(wǎng)>>遼寧頻道>>區(qū)縣鄉(xiāng)村"
    text, offsets = normalise(source)
    assert text == "人民网>>辽宁频道>>区县乡村"
    assert [source[offsets(i)] for i in range(len(text))] == list("人民網>>遼寧頻道>>區縣鄉村")


def test_normalise_seed_keeps_real_parentheses() -> None:
    text, _ = normalise(SEED_000.read_text("utf-8"))
    assert "全区各级党委(党组)理论学习中心组" in text
    assert "新时代文明实践中心(站、所)独特功能" in text
    assert "“5+12+N”大讨论" in text
    assert "N个系列座谈?懻,即组织" in text
    assert "各镇(街道)领导班子" in text
    assert not re.search(r"[(（]?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]", text)
