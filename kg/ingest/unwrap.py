"""Hard-wrapped text joined again: lines broken at a fixed width become paragraphs.

Mirror sites, e-mail digests and text dumps often save an article broken into lines
of one width (say 40 columns, a CJK character counting two), whatever the
sentences.  Chinese has no space between words, so such a break splits names
(桃源县百姓名 | 嘴宣讲团) and, since a line ends a sentence for kg, every
relation across it.  The width is read from the article itself: the text is hard
wrapped when several lines reach nearly the same width and few lines are longer.
Then a line of about that width is joined to the next one, unless the next one is
blank or indented (a new paragraph).  Text with a line per paragraph is left alone.
"""
from __future__ import annotations

import unicodedata

from kg.model import OffsetMap

from .offsets import MapBuilder

SLACK = 3  # characters short of the width a wrapped line may stop (a wide character, 避头尾 rules)
MIN_FULL = 4  # lines at the width needed to call the text wrapped
MIN_SHARE = 0.4  # …and their share of the lines longer than half the width
MAX_LONGER = 0.1  # lines wider than the width, at most (an unbreakable URL)
MIN_WIDTH = 20  # characters; narrower "widths" are lists and captions, not wrapping
_INDENT = " \t\u3000\u00a0"


def width(line: str) -> int:
    """Display columns: a wide or full-width character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _measures(lines: list[str]):
    """Line lengths in characters, then in display columns (a wrapper counts one or
    the other)."""
    stripped = [line.rstrip() for line in lines]
    yield [len(line) for line in stripped], 1
    yield [width(line) for line in stripped], 2


def wrap_width(widths: list[int], unit: int = 1) -> int | None:
    """The width the lines were wrapped at, or None when they were not wrapped
    (``unit``: columns of a Chinese character in ``widths``)."""
    long = [w for w in widths if w >= MIN_WIDTH * unit]
    if len(long) < MIN_FULL:
        return None
    for top in sorted(set(long), reverse=True):
        full = sum(1 for w in long if top - SLACK * unit <= w <= top)
        longer = sum(1 for w in long if w > top)
        if longer > MAX_LONGER * len(long):
            break  # any lower width leaves too many lines above it
        half = sum(1 for w in long if w > top / 2)
        if full >= MIN_FULL and full >= MIN_SHARE * half:
            return top
    return None


def unwrap_lines(text: str) -> tuple[str, OffsetMap]:
    """``text`` with its hard line breaks removed (see the module); the map points into it."""
    lines = text.split("\n")
    if len(lines) < MIN_FULL + 1:
        return text, OffsetMap.identity(len(text))
    for widths, unit in _measures(lines):
        top = wrap_width(widths, unit)
        if top is not None:
            break
    else:
        return text, OffsetMap.identity(len(text))
    out = MapBuilder(text)
    pos = 0
    joined = False
    for k, line in enumerate(lines[:-1]):
        end = pos + len(line)  # the newline after this line
        nxt = lines[k + 1]
        if (top - SLACK * unit <= widths[k] <= top and nxt.strip() and nxt[0] not in _INDENT
                and line.strip()):
            stripped = len(line) - len(line.rstrip())
            out.copy(pos, end - stripped)  # the line without trailing blanks, no newline
            joined = True
        else:
            out.copy(pos, end + 1)
        pos = end + 1
    out.copy(pos, len(text))
    if not joined:
        return text, OffsetMap.identity(len(text))
    return out.finish(len(text))
