"""Ingest: article files → frozen :class:`~kg.model.Article` records.

Public API:

* :func:`find_articles` — expand files/folders into ``(path, article_id)`` pairs;
* :func:`read_article` — decode, normalise, clean, parse metadata, split sentences;
* :func:`article_from_text` — the same for text already in memory;
* :func:`normalise` — pinyin stripping then traditional → simplified, with its map;
* :func:`split_sentences` — sentence spans of a text.

Nothing heavy happens at import: OpenCC and pypinyin load on first use.
"""
from __future__ import annotations

from .files import EXTENSION_LIST, EXTENSIONS, HTML_SUFFIXES, find_articles
from .reader import article_from_bytes, article_from_text, normalise, read_article, simplified
from .sentences import split_sentences

__all__ = ["EXTENSION_LIST", "EXTENSIONS", "HTML_SUFFIXES", "article_from_bytes", "article_from_text", "find_articles", "normalise", "read_article", "simplified",
           "split_sentences"]
