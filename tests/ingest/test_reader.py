from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from kg.errors import ArticleError, InputError
from kg.ingest import read_article

from .helpers import SEED_000, SEED_003


def test_seed_article_fields() -> None:
    article = read_article(SEED_000, "seeds/000.txt")
    assert article.id == "seeds/000.txt" and article.name == "000.txt"
    assert article.source == str(SEED_000)
    assert article.encoding == "utf-8"
    assert article.warnings == ()
    assert "(" not in article.text[:100]
    assert "辽中区" in article.text and "遼" not in article.text
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.text = ""  # type: ignore[misc]


def test_default_id_is_file_name() -> None:
    assert read_article(SEED_003).id == SEED_003.name


def test_sentences_cover_the_text() -> None:
    article = read_article(SEED_000)
    assert article.sentence_text(0) == "人民网"
    assert article.sentence_text(3) == "2022年03月10日16:26 | 来源:人民网-辽宁频道"
    body = "".join(article.sentence_text(i) for i in range(len(article.sentences)))
    assert body == article.text.replace("\n", "")
    i = article.text.index("全区各级党委(党组)")
    assert "全区各级党委(党组)" in article.sentence_text(article.sentence_at(i))


def test_empty_file(tmp_path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ArticleError, match="empty"):
        read_article(path)


def test_only_furniture(tmp_path) -> None:
    path = tmp_path / "junk.txt"
    path.write_text("小字号\n\n返回顶部\n  |  \n", "utf-8")
    with pytest.raises(ArticleError) as info:
        read_article(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(InputError):
        read_article(tmp_path / "gone.txt")


def test_import_loads_no_dictionaries() -> None:
    code = ("import sys, kg.ingest; "
            "print(any(m.split('.')[0] in ('opencc', 'pypinyin', 'jieba') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_byline_spaced_like_a_menu_is_kept_and_read() -> None:
    # five words apart by ideographic spaces look like a navigation menu; a credit
    # label among them makes them a byline, whose names are the article's authors
    from kg.ingest import article_from_text
    article = article_from_text(
        "某某日报　2024年05月06日\n\n新风吹进小山村\n\n本报记者　陈晓峰　本报通讯员　吴丽　黄海涛\n\n"
        "五月的山村处处是新景象，村民们聚在一起听宣讲。", "a.txt")
    assert "陈晓峰" in article.text
    assert set(article.metadata.authors) == {"陈晓峰", "吴丽", "黄海涛"}
    menu = article_from_text("首页　新闻　政务　文化　旅游　专题\n\n村里举办了一场宣讲活动，村民们都来了。", "b.txt")
    assert "政务" not in menu.text  # a real menu is still dropped
