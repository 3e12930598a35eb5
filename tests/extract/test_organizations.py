import pytest

from kg.model import EntityType

from tests.extract.conftest import labels, names

O = EntityType.ORGANIZATION


def test_owner_resolved_from_the_article(extract):
    ex = extract("沈阳市辽中区积极推动思想解放。区委党校还设立了推进思想解放的课程。")
    found = labels(ex, O)
    assert "辽中区委党校" in found and "区委党校" in found["辽中区委党校"]


def test_explicit_owner_and_longest_body(extract):
    ex = extract("东丽区委宣传部与《求知》杂志社联合举办活动。")
    found = labels(ex, O)
    assert "东丽区委宣传部" in found
    assert "东丽区委" not in found  # the longer body wins over its prefix
    assert found["求知杂志社"] >= {"求知"}


def test_unresolved_relative_body_is_scoped(extract):
    ex = extract("贯彻落实市委决策部署。", "x.txt")
    orgs = [ms[0] for k, ms in ex.entities().items() if k[0] is O]
    assert [m.canonical for m in orgs] == ["市委"]
    assert orgs[0].scope == "x.txt"


def test_media(extract):
    ex = extract("来源:人民网-辽宁频道\n新华社北京电")
    assert {"人民网", "新华社"} <= names(ex, O)


def test_common_words_are_not_bodies(extract):
    ex = extract("全区各级党委理论学习中心组学习110余次。")
    assert not any(n.startswith("全区") for n in names(ex, O))


def test_department_named_after_its_committee(extract):
    ex = extract("桦川县委常委、宣传部部长王丽出席。")
    assert "桦川县委宣传部" in names(ex, O)


def test_publisher_from_the_source_line(extract):
    ex = extract("2022/05/07 15:05 来源:陇原新闻在线\n宕昌县开展宣讲。")
    assert "陇原新闻在线" in names(ex, O)


def test_institution_head_must_end_a_word(extract):
    ex = extract("开展巾帼大学习活动,十几名大学生参加。")
    assert not any(n.endswith("大学") for n in names(ex, O))


def test_a_body_after_a_division_keeps_the_whole_place(extract):
    ex = extract("桦川县悦来镇党委书记王强出席。")
    found = [m for m in ex.mentions if m.type is EntityType.ORGANIZATION]
    assert [ex.article.text[m.start:m.end] for m in found] == ["悦来镇党委"]


def test_village_committee(extract):
    named = extract("桦川县悦来镇东兴村村委会主任王强出席。")
    relative = extract("桦川县悦来镇东兴村党支部书记、村委会主任王强出席。")
    # one name whether the village is repeated or not
    assert "东兴村村委会" in names(named, O) and "东兴村村委会" in names(relative, O)


def test_division_of_a_department_before_its_head(extract):
    ex = extract("桦川县委宣传部理论科科长王强出席。")
    assert "桦川县委宣传部理论科" in names(ex, O)


def test_zone_body(extract):
    ex = extract("东湖经济开发区党工委书记王强出席。")
    assert "东湖经济开发区党工委" in names(ex, O)


def test_headquarters_after_a_level_word(extract):
    ex = extract("桦川县召开会议,县专项行动指挥部副总指挥王强出席。")
    assert "桦川县专项行动指挥部" in names(ex, O)


def test_a_title_after_a_bureau_ends_its_name(extract):
    # jieba splits 县民|宗|局局长
    assert "龙胜各族自治县民宗局" in names(
        extract("龙胜各族自治县推进宣讲。县民宗局局长石秀英说。"), EntityType.ORGANIZATION)


def test_a_verb_opens_no_institution_name(extract):
    ex = extract("平江县推进宣讲。她表示,要持续深化新时代文明实践中心建设。")
    assert not any(n.startswith("深化") for n in names(ex, EntityType.ORGANIZATION))


def test_a_relative_institution_takes_its_owner(extract):
    ex = extract("延边朝鲜族自治州推进宣讲,州广播电视台参加。")
    assert "延边朝鲜族自治州广播电视台" in names(ex, EntityType.ORGANIZATION)


def test_a_short_place_name_that_drops_its_level_word(extract):
    # 延边 names 延边朝鲜族自治州; 延边州委宣传部 is its propaganda department
    ex = extract("延边州委宣传部近日启动“红色宣讲进万家”活动。")
    assert "延边朝鲜族自治州委宣传部" in names(ex, EntityType.ORGANIZATION)


def test_central_media_and_provincial_channels(extract):
    ex = extract("据央广网报道,青松县的做法还登上了山东卫视和中国教育新闻网。")
    found = names(ex, EntityType.ORGANIZATION)
    assert {"央广网", "山东卫视", "中国教育新闻网"} <= found


# Invented sentences for bodies named in lists and by their heads.

def test_provincial_departments(extract):
    found = names(extract("活动由河南省妇联、省司法厅、省文化和旅游厅联合举办。"), O)
    assert {"河南省妇联", "河南省司法厅", "河南省文化和旅游厅"} <= found


def test_bodies_listed_after_an_owned_one_share_its_owner(extract):
    found = names(extract("河南省总工会、团委、妇联等单位参加。"), O)
    assert {"河南省总工会", "河南省团委", "河南省妇联"} <= found


def test_party_departments_listed_after_one_take_its_committee(extract):
    found = names(extract("洛宁县委宣传部、组织部、统战部联合开展活动。"), O)
    assert {"洛宁县委宣传部", "洛宁县委组织部", "洛宁县委统战部"} <= found


def test_a_department_after_a_mass_body_is_not_guessed(extract):
    found = names(extract("河南省妇联、宣传部参加。"), O)
    assert not any(n.endswith("宣传部") for n in found)


def test_the_party_committee_of_a_bureau_or_company(extract):
    found = names(extract("成立了区税务局党委、白石集团党委等宣讲队。"), O)
    assert {"区税务局党委", "白石集团党委"} <= found


def test_an_office_of_a_committee_by_its_short_form(extract):
    assert "市委农办" in names(extract("市委宣传部和市委农办的同志参加。"), O)


def test_schools_and_practice_stations(extract):
    found = names(extract("白石镇中心小学的学生来到白石镇新时代文明实践所。"), O)
    assert {"白石镇中心小学", "白石镇新时代文明实践所"} <= found


def test_a_class_of_bodies_is_no_body(extract):
    assert not names(extract("全省新时代文明实践所都开展了活动。"), O)


def test_zhonggong_before_a_committee_is_part_of_its_name(extract):
    found = names(extract("中共洛宁县委宣传部组织开展宣讲。"), O)
    assert "洛宁县委宣传部" in found and "中国共产党" not in found


def test_zhonggong_alone_is_the_party(extract):
    assert "中国共产党" in names(extract("他是一名中共党员,在村委工作。"), O)


def test_a_year_before_a_body_is_no_part_of_it(extract):
    found = names(extract("2025年白石镇新时代文明实践中心举办活动。"), O)
    assert "白石镇新时代文明实践中心" in found


def test_a_study_group_of_a_leading_party_group(extract):
    assert "济宁市政协党组理论学习中心组" in names(extract("济宁市政协党组理论学习中心组进行集体学习。"), O)


def test_a_verb_after_a_committee_is_no_office(extract):
    assert not any(n.endswith("主办") for n in names(extract("会议由洛宁县委主办。"), O))


def test_a_sub_body_names_its_body_too(extract):
    found = names(extract("济宁市政协党组理论学习中心组进行集体学习。"), O)
    assert {"济宁市政协", "济宁市政协党组", "济宁市政协党组理论学习中心组"} <= found


def test_bodies_of_an_autonomous_region_named_by_its_level_word(extract):
    found = names(extract("大赛由广西壮族自治区党委宣传部指导。自治区总工会、团委参加,自治区国资委党委承办。"), O)
    assert {"广西壮族自治区党委宣传部", "广西壮族自治区总工会", "广西壮族自治区团委",
            "广西壮族自治区国资委党委"} <= found


def test_a_level_class_of_bodies_is_no_body(extract):
    assert not names(extract("全县建成市级新时代文明实践站12个。"), O)


def test_every_level_has_its_social_science_and_overseas_chinese_federations(extract):
    ex = extract("沈阳市召开座谈会。市社科联、市侨联联合举办读书活动。")
    found = labels(ex, O)
    assert {"沈阳市社科联", "沈阳市侨联"} <= set(found)
    assert not any("举办" in name for name in found)


@pytest.mark.parametrize("verb", ["举办", "主办", "承办", "协办"])
def test_a_verb_ending_in_ban_is_no_office(extract, verb):
    ex = extract(f"沈阳市召开座谈会。市妇联和市科技馆联合{verb}了展览。")
    assert not any(verb in name for name in labels(ex, O))


def test_a_unit_of_a_central_body_is_a_body_and_so_is_its_parent(extract):
    ex = extract("中央宣传部宣教局、国家发展改革委价格司有关负责人出席会议。")
    assert {"中央宣传部宣教局", "国家发展改革委价格司", "中央宣传部", "国家发展改革委"} <= \
        set(labels(ex, O))
    plain = extract("中央宣传部要求各地认真学习。")
    assert set(labels(plain, O)) == {"中央宣传部"}


def test_an_app_of_a_named_body_keeps_the_whole_name(extract):
    ex = extract("学习强国客户端、人民日报客户端推送了报道。")
    found = set(labels(ex, O))
    assert {"学习强国客户端", "人民日报客户端"} <= found and "强国客户端" not in found


def test_the_youth_league_committee_by_its_short_and_full_names(extract):
    ex = extract("沈阳市召开会议。由团市委、市妇联联合主办，共青团辽宁省委派员参加。")
    found = labels(ex, O)
    assert "团市委" in found["共青团沈阳市委"]
    assert "共青团辽宁省委" in found and "辽宁省委" not in found  # no party committee


def test_the_sites_of_a_list_said_to_be_media(extract):
    ex = extract("活动被东北新闻网、每日甘肃网、青山日报等多家媒体报道，并通过互联网等平台传播。")
    found = set(labels(ex, O))
    assert {"东北新闻网", "每日甘肃网", "青山日报"} <= found
    assert not any(name.startswith(("活动", "通过")) or name == "互联网" for name in found)


def test_a_committee_jieba_holds_as_one_word_is_still_read(extract):
    # jieba's dictionary has 辽宁省委 and 甘肃省委 as single words (nt)
    ex = extract("辽宁省委宣传部、甘肃省委宣传部联合举办活动。")
    assert {"辽宁省委宣传部", "甘肃省委宣传部"} <= set(labels(ex, O))
    assert {"辽宁省", "甘肃省"} <= names(ex, EntityType.DIVISION)


def test_the_committee_that_names_a_lecture_group_is_its_owner_not_another_body(extract):
    ex = extract("辽宁省委宣讲团到沈阳市宣讲。")
    assert "辽宁省委宣讲团" in labels(ex, EntityType.LECTURE_GROUP)
    assert "辽宁省委" not in labels(ex, O)


def test_a_bureau_right_after_its_division(extract):
    ex = extract("辽中区教育局、辽中区卫生健康局和东丽区农业农村委联合开展活动。辽中区召开工作会。")
    found = set(labels(ex, O))
    assert {"辽中区教育局", "辽中区卫生健康局", "东丽区农业农村委"} <= found
    assert not any("召开" in name for name in found)  # a verb makes no bureau


def test_courts_procuratorates_and_bank_branches_are_institutions(extract):
    ex = extract("辽中区人民检察院、区人民法院联合开展普法宣传，中国人民银行辽中支行参加。"
                 "他在法院工作，后来调到检察院。")
    found = set(labels(ex, O))
    assert {"辽中区人民检察院", "辽中区人民法院", "中国人民银行辽中支行"} <= found
    assert not found & {"法院", "检察院"}  # no name, no institution


@pytest.mark.parametrize("sentence, name", [
    ("宏达公司党委组织开展学习。", "宏达公司党委"),         # jieba's 公司党委 is two parts
    ("双河街道办事处党工委书记主持会议。", "双河街道办事处党工委"),
    ("县政府办公室发布通知。", "县政府办公室"),
    ("省政府发展研究中心主任讲话。", "省政府发展研究中心"),
    ("在东湖片区管委会举办论坛。", "东湖片区管委会"),
    ("高新区管委会举办论坛。", "高新区管委会"),
])
def test_bodies_of_bodies_and_zones(extract, sentence, name):
    assert name in names(extract(sentence), O)


def test_a_zones_bodies_listed_share_the_zone(extract):
    found = names(extract("由东湖台商投资区党工委、管委会组织开展的活动。"), O)
    assert {"东湖台商投资区党工委", "东湖台商投资区管委会"} <= found


def test_national_papers(extract):
    assert "中国教育报" in names(extract("据中国教育报报道，活动举行。"), O)
    assert {"中国青年报", "人民公安报"} <= names(extract("中国青年报、人民公安报等媒体报道。"), O)
    assert not names(extract("中国情况报告显示，人民群众满意。"), O)


def test_an_aspect_particle_jieba_glued_on_is_no_part_of_a_name(extract):
    assert names(extract("我们承诺过买提克乡小学的孩子们。"), O) == {"买提克乡小学"}


def test_a_school_named_after_its_street(extract):
    assert "南京道小学" in names(extract("区委党校、南京道小学等单位参加。"), O)


@pytest.mark.parametrize("sentence, name", [
    ("中新社吉林分社记者报道。", "中国新闻社吉林分社"),
    ("区委党校青山分校开展培训。", "区委党校青山分校"),
    ("东湖市傣学研究会河口分会会长讲话。", "东湖市傣学研究会河口分会"),
    ("青山电视台都市频道播出。", "青山电视台都市频道"),
    ("县人民武装部组织民兵。", "县人民武装部"),
    ("市乡村振兴干部培训基地举办培训。", "市乡村振兴干部培训基地"),
    ("青山大学暑期社会实践服务总队出发。", "青山大学暑期社会实践服务总队"),
    ("石门村巾帼志愿队开展活动。", "巾帼志愿队"),
    ("青山义工联盟成立。", "青山义工联盟"),
    ("红色精神宣讲所开讲。", "红色精神宣讲所"),
])
def test_more_heads_of_bodies_and_their_branches(extract, sentence, name):
    assert name in names(extract(sentence), O)


def test_a_branch_of_a_medium_is_no_channel_of_a_site(extract):
    assert names(extract("人民网北京频道报道。"), O) == {"人民网"}


@pytest.mark.parametrize("sentence", [
    "全县首批12家党史教育基地挂牌。", "打造了南北两个干部培训基地。",
    "以东湖宣讲所为代表的特色乡村宣讲所遍布全县。", "进家庭、进社区、进家风实践基地。",
    "打造特色“乡村宣讲所”品牌。",
])
def test_a_kind_of_body_is_no_body(extract, sentence):
    found = names(extract(sentence), O)
    assert not found & {"党史教育基地", "干部培训基地", "特色乡村宣讲所", "家风实践基地", "乡村宣讲所"}


def test_a_named_account_is_a_medium_a_kind_of_account_none(extract):
    assert "沁源发布微信公众号" in names(extract("该县通过“沁源发布”微信公众号推送文章。"), O)
    assert not names(extract("通过微博公众号和官方微信公众号推送文章。"), O)


def test_a_level_word_after_a_conjunction_jieba_glued(extract):
    # 宣传部|和县/ns|文化旅游局: 和 is the conjunction, 县 opens the next body
    assert "宜阳县文化旅游局" in names(extract("宜阳县委宣传部和县文化旅游局联合开展活动。"), O)


def test_a_bureau_whose_last_character_jieba_glued_to_a_function_word(extract):
    assert "铁西区农业农村局" in names(extract("沈阳市铁西区农业农村局在全区开展活动。"), O)


def test_a_party_committee_by_its_full_name(extract):
    assert "中国共产党第二十届中央委员会" in names(extract("中国共产党第二十届中央委员会第三次全体会议召开。"), O)


@pytest.mark.parametrize("sentence, name", [
    ("活动整合了县文化馆、县图书馆等力量。", "县文化馆"),
    ("决赛在县文化艺术中心举行。", "县文化艺术中心"),
    ("街道依托区社会治理中心，化解矛盾纠纷。", "区社会治理中心"),
])
def test_a_levels_centre_or_hall(extract, sentence, name):
    assert name in names(extract(sentence), EntityType.ORGANIZATION)


@pytest.mark.parametrize("sentence", ["商场位于市中心，离县城中心不远。", "村活动中心里坐满了村民。",
                                      "为建设某市现代化滨海中心城区凝聚力量。"])
def test_a_town_centre_or_a_venue_is_no_body(extract, sentence):
    assert not names(extract(sentence), EntityType.ORGANIZATION)


@pytest.mark.parametrize("sentence, name", [
    ("县妇联、团县委、县文化广电和旅游局分别牵头。", "县文化广电和旅游局"),  # an official name with 和
    ("市住房和城乡建设局派人参加。", "市住房和城乡建设局"),
    ("县委成立乡村振兴宣讲工作领导小组，统筹推进。", "乡村振兴宣讲工作领导小组"),
    ("学员们参观了太行山抗日根据地纪念馆。", "太行山抗日根据地纪念馆"),
    ("青山明德律师事务所的律师现场答疑。", "青山明德律师事务所"),
    ("某区联合丰台区退役军人事务局开展活动。", "丰台区退役军人事务局"),
])
def test_more_named_bodies(extract, sentence, name):
    assert name in names(extract(sentence), EntityType.ORGANIZATION)


def test_a_conjunction_glued_to_a_level_word_joins_two_bodies(extract):
    # jieba reads 和县 (a county of Anhui) where 和 joins two names
    found = names(extract("柳树镇文化站和县人民医院志愿服务队参加了活动。"), EntityType.ORGANIZATION)
    assert "县人民医院志愿服务队" in found or any(n.endswith("县人民医院志愿服务队") and "和" not in n for n in found)
    assert not any("和县" in n for n in found)


def test_a_kind_of_group_is_no_name(extract):
    assert not names(extract("会议决定成立专门领导小组。"), EntityType.ORGANIZATION)


def test_an_account_is_found_by_its_name_alone_too(extract):
    ex = extract("来源：“甘泉发布”微信公众号。")
    found = {m.canonical: m.labels for m in ex.mentions if m.type is EntityType.ORGANIZATION}
    assert "甘泉发布" in found.get("甘泉发布微信公众号", ())


def test_a_bodys_account_starts_after_the_body(extract):
    found = names(extract("区融媒体中心“丰泽发布”客户端推出专栏。"), EntityType.ORGANIZATION)
    assert "丰泽发布客户端" in found and not any(n.endswith("中心丰泽发布客户端") for n in found)


def test_a_bureau_whose_first_character_jieba_glued_to_its_level_word(extract):
    # jieba reads 县民 ("county people"): 县民|宗局 is 县民宗局, the county's 民族宗教事务局
    assert "县民宗局" in names(extract("宣讲队联合县民宗局、团县委开展活动。"), EntityType.ORGANIZATION)
    assert not names(extract("县民生活水平提高了。"), EntityType.ORGANIZATION)


def test_a_preposition_or_locative_glued_on_is_no_part_of_the_name(extract):
    # jieba guesses 由县 a name and tags 上 a locative: neither starts the body's name
    ex = extract("“满乡红”文艺轻骑兵由县文化馆组建。")
    assert "由县文化馆" not in {m.surface for m in ex.mentions}
    assert not {n for n in names(extract("娃娃上小学要走很远。"), EntityType.ORGANIZATION) if n.startswith("上")}


def test_a_university_before_its_professor_is_named(extract):
    # jieba's word 大学教授 swallows the head: the professor's title still ends the name
    assert "西南民族大学" in names(extract("西南民族大学教授潘晓岚说。"), O)
    # …but a quantity of universities names none
    assert not names(extract("很多大学教授参加了活动。"), O)


def test_the_site_a_page_title_ends_with_is_a_medium(extract):
    ex = extract("“小板凳”宣讲队把理论课堂搬到田间地头_乡镇动态_榆社新闻网\n2024年3月28日\n正文。")
    assert "榆社新闻网" in names(ex, O)
    ex = extract("宣讲进村--人民网\n正文内容。")
    assert "人民网" in names(ex, O)
    # a last segment that is no medium names none
    assert not names(extract("县里举办活动_乡镇动态\n正文。"), O)


def test_a_body_after_a_verb_of_joining_glued_to_its_level_word(extract):
    found = names(extract("县委宣传部会同县委组织部、县文明办开展活动。"), EntityType.ORGANIZATION)
    assert {"县委宣传部", "县委组织部", "县文明办"} <= found


@pytest.mark.parametrize("sentence, name", [
    ("县人民医院医生李青讲健康知识。", "县人民医院"),
    ("县黄梅戏剧团、县摄影家协会联合演出。", "县黄梅戏剧团"),
    ("县黄梅戏剧团、县摄影家协会联合演出。", "县摄影家协会"),
    ("市广播电台开设宣讲栏目。", "市广播电台"),
    ("联合县图书馆、县新华书店开展读书分享。", "县新华书店"),
    ("县茶叶发展服务中心农艺师梁青讲技术。", "县茶叶发展服务中心"),
])
def test_a_levels_own_institution(extract, sentence, name):
    assert name in names(extract(sentence), EntityType.ORGANIZATION)


def test_a_hospital_of_a_level_said_in_passing_is_none(extract):
    assert not names(extract("村民去县里的医院看病。"), EntityType.ORGANIZATION)


@pytest.mark.parametrize("sentence, body", [
    ("夜校由村党支部牵头，每周开课。", "村党支部"),  # jieba: 由村/nr|党支部
    ("活动由县文化馆承办。", "县文化馆"),
])
def test_a_preposition_glued_to_a_level_word_is_no_part_of_the_body(extract, sentence, body):
    found = names(extract(sentence), EntityType.ORGANIZATION)
    assert body in found and not any(n.startswith(("夜校", "活动", "由")) for n in found)
    assert not names(extract(sentence), EntityType.DIVISION)


@pytest.mark.parametrize("sentence, body", [
    ("区委社会工作部等部门联动。", "区委社会工作部"),
    ("区委两新工委在商务楼宇开展宣讲。", "区委两新工委"),
    ("整合县委党史办研究人员。", "县委党史办"),
])
def test_a_committees_own_departments(extract, sentence, body):
    assert body in names(extract(sentence), EntityType.ORGANIZATION)


def test_a_firm_is_named_from_the_place_it_opens_with(extract):
    found = names(extract("淄博市临淄区山东泓远精工集团有限公司的车间里，宣讲开始了。"), EntityType.ORGANIZATION)
    assert "山东泓远精工集团有限公司" in found
    assert not any(n.startswith(("远", "临淄区山东")) for n in found)
