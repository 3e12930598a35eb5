"""runs, belongsTo, coOrganizes and promotes, on invented sentences.

Each test names the grammar it holds; the negative assertions are the
precision side (a relation kg must not claim).
"""
from __future__ import annotations

from kg.extract.relations import TOPIC
from kg.model import Extraction


def facts(ex: Extraction) -> set[tuple[str, str, str]]:
    n = {m.key: m.canonical for m in ex.mentions}
    return {(r.predicate, n[r.head], n[r.tail]) for r in ex.relations}


def clause_facts(ex: Extraction) -> set[tuple[str, str, str]]:
    """What the grammar of clauses states, without what is read from the article's topic."""
    n = {m.key: m.canonical for m in ex.mentions}
    return {(r.predicate, n[r.head], n[r.tail]) for r in ex.relations if r.extractor != TOPIC}


def each(ex: Extraction, predicate: str, heads: tuple[str, ...], tail: str) -> None:
    """Every head holds ``predicate`` to ``tail`` (the assertion names the one that does not)."""
    got = facts(ex)
    for head in heads:
        assert (predicate, head, tail) in got, head


def evidence(ex: Extraction, predicate: str, head: str, tail: str) -> str:
    n = {m.key: m.canonical for m in ex.mentions}
    r = next(r for r in ex.relations if (r.predicate, n[r.head], n[r.tail]) == (predicate, head, tail))
    return ex.article.text[r.start:r.end]


# --- runs -------------------------------------------------------------------

def test_a_run_verb_links_the_subject_to_the_programme(extract):
    ex = extract("东坡区委宣传部在东坡区文化馆举办“理论周末”活动。")
    assert ("runs", "东坡区委宣传部", "理论周末") in facts(ex)
    # the place after 在 is where, not who
    assert ("runs", "东坡区", "理论周末") not in facts(ex)
    assert evidence(ex, "runs", "东坡区委宣传部", "理论周末").startswith("东坡区委宣传部")


def test_convening_a_meeting_runs_it(extract):
    ex = extract("东坡区委组织部组织召开“两学一做”学习教育座谈会。")
    assert ("runs", "东坡区委组织部", "两学一做学习教育座谈会") in facts(ex)


def test_co_organisers_each_run_and_co_organise(extract):
    ex = extract("西湖区委宣传部与《学习》杂志社联合举办“理论周末”活动。")
    got = facts(ex)
    for actor in ("西湖区委宣传部", "学习杂志社"):
        assert ("runs", actor, "理论周末") in got
        assert ("coOrganizes", actor, "理论周末") in got


def test_co_organisers_joined_by_he_or_lianhe(extract):
    for sentence in ("东坡区委宣传部和区总工会共同举办“劳模讲堂”活动。",
                     "东坡区委宣传部联合区总工会开展“劳模讲堂”活动。"):
        got = facts(extract(sentence))
        assert ("coOrganizes", "东坡区委宣传部", "劳模讲堂") in got, sentence
        assert ("coOrganizes", "东坡区总工会", "劳模讲堂") in got, sentence


def test_a_single_actor_co_organises_nothing(extract):
    got = facts(extract("东坡区委宣传部举办“理论周末”活动。"))
    assert not {f for f in got if f[0] == "coOrganizes"}


def test_by_x_organised(extract):
    ex = extract("由南山区委宣传部主办的“书香南山”读书节开幕。")
    assert ("runs", "南山区委宣传部", "书香南山") in facts(ex)


def test_by_a_list_of_bodies_each_runs_it(extract):
    # 由 stands before the first of the list; every body of it hosts or founds the group
    # (联合主办: co-organises, the subproperty of runs)
    each(extract("由柳河县委宣传部、县文联、县妇联联合主办的“乡音说理”故事会在县城开讲。"),
         "coOrganizes", ("柳河县委宣传部", "柳河县文联", "柳河县妇联"), "乡音说理")
    each(extract("由柳河县委统战部、县民政局共同组建的“石板桥”宣讲队走进村屯。"),
         "runs", ("柳河县委统战部", "柳河县民政局"), "石板桥宣讲队")


def test_a_list_joined_by_yiji_runs_it_together(extract):
    each(extract("柳河县委宣传部联合县教育局以及县科协，组建“小喇叭”宣讲队。"),
         "runs", ("柳河县委宣传部", "柳河县教育局", "柳河县科协"), "小喇叭宣讲队")


def test_each_body_before_its_own_brand_runs_it(extract):
    # a list of body + brand pairs is no list of objects of the first body
    ex = extract("各街道打造特色宣讲品牌：东湖街道“东湖茶话会”、西湖街道“西湖夜校”、南湖街道“南湖e课堂”等。")
    got = facts(ex)
    assert {("runs", "东湖街道", "东湖茶话会"), ("runs", "西湖街道", "西湖夜校"),
            ("runs", "南湖街道", "南湖e课堂")} <= got
    assert ("runs", "东湖街道", "西湖夜校") not in got
    assert ("runs", "东湖街道", "南湖e课堂") not in got


def test_a_later_clause_with_you_names_who_founded_the_subject(extract):
    each(extract("“青禾宣讲团”成立于2020年，由县委宣传部联合县农业农村局、县妇联共同组建，现有成员30人。"),
         "runs", ("县委宣传部", "县农业农村局", "县妇联"), "青禾宣讲团")
    ex = extract("“青禾讲堂”自2019年推出以来，由县委党校牵头，每月开讲。")
    assert ("runs", "县委党校", "青禾讲堂") in facts(ex)


def test_a_later_clause_with_you_needs_the_target_to_open_the_sentence(extract):
    # the 由 clause belongs to the body before, not to a target that is not the subject
    ex = extract("县委宣传部开设“青禾讲堂”，每月一期，由县委党校负责授课。")
    assert ("runs", "县委党校", "青禾讲堂") not in facts(ex)
    ex = extract("“青禾讲堂”走进村里，由县委党校的教师带来“红色故事会”，由县妇联组织。")
    assert ("runs", "县委党校", "青禾讲堂") not in facts(ex)


def test_an_actor_right_before_its_programme(extract):
    ex = extract("南山区委宣传部“红色讲堂”活动深受欢迎。")
    assert ("runs", "南山区委宣传部", "红色讲堂") in facts(ex)


def test_coordinated_objects_share_the_verb(extract):
    got = facts(extract("东坡区组建百姓宣讲团、青年宣讲团,深入基层宣讲。"))
    for group in ("百姓宣讲团", "青年宣讲团"):
        assert ("runs", "东坡区", group) in got
        assert ("belongsTo", group, "东坡区") in got


def test_coordination_by_ji(extract):
    got = facts(extract("东坡区启动“红色讲堂”暨“理论周末”活动。"))
    assert {("runs", "东坡区", "红色讲堂"), ("runs", "东坡区", "理论周末")} <= got


def test_a_group_that_acts_in_its_own_clause_is_not_an_object(extract):
    got = clause_facts(extract("东坡区开展“红色讲堂”活动,青年宣讲团深入村社宣讲。"))
    assert ("runs", "东坡区", "红色讲堂") in got
    assert ("runs", "东坡区", "青年宣讲团") not in got


def test_the_subject_of_a_later_clause_runs_its_object(extract):
    got = facts(extract("东坡区开展“红色讲堂”活动,区委宣传部组织青年宣讲团参加。"))
    assert ("runs", "东坡区委宣传部", "青年宣讲团") in got
    assert ("runs", "东坡区", "青年宣讲团") not in got


def test_guidance_is_not_running(extract):
    got = facts(extract("在东坡区委宣传部的指导下,东坡区青年宣讲团开展宣讲。"))
    assert not {f for f in got if f[0] == "runs"}


def test_an_object_after_a_marker_does_not_act(extract):
    # 以…为依托: the group is the means; the district runs the programme
    got = facts(extract("东坡区以“百姓名嘴”宣讲团为依托,开展“红色讲堂”活动。"))
    assert ("runs", "东坡区", "红色讲堂") in got
    assert ("runs", "百姓名嘴宣讲团", "红色讲堂") not in got


def test_a_dropped_subject_is_the_headline_body(extract):
    ex = extract("东坡区委宣传部:打造理论宣讲新高地\n"
                 "东坡区委宣传部多措并举推进理论宣讲。近日,启动“理论周末”活动。")
    assert ("runs", "东坡区委宣传部", "理论周末") in facts(ex)
    # the actor comes from another sentence: the evidence is the target's sentence only
    assert evidence(ex, "runs", "东坡区委宣传部", "理论周末").startswith("理论周末")


def test_a_dropped_subject_is_the_lead_body(extract):
    ex = extract("“红色讲堂”受欢迎\n本报讯 眉山市东坡区委宣传部近年来坚持创新。今年,推出“红色讲堂”活动。")
    assert ("runs", "东坡区委宣传部", "红色讲堂") in facts(ex)


def test_a_dropped_subject_far_from_any_topic_stays_unlinked(extract):
    filler = "群众反响热烈。" * 4
    ex = extract("东坡区推进理论宣讲。" + filler + "近日,启动“理论周末”活动。")
    assert ("runs", "东坡区", "理论周末") not in clause_facts(ex)


def test_our_city_is_the_city_the_article_names(extract):
    ex = extract("眉山市开展理论宣讲。我市组建“东坡故事”宣讲团,开展宣讲。")
    assert ("runs", "眉山市", "东坡故事宣讲团") in facts(ex)


def test_our_city_unknown_names_no_actor(extract):
    assert not {f for f in facts(extract("我市开展“理论周末”活动。")) if f[0] == "runs"}


def test_a_year_qualifies_the_fact_it_dates(extract):
    ex = extract("2019年,东坡区开展“红色讲堂”活动。")
    n = {m.key: m.canonical for m in ex.mentions}
    run = next(r for r in ex.relations if r.predicate == "runs" and n[r.tail] == "红色讲堂")
    assert ("year", "2019") in run.qualifiers


def test_every_relation_has_its_sentence(extract):
    ex = extract("东坡区委宣传部与区妇联联合举办“巾帼讲堂”活动。2020年,东坡区组建青年宣讲团。")
    assert ex.relations
    for r in ex.relations:
        sentence = ex.article.sentences[r.sentence]
        assert sentence.start <= r.start < r.end <= sentence.end
        assert r.extractor


# --- promotes ---------------------------------------------------------------

def test_a_programme_named_after_a_slogan_promotes_it(extract):
    got = facts(extract("东坡区开展“不忘初心、牢记使命”主题教育。"))
    assert ("promotes", "不忘初心、牢记使命主题教育", "不忘初心、牢记使命") in got
    assert ("runs", "东坡区", "不忘初心、牢记使命主题教育") in got


def test_adopting_a_slogan_promotes_it(extract):
    got = facts(extract("东坡区坚持“一村一策”,助力乡村振兴。"))
    assert ("promotes", "东坡区", "一村一策") in got


def test_standing_by_a_formula_promotes_it(extract):
    got = facts(extract("东坡区委坚定拥护“两个确立”,唱响“四个一”。"))
    assert {("promotes", "东坡区委", "两个确立"), ("promotes", "东坡区委", "四个一")} <= got


def test_slogans_listed_after_one_verb_share_who_promotes_them(extract):
    got = facts(extract("东坡区坚持“一村一策”“一户一档”和“三个到位”,助力乡村振兴。"))
    assert {("promotes", "东坡区", s) for s in ("一村一策", "一户一档", "三个到位")} <= got
    # with the subject dropped, the topic promotes each of the list
    got = facts(extract("东坡区推进乡村振兴。\n近年来,坚持“一村一策”“一户一档”,成效明显。"))
    assert {("promotes", "东坡区", s) for s in ("一村一策", "一户一档")} <= got
    # a slogan after a clause of its own is not in the list
    got = clause_facts(extract("东坡区坚持“一村一策”。会上提到了“三个到位”。"))
    assert ("promotes", "东坡区", "三个到位") not in got


def test_a_headline_slogan_is_the_headline_bodys(extract):
    got = facts(extract("东坡区委宣传部:“四个坚持”擦亮理论宣讲品牌\n东坡区委宣传部推进理论宣讲。"))
    assert ("promotes", "东坡区委宣传部", "四个坚持") in got


def test_a_motto_frame_promotes_the_motto(extract):
    got = facts(extract("东坡区组建以“讲好东坡故事”为理念的宣讲团。"))
    assert ("promotes", "东坡区", "讲好东坡故事") in got


def test_a_metaphor_is_not_promoted(extract):
    got = facts(extract("东坡区打通理论宣讲“最后一公里”,破解“中梗阻”。"))
    assert not {f for f in got if f[0] == "promotes"}


def test_a_year_in_another_clause_dates_that_clause_only(extract):
    ex = extract("东坡区组建“东坡之声”宣讲团,2021年举办宣讲1万多场。")
    n = {m.key: m.canonical for m in ex.mentions}
    run = next(r for r in ex.relations if r.predicate == "runs" and n[r.tail] == "东坡之声宣讲团")
    assert not run.qualifiers
    ex = extract("东坡区“红色讲堂”创办于2015年。")
    assert all(("year", "2015") in r.qualifiers for r in ex.relations if r.predicate == "runs")


def test_this_town_names_the_clause_subject(extract):
    ex = extract("濮院镇推进理论宣讲。镇党委书记沈国华介绍,今年该镇还成立了“濮院好声音”青年宣讲团。")
    got = facts(ex)
    assert ("runs", "濮院镇", "濮院好声音青年宣讲团") in got
    assert ("runs", "濮院镇党委", "濮院好声音青年宣讲团") not in got  # the speaker's body
    assert not any(m.canonical.startswith(("今年", "该")) for m in ex.mentions)


def test_hosts_and_the_body_that_carries_it_out(extract):
    got = facts(extract("由桐乡市委宣传部、市文明办主办,濮院镇人民政府承办的“文化礼堂夜话”开讲。"))
    for actor in ("桐乡市委宣传部", "桐乡市文明办", "濮院镇人民政府"):
        assert ("runs", actor, "文化礼堂夜话") in got, actor
        assert ("coOrganizes", actor, "文化礼堂夜话") in got, actor


def test_a_leading_clause_does_not_hide_the_subject(extract):
    got = facts(extract("盘州市在全市建立“红色讲习所”,由市委讲师团牵头,组织开展“千场宣讲进基层”活动。"))
    assert ("runs", "盘州市", "红色讲习所") in got
    assert ("runs", "盘州市", "千场宣讲进基层活动") in got


def test_a_list_after_an_object_marker_is_objects_all_along(extract):
    got = facts(extract("麒麟区整合区委讲师团、区委党校、区文联等力量,组建10支“板凳课堂”宣讲小分队。"))
    assert ("runs", "麒麟区", "板凳课堂宣讲小分队") in got
    assert not {f for f in got if f[0] in ("runs", "coOrganizes") and f[1] != "麒麟区"}


def test_a_body_in_a_speakers_title_does_not_act(extract):
    got = facts(extract("越州镇推进宣讲。越州镇党委副书记、镇长黄海涛说,全镇已开展“板凳课堂”宣讲42场。"))
    assert ("runs", "越州镇党委", "板凳课堂") not in got
    assert ("runs", "越州镇", "板凳课堂") in got  # 全镇 opens the clause


def test_a_verb_inside_a_word_is_no_verb(extract):
    # 组织 of 党组织 does not make 全县 run the campaign it implements
    got = facts(extract("桦川县召开会议。全县各级党组织要认真落实县委“工作落实年”活动的要求。"))
    assert ("runs", "桦川县", "工作落实年") not in got


def test_belonging_is_not_dated(extract):
    ex = extract("2020年,东坡区委宣传部组建“东坡之声”宣讲团。")
    n = {m.key: m.canonical for m in ex.mentions}
    for r in ex.relations:
        dated = ("year", "2020") in r.qualifiers
        assert dated == (r.predicate in ("runs", "coOrganizes", "promotes")), (r.predicate, n[r.head])


def test_a_verb_inside_a_noun_links_nothing(extract):
    # 宣传 of 宣传部 is no verb: 杭州市 (a dateline) does not promote the slogan
    got = facts(extract("人民网杭州8月15日电 近日,安吉县委宣传部组建的“两山”理论宣讲团走进天荒坪镇,"
                        "为村民宣讲“绿水青山就是金山银山”理念。"))
    assert not {f for f in got if f[1] in ("杭州市", "天荒坪镇")}
    assert ("runs", "安吉县委宣传部", "两山理论宣讲团") in got


# --- participatesIn -----------------------------------------------------------

def test_a_person_attends(extract):
    got = facts(extract("东坡区委书记李明出席“红色讲堂”启动仪式。"))
    assert ("participatesIn", "李明", "红色讲堂") in got
    assert ("runs", "李明", "红色讲堂") not in got


def test_a_body_takes_part(extract):
    got = facts(extract("东坡区委宣传部举办“理论周末”活动,区妇联也参加“理论周末”活动。"))
    assert ("participatesIn", "东坡区妇联", "理论周末") in got
    assert ("runs", "东坡区妇联", "理论周末") not in got


def test_a_body_in_a_title_does_not_take_part(extract):
    got = facts(extract("东坡区妇联主席刘芳参加“理论周末”活动。"))
    assert ("participatesIn", "刘芳", "理论周末") in got
    assert ("participatesIn", "东坡区妇联", "理论周末") not in got


def test_the_bodies_after_you_carry_out_what_comes_before(extract):
    ex = extract("延边州委宣传部近日启动“红色宣讲进万家”活动。活动由州委讲师团、州文联、"
                 "州广播电视台共同承办,计划全年开展宣讲500场。")
    got = facts(ex)
    assert ("runs", "延边朝鲜族自治州委宣传部", "红色宣讲进万家活动") in got
    for body in ("延边朝鲜族自治州文联", "延边朝鲜族自治州广播电视台"):
        assert ("runs", body, "红色宣讲进万家活动") in got, body
        assert ("coOrganizes", body, "红色宣讲进万家活动") in got, body
    # a lecture group is named among them but runs nothing (the ontology's domain)
    assert not any(f[1].endswith("讲师团") for f in got if f[0] == "runs")


def test_you_followed_by_more_than_bodies_is_no_list_of_runners(extract):
    got = facts(extract("东坡区开展“红色讲堂”活动,由区委宣传部的同志和村民代表组成评审组负责评选。"))
    assert ("runs", "东坡区委宣传部", "红色讲堂") not in got


def test_a_list_of_measures_keeps_the_topic_as_subject(extract):
    ex = extract("湘潭县“三个聚焦”推动理论宣讲\n今年以来,湘潭县坚持“三个聚焦”。一是聚焦队伍建设。"
                 "组建县委宣讲团。二是聚焦形式创新。推出“方言微宣讲”“屋场夜话”等特色宣讲。"
                 "三是聚焦阵地建设。依托县新时代文明实践中心,打造“莲城理论课堂”宣讲阵地。")
    got = facts(ex)
    for programme in ("方言微宣讲", "屋场夜话", "莲城理论课堂"):
        assert ("runs", "湘潭县", programme) in got, programme
    assert ("runs", "湘潭县新时代文明实践中心", "莲城理论课堂") not in got  # 依托: an object


def test_an_instruction_to_others_is_not_the_topics_deed(extract):
    ex = extract("临沧市推进宣讲工作。各县(区)委宣传部可参照市级做法,打造地方特色宣讲团。")
    assert not {f for f in clause_facts(ex) if f[0] == "runs"}


def test_a_bodys_programme(extract):
    assert ("runs", "东坡区委宣传部", "理论周末") in facts(
        extract("东坡区委宣传部的“理论周末”活动深受群众欢迎。"))
    # a place's programme may be anyone's held there
    assert not {f for f in clause_facts(extract("在东坡区的“理论周末”活动上,群众踊跃发言。")) if f[0] == "runs"}


def test_a_body_named_after_a_division_belongs_to_it(extract):
    ex = extract("白石镇新时代文明实践所组织宣讲员深入村组。青川县苗学会也参加了。")
    found = facts(ex)
    assert ("belongsTo", "白石镇新时代文明实践所", "白石镇") in found
    assert ("belongsTo", "青川县苗学会", "青川县") in found


def test_a_programme_named_after_a_division_does_not_belong_to_it(extract):
    ex = extract("沈阳市第二届文化产业博览会隆重开幕。")
    assert not any(p == "belongsTo" and h.startswith("沈阳市文化") for p, h, _ in facts(ex))


def test_a_sub_body_belongs_to_its_body(extract):
    found = facts(extract("济宁市政协党组理论学习中心组进行集体学习。"))
    assert ("belongsTo", "济宁市政协党组", "济宁市政协") in found
    assert ("belongsTo", "济宁市政协党组理论学习中心组", "济宁市政协党组") in found


def test_a_headline_opening_with_a_medium_names_no_topic(extract):
    # a page header taken for the headline: the medium runs nothing of the story
    got = facts(extract("人民网青山频道\n\n近日,东坡区委宣传部推进理论宣讲。\n组建“蒲公英”宣讲团,深入村组。"))
    assert not any(f[1] == "人民网" for f in got)


def test_a_group_named_after_its_body_belongs_to_it(extract):
    got = facts(extract("东坡区成立了青石镇党委、东坡区税务局党委等2支宣讲队。"))
    assert ("belongsTo", "青石镇党委宣讲队", "青石镇党委") in got


def test_a_lecture_group_listed_with_the_bodies_runs_with_them(extract):
    got = facts(extract("平顺县委宣传部、县委讲师团联合县文旅局在实会村开展“理论润心”主题宣讲活动。"))
    for actor in ("平顺县委宣传部", "平顺县委讲师团", "平顺县文旅局"):
        assert ("runs", actor, "理论润心") in got


def test_what_a_verb_of_using_governs_is_no_actor(extract):
    got = facts(extract("平顺县持续深化“学习强国”平台应用，打造“红色平顺”宣讲品牌。"))
    assert ("runs", "学习强国", "红色平顺") not in got
    assert ("runs", "平顺县", "红色平顺") in got


def test_a_recipient_is_no_actor(extract):
    got = clause_facts(extract("牢记总书记交给内蒙古的重大任务，推动“一旗一品”产业发展。"))
    assert ("promotes", "内蒙古自治区", "一旗一品") not in got


def test_a_member_of_what_is_founded_is_not_run_by_its_founder(extract):
    got = facts(extract("衡水市将组建由市委讲师团、市委党校、高校专家组成的市委宣讲团，分赴各县区。"))
    assert ("runs", "衡水市", "衡水市委宣讲团") in got
    assert ("runs", "衡水市", "衡水市委讲师团") not in got


def test_a_group_that_names_a_persons_post_is_not_run(extract):
    got = facts(extract("平顺县委宣传部在青羊镇举办“院坝会”，县委讲师团副团长王丽作宣讲。"))
    assert ("runs", "平顺县委宣传部", "院坝会") in got
    assert not any(f[0] == "runs" and f[2] == "平顺县委讲师团" for f in got)


def test_the_hosts_of_this_event_run_the_event_named_before_by_its_kind(extract):
    ex = extract("近日，平顺县第二届“太行新声”理论宣讲大赛决赛举行。本次大赛由县委宣传部、县委组织部主办，"
                 "县委党校、县融媒体中心承办，团县委、县妇联协办。")
    runs = {(h, t) for p, h, t in facts(ex) if p == "runs"}
    hosts = {"平顺县委宣传部", "平顺县委组织部", "平顺县委党校", "平顺县融媒体中心", "共青团平顺县委", "平顺县妇联"}
    assert {(h, "平顺县太行新声理论宣讲大赛") for h in hosts} <= runs


def test_hosts_of_an_event_of_another_kind_run_nothing_named_before(extract):
    ex = extract("平顺县开展“太行新声”理论宣讲大赛。本次论坛由县委宣传部主办。")
    assert ("runs", "平顺县委宣传部", "平顺县太行新声理论宣讲大赛") not in facts(ex)


def test_working_by_a_formula_promotes_it(extract):
    ex = extract("平顺县委宣传部实行“群众点单、部门派单、讲师接单”，形成了“三讲一唱”的固定模式。")
    promoted = {t for p, h, t in facts(ex) if p == "promotes" and h == "平顺县委宣传部"}
    assert {"群众点单、部门派单、讲师接单", "三讲一唱"} <= promoted


def test_the_units_a_group_is_divided_into_belong_to_it(extract):
    each(extract("市里组建“青禾”宣讲团，下设“老城”宣讲队、非遗传承人宣讲队和侨界宣讲队等3支分队。"),
         "belongsTo", ("老城宣讲队", "非遗传承人宣讲队", "侨界宣讲队"), "青禾宣讲团")
    each(extract("县里组建“青山”宣讲团。此次宣讲团由专家等15人组成，分设理论政策、双语、青年3个宣讲小分队。"),
         "belongsTo", ("理论政策宣讲小分队", "双语宣讲小分队", "青年宣讲小分队"), "青山宣讲团")
    # a group that goes to a place divided into units is no parent of a group named after
    ex = extract("“青山”宣讲团走进社区。社区下设5个网格，网格员宣讲队参与宣讲。")
    assert not {f for f in facts(ex) if f[0] == "belongsTo" and f[2] == "青山宣讲团"}


# --- promotes, by the article's topic -------------------------------------------

def test_a_slogan_no_clause_gives_a_promoter_is_the_topic_programmes(extract):
    ex = extract("东坡区启动“红色讲堂”活动。“红色讲堂”走进社区。"
                 "讲台上,“三抓三促”的标语格外醒目。")
    assert ("promotes", "红色讲堂", "三抓三促") in facts(ex)


def test_without_a_programme_named_twice_the_main_place_carries_the_slogan(extract):
    ex = extract("东坡区推进理论宣讲。区里举办“红色讲堂”活动。"
                 "讲台上,“三抓三促”的标语格外醒目。")
    got = facts(ex)
    assert ("promotes", "东坡区", "三抓三促") in got
    assert ("promotes", "红色讲堂", "三抓三促") not in got
    assert ("promotes", "东坡区", "三抓三促") not in clause_facts(ex)  # marked as the topic's


def test_a_slogan_its_clause_gives_a_promoter_is_not_given_to_the_topic_too(extract):
    ex = extract("东坡区启动“红色讲堂”活动。“红色讲堂”走进社区。眉山市委践行“三抓三促”。")
    got = {f for f in facts(ex) if f[0] == "promotes"}
    assert ("promotes", "红色讲堂", "三抓三促") not in got
    assert any(f[2] == "三抓三促" for f in got)


# --- runs, by the article's topic -----------------------------------------------

def test_a_programme_no_clause_gives_a_runner_is_run_by_the_topic(extract):
    ex = extract("东坡区推进理论宣讲。当天天气晴朗。“红色讲堂”宣讲活动在社区开讲。")
    assert ("runs", "东坡区", "红色讲堂") in facts(ex)
    assert ("runs", "东坡区", "红色讲堂") not in clause_facts(ex)  # marked as the topic's


def test_another_levels_committee_group_is_not_the_topics(extract):
    got = facts(extract("东坡区推进理论宣讲。当天天气晴朗。省委宣讲团来到社区。"))
    assert not any(f[0] == "runs" and f[2] == "省委宣讲团" for f in got)


def test_a_group_a_clause_gives_a_runner_is_not_given_to_the_topic_too(extract):
    got = facts(extract("东坡区推进理论宣讲。当天天气晴朗。眉山市委宣传部组建“红色”宣讲团。"))
    assert ("runs", "眉山市委宣传部", "红色宣讲团") in got
    assert ("runs", "东坡区", "红色宣讲团") not in got
