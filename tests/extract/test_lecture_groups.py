import pytest

from kg.model import EntityType

from tests.extract.conftest import labels, names

L = EntityType.LECTURE_GROUP


def test_list_shares_its_head(extract):
    ex = extract("沈阳市辽中区组织劳模、巾帼等五类宣讲团和驻村“第一书记”宣讲团开展理论宣讲。")
    found = labels(ex, L)
    assert {"劳模宣讲团", "巾帼宣讲团"} <= set(found)
    # the list item alone is evidence, not a name of the group
    assert "劳模" not in found["劳模宣讲团"]
    group = next(k for k in found if k.endswith("第一书记宣讲团"))
    assert "第一书记宣讲团" in found[group]


def test_relative_owner_is_resolved(extract):
    ex = extract("锦屏县高度重视宣讲工作。连日来,县委宣讲团到各乡镇宣讲党的二十大精神。")
    found = labels(ex, L)
    assert "锦屏县委宣讲团" in found
    assert "县委宣讲团" in found["锦屏县委宣讲团"]


def test_unresolved_relative_owner_is_scoped_to_the_article(extract):
    ex1 = extract("连日来,县委宣讲团到各部门宣讲。", "a.txt")
    ex2 = extract("连日来,县委宣讲团到各部门宣讲。", "b.txt")
    k1 = {k for k in ex1.entities() if k[0] is L}
    k2 = {k for k in ex2.entities() if k[0] is L}
    assert k1 and k2 and not k1 & k2


def test_quoted_modifier(extract):
    ex = extract("临沧市举行“佤山宣讲团”授牌仪式,为“佤山”宣讲团授牌。")
    assert any("佤山宣讲团" in ls for ls in labels(ex, L).values())


def test_bare_head_is_not_a_group(extract):
    ex = extract("宣讲团成员深入基层。")
    assert not names(ex, L)


def test_list_with_a_shared_modifier(extract):
    ex = extract("甲乡、乙镇等农民宣讲团走进田间地头。")
    assert {"甲乡农民宣讲团", "乙镇农民宣讲团"} <= names(ex, L)


def test_teams_in_general_and_style_words_are_not_groups(extract):
    ex = extract("把各类宣讲能手串联成宣讲队伍,组建“乌兰牧骑式”宣讲小分队。")
    assert not any(n.endswith("宣讲队") for n in names(ex, L))
    assert not any(n.endswith("乌兰牧骑") for n in names(ex, L))


def test_counts_are_not_modifiers(extract):
    ex = extract("文明实践中心组织多支宣讲队深入村组。")
    assert not any(n.startswith("多支") for n in names(ex, L))


def test_shorter_name_of_the_same_group_is_an_alias(extract):
    ex = extract("新桥乡党的二十大精神宣讲小分队走进田间。新桥乡宣讲小分队下足功夫。")
    found = labels(ex, L)
    assert list(found) == ["新桥乡党的二十大精神宣讲小分队"]
    assert "新桥乡宣讲小分队" in found["新桥乡党的二十大精神宣讲小分队"]


def test_quoted_head_keeps_its_modifiers(extract):
    ex = extract("该县组建了40支花鼓戏理论“小剧团”,走村入户演出。")
    assert "花鼓戏理论小剧团" in names(ex, L)


def test_quoted_bare_head_is_not_a_group(extract):
    ex = extract("大家都叫他们“宣讲团”。")
    assert not names(ex, L)


def test_a_founding_division_owns_the_groups_of_its_list(extract):
    ex = extract("连日来,河北省组建的“青年”宣讲团、劳模宣讲团、“银发”宣讲团深入基层宣讲。")
    found = names(ex, L)
    assert {"河北省青年宣讲团", "河北省劳模宣讲团", "河北省银发宣讲团"} <= found


def test_same_named_groups_of_two_places_stay_apart(extract):
    ex = extract("河北省组建的“青年”宣讲团走进企业。次日,石家庄市“青年”宣讲团成员走进社区。")
    found = names(ex, L)
    assert {"河北省青年宣讲团", "石家庄市青年宣讲团"} <= found


def test_the_kind_of_a_list_is_not_its_last_member(extract):
    ex = extract("某旗组建了以“服务群众”为宗旨的牧民乌兰牧骑。目前已组建了甲镇、乙镇、丙苏木等牧民乌兰牧骑。")
    found = names(ex, L)
    assert "牧民乌兰牧骑" in found
    assert any(n.startswith("丙苏木") for n in found)


def test_a_noun_jieba_tags_as_an_adverb_stays_in_the_name(extract):
    # 民族团结|进步 (d)|宣讲团
    assert "龙胜各族自治县民族团结进步宣讲团" in names(
        extract("近日,龙胜各族自治县民族团结进步宣讲团深入泗水乡。"), EntityType.LECTURE_GROUP)


# Invented sentences: counts, determiners, verbs and lists around a group's head.

@pytest.mark.parametrize("sentence", [
    "自1960年首支乌兰牧骑成立以来,队员们走遍草原。",
    "一代代乌兰牧骑队员扎根基层。",
    "各支宣讲队深入村组。",
    "队员们到边防哨所开展乌兰牧骑演出。",
])
def test_counts_determiners_and_verbs_are_no_modifiers(extract, sentence):
    assert not names(extract(sentence), EntityType.LECTURE_GROUP)


def test_a_verb_used_as_a_noun_stays_in_the_name(extract):
    found = names(extract("邀请辖区党史学习教育宣讲团成员宣讲。"), EntityType.LECTURE_GROUP)
    assert "党史学习教育宣讲团" in found


def test_items_with_their_own_heads_share_nothing(extract):
    found = names(extract("及时组建了党员先锋队、妇女宣传队等队伍。"), EntityType.LECTURE_GROUP)
    assert "党员先锋队宣传队" not in found


def test_a_counted_list_of_bodies_names_one_group_each(extract):
    found = names(extract("成立了白石镇党委、区税务局党委、青山集团党委等3支宣讲队。"),
                  EntityType.LECTURE_GROUP)
    assert {"白石镇党委宣讲队", "区税务局党委宣讲队", "青山集团党委宣讲队"} <= found


def test_a_group_of_an_autonomous_regions_committee(extract):
    found = names(extract("广西壮族自治区举办大赛。自治区党委讲师团主办。"), EntityType.LECTURE_GROUP)
    assert "广西壮族自治区党委讲师团" in found


def test_a_lecture_team_and_a_volunteer_team_joined_by_he_are_two(extract):
    ex = extract("某某县组建了青年宣讲组和党员志愿服务队，深入村组开展活动。")
    assert "青年宣讲组" in labels(ex, L)
    assert "党员志愿服务队" in labels(ex, EntityType.ORGANIZATION)
    assert not any("和" in name for name in labels(ex, EntityType.ORGANIZATION))


def test_organising_the_lectures_is_no_group(extract):
    ex = extract("县委宣传部做好宣讲组织工作，确保宣讲覆盖全县。")
    assert labels(ex, L) == {}


def test_a_committee_s_group_keeps_its_committee(extract):
    # once the place is a word of its own, jieba cuts 委 off it (沈阳市|委|讲师团)
    ex = extract("沈阳市委讲师团成员为学员授课。")
    assert "沈阳市委讲师团" in labels(ex, L)


@pytest.mark.parametrize("sentence, name", [
    ("组建藏汉双语民兵宣传文化小分队。", "藏汉双语民兵宣传文化小分队"),
    ("村里的女子文艺队唱起了山歌。", "女子文艺队"),
    ("成立青山区党史宣讲联盟。", "青山区党史宣讲联盟"),
])
def test_troupes_and_unions_of_propaganda_work(extract, sentence, name):
    assert name in names(extract(sentence), L)


def test_a_head_before_another_head_is_its_modifier(extract):
    found = names(extract("为科技宣讲小分队、文艺轻骑兵宣讲小分队授旗。"), L)
    assert "文艺轻骑兵宣讲小分队" in found and "文艺轻骑兵" not in found


def test_a_head_after_a_word_of_likeness_names_no_group(extract):
    assert not names(extract("这支队伍如同“文艺轻骑兵”，翻山越岭。"), L)


def test_a_rank_jieba_tags_a_verb_is_a_modifier(extract):
    assert "处级领导宣讲队" in names(extract("组建处级领导宣讲队深入基层。"), L)


def test_a_count_jieba_glued_to_a_name_is_no_part_of_it(extract):
    assert names(extract("全县有58支民语宣讲队，经常进村入户。"), L) == {"民语宣讲队"}


def test_a_date_before_a_group_is_no_part_of_it(extract):
    assert names(extract("11月9日自治区宣讲团在南宁宣讲。"), L) == {"自治区宣讲团"}


def test_a_quoted_head_before_another_head_is_its_modifier(extract):
    assert names(extract("平顺县成立“红色轻骑兵”宣讲团，深入乡镇。"), L) == {"红色轻骑兵宣讲团"}


def test_people_who_form_a_team_are_no_list_of_its_names(extract):
    assert not names(extract("组织农技专家、乡土人才组成宣讲小分队，把课堂搬到田间。"), L)


def test_the_people_a_quoted_group_is_made_of_are_no_list_of_its_names(extract):
    # the item after 和 is checked like the others: 教师组成的“… is no modifier
    ex = extract("县委政法委组建由民警、律师和教师组成的“护苗宣讲团”。")
    assert names(ex, L) == {"护苗宣讲团"}


def test_a_group_named_by_its_brand_and_in_full_is_one(extract):
    ex = extract("“红色轻骑兵”走进田间。县委宣传部组建了12支“红色轻骑兵”宣讲小分队。")
    assert names(ex, L) == {"红色轻骑兵宣讲小分队"}


@pytest.mark.parametrize("sentence, name, bad", [
    ("图为青石岭山歌宣讲队在村里演出。", "青石岭山歌宣讲队", "图为青石岭山歌宣讲队"),  # a caption
    ("县里分设理论政策宣讲小分队。", "理论政策宣讲小分队", "县里分设理论政策宣讲小分队"),
])
def test_a_caption_a_locative_or_a_verb_opens_no_group_name(extract, sentence, name, bad):
    found = names(extract(sentence), EntityType.LECTURE_GROUP)
    assert name in found and bad not in found


def test_an_enumeration_opens_no_group_name(extract):
    found = names(extract("存在的问题：一是部分乡镇宣讲小分队人员不足。"), EntityType.LECTURE_GROUP)
    assert not any(n.startswith("一是") for n in found)


def test_a_group_by_its_brand_and_its_kind_is_one_wherever_the_county_is_named(extract):
    ex = extract("勐海县委宣传部组建“孔雀之声”傣汉双语宣讲队。勐海县的傣汉双语宣讲队深入村寨。")
    assert names(ex, EntityType.LECTURE_GROUP) == {"孔雀之声傣汉双语宣讲队"}


def test_a_demonstrative_and_a_copula_open_no_group_name(extract):
    found = names(extract("这是青石岭山歌宣讲队今年的第十场演出。"), EntityType.LECTURE_GROUP)
    assert found == {"青石岭山歌宣讲队"}


def test_veteran_cadres_are_a_list_item_not_a_department(extract):
    found = names(extract("县里为劳模、巾帼、老干部、乡贤4支宣讲分队授旗。"), EntityType.LECTURE_GROUP)
    assert {"劳模宣讲分队", "巾帼宣讲分队", "老干部宣讲分队", "乡贤宣讲分队"} <= found


def test_a_quoted_saying_before_a_group_is_no_part_of_its_name(extract):
    found = names(extract("“讲得明白，群众才愿意听。”县委讲师团负责人说。"), EntityType.LECTURE_GROUP)
    assert not any("群众" in n for n in found)


def test_a_list_after_the_bodies_that_found_it(extract):
    # the bodies before the verb are no items of the list; 和 joins its last item
    ex = extract("团市委、市妇联、市总工会分别组建青年、巾帼、劳模工匠和“五老”宣讲团，开展宣讲。")
    assert {"青年宣讲团", "巾帼宣讲团", "劳模工匠宣讲团", "五老宣讲团"} <= names(ex, EntityType.LECTURE_GROUP)


def test_a_counted_list_with_its_scope(extract):
    ex = extract("市里组建老干部、青年、百姓名嘴等12支市级宣讲团。")
    assert {"老干部宣讲团", "青年宣讲团", "百姓名嘴宣讲团"} <= names(ex, EntityType.LECTURE_GROUP)


def test_a_prefix_belongs_to_the_word_after_it(extract):
    # jieba cuts 非|遗传|承人 and tags 非 a prefix: it is still part of the name
    assert names(extract("县里组建非遗传承人宣讲队。"), L) == {"非遗传承人宣讲队"}


@pytest.mark.parametrize("sentence", ["全市组建市县两级宣讲团20支。", "白河县县级讲师团深入各村。",
                                      "组建县级宣讲团，开展宣讲。", "各乡镇宣讲小分队进村入户。"])
def test_a_groups_level_alone_names_no_group(extract, sentence):
    assert not names(extract(sentence), EntityType.LECTURE_GROUP)


def test_a_group_named_after_its_body_keeps_its_name(extract):
    assert "县委宣讲团" in names(extract("县委宣讲团深入基层。"), EntityType.LECTURE_GROUP)


@pytest.mark.parametrize("sentence, name", [
    ("今年调整充实县委宣讲团，新增成员12名。", "县委宣讲团"),  # the clause's verbs are no modifiers
    ("不断壮大市委讲师团力量。", "市委讲师团"),
    ("白河县委宣讲团深入基层。", "白河县委宣讲团"),  # the division before it is its owner
    ("湖南省委宣讲团宣讲动员会召开。", "湖南省委宣讲团"),
    ("共青团市委青年宣讲团走进校园。", "共青团市委青年宣讲团"),
])
def test_a_group_named_after_a_committee_starts_at_it(extract, sentence, name):
    assert name in names(extract(sentence), L)


@pytest.mark.parametrize("sentence, name", [
    ("组建红军后代宣讲团，走进校园。", "红军后代宣讲团"),  # jieba tags 后代 a time word
    ("组建“青松红”宣讲轻骑兵，深入社区。", "青松红宣讲轻骑兵"),
    ("成立白河县理论宣讲总团，下设8个分团。", "白河县理论宣讲总团"),
])
def test_groups_of_more_heads_and_modifiers(extract, sentence, name):
    assert name in names(extract(sentence), L)


def test_a_level_word_alone_before_a_troupe_is_its_owner(extract):
    found = labels(extract("白河县开展宣讲。县文艺轻骑兵小分队深入乡村。"), L)
    assert any({"县文艺轻骑兵小分队", "白河县文艺轻骑兵小分队"} <= ls for ls in found.values())


def test_a_numbered_category_after_deng_is_no_shared_modifier(extract):
    found = names(extract("组建老干部、老教师等五老宣讲团，深入村寨。"), L)
    assert {"老干部宣讲团", "老教师宣讲团"} <= found
    assert {"苏木牧民乌兰牧骑", "嘎查牧民乌兰牧骑"} <= names(extract("苏木、嘎查等牧民乌兰牧骑深入牧区。"), L)


def test_a_list_after_a_group_and_he_with_a_quoted_category(extract):
    found = names(extract("组建了青年宣讲团和老干部、老党员、老教师等“五老”宣讲团，配合县关工委。"), L)
    assert {"青年宣讲团", "老干部宣讲团", "老党员宣讲团", "老教师宣讲团"} <= found
    assert not any("等" in n or "五老" in n for n in found)
