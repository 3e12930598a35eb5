"""Lecture groups: 宣讲团, 宣讲队, 讲师团, 宣讲小分队, 乌兰牧骑 ...

A group is a head noun plus the modifiers before it (劳模宣讲团, “佤山”宣讲团).
Lists share their head: 劳模、巾帼等五类宣讲团 → 劳模宣讲团 and 巾帼宣讲团.
Relative owners are resolved: 县委宣讲团 in an article about 锦屏县 is
锦屏县委宣讲团 (the short form stays a label).
"""
from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.base import Context, make_mention
from kg.extract.owners import division_ending_at, owner_for
from kg.extract.phrases import QUOTE_CLOSE, QUOTE_OPEN, extend_left
from kg.extract.segment import Segmenter
from kg.extract.text import clean_name
from kg.model import Article, EntityType, Mention, label_form

HEADS = ("宣讲小分队", "宣讲分队", "宣传小分队", "宣传分队", "宣讲总团", "宣讲分团", "宣讲团", "宣讲队", "讲师团",
         "宣传队", "宣讲小组", "宣讲组", "宣讲员联盟", "宣讲联盟", "宣讲矩阵", "乌兰牧骑", "小剧团",
         # troupes whose work is propaganda performance (GUIDELINE.md: 文艺轻骑兵)
         "文化小分队", "文艺小分队", "文艺宣传队", "文艺队", "文艺轻骑兵小分队", "轻骑兵小分队", "文艺轻骑兵",
         "宣讲轻骑兵", "宣传轻骑兵", "轻骑兵")
# 宣讲队伍 (lecture teams in general), “乌兰牧骑式” (…-style) and 宣讲组织 (organising
# the lectures) are no group names.
_HEADS = "(?:" + "|".join(HEADS) + ")"
HEAD_RE = re.compile(_HEADS + "(?![伍式织])")
_ENDS_IN_HEAD = re.compile(_HEADS + "[”’]?$")
# A head after a word of likeness names no group: 这支队伍如同“文艺轻骑兵”.
SIMILE = re.compile(r"(?:如同|好像|好比|犹如|宛如|仿佛|就像|像|似)[“‘]?$")
# A list item is a short modifier, never a body (省委宣传部、省委讲师团 is two bodies).
# Verbs that open a clause, never a modifier: the list starts after them.
_LIST_VERBS = "开展|组织|成立|组建|举办|邀请|组成|构成|担任|加入|参加"  # 专家、人才组成宣讲队
LIST_ITEM_BAD = re.compile(rf"(?<!干)部|[委局办的]|^代表|[队团组]$|{_LIST_VERBS}")  # (老干部 are people)
# …but a counted list names one group per item, bodies too: 某镇党委、某局党委等7支宣讲队.
COUNTED_LIST = re.compile(r"^等[0-9一二三四五六七八九十]+[支个]$")
COUNTED_ITEM_BAD = re.compile(rf"的|[队团组]$|{_LIST_VERBS}")
_BEFORE_LIST = re.compile(rf"了|{_LIST_VERBS}|的")
# 劳模、巾帼等五类宣讲团 / 科普、科技、法治普法7支宣讲小分队
LIST_RE = re.compile(r"(?P<items>(?:[“”\u4e00-\u9fff]{1,12}、)+[“”\u4e00-\u9fff]{1,12}?)"
                     r"(?P<last>和[“”\u4e00-\u9fff]{1,8}?)?"
                     r"(?P<count>等?(?:[0-9一二三四五六七八九十]+(?:类|支|个|种))?)"
                     r"(?P<shared>(?<=等)[“‘]?[\u4e00-\u9fff]{1,3}[”’]?|)"  # 苏木、…等牧民乌兰牧骑: a shared modifier
                     r"(?:(?<=[类支个种])[省市县区镇乡村]级)?$")  # 等12支市级宣讲团: the scope, no name
RELATIVE = re.compile(r"^(自治区党委|自治州委|自治区|自治州|省委|市委|县委|区委|旗委|州委|盟委|省|市|县|区|旗|盟|镇|乡|街道)")
# A division that founded the group, right before it: 吉林省组建的“青马”宣讲团.
FOUNDED_BY = re.compile(r"(?:组建|成立|打造|组织|培育|建立)的[“‘]?$")
LEVEL_WORDS = "省市县区旗镇乡"
GENERIC_MODIFIERS = {"", "各级", "各类", "各", "全县", "全市", "全区", "全省", "这支", "一支"}

# The level a group works at, no name of its own: 县级, 市县两级, 省市县三级, 乡镇.
SCOPE = re.compile(r"(?:[省市州县区旗乡镇村]{1,4}[两三四五]?级|乡镇|各乡镇|基层)")


def _scope_only(text: str, divisions: tuple[Mention, ...], start: int, h0: int) -> bool:
    """Whether the modifiers say only at which level groups are (县级宣讲团, 市县两级
    宣讲团, 乡镇宣讲小分队; 某县|县级讲师团 too): a kind of group, not one named."""
    place = max((d.end for d in divisions if start <= d.start and d.end <= h0),
                default=start)
    return SCOPE.fullmatch(clean_name(text[place:h0])) is not None

# A level's committee that owns a group: its name starts there (调整充实|县委宣讲团).
OWNER_BODY = re.compile(r"(?:(?:共青团|团)?[省市县区旗州盟]委|自治区党委|[省市县区]直机关工委)")


def _from_owner(text: str, divisions: tuple[Mention, ...], start: int, h0: int) -> int:
    """Where the name starts when its modifiers hold a committee (县委, 市委): at the
    committee, or at the division right before it (平顺|县委宣讲团); words before are the
    clause's (调整充实, 不断壮大)."""
    for m in OWNER_BODY.finditer(text, start, h0):
        if m.start() == start:
            return start
        # (四川省|委: the division's level word is the committee's)
        owners = [d.start for d in divisions
                  if d.start >= start and m.start() <= d.end <= m.start() + 1]
        return min(owners) if owners else m.start()
    return start


class LectureGroupExtractor:
    name = "lecture_groups"

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def extract(self, article: Article, context: Context) -> list[Mention]:
        text = article.text
        tokens = self.segmenter.tokens(text)
        divisions = context.of_type(EntityType.DIVISION)
        out: list[Mention] = []
        floor = 0
        for m in HEAD_RE.finditer(text):
            h0, h1 = m.span()
            if HEAD_RE.match(text, h1 + ((text[h1:h1 + 1] or "x") in QUOTE_CLOSE)):
                continue  # 文艺轻骑兵|宣讲小分队, “红色轻骑兵”宣讲团: the first head is the
                # second's modifier
            if SIMILE.search(text, max(0, h0 - 4), h0):
                continue  # 如同“文艺轻骑兵”: a likeness, no group named
            listed = self._list_before(text, max(floor, h0 - 60), h0)
            if listed is not None:
                out.extend(self._listed(article, context, tokens, listed, text[h0:h1]))
                floor = h1
                continue
            if text[h0 - 1:h0] in QUOTE_OPEN and text[h1:h1 + 1] in QUOTE_CLOSE:
                # 采茶戏理论“小剧团”: the quoted head keeps the modifiers before it
                h0, h1 = h0 - 1, h1 + 1
            start = _from_owner(text, divisions, extend_left(text, tokens, h0, floor=floor), h0)
            if start == h0 and h0 > floor and text[h0 - 1] in LEVEL_WORDS \
                    and not re.match(r"[\u4e00-\u9fff]", text[h0 - 2:h0 - 1] or " "):
                start = h0 - 1  # 县|文艺轻骑兵: the level word alone, its owner (县 = the county)
            floor = h1
            modifiers = clean_name(text[start:h0])
            if modifiers in GENERIC_MODIFIERS or _scope_only(text, divisions, start, h0):
                continue
            out.append(self._mention(article, context, start, h1))
        return merge_variants(self._share_founder(text, out), divisions)

    @staticmethod
    def _share_founder(text: str, mentions: list[Mention]) -> list[Mention]:
        """吉林省组建的“青马”宣讲团、英模宣讲团、“五老”宣讲团: the founder of the first
        group of a list founded the others too."""
        out = list(mentions)
        founder: str | None = None  # the founder's name while a founded list goes on
        for i, m in enumerate(out):
            prev = out[i - 1] if i else None
            if prev is not None and founder and m.owner is None and m.scope is None \
                    and re.fullmatch(r"[”’]?、[“‘]?", text[prev.end:m.start]):
                out[i] = replace(m, owner=prev.owner, canonical=founder + m.canonical,
                                 aliases=tuple(dict.fromkeys((*m.aliases, m.canonical))))
                continue
            founder = None
            short = label_form(m.surface)
            if m.owner is not None and short and m.canonical.endswith(short) \
                    and FOUNDED_BY.search(text, max(0, m.start - 8), m.start):
                founder = m.canonical[:len(m.canonical) - len(short)] or None
        return out

    def _list_before(self, text: str, lo: int, h0: int) -> re.Match | None:
        """The list of modifiers ending at the head, if any: the leftmost match that reads
        as one (团市委、…、市关工委分别组建|青年、巾帼、劳模工匠和“五老”|宣讲团: the
        bodies before the verb are no items)."""
        at = lo
        while at < h0:
            listed = LIST_RE.search(text, at, h0)
            if listed is None or listed.end() != h0:
                return None
            if "、" in listed.group("items") and self._list_ok(listed):
                return listed
            nxt = text.find("、", listed.start(), h0)
            if nxt < 0:
                return None
            at = nxt + 1
        return None

    @staticmethod
    def _list_ok(listed: re.Match) -> bool:
        # (the item after 和 is one too: 由民警、网格员和教师组成的“…”宣讲团 lists no modifiers)
        items = [clean_name(p) for p in re.split(r"[、和]", listed.group("items") + (listed.group("last") or ""))]
        # the regex may have run into the words before the list: 组建了|劳模
        first = _BEFORE_LIST.split(items[0])[-1]
        if (not first or _ENDS_IN_HEAD.search(first)) and len(items) > 2:
            # 组建了青年宣讲团和|老干部、老教师等“五老”宣讲团: a group of its own, then the list
            items = items[1:]
            first = items[0]
        if COUNTED_LIST.match(listed.group("count")) and not listed.group("shared"):
            return all(0 < len(p) <= 12 and not COUNTED_ITEM_BAD.search(p)
                       for p in (first, *items[1:]))
        return all(0 < len(p) <= 6 and not LIST_ITEM_BAD.search(p) for p in items[1:]) \
            and bool(first) and not LIST_ITEM_BAD.search(first[-6:])

    def _mention(self, article: Article, context: Context, start: int, end: int) -> Mention:
        surface = clean_name(article.text[start:end])
        aliases: list[str] = []
        canonical, scope = surface, None
        owner = division_ending_at(context, start)
        rel = RELATIVE.match(surface)
        if owner is None and rel:
            level = re.sub("(党委|委)$", "", rel.group(1))
            owner = owner_for(level, context, start)
            if owner is not None:
                canonical = owner.canonical + surface[len(level):]
            else:
                scope = article.id
        elif owner is not None:
            canonical = owner.canonical + surface
        else:  # 临沧佤山宣讲团: a division at the start of the name owns the group
            owner = next((m for m in context.of_type(EntityType.DIVISION)
                          if m.start == start and m.end < end), None)
            founded = FOUNDED_BY.search(article.text, max(0, start - 8), start)
            if owner is None and founded is not None:
                # 吉林省组建的“青马”宣讲团 is 吉林省青马宣讲团
                owner = division_ending_at(context, founded.start())
                if owner is not None:
                    canonical = owner.canonical + surface
        if canonical != surface:
            aliases.append(surface)
        # 驻村“第一书记”宣讲团: the quoted core alone is a name readers use too.
        core = re.search(r"[“‘]([^”’]+)[”’]", article.text[start:end])
        if core:
            aliases.append(clean_name(core.group(1)) + article.text[core.end() + start:end])
        return make_mention(article, EntityType.LECTURE_GROUP, start, end, canonical=canonical,
                            aliases=tuple(aliases), extractor=self.name, scope=scope,
                            owner=owner.key if owner is not None else None)

    def _listed(self, article: Article, context: Context, tokens, listed: re.Match,
                head: str) -> list[Mention]:
        out = []
        items_at = listed.start("items")
        stretch = article.text[items_at:listed.end("last") if listed.group("last") else listed.end("items")]
        # 老干部、老教师等五老宣讲团: a numbered category after 等 counts the items, no modifier
        shared = clean_name(listed.group("shared"))
        shared = "" if re.match(r"[一二三四五六七八九十两百千]", shared) else shared
        parts = list(re.finditer(r"[^、和]+", stretch))
        if len(parts) > 2 and _ENDS_IN_HEAD.search(parts[0].group()):
            parts = parts[1:]  # (a group of its own before 和: found by its head)
        for n, part in enumerate(parts):
            s, e = items_at + part.start(), items_at + part.end()
            if n == 0:  # the regex may have run into the words before the list
                s = max(s, extend_left(article.text, tokens, e, max_chars=e - s))
            name = clean_name(article.text[s:e])
            if not name:
                continue
            place = next((m for m in context.of_type(EntityType.DIVISION) if m.start == s), None)
            out.append(make_mention(article, EntityType.LECTURE_GROUP, s, e,
                                    canonical=name + shared + head, extractor=self.name,
                                    surface_is_name=False,
                                    owner=place.key if place is not None else None))
        return out


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def merge_variants(mentions: list[Mention], divisions: tuple[Mention, ...] = ()) -> list[Mention]:
    """Within one article, a shorter name for the same group becomes an alias of the
    longer one: 新桥乡宣讲小分队 of 新桥乡党的二十大精神宣讲小分队, 海拉苏镇乌兰牧骑
    of 翁旗海拉苏镇乌兰牧骑.  Same last character (the head), same first or the
    short one a suffix, and the short one a subsequence of the long one."""
    names = sorted({m.canonical for m in mentions}, key=lambda n: (-len(n), n))
    # members of a list (海拉苏镇、…、格日僧苏木等牧民乌兰牧骑) share the list's kind:
    # 牧民乌兰牧骑 elsewhere is that kind, not the last member
    listed = {m.canonical for m in mentions if label_form(m.surface) not in m.labels} \
        - {m.canonical for m in mentions if label_form(m.surface) in m.labels}
    target: dict[str, str] = {}
    for short in names:
        for long in names:
            if len(long) <= len(short) + 1 or long in target:
                continue
            if long in listed and long.endswith(short):
                continue
            if short[-1] == long[-1] and (short[0] == long[0] or long.endswith(short)) \
                    and _subsequence(short, long) and len(short) >= 4:
                target[short] = long
                break
            if long.startswith(short) and HEAD_RE.fullmatch(long, len(short)) and len(short) >= 3:
                target[short] = long  # “理论轻骑兵” and “理论轻骑兵”宣讲小分队: one group
                break
    out = []
    for m in mentions:
        if m.canonical in target and _other_owner(m, target[m.canonical], divisions):
            out.append(m)  # 吉林省组建的“青马”宣讲团 is not 长春市“青马”宣讲团
            continue
        if m.canonical in target:
            m = replace(m, canonical=target[m.canonical],
                        aliases=tuple(dict.fromkeys((*m.aliases, m.canonical))))
        out.append(m)
    return out


def _other_owner(short: Mention, long: str, divisions: tuple[Mention, ...]) -> bool:
    """The long name is a place plus the short one, and the short mention's sentence
    names another place before it (吉林省组建的“青马”宣讲团 vs 长春市青马宣讲团)."""
    prefix = long[:len(long) - len(short.canonical)] if long.endswith(short.canonical) else ""
    if not prefix or not any(label in prefix for d in divisions for label in d.labels):
        return False  # (“孔雀之声”傣汉双语宣讲队: a brand, no place, opens the long name)
    places = [d for d in divisions if d.sentence == short.sentence and d.end <= short.start]
    return bool(places) and not any(prefix in d.labels for d in places)
