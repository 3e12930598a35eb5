"""since: the year a programme, group or practice started."""
from __future__ import annotations

import pytest

from kg.model import Extraction


def since(ex: Extraction) -> set[tuple[str, str]]:
    n = {m.key: m.canonical for m in ex.mentions}
    return {(n[a.head], a.value) for a in ex.attributes if a.predicate == "since"}


@pytest.mark.parametrize("sentence, year", [
    ("自2016年以来,东坡区“红色讲堂”已举办200期。", "2016"),
    ("2018年起,东坡区推出“红色讲堂”活动。", "2018"),
    ("东坡区“红色讲堂”创办于2015年。", "2015"),
    ("东坡区“红色讲堂”从2017年开始已连续举办五年。", "2017"),
    ("东坡区委宣传部于2020年组建“红色讲堂”宣讲平台。", "2020"),
])
def test_the_start_year_of_a_programme(extract, sentence, year):
    assert since(extract(sentence)) == {("红色讲堂", year)}


def test_with_no_programme_the_subject_started_it(extract):
    assert since(extract("自2014年以来,东坡区持续推进理论宣讲。")) == {("东坡区", "2014")}


def test_a_plain_year_is_no_start(extract):
    ex = extract("2019年,东坡区开展“红色讲堂”活动。")
    assert not since(ex)
    # it dates the statement instead
    assert any(("year", "2019") in r.qualifiers for r in ex.relations)


def test_two_years_date_nothing(extract):
    ex = extract("2019年和2020年,东坡区开展“红色讲堂”活动。")
    assert not any(q[0] == "year" for r in ex.relations for q in r.qualifiers)


def test_a_year_with_nothing_to_attach_to(extract):
    assert not since(extract("自2016年以来,群众反响热烈。"))


def test_a_year_before_a_verb_of_founding_dates_what_it_founds(extract):
    ex = extract("2022年以来，武乡县委宣传部推出“田间课堂”宣讲品牌，把课堂搬到田间。")
    n = {m.key: m.canonical for m in ex.mentions}
    assert [(n[a.head], a.value) for a in ex.attributes if a.predicate == "since"] == [("田间课堂", "2022")]


@pytest.mark.parametrize("sentence, name, year", [
    ("2020年，首届“兴安”创意设计大赛举行。", "兴安创意设计大赛", "2020"),
    ("“马背宣讲队”始建于2016年3月，深受欢迎。", "马背宣讲队", "2016"),
    ("2015年，平顺县成立了由12人组成的“太行”宣讲团，走遍全县。", "太行宣讲团", "2015"),
])
def test_founding_years_said_other_ways(extract, sentence, name, year):
    ex = extract(sentence)
    n = {m.key: m.canonical for m in ex.mentions}
    assert (name, year) in {(n[a.head], a.value) for a in ex.attributes if a.predicate == "since"}


def test_a_year_opening_a_sentence_of_plain_work_dates_nothing(extract):
    assert not extract("2021年，平顺县开展“太行”宣讲500场。").attributes
