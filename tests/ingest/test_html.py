from __future__ import annotations

from kg.ingest import read_article
from kg.ingest.html import html_to_text, looks_like_html

from .helpers import roundtrip_failures

PAGE = """<!DOCTYPE html>
<html><head><meta charset="gbk"><title>沈陽市遼中區(qū)召開會議</title>
<style>p { color: red }</style>
<script>var x = "<p>不是正文</p>";</script></head>
<body><div class="nav">首页 &gt; 正文</div>
<p>2022年03月10日16:26 | 來源:人民網</p>
<p>&nbsp;&nbsp;會議強調,要堅持&ldquo;四個&rdquo;意識。區委書記張三出席。</p>
<!-- comment <p>hidden</p> -->
<p>第二段  文字&amp;內容。</p><p>(責編:李四)</p>
</body></html>"""


def test_html_to_text_keeps_visible_text_with_offsets() -> None:
    text, offsets = html_to_text(PAGE)
    assert "不是正文" not in text and "color" not in text and "hidden" not in text
    assert "首页 > 正文" in text
    assert "“四个”" not in text and "“四個”意識。" in text
    assert "第二段 文字&內容。" in text
    for i, ch in enumerate(text):
        source = PAGE[offsets(i)]
        assert source == ch or source in "<&" or (ch == " " and source.isspace())


def test_html_article(tmp_path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("gbk"))
    article = read_article(path)
    assert article.encoding == "gbk"
    assert article.text.split("\n") == [
        "沈阳市辽中区召开会议",
        "2022年03月10日16:26 | 来源:人民网",
        "会议强调,要坚持“四个”意识。区委书记张三出席。",
        "第二段 文字&内容。",
        "(责编:李四)",
    ]
    assert article.metadata.title == "沈阳市辽中区召开会议"
    assert article.metadata.source == "人民网"
    assert article.metadata.editors == ("李四",)
    assert "<" not in article.text
    assert not [bad for bad in roundtrip_failures(article) if bad[2] not in "&<"]


def test_html_is_sniffed_without_extension(tmp_path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<html><body><p>会议召开。</p><p>第二段。</p></body></html>", "utf-8")
    assert read_article(path).text == "会议召开。\n第二段。"
    assert looks_like_html("  <!-- x --><!doctype html><p>")
    assert not looks_like_html("正文 <b>粗</b>")
