from __future__ import annotations

import codecs
import random

import pytest

from kg.errors import DecodeError
from kg.ingest import read_article
from kg.ingest.decode import decode_bytes, plausibility

from .helpers import SEED_000, SEED_003

# Big5 has no pinyin letters, so every variant is written from the seed with its
# annotations stripped (and 墻 spelt 牆, the form plain Big5 has); all must
# normalise to the Article.text of the original UTF-8 seed.
ENCODINGS = ["gbk", "gb18030", "big5", "cp950", "big5hkscs", "utf-8-sig", "utf-16",
             "utf-16-le-bom", "utf-16-be-bom", "utf-32"]
_BOMS = {"utf-16-le-bom": ("utf-16-le", codecs.BOM_UTF16_LE),
         "utf-16-be-bom": ("utf-16-be", codecs.BOM_UTF16_BE)}


def encode(text: str, encoding: str) -> bytes:
    if encoding in _BOMS:
        codec, bom = _BOMS[encoding]
        return bom + text.encode(codec)
    return text.encode(encoding)


@pytest.fixture(scope="module")
def seed_plain() -> str:
    from kg.ingest.pinyin import strip_pinyin

    return strip_pinyin(SEED_000.read_text("utf-8"))[0].replace("墻", "牆")


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_encodings_read_to_the_same_text(tmp_path, encoding: str, seed_plain: str) -> None:
    expected = read_article(SEED_000)
    path = tmp_path / f"seed.{encoding}.txt"
    path.write_bytes(encode(seed_plain, encoding))
    article = read_article(path)
    assert article.text == expected.text
    assert article.metadata == expected.metadata
    assert article.original == seed_plain  # BOM removed, otherwise untouched
    assert article.warnings == ()


@pytest.mark.parametrize("encoding, family", [
    ("gbk", "gb18030"), ("gb18030", "gb18030"), ("big5", "big5"), ("utf-8-sig", "utf-8"),
    ("utf-16", "utf-16"), ("utf-8", "utf-8")])
def test_reported_encoding(encoding: str, family: str, seed_plain: str) -> None:
    assert decode_bytes(seed_plain.encode(encoding)).encoding.startswith(family)


def test_annotated_seed_in_gb18030(tmp_path) -> None:
    # GB18030 holds the pinyin letters too: the annotated original survives
    source = SEED_003.read_text("utf-8")
    path = tmp_path / "seed.txt"
    path.write_bytes(source.encode("gb18030"))
    assert read_article(path).text == read_article(SEED_003).text


def test_big5_bytes_are_not_taken_for_gbk(seed_plain: str) -> None:
    data = seed_plain.encode("big5")
    data.decode("gb18030")  # they do decode as GBK, into nonsense...
    assert decode_bytes(data).text == seed_plain  # ...but Big5 is chosen


def test_gbk_simplified_text() -> None:
    text = "赤壁网消息(记者 王金芳)为了再次掀起解放思想大讨论活动热潮,推动赤壁新一轮发展。"
    assert decode_bytes(text.encode("gbk")).text == text


def test_random_bytes_raise_with_path(tmp_path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(random.Random(7).randbytes(4096))
    with pytest.raises(DecodeError) as info:
        read_article(path)
    message = str(info.value)
    assert str(path) in message
    assert "byte" in message and "UTF-8" in message  # offset and hint
    assert info.value.offset is not None


def test_implausible_text_is_refused(tmp_path) -> None:
    # valid GB18030 everywhere, but only private-use and rare characters
    data = "".join(chr(0xE000 + i) for i in range(200)).encode("gb18030")
    with pytest.raises(DecodeError, match="implausible"):
        decode_bytes(data, tmp_path / "x.txt")


def test_a_few_corrupt_bytes_are_replaced_and_their_offset_reported() -> None:
    text = "会议强调,要坚持四个意识。" * 20
    cut = len(text[:40].encode("utf-8"))
    data = text[:40].encode("utf-8") + b"\xff\xff" + text[40:].encode("utf-8")
    decoded = decode_bytes(data, "a.txt")
    assert decoded.text == text[:40] + "\ufffd\ufffd" + text[40:]
    assert decoded.encoding == "utf-8"
    assert any(f"first at byte {cut}" in w and "2 undecodable" in w for w in decoded.warnings)


def test_lines_of_another_encoding_are_read_as_such() -> None:
    first, second = "某某县委宣传部召开会议。\n", "会议强调要坚持学习。\n"
    decoded = decode_bytes((first * 3).encode("utf-8") + (second * 2).encode("gbk"), "m.txt")
    assert decoded.text == first * 3 + second * 2
    assert any("mixed encodings" in w and "gb18030" in w for w in decoded.warnings)


def test_utf16_without_a_bom_is_recognised_by_its_nul_bytes() -> None:
    text = "2024年3月5日\n某某县委宣传部召开会议,100人参加。\n"
    assert decode_bytes(text.encode("utf-16-le")).text == text
    assert decode_bytes(text.encode("utf-16-be")).text == text


def test_mostly_corrupt_bytes_are_still_an_error() -> None:
    text = "会议强调,要坚持四个意识。"
    data = text.encode("utf-8") + bytes(range(0x80, 0x100)) * 4
    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "a.txt")
    assert "a.txt" in str(info.value)


def test_truncated_final_character_warns(tmp_path) -> None:
    path = tmp_path / "cut.txt"
    data = "會議強調,要堅持四個意識。區委書記張三出席".encode("utf-8")
    path.write_bytes(data[:-1])  # half of 席
    article = read_article(path)
    assert article.text == "会议强调,要坚持四个意识。区委书记张三出"
    assert len(article.warnings) == 1 and "truncated" in article.warnings[0]


def test_truncated_gb18030_character_warns() -> None:
    data = "会议强调,要坚持四个意识。区委书记张三出席".encode("gb18030")
    decoded = decode_bytes(data[:-1])
    assert decoded.text.endswith("出") and decoded.encoding == "gb18030"
    assert decoded.warnings


def test_ascii_is_utf8() -> None:
    assert decode_bytes(b"plain text\n").encoding == "utf-8"


def test_plausibility_separates_text_from_noise(seed_plain: str) -> None:
    good = plausibility(seed_plain)
    noise = plausibility(seed_plain.encode("big5").decode("gb18030"))
    assert good.plausible and not noise.plausible
    assert good.score > noise.score


def test_clean_utf8_is_trusted_in_any_language() -> None:
    text = "안녕하세요 한국어 텍스트입니다. Ελληνικά κείμενα εδώ."
    assert decode_bytes(text.encode("utf-8")).text == text


def test_short_texts() -> None:
    assert decode_bytes("会议".encode("gbk")).text == "会议"
    assert decode_bytes("會議".encode("big5")).text == "會議"


def test_whitespace_file_is_an_article_error(tmp_path) -> None:
    from kg.errors import ArticleError

    path = tmp_path / "blank.txt"
    path.write_bytes(b" \r\n\t\n")
    with pytest.raises(ArticleError):
        read_article(path)
