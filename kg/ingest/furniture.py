"""Line layout: fold line ends, trim lines, drop page furniture and blank lines.

Runs on normalised (simplified) text, so the patterns are in simplified
Chinese.  Dropped:

* whole furniture lines — 小字号, 分享让更多人看到, 返回顶部, 首页 > 正文, 打印,
  关闭窗口, 【纠错】, 点击率/浏览次数 lines, lone ``|`` lines, (资料图), empty
  关键词 lines, copyright/ICP/技术支持 footers, 上一篇/下一篇 links;
* in the header zone (before the first body-like line) also contact lines
  (热线/邮箱/电话) and navigation menus (five or more short space-separated words);
* leading ``??``/``????`` (lost non-breaking spaces), leading ideographic or other
  spaces, trailing spaces, a trailing `` |`` and a trailing 点击率/浏览次数 count.

Header lines that carry metadata (date, 来源, 编辑, 作者) stay: later stages
extract persons and organisations from them.  Paragraphs are separated by a
single ``\\n``; the map keeps working across every gap.
"""
from __future__ import annotations

import re

from kg.model import OffsetMap

from .offsets import MapBuilder

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_LINE = re.compile(r"[^\n]*")
_LEAD = re.compile(r"(?:[^\S\n]|[?\ufffd]{2,}|[?\ufffd](?=\s))+")
_TRAIL = re.compile(
    r"(?:\s*(?:点击率|点击数|点击量|浏览次数|浏览量|阅读次数|阅读量|访问量)[:：]\s*\d*"
    r"|\s+[|｜]|\s)+\Z"
)
_WORD_SPLIT = re.compile(r"[\s【】\[\]()（）<>《》|｜丨>»›＞/、:：]+")
_FURNITURE_WORDS = frozenset(
    "小字号 大字号 中字号 字号 大 中 小 字体 默认 放大 缩小 分享让更多人看到 分享到 分享 返回顶部 "
    "回到顶部 顶部 打印 打印本页 打印此页 关闭 关闭窗口 关闭本页 纠错 我要纠错 收藏 收藏本页 "
    "资料图 首页 正文 当前位置 您的位置 复制链接 扫一扫 微信 微博 qq空间 手机看 评论 关键词 "
    "返回首页 返回列表 上一页 下一页 打印文章 推荐给朋友 点击率 浏览次数 阅读次数".split()
)
_FURNITURE_LINE = re.compile(
    r"^(?:[|｜丨·•\-—_=*]+"
    r"|(?:点击率|点击数|浏览次数|浏览量|阅读次数|阅读量|访问量)[:：]?\s*\d*"
    r"|(?:上一篇|下一篇|相关新闻|相关阅读|推荐阅读|延伸阅读|热点推荐)(?:[:：].*)?"
    r"|关键词[:：].*"
    r")$"
)
_FOOTER_LINE = re.compile(r"(?i)copyright|版权所有|©|icp备|icp证|技术支持[:：]|网站地图|联系我们|主办单位[:：]")
_CONTACT_LINE = re.compile(r"(?i)^(?:热线|邮箱|电话|传真|e-?mail|投稿邮箱|新闻热线)[:：]")
_NAV_MENU = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:\s+[\u4e00-\u9fff]{1,8}){4,}$")
# A byline spaced like a menu (本报记者　某某　本报通讯员　某某　某某) is a credit, no menu.
_CREDIT_WORD = re.compile(r"记者|通讯员|编辑|责编|摄影|作者|实习生")
_BODY_LIKE = re.compile(r"[。！？!?；;]\s*[”’」』)）]?$")


def fold_newlines(text: str) -> tuple[str, OffsetMap]:
    """CRLF, CR and other line separators become ``\\n`` (a CRLF maps to its LF)."""
    if not _NEWLINES.search(text):
        return text, OffsetMap.identity(len(text))
    out = MapBuilder(text)
    pos = 0
    for m in _NEWLINES.finditer(text):
        out.copy(pos, m.start())
        out.emit("\n", m.end() - 1)  # the LF of a CRLF; the CR itself otherwise
        pos = m.end()
    out.copy(pos, len(text))
    return out.finish(len(text))


def is_furniture(line: str, in_header: bool = False) -> bool:
    """True for a trimmed line that is page furniture, not article text."""
    if _FURNITURE_LINE.match(line):
        return True
    words = [w for w in _WORD_SPLIT.split(line.lower()) if w]
    if not words or all(w in _FURNITURE_WORDS for w in words):
        return True
    if len(line) <= 120 and _FOOTER_LINE.search(line):
        return True
    return in_header and bool(_CONTACT_LINE.match(line) or (
        _NAV_MENU.match(line) and not _CREDIT_WORD.search(line)))


def _body_like(line: str) -> bool:
    return len(line) > 60 or bool(_BODY_LIKE.search(line))


def clean_lines(text: str) -> tuple[str, OffsetMap]:
    """Trim lines, drop furniture and blank lines; one ``\\n`` between kept lines."""
    out = MapBuilder(text)
    in_header = True
    pending_newline: int | None = None  # position of the newline ending the last kept line
    header_lines = 0
    for m in _LINE.finditer(text):
        start, end = m.span()
        lead = _LEAD.match(text, start, end)
        a = lead.end() if lead else start
        trail = _TRAIL.search(text, a, end)
        b = trail.start() if trail else end
        line = text[a:b]
        if not line:
            continue
        header_lines += 1
        if in_header and (header_lines > 15 or _body_like(line)):
            in_header = False
        if is_furniture(line, in_header):
            continue
        if pending_newline is not None:
            out.copy(pending_newline, pending_newline + 1)
        out.copy(a, b)
        pending_newline = end if end < len(text) else None
    return out.finish()


def indented_lines(before: str, after: str, offsets: OffsetMap) -> frozenset[int]:
    """Indices of lines of ``after`` (from :func:`clean_lines`) that were indented in ``before``."""
    out: set[int] = set()
    index, start = 0, 0
    while start < len(after):
        source = offsets(start)
        if source > 0 and before[source - 1] != "\n":
            out.add(index)
        newline = after.find("\n", start)
        if newline < 0:
            break
        index, start = index + 1, newline + 1
    return frozenset(out)
