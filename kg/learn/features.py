"""What the entity model sees of each character.

The features are the ones a Chinese NER tagger has always used (the character
and its neighbours, character bigrams, the jieba word it is part of with its
dictionary tag and its position in the word) plus kg's own knowledge: the
surname table, being inside quote or book-title marks, and the proposals of the
rule extractors (their type and boundary at this character).  The rules are
features, not decisions: the model learns how far to trust each of them.

Built column by column with list comprehensions (each feature is one string per
character), which is what keeps the model near jieba's own speed.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Sequence


# Bumped whenever a feature changes: a model records the version it was trained
# with and refuses to run with other features (kg.learn.bundle).
FEATURES_VERSION = 4

_OPEN = set("“‘「『《〈")
_CLOSE = set("”’」』》〉")
_PUNCT = set("，。、；：！？（）()—…·,.;:!?-")


def _cls(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff":
        return "H"
    if ch.isdigit():
        return "D"
    if ch in _OPEN:
        return "O"
    if ch in _CLOSE:
        return "C"
    if ch in _PUNCT:
        return "P"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch in "一二三四五六七八九十百千万两零〇":
        return "N"
    return "X"


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    text = resources.files("kg.data").joinpath("surnames.txt").read_text("utf-8")
    out = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            out.update(line.split())
    return frozenset(out)


@lru_cache(maxsize=1)
def _minority_re():
    import re
    text = resources.files("kg.data").joinpath("minority_names.txt").read_text("utf-8")
    words = {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def _minority(text: str) -> list[str]:
    """'B'/'I' on characters of a known element of a transliterated name, else 'O'."""
    out = ["O"] * len(text)
    for m in _minority_re().finditer(text):
        out[m.start()] = "B"
        for i in range(m.start() + 1, m.end()):
            out[i] = "I"
    return out


def _quote_depth(text: str) -> list[str]:
    """'1' inside “…”/《…》 (up to a line end), '0' outside."""
    out, depth = [], 0
    for ch in text:
        if ch in _CLOSE:
            depth = max(0, depth - 1)
            out.append("1")
            continue
        if ch in _OPEN:
            depth = min(depth + 1, 2)
            out.append("1")
            continue
        if ch == "\n":
            depth = 0
        out.append("1" if depth else "0")
    return out


# Heads that end a name of each kind: a stretch of text followed, within its
# clause, by one of these is more likely to be part of such a name.
HEADS = {
    "P": ("活动", "行动", "工程", "大赛", "比赛", "宣讲", "讲堂", "课堂", "论坛", "工作", "大会", "会议",
          "计划", "项目", "品牌", "系列", "专题", "讲座", "展演", "巡演", "培训", "评选", "竞赛", "服务",
          "教育", "学习", "读书", "故事汇", "擂台", "夜校", "讲习所"),
    "G": ("宣讲团", "宣讲队", "讲师团", "宣讲组", "小分队", "分队", "轻骑兵", "乌兰牧骑", "服务队",
          "志愿队", "宣传队", "文艺队", "梯队", "联盟"),
    "O": ("委员会", "委", "局", "部", "办", "厅", "院", "校", "所", "中心", "协会", "学会", "联合会",
          "公司", "集团", "报", "网", "台", "社", "客户端", "组", "站", "馆", "联", "会", "处", "室"),
}
_STOPS = set("，。；：！？、,;:!?\n（）()")


def _head_distance(text: str) -> list[str]:
    """For each character, the kinds of head that follow within its clause and how
    far: 'P1' a programme head within 4 characters, 'P2' within 12, …"""
    n = len(text)
    nearest = {k: [None] * (n + 1) for k in HEADS}
    ends = {k: set() for k in HEADS}
    for k, heads in HEADS.items():
        for head in heads:
            start = text.find(head)
            while start >= 0:
                ends[k].add(start)
                start = text.find(head, start + 1)
    out = [""] * n
    nxt = {k: None for k in HEADS}
    for i in range(n - 1, -1, -1):
        if text[i] in _STOPS:
            nxt = {k: None for k in HEADS}
            continue
        parts = []
        for k in HEADS:
            if i in ends[k]:
                nxt[k] = i
            j = nxt[k]
            if j is not None:
                d = j - i
                parts.append(k + ("0" if d == 0 else "1" if d <= 4 else "2" if d <= 12 else "3"))
        out[i] = "".join(parts)
    return out


def proposal_tags(length: int, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIO tags of the rule extractors' proposals (longest span first where they overlap)."""
    tags = ["O"] * length
    for start, end, type_ in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if start >= end or end > length or any(t != "O" for t in tags[start:end]):
            continue
        tags[start] = "B-" + type_
        for i in range(start + 1, end):
            tags[i] = "I-" + type_
    return tags


# B/M/E/S labels of a word's characters, by its length.
_BMES = [[], ["S"], *(["B", *["M"] * (n - 2), "E"] for n in range(2, 12))]


def char_features(text: str, tokens: Sequence,
                  proposals: Sequence[tuple[int, int, str]] = ()) -> list[tuple[str, ...]]:
    """One list of feature strings per character of ``text``."""
    n = len(text)
    padded = "^^" + text + "$$"
    cls = [_cls(ch) for ch in padded]
    word_pos = ["S"] * n
    word_tag = ["x"] * n
    word = [""] * n
    word_len = ["1"] * n
    prev_word = [""] * n
    next_word = [""] * n
    word_last = [""] * n
    prev_text = "^"
    for k, tok in enumerate(tokens):
        s, e = tok.start, min(tok.end, n)
        if s >= n:
            break
        length = e - s
        w = tok.text if 2 <= length <= 6 else ""
        nxt = tokens[k + 1].text if k + 1 < len(tokens) else "$"
        lenb = str(min(length, 5))
        word_pos[s:e] = _BMES[length] if length < len(_BMES) else ["B", *["M"] * (length - 2), "E"]
        word_tag[s:e] = [tok.pos] * length
        word[s:e] = [w] * length
        word_len[s:e] = [lenb] * length
        word_last[s:e] = [tok.text[-1]] * length
        prev_word[s] = prev_text
        next_word[e - 1] = nxt
        prev_text = tok.text
    sur = surnames()
    quote = _quote_depth(text)
    minority = _minority(text)
    rules = proposal_tags(n, proposals)
    cols = (
        ["c=" + ch for ch in text],
        ["p=" + ch for ch in padded[1:n + 1]],
        ["n=" + ch for ch in padded[3:n + 3]],
        ["pp=" + ch for ch in padded[0:n]],
        ["nn=" + ch for ch in padded[4:n + 4]],
        ["b=" + padded[i + 1:i + 3] for i in range(n)],
        ["bn=" + padded[i + 2:i + 4] for i in range(n)],
        ["k=" + cls[i + 1] + cls[i + 2] + cls[i + 3] for i in range(n)],
        ["t=" + a + b for a, b in zip(word_pos, word_tag)],
        ["w=" + a + b for a, b in zip(word_pos, word)],
        ["wl=" + a + b for a, b in zip(word_pos, word_len)],
        ["we=" + a for a in word_last],
        ["pw=" + a for a in prev_word],
        ["nw=" + a for a in next_word],
        ["s=" + ("1" if ch in sur else "0") + wp for ch, wp in zip(text, word_pos)],
        ["q=" + q for q in quote],
        ["mn=" + x + y for x, y in zip(minority, ["O", *minority[:-1]])],
        ["r=" + r for r in rules],
        ["h=" + h for h in _head_distance(text)],
        ["ppp=" + ch for ch in ("^" + padded)[0:n]],
        ["nnn=" + ch for ch in (padded + "$")[5:n + 5]],
        ["rq=" + r + q for r, q in zip(rules, quote)],
    )
    return list(zip(*cols))  # one tuple of feature strings per character
