"""Name boundaries from jieba tokens: how far left a name's modifiers reach.

Names of groups and bodies are a head noun (宣讲团, 杂志社, 公司) after a few
modifiers (劳模, “佤山”, 龙文化传媒).  We walk left from the head over tokens
that can be part of a name and stop at verbs, function words and punctuation.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from kg.extract.segment import Token

# jieba POS tags that may sit inside a name: nouns, places, organisations,
# other proper nouns, abbreviations, distinguishing words, idioms, numerals
# (五类, 二十大), verbal nouns (宣讲, 服务), adjectives (特色).
NAME_POS = ("n", "ns", "nt", "nz", "nr", "nrt", "nrfg", "ng", "j", "b", "l", "vn", "an",
            "m", "mq", "eng", "a", "s", "f")
# jieba tags these 't' (time words) though they name people: 青年宣讲团, 老年大学.
AGE_GROUPS = {"青年", "少年", "老年", "中年", "青少年", "中老年", "童年",
              "后代", "后人", "子孙"}  # (红军后代宣讲团: jieba tags 后代 't' too)
ADVERBS = {"先后", "相继", "分别", "共同", "积极", "大力", "持续", "不断", "再次", "已经", "正在", "深入",
           "广泛", "全面", "切实", "主动", "认真", "扎实", "精心", "充分", "进一步", "专门", "重点"}
LEVEL_CHARS = frozenset("省市州县区旗镇乡村")
STOP_WORDS = {"等", "和", "与", "及", "或", "的", "了", "在", "是", "为", "由", "对", "向", "将", "把",
              "被", "从", "到", "以", "全", "各", "该", "本", "我", "我们", "其", "组织", "成立",
              "组建", "开展", "举办", "邀请", "参加", "一支", "这支", "有", "每", "个", "名", "支",
              "成员", "队员", "通过", "依托", "围绕", "根据", "按照", "还", "也", "都", "共", "并",
              "代表", "串联", "串联成", "打造", "培育", "建立", "设立", "带领", "作为", "加入",
              "辖区", "辖区内",
              # quantities of things: 很多|大学, 不少|企业 name no one of them
              "很多", "许多", "一些", "不少", "众多", "诸多", "多所", "多家",
              # a caption's opener, an enumeration's (一是…), a locative (县里, 村里), a verb
              # of setting up: jieba's name guess may hold them (图为/nr, 一是/nr, 州里/nr)
              "图为", "如图", "其一", "其二", "部分", "分设", "下设", "增设",
              "这", "这是", "那是", "正是", "就是", "也是", "都是", "还是", "便是", "即是",
              *(n + "是" for n in "一二三四五六七八九十"),
              *(lv + "里" for lv in LEVEL_CHARS)}
QUOTE_CLOSE = "”’」』"
# A count of things is no modifier: 多支, 23支, 十几名, 一批.
COUNTED = re.compile(r"^(?:(?:[0-9]+|[多几数一二三四五六七八九十百千两首各每]+)[支名个批位只家所]|一(.)\1)$")
# Verbs used as nouns inside names (党史学习教育宣讲团, 志愿服务队): taken when a
# modifier already follows them, never as the first word before the head.
NOMINAL_VERBS = {"学习", "宣传", "教育", "服务", "宣讲", "实践", "志愿", "培训", "读书", "文明",
                 "振兴", "巡回"}  # 乡村振兴|学院, 巡回|督导组
QUOTE_OPEN = "“‘「『"
# jieba's HMM guesses a name from unknown characters and may glue a conjunction or a
# particle to the word before: 宣讲组和|党员 (组和/nr), 青山网等|媒体 (网等/nr).  Such a
# guess ends the walk left: the name starts after it.
GUESSED = ("nr", "nrt", "nrfg", "nz")
CONJUNCTIONS = frozenset("和与及或")
# Punctuation inside a quote makes it a saying, not a name's modifier.
SAYING = re.compile(r"[。！？!?，,；;]")
GLUED_ENDS = CONJUNCTIONS | {"等"}
# …or glue a verb's aspect particle to the word after it: 承诺|过依/nr|提木孔乡中学,
# or a number's classifier: 58|支民/nr|语宣讲队.
ASPECT = set("了过着")
# …or glue a preposition to the word after it: 由县/nr|文化馆, 据潭门/nr|镇.  (Not 从, 将,
# 向: 从江县, 将乐县, 向阳村 are names.)
PREPOSITIONS = set("由据在把被让给")
# A locative after a noun opens a clause, never a name: 娃娃|上/f|小学.
LOCATIVES = {"上", "下", "里", "内"}
CLASSIFIERS = set("支个名位家所批")
DATE_PARTS = {"年", "月", "日", "号"}
DATE_TOKEN = re.compile(r"^[0-9０-９一二三四五六七八九十]+(?:年|月|日|号)$")


def token_index(tokens: tuple[Token, ...], position: int) -> int:
    """Index of the first token starting at or after ``position``."""
    return bisect_left([t.start for t in tokens], position)


def extend_left(text: str, tokens: tuple[Token, ...], head_start: int, *,
                max_chars: int = 12, floor: int = 0) -> int:
    """The start of the modifiers before ``text[head_start]`` (``head_start`` if none).

    Quoted stretches directly before are taken whole (驻村“第一书记”宣讲团).
    ``floor`` bounds the walk (e.g. the end of a previous name).
    """
    start = head_start
    i = token_index(tokens, head_start) - 1
    while i >= 0 and head_start - tokens[i].start <= max_chars:
        tok = tokens[i]
        if tok.start < floor:
            break
        if tok.text and tok.text[-1] in QUOTE_CLOSE:
            # take the whole quoted stretch
            j = i - 1
            while j >= 0 and not (tokens[j].text and tokens[j].text[0] in QUOTE_OPEN):
                j -= 1
            if j < 0 or head_start - tokens[j].start > max_chars + 10:
                break
            if SAYING.search(text, tokens[j].start, tok.end):
                break  # “讲得明白，群众才愿意听。”县委讲师团: a quoted saying, no modifier
            start = tokens[j].start
            i = j - 1
            continue
        if tok.text in DATE_PARTS or DATE_TOKEN.match(tok.text):
            break  # 11月9日|自治区宣讲团: a date says when, it is no part of a name
        if len(tok.text) > 1 and tok.text[-1] in GLUED_ENDS and tok.pos in GUESSED:
            break  # 青年宣讲组和|党员志愿服务队: two names, not one
        if len(tok.text) == 2 and tok.text[0] in CONJUNCTIONS and tok.text[1] in LEVEL_CHARS \
                and start < head_start:
            start = tok.start + 1  # 某镇文化站|和县/ns|人民医院…: 和 joins two names; 县 opens this one
            break
        if len(tok.text) > 1 and tok.text[0] in ASPECT and tok.pos in GUESSED \
                and i > 0 and tokens[i - 1].pos.startswith("v"):
            start = tok.start + 1  # 承诺|过依/nr|…中学: the verb's aspect particle, glued on
            break
        if len(tok.text) > 1 and tok.text[0] in PREPOSITIONS and tok.pos in GUESSED:
            start = tok.start + 1  # 由县/nr|文化馆: the preposition, glued on
            break
        if tok.pos == "f" and tok.text in LOCATIVES:
            break  # 上小学: a verb of place, no part of the school's name
        if len(tok.text) > 1 and tok.text[0] in CLASSIFIERS and tok.pos in GUESSED \
                and i > 0 and tokens[i - 1].pos == "m":
            start = tok.start + 1  # 58|支民/nr|…宣讲队: a count's classifier, glued on
            break
        # jieba tags some nouns as adverbs (民族团结|进步 d): one between nouns is a noun
        noun_like = tok.pos == "d" and len(tok.text) >= 2 and tok.text not in ADVERBS \
            and i > 0 and tokens[i - 1].pos.startswith(NAME_POS)
        nominal = tok.text in NOMINAL_VERBS and start < head_start
        # 委 cut from its place once the place is a word (沈阳市|委/zg|讲师团): a name's part
        organ = tok.text == "委"
        # a rank (处级/v, 科级, 县级): jieba may tag it a verb; it is a distinguishing word
        rank = len(tok.text) == 2 and tok.text[1] == "级" and start < head_start
        # a street after its place's name (上海|道/q|小学, 中山|路|社区): one name
        street = tok.text in ("路", "道", "街") and i > 0 and tokens[i - 1].pos == "ns"
        # a prefix (jieba's h: 非|遗传|承人) belongs to the word after it, taken already
        prefix = tok.pos == "h" and start < head_start and tok.end == start
        if tok.text in STOP_WORDS or not (tok.pos.startswith(NAME_POS) or tok.text in AGE_GROUPS
                                          or noun_like or nominal or organ or rank or street
                                          or prefix) \
                or not tok.text.strip() \
                or COUNTED.match(tok.text):
            if tok.text == "的" and i > 0 and tokens[i - 1].text.endswith("党"):
                start = tok.start  # 党的二十大精神宣讲小分队
                i -= 1
                continue
            break
        start = tok.start
        i -= 1
    return start
