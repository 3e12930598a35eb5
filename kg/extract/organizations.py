"""Organisations: party and government bodies, media, schools, companies, centres.

* Bodies named relative to a place: a division or a level word, then a body
  head: 东丽区委宣传部, 区委党校, 县委, 市人社局, 镇党委.  The owner is resolved
  (区委党校 in an article about 辽中区 → 辽中区委党校); unresolved relative names
  are scoped to their article so that two articles' 市委 never merge.
* Media and publishers: known national media, the article's 来源, 《求知》杂志社,
  XX日报, XX网 reporting lines.
* Named institutions by head noun: 大学, 学院, 公司, 新时代文明实践中心, 小学,
  客户端 ..., with their party body (某集团党委); a class of bodies (全省…, 市级…)
  is none, and a year before a name is no part of it.
* Lists that name bodies without repeating their owner share it (某省总工会、团委、
  妇联; 某县委宣传部、组织部); a sub-body names its body too (市政协|党组|理论学习中心组).
* The level words of autonomous regions and prefectures (自治区党委宣传部, 自治州妇联).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property, lru_cache
from importlib import resources

from kg.extract.base import Context, make_mention
from kg.extract.owners import division_ending_at, owner_for
from kg.extract.lecture_groups import HEAD_RE as GROUP_HEAD
from kg.extract.phrases import PREPOSITIONS, extend_left, token_index
from kg.extract.segment import Segmenter
from kg.extract.text import book_titles, clean_name
from kg.model import Article, EntityType, Mention

# The institutions every level has, named by the level word and their own name:
# 县人民医院, 县新华书店, 市广播电台, 县豫剧团, 县曲艺家协会.
LEVEL_INSTITUTION = re.compile(r"[\u4e00-\u9fff]{0,5}?(?:人民医院|中医院|医院|图书馆|文化馆|博物馆|档案馆|"
                               r"纪念馆|新华书店|广播电台|电台|剧团|艺术团|曲艺团|协会|服务中心|事务中心|发展中心)")
# What ends a stretch a firm's name may start in: punctuation, 的, a preposition, a verb of
# place (来自, 位于, 在).
FIRM_STOP = re.compile(r"[，,。；;：:、（()）“”\s]|的|在|来自|位于|和|与|及|由|是")
# Verbs that join two bodies and jieba may glue to the next one's level word.
JOINING_VERBS = ("会同", "协同", "联合", "携手")

LEVELS = ("自治区", "自治州", "街道", "省", "市", "县", "区", "旗", "州", "盟", "镇", "乡", "村", "社区")
_LEVEL_AT = re.compile("(?=" + "|".join(LEVELS) + ")")
# Body heads after a place or level word, longest first.
BODY_HEADS = sorted((
    "委理论学习中心组", "委中心组", "委宣传部", "委组织部", "委统战部", "委政法委", "委党校",
    "委办公室", "委网信办", "委党史研究室", "委编办", "委", "人民政府", "政府", "人大常委会", "人大",
    "政协", "纪委监委", "纪委", "监委", "妇联", "妇女联合会", "总工会", "团委", "文联", "科协", "残联",
    "红十字会", "党校", "融媒体中心", "新时代文明实践中心", "文明实践中心", "文明办", "精神文明办",
    "宣传办", "宣传部", "组织部", "直机关工委", "直属机关工委", "机关工委", "党工委", "团工委", "党委",
    "党委直属机关工委", "党委教育工委", "委教育工委", "教育工委", "委直属机关工委",
    # an autonomous region's committee is its 党委: 自治区党委宣传部
    "党委宣传部", "党委组织部", "党委统战部", "党委政法委", "党委办公厅", "党委网信办", "党委党校",
    "党支部", "党总支", "工商联", "关工委", "村委会", "居委会", "办事处",
    "社科联", "侨联",  # the mass organisations every level has (MASS_BODIES)
    "人民武装部", "人武部",  # the armed-forces department of a county or city
), key=len, reverse=True)
# 市人社局, 县农牧局, 县经贸委: a short bureau name after a level word.
# An office's 办 is never the end of a verb (市社科联联合举办, 县里主办).
# A level's centre or hall is named the same way (县文化馆, 区社会治理中心), with two
# characters at least before its head (市中心, 县城中心 are places in a town); an
# activity centre or a venue (村活动中心, 文博场馆) is a place, no body.
# Official names joined by 和 (文化广电和旅游局, 住房和城乡建设局, 人力资源和社会保障局) are one.
BUREAU = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:和(?:旅游|城乡建设|社会保障|信息化|规划|改革))?"
                    r"(?:局|厅|委员会|委|办公室|(?<![举主承协创开兴督交代])办|指挥部)"
                    r"|[\u4e00-\u9fff]{2,6}?(?<!活动)中心(?![城区地镇村街])|[\u4e00-\u9fff]{2,3}?(?<!场)馆")  # (村活动中心, 场馆: venues)
# A title right after a bureau shows where its name ends, whatever jieba's split.
TITLE_NEXT = re.compile(r"副?(?:局长|主任|书记|处长|科长)")
# A level word opening an institution's name makes it relative (县融媒体中心).
RELATIVE_LEVELS = "省市州县区旗镇乡"
# Verbs jieba may tag otherwise (深化 j) that never open an institution's name.
LEADING_VERBS = {"深化", "推进", "加强", "建设", "打造", "推动", "完善", "提升", "强化", "依托", "发挥",
                 "利用", "通过", "建立", "成立", "组建", "走进", "来到", "深入"}
# A body may be followed by a sub-body: 区委宣传部党支部.
SUB_BODY = ("机关党委", "党工委", "党委", "党支部", "党总支", "党组", "理论学习中心组", "中心组",
            "办公室")  # 某街道办事处党工委, 县政府办公室
# …or by a division of it named before its head's title: 市委宣传部道德处处长.
SUB_UNIT = re.compile(r"[\u4e00-\u9fff]{1,4}?[处科](?=副?[处科]长)")
# …or by a centre of it, a name's end after it (省政府发展研究中心, 县委宣传部新闻中心主任).
SUB_CENTRE = re.compile(r"[\u4e00-\u9fff]{2,6}?中心(?=[、，,。；;：:（(）)\s和与及等]|副?主任|$)")
# Bodies of zones that are no administrative division: 世业洲旅游度假区党工委.
ZONE_BODY = re.compile(r"(?:旅游度假区|度假区|经济技术开发区|经济开发区|开发区|高新技术产业开发区|高新区|"
                       r"工业园区|产业园区|投资区|片区|新区|园区|试验区|示范区)(党工委|管委会|管理委员会)")
ZONE_LIST_ITEM = re.compile(r"、(党工委|管委会|管理委员会)(?=[、，,。；;和与及等]|[\u4e00-\u9fff])")
# Named institutions found by head noun, with modifiers from jieba tokens.
INSTITUTION = re.compile(r"(?:大学|学院|党校|社会科学院|科学院|社科院|研究院|研究所|有限公司|公司|杂志社|报社|日报社|日报|晚报|"
                         r"电视台|广播电视台|融媒体中心|新媒体中心|新时代文明实践中心|文明实践中心|"
                         r"文明实践站|文明实践所|志愿服务队|总队|志愿队|工作室|协会|学会|"
                         r"研究会|联合会|联盟|卫视|新闻网|宣讲所|宣讲学院|教育基地|培训基地|实践基地|督导组|"
                         r"巡视组|巡察组|"
                         r"中心小学|小学|中学|幼儿园|医院|卫生院|客户端|微信公众号|公众号|视频号|抖音号|集团|"
                         r"人民检察院|检察院|人民法院|法院|派出所|支行|分行|"
                         # museums and halls, firms of the professions, councils, working groups
                         r"博物馆|纪念馆|图书馆|文化馆|美术馆|档案馆|科技馆|文化站|律师事务所|事务所|"
                         r"理事会|领导小组|工作专班|执法中队|执法大队)")
# The site a page title ends with, after _ or a dash: …_乡镇动态_榆社新闻网, …--人民网.
SITE_AFTER_TITLE = re.compile(r"(?:_|\s*[-–—]{1,2}\s*|\s*\|\s*)(?P<site>[\u4e00-\u9fff]{1,10}"
                              r"(?:网|报|电视台|融媒|客户端|发布))\s*$")
STAFF_AFTER_HEAD = re.compile(r"教师|老师|校长|医生|院长|护士|馆长|讲解员|副?教授|讲师|研究员")
# An account or an app by its name and its medium: the name alone is what readers use
# (某某发布微信公众号 → 某某发布), unless the name is a body's own (新华社客户端).
ACCOUNT_HEADS = ("微信公众号", "公众号", "视频号", "抖音号", "客户端")
GENERIC_MODIFIERS = {"专门", "专项", "工作", "相关", "临时", "联合", "专题", "一个", "有关"}
GENERIC_ACCOUNTS = {"", "微博", "微信", "官方", "官方微信", "微信官方", "各类", "新媒体", "政务"}
# A count before a name makes it a kind of body: 12家, 两个, 首批, 多所.
COUNTED_BEFORE = re.compile(r"^(?:[0-9]+|[一二三四五六七八九十两几多数百千]+)[家个所座支批处]$|^首批$|^每[家个所]$")
# A branch named after its body: 某社|吉林分社, 某党校|某某分校, 某研究会|某某分会, 某台|都市频道.
SUB_BRANCH = re.compile(r"([\u4e00-\u9fff]{1,4}?)(分社|分校|分会|分院|分中心|分公司|频道)")
STATIONS = ("电视台", "广播电视台", "卫视", "广播电台", "电台")
# After an institution, its party body is part of the name: 某某集团党委.
INSTITUTION_BODY = ("机关党委", "党工委", "党委", "党总支", "党支部", "党组")
# A national paper: 中国 or 人民, a few characters of its field, 报 (中国教育报, 人民公安报,
# 中国纪检监察报), before what follows a name; never 报告, 报道, 报名 (中国情况|报告).
NEWSPAPER = re.compile(r"(?:中国|人民)[\u4e00-\u9fff]{2,4}?报(?=[、，,。；;：:（(）)”\s等和与及]|报道|记者|社|讯|刊发|发表|头版|$)")
# A preposition before the site is not part of its name: 据|央广网报道.
REPORT_SITE = re.compile(r"(?:据|从|经|在|由|向)?([\u4e00-\u9fff]{2,4}网)(?=消息|讯|记者|报道)")
NOT_PREFIX = set("全各本该每其我")
# A list said to be media: its items ending in 网 are news sites (青山日报、青山网等媒体),
# but for the common nouns.
COMMON_NETS = {"互联网", "物联网", "局域网", "政务网", "门户网", "因特网", "万维网", "电网", "新闻网"}
MEDIA_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,10}、)*[\u4e00-\u9fff]{2,10})等(?:[多数几]家)?"
                        r"(?:中央|省级|主流|新闻|各级|网络)?(?:媒体|网站|平台)")
# A department named without its committee, followed by a post: 县委常委、宣传部部长.
BARE_DEPARTMENT = re.compile(r"(?<![委\u4e00-\u9fff])(宣传部|组织部|统战部|政法委)(?=部长|副部长|书记|主任)")


# A party committee by its full name: 中国共产党某某省第十一届委员会, 中国共产党第二十届中央委员会.
CPC_FULL = re.compile(r"中国共产党(?:[\u4e00-\u9fff]{2,12}?)?第[一二三四五六七八九十]+届(?:中央)?委员会")
# The Communist Youth League committee of a level, by its short form: 团市委, 团县委 (of
# the article's city, county ...: 共青团某市委).
# the article's city, county ...: 共青团某市委); a word of its own (团|市委 inside 共青团市委
# or 社团市委 is not).
YOUTH_LEAGUE = re.compile(r"团([省市州县区旗])委(?!员)")
# …and by its full name: 共青团某市委 is no party committee (某市委).
YOUTH_LEAGUE_FULL = re.compile(r"共青团[\u4e00-\u9fff]{1,10}?[省市州县区旗]委(?!员)")
# A unit of a central body named after it (中央宣传部宣教局, 国家发展改革委价格司, 某部
# 某中心): a few characters and a unit head, then what follows a name.
CENTRAL_HEADS = set("部委局署院办行会")
CENTRAL_UNIT = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:司|局|办公厅|中心)"
                          r"(?=[、，,。；;：:（(）)\s和与及等]|有关|负责人|副?(?:司长|局长|主任))")
# An office of a party committee named by its short form: 市委|农办, 省委|政研室.
COMMITTEE_OFFICE = re.compile(r"(?:农办|政研室|外办|台办|侨办|编办|网信办|研究室|督查室|信访办|老干部局|"
                              r"党史研究室|政策研究室|改革办|深改办|党史办|社会工作部|两新工委|金融工委|"
                              r"教育工委|机构编制委员会办公室)")
YEAR_PREFIX = re.compile(r"[0-9]{4}年(?:度)?")
# After 中共, a committee's name: 中共|三门县委, 中共|青石县委宣传部.
CPC_PREFIX = re.compile(r"(?!党员|中央)[\u4e00-\u9fff]{0,12}?[省市州县区旗镇乡村]?(?:委|党组|党委|工委)")
# Bodies that a list names without repeating the owner: 某省总工会、团委、妇联 are
# that province's three.  Party departments take the committee: 区委宣传部、组织部.
MASS_BODIES = ("总工会", "团委", "妇联", "文联", "科协", "残联", "工商联", "红十字会", "关工委", "侨联",
               "社科联", "团工委")
PARTY_DEPARTMENTS = ("宣传部", "组织部", "统战部", "政法委", "网信办", "编办", "党校", "政研室", "农办")
_ITEM_END = set("、，,。；;等和及与")


def _list_items(article: Article, first: Mention, body: str, at: int, extractor: str,
                ends: set[int]):
    """Mentions of the bodies listed after ``first`` (whose own part after its
    owner is ``body``) that share its owner: 、团委、妇联 after 某省总工会."""
    text = article.text
    body = clean_name(body)
    if not body or not first.canonical.endswith(body):
        return
    prefix = first.canonical[:-len(body)]
    while text[at:at + 1] == "、":
        start = at + 1
        head = next((h for h in (*MASS_BODIES, *PARTY_DEPARTMENTS) if text.startswith(h, start)), None)
        if head is None or (text[start + len(head):start + len(head) + 1] not in _ITEM_END
                            and start + len(head) not in ends):
            return
        if head in PARTY_DEPARTMENTS:
            if not body.startswith("委"):
                return  # 某市妇联、宣传部: whose department is not said
            name = prefix + "委" + head
        else:
            name = prefix + head
        at = start + len(head)
        yield make_mention(article, EntityType.ORGANIZATION, start, at, canonical=name,
                           aliases=(head,), extractor=extractor, owner=first.owner,
                           scope=first.scope)


@lru_cache(maxsize=1)
def national_bodies() -> dict[str, str]:
    """Every surface of kg/data/national_bodies.txt -> the body's label."""
    out = {}
    data = resources.files("kg.data").joinpath("national_bodies.txt").read_text("utf-8")
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            names = line.strip().split("|")
            for n in names:
                out[n] = names[0]
    return out


def source_name(source: str | None) -> str | None:
    """The publisher a 来源 line names (人民网－甘肃频道 → 人民网), or None."""
    if not source:
        return None
    name = re.split(r"[-—–－_|/ \u3000]", source.strip())[0]  # (full width too)
    return name if len(name) >= 2 and re.search(r"[\u4e00-\u9fff]", name) else None


class OrganizationExtractor:
    name = "organizations"

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    @cached_property
    def media(self) -> dict[str, str]:
        return national_bodies()

    @cached_property
    def _media_re(self) -> re.Pattern:
        return re.compile("|".join(map(re.escape, sorted(self.media, key=len, reverse=True))))

    def extract(self, article: Article, context: Context) -> list[Mention]:
        text = article.text
        tokens = self.segmenter.tokens(text)
        starts = {t.start for t in tokens}
        found: dict[tuple[int, int], Mention] = {}
        ends = {t.end for t in tokens}

        def add(mention: Mention) -> None:
            key = (mention.start, mention.end)
            # a longer name over the same start wins (区委宣传部 over 区委)
            for (s, e) in list(found):
                if s <= mention.start and mention.end <= e:
                    return
                if mention.start <= s and e <= mention.end:
                    del found[(s, e)]
            found[key] = mention

        parents: list[Mention] = []
        for start, end, owner_end, level, inner in self._relative_bodies(text, starts, context, tokens):
            body = self._resolve(article, context, start, end, owner_end, level)
            add(body)
            # 市政协党组理论学习中心组 names 市政协 and 市政协党组 too: bodies of their own
            parents.extend(self._resolve(article, context, start, e, owner_end, level) for e in inner)
            prefix_end = owner_end if owner_end is not None else start + len(level or "")
            for item in _list_items(article, body, text[prefix_end:end], end, self.name, ends):
                add(item)
        for m in YOUTH_LEAGUE.finditer(text):  # 团市委: the city's Youth League committee
            if m.start() not in starts or m.end() not in ends:
                continue
            level = m.group(1)
            owner = owner_for(level, context, m.start())
            kwargs = dict(canonical="共青团" + owner.canonical + "委", aliases=(m.group(),),
                          owner=owner.key) if owner else dict(scope=article.id)
            add(make_mention(article, EntityType.ORGANIZATION, m.start(), m.end(),
                             extractor=self.name, **kwargs))
        for m in CPC_FULL.finditer(text):  # 中国共产党某某自治区第十一届委员会
            add(make_mention(article, EntityType.ORGANIZATION, m.start(), m.end(),
                             extractor=self.name))
        for m in YOUTH_LEAGUE_FULL.finditer(text):
            add(make_mention(article, EntityType.ORGANIZATION, m.start(), m.end(),
                             extractor=self.name))
        for m in self._media_re.finditer(text):
            if m.group() == "中共" and CPC_PREFIX.match(text, m.end()):
                continue  # 中共|某县委: the prefix of a party committee's name, not the Party
            body = make_mention(article, EntityType.ORGANIZATION, m.start(), m.end(),
                                canonical=self.media[m.group()], extractor=self.name)
            unit = CENTRAL_UNIT.match(text, m.end()) if m.group()[-1] in CENTRAL_HEADS else None
            if unit and unit.end() in ends:  # 中央宣传部宣教局: a unit of the body, and the body
                add(make_mention(article, EntityType.ORGANIZATION, m.start(), unit.end(),
                                 canonical=self.media[m.group()] + unit.group(),
                                 extractor=self.name))
                parents.append(body)
            else:
                add(body)
        for m in MEDIA_LIST.finditer(text):  # 青山日报、青山网等媒体: each site of the list
            at = m.start()
            for i, item in enumerate(m.group(1).split("、")):
                start, end = at, at + len(item)
                at = end + 1
                if i == 0:  # the list's left edge is where the first name's modifiers end
                    head = tokens[max(0, token_index(tokens, end) - 1)]
                    start = max(start, extend_left(text, tokens, head.start, floor=start)
                                if head.start > start else start)
                name = text[start:end]
                if name.endswith("网") and len(name) >= 3 and name not in COMMON_NETS \
                        and not (i == 0 and name[0] in NOT_PREFIX):
                    add(make_mention(article, EntityType.ORGANIZATION, start, end,
                                     extractor=self.name))
        for m in NEWSPAPER.finditer(text):  # 中国教育报, 人民公安报: a national paper
            if m.start() in starts and (m.end() in ends or text.startswith("报", m.end() - 1)
                                        and m.end() - 1 in starts):
                add(make_mention(article, EntityType.ORGANIZATION, m.start(), m.end(),
                                 extractor=self.name))
        for m in REPORT_SITE.finditer(text):
            add(make_mention(article, EntityType.ORGANIZATION, m.start(1), m.end(1),
                             extractor=self.name))
        for b in book_titles(text):  # 《求知》杂志社 → 求知杂志社
            tail = re.match(r"杂志社|杂志|报社|编辑部|日报", text[b.end:b.end + 3])
            if tail:
                name = clean_name(b.text)
                add(make_mention(article, EntityType.ORGANIZATION, b.start, b.end + tail.end(),
                                 canonical=name + tail.group(), aliases=(name,), extractor=self.name))
        for m in INSTITUTION.finditer(text):
            body = next((len(b) for b in INSTITUTION_BODY if text.startswith(b, m.end())), 0)
            staff = STAFF_AFTER_HEAD.match(text, m.end())
            if m.end() not in ends and not (body and m.end() + body in ends) \
                    and not (staff and staff.end() in ends):
                continue  # 大学习, 大学生: the head is inside a longer word (公司党委 is two;
                # 小学教师 is jieba's word for the school's teacher: the school ends before it)
            start = extend_left(text, tokens, m.start(), max_chars=10)
            start = self._past_verbs(tokens, start, m.start())  # 持续深化|新时代文明实践中心建设
            if m.group().endswith(("有限公司", "集团")):
                start = self._firm_start(text, context, start, m.start())
            # a name found before that the modifiers cut into is the whole modifier:
            # 学习强国|客户端 (学习/v ends the walk at 强国), 人民日报|客户端
            start = min([s for (s, e) in found if s < start < e <= m.start()] + [start])
            if m.group().endswith(ACCOUNT_HEADS):
                # 区融媒体中心|丰泽发布客户端: a body's account; its name starts after the body
                start = max([e for (s, e) in found if start <= s and e < m.start()] + [start])
            end = m.end() + body
            if text[start:start + 1] in NOT_PREFIX and text[start + 1:start + 2] in RELATIVE_LEVELS \
                    or (text[start:start + 1] in RELATIVE_LEVELS and text[start + 1:start + 2] == "级"):
                continue  # 全省新时代文明实践所, 市级文明实践站: a class of bodies, not one
            if m.group().endswith("号") and clean_name(text[start:m.start()]) in GENERIC_ACCOUNTS:
                continue  # 微博公众号, 官方微信公众号: a kind of account, not one
            if clean_name(text[start:m.start()]) in GENERIC_MODIFIERS:
                continue  # 成立专门领导小组, 工作专班: what kind of group, no name
            if self._a_class(text, tokens, start, end):
                continue  # 12家党史教育基地, …为代表的特色乡村宣讲所, 、进某某基地: a kind of body
            year = YEAR_PREFIX.match(text, start, m.start())
            if year:  # 2025年|某镇新时代文明实践中心: the year dates the sentence
                start = year.end()
            if start < m.start() and text[start] in RELATIVE_LEVELS \
                    and any(t.start == start and t.end == start + 1 for t in tokens):
                # 州广播电视台 in an article about 延边朝鲜族自治州: that prefecture's
                add(self._resolve(article, context, start, end, None, text[start]))
            elif start < m.start():
                bare = clean_name(text[start:m.start()])
                alias = (bare,) if m.group().endswith(ACCOUNT_HEADS) and not body and len(bare) >= 2 \
                    and bare not in GENERIC_ACCOUNTS and not bare.endswith(("社", "报", "台", "网")) \
                    and bare not in national_bodies() else ()
                add(make_mention(article, EntityType.ORGANIZATION, start, end,
                                 canonical=clean_name(text[start:end]), aliases=alias,
                                 extractor=self.name))
        for m in ZONE_BODY.finditer(text):
            start = extend_left(text, tokens, m.start(), max_chars=8)
            if start < m.start():
                add(make_mention(article, EntityType.ORGANIZATION, start, m.end(),
                                 canonical=clean_name(text[start:m.end()]), extractor=self.name))
                # 某开发区党工委、管委会: the list's second body is the same zone's
                other = ZONE_LIST_ITEM.match(text, m.end())
                if other and not text.startswith(other.group(1), m.end() - len(other.group(1))):
                    zone = clean_name(text[start:m.end() - len(m.group(1))])
                    add(make_mention(article, EntityType.ORGANIZATION, other.start(1), other.end(1),
                                     canonical=zone + other.group(1), aliases=(other.group(1),),
                                     extractor=self.name))
            elif m.start() in starts and (text[m.start() - 1:m.start()] or "\n") in "，,、。；;：:（(“ \n":
                # 高新区管委会举办…: the zone of the article, named by its kind alone
                add(make_mention(article, EntityType.ORGANIZATION, m.start(), m.end(),
                                 extractor=self.name, scope=article.id))
        for start, end, name in (*self._sources(article), *self._site_of_title(article)):
            add(make_mention(article, EntityType.ORGANIZATION, start, end, canonical=name,
                             extractor=self.name))
        for m in re.finditer("理论学习中心组", text):  # 各级党委(党组)理论学习中心组: no owner named
            add(make_mention(article, EntityType.ORGANIZATION, m.start(), m.end(),
                             extractor=self.name, scope=article.id))
        for m in BARE_DEPARTMENT.finditer(text):  # 县委常委、宣传部部长 → 县委宣传部
            committee = self._committee_before(found, m.start(1), article)
            if committee is not None:
                add(make_mention(article, EntityType.ORGANIZATION, m.start(1), m.end(1),
                                 canonical=committee.canonical + m.group(1),
                                 aliases=(m.group(1),), extractor=self.name, scope=committee.scope,
                                 owner=committee.owner))
        for m in list(found.values()):  # 中新社|吉林分社, 区委党校|大顺分校, 某电视台|都市频道
            unit = SUB_BRANCH.match(text, m.end)
            if unit and unit.end() in ends and (m.canonical.endswith(STATIONS) or unit.group(2) != "频道"):
                add(make_mention(article, EntityType.ORGANIZATION, m.start, unit.end(),
                                 canonical=m.canonical + unit.group(), aliases=(unit.group(),),
                                 extractor=self.name, owner=m.owner, scope=m.scope))
                parents.append(m)
        for key, m in list(found.items()):
            if m.canonical.endswith("委") and GROUP_HEAD.match(text, m.end):
                del found[key]  # 辽宁省委|宣讲团: the group's name (lecture_groups.py), its owner inside
        spans = set(found)
        for m in parents:  # nested in a body found above, so kept apart from add()
            if (m.start, m.end) not in spans and any(s == m.start and m.end < e for s, e in spans):
                spans.add((m.start, m.end))
                found[(m.start, m.end)] = m
        return sorted(found.values(), key=lambda m: (m.start, -m.end))

    def _sources(self, article: Article):
        """The publisher named on the 来源 line (来源:中国甘肃在线, 人民网-辽宁频道 → 人民网)."""
        source = article.metadata.source
        name = source_name(source)
        if name is None:
            return
        at = article.text.find(source)
        if at >= 0:
            yield at, at + len(name), name

    @staticmethod
    def _firm_start(text: str, context: Context, start: int, head: int) -> int:
        """A firm's registered name is a proper name jieba splits as it can (山东|泓/q|宇|精工,
        通道/v|侗锦|织造/v): it runs from the place it opens with (a province's or a county's
        name: the last one before the head) over any characters, up to 12 before the head;
        a place before that one is where the firm is (临淄区|山东某某有限公司)."""
        lo = max(0, head - 12)
        stop = max((k.end() for k in FIRM_STOP.finditer(text, lo, head)), default=lo)
        places = [d.start for d in context.of_type(EntityType.DIVISION) if stop <= d.start < head - 2]
        return max(places) if places and max(places) < start else start

    @staticmethod
    def _site_of_title(article: Article):
        """The site a page's title ends with (某某标题_县市新闻_红河网, 标题--人民网): a
        medium, named where the title stands in the text."""
        title = article.metadata.title
        if not title:
            return
        m = SITE_AFTER_TITLE.search(title)
        at = article.text.find(title)
        if m is None or at < 0:
            return
        yield at + m.start("site"), at + m.end("site"), m.group("site")

    @staticmethod
    def _a_class(text: str, tokens, start: int, end: int) -> bool:
        """Whether the institution named at [start, end) is a kind of body, not one: a
        count before it (首批12家, 两个), 为代表的 before it, an item of a 进-list
        (进家庭、进某某基地), or a quoted brand (“某某宣讲所”品牌)."""
        i = token_index(tokens, start) - 1
        if i >= 0 and tokens[i].end == start:
            word = tokens[i].text
            if i > 0 and tokens[i - 1].pos == "m" and tokens[i - 1].end == tokens[i].start:
                word = tokens[i - 1].text + word  # 12|家, 50|个
            if COUNTED_BEFORE.search(word):
                return True
        before = text[max(0, start - 5):start]
        if before.endswith(("为代表的", "为代表的特色")) or (before.endswith("进") and "、进" in text[max(0, start - 30):start]):
            return True
        return text.startswith("”品牌", end) or text.startswith("”等品牌", end)

    @staticmethod
    def _committee_before(found: dict, position: int, article: Article) -> Mention | None:
        """The party committee (…委) named earlier in the same sentence, if any."""
        sentence = article.sentences[article.sentence_at(position)] if article.sentences else None
        best = None
        for m in found.values():
            if m.end <= position and m.canonical.endswith("委") and (
                    sentence is None or m.start >= sentence.start):
                if best is None or m.end > best.end:
                    best = m
        return best

    @staticmethod
    def _past_verbs(tokens, start: int, head: int) -> int:
        """``start`` moved past verbs that open the modifiers: a name does not start with 深化."""
        i = token_index(tokens, start)
        while i < len(tokens) and tokens[i].start < head and tokens[i].start == start \
                and (tokens[i].pos in ("v", "vn") or tokens[i].text in LEADING_VERBS) \
                and len(tokens[i].text) >= 2:
            start = tokens[i].end
            i += 1
        return start

    @staticmethod
    def _glued_after(tokens, text: str, end: int) -> bool:
        """jieba glued a function character after ``end`` onto the word's last character
        (香坊区农业农村|局以/nr|宣传周): the word ends at ``end`` all the same."""
        i = token_index(tokens, end - 1)
        tok = tokens[i] if i < len(tokens) else None
        return tok is not None and tok.start == end - 1 and tok.end == end + 1 \
            and text[end:end + 1] in "以在为与和对向将把被从"

    def _word_at(self, tok) -> bool:
        """Is this token a dictionary word (not one of jieba's name guesses)?"""
        if tok is None or len(tok.text) < 2:
            return False
        info = self.segmenter.lookup(tok.text)
        return info is not None and not info[1].startswith("nr")

    def _relative_bodies(self, text: str, starts: set[int], context: Context, tokens=()):
        """(start, end, owner_end, level) of bodies named after a place or level word."""
        divisions = {m.end: m for m in context.of_type(EntityType.DIVISION)}
        places = {m.start for m in context.of_type(EntityType.DIVISION)}  # 眉山市|东坡区委
        # 世业镇党委: the level word 镇 ends a division, whose end names the owner
        inside = {j for m in context.of_type(EntityType.DIVISION) for j in range(m.start + 1, m.end)}
        by_start = {t.start: t for t in tokens}
        ends = {t.end for t in tokens}
        # Only where a division ends or a level word starts can a body begin: jump there.
        stops = sorted(set(divisions) | {m.start() for m in _LEVEL_AT.finditer(text)})
        i, n = 0, len(text)
        while i < n:
            k = bisect_left(stops, i)
            if k == len(stops):
                break
            i = stops[k]
            owner = divisions.get(i)
            level = None
            if owner is None:
                level = next((lv for lv in LEVELS if text.startswith(lv, i)), None)
                # (县委宣传部和|县科技局: jieba glued 和 and 县 into 和县/ns; 和 is a conjunction)
                # (县委宣传部会同|县委组织部: 会同县/ns, a county's name and a verb of joining)
                boundary = i in starts or text[i - 1:i] in "，,、（(“ \n和与及" \
                    or text.endswith(JOINING_VERBS, 0, i) \
                    or (text[i - 1:i] in PREPOSITIONS and i - 1 in starts)  # 由村/nr|党支部
                if level is None or not boundary or (i > 0 and text[i - 1] in NOT_PREFIX) or i in inside:
                    i += 1
                    continue
                at = i + len(level)
            else:
                at = i
                if text[at:at + 1] in RELATIVE_LEVELS and owner.canonical.endswith(text[at]) \
                        and not owner.surface.endswith(text[at]):
                    at += 1  # 延边|州委宣传部: the short form left out the level word
            head = next((h for h in BODY_HEADS if text.startswith(h, at)), None)
            if level == "村" and text.startswith("委会", at):
                head = "委会"  # 村委会: the level word is the 村 of 村委会
            if head is None and level is not None:
                bureau = BUREAU.match(text, at)
                # 市|国土局 or 市人|社局 (jieba's split), never 市场|监管局 (a word)
                aligned = at in starts or (bureau and bureau.end() in ends
                                           and not self._word_at(by_start.get(i))) \
                    or (bureau and TITLE_NEXT.match(text, bureau.end())) \
                    or (bureau and bureau.end() in ends and len(bureau.group()) == 3
                        and bureau.group().endswith("局") and by_start.get(i) is not None
                        and by_start.get(i).text == level + bureau.group()[0])  # 县民|宗局: 县民宗局
                if bureau and aligned and bureau.end() - at <= (7 + 3 * ("和" in bureau.group())):
                    head = text[at:bureau.end()]
            if head is None and level is not None and at in starts:
                # 县|人民医院, 县|豫剧团, 县|曲艺家|协会: a level's own institution, in
                # jieba's nouns (not 市|场地, not 县|里的医院)
                inst = LEVEL_INSTITUTION.match(text, at)
                if inst and inst.end() in ends and all(
                        t.pos[:1] in ("n", "j", "b", "l") or t.pos == "vn" for t in tokens
                        if at <= t.start < inst.end()):
                    head = text[at:inst.end()]
            if head is None and owner is not None and at in starts and at not in places:
                # 辽中区|教育局, 某县|卫生健康局: a bureau right after its division, when
                # jieba's words make it up and none of them is a verb (辽中区|召开|…会)
                bureau = BUREAU.match(text, at)
                if bureau and (bureau.end() in ends or self._glued_after(tokens, text, bureau.end())) \
                        and bureau.end() - at <= 7 and all(
                        t.pos[:1] in ("n", "j", "a", "b", "z", "l") or t.pos == "vn" for t in tokens
                        if at <= t.start < bureau.end()):
                    head = text[at:bureau.end()]
            if head == "委":  # 市委农办, 省委政研室: an office of the committee
                office = COMMITTEE_OFFICE.match(text, at + 1)
                if office:
                    head = text[at:office.end()]
            if head is None:
                i += 1
                continue
            end = at + len(head)
            inner: list[int] = []  # ends of the bodies a sub-body belongs to
            for _ in range(2):  # 市政协|党组|理论学习中心组
                sub = next((s for s in SUB_BODY if text.startswith(s, end)), None)
                if not sub:
                    break
                inner.append(end)
                end += len(sub)
            unit = SUB_UNIT.match(text, end)
            if unit:
                end = unit.end()
            elif end in starts:
                centre = SUB_CENTRE.match(text, end)
                if centre and centre.end() in ends and all(
                        t.pos[:1] in ("n", "j", "b") or t.pos == "vn" for t in tokens
                        if end <= t.start < centre.end()):
                    inner.append(end)
                    end = centre.end()
            start = owner.start if owner is not None else i
            yield start, end, (owner.end if owner is not None else None), level, tuple(inner)
            i = end

    def _resolve(self, article: Article, context: Context, start: int, end: int,
                 owner_end: int | None, level: str | None) -> Mention:
        text = article.text
        surface = clean_name(text[start:end])
        if owner_end is not None:  # an explicit place: 东丽区委宣传部
            owner = division_ending_at(context, owner_end)
            body = text[owner_end:end]
            if owner and body[:1] in RELATIVE_LEVELS and owner.canonical.endswith(body[0]) \
                    and not owner.surface.endswith(body[0]):
                body = body[1:]  # 延边|州委宣传部 → 延边朝鲜族自治州委宣传部
            canonical = owner.canonical + body if owner else surface
            return make_mention(article, EntityType.ORGANIZATION, start, end, canonical=canonical,
                                aliases=(surface,), extractor=self.name,
                                owner=owner.key if owner else None)
        owner = owner_for(level or "", context, start)
        if owner is None:
            return make_mention(article, EntityType.ORGANIZATION, start, end,
                                extractor=self.name, scope=article.id)
        body = surface[len(level or ""):]
        if body == "委会":  # 村委会 of 先锋村: 先锋村村委会, as when the village is named
            body = "村委会"
        canonical = owner.canonical + body
        return make_mention(article, EntityType.ORGANIZATION, start, end, canonical=canonical,
                            aliases=(surface,), extractor=self.name, owner=owner.key)
