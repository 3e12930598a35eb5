"""Traditional → simplified Chinese with OpenCC ``t2s``, keeping an exact offset map.

``t2s`` is almost always one character for one character, so the whole text is
converted in one call and, when the length is unchanged, the map is the
identity.  Otherwise the text is converted line by line; a line whose length
changed is converted clause by clause, and a clause whose length still changed
character by character (so positions stay 1:1 everywhere else).  A character
that converts to several characters (or none) maps all of them to itself.
Simplified text passes through unchanged.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from kg.model import OffsetMap

from .offsets import MapBuilder

_CLAUSE = re.compile(r"[^，,。；;：:！!？?、\n]*[，,。；;：:！!？?、\n]?")


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@lru_cache(maxsize=1)
def converter() -> _Converter:
    """The OpenCC t2s converter, created on first use (config name varies by build)."""
    import opencc  # deferred: loads dictionaries

    last: Exception | None = None
    for config in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(config)
        except Exception as exc:  # noqa: BLE001 - builds differ in what they raise
            last = exc
    raise RuntimeError(f"OpenCC has no t2s configuration: {last}")


_SPLITTERS = (re.compile(r"[^\n]*\n?"), _CLAUSE)  # level 0: lines, level 1: clauses


def _convert_into(out: MapBuilder, text: str, start: int, end: int, level: int) -> None:
    """Convert ``text[start:end]`` into ``out``, splitting finer while lengths change."""
    segment = text[start:end]
    converted = converter().convert(segment)
    if len(converted) == len(segment):
        out.copy_as(converted, start)
        return
    if level >= len(_SPLITTERS) or end - start == 1:
        for i in range(start, end):  # character by character
            out.emit(converter().convert(text[i]), i)
        return
    pieces = [(m.start() + start, m.end() + start)
              for m in _SPLITTERS[level].finditer(segment) if m.end() > m.start()]
    for a, b in pieces:
        _convert_into(out, text, a, b, level + 1)


def _same_shape(a: str, b: str) -> bool:
    """Equal line lengths throughout: the conversion was 1:1."""
    return len(a) == len(b) and [len(x) for x in a.split("\n")] == [len(x) for x in b.split("\n")]


def to_simplified(text: str) -> tuple[str, OffsetMap]:
    """``text`` in simplified characters, and the map back to ``text``."""
    converted = converter().convert(text) if text else ""
    if _same_shape(text, converted):
        return converted, OffsetMap.identity(len(text))
    out = MapBuilder(text)
    _convert_into(out, text, 0, len(text), 0)
    return out.finish(len(text))
