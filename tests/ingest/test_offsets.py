from __future__ import annotations

import pytest

from kg.ingest import read_article
from kg.ingest.offsets import MapBuilder, compose, delete_spans
from kg.model import OffsetMap

from .helpers import SEED_000, SEED_003, roundtrip_failures


def test_builder_copy_emit_finish() -> None:
    out = MapBuilder("ab\r\ncd")
    out.copy(0, 2)
    out.emit("\n", 3)
    out.copy(4, 6)
    text, offsets = out.finish()
    assert text == "ab\ncd"
    assert offsets.positions == (0, 1, 3, 4, 5, 6)


def test_delete_spans() -> None:
    text, offsets = delete_spans("0123456789", [2, 4, 7, 8])
    assert text == "0145689"
    assert offsets.positions == (0, 1, 4, 5, 6, 8, 9, 10)


def test_compose_matches_then() -> None:
    a = OffsetMap((0, 2, 3, 5, 6))
    b = OffsetMap((1, 2, 4))
    c = OffsetMap((0, 2))
    assert compose(a, b, c) == c.then(b).then(a)
    assert compose(a) == a
    with pytest.raises(ValueError):
        compose()


@pytest.mark.parametrize("seed", [SEED_000, SEED_003], ids=["000", "003"])
def test_seed_offsets_round_trip(seed) -> None:
    article = read_article(seed)
    assert len(article.offsets.positions) == len(article.text) + 1
    assert article.original == seed.read_text("utf-8")
    assert roundtrip_failures(article) == []
    positions = article.offsets.positions
    assert all(a < b for a, b in zip(positions, positions[1:-1]))  # strictly increasing
    assert positions[-1] <= len(article.original)


def test_seed_000_spans_map_to_traditional_source() -> None:
    article = read_article(SEED_000)
    i = article.text.index("沈阳市辽中区以解放思想")
    start, end = article.offsets.span(i, i + 6)
    assert article.original[start:end] == "沈陽(yáng)市遼中區"  # annotation inside, not after
    j = article.text.index("李进媛")
    start, end = article.offsets.span(j, j + 3)
    assert article.original[start:end] == "李進(jìn)媛"


def test_crlf_offsets(tmp_path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("標題行\r\n\r\n網(wǎng)站正文。\r第二段。\r\n".encode("utf-8"))
    article = read_article(path)
    assert article.text == "标题行\n网站正文。\n第二段。"
    assert "\r" in article.original
    assert roundtrip_failures(article) == []
    assert article.original[article.offsets(article.text.index("\n"))] == "\n"  # the LF of CRLF
