"""Programmes: named campaigns, special actions, lecture series, platforms, brands.

By grammar:

* a quoted name followed by an activity noun: “基层论谈”活动 → 基层论谈 (with the
  longer surface 基层论谈活动 as an alias); “理论超市”进基层活动 → 理论超市;
* a quoted motto or formula followed by an activity noun names the whole:
  “5+12+N”大讨论 → 5+12+N大讨论 (the slogan 5+12+N is a separate node);
* a quoted name that itself ends with a programme noun: “振兴大讲堂”;
* a slogan directly followed by an activity noun: 三严三实专题教育;
* the longest noun compound after a quoted name that ends in an activity noun
  (“…”优秀微宣讲视频展示大赛, “…”走基层文化惠民活动);
* the items of a quoted list said to be programmes (“A”“B”等宣讲品牌, 的“五个一百”
  系列活动), never those of a list of themes (“A”“B”等主题);
* an unquoted name after a verb of running, when a proper element anchors it
  (开展十九届六中全会精神宣讲活动; 理论宣讲活动 alone is a description);
* an unquoted series a verb of running introduces by name and head (开设某某课堂,
  推出某某故事会, 实施百名某某培育计划), never one named only by its kind (理论课堂);
* a numbered edition of an event (第六届…大赛, 首届…文博会, 2025年…大赛), with the
  division before it (某市第二届文化产业博览会 → 某市文化产业博览会).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from kg.extract.base import Context, make_mention
from kg.extract.phrases import COUNTED, extend_left
from kg.extract.segment import Segmenter
from kg.extract.slogans import is_formula, is_parallel_halves, is_parallel_motto
from kg.extract.text import (ACTIVITY_NOUNS, GENERIC_TAILS, PROGRAMME_SELF_HEADS, book_titles, clean_name,
                             list_kind, quoted, quotes_end)
from kg.model import Article, EntityType, Mention

_ACTIVITY_AFTER = re.compile(
    r"(?:进[\u4e00-\u9fff]{1,4}?|[\u4e00-\u9fff]{0,4}?)(" + "|".join(ACTIVITY_NOUNS) + r")(?![团队员])")


# 开展|启动|举办 (了, 的) + a name of 4+ characters + an activity noun, ending a phrase.
UNQUOTED = re.compile(r"(?:开展|举办|启动|组织开展|实施|深化)[了的]?(?P<name>[\u4e00-\u9fff、]{4,24}?)"
                      r"(?P<head>大讨论活动|大讨论|专项行动|提升行动|专题教育|主题教育|活动|行动|工程|论坛|大赛)"
                      r"(?=[，,。；;、和与\s]|$)")
# Words that describe an activity's kind, not name it: 大型群众性主题宣传教育活动.
DESCRIPTIVE_WORDS = {"大型", "小型", "群众性", "群众", "主题", "宣传", "教育", "宣讲", "学习", "专题", "系列",
                     "集中", "广泛", "多种", "多样", "各类", "各种", "丰富多彩", "形式多样", "特色", "文化",
                     "志愿", "服务", "志愿服务", "实践", "文艺", "演出", "庆祝", "纪念", "交流", "培训",
                     "互动", "线上", "线下", "常态化", "经常性", "全方位", "多层次", "深入", "扎实",
                     "考察", "调研", "参观", "学习考察", "聚集性", "群体", "集体", "传统", "民族",
                     "民俗", "节日", "节庆", "联谊", "慰问", "走访", "座谈", "讨论"}
# A verb of running right before a quoted name, and what may follow the name then: a
# count (举办“板凳会”46场) or the clause's end.
RUN_BEFORE_QUOTE = re.compile(r"(?:举办|开设|推出|开办|创办|组织开展|举行|推广|打造|上线|开通|编成|创设|培育)了?$")
# A named medium or format a programme comes in: “某某”数字平台, “某某”系列短视频, “某某”小程序.
MEDIUM_AFTER_QUOTE = re.compile(r"(?:系列)?(?:网络|数字|线上|云|微信|宣讲|服务)?"
                                r"(?:平台|小程序|短视频|微视频|专栏|栏目|节目|访谈|直播间|现场教学|APP|App|app)")
# A list of brands after its kind and a colon: 特色宣讲品牌：某街道“A”、某街道“B”.
KIND_BEFORE_LIST = re.compile(r"(?:品牌|平台|栏目|阵地|项目)[:：]([^，。；;！？\n]{0,60})$")
# What names a show before its title: 开设了广播专栏《某某》.
SHOW_BEFORE = re.compile(r"(?:栏目|专栏|节目)$")  # (专题片《某某》: a film, no series)
RUN_AFTER_QUOTE = re.compile(r"[0-9一二三四五六七八九十百千万余多]+[场期次届]|[，,。；;、]")
# What follows a show's or column's title: 《某某》栏目.
SHOW_TAIL = re.compile(r"(?:电视|广播|访谈|专题|系列)?(?:栏目|专栏|节目|微视频|专题片|短视频)")
# A named meeting: 召开建设强而优中等城市解放思想大讨论市直单位座谈会 (a one-off event the
# campaign holds; a bare 召开座谈会 or 召开会议 names nothing).
MEETING = re.compile(r"(?:召开|举行|举办)了?(?P<name>[\u4e00-\u9fff“”]{4,30}?)"
                     r"(?P<head>座谈会|动员大会|动员会|推进会|部署会|研讨会|剖析会|交流会|分享会|报告会)"
                     r"(?=[，,。；;、和与\s]|$)")
NOT_IN_MEETING = re.compile(r"[了的着在]|开展|深入|通过|进行|参加|首场|一系列|各类")
# Verbs that name the activity rather than open a clause: “两学一做”学习教育座谈会.
ACTIVITY_VERBS = {"学习", "宣讲", "培训", "实践", "服务", "教育", "读书", "研讨", "交流", "志愿", "宣传",
                  "调研", "创建", "评选", "比赛", "展演", "展示", "巡讲", "巡演", "联学", "共建", "说",
                  "访谈", "展播", "演出", "巡回", "竞赛", "评比", "征集", "示范"}
# Verbs of going that open a programme's tail: “…”走基层文化惠民活动, “…”进校园活动.
MOVE_VERBS = {"进", "走", "下", "送", "走进", "深入"}
# Words that show the stretch is a clause, not a name.
NOT_IN_NAME = re.compile(r"[了的着在]|开展|深入|通过|集中|组织|宣讲|进行|参加|首场|一系列|各类|多种|系列")
# What makes an unquoted description a name: a proper element in it, such as the
# meeting or the year it is about (十九届六中全会精神宣讲活动, 2024年度…大赛).  Without
# one, 理论宣讲活动 is a description of an activity, not its name.
ANCHOR = re.compile(r"[一二三四五六七八九十]+届[一二三四五六七八九十]+中全会|[一二三四五六七八九十]{2,3}大精神"
                    r"|[0-9]{4}年")
NOT_IN_ANCHORED = re.compile(r"[了着在]|开展|深入|通过|集中|组织|进行|参加|首场|一系列|各类|多种")
# A numbered edition names an event: 第六届某某宣讲大赛, 首届某某文博会, 2025年某某大赛.
EDITION = re.compile(r"(?:第[0-9一二三四五六七八九十]{1,3}届|首届|[0-9]{4}(?:年度|年)?)"
                     r"(?P<name>[\u4e00-\u9fff“”·]{2,24}?"
                     r"(?:大赛|比赛|大会|论坛|文化节|艺术节|读书节|旅游节|博览会|文博会|运动会|展演|"
                     r"评选|征文|演讲赛|擂台赛|交流会|宣讲周|宣传周|宣传月))(?![\u4e00-\u9fff]{0,2}(?:组委会|团|队|员))")
NOT_IN_EDITION = re.compile(r"[了的着在是届暨]|开展|举办|举行|召开|参加|获得|荣获")
# Parts of speech that continue a noun compound after a quoted name (“…”优秀微宣讲
# 视频展示大赛): nouns, verbal nouns, distinguishing words, idioms, abbreviations.
_NOMINAL = ("n", "vn", "b", "j", "l", "a", "an")
_TAIL_LIMIT = 16
# The suffix of an agent noun jieba leaves on its own: 宣讲|员, 志愿|者.
AGENT_SUFFIXES = {"员", "者", "手"}
# Lecture series named by their head, quoted or not: 理论大讲堂, 乡村小讲堂.
SERIES = re.compile(r"(?:大讲堂|小讲堂|微讲堂|大课堂|讲习所|脱口秀)(?![\u4e00-\u9fff]{0,2}(?:团|队|员))")

# A series a verb of running introduces by its name and head, unquoted: 开设邻里讲堂,
# 推出某某故事会, 举办了3期某某训练营 (the count is no part of the name).  Without the verb
# such heads are too often generic (走进课堂, 从夜校学到) to name a series alone.
_SERIES_VERBS = ("开设|推出|举办|开办|创办|打造|实施|开展|组织开展|启动|创设|设立|开通|推广|举行|依托|办好|"
                 "办成|改造成|建成")
RUN_SERIES = re.compile(
    r"(?:" + _SERIES_VERBS + r"|以)了?"
    r"(?:[0-9]+[期场个次]|第[0-9一二三四五六七八九十]+[届期]|首届)?"
    r"(?P<name>[\u4e00-\u9fff·]{2,12}?(?P<head>讲堂|课堂|讲坛|夜校|夜话|故事会|故事汇|茶话会|读书月|擂台赛"
    r"|训练营|培育计划|培养计划))(?![\u4e00-\u9fff]{0,2}(?:团|队|员))")
# 以某某讲堂为载体: what 以 introduces is a series only when it is the means
AS_MEANS = re.compile(r"为(?:载体|平台|抓手|阵地|依托|牵引|总牵引|纽带|窗口)")
NOT_IN_SERIES = re.compile(r"[了的着在和与及等是为从向把将对]|通过|进行|" + _SERIES_VERBS)
# A modifier that says only what kind of series it is or whom it is for: 理论课堂,
# 流动课堂, 农民夜校 name a kind, not one series (索玛花农民夜校 names one).
SERIES_KINDS = {"理论", "红色", "流动", "公益", "线上", "线下", "网上", "网络", "空中", "村级", "思政", "党员",
                "道德", "法治", "周末", "第二", "云端", "云上", "移动", "夜间", "农民", "市民", "青年", "少儿",
                "老年", "家长", "妇女", "群众", "百姓", "党校", "社区", "乡村", "田间", "新时代"}


def _nominal_end(text: str, tokens, starts: list[int], at: int) -> int:
    """The end of the longest noun compound from ``at`` that ends in an activity
    noun (“…”优秀微宣讲视频展示大赛 → after 大赛), or ``at`` when there is none.
    A verb, a function word or punctuation ends the compound."""
    i = bisect_left(starts, at)
    best = start = at
    while i < len(tokens) and tokens[i].start == at and tokens[i].end - at <= _TAIL_LIMIT:
        tok = tokens[i]
        first = at == start
        if tok.text == "暨" or COUNTED.match(tok.text) or tok.text.startswith(("首", "第")) \
                or not (tok.pos.startswith(_NOMINAL) or tok.text in ACTIVITY_VERBS
                        or (first and tok.text in MOVE_VERBS)
                        or (not first and tok.text in AGENT_SUFFIXES)):  # 宣讲|员/zg|大赛
            break
        if text.endswith(ACTIVITY_NOUNS, 0, tok.end) and text[tok.end:tok.end + 1] not in ("团", "队", "员"):
            best = tok.end
        at = tok.end
        i += 1
    return best


def _modifier_end(name: str) -> int:
    """Where a descriptive phrase ending in 的 stops (党的 belongs to the name)."""
    at = 0
    for i, ch in enumerate(name):
        if ch == "的" and name[i - 1:i] != "党":
            at = i + 1
    return at


class ProgrammeExtractor:
    name = "programmes"

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def extract(self, article: Article, context: Context) -> list[Mention]:
        text = article.text
        out: list[Mention] = []
        seen: set[tuple[int, int]] = set()

        def add(start: int, end: int, canonical: str, aliases: tuple[str, ...] = ()) -> None:
            if (start, end) not in seen:
                seen.add((start, end))
                out.append(make_mention(article, EntityType.PROGRAMME, start, end,
                                        canonical=canonical, aliases=aliases, extractor=self.name))

        slogans = {m.canonical for m in context.of_type(EntityType.SLOGAN)}
        tokens = self.segmenter.tokens(text)
        starts = [t.start for t in tokens]
        for q in quoted(text):
            inner = clean_name(q.text)
            if len(inner) < 2 or len(inner) > 40:
                continue
            m = _ACTIVITY_AFTER.match(text, q.end)
            chained = quotes_end(text, q.end)
            if m is None and chained > q.end and not is_formula(inner) and inner not in slogans:
                # “文明家庭”“好婆婆好媳妇”评选: quotes side by side share the noun after them
                shared = _ACTIVITY_AFTER.match(text, chained)
                if shared and shared.start(1) == chained and 2 <= len(inner) <= 12:
                    add(q.inner_start, q.inner_end, inner, (inner + shared.group(1),))
                    continue
            if m and "的" in text[q.end:m.start(1)]:
                m = None  # 主题为“…”的宣传活动: the quote is what the activity is about
            if m and text.startswith("等", q.end):
                m = None  # “A”“B”等主题宣讲活动: the noun names the kind of a list, not one name
            if m and self._verb_in(text, q.end, m.start(1)):
                m = None  # “四个坚持”擦亮理论宣讲品牌: a clause, not a name
            end = m.end() if m else q.end
            if not text.startswith("等", q.end):
                end = max(end, _nominal_end(text, tokens, starts, q.end))
            if end > q.end:  # 巾帼大宣讲|活动: take a generic tail that follows the activity noun
                end += next((len(t) for t in GENERIC_TAILS if text.startswith(t, end)), 0)
            motto = inner in slogans or is_formula(inner) or is_parallel_motto(q.text)
            kind = list_kind(text, q.end)
            if kind and end == q.end and inner not in slogans and 2 <= len(inner) <= 16:
                add(q.inner_start, q.inner_end, inner)  # “A”“B”等宣讲品牌: each item is one
            elif end > q.end and end - q.end <= _TAIL_LIMIT:
                whole = inner + text[q.end:end]
                if motto:  # the motto itself is a Slogan node; the activity is this one
                    add(q.inner_start, end, whole)
                else:
                    add(q.inner_start, end, inner, (whole,))
            elif (medium := MEDIUM_AFTER_QUOTE.match(text, q.end)) and not motto and 2 <= len(inner) <= 16:
                add(q.inner_start, q.inner_end, inner, (inner + medium.group(),))  # “某某”数字平台
            elif KIND_BEFORE_LIST.search(text, max(0, q.start - 64), q.start) and not motto \
                    and 2 <= len(inner) <= 12 and RUN_AFTER_QUOTE.match(text, q.end):
                add(q.inner_start, q.inner_end, inner)  # 宣讲品牌：某街道“A”、…
            elif RUN_BEFORE_QUOTE.search(text, max(0, q.start - 6), q.start) and not motto \
                    and 2 <= len(inner) <= 10 and RUN_AFTER_QUOTE.match(text, q.end):
                # 举办“板凳会”46场, 开设“某某”: what a verb of running names is a programme
                add(q.inner_start, q.inner_end, inner)
            elif inner.endswith(PROGRAMME_SELF_HEADS) and inner not in slogans and len(inner) >= 4 \
                    and not is_parallel_halves(q.text):
                # (“小切口、大宣讲”: parallel halves are a motto, whatever they end with)
                # “四德工程”: named like a formula, but the head makes it a programme
                add(q.inner_start, q.inner_end, inner)

        # A show or column by its title: 《百姓说》栏目, 《某某》专栏 (a book's title is none).
        for b in book_titles(text):
            tail = SHOW_TAIL.match(text, b.end)
            inner = clean_name(b.text)
            if tail and 2 <= len(inner) <= 16:
                add(b.inner_start, b.inner_end, inner, (inner + tail.group(),))
            elif SHOW_BEFORE.search(text, max(0, b.start - 4), b.start) and 2 <= len(inner) <= 16:
                add(b.inner_start, b.inner_end, inner)  # 广播专栏《某某》

        # An unquoted name after a verb of running: 开展建设强而优中等城市解放思想大讨论活动.
        # …or one anchored by what it is about (开展十九届六中全会精神宣讲活动), added after
        # the plain ones.
        anchored = []
        for m in UNQUOTED.finditer(text):
            name = m.group("name") + m.group("head")
            if EDITION.match(text, m.start("name")):
                continue  # 举办首届乡村振兴论坛: the edition is read below, its number no part of the name
            if not NOT_IN_NAME.search(m.group("name")) and not self._described(m.group("name")):
                add(m.start("name"), m.end("head"), name)
            name, start = m.group("name"), m.start("name")
            cut = _modifier_end(name)  # 形式多样、内容丰富的|十九届五中全会精神宣讲活动
            name, start = name[cut:], start + cut
            if ANCHOR.search(name) and not NOT_IN_ANCHORED.search(name):
                anchored.append((start, m.end("head"), name + m.group("head")))
        for start, end, name in anchored:
            add(start, end, name)

        # A lecture series by its head and the modifiers before it: 乡村小讲堂, 理论大讲堂
        # (a bare 大讲堂 names none; quoted ones are found above).
        for m in SERIES.finditer(text):
            if text[m.start() - 1:m.start()] in "”’" or text[m.end():m.end() + 1] in "”’":
                continue
            start = extend_left(text, tokens, m.start(), max_chars=8)
            # the place before is its owner, not its name: 某街道某村|乡村小讲堂 (a place
            # ends at a level word where jieba's words end, and two characters remain)
            ends = {t.end for t in tokens if start < t.end <= m.start() - 2}
            start = max([start] + [d.end for d in context.of_type(EntityType.DIVISION)
                                   if start <= d.start and d.end <= m.start() - 2]
                        + [e for e in ends if text[e - 1] in "村镇乡道区"])
            if m.start() - start >= 2 and text[start] not in "全各每该本我":
                add(start, m.end(), text[start:m.end()])

        divisions = context.of_type(EntityType.DIVISION)
        at = 0
        while (m := RUN_SERIES.search(text, at)) is not None:
            at = m.start() + 1  # (overlapping: 依托农家书屋|开设某某夜校)
            start, end = m.start("name"), m.end("name")
            if text.startswith("以", m.start()) and not AS_MEANS.match(text, end):
                continue  # 以理论课堂形式: 以 says how, not what series
            # the place before is its owner, not its name: 开设某镇|某某讲堂
            start = max([start] + [d.end for d in divisions if start <= d.start and d.end <= m.start("head") - 2])
            modifier = text[start:m.start("head")]
            if len(modifier) < 2 or NOT_IN_SERIES.search(modifier) or modifier in SERIES_KINDS \
                    or self._described(modifier):
                continue  # 开设理论课堂: words of kind alone name no series
            add(start, end, text[start:end])
        # A numbered edition of an event: 第六届某某宣讲大赛 (the edition is an alias).
        for m in EDITION.finditer(text):
            name = clean_name(m.group("name"))
            if NOT_IN_EDITION.search(name) or len(name) < 4 or name.endswith("代表大会"):
                continue  # (第十届全国人民代表大会, 第二次党代表大会: a body's session, no event)
            owner = next((d for d in context.of_type(EntityType.DIVISION) if d.end == m.start()), None)
            if owner is not None:  # 某市第二届文化产业博览会 is 某市文化产业博览会
                add(owner.start, m.end("name"), owner.surface + name,
                    (clean_name(text[owner.start:m.end()]), name))
            else:
                add(m.start("name"), m.end("name"), name, (clean_name(m.group()),))

        for m in MEETING.finditer(text):
            name = m.group("name")
            if "“" not in name and "”" not in name and not NOT_IN_MEETING.search(name) \
                    and not name.startswith(("全县", "全市", "全区", "全省", "全镇", "一次", "专题")):
                add(m.start("name"), m.end("head"), name + m.group("head"))

        # An unquoted slogan directly followed by an activity noun: 三严三实专题教育.
        for s in context.of_type(EntityType.SLOGAN):
            at = s.end + (1 if text[s.end:s.end + 1] in "”’" else 0)
            m = _ACTIVITY_AFTER.match(text, at)
            if m and m.end() - at <= 8 and text[s.start - 1:s.start] not in "“‘":
                add(s.start, m.end(), s.canonical + text[at:m.end()], ())
        return merge_generic_tails(out)


    def _described(self, words: str) -> bool:
        """Whether a would-be name says only what kind of activity it is (大型|群众性|主题|
        宣传|教育活动): words of size, form and genre, nothing of its own."""
        def descriptive(w: str) -> bool:  # 宣传教育: two such words jieba holds as one
            return w in DESCRIPTIVE_WORDS or (len(w) == 4 and w[:2] in DESCRIPTIVE_WORDS
                                              and w[2:] in DESCRIPTIVE_WORDS) \
                or (2 <= len(w) <= 4 and w.endswith("族"))  # 苗族特色庆祝活动: whose, not which
        return all(descriptive(t.text) for t in self.segmenter.tokens(words))

    def _verb_in(self, text: str, start: int, end: int) -> bool:
        """A verb (not 进, which names where: “理论超市”进基层活动) in ``text[start:end]``."""
        if end <= start or text.startswith("进", start):
            return False
        return any(t.start >= start and t.end <= end and t.pos.startswith("v") and t.pos != "vn"
                   and t.text not in ACTIVITY_VERBS for t in self.segmenter.tokens(text))


def merge_generic_tails(mentions: list[Mention]) -> list[Mention]:
    """One programme named with and without a generic tail in one article is one
    entity: 巾帼大宣讲 and 巾帼大宣讲活动 → the longer name, the shorter an alias."""
    names = {m.canonical for m in mentions}
    out = []
    for m in mentions:
        longer = next((m.canonical + t for t in GENERIC_TAILS if m.canonical + t in names), None)
        if longer:
            m = replace(m, canonical=longer, aliases=tuple(dict.fromkeys((*m.aliases, m.canonical))))
        out.append(m)
    # Activities named after one quoted brand, one tail ending the other, are one:
    # “某某乡村行”示范活动 and “某某乡村行”活动 (not “某某”宣讲品牌 and “某某”沙龙), and so
    # is the “某某”品牌 itself (GUIDELINE.md rule 3: a brand that is a programme).
    by_brand: dict[str, list[int]] = {}
    for i, m in enumerate(out):
        cut = min((k for k in (m.surface.find("”"), m.surface.find("’")) if k >= 0), default=-1)
        brand = clean_name(m.surface[:cut]) if cut > 0 else ""
        if len(brand) >= 4 and m.canonical.startswith(brand) and len(m.canonical) > len(brand):
            by_brand.setdefault(brand, []).append(i)
    for brand, group in by_brand.items():
        canonicals = list(dict.fromkeys(out[i].canonical for i in group))
        if len(canonicals) < 2:
            continue
        first = max(canonicals, key=len)
        tail = first[len(brand):]
        # (“某某”品牌 is the brand itself: the same programme as its activities)
        group = [i for i in group if tail.endswith(out[i].canonical[len(brand):])
                 or out[i].canonical[len(brand):] == "品牌"]
        canonicals = list(dict.fromkeys(out[i].canonical for i in group))
        for i in group:
            m = out[i]
            out[i] = replace(m, canonical=first, aliases=tuple(dict.fromkeys(
                (*m.aliases, *(c for c in canonicals if c != first)))))
    return out
