"""Figures: the numbers an article claims, attached to what they are about.

理论宣讲70余场次 → 70, 场次, approximate, counts 理论宣讲; 22个重点项目签约139亿元 →
22 个 (重点项目) and 139 亿元; 惠及基层干部群众近万人次 → 10000 人次, approximate.
The figure is about the nearest programme, lecture group, organisation or
division before it in the sentence (else the last programme or group of the
previous sentence: 开展大讨论百余场 after “5+12+N”大讨论), else the article's topic:
the programme or group it names most, else its main place (目前已开展宣讲124场, many
sentences after the last name).
"""
from __future__ import annotations

import re

from kg.extract.base import Context
from kg.extract.owners import article_topic, owner_for
from kg.extract.phrases import GUESSED
from kg.extract.segment import Segmenter
from kg.extract.text import FOLK_ARTS
from kg.model import Article, EntityType, Figure, Mention

UNITS = ("场次", "人次", "万元", "亿元", "余人", "场", "次", "个", "项", "名", "人", "支", "家", "户",
         "期", "篇", "条", "所", "处", "元", "%", "％", "堂", "课", "批", "件", "节", "天", "小时",
         "份", "册", "幅")
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
FIGURE = re.compile(
    r"(?P<pre>近|约|超过|逾|超|将近|接近|达|共)?"
    r"(?P<num>[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+)?"
    r"(?P<suf>余|多)?(?P<mult>万|亿)?(?P<suf2>余|多)?"
    r"(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + ")")
APPROX_BEFORE = {"近", "约", "超过", "逾", "超", "将近", "接近"}
ABOUT = (EntityType.PROGRAMME, EntityType.LECTURE_GROUP, EntityType.ORGANIZATION, EntityType.DIVISION)
# Words that read as a count but name something: folk arts (二人台, 三句半), sayings.
NOT_COUNTS = (*FOLK_ARTS, "三人行", "两人一组", "十八般", "千家万户", "万户千家",
              "千村万户", "万家灯火", "千方百计", "千言万语", "成千上万", "千千万万", "万众一心", "千军万马")
# Before a name, what makes it the means of a clause, not its subject.
MEANS = re.compile(r"(?:通过|依托|利用|借助|运用|用好)[^，,。；;！？]{0,24}$")
# What a count of the parts of a talk or text counts: 七个方面, 三个层面.
DISCOURSE = ("方面", "部分", "层面", "维度", "角度", "环节", "要点")
# A lone round number word before homes or people, after a verb of reaching: 进万家.
FIGURATIVE = re.compile(r"[百千万](?:家|户|人)")
# People doing something right now: a scene the reporter saw, not a figure claimed.
SCENE = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:正在|正|纷纷|围坐|齐聚)")
# A clause about a whole place, named relatively: 全区共组建…, 目前我县已建成….
WHOLE_PLACE = re.compile(r"[“”]?(?:目前|截至目前|今年|去年|全年|近年来|此外|同时|已)?(?:共|累计)?"
                         r"(?:全|我)([省市州县区旗镇乡])(?!委|政府)")
# A round number word before an activity is part of its name (百场宣讲活动, 千场宣讲进基层).
NAME_COUNT = re.compile(r"[十百千万]+[场人次个支名]?(?=宣讲|活动|巡讲|讲座|故事|培训|进)")
# Before a place, a verb of going makes it where the claim happened, not who claims it.
GOING_BEFORE = re.compile(r"(?:深入|走进|走入|来到|前往|奔赴|赴|到|进入|遍及|覆盖)(?:了|到)?$")
COUNTED_AFTER = re.compile(r"[\u4e00-\u9fff]{2,6}?(?=[,，、。；;和与及等（(]|$)")


def chinese_number(text: str) -> int | None:
    """一百二十 → 120, 百 → 100, 两千 → 2000, 十几 → None (not a number)."""
    if not text:
        return None
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None:
                return None  # 十二三: a range, not a number
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (digit if digit is not None else 1) * CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def parse(m: re.Match) -> tuple[int | float, str, bool] | None:
    """(value, unit, approximate) of a FIGURE match, or None when it is no figure."""
    num, mult, unit = m.group("num"), m.group("mult"), m.group("unit")
    if num is None and mult is None:
        return None
    if num is None:
        value: float = 1
    elif num[0].isdigit():
        value = float(num)
    else:
        n = chinese_number(num)
        if n is None:
            return None
        value = n
    if mult and unit in ("元",):  # 139亿元: money keeps its scale in the unit
        unit = mult + unit
    elif mult:
        value *= 10000 if mult == "万" else 100000000
    if unit == "余人":
        unit, suffix = "人", True
    else:
        suffix = bool(m.group("suf") or m.group("suf2"))
    approximate = suffix or m.group("pre") in APPROX_BEFORE
    value = int(value) if float(value).is_integer() else round(value, 4)
    return value, unit, approximate


class FigureExtractor:
    name = "figures"

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def extract(self, article: Article, context: Context) -> list[Figure]:
        text = article.text
        targets = sorted((m for m in context.mentions if m.type in ABOUT), key=lambda m: m.start)
        taken = [(m.start, m.end) for m in context.mentions]
        tokens = self.segmenter.tokens(text)
        starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
        guessed_starts = {t.start for t in tokens if t.pos in GUESSED and len(t.text) > 1}
        runners = self._runners(context)

        def in_list(t: Mention) -> bool:  # an item of a list: A、B等
            return text[t.end:t.end + 1] in ("等", "、") or text[t.start - 1:t.start] == "、"
        out: list[Figure] = []
        previous: tuple[Figure, Mention] | None = None
        for m in FIGURE.finditer(text):
            parsed = parse(m)
            if parsed is None:
                continue
            start = m.start("num") if m.group("num") else m.start("mult")
            if SCENE.match(text, m.end()):
                continue  # 二十多个村民正热火朝天地翻田: a scene, not a claim
            if any(0 <= (i := text.find(w, max(0, start - len(w) + 1), start + len(w))) <= start
                   for w in NOT_COUNTS):
                continue  # 二人台 (a folk art) is no count of people
            if any(s <= start < e for s, e in taken):
                continue  # inside a name: “5+12+N”, 十九大
            if text.startswith(DISCOURSE, m.end()):
                continue  # 从七个方面解读: how a talk is laid out, no claim
            if FIGURATIVE.match(text, start) and re.search(r"(?:进|入|到|暖|惠|润|走进|飞入)$", text[max(0, start - 2):start]):
                continue  # 宣讲进万家, 惠及千家: a saying, no count
            if text[start - 1:start].isdigit() or text[start - 1:start] == "第" \
                    or text[m.end():m.end() + 1] in ("年", "月", "日", "号", "时"):
                continue  # an ordinal or a date, not a count
            value, unit, approximate = parsed
            approximate = approximate or text.startswith("左右", m.end())  # 5场左右
            pre = m.group("pre")
            if pre and m.start() not in starts:  # 签约139亿元: 约 belongs to 签约
                approximate = approximate and pre not in APPROX_BEFORE or bool(
                    m.group("suf") or m.group("suf2"))
            if m.end() not in ends and re.match(r"[\u4e00-\u9fff]", text[m.end():m.end() + 1]) \
                    and not (m.start("unit") in guessed_starts):
                continue  # 二人台 (a folk art), 三人行: the unit is inside a longer word (but
                # 58|支民/nr|语宣讲队: jieba's name guess glued the classifier on)
            if m.group("num") and not (m.group("suf") or m.group("suf2")) \
                    and re.fullmatch(r"[十百千万]+", m.group("num") + (m.group("mult") or "")) \
                    and NAME_COUNT.match(text, start):
                continue  # 百场宣讲活动: a round number in an activity's name, no claim
            if value == 1 and unit not in ("%", "％", "亿元", "万元", "元"):
                continue  # 一场特殊的宣讲, 一支宣讲团: an article, not a claim
            sentence = article.sentence_at(m.start())
            clause = self._clause_start(text, article, start)
            about = self._counted_entity(text, targets, m.end())
            if about is None and not any(clause <= t.start and t.end <= start for t in targets):
                # no entity in the figure's own clause: …组建宣讲团等23个,宣讲员462名
                # continues the figure before it; 各支队伍共有志愿者4.4万人 is about
                # the body whose teams they are, the subject of the sentence
                if previous is not None and previous[0].sentence == sentence \
                        and not any(previous[0].end <= t.start < start for t in targets):
                    about = previous[1]
                elif re.match(r"[“”]?(?:各|全体|所有)", text[clause:start]):
                    about = self._subject(text, article, targets, sentence)
                elif whole := WHOLE_PLACE.match(text, clause, start):
                    # 全区共组建…20支: the district's; but 全区各单位开展大讨论百余场 after
                    # “5+12+N”大讨论 counts that programme, which the clause names again
                    recent = self._about(article, targets, start)
                    named = recent is not None and recent.type is EntityType.PROGRAMME \
                        and any(label[-3:] in text[clause:start] for label in
                                (n for m in context.mentions if m.key == recent.key for n in m.labels))
                    about = recent if named else owner_for(whole.group(1), context)
            about = about or self._about(article, targets, start)
            if about is None:
                continue
            listed = in_list(about)
            if listed and re.search(r"[，,；;。]", text[about.end:start]):
                # a list named clauses before (组建了A、B等,…,开展宣讲90余次): not what is
                # counted; the claim is about what the clauses go on with
                rest = [t for t in targets if not in_list(t)]
                about = self._about(article, rest, start) or next(
                    (t for t in reversed(rest) if t.end <= start and t.type is EntityType.PROGRAMME
                     and sentence - 5 <= t.sentence), None)  # the programme the story is on
                if about is None:
                    continue
                listed = False
            if listed:
                # 百姓宣讲团、驻地高校宣讲团等23个: it counts the list, so it is a claim
                # of whoever runs the list; 市委党校、…、市民政局等19家 has no one
                about = runners.get(about.key)
                if about is None:
                    continue
                counts = None  # the list itself is what is counted
            else:
                counts = self._counted(text, about, start, m.end())
            figure = Figure(about=about.key, value=value, unit=unit, approximate=approximate,
                            counts=counts,
                            surface=text[m.start():m.end()], start=m.start(), end=m.end(),
                            sentence=sentence, extractor=self.name)
            out.append(figure)
            previous = (figure, about)
        return out

    @staticmethod
    def _runners(context: Context) -> dict:
        """target key -> a mention of the body that runs it (from the relations found)."""
        mention = {m.key: m for m in context.mentions}
        return {r.tail: mention[r.head] for r in context.relations
                if r.predicate == "runs" and r.head in mention}

    @staticmethod
    def _clause_start(text: str, article: Article, position: int) -> int:
        sentence = article.sentences[article.sentence_at(position)].start if article.sentences else 0
        return max(sentence, *(text.rfind(p, sentence, position) + 1 for p in ",，；;：:"))

    @staticmethod
    def _subject(text: str, article: Article, targets: list[Mention], sentence: int) -> Mention | None:
        """The body a sentence opens a clause with (近年来,北川县新时代文明实践中心组织…)."""
        ms = [t for t in targets if t.sentence == sentence]
        ms = [t for t in ms if not any(o is not t and o.start <= t.start and t.end <= o.end
                                       and o.end - o.start > t.end - t.start for o in ms)]
        if not ms or ms[0].type not in (EntityType.ORGANIZATION, EntityType.DIVISION) \
                or text[ms[0].end:ms[0].end + 1] == "的":
            return None  # 玉皇村的乡村振兴车间是…: the place only qualifies the subject
        first = ms[0]
        start = article.sentences[sentence].start if article.sentences else 0
        lead = text[start:first.start]
        return first if re.fullmatch(r"(?:[^,，；;]*[,，])?[“]?", lead) and len(lead) <= 12 else None

    @staticmethod
    def _counted_entity(text: str, targets: list[Mention], end: int) -> Mention | None:
        """组建300余人的“蒲公英”基层宣传队, 96支采茶戏理论“小剧团”: the number counts the
        group named right after it (members or units), so it is a figure about it."""
        for t in targets:
            if t.start >= end:
                gap = text[end:t.start]
                if len(gap) <= 12 and not re.search(r"[，,。；;：:]", gap) \
                        and (t.type in (EntityType.LECTURE_GROUP, EntityType.ORGANIZATION)
                             or re.search(r"组成的[“‘]?$", gap)):  # 150名宣讲员组成的“康康讲堂”
                    return t
                return None
        return None

    def _about(self, article: Article, targets: list[Mention], position: int) -> Mention | None:
        sentence = article.sentence_at(position)
        text = article.text
        # the means a clause names (通过“某某”平台推送文章300篇) is not who claims it
        before = [t for t in targets if t.end <= position and t.sentence == sentence
                  and not MEANS.search(text, max(0, t.start - 30), t.start)
                  and not (t.type is EntityType.DIVISION
                           and GOING_BEFORE.search(text, max(0, t.start - 4), t.start))]  # 深入某县…
        if before:
            preferred = [t for t in before if t.type in (EntityType.PROGRAMME, EntityType.LECTURE_GROUP)]
            if preferred:
                return preferred[-1]
            if before[-1].start >= self._clause_start(article.text, article, position):
                return before[-1]
            # a body or place in an earlier clause is the claim's only if it is the
            # sentence's subject (…车间是…与铜梁区政府成立的龙文化传媒公司合作共建的…,
            # 吸纳了30余名妇女: the workshop employs them, not the company)
            return self._subject(article.text, article, targets, sentence)
        # 目前全区共查摆问题295个: the programme of the last sentence or the one before
        previous = [t for t in targets if sentence - 2 <= t.sentence < sentence
                    and t.type in (EntityType.PROGRAMME, EntityType.LECTURE_GROUP)]
        return previous[-1] if previous else article_topic(targets, position)

    @staticmethod
    def _counted(text: str, about: Mention, start: int, end: int) -> str | None:
        """What is counted: the noun after a classifier (22个重点项目) or the verb
        phrase between the entity and the number (开展理论宣讲70余场次)."""
        after = COUNTED_AFTER.match(text, end)
        if text[end - 1:end] in "个项支家名所批件" and after:
            # 30名成员组成: what is counted, without the verb that follows it
            return re.sub(r"(?:组成|参加|参与|参赛|加入|入选)$", "", after.group()) or None
        between = text[about.end:start]
        between = re.split(r"[,，、。；;]", between)[-1]
        verb = None
        for verb in re.finditer(r"开展|举办|组织|进行|完成|举行|培训|召开|签约|惠及|覆盖|服务|组建|建成|建立|成立|培育|招募|吸纳|投入|筹集|拨付|深入|走进|发放|印发|制作", between):
            pass
        if verb is not None:  # 在全区开展|理论宣讲; 活动共举办|80余场 counts nothing named
            between = between[verb.end():]
        between = between.lstrip("”’」』》) \u3000")  # “红色讲堂”|已举办200期
        between = re.sub(r"^(?:[一二三四五六七八九十两多0-9]+年来|近年来|今年以来)", "", between)
        between = re.sub(r"^(?:其中|全[省市州县区旗镇乡]|现有|还|也|又|共|累计|已|先后|目前|全年|今年|开展|举办|组织|完成|进行|达到|达"
                         r"|了|着|过|拥有|共有|有)+", "", between)  # 印发了|手册, 有|队员
        between = re.sub(r"(?:共|累计|达|近|约|超过|逾|超)+$", "", between)
        if between.endswith("等"):
            return None  # 成员包括大学生村官、返乡创业青年等45人: a list's tail, not what is counted
        return between if 2 <= len(between) <= 10 and not re.search(r"[0-9]", between) else None
