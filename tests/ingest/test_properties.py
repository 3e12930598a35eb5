"""Property-based tests (hypothesis): whatever text arrives, the normaliser keeps an
offset map whose every entry points back into the original."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import ArticleError
from kg.ingest import article_from_text
from kg.ingest.decode import decode_bytes
from kg.errors import DecodeError

# Text as scraped pages have it: Chinese (simplified and traditional), pinyin
# annotations, ASCII, punctuation, line breaks, invisible and control characters,
# characters beyond the BMP, a little HTML.
PIECES = st.sampled_from([
    "區", "網(wǎng)", "县委", "宣講團", "辽\u200b中区", "\u202e", "\ufeff", "\x00", "\r\n", "\n", "\r",
    "。", "，", "“", "”", "《", "》", "(", ")", "2024年", "３月", "a", "Z", "9", " ", "\t", "𠀀", "🎉",
    "<p>", "</p>", "&amp;", "&#x4E2D;", "·", "—", "編輯：", "来源：", "责任编辑", "\u3000"])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_every_offset_maps_back_into_the_original(original):
    try:
        article = article_from_text(original, "x.txt")
    except ArticleError:
        return  # nothing left to read: refused, not crashed
    positions = article.offsets.positions
    assert len(positions) == len(article.text) + 1
    assert all(0 <= p <= len(original) for p in positions)
    assert all(a <= b for a, b in zip(positions, positions[1:]))  # in order
    for i, ch in enumerate(article.text):
        if ch.isascii() and ch.isalnum():  # unconverted characters point at themselves
            assert original[positions[i]] == ch, (i, ch)
    for s in article.sentences:
        assert 0 <= s.start <= s.end <= len(article.text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_fail_cleanly(data):
    try:
        decoded = decode_bytes(data, "x.txt")
    except DecodeError as exc:
        assert "x.txt" in str(exc) and exc.hint
        return
    assert isinstance(decoded.text, str)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]))
def test_text_encoded_any_common_way_reads_back(text, encoding):
    text = "会议强调要坚持学习宣讲精神。" + text  # enough Chinese to be evidence of its encoding
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    if not data.strip():
        return
    try:
        decoded = decode_bytes(data, "x.txt")
    except DecodeError:
        # short or odd texts may be too little evidence; never a crash
        return
    if encoding in ("utf-8", "utf-8-sig", "utf-16"):  # UTF is exact; GB18030 may be
        assert decoded.text == text  # read as UTF-8 when its bytes are valid UTF-8 too
