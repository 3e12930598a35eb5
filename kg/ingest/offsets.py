"""Build a derived text together with its :class:`~kg.model.OffsetMap`.

Every ingest stage (HTML stripping, newline folding, pinyin stripping,
traditional→simplified conversion, furniture removal) copies most of its input,
drops some of it and occasionally inserts or replaces a few characters.  The
:class:`MapBuilder` records, for each character it emits, the source position it
came from, so each stage returns ``(text, OffsetMap)`` and the stages compose
with :meth:`OffsetMap.then`.
"""
from __future__ import annotations

from itertools import chain

from kg.model import OffsetMap


class MapBuilder:
    """Accumulates output text and the source position of every output character.

    ``copy`` emits a source slice unchanged (1:1 positions), ``emit`` emits new
    text attributed to one source position (a replacement or an insertion).
    ``finish`` closes the map: the end entry points just past the last source
    character that produced output (or to ``end`` if given).
    """

    __slots__ = ("_source", "_parts", "_positions", "_last_end")

    def __init__(self, source: str) -> None:
        self._source = source
        self._parts: list[str] = []
        self._positions: list[int] = []
        self._last_end = 0

    def copy(self, start: int, end: int) -> None:
        """Emit ``source[start:end]`` unchanged."""
        if end <= start:
            return
        self._parts.append(self._source[start:end])
        self._positions.extend(range(start, end))
        self._last_end = end

    def copy_as(self, text: str, start: int) -> None:
        """Emit ``text`` in place of the same number of source characters at ``start``."""
        if not text:
            return
        self._parts.append(text)
        self._positions.extend(range(start, start + len(text)))
        self._last_end = start + len(text)

    def emit(self, text: str, position: int, width: int = 1) -> None:
        """Emit ``text`` in place of ``width`` source characters at ``position``.

        Every character of ``text`` maps to ``position`` (the round trip then
        finds the character it replaced, e.g. the traditional form).
        """
        if not text:
            return
        self._parts.append(text)
        self._positions.extend([position] * len(text))
        self._last_end = position + max(width, 1)

    def finish(self, end: int | None = None) -> tuple[str, OffsetMap]:
        """The derived text and its map (``len(text) + 1`` entries)."""
        self._positions.append(self._last_end if end is None else end)
        return "".join(self._parts), OffsetMap(tuple(self._positions))


def delete_spans(source: str, cuts: list[int]) -> tuple[str, OffsetMap]:
    """``source`` without the spans ``cuts = [start0, end0, start1, end1, ...]``.

    The spans must be sorted and disjoint.  This is the fast path for stages
    that only delete (pinyin stripping): slicing and ``range`` chaining run in C.
    """
    starts = [0, *cuts[1::2]]
    ends = [*cuts[0::2], len(source)]
    text = "".join(map(source.__getitem__, map(slice, starts, ends)))
    positions = tuple(chain(chain.from_iterable(map(range, starts, ends)), (len(source),)))
    return text, OffsetMap(positions)


def compose(*maps: OffsetMap) -> OffsetMap:
    """Compose maps given earliest first: ``compose(a, b, c)`` maps c's text to a's source.

    Same result as ``c.then(b).then(a)``, computed with C-level lookups (the
    generic :meth:`OffsetMap.then` is several times slower on long texts).
    """
    if not maps:
        raise ValueError("compose() needs at least one map")
    positions = maps[-1].positions
    for earlier in reversed(maps[:-1]):
        positions = tuple(map(earlier.positions.__getitem__, positions))
    return OffsetMap(positions)
