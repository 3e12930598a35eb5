"""Generic names are identified by their owner (kg.extract.identities).  Invented texts."""
from __future__ import annotations

import pytest

from kg.extract.identities import _one_type_per_name
from kg.extract.registry import Pipeline
from kg.ingest import article_from_text
from kg.model import EntityType, Mention

GANSU = "甘肃省兰州市城关区组建百姓宣讲团，深入社区开展宣讲活动。区委宣传部负责同志出席。\n"
YUNNAN = "云南省昆明市五华区组建百姓宣讲团，走进乡村开展宣讲活动。区委宣传部负责同志出席。\n"
GANSU_AGAIN = "近日，甘肃省兰州市城关区百姓宣讲团成员走进学校。城关区组建百姓宣讲团以来，宣讲百余场。\n"
NOWHERE = "百姓宣讲团走进社区开展宣讲活动，群众反响热烈。\n"


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(model=None)


def keys(pipeline, text, name, type_=EntityType.LECTURE_GROUP):
    ex = pipeline(article_from_text(text, f"{abs(hash(text))}.txt"))
    return {m.key for m in ex.mentions if m.type is type_ and m.canonical == name}


def test_one_generic_name_of_two_provinces_is_two_entities(pipeline):
    gansu, yunnan = keys(pipeline, GANSU, "百姓宣讲团"), keys(pipeline, YUNNAN, "百姓宣讲团")
    assert len(gansu) == 1 and len(yunnan) == 1 and gansu != yunnan
    assert "620102" in next(iter(gansu))[1] and "530102" in next(iter(yunnan))[1]


def test_the_same_place_s_group_is_one_entity_across_articles(pipeline):
    assert keys(pipeline, GANSU, "百姓宣讲团") == keys(pipeline, GANSU_AGAIN, "百姓宣讲团")


def test_without_a_place_the_group_stays_in_its_article(pipeline):
    one = keys(pipeline, NOWHERE, "百姓宣讲团")
    other = keys(pipeline, NOWHERE + "\n", "百姓宣讲团")
    assert one and other and one != other  # never merged with any other article's


def test_a_name_with_its_place_or_a_national_body_keeps_its_name_as_key(pipeline):
    text = "城关区百姓宣讲团和中共中央宣传部……甘肃省兰州市城关区组建百姓宣讲团。\n"
    ex = pipeline(article_from_text(text, "p.txt"))
    for m in ex.mentions:
        if m.canonical in ("城关区百姓宣讲团", "中共中央宣传部"):
            assert m.key == (m.type, m.canonical)


def mention(type_, name, start):
    return Mention(type=type_, surface=name, canonical=name, start=start, end=start + len(name),
                   sentence=0)


def test_a_name_typed_as_group_and_programme_is_one_type():
    ms = (mention(EntityType.LECTURE_GROUP, "红山宣讲团", 0),
          mention(EntityType.PROGRAMME, "红山宣讲团", 10),
          mention(EntityType.PROGRAMME, "红山讲堂", 20), mention(EntityType.LECTURE_GROUP, "红山讲堂", 30))
    out = _one_type_per_name(ms)
    assert [m.type for m in out] == [EntityType.LECTURE_GROUP, EntityType.LECTURE_GROUP,
                                     EntityType.PROGRAMME, EntityType.PROGRAMME]


G2 = ("甘肃省兰州市城关区组建百姓宣讲团和青年宣讲团。区委宣传部、市委党校联合举办培训班，"
      "省委有关负责同志出席。\n")
Y2 = ("云南省昆明市五华区组建百姓宣讲团和青年宣讲团。区委宣传部、市委党校联合举办培训班，"
      "省委有关负责同志出席。\n")


@pytest.mark.parametrize("surface", ["百姓宣讲团", "青年宣讲团", "区委宣传部", "市委党校", "省委"])
def test_every_generic_name_of_two_provinces_is_two_entities(pipeline, surface):
    def found(text):
        ex = pipeline(article_from_text(text, f"{abs(hash(text))}.txt"))
        return {m.key for m in ex.mentions if m.surface == surface}
    gansu, yunnan = found(G2), found(Y2)
    assert gansu and yunnan, (surface, gansu, yunnan)
    assert not gansu & yunnan, (surface, gansu)
