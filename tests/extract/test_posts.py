"""holdsPost: (person, body, post) from title chains, on invented sentences."""
from __future__ import annotations

from kg.model import EntityType, Extraction


def posts(ex: Extraction) -> set[tuple[str, str, str]]:
    n = {m.key: m.canonical for m in ex.mentions}
    return {(n[r.head], n[r.tail], dict(r.qualifiers)["post"])
            for r in ex.relations if r.predicate == "holdsPost"}


def persons(ex: Extraction) -> set[str]:
    return {m.canonical for m in ex.mentions if m.type is EntityType.PERSON}


def test_a_body_then_a_title_then_a_name(extract):
    ex = extract("东坡区人大常委会主任陈强讲话。")
    assert posts(ex) == {("陈强", "东坡区人大常委会", "主任")}


def test_a_chain_of_posts_read_right_to_left(extract):
    got = posts(extract("眉山市东坡区委常委、宣传部部长张丽主持会议。"))
    assert ("张丽", "东坡区委", "常委") in got
    assert ("张丽", "东坡区委宣传部", "部长") in got


def test_a_level_post_names_its_division(extract):
    got = posts(extract("东坡区委书记李明、区长王强出席会议。"))
    assert got == {("李明", "东坡区委", "书记"), ("王强", "东坡区", "区长")}


def test_a_township_head(extract):
    got = posts(extract("黄龙镇党委书记郑华、镇长冯军参加。"))
    assert ("郑华", "黄龙镇党委", "书记") in got
    assert ("冯军", "黄龙镇", "镇长") in got


def test_a_title_of_a_party_group_and_of_its_body(extract):
    # 党组书记 of the party group, 主席 of the federation it sits in
    got = posts(extract("东坡区妇联开展宣讲。东坡区妇联党组书记、主席刘芳讲话。"))
    assert ("刘芳", "东坡区妇联党组", "书记") in got
    assert ("刘芳", "东坡区妇联", "主席") in got
    assert ("刘芳", "东坡区妇联党组", "主席") not in got


def test_deputy_posts(extract):
    got = posts(extract("东坡区委宣传部副部长赵敏、东坡区宣讲团团长钱伟参加活动。"))
    assert got == {("赵敏", "东坡区委宣传部", "副部长"), ("钱伟", "东坡区宣讲团", "团长")}


def test_a_village_cadre(extract):
    got = posts(extract("东坡区玉皇山村村干部陈刚带头宣讲。"))
    assert got == {("陈刚", "玉皇山村", "村干部")}


def test_a_place_holds_no_organisational_post(extract):
    # 主任 is a post of a body, never of a village: no body kg knows, no relation
    ex = extract("东坡区玉皇山村主任陈刚带头宣讲。")
    assert not {p for p in posts(ex) if p[1] == "玉皇山村"}


def test_an_unknown_body_in_a_chain_takes_its_titles_along(extract):
    # 指挥部 is no body kg knows here: its two titles must not go to 东坡区委
    ex = extract("东坡区委常委、区专项行动指挥部副总指挥、办公室主任张宇介绍情况。")
    got = posts(ex)
    assert ("张宇", "东坡区委", "副总指挥") not in got
    assert ("张宇", "东坡区委", "主任") not in got


def test_names_listed_after_a_title_share_it(extract):
    ex = extract("东坡区宣讲团成员王小明、李红、赵刚深入基层。")
    assert {"王小明", "李红", "赵刚"} <= persons(ex)
    assert {(name, "东坡区宣讲团", "成员") for name in ("王小明", "李红", "赵刚")} <= posts(ex)


def test_members_listed_before_their_body(extract):
    ex = extract("孙国强、罗佳宁、王立新等东坡区委理论学习中心组成员参加学习。")
    got = posts(ex)
    for name in ("孙国强", "罗佳宁", "王立新"):
        assert (name, "东坡区委理论学习中心组", "成员") in got


def test_a_title_with_no_body_names_no_relation(extract):
    ex = extract("记者 孙丽 报道")
    assert persons(ex) == {"孙丽"}
    assert not posts(ex)


def test_evidence_spans_the_body_to_the_name(extract):
    ex = extract("东坡区委书记李明出席会议。")
    r = next(r for r in ex.relations if r.predicate == "holdsPost")
    assert ex.article.text[r.start:r.end] == "东坡区委书记李明"


def test_a_chain_goes_on_past_a_level_post(extract):
    got = posts(extract("越州镇党委副书记、镇长黄海涛说,全镇已开展宣讲。"))
    assert got == {("黄海涛", "越州镇党委", "副书记"), ("黄海涛", "越州镇", "镇长")}


def test_a_name_before_daidui(extract):
    got = posts(extract("寿山寺乡党委书记孟凡军、乡长刘晓燕带队参加宣讲。"))
    assert ("刘晓燕", "寿山寺乡", "乡长") in got


def test_titles_that_go_on_with_the_body_just_named(extract):
    got = posts(extract("洛宁县政协党组书记、主席张文明主持会议,副主席王国强、李春梅,秘书长孙丽娟参加会议。"))
    assert {("王国强", "洛宁县政协", "副主席"), ("李春梅", "洛宁县政协", "副主席"),
            ("孙丽娟", "洛宁县政协", "秘书长")} <= got


def test_a_title_in_another_sentence_takes_no_body(extract):
    got = posts(extract("洛宁县政协主席张文明主持会议。秘书长孙丽娟参加。"))
    assert not any(p == "孙丽娟" for p, _, _ in got)


def test_a_clause_that_goes_on_takes_the_body_nearest_the_name_before(extract):
    got = posts(extract("县委常委、统战部部长、县政协党组副书记熊应海，副主席董建、陈宏，秘书长王定国参加。"))
    assert {("董建", "县政协", "副主席"), ("陈宏", "县政协", "副主席"), ("王定国", "县政协", "秘书长")} <= got
    assert ("董建", "县委", "副主席") not in got


def test_a_body_then_a_name_then_a_title(extract):
    assert ("许继明", "市委", "书记") in posts(extract("市委许继明书记在动员会上讲话。"))


def test_academic_and_newsroom_posts(extract):
    assert ("李慧玲", "福建社会科学院", "副研究员") in posts(extract("福建社会科学院副研究员李慧玲作报告。"))
    assert ("孙倩", "县融媒体中心", "记者") in posts(extract("县融媒体中心记者孙倩报道。"))


def test_the_staff_of_a_school_or_a_clinic(extract):
    ex = extract("柳河镇中心小学教师吴晓燕用方言宣讲，柳河镇卫生院医生钱国庆讲健康知识。")
    assert {("吴晓燕", "柳河镇中心小学", "教师"), ("钱国庆", "柳河镇卫生院", "医生")} <= posts(ex)


def test_a_quoted_group_before_the_title_is_the_body(extract):
    got = posts(extract("“青山宣讲队”队员李明远在村里宣讲。"))
    assert ("李明远", "青山宣讲队", "队员") in got


def test_a_village_has_staff_of_its_own(extract):
    # 网格员 and 驻村第一书记 serve the community or village itself
    assert ("钱一鸣", "东湖社区", "专职网格员") in posts(extract("东湖社区专职网格员钱一鸣说，居民很支持。"))
    assert ("王海涛", "西岭村", "驻村第一书记") in posts(extract("西岭村驻村第一书记王海涛来自县交通运输局。"))
    # a township is no village: its 网格员 names no post of it
    assert not {p for p in posts(extract("东湖镇网格员钱一鸣说。")) if p[1] == "东湖镇"}


def test_a_byline_makes_the_reporter_a_reporter_of_the_paper(extract):
    # 本报 is the publisher of the 来源 line
    got = posts(extract("来源：青山日报\n本报讯（记者 覃静怡 通讯员 农冠霖）11月14日，县里举行大赛。"))
    assert ("覃静怡", "青山日报", "记者") in got
    assert not {p for p in got if p[0] == "农冠霖"}  # a correspondent is no staff of it
    got = posts(extract("青山日报全媒体记者 陈思琪 摄"))
    assert ("陈思琪", "青山日报", "全媒体记者") in got
    # no 来源 line: 本报 names no body kg knows
    assert not posts(extract("本报记者 覃静怡\n县里举行大赛。"))


def test_an_age_and_a_role_between_the_title_and_the_name(extract):
    ex = extract("“青松老兵”宣讲队队长、83岁的老党员韩振山坚持每月到学校宣讲。")
    assert ("韩振山", "青松老兵宣讲队", "队长") in posts(ex)
    ex = extract("村党支部书记、56岁的王海平说，宣讲要接地气。")  # the age alone
    assert any(p == "王海平" and post == "书记" for p, _, post in posts(ex))
