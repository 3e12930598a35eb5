"""The entity model's character features as attribute numbers, without the strings.

:func:`kg.learn.features.char_features` describes each character by ~22 strings
("c=宣", "b=县宣", "t=Bn", …); training needs them so.  Tagging only needs each
string's row in the trained model (kg.learn.crf), and building a million strings
to look them up costs more than the CRF itself.  :class:`FeatureIds` reads the
model's attribute names once, by template, into lookup tables, and computes the
rows of a whole text with array operations: characters by code point, bigrams by a
pair of code points, word features once per jieba token.

The two must never disagree: tests/learn/test_charids.py checks, on invented and
random texts, that ``FeatureIds.ids`` equals the model's rows of
``char_features``' strings.  A change to one is a change to the other (and to
FEATURES_VERSION).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

import numpy as np

from kg.learn.features import (_CLOSE, _OPEN, _STOPS, HEADS, _cls, _minority_re, surnames)

_CHAR_TEMPLATES = {"c": 0, "p": -1, "n": 1, "pp": -2, "nn": 2, "ppp": -3, "nnn": 3}
_PAD = 3  # "^^^" + text + "$$$"
_CLASSES = "HDOCPLNX"
_BMES = "BMES"
_DIGITS = {0: "0", 1: "1", 2: "2", 3: "3"}
_BMP = 0x10000


@lru_cache(maxsize=1)
def _head_patterns() -> list[re.Pattern]:
    """Per kind of head (P, G, O): a pattern matching where any of its heads starts."""
    return [re.compile("(?=(?:" + "|".join(map(re.escape, heads)) + "))")
            for heads in HEADS.values()]


def _lookup(keys: np.ndarray, ids: np.ndarray, query: np.ndarray) -> np.ndarray:
    """``ids`` of ``query`` in the sorted ``keys`` (-1 where absent)."""
    if not len(keys):
        return np.full(query.shape, -1, dtype=np.int32)
    at = np.searchsorted(keys, query)
    at[at == len(keys)] = 0
    return np.where(keys[at] == query, ids[at], -1).astype(np.int32)


def _sorted(pairs: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
    keys = np.array(sorted(pairs), dtype=np.int64)
    return keys, np.array([pairs[k] for k in keys.tolist()], dtype=np.int32)


def _bigram_key(a, b):
    return (a << 21) + b


class FeatureIds:
    """Lookup tables from a model's attribute names (name → row)."""

    def __init__(self, attributes: dict[str, int]) -> None:
        by: dict[str, dict[str, int]] = {}
        for name, row in attributes.items():
            prefix, sep, value = name.partition("=")
            if sep:
                by.setdefault(prefix, {})[value] = row
        self.by = by
        get = lambda p, v: by.get(p, {}).get(v, -1)  # noqa: E731
        # Characters: a dense table per template over the Basic Multilingual Plane;
        # bigrams (and characters beyond it) in one sorted table, keyed by template
        # number · 2**42 + code point(s) (a code point < 2**21).
        self._dense = np.full((len(_CHAR_TEMPLATES), _BMP), -1, dtype=np.int32)
        table = {}
        for t, prefix in enumerate(_CHAR_TEMPLATES):
            for v, r in by.get(prefix, {}).items():
                if len(v) == 1:
                    if ord(v) < _BMP:
                        self._dense[t, ord(v)] = r
                    table[(t << 42) + ord(v)] = r
        for t, prefix in enumerate(("b", "bn"), start=len(_CHAR_TEMPLATES)):
            for v, r in by.get(prefix, {}).items():
                if len(v) == 2:
                    table[(t << 42) + _bigram_key(ord(v[0]), ord(v[1]))] = r
        self._keys, self._rows = _sorted(table)
        # Word templates: a number per known tag or word, a row of B/M/E/S rows per number
        # (number 0: unknown, all -1).
        self._t_index, self._t_rows = self._bmes_table(by.get("t", {}))
        self._w_index, self._w_rows = self._bmes_table(by.get("w", {}))
        self._k = np.array([get("k", a + b + c) for a in _CLASSES for b in _CLASSES
                            for c in _CLASSES], dtype=np.int32)
        self._wl = np.array([[get("wl", m + str(n)) for n in range(6)] for m in _BMES],
                            dtype=np.int32)
        self._s = np.array([[get("s", f + m) for m in _BMES] for f in "01"], dtype=np.int32)
        self._q = np.array([get("q", "0"), get("q", "1")], dtype=np.int32)
        self._mn = np.array([[get("mn", x + y) for y in "BIO"] for x in "BIO"], dtype=np.int32)
        self._h = np.array([get("h", "".join(k + _DIGITS[d - 1] for k, d in zip("PGO", code) if d))
                            for code in np.ndindex(5, 5, 5)], dtype=np.int32)

    @staticmethod
    def _bmes_table(table: dict[str, int]) -> tuple[dict[str, int], np.ndarray]:
        values = sorted({v[1:] for v in table if v[:1] in _BMES})
        index = {v: i + 1 for i, v in enumerate(values)}
        rows = np.full((len(values) + 1, 4), -1, dtype=np.int32)
        for v, i in index.items():
            rows[i] = [table.get(m + v, -1) for m in _BMES]
        return index, rows

    def ids(self, text: str, tokens: Sequence,
            proposals: Sequence[tuple[int, int, str]] = ()) -> np.ndarray:
        """Rows of each character's features, (len(text), 22); -1: not in the model."""
        n = len(text)
        if n == 0:
            return np.zeros((0, 22), dtype=np.int32)
        padded = "^" * _PAD + text + "$" * _PAD
        cps = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        uniq, inverse = np.unique(cps, return_inverse=True)
        chars = [chr(c) for c in uniq.tolist()]
        sur = surnames()
        cls_u = np.array([_CLASSES.index(_cls(ch)) for ch in chars], dtype=np.int64)
        cls = cls_u[inverse]
        surname = np.array([ch in sur for ch in chars], dtype=np.int64)[inverse[_PAD:_PAD + n]]
        stop = np.array([ch in _STOPS for ch in chars], dtype=bool)[inverse[_PAD:_PAD + n]]
        dense = np.minimum(cps, _BMP - 1)
        cols = [self._dense[t, dense[_PAD + shift:_PAD + shift + n]]
                for t, shift in enumerate(_CHAR_TEMPLATES.values())]
        if cps.max() >= _BMP - 1:  # characters beyond the dense tables: look them up
            for t, shift in enumerate(_CHAR_TEMPLATES.values()):
                q = cps[_PAD + shift:_PAD + shift + n]
                far = q >= _BMP - 1
                cols[t][far] = _lookup(self._keys, self._rows, (t << 42) + q[far])
        for t, first in enumerate((_PAD - 1, _PAD), start=len(_CHAR_TEMPLATES)):
            cols.append(_lookup(self._keys, self._rows, (t << 42) + _bigram_key(
                cps[first:first + n], cps[first + 1:first + 1 + n])))
        cols.append(self._k[cls[_PAD - 1:_PAD - 1 + n] * 64 + cls[_PAD:_PAD + n] * 8
                            + cls[_PAD + 1:_PAD + 1 + n]])
        cols.extend(self._token_columns(n, tokens, surname))
        quote = self._quote(text)
        cols.append(self._q[quote])
        cols.append(self._minority(text))
        rule_codes, rule_names = self._rules(n, proposals)
        rule_rows = np.array([self.by.get("r", {}).get(name, -1) for name in rule_names],
                             dtype=np.int32)
        cols.append(rule_rows[rule_codes])
        cols.append(self._h[self._heads(text, stop)])
        rq = self.by.get("rq", {})
        rq_rows = np.array([[rq.get(name + q, -1) for q in "01"] for name in rule_names],
                           dtype=np.int32)
        cols.append(rq_rows[rule_codes, quote])
        return np.ascontiguousarray(np.stack(cols, axis=1), dtype=np.int32)

    def _token_columns(self, n: int, tokens: Sequence, surname: np.ndarray) -> list[np.ndarray]:
        """t, w, wl, we, pw, nw and s (which needs the word position)."""
        by = self.by
        bmes = np.full(n, 3, dtype=np.int64)  # S outside any token
        t_rows = np.full((n,), by.get("t", {}).get("Sx", -1), dtype=np.int32)
        w_rows = np.full((n,), by.get("w", {}).get("S", -1), dtype=np.int32)
        length = np.ones(n, dtype=np.int64)
        we_get, pw_get, nw_get = (by.get(p, {}).get for p in ("we", "pw", "nw"))
        we_rows = np.full(n, we_get("", -1), dtype=np.int32)
        pw_rows = np.full(n, pw_get("", -1), dtype=np.int32)
        nw_rows = np.full(n, nw_get("", -1), dtype=np.int32)
        texts = [tok.text for tok in tokens]
        kept = tokens
        if tokens and tokens[-1].start >= n:  # tokens past the text (not from one segmenter run)
            kept = list(tokens[:next(k for k, tok in enumerate(tokens) if tok.start >= n)])
        if kept:
            starts = np.array([tok.start for tok in kept], dtype=np.int64)
            ends = np.minimum(np.array([tok.end for tok in kept], dtype=np.int64), n)
            sizes = ends - starts
            t_index, w_index = self._t_index, self._w_index
            t_quad = self._t_rows[[t_index.get(tok.pos, 0) for tok in kept]]
            w_quad = self._w_rows[[w_index.get(tok.text if 2 <= size <= 6 else "", 0)
                                   for tok, size in zip(kept, sizes.tolist())]]
            we = np.array([we_get(x[-1], -1) for x in texts[:len(kept)]], dtype=np.int32)
            pw = np.array([pw_get(x, -1) for x in ["^", *texts[:len(kept) - 1]]], dtype=np.int32)
            nw = np.array([nw_get(x, -1) for x in [*texts[1:len(kept) + 1], "$"][:len(kept)]],
                          dtype=np.int32)
            which = np.repeat(np.arange(len(kept)), sizes)
            first = np.repeat(starts, sizes)
            inner = np.arange(len(which)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
            at = first + inner
            size_of = sizes[which]
            code = np.where(size_of == 1, 3, np.where(inner == 0, 0,
                                                      np.where(inner == size_of - 1, 2, 1)))
            bmes[at] = code
            t_rows[at] = t_quad[which, code]
            w_rows[at] = w_quad[which, code]
            length[at] = np.minimum(size_of, 5)
            we_rows[at] = we[which]
            pw_rows[starts] = pw
            nw_rows[ends - 1] = nw
        return [t_rows, w_rows, self._wl[bmes, length], we_rows, pw_rows, nw_rows,
                self._s[surname, bmes]]

    @staticmethod
    def _quote(text: str) -> np.ndarray:
        """1 inside quote or title marks (up to a line end), as features._quote_depth."""
        out = np.zeros(len(text), dtype=np.int64)
        depth, last = 0, 0
        for m in _QUOTE_EVENT.finditer(text):
            p = m.start()
            if depth:
                out[last:p] = 1
            ch = text[p]
            if ch in _CLOSE:
                depth = max(0, depth - 1)
                out[p] = 1
            elif ch in _OPEN:
                depth = min(depth + 1, 2)
                out[p] = 1
            else:
                depth = 0
            last = p + 1
        if depth:
            out[last:] = 1
        return out

    def _minority(self, text: str) -> np.ndarray:
        code = np.full(len(text), 2, dtype=np.int64)  # O
        for m in _minority_re().finditer(text):
            code[m.start()] = 0
            code[m.start() + 1:m.end()] = 1
        previous = np.concatenate(([2], code[:-1]))
        return self._mn[code, previous]

    @staticmethod
    def _rules(n: int, proposals: Sequence[tuple[int, int, str]]) -> tuple[np.ndarray, list[str]]:
        """Per character a code into the list of rule tags ("O", "B-…", "I-…"), as
        features.proposal_tags (longest span first, none over another)."""
        codes = np.zeros(n, dtype=np.int64)
        names = ["O"]
        index: dict[str, int] = {}
        taken = np.zeros(n, dtype=bool)
        for start, end, type_ in sorted(proposals, key=lambda s: (s[0] - s[1], s[0])):
            if start >= end or end > n or taken[start:end].any():
                continue
            if type_ not in index:
                index[type_] = len(names)
                names.extend(("B-" + type_, "I-" + type_))
            codes[start] = index[type_]
            codes[start + 1:end] = index[type_] + 1
            taken[start:end] = True
        return codes, names

    @staticmethod
    def _heads(text: str, stop: np.ndarray) -> np.ndarray:
        """Per character the code (dP·25 + dG·5 + dO) of the heads that follow within
        its clause, as features._head_distance (d: 0 none, 1 at it, 2 ≤4, 3 ≤12, 4 more)."""
        n = len(text)
        far = n + 1
        position = np.arange(n)
        stops = np.where(stop, position, far)
        next_stop = np.minimum.accumulate(stops[::-1])[::-1]
        code = np.zeros(n, dtype=np.int64)
        for weight, pattern in zip((25, 5, 1), _head_patterns()):
            marks = np.full(n, far, dtype=np.int64)
            found = [m.start() for m in pattern.finditer(text)]
            if not found:
                continue
            marks[found] = found
            nearest = np.minimum.accumulate(marks[::-1])[::-1]
            ok = nearest < next_stop
            d = nearest - position
            step = np.where(d == 0, 1, np.where(d <= 4, 2, np.where(d <= 12, 3, 4)))
            code += weight * np.where(ok, step, 0)
        return code


_QUOTE_EVENT = re.compile("[" + re.escape("".join(sorted(_OPEN | _CLOSE))) + "\n]")
