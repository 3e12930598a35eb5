"""Relations between entities, each with the sentence that states it.

* runs — an organisation or division organises a programme or lecture group:
  an actor, then a verb of running (开展, 举办, 组建 …), then the programme, in one
  sentence (辽中区…开展“5+12+N”大讨论); an actor directly before a programme
  (东丽区“理论超市”进基层活动); co-organisers (区委宣传部与《求知》杂志社联合举办…)
  each run it and co-organise with each other.
* belongsTo — a body or group whose owner was resolved (区委党校 → 辽中区), and
  a lecture group a division organises.
* promotes — a programme named after a slogan (5+12+N大讨论 → 5+12+N); an actor
  that adopts a slogan (东丽区…打造“四个一”工作体系).
* participatesIn — a person or body that takes part (出席, 参加) in a programme.

A year that dates the sentence (2015年, …) qualifies its relations.

What no clause states is read from the article's topic, marked as such (extractor
``relations.topic``): a slogan nobody promotes is the topic programme's (else the
main place's), a programme or group nobody runs is the topic body's or place's.
"""
from __future__ import annotations

import re
from typing import Iterable

from kg.extract.base import Context
from kg.extract.owners import article_topic, main_division, owner_for
from kg.extract.phrases import token_index
from kg.extract.segment import Segmenter
from kg.model import Article, EntityType, Mention, Relation

ACTORS = (EntityType.ORGANIZATION, EntityType.DIVISION)
TOPIC = "relations.topic"  # the extractor of statements read from the article's topic
PROMOTERS = (*ACTORS, EntityType.LECTURE_GROUP, EntityType.PROGRAMME)
RUN_TARGETS = (EntityType.PROGRAMME, EntityType.LECTURE_GROUP)
RUN_VERBS = re.compile(r"联合举办|联合主办|共同举办|共同主办|开展|举办|举行|召开|开设|组建|成立|启动|组织|推出|"
                       r"打造|实施|承办|主办|发起|设立|创办|培育|建立|开办|推行|牵头|创建|搭建|"
                       r"开通|筹建|组成|启用")
ADOPT_VERBS = re.compile(r"打造|构建|推进|践行|坚持|落实|贯彻|推动|实施|推行|开展|围绕|按照|以|学习|"
                         r"宣传|宣讲|深化|提出|聚焦|紧扣|突出|树立|秉持|秉承|做到|倡导|弘扬|"
                         # standing by, setting and spreading a formula (拥护“两个确立”,
                         # 市委确定的“九大战略”, 唱响“…”)
                         r"拥护|维护|树牢|牢记|锚定|对标|确定|部署|作出|用好|抓好|唱响|叫响|擦亮|打响|推广|"
                         # working by a formula: 实行“群众点单…”, 形成了“三讲一唱”的模式
                         r"实行|形成|确立|探索|采取|采用|遵循|总结|提炼")
# Slogans listed one after the other share who promotes them: 围绕“A”“B”和“C”.
SLOGAN_LIST_LINK = re.compile(r"^[”’]?\s*(?:、|和|与|及|以及|，)?\s*[“‘]?$")
# Verbs after which a dropped subject is the article's topic: 组建300余人的“蒲公英”基层宣传队.
TOPIC_VERBS = re.compile(r"开设|开展|举办|组建|成立|启动|推出|设立|创办|打造|搭建|创建|开通")
# What news media's names end with: a headline opening with one names the medium.
MEDIA_ENDINGS = ("网", "报", "报社", "日报社", "电视台", "广播电视台", "客户端", "新闻", "频道", "通讯社",
                 "新华社", "中新社", "融媒体中心")
JOIN_VERBS = re.compile(r"出席|参加|参与|加入|观看|聆听")
CO_LINK = re.compile(r"^\s*(?:与|和|同|会同|、|以及|及|联合|携手)\s*$")  # 宣传部联合区妇联开展…
# an ASCII ? inside Chinese text is a character lost in scraping, as in kg.ingest.sentences
# 由X主办的Y: X runs Y.
BY_ACTOR = re.compile(r"^(?:联合|共同)?(?:主办|举办|承办|组织|带来|发起|开展|牵头|策划|打造|推出|"
                      r"组建|成立|创办|创建|设立|开设)的[“‘]?$")
# Facts that hold whatever the year (a body belongs to its district; a year in the
# sentence dates what the body did, not that).
UNDATED = ("belongsTo", "partOf")
# What a division may own: bodies and groups (a programme is run, not owned).
OWNED = (EntityType.ORGANIZATION, EntityType.LECTURE_GROUP)
# Nouns that end in a verb of running: 组织 of these is an organisation.
ORGANISATION_WORDS = ("党组织", "团组织", "社会组织", "基层组织", "群团组织", "妇联组织", "各级组织")
# A post title right after a body: the body is part of a person's title (…党委书记张三说).
TITLE_AFTER = re.compile(r"(?:党委|党组)?(?:副?书记|副?部长|副?主任|副?局长|副?镇长|副?乡长|副?县长|副?区长|"
                         r"副?市长|常委|副?主席|委员|副?团长|副?队长|副?校长|副?院长)")
# A sentence that goes on with a list of measures: 一是…, 其次…, 此外….
ENUMERATION = re.compile(r"\s*(?:[一二三四五六七八九十]是|首先|其次|再次|此外|同时|另外|最后|"
                         r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])")
# “X”活动由A、B共同承办: a programme, then the bodies that run it.
PASSIVE = re.compile(r"[”’]?(?:活动|行动|工作)?[，,]?(?:将|均|主要)?由(?P<list>[^。；;！？，,]{2,50}?)"
                     r"(?:联合|共同)?(?:主办|承办|举办|组织|发起|牵头|实施|开展|负责)")
# A group, then the verb that divides it into units: 某宣讲团下设…, …组成，分设….
SUB_UNITS = re.compile(r"[”’]?[^。；;！？]{0,30}?(?:下设|下辖|分设|设有|分为)")
# …，由A联合B共同组建: the clause that names who founded or runs the sentence's subject.
PASSIVE_LATER = re.compile(r"[，,](?:[^，,。；;！？]{0,6}?[，,])?(?:将|均|主要)?由(?P<list>[^。；;！？，,]{2,50}?)"
                           r"(?:联合|共同)?(?:主办|承办|举办|组织|发起|牵头|实施|开展|负责|组建|成立|创办|"
                           r"创建|打造|推出|设立)")
# 本次大赛由A、B主办，C承办，D、E协办: the event named before, by its kind, and its hosts.
ANAPHOR_HOSTS = re.compile(r"(?:本次|此次|这次|本届|此届|该)(?P<kind>[\u4e00-\u9fff]{0,6}?"
                           r"(?:大赛|比赛|活动|论坛|评选|展演|赛事|晚会|宣讲会|读书会|大会|行动))由")
HOST_CLAUSE = re.compile(r"(?P<list>[^。；;！？，,]{2,60}?)(?:联合|共同)?(?:主办|承办|协办|联办)(?=[，,。；;]|$)")
# 由A、B主办， before the body that 承办s: the hosts of what that body carries out.
HOSTS = re.compile(r"由[^由。；;！？]{2,40}?(?:联合|共同)?主办[，,]$")
# 在 opening a place phrase that runs up to the actor (no verb or comma between).
LOCATIVE = re.compile(r"在[^,，；;。、“”]{2,28}$")
# A member inside 由…组成的: 组建由市委讲师团、市委党校…组成的宣讲团.
MEMBER_OF = re.compile(r"由[^，,。；;由]*$")
MADE_UP = re.compile(r"[^，,。；;]{0,20}?(?:组成|构成)")
CLAUSE_BREAK = re.compile(r"[；;。!！？]|(?<!\?)\?(?![?\u4e00-\u9fff])")
# Verbs jieba's dictionary tags as nouns (利用 n), besides the verbs above.
VERBISH = re.compile("|".join((RUN_VERBS.pattern, ADOPT_VERBS.pattern, JOIN_VERBS.pattern,
                               r"利用|借助|依托|通过|结合|走进|深入|用|让|使")))
# An actor right after one of these is an object, not the subject that acts:
# 发挥区委理论学习中心组龙头带动作用…打造“四个一” is done by 东丽区.
OBJECT_MARKERS = ("发挥", "依托", "围绕", "按照", "根据", "结合", "通过", "在", "对", "向", "为", "由",
                  "整合", "汇聚", "集结", "调动", "发动", "选派", "抽调", "吸纳",
                  "走进", "走入", "来到", "前往", "深入",
                  "贯彻", "落实", "学习", "参照", "和", "联系", "邀请", "面向", "协助", "配合",
                  "深化", "推广", "用好", "借助", "利用", "应用", "使用",  # 深化“学习强国”平台应用
                  "交给", "赋予", "给予", "寄予")  # 总书记交给内蒙古的五大任务: a recipient
YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年(?![0-9]|以来|起|开始|度)")


def _others_committee(name: str, topic: str) -> bool:
    """省委讲师团 in an article about a county: a committee of another level named
    relatively (its own place unnamed) is not the county's."""
    return len(name) > 2 and name[1] == "委" and name[0] in "省市州县区旗" and not topic.endswith(name[0])


class RelationExtractor:
    name = "relations"

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def extract(self, article: Article, context: Context) -> list[Relation]:
        out: dict[tuple, Relation] = {}
        by_sentence: dict[int, list[Mention]] = {}
        for m in context.mentions:
            by_sentence.setdefault(m.sentence, []).append(m)

        def add(predicate: str, head: Mention, tail: Mention, start: int, end: int,
                qualifiers: tuple = (), extractor: str = self.name) -> None:
            if head.key == tail.key:
                return
            key = (predicate, head.key, tail.key, start, end)
            if key not in out:
                year = self._year(article, article.sentence_at(start), start, end) \
                    if predicate not in UNDATED else None
                quals = qualifiers + ((("year", year),) if year else ())
                out[key] = Relation(predicate, head.key, tail.key, start, end,
                                    article.sentence_at(start), extractor, quals)

        topic = self._topic(article, context)
        # 我市开展…: "our city" is the city the article is about
        we = {level: owner_for(level, context) for level in "省市州县区旗镇乡"}
        # sentence -> the last sentence at or before it that names the topic
        topic_seen: dict[int, int] = {}
        if topic is not None:
            # sentences that name the topic, or a body of its own (湘潭县委宣讲团), or go on
            # with its list of measures (一是…, 二是…): the topic stays the subject there
            named = {m.sentence for m in context.mentions if topic.key in (m.key, m.owner)}
            named |= {k for k, sp in enumerate(article.sentences)
                      if ENUMERATION.match(article.text, sp.start)}
            last = -9
            for index in range(len(article.sentences)):
                last = index if index in named else last
                topic_seen[index] = last
        for index, ms in by_sentence.items():
            ms.sort(key=lambda m: (m.start, -m.end))  # a name before what it contains
            # a place inside a name (辽中 in 我为辽中…献良策活动) is no actor of the sentence
            ms[:] = [m for m in ms if m.type not in ACTORS or not any(
                o is not m and o.start <= m.start and m.end <= o.end
                and o.end - o.start > m.end - m.start for o in ms)]
            sentence_start = article.sentences[index].start if article.sentences else 0
            self._runs(article.text, ms, add, topic, topic_seen, sentence_start, we)
            self._hosts_of_this(article.text, ms, context.mentions, add, sentence_start)
            self._promotes(article.text, ms, add, topic, topic_seen, sentence_start, we)
            self._participates(article.text, ms, add)
        self._belongs(context.mentions, add)
        self._sub_units(article.text, context.mentions, add)
        self._described_by(article.text, context.mentions, add)
        self._named_after(context.mentions, add)
        self._promoted_by_topic(context.mentions, out, add)
        self._run_by_topic(context.mentions, topic, out, add)
        return list(out.values())

    @staticmethod
    def _run_by_topic(mentions, topic: Mention | None, out: dict, add) -> None:
        """A programme or lecture group no clause gives a runner to is run by the body or
        place the article is about (its headline's body, else its main division), marked
        as the topic's (extractor TOPIC)."""
        if topic is None or topic.type not in ACTORS or topic.canonical.endswith(MEDIA_ENDINGS):
            return  # (a medium reports; it runs what it reports on only where a clause says so)
        # what a clause gives a runner to, and what belongs to a body or place (辽宁省委宣讲团
        # is its own): neither is the topic's
        done = {key[2] for key in out if key[0] in ("runs", "coOrganizes")}
        done |= {key[1] for key in out if key[0] == "belongsTo"}
        for m in mentions:
            if m.type in RUN_TARGETS and m.key not in done and m.key != topic.key \
                    and m.owner is None and not _others_committee(m.canonical, topic.canonical):
                done.add(m.key)
                add("runs", topic, m, m.start, m.end, extractor=TOPIC)

    @staticmethod
    def _promoted_by_topic(mentions, out: dict, add) -> None:
        """A slogan no clause gives a promoter to is carried by what the article is about:
        the programme or lecture group it names most (at least twice), else its main place.
        A weaker claim than a clause's, so its evidence says so (extractor TOPIC): a query
        can leave such statements out."""
        promoted = {key[2] for key in out if key[0] == "promotes"}
        topic = article_topic(mentions)
        if topic is None:
            return
        for m in mentions:
            if m.type is EntityType.SLOGAN and m.key not in promoted and m.key != topic.key:
                promoted.add(m.key)
                add("promotes", topic, m, m.start, m.end, extractor=TOPIC)

    @staticmethod
    def _topic(article: Article, context: Context) -> Mention | None:
        """What the article is about: the body its headline opens with
        (呈贡区委宣传部党支部:“四个坚持”…), else its main division."""
        title = article.metadata.title
        body = 0
        if title and article.text.startswith(title):
            body = len(title)
            first = min((m for m in context.mentions if m.start < len(title)),
                        key=lambda m: (m.start, -m.end), default=None)
            if first is not None and first.start == 0 and first.type is EntityType.ORGANIZATION \
                    and not first.canonical.endswith(MEDIA_ENDINGS):
                return first  # (中新网福建新闻: a page's header names the medium, no topic)
        # the body that opens the lead's main clause: 近日,市妇联在丹徒区…启动…
        text = article.text
        if title:  # the body starts after the headline, wherever the page repeats it
            at = text.rfind(title, 0, 600)
            body = max(body, at + len(title) if at >= 0 else 0)
        lead = next((sp for sp in article.sentences if sp.start >= body and sp.end - sp.start >= 20
                     and "来源" not in text[sp.start:sp.end]
                     and any(m.start >= sp.start and m.end <= sp.end for m in context.mentions)), None)
        if lead is not None:
            ms = sorted((m for m in context.mentions if lead.start <= m.start < lead.end),
                        key=lambda m: (m.start, -m.end))
            ms = [m for m in ms if not any(o is not m and o.start <= m.start and m.end <= o.end
                                           and o.end - o.start > m.end - m.start for o in ms)]
            for k, m in enumerate(ms):  # the first body or place that opens a clause
                if m.type not in ACTORS or re.match(r"[(（]?(?:消息|讯|记者|报道|电|通讯员)",
                                                     text[m.end:]):
                    continue  # (a dateline's 赤壁网消息 is no subject)
                before = text[lead.start:m.start]
                if not before.strip() or before[-1] in ",，" \
                        or re.search(r"(?:消息|讯|电)[)）]?[ \u3000]+$", before):  # 本报讯 眉山市…
                    nxt = ms[k + 1] if k + 1 < len(ms) else None
                    if m.type is EntityType.DIVISION and nxt is not None and nxt.start == m.end \
                            and nxt.type is EntityType.ORGANIZATION:
                        m = nxt  # 眉山市东坡区委宣传部近年来…: the body, not its city
                    if m.type is EntityType.ORGANIZATION:
                        return m
                    break
        return main_division(context)

    @staticmethod
    def _year(article: Article, sentence: int, start: int, end: int) -> str | None:
        """The one year that dates a fact: one opening its sentence (2019年,东坡区开展…)
        or one inside the clauses of its evidence (…创办于2015年); a year in another
        clause dates that clause (…,2021年举办了1万多场宣讲 does not date the group)."""
        if not article.sentences:
            return None
        text, span = article.text, article.sentences[sentence]
        years = {m.group(1) for m in YEAR.finditer(text, span.start, span.end)}
        if len(years) != 1:
            return None
        first = re.split(r"[,，;；]", text[span.start:span.end], maxsplit=1)[0]
        lo = max(span.start, *(text.rfind(p, span.start, start) + 1 for p in ",，;；"))
        hi = min([span.end, *(i for p in ",，;；" if (i := text.find(p, end, span.end)) >= 0)])
        if YEAR.search(first) or YEAR.search(text, lo, hi):
            return years.pop()
        return None

    def _verb_token(self, text: str, start: int, end: int) -> int | None:
        """Where the first verb of running in ``text[start:end]`` starts, if it is a word
        of its own (组织 of 党组织 is not)."""
        tokens = self.segmenter.tokens(text)
        for m in RUN_VERBS.finditer(text, start, end):
            i = token_index(tokens, m.start())
            if i < len(tokens) and tokens[i].start == m.start() and tokens[i].end == m.end():
                return m.start()
        return None

    @staticmethod
    def _dropped(text: str, sentence_start: int, verb_at: int, we: dict) -> Mention | None:
        """The place a clause names as 我市/该镇/本县… before its verb, or 全镇 opening it."""
        clause_start = max(sentence_start, *(text.rfind(p, sentence_start, verb_at) + 1 for p in ",，"))
        ours = re.match(r"[“”]?(?:今年|目前|近年来|近日|此外|同时|截至目前)?(?:以来)?(?:[我该本]|全)"
                        r"([省市州县区旗镇乡])(?!委|政府|长)", text[clause_start:verb_at]) \
            or re.search(r"[我该本]([省市州县区旗镇乡])(?!委|政府|长)", text[clause_start:verb_at])
        return we.get(ours.group(1)) if ours else None

    def _runs(self, text: str, ms: list[Mention], add, topic: Mention | None,
              topic_seen: dict[int, int], sentence_start: int, we: dict) -> None:
        last: tuple[Mention, list[Mention]] | None = None  # the last target run, and by whom
        for i, target in enumerate(ms):
            if target.type not in RUN_TARGETS:
                continue
            if MEMBER_OF.search(text, sentence_start, target.start) \
                    and MADE_UP.match(text, target.end):
                continue  # 组建由市委讲师团、…组成的宣讲团: a member of what is founded
            if TITLE_AFTER.match(text, target.end):
                continue  # …,州委讲师团副团长某某宣讲: the group names a person's post
            # 今年该镇还成立了…, 我县组建…: the clause names its own subject as "this place"
            clause_at = max(sentence_start, *(text.rfind(p, sentence_start, target.start) + 1
                                              for p in ",，；;"))
            verb = self._verb_token(text, clause_at, target.start)
            ours = self._dropped(text, sentence_start, verb, we) if verb is not None else None
            actors = [ours] if ours is not None else self._actors_before(text, ms, i, RUN_VERBS)
            if not actors and last is not None and self._coordinated(text, last[0], target) \
                    and not any(m.type in ACTORS and last[0].end <= m.start and m.end <= target.start
                                for m in ms):
                # 组建百姓宣讲团、驻地高校宣讲团: one verb, two objects (but 甲街道“甲讲堂”、
                # 乙街道“乙夜校”: a body of its own before the next is its owner, not a list)
                actors = last[1]
            actors = actors + [a for a in self._passive(text, ms, target) if a not in actors]
            for actor in actors:
                # the evidence is the target's sentence; an actor carried from an
                # earlier sentence (the article's topic) is not part of the span
                same = actor.sentence == target.sentence
                start = min(actor.start, target.start) if same else target.start
                end = max(actor.end, target.end) if same else target.end  # (由A承办: A after)
                add("runs", actor, target, start, end)
                if target.type is EntityType.LECTURE_GROUP and actor.type is EntityType.DIVISION:
                    add("belongsTo", target, actor, start, target.end)
            if len(actors) > 1:  # 区委宣传部与《求知》杂志社联合举办…: each co-organises it
                near = [a for a in actors if a.sentence == target.sentence]
                start = min([target.start, *(a.start for a in near)])
                end = max([target.end, *(a.end for a in near)])
                for actor in actors:
                    add("coOrganizes", actor, target, start, end)
            if not actors and i > 0:  # 东丽区“理论超市”, 市妇联的“巾帼讲堂”: an actor right before
                prev = ms[i - 1]
                if prev.type in ACTORS and prev.end <= target.start \
                        and text[prev.end:target.start].strip("“”‘’ ") in ("", "的") \
                        and not (text[prev.end:target.start].strip("“”‘’ ") == "的"
                                 and prev.type is EntityType.DIVISION):  # 东坡区的“…”: where
                    add("runs", prev, target, prev.start, target.end)
                    actors = [prev]
            if not actors and topic is not None:
                # 开设的“振兴大讲堂”: no subject in the sentence; Chinese drops the
                # article's topic, so the division the article is about runs it.
                clause_at = max(sentence_start, target.start - 14)
                clause = text[clause_at:target.start]
                verb = None
                for verb in TOPIC_VERBS.finditer(clause):
                    pass
                # blocked by a subject of its own (an actor that is no object: 依托县…中心,
                # 打造… is still the topic's), and by a distributive or modal clause (各县
                # (区)委宣传部可…打造…: an instruction to others, not what the topic did)
                subject = any(m.type in ACTORS and m.start < target.start and not text[
                    max(0, m.start - 4):m.start].strip("“‘ ").endswith(OBJECT_MARKERS) for m in ms)
                before = text[sentence_start:clause_at + verb.start()] if verb is not None else ""
                others = re.match(r"\s*(?:[^，,]{0,8}[，,])?各", before) \
                    or re.search(r"[可应须]参照|可以|应当|必须", before)
                if verb is not None and not re.search(r"[,，、]", clause[verb.end():]) \
                        and not subject and not others:
                    ours = self._dropped(text, sentence_start, clause_at + verb.start(), we)
                    if ours is not None or target.sentence - 3 <= topic_seen.get(target.sentence, -9):
                        add("runs", ours or topic, target, target.start, target.end)
                        actors = [ours or topic]
            if actors:
                last = (target, actors)

    @staticmethod
    def _hosts_of_this(text: str, ms: list[Mention], mentions: tuple[Mention, ...], add,
                       sentence_start: int) -> None:
        """本次大赛由A、B主办，C承办: the hosts of each clause run the event the article
        named before by the same kind (…理论宣讲大赛), the last programme for 活动."""
        named = [m for m in ms if m.extractor != "anaphora"]  # (本次大赛 may be one itself)
        if not named:
            return
        lo = min(m.start for m in named)
        m = ANAPHOR_HOSTS.search(text, sentence_start, lo + 1)
        if m is None or m.end() > lo:
            return
        kind = m.group("kind")
        before = [p for p in mentions if p.type is EntityType.PROGRAMME and p.end <= m.start()]
        same = [p for p in before if p.canonical.endswith(kind[-2:])]
        if not same and kind.endswith("活动"):
            same = before
        resolved = [p for p in ms if p.extractor == "anaphora" and m.start() <= p.start < m.end()]
        if not same and not resolved:
            return
        target = max(same, key=lambda p: p.start) if same else resolved[0]
        at = m.end()
        while True:
            clause = HOST_CLAUSE.match(text, at)
            if clause is None:
                break
            inside = _bodies_in(text, ms, clause.start("list"), clause.end("list"), ACTORS)
            if not inside:
                break
            for actor in inside:
                add("runs", actor, target, actor.start, actor.end)
            at = clause.end()
            if text[at:at + 1] not in ",，":
                break
            at += 1

    @staticmethod
    def _passive(text: str, ms: list[Mention], target: Mention) -> list[Mention]:
        """“X”活动由州委讲师团、州文联共同承办: the bodies after 由 run what comes before;
        so do those of a later clause when X opens the sentence as its subject
        (“X”成立于2020年，由A联合B共同组建: no other body or target before the 由)."""
        m = PASSIVE.match(text, target.end)
        if m is None and not any(o.start < target.start for o in ms):
            stop = CLAUSE_BREAK.search(text, target.end)  # the sentence's end bounds the search
            end = next((o.start for o in ms if o.start >= target.end and o.type in RUN_TARGETS),
                       stop.start() if stop else len(text))
            later = PASSIVE_LATER.search(text, target.end, end)
            if later is not None \
                    and not any(target.end <= o.start < later.start() and o.type in ACTORS for o in ms):
                m = later
        if m is None:
            return []
        inside = _bodies_in(text, ms, m.start("list"), m.end("list"), (*ACTORS, EntityType.LECTURE_GROUP))
        return [a for a in inside if a.type in ACTORS]  # (a 讲师团 is named, but runs nothing)

    def _coordinated(self, text: str, previous: Mention, target: Mention) -> bool:
        """``target`` is one more object of the verb that governs ``previous``: a
        coordination without a verb between them (、, 和, or a comma before a
        verbless count: …宣传队,23支…宣讲小分队和349支…宣讲小分队), and no verb
        right after it (…宣讲团深入基层 makes it the subject of its own clause)."""
        if previous.end > target.start or target.start - previous.end > 30:
            return False
        between = text[previous.end:target.start]
        if CLAUSE_BREAK.search(between) or not re.search(r"[、和及与暨,，]|^[”’]\s*[“‘]$", between) \
                or VERBISH.search(between):
            return False
        tokens = self.segmenter.tokens(text)
        at = token_index(tokens, previous.end)
        while at < len(tokens) and tokens[at].start < target.start:
            if tokens[at].pos.startswith("v") and tokens[at].pos != "vn":
                return False
            at += 1
        after = tokens[token_index(tokens, target.end)] if token_index(tokens, target.end) < len(tokens) else None
        return after is None or not (after.pos.startswith("v") and after.pos != "vn")

    def _in_noun(self, text: str, start: int, end: int) -> bool:
        """``text[start:end]`` is part of a longer noun (宣传 of 宣传部, 组织 of 党组织)."""
        tokens = self.segmenter.tokens(text)
        i = token_index(tokens, start + 1) - 1  # the token that holds ``start``
        tok = tokens[i] if i >= 0 else None
        if tok is None or not tok.start <= start < tok.end:
            return False
        if not tok.pos.startswith("n") or (tok.start, tok.end) == (start, end):
            return False
        # the noun goes on after the verb (宣传|部), or it is an organisation (党|组织);
        # jieba also tags adverb + verb as a noun (精心组织), which stays a verb
        return tok.end > end or tok.text.endswith(ORGANISATION_WORDS)

    def _actors_before(self, text: str, ms: list[Mention], i: int, verbs: re.Pattern,
                       kinds: tuple = ACTORS) -> list[Mention]:
        """The actors that a verb between them and ``ms[i]`` links to it, co-organisers included."""
        target = ms[i]
        for j in range(i - 1, -1, -1):
            actor = ms[j]
            if actor.type not in kinds or actor.end > target.start:
                continue
            between = text[actor.end:target.start]
            if CLAUSE_BREAK.search(between):
                break
            # the object marker stands before the list the actor ends: 整合区委讲师团、区委党校、
            # 区文联等力量 (all objects); 宣传部和区总工会共同举办 (both subjects)
            first = j
            while first > 0 and ms[first - 1].end <= ms[first].start \
                    and CO_LINK.match(text[ms[first - 1].end:ms[first].start]):
                first -= 1
            # 由铜梁区妇联带来的“…”微宣讲, 由县委宣传部、县文明办联合主办的“…”: the bodies
            # after 由 do it (the whole list: 由 stands before its first)
            by_phrase = text[ms[first].start - 1:ms[first].start] == "由" and BY_ACTOR.search(between) \
                and verbs is RUN_VERBS
            verb = None
            for v in verbs.finditer(between):
                if not self._in_noun(text, actor.end + v.start(), actor.end + v.end()):
                    verb = v  # the last verb before the target
            if by_phrase:
                pass
            elif verb is None or re.search(r"[,，]", between[verb.end():]) \
                    and not re.match(r"(?:了|起)?由[^。；;]*的", between[verb.end():]):
                continue  # no verb, or the verb governs another clause (开展由…,…组成的X does not)
            by = between.rfind("由", 0, verb.start()) if verb is not None else -1
            if by >= 0 and re.match(r"由[^，,。]{2,20}?(?:牵头|负责|主导|统筹)[，,]", between[by:]):
                by = -1  # 由市委讲师团牵头，组织开展…: a clause of its own, the subject goes on
            if by >= 0 and not by_phrase and not re.search(f"(?:{verbs.pattern})(?:了|起)?$", between[:by]):
                continue  # 由…组成的农技宣讲队: the actor is not the one named before 由
                # (but 围场开展由县级领导带头…组成的“微课堂”宣讲活动: it runs it)
            if not by_phrase and text[max(0, ms[first].start - 4):ms[first].start].strip("“‘ ") \
                    .endswith(OBJECT_MARKERS):
                continue  # the actor is an object here, look for the subject before it
            if TITLE_AFTER.match(text, actor.end):
                continue  # 越州镇党委副书记、镇长黄海涛说: the body describes a person
            if LOCATIVE.search(text, max(0, actor.start - 30), actor.start):
                continue  # 市妇联在…农业园黄娟工作室启动…: a place where, not who
            if actor.type not in ACTORS:  # a group or programme acts only as the clause's subject
                clause_start = max(text.rfind(p, 0, actor.start) for p in "，,；;。\n:：")
                if actor.start - clause_start > 3:
                    continue
            group = [actor]
            k = j
            while k > 0 and (ms[k - 1].type in ACTORS or ms[k - 1].type is EntityType.LECTURE_GROUP
                             and ms[k - 1].owner is not None) \
                    and CO_LINK.match(text[ms[k - 1].end:ms[k].start]):
                k -= 1  # (a 县委讲师团 listed with the bodies is one of them: 宣传部、讲师团联合…)
                group.insert(0, ms[k])
            # 由市委宣传部、市文明办主办，濮院镇人民政府承办的“…”: the hosts run it too
            hosts = HOSTS.search(text, max(0, group[0].start - 50), group[0].start)
            if hosts is not None and verbs is RUN_VERBS:
                group[:0] = [m for m in ms[:k] if m.type in ACTORS and hosts.start() < m.start
                             and m.end <= hosts.end()]
            return group
        return []

    def _promotes(self, text: str, ms: list[Mention], add, topic: Mention | None,
                  topic_seen: dict[int, int], sentence_start: int, we: dict) -> None:
        promoters: dict[int, list[Mention]] = {}  # slogan index -> who promotes it
        for i, slogan in enumerate(ms):
            if slogan.type is not EntityType.SLOGAN:
                continue
            actors = self._actors_before(text, ms, i, ADOPT_VERBS, PROMOTERS)
            prev = ms[i - 1] if i else None
            if not actors and prev is not None and prev.type is EntityType.SLOGAN \
                    and (i - 1) in promoters and prev.end <= slogan.start \
                    and SLOGAN_LIST_LINK.match(text[prev.end:slogan.start]):
                actors = promoters[i - 1]  # 围绕“九大战略”“十项重点任务”: the list shares it
            promoters[i] = actors
            for actor in actors:
                add("promotes", actor, slogan, actor.start, slogan.end)
            if not actors and topic is not None \
                    and not any(m.type in PROMOTERS and m.start < slogan.start for m in ms) \
                    and slogan.sentence - 3 <= topic_seen.get(slogan.sentence, -9):
                # 坚持“一企一策”,助力企业…: the dropped subject is the article's topic
                clause = text[max(sentence_start, slogan.start - 8):slogan.start]
                verb = None
                for verb in ADOPT_VERBS.finditer(clause):
                    pass
                if verb is not None and verb.group() != "以" \
                        and re.fullmatch(r"[了着]?(?:“|‘)?", clause[verb.end():]):
                    at = max(sentence_start, slogan.start - 8) + verb.start()
                    who = self._dropped(text, sentence_start, at, we) or topic
                    promoters[i] = [who]
                    add("promotes", who, slogan, slogan.start, slogan.end)
            # a headline: 呈贡区委宣传部党支部:“四个坚持”擦亮…
            prev = ms[i - 1] if i else None
            if prev is not None and prev.type in PROMOTERS \
                    and re.fullmatch(r"\s*[:：]\s*[“‘]?", text[prev.end:slogan.start]):
                add("promotes", prev, slogan, prev.start, slogan.end)

    def _participates(self, text: str, ms: list[Mention], add) -> None:
        for i, target in enumerate(ms):
            if target.type not in RUN_TARGETS:
                continue
            for j in range(i - 1, -1, -1):
                who = ms[j]
                between = text[who.end:target.start]
                if CLAUSE_BREAK.search(between):
                    break
                if who.type is EntityType.PERSON and JOIN_VERBS.search(between) and len(between) <= 12:
                    add("participatesIn", who, target, who.start, target.end)
                    break
                # 区妇联参加“理论周末”活动: a body that takes part, the verb right after it
                if who.type is EntityType.ORGANIZATION and JOIN_VERBS.match(between.lstrip("也还都共同"))\
                        and len(between) <= 8 and not TITLE_AFTER.match(text, who.end):
                    add("participatesIn", who, target, who.start, target.end)
                    break

    @staticmethod
    def _belongs(mentions: Iterable[Mention], add) -> None:
        mentions = list(mentions)
        by_key = {m.key: m for m in mentions if m.type is EntityType.DIVISION}
        divisions = sorted(by_key.values(), key=lambda d: -len(d.canonical))
        bodies_at: dict[int, list[Mention]] = {}
        for o in mentions:
            if o.type is EntityType.ORGANIZATION:
                bodies_at.setdefault(o.start, []).append(o)
        bodies = sorted({o.canonical: o for o in mentions if o.type is EntityType.ORGANIZATION}.values(),
                        key=lambda o: -len(o.canonical))
        for m in mentions:
            if m.type is EntityType.DIVISION:
                continue
            if m.type in (EntityType.ORGANIZATION, EntityType.LECTURE_GROUP):
                # 市政协党组 belongs to 市政协: a body nested at the start of another's name;
                # so does a group named after its body (某局党委宣讲队 → 某局党委, a list's item)
                parent = max((o for o in bodies_at.get(m.start, ()) if o.end < m.end and o.key != m.key),
                             key=lambda o: o.end, default=None) \
                    or next((o for o in bodies if len(o.canonical) >= 3 and o.key != m.key
                             and len(m.canonical) > len(o.canonical) + 1
                             and m.canonical.startswith(o.canonical)), None)
                if parent is not None:
                    add("belongsTo", m, parent, m.start, m.end)
            if m.owner is not None and m.owner in by_key:
                add("belongsTo", m, by_key[m.owner], m.start, m.end)
                continue
            if m.type not in OWNED:
                continue
            # 洋湖镇新时代文明实践所, 四川省委宣讲团: a name that opens with a division the
            # article names is that division's body (the longest such name: 德宏州 over 德宏)
            owner = next((d for d in divisions if d.start == m.start and d.end < m.end), None) \
                or next((d for d in divisions for label in (d.canonical, d.surface)
                         if len(label) >= 2 and m.canonical.startswith(label)
                         and len(m.canonical) > len(label)), None)
            if owner is not None:
                add("belongsTo", m, owner, m.start, m.end)

    @staticmethod
    def _named_after(mentions: Iterable[Mention], add) -> None:
        """A programme whose name holds a slogan promotes it: 5+12+N大讨论 → 5+12+N."""
        slogans = [m for m in mentions if m.type is EntityType.SLOGAN]
        for p in mentions:
            if p.type is not EntityType.PROGRAMME:
                continue
            for s in slogans:
                if s.start >= p.start and s.end <= p.end or (
                        len(s.canonical) >= 2 and s.canonical in p.canonical and s.sentence == p.sentence):
                    add("promotes", p, s, p.start, p.end)

    @staticmethod
    def _sub_units(text: str, mentions: Iterable[Mention], add) -> None:
        """“佤山宣讲团”大众化理论宣讲小分队、少数民族语宣讲小分队: the units named
        right after a group belong to it."""
        groups = sorted((m for m in mentions if m.type is EntityType.LECTURE_GROUP),
                        key=lambda m: m.start)
        pairs = [(p, f) for p, f in zip(groups, groups[1:])
                 if f.start >= p.end and text[p.end:f.start].strip("“”‘’ ") == ""]
        # the unit's name took the quoted group in: “佤山宣讲团”大众化理论宣讲小分队
        pairs += [(p, u) for u in groups for p in groups
                  if p is not u and u.start <= p.start and p.end < u.end and p.key != u.key]
        # 某宣讲团…下设“甲”宣讲队、乙宣讲队, 分设理论、青年2个小分队: the units it is divided into
        for parent in groups:
            verb = SUB_UNITS.match(text, parent.end)
            if verb is not None:
                first = next((g for g in groups if g.start >= verb.end()), None)
                if first is not None and text[verb.end():first.start].strip("“‘ ") == "":
                    pairs.append((parent, first))
        for parent, first in pairs:
            unit = first
            while True:
                add("belongsTo", unit, parent, parent.start, unit.end)
                # the next unit of the list starts after this one ends (the parent
                # inside 佤山宣讲团大众化理论宣讲小分队 is not the next unit)
                nxt = next((g for g in groups if g.start >= unit.end), None)
                if nxt is None or text[unit.end:nxt.start].strip("“”‘’") not in ("、", "和", "及"):
                    break
                unit = nxt

    @staticmethod
    def _described_by(text: str, mentions: Iterable[Mention], add) -> None:
        """A group or programme described by a slogan promotes it: “上接天线、下接地气”的
        百姓宣讲团, 以“…”为理念的牧民乌兰牧骑, “学党史跟党走”——东区街道“光辉历程
        党史讲堂”暨“学党史直通车”巡回活动 (a theme before a dash names both)."""
        ms = sorted(mentions, key=lambda m: m.start)
        dash = r"[”’]?\s*(?:——|—|－－)\s*[“‘]?"
        for i, s in enumerate(ms):
            if s.type is not EntityType.SLOGAN:
                continue
            at, dashed, linked = s.end, False, False
            for nxt in ms[i + 1:]:
                if nxt.start < at:
                    continue
                gap = text[at:nxt.start]
                if not linked and not dashed and nxt.type is EntityType.DIVISION \
                        and re.fullmatch(dash, gap):
                    at, dashed = nxt.end, True  # ——东区街道“…”: the programme's place
                    continue
                if linked:
                    ok = re.fullmatch(r"[”’]?\s*暨\s*[“‘]?", gap)
                elif dashed:
                    ok = re.fullmatch(r"[“‘]?", gap)
                else:
                    ok = re.fullmatch(r"[”’]?(?:(?:为|的)(?:理念|宗旨|口号|主题|原则))?的", gap) \
                        or re.fullmatch(dash, gap)
                if nxt.type not in RUN_TARGETS or not ok:
                    break
                add("promotes", nxt, s, s.start, nxt.end)
                at, linked = nxt.end, True


def _bodies_in(text: str, ms: list[Mention], start: int, end: int, types: tuple) -> list[Mention]:
    """The mentions of ``text[start:end]`` when the stretch is bodies of ``types`` and only
    them, joined by 、/和/与 … (and perhaps closed by 等单位): else none (由A、B主办)."""
    inside = [a for a in ms if start <= a.start and a.end <= end]
    if not inside or inside[0].start != start or any(a.type not in types for a in inside) \
            or not re.fullmatch(r"(?:等单位|等部门)?", text[inside[-1].end:end]) \
            or any(not CO_LINK.match(text[a.end:b.start]) for a, b in zip(inside, inside[1:])):
        return []
    return inside
