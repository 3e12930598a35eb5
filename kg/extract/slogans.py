"""Slogans: mottos, principles and numbered formulas used as political slogans.

Found three ways, by grammar rather than by list wherever possible:

1. nationally known formulas from ``kg/data/slogans.txt`` (四个全面, 三严三实),
   quoted or not;
2. quoted formulas: numerals or digits with ``+`` (“3+5+1”, “四个一”,
   “四位一体”, “七进”), and parallel mottos (“接地气、聚人气、鼓士气”);
3. quoted mottos that name an activity when a programme noun follows
   (“振兴新突破 我要当先锋”专项行动), or that the text calls a motto
   (以“永远做草原上的文艺轻骑兵”为理念).

Quoted metaphors and ordinary words (“中梗阻”, “破冰”, “菜单式”) are not slogans.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property
from importlib import resources

from kg.extract.base import Context, make_mention
from kg.extract.phrases import NOMINAL_VERBS
from kg.extract.segment import Segmenter
from kg.extract.text import (ACTIVITY_NOUNS, FOLK_ARTS, NUMERALS, PROGRAMME_SELF_HEADS, clean_name,
                             list_kind, quoted)
from kg.model import Article, EntityType, Mention

N = f"[{NUMERALS}]"
# “3+5+1”, “5+12+N”, “理论+文艺”: parts joined by plus signs.
PLUS_FORMULA = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff]{1,8}(?:(?:[+＋][0-9A-Za-z\u4e00-\u9fff]{1,8})+[+＋]?"
                          r"|[+＋])$")  # “理论宣讲+”: open to whatever is added
# “四个一”, “两个转型”, “九个是不是”, “七进”, “三变”, “五老”, “三个三”.
NUMBERED = re.compile(rf"^{N}{{1,2}}(?:个|项|大|条|种|类|张|次|化|有|不|型)?[\u4e00-\u9fff]{{1,5}}$")
# “四位一体”, “三严三实”, “一企一策”, “千人万场”: two numeral-led halves.
DOUBLE = re.compile(rf"^{N}[\u4e00-\u9fff]{{1,2}}{N}[\u4e00-\u9fff]{{1,2}}$")
DIGIT_LED = re.compile(r"^[0-9]{1,2}[\u4e00-\u9fff]{1,4}$")  # “5对照”
SEPARATORS = re.compile(r"[、，,\s·]+")
# Conjunctions that make a quoted line a sentence, not a motto: 不仅要…,还要….
# What speech has and a motto has not: aspect and modal particles, the persons
# spoken to (“快板一打，理论就活了”, “你讲政策，咱们算细账”).  (其他, 才, 我 are in
# mottos: 其他喜事不办, 爱拼才会赢, 振兴新突破 我要当先锋.)
SPOKEN = re.compile(r"[了就也吧呢啊吗嘛咱你]|大家|都[是在能会]")
CLAUSE_LINKS = re.compile(r"不仅|还要|而且|但是|因为|所以|如果|虽然|只有|只要")
# Words that start with a numeral without being numbered formulas.
NOT_FORMULA = ("一线", "一流", "一体", "一起", "一致", "一切", "一些", "一般", "一定", "一直",
               "万家", "百姓", "千方百计", "万众一心", "一道", "一同", "一样", "一带", "一律",
               "四大家", "四大班子", "两委", "三农问题")
# Holidays and anniversaries said as month and day: 七一, 三八, 五四, 八一, 十一, 一二·九.
DATE_NUMERALS = re.compile(r"^(?:[一二三四五六七八九]|十[一二]?)(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
                           r"(?:·[一二三四五六七八九十]+)?$")
# Unquoted numbered formulas of the political vocabulary: a count and 大 before a noun
# of tasks and aims (五大任务, 三大攻坚战; not 行动 or 工程, which head programmes' names), or N件大事 (两件大事); and the chief systems
# named after a post (河长制, 林长制, 田长制).
UNQUOTED_FORMULA = re.compile(rf"(?<![{NUMERALS}第])[二两三四五六七八九十]大(?:任务|攻坚战|战略|目标|举措|理念)"
                              rf"|(?<![{NUMERALS}第])[两三四五六七八九十]件大事"
                              r"|[河湖林田路街山]长制(?![度定造作约])")  # not 街长|制度
# Nouns that, right after a quoted motto, make the whole an activity (a programme).
PROGRAMME_HEADS = (*ACTIVITY_NOUNS, "主题")
# Nouns that turn a formula into a longer surface of the same slogan.
FORMULA_TAILS = ("战略布局", "工作体系", "工作法", "工作机制", "模式", "体系", "要求", "理念")
# A quoted clause given as a theme is a motto: 主题为“…”, 以“…”为主题.
THEME_BEFORE = re.compile(r"主题(?:为|是)[:：]?$")
# A quoted motto the text calls one: 以“永远做草原上的文艺轻骑兵”为理念, 坚持“…”的宗旨.
MOTTO_FRAME = re.compile(r"(?:为|的)(?:理念|宗旨|口号|座右铭)")


def is_formula(text: str) -> bool:
    """Numbered or plus-joined formula: “3+5+1”, “四个一”, “四位一体”, “七进”; never a
    date said in numerals (“七一”, “三八”: 7 月 1 日, 3 月 8 日) or a folk art (三句半)."""
    if text.startswith(NOT_FORMULA) or text.startswith("第") or text in FOLK_ARTS \
            or DATE_NUMERALS.match(text):
        return False
    return bool(PLUS_FORMULA.match(text) or NUMBERED.match(text) or DOUBLE.match(text)
                or DIGIT_LED.match(text))


def is_parallel_motto(text: str) -> bool:
    """Two to six short parallel parts: “接地气、聚人气、鼓士气”, “谋、立、推、建”."""
    if len(text) > 30 or text[-1:] in "。！？!?" or "…" in text or "..." in text:
        return False  # a quoted sentence or song line, not a motto
    parts = [p for p in SEPARATORS.split(text) if p]
    if not 2 <= len(parts) <= 6 or any(len(p) > 12 for p in parts):
        return False
    if SPOKEN.search(text):
        return False  # “讲台搬到楼门口，理论就有了烟火气”: someone's words, quoted
    lengths = {len(p) for p in parts}
    if len(lengths) == 1:
        return True
    if min(lengths) < 3 or not all("\u4e00" <= p[0] <= "\u9fff" for p in parts) \
            or CLAUSE_LINKS.search(text):
        return False
    # two unequal parts joined by · are two names, as in a title (某某窗·某某说)
    return not (len(parts) == 2 and "·" in text)


def is_parallel_halves(text: str) -> bool:
    """A motto in parallel halves set apart by 、 or a comma (“小切口、大宣讲”): a motto
    whatever noun it ends with."""
    return bool(re.search(r"[、，,]", text)) and is_parallel_motto(text)


def programme_head_after(text: str, at: int) -> str | None:
    """The programme noun that starts at ``text[at]``, if any (宣讲团 is a group, not one);
    verbs used as nouns may come first (“…”宣讲大赛, “…”志愿服务活动)."""
    for _ in range(3):
        word = next((w for w in NOMINAL_VERBS if text.startswith(w, at)
                     and not any(text.startswith(h, at) for h in PROGRAMME_HEADS)), None)
        if word is None:
            break
        at += len(word)
    head = next((h for h in PROGRAMME_HEADS if text.startswith(h, at)), None)
    return None if head is None or text[at + len(head):at + len(head) + 1] in ("团", "队", "员") \
        and text[at + len(head):at + len(head) + 1] else head


def _repeated(name: str) -> bool:
    """Parallel halves that repeat a character: 双招双引, 好家风好家教, 学懂弄通做实 is not."""
    half = len(name) // 2
    return len(name) % 2 == 0 and half >= 2 and name[0] == name[half]


class SloganExtractor:
    name = "slogans"

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def _motto_like(self, text: str, start: int, end: int) -> bool:
        """A short quoted name is a motto when it is a clause (童心向党, 共铸诚信: a verb
        and its object) or parallel halves (双招双引); a noun phrase (理论超市) is a brand."""
        if _repeated(clean_name(text[start:end])):
            return True
        # a verb with something after it: jieba tags the heads of some noun phrases
        # as verbs (基层|论谈, 理论|超市), never a verb that governs an object
        tokens = self.segmenter.tokens(text)
        i = bisect_left(tokens, start, key=lambda t: t.start)
        while i < len(tokens) and tokens[i].end < end:
            t = tokens[i]
            if t.pos in ("v", "vd", "vi", "p") and t.text not in NOMINAL_VERBS:
                return True
            i += 1
        return False

    def _idiom(self, name: str) -> bool:
        """A four-character idiom of jieba's dictionary (一马当先/i)."""
        info = self.segmenter.lookup(name) if len(name) == 4 else None
        return info is not None and info[1] == "i"

    @cached_property
    def lexicon(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """surface -> (canonical, aliases) for the known formulas."""
        out: dict[str, tuple[str, tuple[str, ...]]] = {}
        data = resources.files("kg.data").joinpath("slogans.txt").read_text("utf-8")
        for line in data.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            names = line.split("|")
            for name in names:
                out[name] = (names[0], tuple(names[1:]))
        return out

    @cached_property
    def _lexicon_re(self) -> re.Pattern:
        names = sorted(self.lexicon, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, names)))

    def extract(self, article: Article, context: Context) -> list[Mention]:
        text = article.text
        out: list[Mention] = []
        taken: set[tuple[int, int]] = set()

        def add(start: int, end: int, canonical: str, aliases: tuple[str, ...] = ()) -> None:
            if (start, end) in taken:
                return
            taken.add((start, end))
            out.append(make_mention(article, EntityType.SLOGAN, start, end, canonical=canonical,
                                    aliases=aliases, extractor=self.name))

        for q in quoted(text):
            inner = q.text.strip()
            if not inner:
                continue
            tail = next((t for t in FORMULA_TAILS if text.startswith(t, q.end)), None)
            name = clean_name(inner)
            aliases = (name + tail,) if tail else ()
            if inner in self.lexicon:
                canonical, more = self.lexicon[inner]
                add(q.inner_start, q.inner_end, canonical, more + aliases)
            elif list_kind(text, q.end) or name.endswith(PROGRAMME_SELF_HEADS) \
                    and not is_parallel_halves(inner):
                continue  # “千名干部进农家”“一刻钟微讲堂”等活动: programmes, named like formulas
                # (but “小切口、大宣讲” is a motto in parallel halves)
            elif self._idiom(name):
                continue  # “一马当先”, “万马奔腾”: idioms that open with a numeral, no formulas
            elif is_formula(name) or is_parallel_motto(inner):
                joined = SEPARATORS.sub("", inner)
                add(q.inner_start, q.inner_end, name, (joined, *aliases))
            elif MOTTO_FRAME.match(text, q.end) and 4 <= len(name) <= 20 \
                    and (text[q.end:q.end + 1] == "的" or text[q.start - 1:q.start] == "以"):
                add(q.inner_start, q.inner_end, name, aliases)
            elif 4 <= len(name) <= 20 and (THEME_BEFORE.search(text, max(0, q.start - 4), q.start)
                                           or text.startswith("为主题", q.end)) \
                    and self._motto_like(text, q.inner_start, q.inner_end):
                add(q.inner_start, q.inner_end, name, aliases)  # 主题为“保护某某当好某某”
            elif (len(name) >= 7 or (len(name) >= 4 and self._motto_like(text, q.inner_start,
                                                                      q.inner_end)))\
                    and programme_head_after(text, q.end) and not name.endswith(
                    PROGRAMME_SELF_HEADS) and "…" not in name and "..." not in name:
                add(q.inner_start, q.inner_end, name, aliases)

        tokens = None
        for m in UNQUOTED_FORMULA.finditer(text):
            if tokens is None:
                tokens = self.segmenter.tokens(text)
                starts = {t.start for t in tokens}
                ends = {t.end for t in tokens}
            # whole words only (五大任务, not 十五大任务书); jieba may hold 林长制 whole or
            # split it (田长|制), never within a longer word
            system = m.group().endswith("长制")
            if m.start() in starts and (m.end() in ends or system and m.end() - 1 in starts):
                add(m.start(), m.end(), m.group())
        for m in self._lexicon_re.finditer(text):
            canonical, more = self.lexicon[m.group()]
            tail = next((t for t in FORMULA_TAILS if text.startswith(t, m.end())), None)
            add(m.start(), m.end(), canonical, more + ((m.group() + tail,) if tail else ()))
        return out
