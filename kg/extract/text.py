"""Small text helpers shared by the extractors: quotes, CJK tests, name cleaning."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

OPEN_CLOSE = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉", '"': '"'}
_QUOTE_RE = re.compile(r"“([^“”\n]{1,60})”|‘([^‘’\n]{1,60})’|「([^「」\n]{1,60})」|"
                       r"『([^『』\n]{1,60})』|\"([^\"\n]{1,60})\"")
_BOOK_RE = re.compile(r"《([^《》\n]{1,60})》")
CJK = re.compile(r"[\u3400-\u9fff]")
NUMERALS = "一二三四五六七八九十两百千万零〇"
# Folk performance forms named with a numeral: no count (figures), no formula (slogans).
FOLK_ARTS = ("二人台", "二人转", "三句半", "二人戏", "三棒鼓", "十八拍")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted stretch: ``inner`` spans the text between the marks."""

    start: int  # of the opening mark
    end: int  # after the closing mark
    inner_start: int
    inner_end: int
    text: str  # inner text


def quoted(text: str) -> list[Quoted]:
    """Every “…”, ‘…’, 「…」, 『…』 and "…" stretch (not 《》, see :func:`book_titles`)."""
    out = []
    for m in _QUOTE_RE.finditer(text):
        group = next(i for i in range(1, 6) if m.group(i) is not None)
        out.append(Quoted(m.start(), m.end(), m.start(group), m.end(group), m.group(group)))
    return out


def book_titles(text: str) -> list[Quoted]:
    return [Quoted(m.start(), m.end(), m.start(1), m.end(1), m.group(1))
            for m in _BOOK_RE.finditer(text)]


def clean_name(name: str) -> str:
    """The form of a name used as a label: NFKC, no quote marks, no inner spaces."""
    name = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in name if ch not in "“”‘’\"'《》〈〉「」『』 \t\u3000")


def is_cjk(ch: str) -> bool:
    return bool(CJK.match(ch))


# Activity nouns: after a quoted name or motto they name a programme
# (“基层论谈”活动, “5+12+N”大讨论, “理论超市”进基层活动), longest first.
ACTIVITY_NOUNS = tuple(sorted((
    "专项行动", "大讨论", "专题教育", "主题教育", "主题活动", "系列活动", "巡回活动", "宣讲活动",
    "实践活动", "专题宣讲", "巾帼大宣讲", "大宣讲", "微宣讲", "活动", "行动", "大讲堂", "讲堂",
    "论坛", "工程", "宣讲品牌", "思政宣讲品牌", "品牌", "项目", "计划", "大赛", "征文", "宣讲日",
    "沙龙", "思政沙龙", "专项研讨", "座谈会", "专栏", "栏目", "专题栏目", "系列微视频", "微视频",
    "公开课", "训练营", "故事会", "读书会", "分享会", "主题宣讲", "巡回宣讲", "示范宣讲", "惠民演出",
    # named events: “书香南山”读书节, “理论之光”报告会
    "读书节", "文化节", "艺术节", "读书月", "宣传月", "宣传周", "报告会", "宣讲会", "研讨会",
    "服务月", "服务周", "活动月", "活动周", "主题月", "志愿服务月", "志愿服务周",
    # touring shows: “理论+文艺”巡演
    "巡演", "巡讲", "展演", "汇演",
    # contests and selections: “最美家庭”评选, “青春杯”演讲比赛
    "评选", "评比", "比赛", "竞赛", "征集", "擂台赛", "演讲赛", "宣讲赛", "挑战赛"), key=len, reverse=True))
# A quoted name ending in one of these is a programme by itself (“振兴大讲堂”).
PROGRAMME_SELF_HEADS = ("大讲堂", "讲堂", "课堂", "活动", "行动", "座谈会", "论坛", "工程", "计划",
                        "超市", "直通车", "大篷车", "夜话", "书场", "擂台", "沙龙", "微宣讲", "大宣讲",
                        "讲习所", "讲习堂", "讲坛", "大讲台", "夜校", "脱口秀",
                        # series a body runs under a name of its own
                        "故事会", "读书会", "分享会", "党课", "公开课", "训练营", "学堂", "夜谈",
                        "专栏", "栏目", "云宣讲", "宣讲日", "开放日")
# Generic tails: a programme named with and without one is the same programme
# (巾帼大宣讲 / 巾帼大宣讲活动).
GENERIC_TAILS = ("系列活动", "主题活动", "活动", "行动", "项目")


# The noun a quoted list is said to be instances of: “A”“B”等宣讲品牌6个 → 品牌,
# “A”、“B”等系列活动 → 活动, “A”等30个进入决赛的项目 → 项目.  Apposition: what
# the list's head noun is, each item is.
PROGRAMME_KINDS = ("宣讲品牌", "品牌", "系列活动", "主题活动", "活动", "项目", "工程", "行动", "课堂",
                   "讲堂", "平台", "板块", "栏目", "子品牌", "宣讲产品", "产品", "宣讲线路", "线路")
_LIST_TAIL = re.compile(r"[“‘「『\"][^”’」』\"\n]{1,40}[”’」』\"]")
_KIND_AFTER_DENG = re.compile(
    # 等 or a count right after the items: “A”“B”等宣讲品牌, “A”“B”两个特色板块
    rf"(?:等|的[“‘][^”’]{{1,12}}[”’]|(?=(?:[0-9０-９]+|[{NUMERALS}]+)(?:个|项|大|类|种)))"
    rf"(?:[0-9０-９]+|[{NUMERALS}]+)?(?:个|项|大|类|种|场)?"
    r"(?:[\u4e00-\u9fff]{0,8}?的)?(?P<mod>[\u4e00-\u9fff]{0,4}?)(" + "|".join(PROGRAMME_KINDS) + ")")
# “A”“B”等主题宣讲活动: items named by these are themes of one activity, not activities.
_NOT_KIND = ("主题", "内容", "方面", "领域", "形式", "方式")


def quotes_end(text: str, at: int) -> int:
    """The end of the quoted items that follow ``text[at]`` side by side (“A”“B”“C”):
    ``at`` itself when none does."""
    while (m := _LIST_TAIL.match(text, at)) is not None:
        at = m.end()
    return at


def list_kind(text: str, at: int) -> str | None:
    """The programme noun of a quoted list that goes on at ``text[at]`` (right after
    one item's closing quote): more items, then 等 and the noun.  None when the
    stretch is no such list."""
    n = len(text)
    while at < n:
        if text[at] in "、，,":
            at += 1
        m = _LIST_TAIL.match(text, at)
        if not m:
            break
        at = m.end()
    m = _KIND_AFTER_DENG.match(text, at)
    if not m or m.end() - at > 16:
        return None
    after = text[m.end():m.end() + 1]
    if after in ("团", "队", "员") or any(w in m.group(0) for w in _NOT_KIND):
        return None
    return m.group(2)
