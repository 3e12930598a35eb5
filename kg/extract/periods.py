"""Time in the text: the year a programme or practice started.

自2014年以来,东丽区“理论超市”进基层活动… → (理论超市, since, 2014).  The year is
about the first programme, lecture group or organisation after it in the
sentence, else the sentence's first division or organisation (its subject).
Years that date a statement (2015年, …) qualify relations (kg/extract/relations.py).
"""
from __future__ import annotations

import re

from kg.extract.base import Context
from kg.extract.segment import Segmenter
from kg.model import Article, Attribute, EntityType

SINCE = re.compile(r"(?:自|从|自从)?((?:19|20)[0-9]{2})年(?:[0-9]{1,2}月)?"
                   r"(?:(?:成立|创办|组建|启动|开办|设立|推出)以来|以来|起|开始|至今|开工)"
                   r"|(?:始建|建|创办|创建|创立|成立|启动|开办|开设|开通|设立|组建|推出)于((?:19|20)[0-9]{2})年"
                   r"|于((?:19|20)[0-9]{2})年(?:[0-9]{1,2}月)?(?:创办|创建|创立|成立|启动|开办|设立|组建|推出)")
PREFERRED = (EntityType.PROGRAMME, EntityType.LECTURE_GROUP, EntityType.ORGANIZATION)
FOUNDED = re.compile(r"成立|创办|创建|创立|组建|启动|开办|设立|推出")
STARTED = (EntityType.PROGRAMME, EntityType.LECTURE_GROUP)  # what a clause says began
# A verb of founding right before a name (推出“某某”, 成立了某某宣讲团, 成立了由8人组成的…).
FOUNDED_BEFORE = re.compile(r"(?:成立|创办|创建|创立|组建|启动|开办|开设|设立|推出|打造)了?"
                            r"(?:由[^，,。；;]{1,10}组成的)?[“‘]?$")
# A year opening a sentence (1958年, / 2019年3月，) and a first edition (首届).
OPENING_YEAR = re.compile(r"\s*((?:19|20)[0-9]{2})年(?:[0-9]{1,2}月)?[,，]")
FIRST_EDITION = re.compile(r"首届[“‘]?$")
SUBJECTS = (EntityType.DIVISION, EntityType.ORGANIZATION)


class PeriodExtractor:
    name = "periods"

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def extract(self, article: Article, context: Context) -> list[Attribute]:
        out = []
        dated: set[int] = set()
        for m in SINCE.finditer(article.text):
            dated.add(article.sentence_at(m.start()))
            sentence = article.sentence_at(m.start())
            in_sentence = sorted((x for x in context.mentions if x.sentence == sentence),
                                 key=lambda x: x.start)
            # “红色讲堂”从2017年开始, “红色讲堂”创办于2015年: the name in the same clause before
            before = next((x for x in reversed(in_sentence) if x.end <= m.start() and x.type in STARTED
                           and not re.search(r"[,，;；:：]", article.text[x.end:m.start()])), None)
            # 2022年以来,某部门推出“某某”品牌: what a verb of founding after the year names
            founded = next((x for x in in_sentence if x.start >= m.end() and x.type in STARTED
                            and FOUNDED_BEFORE.search(article.text, max(m.end(), x.start - 8), x.start)),
                           None)
            about = before or founded or next(
                (x for x in in_sentence if x.start >= m.end() and x.type in PREFERRED), None)
            if about is None and FOUNDED.search(m.group()):
                # “金城百姓宣讲团”，自2018年成立以来: what was founded is named before
                about = next((x for x in reversed(in_sentence) if x.end <= m.start()
                              and x.type in STARTED), None)
            about = about or next((x for x in in_sentence if x.type in SUBJECTS), None)
            if about is None:
                continue
            year = m.group(1) or m.group(2) or m.group(3)
            out.append(Attribute("since", about.key, year, "gYear", m.start(), m.end(), sentence,
                                 self.name))
        out.extend(self._opening_years(article, context, dated))
        return out

    def _opening_years(self, article: Article, context: Context, dated: set[int]) -> list[Attribute]:
        """A year that opens a sentence dates what the sentence founds or holds for the
        first time: 1958年,某旗成立了…乌兰牧骑 → that troupe; 2019年,首届某某文博会… →
        that event."""
        out = []
        text = article.text
        for k, sp in enumerate(article.sentences):
            if k in dated:
                continue
            m = OPENING_YEAR.match(text, sp.start)
            if m is None:
                continue
            ms = sorted((x for x in context.mentions if x.sentence == k and x.type in STARTED
                         and x.start >= m.end()), key=lambda x: x.start)
            about = next((x for x in ms if FOUNDED_BEFORE.search(text, max(m.end(), x.start - 12), x.start)
                          or FIRST_EDITION.search(text, max(m.end(), x.start - 3), x.start)), None)
            if about is not None:
                out.append(Attribute("since", about.key, m.group(1), "gYear", m.start(), about.end, k,
                                     self.name))
        return out
