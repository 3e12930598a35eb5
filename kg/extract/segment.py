"""Word segmentation with offsets, owned by whoever creates the Segmenter.

Words come from jieba-rs (the ``rjieba`` binding): the same dictionary and the
same DAG + HMM algorithm as jieba, 20x faster (bench/extract.py; on the dev
texts its words differ from jieba's in about one token in 250, mostly dates such
as 2022-12-13 kept whole).  Frequencies and tags are read from jieba's own
``dict.txt`` (the ``jieba`` package is kept for that file alone), so that
``lookup`` and the tags of known words are exactly jieba's; a word neither
dictionary knows (jieba's HMM found it) gets a guessed tag.

Design note: the guide asks each extractor to own its jieba state.  We keep the
spirit (no global state, nothing loaded at import time) but share *one* lazily
built tokenizer per pipeline: a dictionary costs ~0.6 s and tens of MB to load,
and six copies of it would cost six times that for identical segmentations.
Extractors contribute their words (``Segmenter.add_words``) before the first
call; the pipeline owns the Segmenter and hands it to them.
"""
from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable


_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def _guess_tag(word: str) -> str:
    """A tag for a word the dictionary lacks (jieba's HMM found it): 2-3 Han
    characters are most often a name (nr), longer ones a proper noun (nz)."""
    if _HAN.match(word):
        return "nr" if 2 <= len(word) <= 3 else ("nz" if len(word) > 3 else "x")
    if word.isdigit():
        return "m"
    if word.isascii() and word.isalpha():
        return "eng"
    return "x"


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    pos: str  # jieba part-of-speech tag ("x" for punctuation)


_CACHE_SIZE = 8
_TAG_CACHE_SIZE = 200_000  # words whose tag is remembered, at most


def _dictionary_path() -> str:
    import importlib.util
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        from kg.errors import KgError
        raise KgError("the jieba package is missing: kg reads its dictionary",
                      hint="reinstall kg (pip install -e .) or pip install jieba")
    return os.path.join(os.path.dirname(spec.origin), "dict.txt")


@lru_cache(maxsize=1)
def _base_dictionary() -> dict[str, tuple[int, str]]:
    """jieba's dictionary, word -> (frequency, tag); read once per process, shared."""
    tags: dict[str, str] = {}
    out: dict[str, tuple[int, str]] = {}
    with open(_dictionary_path(), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                tag = parts[2] if len(parts) > 2 else "x"
                out[parts[0]] = (int(parts[1]), tags.setdefault(tag, tag))
    return out


class Segmenter:
    """A private jieba-rs tokenizer with user words, and a small cache of texts."""

    def __init__(self, words: Iterable[tuple[str, int, str]] = ()) -> None:
        self._pending: list[tuple[str, int, str]] = list(words)
        self._providers: list[Callable[[], Iterable[tuple[str, int, str]]]] = []
        self._tokenizer = None
        self._words: dict[str, tuple[int, str]] = {}  # user words, over the base dictionary
        self._base: dict[str, tuple[int, str]] = {}
        self._tags: dict[str, str] = {}  # tags of the words met so far (bounded)
        self._lock = threading.Lock()
        # The texts segmented last (the article's text is asked for by every
        # extractor; short names in between must not push it out).
        self._cache: OrderedDict[str, tuple[Token, ...]] = OrderedDict()

    def add_words(self, words: Iterable[tuple[str, int, str]]) -> None:
        """Add (word, frequency, pos tag) entries; cheap before or after loading."""
        words = list(words)
        if self._tokenizer is None:
            self._pending.extend(words)
        else:
            self._add(words)
            self._cache.clear()

    def _add(self, words: Iterable[tuple[str, int, str]]) -> None:
        self._tags.clear()
        for w, freq, tag in words:
            self._tokenizer.add_word(w, freq, tag)
            self._words[w] = (int(freq), tag)

    def add_provider(self, provider: Callable[[], Iterable[tuple[str, int, str]]]) -> None:
        """Register a callable that yields words when the tokenizer is first built.

        Extractors use this so that their gazetteers load lazily, with the dictionary.
        """
        if self._tokenizer is None:
            self._providers.append(provider)
        else:
            self.add_words(provider())

    def _load(self):
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    import rjieba

                    self._base = _base_dictionary()
                    tok = rjieba.Jieba()
                    for provider in self._providers:
                        self._pending.extend(provider())
                    self._providers.clear()
                    self._tokenizer = tok
                    self._add(self._pending)
                    self._pending.clear()
        return self._tokenizer

    def _info(self, word: str) -> tuple[int, str] | None:
        """(frequency, tag): the user's words over jieba's dictionary."""
        return self._words.get(word) or self._base.get(word)

    def lookup(self, word: str) -> tuple[int, str] | None:
        """(frequency, tag) of ``word`` in the dictionary, or None if it is no dictionary word."""
        self._load()
        info = self._info(word)
        if not info or not info[0]:
            return None
        return info

    def tokens(self, text: str) -> tuple[Token, ...]:
        """Part-of-speech tokens of ``text`` with character offsets."""
        cache = self._cache
        cached = cache.get(text)
        if cached is not None:
            cache.move_to_end(text)
            return cached
        tok = self._load()
        tags = self._tags
        if len(tags) > _TAG_CACHE_SIZE:
            tags.clear()
        out: list[Token] = []
        at = 0
        for word in tok.cut(text, True):
            tag = tags.get(word)
            if tag is None:
                info = self._info(word)
                tag = tags[word] = info[1] if info else _guess_tag(word)
            end = at + len(word)
            out.append(Token(word, at, end, tag))
            at = end
        result = tuple(out)
        cache[text] = result
        if len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
        return result
