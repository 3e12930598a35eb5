"""Hand-built extractions for the RDF tests (no ingest, no extractors needed)."""
from __future__ import annotations

from datetime import datetime

import pytest

from kg.model import (Article, DivisionLevel, EntityType, Extraction, Mention, Metadata,
                      OffsetMap, Relation, Span)

TEXT_A = ("沈阳市辽中区开设“振兴大讲堂”，推动“四位一体”落地。"
          "区委党校组建劳模宣讲团。"
          "理论超市进基层活动在花园路街道举行。"
          "大家都说好。")
TEXT_B = "辽中区“理论超市”开张。"


def sentences(text: str) -> tuple[Span, ...]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "。":
            out.append(Span(start, i + 1))
            start = i + 1
    if start < len(text):
        out.append(Span(start, len(text)))
    return tuple(out)


def article(id_: str, text: str, **meta) -> Article:
    return Article(id=id_, source=f"/in/{id_}", text=text, offsets=OffsetMap.identity(len(text)),
                   original=text, encoding="utf-8", metadata=Metadata(**meta),
                   sentences=sentences(text))


def mention(art: Article, type_: EntityType, surface: str, *, nth: int = 0, canonical: str | None = None,
            **fields) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = art.text.index(surface, start + 1)
    end = start + len(surface)
    return Mention(type=type_, surface=surface, canonical=canonical or surface, start=start,
                   end=end, sentence=art.sentence_at(start), extractor="test", **fields)


LIAOZHONG = ("210115", "辽中区", DivisionLevel.DISTRICT)
SHENYANG = ("210100", "沈阳市", DivisionLevel.CITY)
LIAONING = ("210000", "辽宁省", DivisionLevel.PROVINCE)


def extraction_a() -> Extraction:
    art = article("dir/a01.txt", TEXT_A, title="沈阳市辽中区以解放思想激活振兴发展内生动力",
                  published=datetime(2022, 3, 10, 16, 26), source="人民网-辽宁频道",
                  channel=("人民网", "辽宁频道", "区县乡村"), editors=("李进媛", "汤龙"))
    d = EntityType.DIVISION
    liaozhong = mention(art, d, "沈阳市辽中区", canonical="辽中区", aliases=("沈阳市辽中区",),
                        level=DivisionLevel.DISTRICT, code="210115", parents=(SHENYANG, LIAONING))
    dajiangtang = mention(art, EntityType.PROGRAMME, "振兴大讲堂")
    slogan = mention(art, EntityType.SLOGAN, "四位一体")
    school = mention(art, EntityType.ORGANIZATION, "区委党校", aliases=("辽中区委党校",))
    group = mention(art, EntityType.LECTURE_GROUP, "劳模宣讲团")
    supermarket = mention(art, EntityType.PROGRAMME, "理论超市进基层活动", canonical="理论超市",
                          aliases=("理论超市进基层活动",))
    street = mention(art, d, "花园路街道", level=DivisionLevel.TOWNSHIP)  # no code known
    runs_start = liaozhong.start
    relations = (
        Relation("runs", liaozhong.key, dajiangtang.key, runs_start, dajiangtang.end + 1,
                 liaozhong.sentence, extractor="test"),
        Relation("runs", school.key, group.key, school.start, group.end, school.sentence,
                 extractor="test"),
        Relation("belongsTo", school.key, liaozhong.key, school.start, school.end,
                 school.sentence, extractor="test"),
    )
    return Extraction(art, (liaozhong, dajiangtang, slogan, school, group, supermarket, street),
                      relations)


def extraction_b() -> Extraction:
    art = article("b02.txt", TEXT_B, title="理论超市", published=datetime(2022, 4, 1).date())
    liaozhong = mention(art, EntityType.DIVISION, "辽中区", level=DivisionLevel.DISTRICT,
                        code="210115", parents=(SHENYANG, LIAONING))
    supermarket = mention(art, EntityType.PROGRAMME, "“理论超市”")
    return Extraction(art, (liaozhong, supermarket))


@pytest.fixture
def ext_a() -> Extraction:
    return extraction_a()


@pytest.fixture
def ext_b() -> Extraction:
    return extraction_b()


def synthetic_extraction(i: int, rng, n_mentions: int = 30) -> Extraction:
    """A made-up article of ``n_mentions`` one-mention sentences drawn from a shared pool of
    names (so entities recur across articles), with a few ``runs`` relations."""
    suffix = {EntityType.DIVISION: "区", EntityType.ORGANIZATION: "委",
              EntityType.LECTURE_GROUP: "宣讲团", EntityType.PROGRAMME: "活动",
              EntityType.SLOGAN: "四个", EntityType.PERSON: "人"}
    picks = [(t, f"名{rng.randrange(300)}{suffix[t]}")
             for t in (rng.choice(list(EntityType)) for _ in range(n_mentions))]
    text, starts = "", []
    for _, name in picks:
        starts.append(len(text) + 6)
        text += "在这里开展了" + name + "。"
    art = article(f"corpus/a{i:04d}.txt", text, title=f"标题{i}", editors=(f"编辑{i % 20}",))
    mentions = []
    for (type_, name), start in zip(picks, starts):
        extra = {}
        if type_ is EntityType.DIVISION:
            extra = dict(level=DivisionLevel.DISTRICT, code=f"2101{rng.randrange(1, 100):02d}",
                         parents=(SHENYANG, LIAONING))
        mentions.append(Mention(type_, name, name, start, start + len(name),
                                art.sentence_at(start), "synthetic", **extra))
    heads = [m for m in mentions if m.type is EntityType.ORGANIZATION]
    tails = [m for m in mentions if m.type is EntityType.PROGRAMME]
    relations = tuple(Relation("runs", h.key, t.key, h.start, h.end, h.sentence, "synthetic")
                      for h, t in zip(heads[:5], tails[:5]))
    return Extraction(art, tuple(mentions), relations)
