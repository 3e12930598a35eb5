"""Later occurrences of names the article has already introduced.

The entity extractors find a programme or group where the text marks it
(“理响花都”宣讲品牌, 采茶戏理论“小剧团”); further on the article may name it
with other cues or none (开展“理响花都”巡回宣讲150余场).  Those occurrences
are mentions of the same entity, and relations and figures need them.

Only programmes, lecture groups and organisations are searched (divisions and
persons are found at every occurrence by their own extractors); only names of
three or more characters; only where the name is quoted exactly or jieba's
token boundaries agree with it (大讲堂 is not found inside 振兴大讲堂堂); never
where another mention already is, and never a name that two entities of the
article share (a programme and the slogan it is named after).
"""
from __future__ import annotations

from dataclasses import replace

from kg.extract.base import Context
from kg.extract.phrases import QUOTE_CLOSE, QUOTE_OPEN
from kg.extract.segment import Segmenter
from kg.model import Article, EntityType, Mention, label_form

SEARCHED = (EntityType.PROGRAMME, EntityType.LECTURE_GROUP, EntityType.ORGANIZATION)
MIN_CHARS = 3


class RecurrenceExtractor:
    name = "recurrences"

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def extract(self, article: Article, context: Context) -> list[Mention]:
        text = article.text
        owners: dict[str, set] = {}
        first: dict[str, Mention] = {}
        for m in context.mentions:
            for name in {label_form(m.surface), *m.labels}:
                owners.setdefault(name, set()).add(m.key)
                if m.type in SEARCHED:
                    first.setdefault(name, m)
        names = sorted((n for n, m in first.items()
                        if len(n) >= MIN_CHARS and len(owners[n]) == 1), key=len, reverse=True)
        if not names:
            return []
        tokens = self.segmenter.tokens(text)
        starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
        taken = [(m.start, m.end) for m in context.mentions]
        out: list[Mention] = []
        for name in names:
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                quoted = text[at - 1:at] in QUOTE_OPEN and text[end:end + 1] in QUOTE_CLOSE
                free = not any(s < end and at < e for s, e in taken)
                if free and (quoted or (at in starts and end in ends)):
                    m = first[name]
                    out.append(replace(m, surface=name, start=at, end=end,
                                       sentence=article.sentence_at(at) if article.sentences else 0,
                                       extractor=self.name))
                    taken.append((at, end))
                at = text.find(name, end)
        return out
