"""Who a generic name belongs to: 百姓宣讲团 of one county is not that of another.

Many lecture groups and bodies have names that every place uses: 百姓宣讲团,
青年宣讲团, 宣传部, 党校, 文明办.  Keyed by their name alone, the group of a Gansu
county and the group of a Yunnan district would be one node, listed under both
provinces, pulling one into the other's neighbourhood.  So a lecture group or an
organisation whose name holds no place (no division of the article lies inside
it), no owner already resolved (县委宣传部 → 桦川县委宣传部), and is no national
body (中共中央宣传部, 人民日报, 国务院..., the national_bodies gazetteer and the
中共中央/中央/全国/国家/国务院/中国 prefixes) is identified by its owner: the
article's main division (:func:`kg.extract.owners.main_division`) when the
article has one, else the article itself.  Its label stays its name.

A name the article types both as a lecture group and as a programme (佤山宣讲团
as a group in one sentence and a brand in the next) is one entity of one type:
a lecture group when its name ends like one (团, 队, 组), else a programme.

This is a reviser that runs after the mentions are final (recurrences, anaphora)
and before anything links them (relations, figures), so every record uses the
same keys.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from kg.extract.base import Context
from kg.extract.organizations import national_bodies
from kg.extract.owners import main_division
from kg.extract.segment import Segmenter
from kg.model import Article, EntityType, Mention, label_form

NAME = "identities"
GENERIC_TYPES = (EntityType.LECTURE_GROUP, EntityType.ORGANIZATION)
NATIONAL_PREFIXES = ("中共中央", "中央", "全国", "国家", "国务院", "中国", "中华", "新华", "人民")
GROUP_ENDINGS = ("团", "队", "组")


@lru_cache(maxsize=1)
def national_names() -> frozenset[str]:
    return frozenset(label_form(n) for n in national_bodies())


def is_generic(mention: Mention, divisions: list[Mention]) -> bool:
    """A group's or body's name that says nothing of where it is."""
    if mention.type not in GENERIC_TYPES or mention.owner is not None or mention.scope:
        return False
    name = label_form(mention.canonical)
    if not name or name in national_names() or name.startswith(NATIONAL_PREFIXES):
        return False
    if any(d.start >= mention.start and d.end <= mention.end for d in divisions):
        return False  # 辽中区百姓宣讲团
    return not any(label_form(d.canonical) in name or label_form(d.surface) in name
                   for d in divisions)


class IdentityReviser:
    name = NAME

    def __init__(self, segmenter: Segmenter | None = None) -> None:
        self.segmenter = segmenter

    def extract(self, article: Article, context: Context) -> list:
        return []  # a reviser adds nothing of its own: see revise()

    def revise(self, article: Article, context: Context) -> tuple[Mention, ...]:
        mentions = _one_type_per_name(context.mentions)
        divisions = [m for m in mentions if m.type is EntityType.DIVISION]
        main = None
        out = []
        for m in mentions:
            if is_generic(m, divisions):
                if main is None:
                    main = main_division(Context(mentions=tuple(divisions))) or False
                m = replace(m, within=main.key[1]) if main else \
                    replace(m, scope=article.id)
            out.append(m)
        return tuple(out)


def _one_type_per_name(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    both = {EntityType.LECTURE_GROUP, EntityType.PROGRAMME}
    types: dict[str, set] = {}
    for m in mentions:
        if m.type in both:
            types.setdefault(label_form(m.canonical), set()).add(m.type)
    mixed = {name for name, ts in types.items() if len(ts) > 1}
    if not mixed:
        return mentions
    out = []
    for m in mentions:
        name = label_form(m.canonical)
        if m.type in both and name in mixed:
            wanted = EntityType.LECTURE_GROUP if name.endswith(GROUP_ENDINGS) else EntityType.PROGRAMME
            if m.type is not wanted:
                m = replace(m, type=wanted)
        out.append(m)
    return tuple(out)
