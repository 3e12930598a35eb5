"""Gold names projected onto an article's text: the span labels a model learns from.

Gold is entity-level (GUIDELINE.md): an entity is a type and the names a reader
would accept, with no offsets.  Every occurrence of any of its names in the
normalised text becomes a labelled span.  Quote marks are not part of gold names
(“理论超市”进基层活动 is gold 理论超市进基层活动), so names are looked for in the text
with quote marks and spaces removed, and the spans mapped back.  Where names
overlap, the longest wins (辽中区委 over 辽中), then the earlier in the gold; the
result has no overlapping spans, as a character tagger needs.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, NamedTuple

_STRIP = set("“”‘’\"'《》〈〉「」『』 \t\r\n\u3000")
# A name this short is found inside too many other words to be a safe label
# (一 character: 区, 村): never projected.
MIN_NAME = 2


class Span(NamedTuple):
    start: int
    end: int
    type: str
    optional: bool = False


def _squeezed(text: str) -> tuple[str, list[int]]:
    """``text`` without quote marks and spaces, and the position in ``text`` of each
    character kept (plus one past the end)."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if ch in _STRIP:
            continue
        folded = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        chars.append(folded if len(folded) == 1 else ch)  # one character for one: offsets hold
        where.append(i)
    where.append(len(text))
    return "".join(chars), where


def normalise_name(name: str) -> str:
    name = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in name if ch not in _STRIP)


def project(text: str, entities: Iterable[dict]) -> list[Span]:
    """Non-overlapping spans of ``text`` naming the gold ``entities``, in text order."""
    squeezed, where = _squeezed(text)
    candidates: list[tuple[int, int, int, str, bool]] = []  # (-length, order, start, type, optional)
    order = 0
    for entity in entities:
        optional = bool(entity.get("optional", False))
        for name in dict.fromkeys(normalise_name(n) for n in entity["names"]):
            order += 1
            if len(name) < MIN_NAME:
                continue
            for m in re.finditer(re.escape(name), squeezed):
                candidates.append((-(m.end() - m.start()), order, m.start(), entity["type"], optional))
    taken = bytearray(len(squeezed))
    spans = []
    for neg_len, _, start, type_, optional in sorted(candidates):
        end = start - neg_len
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        # Back to the text: from the first kept character to just after the last.
        spans.append(Span(where[start], where[end - 1] + 1, type_, optional))
    spans.sort()
    return spans
