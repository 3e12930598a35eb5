"""holdsPost: a named person holds a post in a body, with the post's title.

* 县委书记徐宏君 → (徐宏君, 县委, 书记)
* 市委常委、市委宣传部长陈海莲 → (陈海莲, 市委, 常委) and (陈海莲, 市委宣传部, 部长)
* 孙国炜、罗佳贤等县委理论学习中心组成员 → each (…, 县委理论学习中心组, 成员)

The body is an Organization (or lecture group) mention directly before the
title; a post list is read right to left from the name, and a title with no body
of its own belongs to the body before it (市妇联党组书记、主席杨菊兰).  A level
post names its division (副市长刘智毅 → 赤壁市, 旗领导南振虎 → 翁牛特旗); a title
with no body at all names no relation.
"""
from __future__ import annotations

import re

from kg.extract.base import Context
from kg.extract.organizations import source_name
from kg.extract.owners import owner_for
from kg.extract.segment import Segmenter
from kg.model import Article, DivisionLevel, EntityType, Mention, Relation

POSTS = sorted((
    "党委书记", "党组书记", "副书记", "书记", "常委", "委员", "副主任", "主任", "副部长", "部长", "副局长",
    "局长", "副县长", "县长", "副区长", "区长", "副市长", "市长", "副主席", "主席", "团长", "副团长",
    "队长", "秘书长", "副秘书长", "镇长", "乡长", "村长", "组长", "副组长", "成员", "院长", "校长",
    "所长", "站长", "馆长", "社长", "总编辑", "处长", "科长", "负责人", "理事长", "会长", "宣讲员",
    "讲师", "主任委员", "专职常委", "党工委书记", "总指挥", "副总指挥", "一级巡视员", "巡视员",
    "第一书记", "支部书记", "总支书记", "领导", "旗长", "省长", "副省长", "州长", "副州长",
    "副旗长", "副镇长", "副乡长", "副队长", "副站长", "副院长", "副校长", "副所长", "副馆长", "副社长",
    "副会长", "副理事长", "副处长", "副科长", "副总编辑", "村干部", "党组成员",
    # academic and newsroom posts (某社会科学院副研究员, 某融媒体中心记者)
    "研究员", "副研究员", "教授", "副教授", "记者", "编辑", "主编", "副主编", "全媒体记者", "特约记者",
    "首席记者",
    # the staff of a school, a clinic, a museum, a firm, a team (某小学教师某某, 某卫生院医生某某)
    "教师", "医生", "护士", "讲解员", "律师", "队员", "网格员", "调解员", "农艺师", "工程师", "技师",
    "辅导员", "干事", "会计",
    # a village's or community's own posts (某社区专职网格员某某, 某村驻村第一书记某某)
    "专职网格员", "驻村第一书记", "党支部书记", "村医",
), key=len, reverse=True)
# Posts a division itself has (玉皇山村村干部李莎莎, 赤壁市市长…), besides level posts.
DIVISION_POSTS = ("村干部", "村长", "副村长", "镇长", "副镇长", "乡长", "副乡长", "县长", "副县长",
                  "区长", "副区长", "市长", "副市长", "旗长", "副旗长", "州长", "副州长", "省长", "副省长")
# A party group or branch inside a body: its other titles are the body's (市妇联党组书记、主席).
PARTY_UNITS = ("党组", "党委", "党总支", "党支部")
# An age, and what the person is, between a title and the name: 队长、83岁的老党员某某.
AGE_BEFORE = re.compile(r"、?(?<![0-9])[0-9]{1,3}岁的(?P<role>[\u4e00-\u9fff]{0,5})$")
# An unnamed body between titles: …、区专项行动指挥部副总指挥、办公室主任张宇.
UNKNOWN_BODY = re.compile(r"[\u4e00-\u9fff]{2,10}$")


# A byline: 本报记者 某某, 本报讯（记者 某某 通讯员 某某）, 某某融媒讯（记者 某某）: the
# reporter of the paper the dateline names (本报: the 来源 publisher).
BYLINE = re.compile(r"(?:(?P<ours>本报)(?:讯)?[（(]?|(?<=讯)[（(])\s*(?P<post>(?:全媒体|特约|首席)?记者)[\s\u3000]*$")
LEVEL_POSTS = "省市州县区旗镇乡村"
# A village or community has staff of its own (某社区网格员, 某村驻村第一书记); its 主任 and
# 书记 are those of its committee or party branch, bodies of their own.
VILLAGE_POSTS = frozenset(("网格员", "专职网格员", "第一书记", "驻村第一书记", "村医", "调解员", "宣讲员",
                           "村干部"))


class PostExtractor:
    name = "posts"

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def extract(self, article: Article, context: Context) -> list[Relation]:
        text = article.text
        # bodies: organisations, and lecture groups (宣讲团成员马明)
        orgs = {m.end: m for m in context.mentions
                if m.type in (EntityType.ORGANIZATION, EntityType.LECTURE_GROUP)}
        for m in context.of_type(EntityType.DIVISION):
            orgs.setdefault(m.end, m)  # 玉皇山村村干部: only DIVISION_POSTS attach to a place
        by_name = {m.canonical: m for m in context.mentions if m.type is EntityType.ORGANIZATION}
        persons = sorted(context.of_type(EntityType.PERSON), key=lambda m: m.start)
        out: dict[tuple, Relation] = {}

        def add(person: Mention, org: Mention, post: str, start: int, end: int) -> None:
            key = (person.key, org.key, post)
            if key not in out:
                out[key] = Relation("holdsPost", person.key, org.key, start, end,
                                    article.sentence_at(start), self.name, (("post", post),))

        last_body: tuple[int, Mention] | None = None  # (sentence, body) of the last post read
        for p in persons:
            at = p.start - (1 if text[p.start - 1:p.start] in " \u3000" else 0)
            aged = AGE_BEFORE.search(text, max(0, at - 12), at)
            if aged and not aged.group("role").endswith(tuple(POSTS)):
                at = aged.start()  # 宣讲队队长、83岁的老党员某某: the age and what he is are no post
            pending: list[str] = []  # posts of the chain whose body comes further left
            nearest = True  # the chain's first title read (right to left) is the name's own
            after = self._post_after(text, p, orgs)
            if after is not None:  # 市委某某某书记: the body, the name, then the title
                add(p, after[0], after[1], after[0].start, p.end + len(after[1]))
            while True:
                found = self._post_ending_at(text, at, orgs)
                if found is None:
                    bare = self._bare_post_ending_at(text, at)
                    if bare is None:
                        break
                    level_body = self._level_body(text, at - len(bare), bare, context)
                    if level_body is None and last_body is not None and last_body[0] == p.sentence \
                            and text[at - len(bare) - 1:at - len(bare)] in "，," and not pending:
                        # 县政协主席某某…,副主席某某、某某: a clause that goes on with the
                        # titles of the body just named
                        add(p, last_body[1], bare, at - len(bare), p.end)
                        break
                    if level_body is not None:  # 副市长刘智毅 → 赤壁市; 旗领导南振虎 → 翁牛特旗
                        add(p, level_body, bare, at - len(bare), p.end)
                        if text[at - len(bare) - 1:at - len(bare)] != "、":
                            break
                        at -= len(bare) + 1  # 镇党委副书记、镇长黄海涛: the chain goes on
                        pending = []
                        continue
                    if text[at - len(bare) - 1:at - len(bare)] != "、":
                        # a body kg does not know, then the title: skip both and go
                        # on with the chain if a 、 comes before them
                        unknown = UNKNOWN_BODY.search(text, max(0, at - len(bare) - 10), at - len(bare))
                        if unknown is None or "、" not in text[unknown.start() - 1:unknown.start()] \
                                or any(o.start < at and o.end > unknown.start() for o in orgs.values()):
                            break
                        at = unknown.start() - 1
                        pending = []
                        continue
                    pending.append(bare)  # 市妇联党组书记、主席杨菊兰: 主席 of the body before
                    at -= len(bare) + 1
                    continue
                org, post = found
                add(p, org, post, org.start, p.end)
                parent = org
                unit = next((u for u in PARTY_UNITS if org.canonical.endswith(u)), None)
                if unit is not None:  # 主席 of 市妇联, not of 市妇联党组
                    parent = by_name.get(org.canonical[:-len(unit)])
                if org.type is not EntityType.DIVISION and nearest:
                    # the body a clause after this one goes on with (…党组副书记某某,副主席
                    # 某某): the one right before the name, not the chain's first (县委常委)
                    last_body = (p.sentence, parent if parent is not None else org)
                nearest = False
                for title in pending if parent is not None else ():
                    add(p, parent, title, org.start, p.end)
                pending = []
                at = org.start
                if text[at - 1:at] != "、":
                    break
                at -= 1
        self._bylines(article, context, persons, orgs, add)
        self._member_lists(text, persons, orgs, add)
        # 旗领导南振虎、周玉英、陈虎男: the names listed after a title share it
        held = {}
        for (person, org, post), rel in out.items():
            held.setdefault(person, []).append((org, post, rel))
        for prev, nxt in zip(persons, persons[1:]):
            if text[prev.end:nxt.start] == "、" and prev.key in held and nxt.key not in held:
                held[nxt.key] = held[prev.key]
                for org_key, post, rel in held[prev.key]:
                    key = (nxt.key, org_key, post)
                    out.setdefault(key, Relation("holdsPost", nxt.key, org_key, rel.start, nxt.end,
                                                 rel.sentence, self.name, (("post", post),)))
        return list(out.values())

    @staticmethod
    def _post_after(text: str, person: Mention, orgs: dict) -> tuple[Mention, str] | None:
        """(body, post) when a body ends right before the name and a title follows it:
        市委某某某书记在会上讲话."""
        org = orgs.get(person.start)
        if org is None or org.type is EntityType.DIVISION:
            return None
        post = next((p for p in POSTS if text.startswith(p, person.end)), None)
        return (org, post) if post is not None else None

    @staticmethod
    def _bare_post_ending_at(text: str, at: int) -> str | None:
        return next((p for p in POSTS if at >= len(p) and text.startswith(p, at - len(p))), None)

    @staticmethod
    def _level_body(text: str, start: int, post: str, context: Context) -> Mention | None:
        """The division a level post names: 市长/县长/旗长…, or a level word before
        a post (旗领导, 县委书记 without a 县委 mention)."""
        level = None
        if post[-2:-1] in LEVEL_POSTS and post.endswith("长"):
            level = post[-2]
        elif text[start - 1:start] in LEVEL_POSTS and not re.match(r"[\u4e00-\u9fff]", text[start - 2:start - 1] or " "):
            level = text[start - 1]
        elif text[start - 1:start] in LEVEL_POSTS and text[start - 2:start - 1] in "、，,。 \n":
            level = text[start - 1]
        return owner_for(level, context) if level else None

    @staticmethod
    def _post_ending_at(text: str, at: int, orgs: dict) -> tuple[Mention, str] | None:
        """(body, post) for a post title ending at ``at`` right after a body mention."""
        for post in POSTS:
            start = at - len(post)
            if start < 0 or not text.startswith(post, start):
                continue
            unit = next((u for u in PARTY_UNITS if post.startswith(u)), None)
            if unit and start + len(unit) in orgs:
                continue  # 某妇联|党组书记 where 某妇联党组 is a body: its 书记
            # “某某宣讲队”队员某某: the body's closing quote stands before the title
            body_end = start - 1 if text[start - 1:start] in "”’" and start - 1 in orgs else start
            if body_end in orgs and (orgs[body_end].type is not EntityType.DIVISION or post in DIVISION_POSTS
                                     or (orgs[body_end].level is DivisionLevel.VILLAGE
                                         and post in VILLAGE_POSTS)):
                return orgs[body_end], post
            # 市委宣传部长: the post repeats the body's last character (部 + 部长)
            if post.startswith(("部", "局", "委")) and start + 1 in orgs \
                    and orgs[start + 1].canonical.endswith(post[0]):
                return orgs[start + 1], post
        return None

    @staticmethod
    def _bylines(article: Article, context: Context, persons: list[Mention], orgs: dict, add) -> None:
        """本报记者 某某 → the 来源 publisher's 记者; 某某融媒讯（记者 某某 → that body's."""
        text = article.text
        publisher = None
        name = source_name(article.metadata.source)
        if name is not None:
            publisher = next((m for m in context.of_type(EntityType.ORGANIZATION) if m.canonical == name), None)
        for p in persons:
            byline = BYLINE.search(text, max(0, p.start - 12), p.start)
            if byline is None:
                continue
            if byline.group("ours"):
                body = publisher
            else:  # the body right before 讯
                body = orgs.get(byline.start() - 1)
                body = body if body is not None and body.type is EntityType.ORGANIZATION else None
            if body is not None:
                add(p, body, byline.group("post"), byline.start(), p.end)

    @staticmethod
    def _member_lists(text: str, persons: list[Mention], orgs: dict, add) -> None:
        """孙国炜、罗佳贤…等县委理论学习中心组成员: each member of the list."""
        for i, p in enumerate(persons):
            nxt = persons[i + 1] if i + 1 < len(persons) else None
            if nxt is not None and text[p.end:nxt.start] == "、":
                continue  # not the last of its list
            tail = re.match(r"等", text[p.end:p.end + 1])
            if not tail:
                continue
            org = next((o for o in orgs.values() if o.start == p.end + 1), None)
            if org is None:
                continue
            post = re.match("|".join(POSTS), text[org.end:org.end + 5])
            if not post:
                continue
            members = [p]
            j = i
            while j > 0 and text[persons[j - 1].end:persons[j].start] == "、":
                j -= 1
                members.append(persons[j])
            for member in members:
                add(member, org, post.group(), member.start, org.end + len(post.group()))
