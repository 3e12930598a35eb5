"""Programmes: named campaigns, special actions, lecture series, platforms, brands.

By grammar:

* a quoted name followed by an activity noun: “基层论谈”活动 → 基层论谈 (with the
  longer surface 基层论谈活动 as an alias); “理论超市”进基层活动 → 理论超市;
* a quoted motto or formula followed by an activity noun names the whole:
  “5+12+N”大讨论 → 5+12+N大讨论 (the slogan 5+12+N is a separate node);
* a quoted name that itself ends with a programme noun: “振兴大讲堂”;
* a slogan directly followed by an activity noun: 三严三实专题教育.
"""
from __future__ import annotations

import re

from kg.extract.base import Context, make_mention
from kg.extract.segment import Segmenter
from kg.extract.slogans import is_formula, is_parallel_motto
from kg.extract.text import clean_name, quoted
from kg.model import Article, EntityType, Mention

# Activity nouns that may follow a quoted name, possibly after a short link
# (“理论超市”进基层活动, “七进”微宣讲).
ACTIVITY = ("专项行动", "大讨论", "专题教育", "主题教育", "主题活动", "系列活动", "巡回活动",
            "宣讲活动", "实践活动", "专题宣讲", "巾帼大宣讲活动", "大宣讲活动", "大宣讲", "微宣讲",
            "活动", "行动", "大讲堂", "讲堂", "论坛", "工程", "宣讲品牌", "品牌", "项目", "计划",
            "大赛", "征文", "宣讲日", "沙龙")
# A quoted name ending in one of these is a programme by itself.
SELF_HEADS = ("大讲堂", "讲堂", "课堂", "活动", "行动", "座谈会", "论坛", "工程", "计划", "超市",
              "直通车", "大篷车", "夜话", "书场", "擂台", "沙龙", "微宣讲", "大宣讲", "宣讲")
_ACTIVITY_AFTER = re.compile(
    r"(?:进[\u4e00-\u9fff]{1,4}?|[\u4e00-\u9fff]{0,4}?)(" + "|".join(ACTIVITY) + ")")


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

        slogan_spans = {(m.start, m.end) for m in context.of_type(EntityType.SLOGAN)}
        for q in quoted(text):
            inner = clean_name(q.text)
            if len(inner) < 2 or len(inner) > 40:
                continue
            m = _ACTIVITY_AFTER.match(text, q.end)
            motto = (q.inner_start, q.inner_end) in slogan_spans or is_formula(inner) \
                or is_parallel_motto(q.text)
            if m and m.end() - q.end <= 10:
                whole = inner + text[q.end:m.end()]
                if motto:  # the motto itself is a Slogan node; the activity is this one
                    add(q.inner_start, m.end(), whole)
                else:
                    add(q.inner_start, m.end(), inner, (whole,))
            elif inner.endswith(SELF_HEADS) and not motto and len(inner) >= 4:
                add(q.inner_start, q.inner_end, inner)

        # An unquoted slogan directly followed by an activity noun: 三严三实专题教育.
        for s in context.of_type(EntityType.SLOGAN):
            at = s.end + (1 if text[s.end:s.end + 1] in "”’" else 0)
            m = _ACTIVITY_AFTER.match(text, at)
            if m and m.end() - at <= 8 and text[s.start - 1:s.start] not in "“‘":
                add(s.start, m.end(), s.canonical + text[at:m.end()], ())
        return out
