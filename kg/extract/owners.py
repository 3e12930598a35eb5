"""Resolve the implicit owner of a body or group: 区委党校 in an article about 辽中区.

Chinese news names local bodies relative to the place it is about: 县委, 市委宣传部,
区委党校.  The owner is the division of that level the article talks about most.
"""
from __future__ import annotations

from collections import Counter

from kg.extract.base import Context
from kg.model import DivisionLevel, EntityType, Mention

# The level character of a relative name and the division names it can stand for.
LEVEL_SUFFIXES: dict[str, tuple[str, ...]] = {
    "省": ("省", "自治区"),
    "市": ("市",),
    "州": ("州",),
    "县": ("县",),
    "区": ("区",),
    "旗": ("旗",),
    "镇": ("镇",),
    "乡": ("乡",),
    "街道": ("街道",),
    "村": ("村",),
    "社区": ("社区",),
    # the level words of autonomous regions and prefectures: 自治区党委, 自治州妇联, 盟委
    "自治区": ("自治区",),
    "自治州": ("自治州",),
    "盟": ("盟",),
}


def owner_for(level: str, context: Context, before: int | None = None) -> Mention | None:
    """The division a relative name with level ``level`` (县, 市, 区...) refers to.

    The most mentioned division whose name ends in that level word wins (ties: the
    one mentioned first); municipalities (北京市) count as 市 too.  Returns None
    when the article names no division of that level.
    """
    suffixes = LEVEL_SUFFIXES.get(level)
    if not suffixes:
        return None
    divisions = [m for m in context.of_type(EntityType.DIVISION)
                 if m.canonical.endswith(suffixes)]
    if level == "市":  # a county-level city (赤壁市) and a prefecture both end in 市
        divisions = [m for m in divisions if m.level is not DivisionLevel.PROVINCE
                     or m.canonical.endswith("市")]
    main = main_division(context)
    if main is not None and main.level is DivisionLevel.DISTRICT and level in ("省", "市", "州"):
        # 省委/市委 in a county's article are that county's province and city: a
        # place named elsewhere in the text (a video about 六盘水市) is not the owner.
        ancestors = {code for code, _, _ in main.parents}
        divisions = [m for m in divisions if m.code in ancestors or m.key == main.key]
    if not divisions:
        return None
    counts = Counter(m.key for m in divisions)
    first: dict = {}
    for m in divisions:
        first.setdefault(m.key, m)
    best = max(counts, key=lambda k: (counts[k], -first[k].start))
    # Prefer the lowest level among equally frequent: 市委 in a 赤壁市 article.
    return first[best]


def division_ending_at(context: Context, position: int) -> Mention | None:
    """A division mention that ends exactly at ``position`` (沈阳市|辽中区|委党校)."""
    best = None
    for m in context.of_type(EntityType.DIVISION):
        if m.end == position and (best is None or m.start < best.start):
            best = m
    return best


def main_division(context: Context) -> Mention | None:
    """The most mentioned county-level (else city, else province) division."""
    for level in (DivisionLevel.DISTRICT, DivisionLevel.CITY, DivisionLevel.PROVINCE):
        ds = [m for m in context.of_type(EntityType.DIVISION) if m.level is level]
        if ds:
            counts = Counter(m.key for m in ds)
            key = max(counts, key=lambda k: counts[k])
            return next(m for m in ds if m.key == key)
    return None


def article_topic(mentions, before: int | None = None) -> Mention | None:
    """What an article is about, for what no clause attaches to anything: the programme
    or lecture group it names most (at least twice; before ``before`` if given), else
    its main division."""
    counts: dict = {}
    for m in mentions:
        if m.type in (EntityType.PROGRAMME, EntityType.LECTURE_GROUP) \
                and (before is None or m.start < before):
            n, first = counts.get(m.key, (0, m))
            counts[m.key] = (n + 1, first if first.start <= m.start else m)
    if counts:
        n, best = max(counts.values(), key=lambda x: (x[0], -x[1].start))
        if n >= 2:
            return best
    return main_division(Context(tuple(mentions), ()))
