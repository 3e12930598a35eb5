"""Anaphora: 该宣讲团, 这支队伍, 该活动, 该镇 point back to an entity the article named.

据介绍，该宣讲团成立于2017年，…累计宣讲600余场: the figure and the date are the
lecture group's, named a sentence before.  An anaphor becomes a mention of its
antecedent (same key, canonical and labels), so relations, figures and dates
read it like the name; its surface is not a label.

The antecedent is the last mention of the type the anaphor's noun asks for,
within ``WINDOW`` sentences before it, whose name ends with that noun where the
noun is specific (该宣讲团 → …宣讲团; 该团 → any lecture group).  No
antecedent, no mention: an unnamed 宣讲活动 stays unnamed.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.base import Context
from kg.extract.segment import Segmenter
from kg.model import Article, EntityType, Mention

T = EntityType
# noun -> (type, the name must end with it)
NOUNS: dict[str, tuple[EntityType, bool]] = {
    "宣讲团": (T.LECTURE_GROUP, True), "宣讲队": (T.LECTURE_GROUP, True),
    "宣讲小分队": (T.LECTURE_GROUP, True), "讲师团": (T.LECTURE_GROUP, True),
    "乌兰牧骑": (T.LECTURE_GROUP, True), "团": (T.LECTURE_GROUP, False), "队": (T.LECTURE_GROUP, False),
    "队伍": (T.LECTURE_GROUP, False),
    "活动": (T.PROGRAMME, False), "品牌": (T.PROGRAMME, False), "平台": (T.PROGRAMME, False),
    "项目": (T.PROGRAMME, False), "行动": (T.PROGRAMME, False),
    "大赛": (T.PROGRAMME, True), "比赛": (T.PROGRAMME, True), "评选": (T.PROGRAMME, True),
    "讲堂": (T.PROGRAMME, True), "大讲堂": (T.PROGRAMME, True), "论坛": (T.PROGRAMME, True),
    "中心": (T.ORGANIZATION, True), "部": (T.ORGANIZATION, True), "局": (T.ORGANIZATION, True),
    "馆": (T.ORGANIZATION, True), "协会": (T.ORGANIZATION, True),
    "镇": (T.DIVISION, True), "乡": (T.DIVISION, True), "村": (T.DIVISION, True),
    "县": (T.DIVISION, True), "区": (T.DIVISION, True), "市": (T.DIVISION, True),
    "旗": (T.DIVISION, True), "街道": (T.DIVISION, True), "社区": (T.DIVISION, True),
}
ANAPHOR = re.compile(r"(?:该|此次|此|这支|这个|这次|这一|该支|本届|本次|这届|该届|此届)("
                     + "|".join(sorted(NOUNS, key=len, reverse=True)) + ")")
WINDOW = 3  # sentences
# A noun the name must end with (该宣讲队 → …宣讲队) is safe further back than 该队 or 活动.
WINDOW_SPECIFIC = 6
# A bare group noun opening a clause (…说，宣讲团今年已开展宣讲45场) is the group named before.
BARE = re.compile(r"(?:(?<=^)|(?<=[，,。；;：:！？\n“]))(宣讲团|宣讲队|宣讲小分队|乌兰牧骑|活动|大赛|大讲堂)"
                  r"(?=[\u4e00-\u9fff])")


class AnaphoraExtractor:
    name = "anaphora"

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def extract(self, article: Article, context: Context) -> list[Mention]:
        text = article.text
        taken = [(m.start, m.end) for m in context.mentions]
        mentions = sorted(context.mentions, key=lambda m: m.start)
        out: list[Mention] = []
        ends = {t.end for t in self.segmenter.tokens(text)} if ANAPHOR.search(text) else set()
        found = [a for a in ANAPHOR.finditer(text) if a.end() in ends]  # not 该区域, 该县委, 该团长
        found += BARE.finditer(text)
        for a in sorted(found, key=lambda a: a.start()):
            start, end = a.span()
            if any(s < end and start < e for s, e in taken):
                continue
            kind, specific = NOUNS[a.group(1)]
            sentence = article.sentence_at(start) if article.sentences else 0
            near = [m for m in reversed(mentions) if m.end <= start and m.type is kind
                    and sentence - m.sentence <= (WINDOW_SPECIFIC if specific else WINDOW)]
            # a specific noun: the last name that ends in it, else the last with a label that
            # does (“青山杯”理论宣讲大赛 is named 青山杯; 本届大赛 is still it)
            antecedent = next((m for m in near if not specific or m.canonical.endswith(a.group(1))), None) \
                or next((m for m in near if any(label.endswith(a.group(1)) for label in m.labels)), None)
            if antecedent is None:
                continue
            out.append(replace(antecedent, surface=text[start:end], start=start, end=end,
                               sentence=sentence, extractor=self.name))
        return out
