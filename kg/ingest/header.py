"""Article metadata from the page header and footer (normalised, simplified text).

The header is the run of lines before the first body-like line (a sentence or
a long line), at most 15; the footer is the last 8 lines.  "Meta lines" are
short header/footer lines without sentence punctuation.  From them:

* **published**: the first date in a meta line (``2022年03月10日16:26``,
  ``2022-12-13 17:22:23``, ``发布时间:2023/10/30 17:40:31``...); a date with a
  time gives a naive ``datetime``, a bare date a ``date``;
* **source**: the value after 来源, up to the next label, ``|`` or wide gap (or the
  account a 微信公众号 repost names: 以下文章来源于某某发布);
* **channel**: a breadcrumb line (``人民网>>辽宁频道>>区县乡村``,
  ``中国共产党新闻网|党建频道|党建数据库``) minus 首页/正文;
* **editors**: names after 责任编辑/责编/编辑; **authors**: names after 作者,
  ``(记者 毕 昱)``/``(通讯员 …)`` credits (also in the first and last body lines)
  and ``文/…``, ``图/…`` credits in short footer lines.
  Names are split on spaces and 、; a lone character joins its neighbour
  (``朱 健`` → 朱健, ``毕 昱`` → 毕昱) while the result has at most 3 characters;
* **title**: the nearest headline-like line above the date line; without a
  date line, the first line if it is headline-like, not indented and followed
  by more text.  Site-name, channel, label, kicker (``……——``) lines never are.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from kg.model import Metadata

_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日"
    r"|[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?!\d))"
    r"(?:\s*(?P<H>\d{1,2})[:：时](?P<M>\d{2})(?:[:：分](?P<S>\d{2}))?)?"
)
_SENTENCE_PUNCT = re.compile(r"[，,。；;！？]")  # ASCII ?/! are mostly lost characters
_LABELS = r"(?:责任编辑|责编|编辑|来源|作者|文字|撰稿|摄影|图片|美编|记者|通讯员|审核|初审|复审|终审|审校|校对|监制|统筹|发布时间|发布日期|时间|日期|点击|浏览)"
# Page furniture that may follow a credit on its line: 责任编辑：某某 分享到：微信 微博.
_FURNITURE = r"(?:分享到|分享|打印|关闭窗口|关闭|扫一扫|字号|收藏)"
_STOP = rf"(?=\s{{2,}}|\s*[|｜()（）\[\]【】]|\s*{_LABELS}[:：]|\s*{_FURNITURE}|$)"
_SOURCE = re.compile(rf"来源[:：]\s*(?P<v>[^|｜]+?){_STOP}")
# A 微信公众号 repost names the account it reposts: 以下文章来源于某某发布 ，作者某某融媒.
_REPOST = re.compile(r"以下文章来源于\s*(?P<v>[\u4e00-\u9fffA-Za-z0-9]{2,20}?)(?=[\s，,。|｜]|作者|$)")
_EDITOR = re.compile(rf"(?:责任编辑|责编|(?<![任责])编辑|初审|复审|终审|审校|审核)[:：]\s*(?P<v>[^|｜()（）]*?){_STOP}")
_AUTHOR = re.compile(rf"(?:作者|文字|撰稿|摄影|图片|美编|视频|制作)[:：]\s*(?P<v>[^|｜()（）]*?){_STOP}")
_CREDIT = re.compile(r"[(（]\s*(?:本报|特约|见习|实习)?(?:记者|通讯员)[\s:：]*(?P<v>[^()（）]*?)\s*[)）]")
_BARE_CREDIT = re.compile(
    r"(?:^|[\s/◆])(?:本报|特约|见习|实习)?(?:记者|通讯员)[\s:：/]+(?P<v>[\u4e00-\u9fff·\s、]+?)"
    rf"(?=\s{{2,}}|[^\u4e00-\u9fff·\s、]|\s*(?:本报|特约|见习|实习)?{_LABELS}|$)"
)
_SLASH_CREDIT = re.compile(
    r"(?:^|[\s◆■●])(?:文|图|文图|图文|摄影|视频|摄像)[+＋\d、\s]*(?:/|／)\s*(?P<v>[\u4e00-\u9fff·\s、]+)"
)
_NAME_SPLIT = re.compile(r"[\s、,，/;；]+")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6})+$")
_NOT_NAMES = frozenset("本报 记者 通讯员 特约 见习 实习 摄影 摄 编辑 责编 图文 文图 视频 本报记者 报道 电 讯 供稿 整理 发自 文 图".split())
_CREDIT_MARKS = frozenset("文 图 摄 电 讯".split())
_NAME_PREFIX = re.compile(r"^(?:本报|特约|见习|实习)?(?:记者|通讯员)")
_CRUMB_SPLIT = re.compile(r"\s*(?:>>|»|＞＞|>|＞|›|\||｜)\s*")
_CRUMB_NOISE = frozenset(("首页", "正文", "当前位置", "您的位置", "当前位置:首页", "您现在的位置"))
_LABEL_LINE = re.compile(rf"^(?:(?:{_LABELS}|原题|导读|摘要)[:：]|本报讯)")
_BODY_LIKE = re.compile(r"[。！？!?；;]\s*[”’」』)）]?$")


def _date(m: re.Match[str]) -> datetime | date | None:
    try:
        y = int(m["y"])
        mo, d = int(m["m1"] or m["m2"]), int(m["d1"] or m["d2"])
        if m["H"] is None:
            return date(y, mo, d)
        return datetime(y, mo, d, int(m["H"]), int(m["M"]), int(m["S"] or 0))
    except ValueError:
        return None


def split_names(value: str) -> tuple[str, ...]:
    """Person names in a credit value: ``毕 昱`` → (毕昱,), ``李进媛、汤龙`` → both."""
    tokens = [t for t in _NAME_SPLIT.split(_NAME_PREFIX.sub("", value.strip())) if t]
    tokens = [_NAME_PREFIX.sub("", t) or t for t in tokens]
    merged: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in _CREDIT_MARKS and merged:  # 汤龙 摄, 王刚 图: what was done, not part of a name
            i += 1
            continue
        if len(tok) == 1 and i + 1 < len(tokens) and len(tok) + len(tokens[i + 1]) <= 3:
            tok, i = tok + tokens[i + 1], i + 1
        elif len(tok) == 1 and merged and len(merged[-1]) <= 2:
            merged[-1] += tok  # a trailing lone character completes the previous name
            i += 1
            continue
        merged.append(tok)
        i += 1
    return tuple(dict.fromkeys(n for n in merged if _NAME.match(n) and n not in _NOT_NAMES))


def _zones(lines: list[str]) -> tuple[list[str], list[str]]:
    """Header lines (before the first body-like line, at most 15) and the footer (last 8)."""
    header: list[str] = []
    for line in lines[:15]:
        if len(line) > 60 or _BODY_LIKE.search(line):
            break
        header.append(line)
    footer = lines[max(len(header), len(lines) - 8):]
    return header, footer


def _is_meta(line: str) -> bool:
    return len(line) <= 100 and not _SENTENCE_PUNCT.search(line)


def _channel(line: str) -> tuple[str, ...]:
    parts = [p.strip() for p in _CRUMB_SPLIT.split(line)]
    if len(parts) < 2 or any(not p or len(p) > 15 or ":" in p or "：" in p or _DATE.search(p)
                             for p in parts):
        return ()
    kept = tuple(p for p in parts if p not in _CRUMB_NOISE)
    return kept if len(kept) >= 2 else ()


def _headline(line: str, channel: tuple[str, ...], limit: int) -> bool:
    return (4 <= len(line) <= limit and not _DATE.search(line) and not _LABEL_LINE.match(line)
            and not _channel(line) and line not in channel and not line.endswith(("——", "—", ":", "："))
            and not _BODY_LIKE.search(line) and not _SENTENCE_PUNCT.search(line[-1]))


def parse_metadata(text: str, indented: frozenset[int] = frozenset()) -> Metadata:
    """Metadata of a cleaned article; ``indented`` holds indices of lines that were indented."""
    lines = text.split("\n")
    header, footer = _zones(lines)
    meta = [ln for ln in header + footer if _is_meta(ln)]

    published = None
    date_index: int | None = None
    for i, line in enumerate(header + footer):
        m = _DATE.search(line) if _is_meta(line) else None
        if m and (value := _date(m)) is not None:
            published, date_index = value, (i if i < len(header) else None)
            break

    source = next((m["v"].strip() for ln in meta for m in _SOURCE.finditer(ln) if m["v"].strip()), None) \
        or next((m["v"] for ln in header for m in _REPOST.finditer(ln)), None)
    channel = next((c for ln in header if (c := _channel(ln))), ())

    editors: list[str] = []
    authors: list[str] = []
    for ln in meta:
        for m in _EDITOR.finditer(ln):
            editors.extend(split_names(m["v"]))
        for m in _AUTHOR.finditer(ln):
            authors.extend(split_names(m["v"]))
        if len(ln) <= 40:
            for m in _BARE_CREDIT.finditer(ln):
                authors.extend(split_names(m["v"]))
            for m in _SLASH_CREDIT.finditer(ln):
                authors.extend(split_names(m["v"]))
    for ln in dict.fromkeys(lines[:len(header) + 3] + lines[-5:]):
        for m in _CREDIT.finditer(ln):
            authors.extend(split_names(m["v"]))

    title = None
    if date_index is not None:
        title = next((ln for ln in reversed(header[:date_index]) if _headline(ln, channel, 64)), None)
    elif len(lines) > 1 and 0 not in indented and _headline(lines[0], channel, 48):
        title = lines[0]
    return Metadata(title=title, published=published, source=source, channel=channel,
                    editors=tuple(dict.fromkeys(editors)), authors=tuple(dict.fromkeys(authors)))
