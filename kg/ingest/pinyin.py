"""Strip the pinyin readings scraped pages put after characters: ``網(wǎng)`` → ``網``.

An annotation is a parenthesised single syllable right after a character,
with ASCII or full-width parentheses (mixed too) and optional spaces inside
(``網( wǎng )``, ``網（wǎng）``) or one space before.  It is stripped only when
it is a reading of that character:

* the character is known to pypinyin: the syllable, compared without tones,
  equals one of its heteronym readings (so a scraper's unusual tone still
  matches, ``中国(an)`` does not); a toneless syllable must be lower-case;
* the character is an ideograph unknown to pypinyin, or a ``?``/``\\ufffd``
  standing for a lost character: the syllable must be a valid pinyin syllable
  *with* a tone (mark or number).
* anything else before the parenthesis (Latin letters, digits, punctuation,
  spaces, start of text) never takes an annotation.

A reading repeated right after the first (``中(zhong)(zhōng)``, as some mirrors
double them) is stripped too.

Pages that lost a character also lost the ``(`` sometimes (``座談?dòng)懻``); a
toned syllable plus ``)`` right after ``?`` is stripped as well (the ``?``
stays).  Everything else in parentheses is text and stays: ``(站、所)``,
``(5+12+N)``, ``(记者 王金芳)``, ``(China)``.

The scan is one regex pass (~15 MB of annotated text in about a second) with
a verdict cache keyed by the match and the two characters before it; the
pypinyin table is loaded on first use only.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.model import OffsetMap

from .offsets import delete_spans

_LETTERS = r"A-Za-z\u00c0-\u024f\u0300-\u036f\u1e3f\u01f9"
# One leading character class keeps the scan fast (the regex engine skips ahead
# to the next "(", "（" or "?"); which case matched is decided in Python.
_ANNOTATION = re.compile(
    rf"[(（?\ufffd][ \t\u3000]*(?P<syl>[{_LETTERS}]{{1,8}}[1-5]?)[ \t\u3000]*[)）]"
)
_TONE_MARKS = "\u0300\u0301\u0304\u030c"  # grave, acute, macron, caron
_LOST = frozenset("?\ufffd")


def _is_ideograph(o: int) -> bool:
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3134F)


def _parse(syllable: str) -> tuple[str, bool]:
    """``(toneless lower-case form, has a tone)``; ``v`` is read as ``ü``."""
    s = syllable.lower().replace("v", "ü")
    toned = s[-1] in "12345"
    if toned:
        s = s[:-1]
    decomposed = unicodedata.normalize("NFD", s)
    bare = "".join(c for c in decomposed if c not in _TONE_MARKS)
    toned = toned or len(bare) != len(decomposed)
    return unicodedata.normalize("NFC", bare), toned


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict  # deferred: ~0.2 s to import

    return pinyin_dict


@lru_cache(maxsize=None)
def readings(char: str) -> frozenset[str]:
    """Toneless readings pypinyin knows for ``char`` (empty when unknown)."""
    raw = _table().get(ord(char), "") if len(char) == 1 else ""
    return frozenset(_parse(r)[0] for r in raw.split(",") if r)


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin uses (about 420)."""
    out: set[str] = set()
    for raw in _table().values():
        out.update(_parse(r)[0] for r in raw.split(","))
    return frozenset(out)


@lru_cache(maxsize=65536)
def is_reading(char: str, syllable: str) -> bool:
    """True when ``syllable`` is a pinyin reading that may annotate ``char``."""
    if char in _LOST:
        known: frozenset[str] = frozenset()
    elif len(char) == 1 and _is_ideograph(ord(char)):
        known = readings(char)
    else:  # punctuation, Latin letters, digits, spaces never carry a reading
        return False
    bare, toned = _parse(syllable)
    if not toned and not syllable.islower():
        return False  # "(AI)", "(Fa)": toneless capitals are abbreviations, not readings
    if known:
        return bare in known
    return toned and bare in syllables()


def _cut_shift(context: str, start: int) -> int | None:
    """Where the cut starts relative to the match at ``context[start:]``, or None.

    ``context`` is the match with up to two characters before it.
    """
    m = _ANNOTATION.match(context, start)
    assert m is not None
    syllable = m.group("syl")
    lead = context[start]
    if lead in _LOST:  # "?dòng)": the "(" was lost with the character; the "?" stays
        return 1 if is_reading(lead, syllable) else None
    prev = context[start - 1] if start else ""
    if prev in (" ", "\t") and start > 1:  # "網 (wǎng)": one space before
        return -1 if is_reading(context[start - 2], syllable) else None
    return 0 if is_reading(prev, syllable) else None


def strip_pinyin(text: str) -> tuple[str, OffsetMap]:
    """``text`` without reading annotations, and the map back to ``text``."""
    cuts: list[int] = []
    append = cuts.append
    verdicts: dict[str, int | None] = {}  # far cheaper than re-checking each match
    last_end, last_char = -1, ""
    for m in _ANNOTATION.finditer(text):
        start, end = m.span()
        if start == last_end and is_reading(last_char, m.group("syl")):
            append(start)  # 中(zhong)(zhōng): mirrors repeat the reading
            append(end)
            last_end = end
            continue
        context = text[max(start - 2, 0):end]
        try:
            shift = verdicts[context]
        except KeyError:
            shift = verdicts[context] = _cut_shift(context, min(start, 2))
        if shift is not None:
            append(start + shift)
            append(end)
            last_end, last_char = end, text[start + shift - 1] if start + shift > 0 else ""
    return delete_spans(text, cuts)
