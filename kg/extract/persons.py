"""Persons: named officials, reporters and editors, with titles stripped.

Evidence for a name, from strongest to weakest:

* the page's editor and author lines (责编:李进媛、汤龙), from the metadata;
* nationally known names (``kg/data/persons.txt``: 习近平总书记 → 习近平);
* a title right before the name (县委书记徐宏君, 记者 王金芳) or 同志/总书记 after it;
* membership of a list whose other members are names (孙国炜、罗佳贤、富强等);
* a role noun before the name (民兵, 传承人, 道德模范), a title after it (记者某通讯员某),
  or jieba's own name span after a title;
* credits: (张某、李 某) at a line end, 作者 王某 李某, ◎ 王某;
* a three-character word jieba's HMM found, opening with a surname, before a verb,
  adverb, preposition or punctuation (unless it ends as things do: 楼栋式, 宣传栏);
* two or three elements of a transliterated minority name (扎西顿珠, 阿不都热合曼)
  after a title or before what follows a name.

Every other name starts with a known surname and has 2–3 characters (4 with a
compound surname); common words are never persons.
"""
from __future__ import annotations

import re
from functools import cached_property
from importlib import resources

from kg.extract.base import Context, make_mention
from kg.extract.segment import Segmenter
from kg.model import Article, EntityType, Mention

TITLES = ("副书记", "书记", "副县长", "县长", "副区长", "区长", "副市长", "市长", "副省长", "省长",
          "副主任", "主任", "副部长", "部长", "副局长", "局长", "副主席", "主席", "团长", "队长",
          "常委", "委员", "秘书长", "镇长", "乡长", "村长", "组长", "院长", "校长", "所长", "站长",
          "馆长", "总经理", "董事长", "巡视员", "调研员", "记者", "编辑", "责编", "宣讲员", "负责人",
          "理事长", "会长", "社长", "处长", "科长", "教授", "老师", "专家", "讲师", "党员", "代表",
          "主持人", "作者", "通讯员", "摄影", "领导", "村民", "志愿者", "班长", "指导员", "所长",
          "人物", "干部", "村干部", "成员", "创作人", "后期制作", "制作", "摄像", "视频", "统筹",
          "监制", "审核", "校对", "讲解员", "支书", "主播", "农技员", "网格员", "工作人员", "听众",
          "居民", "大户", "馆员", "队员", "会员", "群众", "农户", "牧民", "市民", "老人", "党员干部",
          # roles a news story names people by (民兵某某, 传承人某某, 道德模范某某)
          "民兵", "学生", "大学生", "农民", "传承人", "模范", "先进个人", "教育长", "理事", "选手",
          "博士", "研究员", "医生", "护士", "教师", "辅导员", "村医", "船长", "厂长", "店长", "经理",
          "勇士", "英雄", "烈士", "标兵", "能手", "劳模", "老党员", "作家", "画家", "诗人", "书法家",
          "艺术家", "歌手", "演员", "导演", "运动员", "冠军", "创始人", "带头人", "乡贤", "企业家",
          "工匠", "推荐官", "副调研员", "实习生", "副研究员",
          "退役军人", "军人", "老兵", "游客", "渔民", "绣娘", "美编",
          # (支书 inside 党总支书记 must not hide 书记: the whole title, leftmost)
          "党总支书记", "总支书记", "党支部书记", "支部书记", "党委书记", "党组书记")
# A trade or role is named by a noun with a suffix of agents (律师, 农艺师, 操作工, 茶农,
# 调解员): a dictionary noun of 2-4 characters ending in one of them is a role before
# a name, like the listed titles (a few such nouns name groups, not one person).
ROLE_SUFFIXES = set("师员工农匠")
NOT_ROLES = {"人员", "员工", "职工", "教职工", "农民工", "成员", "会员", "党员", "学员", "社员", "全员",
             "师生", "工农", "务农", "分工", "施工", "开工", "用工", "打工", "务工", "员工们"}
TITLE_RE = re.compile("(?:" + "|".join(sorted(set(TITLES), key=len, reverse=True)) + r")[ \u3000:：/]?")
# Verbs that follow a speaker's name: 白景春说, 逯丽平介绍.
SPEECH = ("说", "表示", "介绍", "告诉", "坦言", "感慨", "笑着说", "认为", "指出", "谈到", "提问", "强调")
# What may follow a name: punctuation, or a word that starts a clause.
AFTER = re.compile(r"[、，,。；;：:（()）)\s“”]|$|说|表示|主持|出席|参加|指出|强调|介绍|讲|等|一行|同志|带领|为|向|"
                   r"和|与|作|的|陪同|带头|带队|观看|观摩|调研|检查|慰问|看望|认为|告诉|在|到|率|对|是|也|还|代表|就|从|用|以|宣讲|通过|结合|提出|提问|坦言|"
                   r"把|将|被|任|担任|获得|荣获|先|一边|正在|如今|已经|过去|现在|曾经")
FUNCTION_CHARS = set("为说在和与等到对是也就从用以向将把被还便曾已又了着过的")
NOT_NAMES = {"和平", "高度", "万家", "林业", "文化", "文明", "安全", "石油", "海洋", "金融", "明确",
             "方面", "方式", "常态", "常委", "任务", "任职", "于是", "全面", "全体", "全区", "全县",
             "全市", "全省", "平安", "江山", "马上", "周年", "周边", "王牌", "黄金", "曾经", "陈述",
             "高校", "高效", "高质量", "成员", "成果", "成为", "向前", "向上", "党员", "程序", "许多",
             "关于", "关键", "宣传", "宣讲", "于都", "严格", "严实", "齐心", "公开", "公共", "田间",
             "田野", "段落", "单位", "单独", "解放", "解决", "武装", "华丽", "龙头", "原则", "原有",
             "包括", "应该", "商业", "杨柳", "花园", "房屋", "冷暖", "信息", "温暖", "温度", "红色"}
# 王阿姨, 李大爷, 张师傅: a surname and a form of address, no name of a person.
KINSHIP = ("阿姨", "大爷", "大妈", "大娘", "大叔", "大婶", "大哥", "大姐", "奶奶", "爷爷", "婆婆",
           "阿婆", "阿公", "师傅", "老汉", "老伯", "伯伯", "叔叔", "嬢嬢", "姐姐", "哥哥", "老师")
# Credits at the end of a line: (张某某), (王某、李 某), 作者 王某 李某, ◎ 王某.
CREDIT_PAREN = re.compile(r"[（(]([\u4e00-\u9fff][\u4e00-\u9fff、 \u3000]{1,24})[）)][ \u3000]*(?=\n|$|[0-9]{4}-)")
CREDIT_LINE = re.compile(r"(?:作者|◎)[ \u3000:：]*([\u4e00-\u9fff]{2,3}(?:[ \u3000]+[\u4e00-\u9fff]{2,3}){0,5})"
                         r"[ \u3000]*(?=\n|$)", re.M)
# Last characters of words for things and places, seldom of a given name.
THING_ENDINGS = set("式制栏册窗站馆室所会队团部处局厅村镇乡区县市省街路场园店厂社网台报刊")
# A transliterated name by its interpunct, whatever its elements (热依拉·吾斯曼).
DOTTED = re.compile(r"[\u4e00-\u9fff]{2,6}(?:[·•][\u4e00-\u9fff]{2,6}?){1,2}(?![·•])"
                    r"(?=" + AFTER.pattern + r"|获|摄|[ \u3000])")  # the shortest last part a clause follows
DOTTED_ALONE = re.compile(r"(?<![\u4e00-\u9fff·•“‘《])" + DOTTED.pattern)
CREDIT = re.compile(r"[ \u3000]*摄")


def _in_quotes(text: str, at: int) -> bool:
    """Whether ``text[at]`` is inside an open quote of its line."""
    line = text.rfind("\n", 0, at) + 1
    before = text[line:at]
    return before.count("“") > before.count("”")


# After a run of minority-name elements, a character that makes it a place or a thing
# (尼玛县, 乌兰牧骑 are no persons; 贡嘎山, 扎西寺).
MINORITY_NOT_AFTER = set("县市镇乡村区旗州盟山河湖寺沟路街牧峰湾")
# A news dateline's byline: 某某网北京3月3日电（记者 张某 李某）, names apart by spaces or 、.
DATELINE = re.compile(r"(?:电|讯)[ \u3000]?[（(]((?:(?:记者|通讯员|实习生)[ \u3000]?)?[\u4e00-\u9fff]{2,4}"
                      r"(?:[ \u3000、\n]+(?:(?:记者|通讯员|实习生)[ \u3000\n]?)?[\u4e00-\u9fff]{2,4}){0,5})[）)]")
# A page's credit line: a medium, then the reporter's name at the line's end
# (2022-06-22 09:12 某某日报   张某某).
MEDIUM_CREDIT = re.compile(r"(?:日报|晚报|报|网|电视台|新闻)[ \u3000]+([\u4e00-\u9fff]{2,4})[ \u3000]*$", re.M)
# A photo credit: …宣讲 张某某摄, （记者某某 某某摄影报道）: the name between a space or
# bracket and 摄, 摄影 or 摄影报道, before a space, a bracket or the line's end.
PHOTO = re.compile(r"(?:^|(?<=[ \u3000（(、]))([\u4e00-\u9fff]{2,4}?)[ \u3000]?(?:摄影报道|摄影|摄)"
                   r"(?=[ \u3000）)]|$)", re.M)
# The commonest surnames, seldom the first character of a common word (unlike 和, 高,
# 平, 文, 金): after a title, such a surname and a common word are still a name.
COMMON_SURNAMES = set("张王李赵刘陈杨吴徐孙胡朱郭何罗郑梁谢宋唐韩冯邓曹彭曾萧董潘袁蔡蒋余杜叶魏苏吕"
                      "丁沈姚卢姜崔钟谭陆汪廖贾夏韦邹孟熊秦邱薛闫侯郝龚邵覃")
# What a speaker gives, right after the name: 某某某作报告, 作了辅导, 作专题宣讲.
GIVES = re.compile(r"作(?![品家者业坊物])")  # 作报告, 作了辅导, 作首场宣讲, 作为 (not 作品)
# Titles and forms of address that follow a full name (何某某博士, 市委刘某某书记, 郭某某大爷).
POST_AFTER = ("书记", "博士", "教授", "院士", "老师", "同志", "主任", "部长", "局长", "先生", "女士",
              *KINSHIP)
# What an official does right after the name: after a title, the name is whole.
LEADS = re.compile(r"说|表示|介绍|强调|指出|主持|出席|带领|带队|陪同|讲话|致辞|" + GIVES.pattern)
# An age before a name: 78岁的某某拄着拐杖… (a cue like a title).
AGE = re.compile(r"(?<![0-9])[0-9]{1,3}岁的")
POST_AFTER_RE = re.compile("(?=(" + "|".join(POST_AFTER) + "))")
LIST_ITEM = r"[\u4e00-\u9fff]{2,5}"
LIST_RE = re.compile(rf"(?:{LIST_ITEM}、)+{LIST_ITEM}")


class PersonExtractor:
    name = "persons"

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def _words(self, filename: str) -> list[str]:
        data = resources.files("kg.data").joinpath(filename).read_text("utf-8")
        return [w for line in data.splitlines() if not line.startswith("#") for w in line.split()]

    @cached_property
    def surnames(self) -> tuple[set[str], set[str]]:
        words = self._words("surnames.txt")
        return {w for w in words if len(w) == 1}, {w for w in words if len(w) == 2}

    @cached_property
    def minority_re(self) -> re.Pattern:
        parts = sorted(set(self._words("minority_names.txt")), key=len, reverse=True)
        element = "(?:" + "|".join(map(re.escape, parts)) + ")"
        return re.compile(f"{element}(?:[·•]?{element}){{1,2}}")  # 努尔兰·别克 too

    @cached_property
    def known(self) -> set[str]:
        return set(self._words("persons.txt"))

    def plausible(self, name: str) -> bool:
        single, double = self.surnames
        if name in NOT_NAMES or not re.fullmatch(r"[\u4e00-\u9fff]+", name) \
                or name.endswith(KINSHIP) or self.verb_led(name):
            return False
        if name[:2] in double:
            return 3 <= len(name) <= 4
        return name[0] in single and 2 <= len(name) <= 3

    def extract(self, article: Article, context: Context) -> list[Mention]:
        text = article.text
        taken = [(m.start, m.end) for m in context.mentions]
        found: dict[tuple[int, int], Mention] = {}

        def add(start: int, end: int, canonical: str | None = None) -> None:
            if any(s < end and start < e for s, e in (*taken, *found)):
                return  # overlaps another entity or a name already found (曾向阳 / 向阳)
            if (text[end:end + 1] or "^") in "·•" or (text[start - 1:start] or "^") in "·•":
                return  # one part of a transliterated name (阿迪莱·麦提…)
            found[(start, end)] = make_mention(article, EntityType.PERSON, start, end,
                                               canonical=canonical or text[start:end].replace(" ", ""),
                                               extractor=self.name)

        for name in (*article.metadata.editors, *article.metadata.authors):
            spaced = r"[ \u3000]?".join(map(re.escape, name))
            for m in re.finditer(spaced, text):
                add(m.start(), m.end(), name)
        for name in self.known:
            for m in re.finditer(re.escape(name), text):
                add(m.start(), m.end())
        # Transliterated Tibetan, Mongolian and Uyghur names carry no Han surname: two or
        # three elements of kg/data/minority_names.txt (扎西|顿珠, 阿不都|热合曼) after a
        # title or role, or before what follows a name (说, 和, punctuation); before the
        # title pass, whose jieba span may hold only a part (阿不都|热合曼)
        titles = list(TITLE_RE.finditer(text))
        title_ends = {t.end() for t in titles}
        tokens = self.segmenter.tokens(text)
        ends = {t.end for t in tokens}
        tagged = {(t.start, t.end) for t in tokens if t.pos.startswith("nr")}
        words = {t.start: t for t in tokens}
        # A transliterated name by its interpunct (热依拉·吾斯曼, 阿卜杜·热合曼·买买提),
        # whatever its elements, after a title, a role or an age, or before a speech verb
        # or a photo credit; in quotes, a title with a · is a programme's (“红色某某·某某”).
        roles = [t for t in tokens if 2 <= len(t.text) <= 4 and t.text[-1] in ROLE_SUFFIXES
                 and t.pos[:1] in ("n", "l") and t.text not in NOT_ROLES]  # 青年律师, 茶农
        ages = list(AGE.finditer(text))
        cued = title_ends | {t.end for t in roles} | {m.end() for m in ages}
        for at in sorted(cued, reverse=True):  # the nearest cue: 30岁的宣讲员|某某·某某
            m = DOTTED.match(text, at)
            if m and not _in_quotes(text, at):
                add(m.start(), m.end())
        for m in DOTTED_ALONE.finditer(text):  # opening a sentence or a credit line
            # (a word of a clause, not a mark: 版面:要闻·广告, (乡村行·看振兴) are headings)
            if ((AFTER.match(text, m.end()) and "\u4e00" <= text[m.end():m.end() + 1] <= "\u9fff")
                    or CREDIT.match(text, m.end())) and not _in_quotes(text, m.start()):
                add(m.start(), m.end())
        for m in self.minority_re.finditer(text):
            after = AFTER.match(text, m.end())
            if (m.start() in title_ends or after) \
                    and text[m.end():m.end() + 1] not in MINORITY_NOT_AFTER:
                add(m.start(), m.end())
        for t in titles:
            self._after_title(text, t.end(), ends, tagged, add, words)
            if text[t.end():t.end() + 1] in "”’":  # “金牌宣讲员”某某: a quoted title
                self._after_title(text, t.end() + 1, ends, tagged, add, words)
        for m in ages:  # 78岁的张某某拄着…
            if not TITLE_RE.match(text, m.end()):
                self._after_title(text, m.end(), ends, tagged, add, words)
        for t in roles:  # a role by its suffix: 青年律师某某, 茶农某某说
            if t.end not in title_ends:
                self._after_title(text, t.end, ends, tagged, add, words)
        for i, t in enumerate(tokens[:-1]):  # a speaker: 白景春说, 逯丽平介绍
            if t.pos.startswith("nr") and tokens[i + 1].text.startswith(SPEECH) \
                    and self.plausible(t.text) and not self.common_word(t.text):
                longer = text[t.start - 1:t.end] if t.start else ""
                if longer and any(m.canonical == longer for m in found.values()):
                    add(t.start - 1, t.end)  # 曾|向阳强调, named 曾向阳 before
                else:
                    add(t.start, t.end)
        for m in LIST_RE.finditer(text):
            self._list(text, m, found, tagged, ends, add)
        # A three-character word jieba does not know (its HMM found it), opening with a
        # surname, before a verb, an adverb, a preposition or punctuation: a name
        # (…,孙丽娟已经出发), unless it ends as things do (楼栋式, 田长制, 宣传栏).  Names the
        # dictionary holds as words are left to the other evidence: too many are common.
        # With no cue at all, a surname that is also a common verb (解民忧: 解 "solve") is none.
        for i, t in enumerate(tokens[:-1]):
            if t.pos == "nr" and len(t.text) == 3 and t.text[-1] not in THING_ENDINGS \
                    and t.text[-1] not in FUNCTION_CHARS and not self.verb_char(t.text[0]) \
                    and self.segmenter.lookup(t.text) is None and self.plausible(t.text) \
                    and not self.common_word(t.text) \
                    and (tokens[i + 1].pos[:1] in ("v", "d", "p", "c") or tokens[i + 1].pos == "x"):
                add(t.start, t.end)
        for pattern, separators in ((CREDIT_PAREN, "、"), (CREDIT_LINE, " \u3000")):
            for m in pattern.finditer(text):
                self._credit(text, m.start(1), m.group(1), separators, add)
        for m in DATELINE.finditer(text):
            self._byline(text, m.start(1), m.group(1), add)
        for pattern in (MEDIUM_CREDIT, PHOTO):  # 某某日报   张某某; 张某某摄
            for m in pattern.finditer(text):
                if self.plausible(m.group(1)) and not self.common_word(m.group(1)):
                    add(m.start(1), m.end(1))
        self._before_post(text, words, found, add)
        return list(found.values())

    def _byline(self, text: str, at: int, group: str, add) -> None:
        """The names of a dateline's byline (电（记者 张某 李某）), all or none."""
        items = []
        for m in re.finditer(r"[^ \u3000、\n]+", group):
            s, item = at + m.start(), m.group()
            title = TITLE_RE.match(item)
            if title:
                s, item = s + title.end(), item[title.end():]
            if item:
                items.append((s, s + len(item), item))
        # every item of a byline is a name: most must look like one (a rare surname,
        # 奥蓝, passes with the others), none may be a common word
        plausible = sum(1 for _, _, n in items if self.plausible(n))
        if items and plausible * 2 >= len(items) and all(
                2 <= len(n) <= 4 and not self.common_word(n) and n[-1] not in FUNCTION_CHARS
                for _, _, n in items):
            for s, e, n in items:
                add(s, e, n)

    def _before_post(self, text: str, words: dict, found: dict, add) -> None:
        """A full name right before a title or a form of address (邀请何某某博士, 市委刘某某
        书记, 郭某某大爷一边说): three characters, a surname first, opening where a word
        does and not the tail of a longer word."""
        for m in POST_AFTER_RE.finditer(text):
            end = m.start()
            start = end - 3
            if start < 0 or start not in words:
                continue
            lead, rest = words[start], words.get(start + 1)
            if len(lead.text) == 1 and lead.pos[:1] in ("p", "c") and rest is not None \
                    and rest.end == end and rest.pos.startswith("nr"):
                start += 1  # 向/p|雷锋/nr|同志: a preposition before a two-character name
            name = text[start:end]
            if not self.plausible(name) or self.common_word(name) or name[-1] in FUNCTION_CHARS \
                    or name[-1] in THING_ENDINGS or any(ch in FUNCTION_CHARS for ch in name[1:]):
                continue
            if self.common_given(name):
                continue  # 在会上书记…: a common word after the surname, no given name
            before = text[start - 1:start] if start else "\n"
            if "\u4e00" <= before <= "\u9fff" and before not in "委请由和与及等" \
                    and not self.plausible(text[start - 1:end]):
                if not any(e == start for _, e in found):
                    continue  # 市委刘某某书记 opens after 委; 邀请何某某 after a verb
            add(start, end)

    def _credit(self, text: str, at: int, group: str, separators: str, add) -> None:
        """The names of a credit, all or none: each must be a plausible name."""
        items = [(i.start(), i.group()) for i in re.finditer(f"[^{separators}]+", group)]
        names = [(at + s, at + s + len(item), item.replace(" ", "").replace("\u3000", ""))
                 for s, item in items if item.strip()]
        if names and all(2 <= len(n) <= 4 and self.plausible(n) and not self.common_word(n)
                         for _, _, n in names):
            for start, end, name in names:
                add(start, end, name)

    def verb_led(self, name: str) -> bool:
        """宣讲党 (…群众宣讲党的…): a three-character "name" that opens with a common verb;
        高兴地 (…高兴地说), 黄金周: or with a very common word that names no one."""
        if len(name) != 3:
            return False
        info = self.segmenter.lookup(name[:2])
        if info is None:
            return False
        return (info[1] == "v" and info[0] >= 50) or (
            info[0] >= 1000 and not info[1].startswith(("nr", "ns", "nz", "nt")))

    def common_given(self, name: str) -> bool:
        """The part after the surname is a common word, not a given name (和|村民); 立新,
        建军 are rarer words and 海龙 a proper noun, so 马立新, 单海龙 are names."""
        given = self.segmenter.lookup(name[1:])
        return given is not None and given[0] >= 500 and not given[1].startswith(("nr", "nz", "ns"))

    def verb_char(self, ch: str) -> bool:
        """A character that is a common verb by itself (解, 聚): a weak surname."""
        info = self.segmenter.lookup(ch)
        return info is not None and info[1] == "v" and info[0] >= 1000

    def common_word(self, word: str) -> bool:
        """A dictionary word that is not a name (干部, 富强): not a person on weak evidence."""
        info = self.segmenter.lookup(word)
        return info is not None and not info[1].startswith("nr") and info[0] >= 20

    def _after_title(self, text: str, at: int, ends: set[int], tagged: set, add,
                     words: dict) -> None:
        """The name right after a title: the longest plausible one that a clause
        boundary follows (县委书记徐宏君主持 → 徐宏君; 成员马明用… → 马明)."""
        first, given = words.get(at), words.get(at + 1)
        if first is not None and len(first.text) == 1 and first.pos[:1] in ("c", "d"):
            # 劳模|和/c|道德模范, 大户|都/d|来了: a conjunction or an adverb, no surname,
            # unless a given name follows (局长|和/c|建斌/nr说, 书记|曾/d|向阳/nr强调)
            info = self.segmenter.lookup(given.text) if given is not None else None
            if given is None or not given.pos.startswith("nr") or (info is not None and info[0] >= 1000):
                return
        for length in (4, 3, 2):
            name = text[at:at + length]
            if len(name) < length or not self.plausible(name) or self.common_word(name):
                continue
            # bounded: a clause goes on after the name, another title follows it
            # (记者某某通讯员某某), or jieba itself reads exactly this span as a name
            bounded = bool(AFTER.match(text, at + length) or TITLE_RE.match(text, at + length)) \
                or ((at, at + length) in tagged and at + length in ends and length >= 3
                    and name[-1] not in FUNCTION_CHARS and text[at + length:at + length + 1] not in "·•") \
                or (length == 2 and (at, at + 2) in tagged and name[-1] not in THING_ENDINGS
                    and self.segmenter.lookup(name) is None and self._word_follows(words, at + 2)) \
                or (length == 3 and name[-1] not in THING_ENDINGS and self._verb_follows(text, at + 3, ends))
            # 陆|永和/nz|念: jieba reads the given name as one proper noun, whatever it ends with
            whole = length == 3 and given is not None and given.end == at + 3 \
                and given.pos in ("nr", "nrfg", "nrt", "nz") and at + 1 in ends
            gives = length == 3 and GIVES.match(text, at + 2) is not None \
                and text[at + 3:at + 4] in "专报了辅示主宣首讲"  # 教授林岳|作专题辅导
            if length == 3 and (name[2] in FUNCTION_CHARS or gives) and not whole \
                    and self.plausible(name[:2]) and not self.common_word(name[:2]):
                add(at, at + 2)  # 侯勇为“佤山…”: 为 opens the clause
                return
            if (name[-1] in FUNCTION_CHARS and not whole) or (length == 3 and name[-1] in THING_ENDINGS):
                continue  # 普及了, 宣传栏: a clause or a thing, not a name
            if not bounded and not (whole and words.get(at) is not None and words[at].end == at + 1
                                    and words[at].pos.startswith("nr")):
                continue  # (宣讲员|李/nr|宝山/nr|种了…: jieba read a surname and a given name)
            glued = (text[at + length:at + length + 1] in FUNCTION_CHARS and at + length + 1 in ends) \
                or GIVES.match(text, at + length) is not None \
                or (AFTER.match(text, at + length) is not None and at + length + 1 in ends
                    and at + length - 1 in words) \
                or (length == 3 and text[at + 4:at + 5] in ("着", "了")
                    and self._verb_follows(text, at + length, ends))  # 陈在|富笑|着说
            if at + length not in ends and (at, at + length) not in tagged and length > 2 \
                    and not glued:  # 袁中树以: jieba glued 以 onto the name
                continue
            if length == 3 and self.common_given(name) \
                    and not (name[0] in COMMON_SURNAMES and (AFTER.match(text, at + length)
                                                             or self._verb_follows(text, at + 3, ends))) \
                    and not LEADS.match(text, at + length):  # 主席牛建平带领: whatever 建平 is
                continue  # 和村民: 村民 is a common word; 马立新, 王建军 are names (立新, 建军
                # are rarer words), and so is 单海龙 (海龙 is a proper noun, a given name);
                # 主任张海军等: after one of the commonest surnames, a name whatever 海军 is
            add(at, at + length)
            return

    def _verb_follows(self, text: str, at: int, ends: set[int]) -> bool:
        """A verb or adverb of two characters or more starts at ``at`` (理事周某某|关注, 村民
        杨某某|乐呵地: jieba may have glued its first character onto the name): the
        three-character name before it is whole."""
        # a one-character verb with its aspect or place (拿着, 笑着说, 站在, 走到)
        verb = self.segmenter.lookup(text[at:at + 1]) if at < len(text) else None
        if verb is not None and verb[1].startswith("v") and verb[0] >= 100 \
                and text[at:at + 1] not in FUNCTION_CHARS:
            if text[at + 1:at + 2] in ("着", "了", "过", "在", "到", "起"):
                return True
            if at in ends and at + 1 in ends:
                return True  # 某某某|念|…: a verb of one character, a word of its own
        for n in (3, 2):
            word = text[at:at + n]
            info = self.segmenter.lookup(word) if len(word) == n else None
            if info is not None and info[1][:1] in ("v", "d", "a") and info[0] >= 20 \
                    and (at in ends or at + n in ends):
                return True
        return False

    def _word_follows(self, words: dict, at: int) -> bool:
        """jieba starts a dictionary word of two characters or more at ``at``, no
        name (讲师孙某|高兴地说, 书记林某|右手握拳): the two-character name before it
        is whole, when jieba's HMM guessed it (a dictionary word after a title, 选手|晋级,
        is no name) and it does not end as things do (干部|包队)."""
        token = words.get(at)
        if token is None or len(token.text) < 2 or token.pos.startswith("nr"):
            return False
        return self.segmenter.lookup(token.text) is not None

    def _list(self, text: str, m: re.Match, found: dict, tagged: set, ends: set, add) -> None:
        """Accept every member of a 、-list in which most members are names already."""
        items = [(m.start() + i.start(), m.start() + i.end()) for i in re.finditer(r"[^、]+", m.group())]
        first_s, first_e = items[0]
        inner = next(((s, e) for s, e in found if e == first_e and s > first_s), None)
        if inner:  # the regex ran into the words before the list: 领导南振虎
            items[0] = inner
        last_s, last_e = items[-1]
        cut = re.search(r"[等及和]", text[last_s + 2:last_e])
        if cut:  # and past it: 张志文等县委
            items[-1] = (last_s, last_s + 2 + cut.start())
        last_s, last_e = items[-1]
        if not self.plausible(text[last_s:last_e]):  # 张三、李四作了发言: cut at a word end
            cut_at = next((last_s + n for n in (3, 2) if last_s + n < last_e
                           and self.plausible(text[last_s:last_s + n])
                           and (text[last_s + n] in FUNCTION_CHARS or text[last_s + n] in "作讲发")), None)
            if cut_at is not None:
                items[-1] = (last_s, cut_at)
        known = sum(1 for it in items if it in found or it in tagged)
        likely = [(s, e) for s, e in items
                  if text[e - 1] not in THING_ENDINGS and text[e - 1] not in FUNCTION_CHARS
                  and (self.plausible(text[s:e]) or (known >= 3 and len(text[s:e]) <= 5))]
        if known >= 2 and known * 2 >= len(items) and len(likely) == len(items):
            for s, e in items:
                add(s, e)
            return
        # 成员王小明、李红、赵刚: a list headed by a name found after a title, all of whose
        # members are plausible names, shares the title's evidence
        if items[0] not in found or not TITLE_RE.search(text, max(0, items[0][0] - 6), items[0][0]):
            return
        # the regex may have run on past the last name (赵刚深入基): cut it at a word end
        last_s, last_e = items[-1]
        ends_at = next((last_s + n for n in (4, 3, 2) if last_s + n <= last_e
                        and (last_s + n in ends or AFTER.match(text, last_s + n))
                        and self.plausible(text[last_s:last_s + n])), None)
        if ends_at is None:
            return
        items[-1] = (last_s, ends_at)
        if all(self.plausible(text[s:e]) and not self.common_word(text[s:e]) for s, e in items[1:]):
            for s, e in items:
                add(s, e)
