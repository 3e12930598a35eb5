"""Figures: value, unit, approximation, what is counted and what it is about."""
from __future__ import annotations

import pytest

from kg.extract.figures import chinese_number
from kg.model import Extraction


def figures(ex: Extraction) -> set[tuple]:
    n = {m.key: m.canonical for m in ex.mentions}
    return {(n[f.about], f.value, f.unit, f.approximate, f.counts) for f in ex.figures}


@pytest.mark.parametrize("text, value", [("一百二十", 120), ("百", 100), ("两千", 2000),
                                         ("十", 10), ("三十五", 35), ("十二三", None), ("", None)])
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


def test_counts_people_reached_and_approximation(extract):
    got = figures(extract("东坡区“红色讲堂”开展宣讲60场,覆盖党员群众3000余人次。"))
    assert ("红色讲堂", 60, "场", False, "宣讲") in got
    assert ("红色讲堂", 3000, "人次", True, "党员群众") in got


@pytest.mark.parametrize("sentence, value, unit", [
    ("东坡区“红色讲堂”开展宣讲近万人次。", 10000, "人次"),
    ("东坡区“红色讲堂”开展宣讲约50场次。", 50, "场次"),
    ("东坡区“红色讲堂”开展宣讲5场左右。", 5, "场"),
    ("东坡区“红色讲堂”受众超过1.2万人。", 12000, "人"),
])
def test_approximate_forms(extract, sentence, value, unit):
    got = {(f.value, f.unit, f.approximate) for f in extract(sentence).figures}
    assert (value, unit, True) in got


def test_money_keeps_its_scale_in_the_unit(extract):
    got = figures(extract("东坡区签约重点项目15个,总投资86亿元。"))
    assert ("东坡区", 15, "个", False, "重点项目") in got
    assert ("东坡区", 86, "亿元", False, "总投资") in got


def test_a_number_before_a_group_counts_its_members(extract):
    got = figures(extract("东坡区组建200余人的“东坡之声”宣讲团。"))
    assert ("东坡之声宣讲团", 200, "人", True, None) in got


def test_a_counted_list_is_a_claim_of_whoever_runs_it(extract):
    got = figures(extract("东坡区组建“百姓名嘴”宣讲团、青年宣讲团等5支宣讲队伍。"))
    assert got == {("东坡区", 5, "支", False, None)}


def test_a_clause_about_the_whole_district(extract):
    got = figures(extract("东坡区推进理论宣讲。全区共组建宣讲小分队20支。"))
    assert ("东坡区", 20, "支", False, "宣讲小分队") in got


def test_each_village_is_the_subjects_claim(extract):
    got = figures(extract("东坡区各村开展宣讲100场。"))
    assert ("东坡区", 100, "场", False, "宣讲") in got


def test_a_verbless_clause_continues_the_figure_before(extract):
    got = figures(extract("东坡区组建宣讲小分队20支,其中村级小分队12支。"))
    assert ("东坡区", 12, "支", False, "村级小分队") in got


def test_a_figure_in_the_next_sentence_is_the_last_programmes(extract):
    got = figures(extract("东坡区开展“红色讲堂”活动。活动共举办80余场。"))
    assert got == {("红色讲堂", 80, "场", True, None)}


@pytest.mark.parametrize("sentence", [
    "东坡区“红色讲堂”开展一场特殊的宣讲。",         # an article, not a count
    "东坡区“红色讲堂”第3场宣讲开讲。",              # an ordinal
    "东坡区“红色讲堂”于2020年5月开讲。",            # a date
    "东坡区“红色讲堂”上演二人台节目。",             # a folk art
    "活动现场,30多名村民正在排练节目。",           # a scene, not a claim
    "东坡区开展“5+12+N”大讨论。",                   # inside a name
])
def test_not_figures(extract, sentence):
    assert not extract(sentence).figures


def test_evidence_offsets_point_at_the_number(extract):
    ex = extract("东坡区“红色讲堂”开展宣讲60场。")
    f = ex.figures[0]
    assert ex.article.text[f.start:f.end] == f.surface == "60场"
    assert ex.article.sentences[f.sentence].start <= f.start


def test_a_whole_place_clause_naming_the_last_programme_counts_it(extract):
    got = figures(extract("东坡区开展“理论大讨论”活动。全区各单位开展大讨论百余场。"))
    assert {g[:4] for g in got} == {("理论大讨论", 100, "场", True)}
    got = figures(extract("东坡区开展“红色讲堂”活动。全区共组建宣讲小分队20支。"))
    assert {g[:4] for g in got} == {("东坡区", 20, "支", False)}


def test_a_whole_place_is_the_clause_subject_only(extract):
    # 深入全市32个乡镇: 全市 is where the group went, not who claims the figure
    got = figures(extract("东坡区组建百姓宣讲团,深入全区32个乡镇开展宣讲2000余场次。"))
    assert ("百姓宣讲团", 2000, "场次", True, "宣讲") in got
    assert not any(g[0] == "东坡区" for g in got)


def test_a_list_before_the_number_is_not_what_is_counted(extract):
    got = figures(extract("东坡区成立“东坡之声”宣讲团,成员包括大学生村官、返乡创业青年等45人。"))
    assert ("东坡之声宣讲团", 45, "人", False, None) in got


@pytest.mark.parametrize("sentence", ["东坡区“红色讲堂”让党的声音传遍千家万户。",
                                      "东坡区“红色讲堂”千方百计服务群众。"])
def test_idioms_with_numerals_are_no_figures(extract, sentence):
    assert not extract(sentence).figures


def test_money_counts_what_is_spent(extract):
    got = figures(extract("今年,东坡区还投入专项资金120万元。"))
    assert got == {("东坡区", 120, "万元", False, "专项资金")}


def test_members_of_a_group_made_of_them(extract):
    got = figures(extract("区委宣传部牵头组建了由150名宣讲员组成的“康康讲堂”宣讲员队伍。"))
    assert {g[:3] for g in got} == {("康康讲堂", 150, "名")}


def test_copies_handed_out(extract):
    got = figures(extract("东坡区“红色讲堂”发放宣传资料3000余份。"))
    assert ("红色讲堂", 3000, "份", True, "宣传资料") in got


def test_what_is_counted_starts_after_aspect_and_having_words(extract):
    ex = extract("青石县委宣传部印发了宣讲手册3000册。白石镇志愿服务队有队员50名。")
    counted = {f.value: f.counts for f in ex.figures}
    assert counted.get(3000) == "宣讲手册" and counted.get(50) == "队员"


def test_a_count_jieba_glued_to_the_name_it_counts(extract):
    ex = extract("青山县组建了58支民语宣讲队，经常进村入户。")
    n = {m.key: m.canonical for m in ex.mentions}
    assert [(f.value, f.unit, n[f.about]) for f in ex.figures] == [(58, "支", "民语宣讲队")]


def test_a_list_named_clauses_before_is_not_what_a_number_counts(extract):
    ex = extract("青山县开展“文明新风”宣讲活动。\n组建了党员先锋队、妇女宣传队等，将理论语言转换为"
                 "群众语言，先后开展集中宣讲80余次、发放材料500余份。")
    n = {m.key: m.canonical for m in ex.mentions}
    got = {(f.value, n[f.about]) for f in ex.figures}
    assert {(80, "文明新风"), (500, "文明新风")} <= got
    # …while a number right after the list counts the list, a claim of who runs it
    ex = extract("平顺县组建百姓宣讲团、高校宣讲团等23个，宣讲员462名。")
    n = {m.key: m.canonical for m in ex.mentions}
    assert {(f.value, n[f.about]) for f in ex.figures} == {(23, "平顺县"), (462, "平顺县")}


def test_a_saying_of_homes_reached_is_no_count(extract):
    assert not extract("平顺县：“小板凳”宣讲进万家。平顺县开展宣讲。").figures


def test_the_parts_of_a_talk_are_no_figure(extract):
    assert not extract("省委宣讲团成员从七个方面、三个层面对全会精神进行了解读。").figures


def test_the_means_of_a_clause_is_not_who_claims_its_figure(extract):
    ex = extract("沁源县委网信办通过“沁源发布”公众号推送文章300余篇。")
    n = {m.key: m.canonical for m in ex.mentions}
    assert [(f.value, n[f.about]) for f in ex.figures] == [(300, "沁源县委网信办")]


def test_a_round_number_in_an_activitys_name_is_no_figure(extract):
    ex = extract("平顺县学习宣传党的二十大精神百场宣讲活动启动。")
    assert not any(f.value == 100 for f in ex.figures)


def test_a_place_gone_to_is_not_who_claims_the_figure(extract):
    ex = extract("市委党校选派10名教师组成宣讲团，深入平顺县23个乡镇开展集中宣讲80场，受众1万余人。")
    n = {m.key: m.canonical for m in ex.mentions}
    about = {f.value: n[f.about] for f in ex.figures}
    assert about.get(10000) != "平顺县" and about.get(80) != "平顺县"


def test_a_claim_far_from_any_name_is_the_programme_the_article_is_about(extract):
    got = figures(extract("东坡区启动“红色讲堂”活动。“红色讲堂”走进社区。当天天气晴朗。"
                          "群众热情很高。大家纷纷表示受益匪浅。目前已累计开展宣讲124场。"))
    assert ("红色讲堂", 124, "场", False, "宣讲") in got


def test_a_claim_far_from_any_name_is_the_main_places_without_such_a_programme(extract):
    # one mention of a programme does not make it the article's topic
    got = figures(extract("东坡区推进理论宣讲。区里举办“红色讲堂”活动。当天天气晴朗。"
                          "群众热情很高。大家纷纷表示受益匪浅。目前已开展宣讲报告会124场。"))
    assert ("东坡区", 124, "场", False, "宣讲报告会") in got


def test_no_place_and_no_programme_leaves_a_far_claim_unattached(extract):
    got = extract("当天天气晴朗。群众热情很高。大家纷纷表示受益匪浅。目前已开展宣讲124场。").figures
    assert got == ()
