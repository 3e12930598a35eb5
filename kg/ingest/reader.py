"""Read one article file: bytes → decoded original → normalised text + metadata.

Stages, each returning ``(text, OffsetMap)`` composed into ``Article.offsets``:

1. :func:`~kg.ingest.decode.decode_bytes` — the decoded file is ``Article.original``;
2. HTML → text, for ``.htm``/``.html`` files and files that start like HTML;
3. line ends folded to ``\\n``;
4. :func:`normalise` — pinyin annotations stripped, traditional → simplified;
   hard-wrapped lines joined (:mod:`kg.ingest.unwrap`);
5. furniture and blank lines dropped, lines trimmed;

then metadata is parsed from the header/footer and the text split into sentences.
"""
from __future__ import annotations

from pathlib import Path

from kg.errors import ArticleError, InputError
from kg.model import Article, OffsetMap

from .convert import to_simplified
from .decode import decode_bytes
from .files import HTML_SUFFIXES
from .furniture import clean_lines, fold_newlines, indented_lines
from .header import parse_metadata
from .html import html_to_text, looks_like_html
from .invisible import strip_invisible
from .offsets import compose
from .pinyin import strip_pinyin
from .unwrap import unwrap_lines
from .sentences import split_sentences

_HTML_SUFFIXES = frozenset(HTML_SUFFIXES)


# A news article is a few KB; a file over this size is a dump or an archive, and
# extracting it as one article would take minutes and gigabytes for nothing.
MAX_ARTICLE_BYTES = 8 * 2**20


def normalise(text: str) -> tuple[str, OffsetMap]:
    """Strip pinyin annotations, then convert to simplified; the map points into ``text``."""
    stripped, to_text = strip_pinyin(text)
    simplified, to_stripped = to_simplified(stripped)
    return simplified, compose(to_text, to_stripped)


def simplified(text: str) -> str:
    """A short text (a name someone typed) read like article text: no pinyin, simplified."""
    return normalise(text.strip())[0]


def read_article(path: Path, article_id: str | None = None) -> Article:
    """Read, decode and normalise one file into a frozen :class:`Article`.

    Raises :class:`InputError` when the file cannot be read, :class:`DecodeError`
    when its bytes are not text, :class:`ArticleError` when it holds no text.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("article not found", path=path,
                         hint="check the path; was the file moved?") from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=path,
                         hint="check that it is a readable file") from None
    return article_from_bytes(data, path, article_id)


def article_from_bytes(data: bytes, path: str | Path, article_id: str | None = None) -> Article:
    """:func:`read_article` of bytes read already (``kg build`` reads each file once, to
    hash it for the manifest and to send it to a worker, which may be on another machine)."""
    path = Path(path)
    if not data:
        raise ArticleError("empty file", path=path, hint="remove the file or give it text")
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"too large for one article: {len(data) / 2**20:.1f} MB (kg reads "
                           f"articles of up to {MAX_ARTICLE_BYTES // 2**20} MB)", path=path,
                           hint="split it into its articles, or leave it out")

    decoded = decode_bytes(data, path)
    html = path.suffix.lower() in _HTML_SUFFIXES
    return article_from_text(decoded.text, article_id or path.name, source=str(path),
                             encoding=decoded.encoding, warnings=decoded.warnings, html=html)


def article_from_text(original: str, article_id: str, *, source: str | None = None,
                      encoding: str = "utf-8", warnings: tuple[str, ...] = (),
                      html: bool = False) -> Article:
    """Normalise already decoded text into an :class:`Article` (what :func:`read_article`
    does after decoding); handy for text that does not come from a file.

    Raises :class:`ArticleError` when nothing but furniture or blank lines is left.
    """
    source = source or article_id
    maps: list[OffsetMap] = []
    text = original
    if html or looks_like_html(text):
        text, step = html_to_text(text)
        maps.append(step)
    for stage in (strip_invisible, fold_newlines, normalise, unwrap_lines):
        changed, step = stage(text)
        if changed != text:  # an unchanged text has an identity map: skip composing it
            text = changed
            maps.append(step)
    before = text
    text, step = clean_lines(text)
    maps.append(step)
    if not text.strip():
        raise ArticleError("no article text (only page furniture or blank lines)", path=source,
                           hint="check that the file holds the article body")
    return Article(
        id=article_id,
        source=source,
        text=text,
        offsets=compose(*maps),
        original=original,
        encoding=encoding,
        metadata=parse_metadata(text, indented_lines(before, text, step)),
        sentences=split_sentences(text),
        warnings=warnings,
    )
