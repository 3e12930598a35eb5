"""Administrative divisions named in an article.

* Gazetteer names (:mod:`kg.extract.gazetteer`), longest match first, kept when they
  are whole jieba words (和平区 is not read in 和平区域; 和平|区委 is fine).
* Full names count.  Province and city short forms (辽宁, 沈阳) count, unless they are
  ordinary words (来宾, 日照: ``kg/data/division_short_forms.txt``) with no related
  place named.  County short forms (辽中) and generic full names (城区, 高县) need the
  county named in full or, for rare short forms, a division above it; ordinary ones
  (和平) need the full name.  In an article about a county (县委, 全县) that names
  none, a rare county short form that only one county has stands for it (桦川).
  A short form right after a one-character surname is a person (王|海南).
* Ambiguous names (朝阳区 of Beijing or Changchun; 吉林 the province or the city) go to
  the candidate directly after its parent (天津市|和平区), else to the one related to
  most places named; a county left open keeps ``code=None`` and no parents.
* Townships (乡/镇/街道/苏木) and villages (村/社区/嘎查) by suffix: two to five
  characters starting on a word boundary right after a division (泰宁县|新桥乡),
  punctuation or a function word; ordinary words (城乡, 农村社区, 行政村:
  ``kg/data/township_generic.txt``) are kept out.  Parents: the division right
  before, else that of the same name's first such mention, else the article's one
  county (or, with none, its one city).  A village's parents skip its township,
  which has no code (see :attr:`Mention.key`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from importlib import resources

from kg.extract.base import Context, make_mention
from kg.extract.gazetteer import Chain, Entry, Gazetteer, get_gazetteer
from kg.extract.phrases import CONJUNCTIONS, PREPOSITIONS
from kg.extract.segment import Segmenter, Token
from kg.model import Article, DivisionLevel, EntityType, Mention

_SUFFIX_RE = re.compile("街道|苏木|社区|嘎查|[乡镇村]")
_LEVEL_OF_SUFFIX = {"乡": DivisionLevel.TOWNSHIP, "镇": DivisionLevel.TOWNSHIP,
                    "街道": DivisionLevel.TOWNSHIP, "苏木": DivisionLevel.TOWNSHIP,
                    "村": DivisionLevel.VILLAGE, "社区": DivisionLevel.VILLAGE,
                    "嘎查": DivisionLevel.VILLAGE}
_NAME_LEN = (2, 5)  # 新桥乡 … 潮格温都尔镇
_CJK = re.compile(r"[\u3400-\u9fff]+")
# Tokens after which a name may start: punctuation, numbers, function words, pronouns...
_STOP_TAGS = frozenset("x m p c u uj ul uz ug uv ud r d f y e o w".split())
_STOP_WORDS = frozenset("""到 进 赴 在 来 去 往 至 入 为 是 有 让 把 被 给 向 从 与 和 及 或 等 的 了 于 由
    对 以 将 并 也 都 又 还 就 走进 来到 深入 前往 位于 走访 来自 地处 包括 组建 成立 举办 开展
    进入 回到 赶赴 奔赴 走入 遍布 覆盖 以及 深入到 其中
    如 例如 比如 譬如 诸如 像 好像 就像 正如 犹如 好比 即""".split())  # 如|柳河镇: an example
# Words no place name holds inside: prepositions, conjunctions, particles.
_INNER_STOP_TAGS = frozenset("p c u uj ul uz ug uv ud r".split())  # (说说|咱们|社区: a pronoun)
# A count of li opening a place's name: 八里|甸子|镇, 三里|屯, 十里|铺 (jieba: 八里/m).
_LI = re.compile(r"^[一二三四五六七八九十]+里$")
# …or any numeral opening a name of three or more characters, not a count of places (三排镇,
# 二道川村, 九畹溪镇; not 三个镇, 十五所村小: a classifier ends the count).
_NUMERAL_OPENS = re.compile(r"^[一二三四五六七八九十两]+[^个名家支所批座处次场年月日位种类项多余户条]?$")
_BAD_FIRST = frozenset("各全本该每这那此其某县市区省个进")  # 6个苏木镇: a classifier; 进|百村
_COUNT_WORDS = frozenset("十百千万")  # 进百村, 千村: a count of villages
_BAD_INNER = frozenset("乡镇村各的等及该这此")  # 今年该镇: a pronoun, no name
# (社 is one too only as 社区: 郭家社村 is a village's name, 某社区某村 two places)
# A suffix may open a word for the place's own bodies: 水源村委会, 新桥乡政府.
_BODIES = ("村委", "村两委", "村党", "村支部", "村支书", "村干部", "村主任", "村民委员会", "镇政府",
           "镇党委", "镇人民政府", "镇长", "乡政府", "乡党委", "乡人民政府", "乡长", "街道办",
           "社区党", "社区居委")
# Tags jieba gives the names it guesses (a suffix glued to the next name: 镇宝/nrt).
_GUESS_TAGS = frozenset("nr nrt nrfg ns nz j".split())
_VERB_TAGS = frozenset("v vd vi".split())
_DIRECTIONS = frozenset("上下东西南北前后中")
_MODIFIER_TAGS = frozenset("a ad d".split())
# What jieba's name guess may glue before a village or township: a verb or preposition
# that takes a place (驻|某某村第一书记, 将|某某村的做法, 把), a caption's 图为.  Cut off only
# from a guessed word (将军村, 驻马店 are dictionary words, whole names).
_GLUED_LEADS = ("图为", "驻", "将", "把", "对", "被", "让", "给")
_ORGAN = re.compile("[区县市省旗州盟](委|长|政府|人大|政协|纪委|人民)")
_HIGHER = (DivisionLevel.PROVINCE, DivisionLevel.CITY)
# After a short form, what makes it a street's name: 上海道, 北京路, 南京大街 (not 街道).
_STREET = re.compile(r"(?!街道|道德|道路|路线|路径|道理|街区)(?:路|道|大街|大道|街)(?!办事处)")
# Before a short form, a title or role that makes it a person's name: 村民贡嘎, 记者某某.
# A people's name as a place name's last word before its level word: 某某满族乡.
_NATION = re.compile(r"[\u4e00-\u9fff]{1,4}族")
_TITLE_BEFORE = re.compile(r"(?:村民|牧民|农民|居民|群众|记者|通讯员|老人|党员|志愿者|队员|学生|老师)$")
# A short form whose first character completes a title before it: 副部|长沙某某 is
# 副部长 沙某某, 队|长春… is 队长 春… (jieba prefers the place it was given).
_TITLE_STEM = re.compile(r"(?:部|县|市|区|镇|乡|村|队|校|院|所|站|社|厂|处|科|组|馆|会|团|局|厅|州|班|股|首)$")


@dataclass(slots=True)
class _Hit:
    """A gazetteer name found in the text, before and after resolution."""

    start: int
    end: int
    surface: str
    full: list[Entry]  # entries whose full name this is
    short: list[Entry]  # entries whose short form this is
    entry: Entry | None = None
    keep: bool = False  # emitted (resolved, or ambiguous full name left open)
    common: bool = False  # a full name whose core is an ordinary word (会同县: 会同, 比如县)

    @property
    def strong(self) -> bool:
        """A full name to trust on its own (not 城区, not a short form, not 会同县)."""
        return bool(self.full) and not self.common and not all(e.weak for e in self.full)


@dataclass(slots=True)
class _Place:
    """A township or village found by suffix."""

    start: int
    end: int
    level: DivisionLevel
    anchor: "_Hit | _Place | None"  # the division directly before it
    swallowed: _Hit | None = None  # a short form that is the name's start: 长安|镇, 东区|街道


# The one character jieba's 城镇 ("towns") or 村镇 ("villages and towns") swallowed the
# name of: 在润|城镇, 某县|箕|城镇, 走进|韩|村镇.
# Not a word of kind or size (全|城镇, 新|城镇), nor a level character.
_NOT_TOWN_STEM = set("全各新大小中老城乡镇村县区市省旗州这那该本")


def _town_before_chengzhen(text: str, bounds: "_Bounds", holder, anchor_before) -> "_Place | None":
    """A township named X城镇 (X村镇) where jieba read 城镇 as a word: one character X of its
    own before it, after a division, a preposition, a verb of going or punctuation."""
    if holder.text not in ("城镇", "村镇") or holder.start == 0:
        return None
    stem = bounds.containing(holder.start - 1)
    if len(stem.text) != 1 or stem.text in _NOT_TOWN_STEM or not _CJK.fullmatch(stem.text) \
            or stem.pos in _STOP_TAGS - {"d", "f"}:
        return None
    nxt = text[holder.end:holder.end + 1]
    if nxt and nxt in "化区居人建发规":
        return None  # 城镇化, 城镇居民: towns in general
    anchor = anchor_before(stem.start)
    prior = bounds.before(stem.start) if stem.start else None
    if anchor is not None and anchor.end == stem.start:
        return _Place(stem.start, holder.end, DivisionLevel.TOWNSHIP, anchor)
    if prior is None or prior.pos in ("p", "x") or prior.text in ("来到", "走进", "深入", "前往"):
        return _Place(stem.start, holder.end, DivisionLevel.TOWNSHIP, None)
    return None


class _Bounds:
    """jieba word boundaries of a text (tokens cover it end to end)."""

    def __init__(self, tokens: tuple[Token, ...], length: int) -> None:
        self.tokens = tokens
        self.starts = [t.start for t in tokens]
        self.cuts = set(self.starts)
        self.cuts.add(length)

    def aligned(self, start: int, end: int) -> bool:
        """Whether [start, end) is whole words; a full name's level character may open
        the next word (和平|区委书记, 赤壁|市委), or end it with an organ (辽宁省委)."""
        if start not in self.cuts:
            return False
        if end in self.cuts:
            return True
        tail = self.containing(end - 1)
        if tail.start == end - 1 and _ORGAN.match(tail.text) is not None:
            return True
        # jieba's dictionary holds some committees whole (辽宁省委/nt, 甘肃省委): the name
        # and an organ after its level character, one word
        return tail.start == start and _ORGAN.match(tail.text, end - 1 - start) is not None \
            and tail.pos == "nt"

    def stop(self, position: int) -> bool:
        """Whether the word starting at ``position`` is punctuation or a function word."""
        token = self.containing(position)
        return token.pos in _STOP_TAGS or token.text in _STOP_WORDS

    def clause_inside(self, start: int, end: int) -> bool:
        """Whether the words of [start, end) read as a clause, not a name: a verb or
        adverb followed by more words (助力|梭家, 勇当|独坡), or a modifier opening
        them (不同|村, 广大|农村).  A name that is one such word stays (胜利|村)."""
        i = bisect_right(self.starts, start) - 1
        words = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            words.append(self.tokens[i])
            i += 1
        if len(words) < 2 and not (words and words[0].end < end):
            return False
        for k, word in enumerate(words):
            more = k + 1 < len(words) or word.end < end
            if more and len(word.text) >= 2 and (word.pos in _VERB_TAGS or word.pos in _MODIFIER_TAGS
                                                 or word.pos == "t"):
                return True  # (目前|全镇: a time word opens a clause)
        return False

    def one_common_word(self, start: int, end: int) -> bool:
        """Whether [start, end) is one word of a verb's or a modifier's tag (实施, 不同,
        困难/an): read as what it is, not as a place's name."""
        word = self.containing(start)
        return word.start == start and word.end == end and (
            word.pos in _VERB_TAGS or word.pos in _MODIFIER_TAGS or word.pos == "an")

    def direction_opens(self, start: int, end: int, after_division: bool = False) -> bool:
        """Whether the one-character direction word at ``start`` (上, 下, 东 …) opens a place
        name jieba split: after a preposition, a verb, punctuation or a division, before a
        guessed name that runs to the suffix (在|下|枣林|乡, 来到|上|坪|乡, 某乡|后|刘村)."""
        token = self.containing(start)
        if token.start != start or len(token.text) != 1 or token.pos != "f" \
                or token.text not in _DIRECTIONS or token.end >= end:
            return False
        if self.containing(token.end).pos not in _GUESS_TAGS:
            return False
        prior = self.before(start)
        return after_division or prior is None or prior.pos in ("p", "x") or prior.pos in _VERB_TAGS

    def surname_before(self, position: int) -> bool:
        """A one-character surname just before: 王|海南, 李|吉林 are people."""
        token = self.before(position)
        return token is not None and len(token.text) == 1 and token.pos == "nr"

    def containing(self, position: int) -> Token:
        return self.tokens[bisect_right(self.starts, position) - 1]

    def before(self, position: int) -> Token | None:
        """The word ending at ``position`` (a word boundary)."""
        return self.containing(position - 1) if position > 0 else None


def _tiling(bounds: _Bounds, scanned: list[tuple[int, int, str]]) -> set[tuple[int, int]]:
    """Names that, one after another, make up one word exactly: jieba keeps
    云南省德宏傣族景颇族自治州 whole, and both names are in it."""
    out: set[tuple[int, int]] = set()
    by_start = {s: e for s, e, _ in scanned}
    for tok in bounds.tokens:
        if len(tok.text) < 5 or tok.start not in by_start:
            continue
        at, pieces = tok.start, []
        while at in by_start and at < tok.end:
            pieces.append((at, by_start[at]))
            at = by_start[at]
        if at == tok.end and len(pieces) >= 2:
            out.update(pieces)
    return out


def _words(filename: str) -> frozenset[str]:
    data = resources.files("kg.data").joinpath(filename).read_text("utf-8")
    return frozenset(w for line in data.splitlines() if not line.startswith("#") for w in line.split())


def _split(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    return (frozenset(w for w in words if w[0] != "~"),
            frozenset(w[1:] for w in words if w[0] == "~"))


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The word lists of ``kg/data`` this extractor uses, loaded on first use."""

    generic: frozenset[str]  # 农村, 行政村: not township or village names
    inner: tuple[str, ...]  # 办事处, 政府: never inside such a name
    opened: frozenset[str]  # 村民, 镇江: words a suffix opens
    ordinary: frozenset[str]  # 和平, 来宾: short forms that are ordinary words
    familiar: frozenset[str]  # 太湖, 敦煌: well-known words, never a lone county short form

    @classmethod
    def load(cls) -> "_Lexicon":
        words = _words("township_generic.txt")
        return cls(frozenset(w for w in words if w[0] not in "*+"),
                   tuple(w[1:] for w in words if w.startswith("*")),
                   frozenset(w[1:] for w in words if w.startswith("+")),
                   *_split(_words("division_short_forms.txt")))


class DivisionExtractor:
    """Finds administrative divisions; see the module docstring."""

    name = "divisions"

    def __init__(self, segmenter: Segmenter) -> None:
        self._segmenter = segmenter
        self._lexicon: _Lexicon | None = None
        segmenter.add_provider(lambda: get_gazetteer().words())

    def _common_core(self, entry: Entry) -> bool:
        """A county whose name less its level word is a common word of the dictionary, not
        a place's (会同 'together with', 比如 'for example', 资源): its full name may be
        that word and a relative body (会同|县教育局)."""
        if entry.level is not DivisionLevel.DISTRICT or len(entry.name) < 3 or entry.name[-1] != "县":
            return False  # (a city's name is more its own: 赤壁市, though jieba knows 赤壁)
        info = self._segmenter.lookup(entry.name[:-1])
        return info is not None and info[0] >= 500 and not info[1].startswith("ns")

    def extract(self, article: Article, context: Context) -> list[Mention]:
        text = article.text
        if not text.strip():
            return []
        gaz = get_gazetteer()
        if self._lexicon is None:
            self._lexicon = _Lexicon.load()
        bounds = _Bounds(self._segmenter.tokens(text), len(text))
        hits = []
        split: dict[str, tuple[list[Entry], list[Entry], bool]] = {}  # surface -> (full, short, common)
        scanned = gaz.scan(text)
        tiled = _tiling(bounds, scanned)
        for start, end, surface in scanned:
            if not bounds.aligned(start, end) and (start, end) not in tiled:
                continue
            if surface not in split:
                entries = gaz.candidates(surface)
                full = [e for e in entries if e.name == surface]
                split[surface] = (full, [e for e in entries if e.name != surface],
                                  bool(full) and all(self._common_core(e) for e in full))
            full, short, common = split[surface]
            if not full and bounds.surname_before(start):
                continue
            if not full and (_STREET.match(text, end) or _TITLE_BEFORE.search(text, max(0, start - 4), start)):
                continue  # 上海|道小学, 北京路: a street; 村民|贡嘎: a person named like a county
            if not full and surface[0] == "长" and _TITLE_STEM.search(text, max(0, start - 1), start):
                continue  # 副部长|沙某某: the title's 长, not 长沙
            hits.append(_Hit(start, end, surface, list(full), list(short), common=common))
        places = self._places(text, bounds, hits, self._lexicon)
        taken = {id(p.swallowed) for p in places if p.swallowed is not None}
        hits = [h for h in hits if id(h) not in taken]
        self._resolve(gaz, hits, _county_words(text), self._lexicon)
        out = [_make(article, h.start, h.end, h.entry, gaz) for h in hits if h.keep]
        out += self._place_mentions(article, gaz, places, out)
        out.sort(key=lambda m: (m.start, -m.end))
        return out

    # -- gazetteer names ------------------------------------------------------------------
    def _resolve(self, gaz: Gazetteer, hits: list[_Hit], evidence: dict[str, bool],
                 lex: _Lexicon) -> None:
        """Choose each hit's entry (or leave it open) and decide which hits count."""
        named: set[str] = set()  # codes named in the article
        for round_ in range(4):  # resolved names help resolve others; settles fast
            # A lone rare short form stands for a county only in an article naming none.
            lone = round_ >= 2 and not any(gaz.entries[c].level is DivisionLevel.DISTRICT
                                           for c in named)
            open_ = [(i, h) for i, h in enumerate(hits) if not (h.keep and h.entry is not None)]
            pools = [(i, h, _pool(gaz, h, named, evidence if lone else None, lex))
                     for i, h in open_]
            for _, hit, pool in pools:  # the unambiguous first, then the rest against them
                if len(pool) == 1:
                    hit.entry, hit.keep = pool[0], True
                    named.add(pool[0].code)
            for i, hit, pool in pools:
                if len(pool) < 2:
                    continue
                prev = hits[i - 1] if i > 0 and hits[i - 1].end == hit.start else None
                under = [e for e in pool if prev is not None and prev.entry is not None
                         and gaz.is_ancestor(prev.entry.code, e.code)]  # 天津市|和平区
                entry = under[0] if len(under) == 1 else gaz.best(pool, named - {e.code for e in pool})
                if entry is not None:
                    hit.entry, hit.keep = entry, True
                    named.add(entry.code)
                elif hit.strong and all(e.level is DivisionLevel.DISTRICT for e in pool):
                    hit.keep = True  # 朝阳区 alone: a division, but whose is unknown

    # -- townships and villages -----------------------------------------------------------
    @staticmethod
    def _places(text: str, bounds: _Bounds, hits: list[_Hit], lex: _Lexicon) -> list[_Place]:
        hit_starts = [h.start for h in hits]
        places: list[_Place] = []
        pending: list[tuple[int, int, DivisionLevel]] = []  # left boundary unsure

        def anchor_before(pos: int) -> _Hit | _Place | None:
            """The latest division ending at or before ``pos``, if close."""
            i = bisect_right(hit_starts, pos - 1) - 1
            found: list[_Hit | _Place] = [hits[i]] if i >= 0 else []
            best = max(found + places[-1:], key=lambda x: x.end, default=None)
            return best if best is not None and pos - _NAME_LEN[1] < best.end else None

        def good(start: int, end: int) -> bool:
            name = text[start:end]
            if len(name) == 1 and name in _COUNT_WORDS:
                return False  # 进百村, 千村万户: a count of villages, no name
            return (name[0] not in _BAD_FIRST and not _BAD_INNER.intersection(name) and "社区" not in name
                    and name[-1] not in "县区省" and not any(w in name for w in lex.inner))

        for m in _SUFFIX_RE.finditer(text):
            s, e = m.span()
            level = _LEVEL_OF_SUFFIX[m.group()]
            if places and s < places[-1].end:
                continue
            holder = bounds.containing(s)
            if len(holder.text) == 2 and holder.text[0] in PREPOSITIONS and holder.end == e \
                    and holder.pos in _GUESS_TAGS:
                continue  # 讲习所|由村/nr|党支部: a preposition glued to a level word, no name
            if e not in bounds.cuts and not text.startswith(_BODIES, s) and (
                    holder.start < s or holder.text in lex.opened or holder.pos not in _GUESS_TAGS):
                continue  # 村民, 村情, 镇江; but 潮格温都尔|镇宝|日布嘎查 is jieba's name guess
            if holder.start < s and holder.text in lex.generic:
                town = _town_before_chengzhen(text, bounds, holder, anchor_before)
                if town is not None and not (places and town.start < places[-1].end):
                    places.append(town)  # 在润|城镇|某村: the town 润城镇, jieba's 城镇 "towns"
                continue  # 农村, 行政村, 进社区
            if holder.start < s and holder.end == e and holder.pos in _VERB_TAGS:
                continue  # 下乡, 返乡: a verb that ends in a level character
            anchor = anchor_before(s)
            swallowed = None
            if anchor is not None and anchor.end > s:
                continue  # inside a division name: 镇江市, 新乡市
            if isinstance(anchor, _Hit) and anchor.end == s:
                if anchor.strong:
                    continue  # 铜梁区街道: the district's streets
                swallowed, anchor = anchor, anchor_before(anchor.start)  # 东区|街道, 长安|镇
            elif isinstance(anchor, _Hit) and not anchor.full and s - anchor.start <= _NAME_LEN[1] \
                    and _CJK.fullmatch(text[anchor.end:s]) is not None \
                    and any(p.end == anchor.start for p in places[-1:]):
                # 某镇|东川|底村: a county's short form (东川) opening a village named right
                # after its township is the village's first word, not a place of its own
                swallowed, anchor = anchor, anchor_before(anchor.start)
            lo = max(0, s - _NAME_LEN[1], anchor.end if anchor else 0)
            run = _CJK.match(text[lo:s][::-1])  # the CJK characters just before the suffix
            lo = s - (len(run.group()) if run else 0)
            listed = -1
            if swallowed is not None:
                starts = [st for st in range(lo, swallowed.start + 1)
                          if st in bounds.cuts or (anchor is not None and st == anchor.end)]
            elif lo <= holder.start <= s - _NAME_LEN[0]:
                starts = [holder.start]  # jieba kept the name with its suffix: 海拉苏镇, 龙布镇
                if text[holder.start] in CONJUNCTIONS and holder.pos in _GUESS_TAGS \
                        and holder.start + 1 <= s - _NAME_LEN[0]:
                    starts = [holder.start + 1]  # 百花村|和千佛/nr|村: the conjunction, glued on
            else:  # a word boundary, or the end of the division before (镇|宝日布嘎查)
                starts = [st for st in range(lo, s - _NAME_LEN[0] + 1)
                          if st in bounds.cuts or (anchor is not None and st == anchor.end)]
                if anchor is not None and anchor.end in starts and text[anchor.end:anchor.end + 1] \
                        in CONJUNCTIONS and anchor.end + 1 <= s - _NAME_LEN[0]:
                    # 百花村|和千佛村 (jieba: 村和千佛村/nz): a list of two places, not one
                    starts[starts.index(anchor.end)] = anchor.end + 1
                    listed = anchor.end + 1
            chosen = None
            for start in starts:
                if start == listed:  # after the glued conjunction: a name of its own
                    if good(start, s):
                        chosen = _Place(start, e, level, None, swallowed)
                    break
                if not (good(start, s) or (swallowed is not None and start == swallowed.start)):
                    continue
                opening = bounds.containing(start)
                li = opening.start == start and (_LI.match(opening.text) is not None or (
                    opening.pos == "m" and _NUMERAL_OPENS.match(opening.text) is not None and e - start >= 3))
                if start in bounds.cuts and bounds.stop(start) and not li and not bounds.direction_opens(
                        start, s, after_division=anchor is not None and anchor.end == start):
                    continue  # 在|李家村, 走进|张家湾村 (but 在|下|枣林乡: a direction opens it)
                transliterated = m.group() in ("嘎查", "苏木") and anchor is not None \
                    and anchor.end == start  # 某某镇|伊和淖尔嘎查: 和 is a syllable there
                if not transliterated and any(
                        c in bounds.cuts and (bounds.containing(c).pos in _INNER_STOP_TAGS
                                              or bounds.containing(c).text in _STOP_WORDS)
                        for c in range(start + 1, s)):
                    continue  # 活动|在|和平镇, 先后|到|雨花社区: a preposition or a verb of
                    # going inside is no name's (莫/d in
                    # 新苏莫苏木 may be: jieba reads transliterations as it can)
                last = bounds.containing(s - 1)
                if last.end == s and last.start > start and len(last.text) >= 2 \
                        and last.pos in _VERB_TAGS:
                    continue  # 问题|纳入|街道: a verb ends the clause, no name (团结村 is one word)
                if bounds.clause_inside(start, s):
                    continue  # 助力|梭家社区, 不同|村: a verb with its object, a modifier
                directly = anchor is not None and anchor.end == start
                if bounds.one_common_word(start, s) and text[start - 1:start] != "、" and (
                        not directly or (isinstance(anchor, _Place) and anchor.level is level)):
                    continue  # 实施|镇领导, 不同|村, 困难|村: a verb or a modifier, no name
                    # without a division before it (some villages are so named: 建设村), or
                    # a list's item (、致远社区、); a township is never right in a township
                before = bounds.before(start)
                if (directly or start == 0 or not _CJK.match(text[start - 1]) or start == holder.start
                        or (before is not None and bounds.stop(before.start))):
                    if directly or text[start:s] not in lex.generic:
                        chosen = _Place(start, e, level, anchor if directly else None, swallowed)
                    break
            if chosen is not None:
                first = bounds.containing(chosen.start)
                lead = next((w for w in _GLUED_LEADS if first.text.startswith(w)), None)
                if lead and first.start == chosen.start and first.pos in _GUESS_TAGS \
                        and s - chosen.start - len(lead) >= _NAME_LEN[0]:
                    chosen = _Place(chosen.start + len(lead), chosen.end, chosen.level,
                                    None, chosen.swallowed)  # 驻洪x|村: 洪x村
                prev = bounds.before(chosen.start)
                if _NATION.fullmatch(text, chosen.start, s) and prev is not None and 2 <= len(prev.text) <= 4 \
                        and _CJK.fullmatch(prev.text) and not bounds.stop(prev.start) \
                        and prev.pos not in _VERB_TAGS:
                    # 灵山|满族乡: an ethnic township is a place's name and its people's;
                    # the nation alone names none (a county's short form there is the name's)
                    hit = next((h for h in hits if (h.start, h.end) == (prev.start, prev.end)), None)
                    chosen = _Place(prev.start, chosen.end, chosen.level, None, hit or chosen.swallowed)
                places.append(chosen)
            else:
                pending.append((lo, e, level))
        return _rescue(text, places, pending)

    @staticmethod
    def _place_mentions(article: Article, gaz: Gazetteer, places: list[_Place],
                        found: list[Mention]) -> list[Mention]:
        """Mentions for townships and villages, with their coded parents: the division
        right before them, else that of the same name elsewhere in the article, else the
        article's one county (or, with no county, its one city)."""
        def chain(entry: Entry) -> Chain:
            return ((entry.code, entry.name, entry.level),) + gaz.chain(entry.code)

        counties = {m.code for m in found if m.code and m.level is DivisionLevel.DISTRICT}
        cities = {m.code for m in found if m.code and m.level is DivisionLevel.CITY}
        home = counties if counties else cities
        default = chain(gaz.entries[next(iter(home))]) if len(home) == 1 else ()
        anchored: dict[str, _Place] = {}  # surface -> its first place right after a division
        for p in places:
            if isinstance(p.anchor, _Place) or (isinstance(p.anchor, _Hit) and p.anchor.keep):
                anchored.setdefault(article.text[p.start:p.end], p)
        memo: dict[int, Chain] = {}

        def parents(p: _Place) -> Chain:
            if id(p) not in memo:
                a, twin = p.anchor, anchored.get(article.text[p.start:p.end])
                if isinstance(a, _Hit) and a.keep:
                    memo[id(p)] = chain(a.entry) if a.entry is not None else ()  # () after 朝阳区
                elif isinstance(a, _Place):
                    memo[id(p)] = parents(a)
                else:
                    memo[id(p)] = parents(twin) if twin is not None else default
            return memo[id(p)]

        return [_make(article, p.start, p.end, None, gaz, p.level, parents(p)) for p in places]


def _rescue(text: str, places: list[_Place],
            pending: list[tuple[int, int, DivisionLevel]]) -> list[_Place]:
    """Accept an unsure candidate whose tail is a name found cleanly elsewhere in the
    article (主办方向桥岗社区 after 桥岗社区; 先锋村 after 世业镇先锋村)."""
    known = {text[p.start:p.end] for p in places}
    for lo, end, level in pending:
        # from as far as a name reaches, past a short form that cut the candidate
        # (东川|底村 after 东川底村 was found after its township)
        for start in range(max(0, min(lo, end - _NAME_LEN[1] - 1)), end - 1):
            if text[start:end] in known:
                places.append(_Place(start, end, level, None))
                break
    places.sort(key=lambda p: p.start)
    return places


def _pool(gaz: Gazetteer, hit: _Hit, named: set[str], evidence: dict[str, bool] | None,
          lex: _Lexicon) -> list[Entry]:
    """The entries a hit may stand for, given the codes already named in the article."""
    if hit.strong:
        return [e for e in hit.full if not e.weak]
    higher = [e for e in hit.short if e.level in _HIGHER]
    if higher:  # 辽宁, 沈阳, 吉林; 来宾 only beside a related place
        if hit.surface not in lex.ordinary or any(e.level is DivisionLevel.PROVINCE for e in higher):
            return higher
        return [e for e in higher if any(gaz.related(e.code, c) for c in named)]
    if hit.common:  # 县文明办会同县教育局 (会同: together with): the county only with a place above it
        return [e for e in hit.full if any(c in named for c, _, _ in gaz.chain(e.code))]
    # County short forms (辽中, 和平) and generic full names (城区, 高县).
    pool = hit.full + hit.short
    found = [e for e in pool if e.code in named]  # its full name is in the article
    if found or hit.surface in lex.ordinary:
        return found
    found = [e for e in pool if e.parent in named]
    if found or hit.full:
        return found
    found = [e for e in pool if any(c in named for c, _, _ in gaz.chain(e.code))]
    if found:
        return found  # 舒兰 with 吉林省
    if evidence is None or len(pool) != 1 or hit.surface in lex.familiar:
        return []
    return [e for e in pool if evidence.get(e.name[-1])]  # 桦川 in an article on 县委 work


def _county_words(text: str) -> dict[str, bool]:
    """Which kinds of county the article speaks of (县委, 全县, 我区, 该旗...): there a rare
    county short form (桦川, 锦屏), the only one of its name, stands for that county.
    Not 市: 市委 is as much a prefecture's as a county-level city's."""
    return {ch: any(w in text for w in (ch + "委", "全" + ch, "我" + ch, "该" + ch)) for ch in "县区旗"}


def _make(article: Article, start: int, end: int, entry: Entry | None, gaz: Gazetteer,
          level: DivisionLevel | None = None, parents: Chain = ()) -> Mention:
    """A mention of ``entry`` (resolved), or of a place known only by its surface: an
    ambiguous county (no code, no parents) or a township or village (parents given)."""
    if entry is not None:
        return make_mention(article, EntityType.DIVISION, start, end, canonical=entry.name,
                            extractor=DivisionExtractor.name, aliases=entry.aliases,
                            level=entry.level, code=entry.code, parents=gaz.chain(entry.code))
    if level is None:
        found = gaz.candidates(article.text[start:end])
        level = found[0].level if found else DivisionLevel.DISTRICT
    return make_mention(article, EntityType.DIVISION, start, end, extractor=DivisionExtractor.name,
                        level=level, parents=parents)
