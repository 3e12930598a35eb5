"""Small text helpers shared by the extractors: quotes, CJK tests, name cleaning."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

OPEN_CLOSE = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉", '"': '"'}
_QUOTE_RE = re.compile(r"“([^“”\n]{1,60})”|‘([^‘’\n]{1,60})’|「([^「」\n]{1,60})」|"
                       r"『([^『』\n]{1,60})』|\"([^\"\n]{1,60})\"")
_BOOK_RE = re.compile(r"《([^《》\n]{1,60})》")
CJK = re.compile(r"[\u3400-\u9fff]")
NUMERALS = "一二三四五六七八九十两百千万零〇"


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted stretch: ``inner`` spans the text between the marks."""

    start: int  # of the opening mark
    end: int  # after the closing mark
    inner_start: int
    inner_end: int
    text: str  # inner text


def quoted(text: str) -> list[Quoted]:
    """Every “…”, ‘…’, 「…」, 『…』 and "…" stretch (not 《》, see :func:`book_titles`)."""
    out = []
    for m in _QUOTE_RE.finditer(text):
        group = next(i for i in range(1, 6) if m.group(i) is not None)
        out.append(Quoted(m.start(), m.end(), m.start(group), m.end(group), m.group(group)))
    return out


def book_titles(text: str) -> list[Quoted]:
    return [Quoted(m.start(), m.end(), m.start(1), m.end(1), m.group(1))
            for m in _BOOK_RE.finditer(text)]


def clean_name(name: str) -> str:
    """The form of a name used as a label: NFKC, no quote marks, no inner spaces."""
    name = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in name if ch not in "“”‘’\"'《》〈〉「」『』 \t\u3000")


def is_cjk(ch: str) -> bool:
    return bool(CJK.match(ch))
