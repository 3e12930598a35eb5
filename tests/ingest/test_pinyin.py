from __future__ import annotations

import pytest

from kg.ingest.pinyin import is_reading, strip_pinyin


@pytest.mark.parametrize("source, expected", [
    ("網(wǎng)", "網"),
    ("人民網(wǎng)>>遼寧頻道", "人民網>>遼寧頻道"),
    ("區(qū)縣鄉(xiāng)村", "區縣鄉村"),
    ("運(yùn)用", "運用"),
    ("專(zhuān)項", "專項"),
    ("網( wǎng )", "網"),          # spaces inside
    ("網（wǎng）", "網"),          # full-width
    ("網(wǎng）", "網"),           # mixed
    ("網（ wǎng)", "網"),
    ("網 (wǎng)站", "網站"),       # one space before
    ("網(wang3)", "網"),           # tone number
    ("綠(lv4)", "綠"),            # v for ü
    ("綠(lǜ)", "綠"),
])
def test_annotations_are_stripped(source: str, expected: str) -> None:
    assert strip_pinyin(source)[0] == expected


@pytest.mark.parametrize("text", [
    "新时代文明实践中心(站、所)",
    "各级党委(党组)理论学习",
    "开展“5+12+N”大讨论(5+12+N)",
    "赤壁网消息(记者 王金芳)为了",
    "(资料图)",
    "中国(China)",
    "中国(an)",      # a syllable, but not a reading of 国
    "重庆(xi)",      # toneless and not a reading
    "A(ā)",          # Latin letters take no readings
    "2022(nián)",
    "(wǎng)",        # nothing before it
    "，(wǎng)",      # punctuation takes no readings
    "站(zhan",       # unclosed
    "阿(A)",         # a toneless capital is an abbreviation
    "足协(XIE)",
])
def test_real_parentheses_stay(text: str) -> None:
    assert strip_pinyin(text)[0] == text


def test_lost_character_keeps_question_mark() -> None:
    # seed 000: 座談(tán)討(tǎo)論 lost a character and the "(" before "dòng)"
    assert strip_pinyin("N個系列座談?dòng)懻,即")[0] == "N個系列座談?懻,即"
    assert strip_pinyin("開展?(zhǎn)")[0] == "開展?"
    assert strip_pinyin("專家?guī)?,完善")[0] == "專家??,完善"


def test_lost_character_needs_a_toned_syllable() -> None:
    assert strip_pinyin("什么?an)")[0] == "什么?an)"


def test_is_reading_compares_without_tones() -> None:
    assert is_reading("網", "wǎng")
    assert is_reading("網", "wang")       # toneless reading of a known character
    assert is_reading("網", "wàng")       # a tone pypinyin lacks still matches
    assert not is_reading("網", "wú")
    assert is_reading("?", "dòng")
    assert not is_reading("?", "dong")    # unknown character: a tone is required
    assert not is_reading("?", "xyz")     # not a syllable


def test_offsets_point_into_the_source() -> None:
    source = "遼寧頻(pín)道(dào)和(China)"
    text, offsets = strip_pinyin(source)
    assert text == "遼寧頻道和(China)"
    assert len(offsets.positions) == len(text) + 1
    for i, ch in enumerate(text):
        assert source[offsets(i)] == ch
    assert offsets.span(0, 4) == (0, 4 + len("(pín)"))
    assert offsets(len(text)) == len(source)


def test_large_input_is_fast() -> None:
    import time

    unit = "人民網(wǎng)遼寧頻(pín)道(dào)區(qū)縣鄉(xiāng)村(站、所)。\n"
    text = unit * 20_000  # ~0.8 M characters
    strip_pinyin("網(wǎng)")  # load the tables first
    start = time.perf_counter()
    out, offsets = strip_pinyin(text)
    elapsed = time.perf_counter() - start
    assert out == "人民網遼寧頻道區縣鄉村(站、所)。\n" * 20_000
    assert len(offsets) == len(out)
    assert elapsed < 2.0


def test_a_reading_repeated_is_stripped_too() -> None:
    text, mapping = strip_pinyin("中(zhong)(zhōng)國教育(yu)報")
    assert text == "中國教育報"
    assert mapping(1) == len("中(zhong)(zhōng)")  # 國 maps back past both
    # what follows a reading and is none stays: 中(zhong)(China)
    assert strip_pinyin("中(zhong)(China)")[0] == "中(China)"
