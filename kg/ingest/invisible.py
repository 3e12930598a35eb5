"""Characters that show nothing and break names: zero-width and bidi controls.

Scraped pages carry them inside words (辽\\u200b中区, a U+202E from a copied
right-to-left mark, a stray U+FEFF from concatenated files, a soft hyphen), where
they split a name the reader sees whole.  They are deleted before anything else
reads the text, with the offset map kept, so evidence still points into the
original file.  Other control characters (NUL, BEL...) go the same way; tabs and
line breaks stay.
"""
from __future__ import annotations

import re

from kg.ingest.offsets import delete_spans
from kg.model import OffsetMap

_INVISIBLE = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")


def strip_invisible(text: str) -> tuple[str, OffsetMap]:
    """``text`` without zero-width, bidi-control and other control characters."""
    cuts: list[int] = []
    for m in _INVISIBLE.finditer(text):
        cuts += (m.start(), m.end())
    if not cuts:
        return text, OffsetMap(tuple(range(len(text) + 1)))
    return delete_spans(text, cuts)
