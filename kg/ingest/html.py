"""HTML → plain text, keeping a map back to the page source.

A small regex tokenizer rather than a DOM: scraped news pages are often broken
HTML, and every emitted character must keep its source offset.  Scripts,
styles, comments and other non-content elements are dropped; block-level tags
become newlines; entities are decoded (mapped to their ``&``); runs of
whitespace inside text collapse to one space.  The ``<title>`` text becomes the
first line, the way a saved page's headline usually opens a text export.
"""
from __future__ import annotations

import html as _html
import re

from kg.model import OffsetMap

from .offsets import MapBuilder

_SKIP_ELEMENTS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "select")
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<(?P<skip>" + "|".join(_SKIP_ELEMENTS) + r")\b[^>]*>.*?(?:</(?P=skip)\s*>|\Z)"
    r"|<![^>]*>|<\?[^>]*>"
    r"|</?(?P<tag>[A-Za-z][A-Za-z0-9:-]*)\b[^>]*>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
    r"|[ \t\r\n\f\u00a0]+",
    re.S | re.I,
)
_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead title tr ul".split()
)
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                         re.I | re.S)


def looks_like_html(text: str) -> bool:
    """True when the text starts like an HTML document."""
    return bool(_HTML_START.match(text[:4096]))


def html_to_text(source: str) -> tuple[str, OffsetMap]:
    """Visible text of an HTML page and its map to ``source`` positions."""
    out = MapBuilder(source)
    pos = 0
    at_line_start = True  # suppress spaces/newlines right after a newline

    def text(start: int, end: int) -> None:
        nonlocal at_line_start
        if end > start:
            out.copy(start, end)
            at_line_start = False

    for m in _TOKEN.finditer(source):
        text(pos, m.start())
        pos = m.end()
        token = m.group(0)
        tag = (m.group("tag") or "").lower()
        if tag:
            if tag in _BLOCK and not at_line_start:
                out.emit("\n", m.start(), 0)
                at_line_start = True
        elif token[0] == "&":
            decoded = _html.unescape(token)
            if decoded != token:
                decoded = decoded.replace("\u00a0", " ")
                out.emit(decoded, m.start(), len(token))
                at_line_start = False
            else:
                text(m.start(), m.end())
        elif token[0] != "<" and not at_line_start:  # whitespace run → one space
            if token == " ":
                out.copy(m.start(), m.end())
            else:
                out.emit(" ", m.start(), len(token))
    text(pos, len(source))
    return out.finish()
