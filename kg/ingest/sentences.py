"""Sentence spans: split after 。！？!?；; and at newlines.

Closing quotes and brackets right after a terminator stay with its sentence
(``……。”``).  An ASCII ``?`` is usually a character lost in scraping rather
than a question mark, so it ends a sentence only when it is not next to
another ``?`` and not directly followed by a Chinese character.  Spans are
trimmed of surrounding whitespace; whitespace-only spans are dropped.
"""
from __future__ import annotations

import re

from kg.model import Span

_CLOSERS = "”’」』）)】》〕\"'"
_BREAK = re.compile(
    rf"(?:[。！？!；;]|(?<!\?)\?(?![?\u4e00-\u9fff]))+[{_CLOSERS}]*|\n"
)
_SPACE = " \t\r\n\f\v\u3000\u00a0"


def split_sentences(text: str) -> tuple[Span, ...]:
    """Spans of the sentences of ``text``, in order, trimmed, never empty."""
    spans: list[Span] = []
    start = 0

    def add(a: int, b: int) -> None:
        while a < b and text[a] in _SPACE:
            a += 1
        while b > a and text[b - 1] in _SPACE:
            b -= 1
        if b > a:
            spans.append(Span(a, b))

    for m in _BREAK.finditer(text):
        add(start, m.end())
        start = m.end()
    add(start, len(text))
    return tuple(spans)
