import pytest

from kg.model import EntityType

from tests.extract.conftest import labels, names

P = EntityType.PROGRAMME


def test_quoted_name_plus_activity_noun(extract):
    ex = extract("东丽区委宣传部与《求知》杂志社联合举办“基层论谈”活动。")
    found = labels(ex, P)
    assert found["基层论谈"] >= {"基层论谈", "基层论谈活动"}


def test_brand_with_a_link_word(extract):
    ex = extract("自2014年以来,东丽区“理论超市”进基层活动面向基层党员干部群众。")
    assert labels(ex, P)["理论超市"] >= {"理论超市进基层活动"}


def test_formula_plus_activity_is_a_programme_and_the_formula_a_slogan(extract):
    ex = extract("辽中区开展“5+12+N”大讨论,推动思想深解放。")
    assert "5+12+N大讨论" in names(ex, P)
    assert "5+12+N" in names(ex, EntityType.SLOGAN)
    assert "5+12+N" not in names(ex, P)


def test_quoted_name_that_ends_in_a_programme_noun(extract):
    ex = extract("开设的“振兴大讲堂”,邀请专家教授作专题辅导。")
    assert "振兴大讲堂" in names(ex, P)


def test_unquoted_slogan_plus_activity(extract):
    ex = extract("推动“三严三实”专题教育,加强创新发展。")
    assert "三严三实专题教育" in names(ex, P)


def test_quoted_metaphor_is_no_programme(extract):
    ex = extract("打通思想上的“中梗阻”、观念上的“无形墙”。")
    assert not names(ex, P)


def test_name_with_and_without_a_generic_tail_is_one_programme(extract):
    ex = extract("启动“学思想强党性重实践”巾帼大宣讲活动。此次“学思想强党性重实践”巾帼大宣讲走进社区。")
    progs = labels(ex, P)
    assert list(progs) == ["学思想强党性重实践巾帼大宣讲活动"]
    assert "学思想强党性重实践巾帼大宣讲" in progs["学思想强党性重实践巾帼大宣讲活动"]


def test_a_quoted_song_line_is_no_slogan_or_programme(extract):
    ex = extract("“十月底,在北京,大会来举行......”宣讲活动开始了。")
    assert not names(ex, EntityType.SLOGAN)


def test_a_lecture_platform_is_a_programme(extract):
    assert "红色讲习所" in names(extract("盘州市在各乡镇建立“红色讲习所”。"), EntityType.PROGRAMME)


def test_a_kind_noun_after_a_list_of_themes_names_no_programme(extract):
    ex = extract("南康区开展“理论宣讲+家具产业”“理论宣讲+乡村振兴”等主题宣讲活动。")
    assert not names(ex, EntityType.PROGRAMME)
    assert {"理论宣讲+家具产业", "理论宣讲+乡村振兴"} <= names(ex, EntityType.SLOGAN)


def test_a_named_meeting_is_a_programme(extract):
    ex = extract("3月9日,东坡区委宣传部召开理论宣讲提质增效工作推进会。")
    assert "理论宣讲提质增效工作推进会" in names(ex, EntityType.PROGRAMME)


@pytest.mark.parametrize("sentence", ["东坡区召开座谈会。", "东坡区召开全区宣传思想工作座谈会。",
                                      "东坡区委召开了一次专题研讨会。"])
def test_a_meeting_with_no_name_is_none(extract, sentence):
    assert not names(extract(sentence), EntityType.PROGRAMME)


# Invented sentences for the grammar of longer and unquoted names.

def test_a_noun_compound_after_a_quoted_name_belongs_to_it(extract):
    ex = extract("4月8日,青石区举办“春风化雨 润物无声”优秀微宣讲视频展示大赛。")
    assert any("春风化雨润物无声优秀微宣讲视频展示大赛" in ls for ls in labels(ex, P).values())


def test_a_verb_after_the_activity_noun_ends_the_name(extract):
    ex = extract("青石区“山河锦绣”主题宣传教育活动取得明显成效。")
    found = labels(ex, P)
    assert found["山河锦绣"] >= {"山河锦绣主题宣传教育活动"}
    assert not any("取得" in label for ls in found.values() for label in ls)


@pytest.mark.parametrize("sentence, items", [
    ("该县打造“一刻钟微讲堂”“田间说事”“山歌宣讲”等宣讲品牌6个。", {"一刻钟微讲堂", "田间说事", "山歌宣讲"}),
    ("市里启动了“千名干部进农家”、“万场电影下乡”等系列活动。", {"千名干部进农家", "万场电影下乡"}),
    ("评审确定了“美丽庭院”等20个进入决赛的项目。", {"美丽庭院"}),
])
def test_items_of_a_list_of_programmes_are_programmes(extract, sentence, items):
    ex = extract(sentence)
    assert items <= names(ex, P)
    assert not items & names(ex, EntityType.SLOGAN)


def test_a_list_of_themes_is_not_a_list_of_programmes(extract):
    ex = extract("围绕“绿水青山”“共同富裕”等主题开展宣讲活动。")
    assert not {"绿水青山", "共同富裕"} & names(ex, P)


@pytest.mark.parametrize("sentence, name", [
    ("11月以来,青石县各乡镇开展十九届六中全会精神宣讲活动。", "十九届六中全会精神宣讲活动"),
    ("青石县开展形式多样的二十大精神进万家活动,", "二十大精神进万家活动"),
])
def test_an_unquoted_name_anchored_by_its_subject(extract, sentence, name):
    assert name in names(extract(sentence), P)


@pytest.mark.parametrize("sentence", ["社区开展理论宣讲活动。", "青石县开展了形式多样的宣讲活动。"])
def test_an_unquoted_description_without_anchor_is_no_name(extract, sentence):
    assert not names(extract(sentence), P)


@pytest.mark.parametrize("sentence, name", [
    ("7月1日,第六届好邻里云宣讲大赛在青石县开展。", "好邻里云宣讲大赛"),
    ("首届青石湖文博会吸引了众多游客。", "青石湖文博会"),
    ("2024年青川省理论宣讲大赛复赛开赛。", "青川省理论宣讲大赛"),
])
def test_a_numbered_edition_names_an_event(extract, sentence, name):
    assert name in names(extract(sentence), P)


def test_an_edition_after_a_division_is_that_divisions_event(extract):
    found = labels(extract("2022年8月,沈阳市第二届文化产业博览会隆重开幕。"), P)
    assert "沈阳市文化产业博览会" in found
    assert "沈阳市第二届文化产业博览会" in found["沈阳市文化产业博览会"]


def test_items_of_a_list_named_after_a_series(extract):
    ex = extract("启动了“百名专家进村”“百场故事会”的“双百”系列活动。")
    assert {"百名专家进村", "百场故事会"} <= names(ex, P)


@pytest.mark.parametrize("sentence, name", [
    ("县融媒体中心开设“青石讲堂”专栏。", "青石讲堂"),
    ("社区每月举办“邻里故事会”。", "邻里故事会"),
])
def test_series_a_body_runs_under_its_own_name(extract, sentence, name):
    assert name in names(extract(sentence), P)


@pytest.mark.parametrize("sentence, label", [
    ("为推进“千村万户”走基层文化惠民活动,剧团下乡演出。", "千村万户走基层文化惠民活动"),
    ("各村组织开展“好婆媳好邻里”主题宣讲,反响热烈。", "好婆媳好邻里主题宣讲"),
])
def test_a_tail_after_a_quoted_name(extract, sentence, label):
    assert any(label in ls for ls in labels(extract(sentence), P).values())


def test_a_quoted_project_named_like_a_formula(extract):
    assert "三德工程" in names(extract("我市“三德工程”建设纪实。"), P)


def test_a_count_ends_a_programme_tail(extract):
    found = labels(extract("“山河锦绣”主题宣讲首场活动在县城举行。"), P)
    assert not any("首场" in label for ls in found.values() for label in ls)


def test_a_quoted_talk_show_is_a_programme_and_the_genre_is_not(extract):
    ex = extract("某某县推出“理论脱口秀”，用年轻人喜欢的方式讲理论。他是一名脱口秀演员。")
    assert names(ex, P) == {"理论脱口秀"}


@pytest.mark.parametrize("sentence, name", [
    ("村里办起了乡村小讲堂。", "乡村小讲堂"),
    ("县里开设理论大讲堂。", "理论大讲堂"),
    ("青石镇柳村乡村小讲堂开讲了。", "乡村小讲堂"),  # the places before are its owners
])
def test_an_unquoted_lecture_series_by_its_head(extract, sentence, name):
    assert name in names(extract(sentence), P)


def test_a_bare_series_head_names_nothing(extract):
    assert not names(extract("全县各类大讲堂遍地开花。大讲堂讲师团成立。"), P)


@pytest.mark.parametrize("sentence, name", [
    ("青松县妇联开设竹编课堂，组织留守妇女学手艺。", "竹编课堂"),
    ("县委宣传部今年举办了4期苗乡宣讲员训练营。", "苗乡宣讲员训练营"),
    ("石门镇推出山茶故事会，每月一期。", "山茶故事会"),
    ("白河县开设柳溪镇稻花夜校，请农技员讲政策。", "稻花夜校"),  # the town is its owner
    ("深入实施百名青年讲师培育计划。", "百名青年讲师培育计划"),
    ("林场党委依托松涛课堂，每月开讲一次。", "松涛课堂"),
    ("全镇以柿乡大讲堂为载体推动理论下乡。", "柿乡大讲堂"),
    ("把村口的凉亭改造成槐荫夜话，请老党员来讲。", "槐荫夜话"),
    ("依托农家书屋开设麦香夜校。", "麦香夜校"),  # the nearer verb introduces it
])
def test_an_unquoted_series_a_verb_of_running_introduces(extract, sentence, name):
    assert name in names(extract(sentence), P)


@pytest.mark.parametrize("sentence", [
    "村里开设理论课堂。",  # words of kind alone
    "村民老周从夜校学到了种植技术。",  # no verb of running: 夜校 is where he learnt
    "学生们走进课堂，听老党员讲故事。",
    "镇里开设了面向群众的课堂。",  # a description, not a name
    "宣讲员以理论课堂形式宣讲。",  # 以 says how, not what series
])
def test_a_series_head_without_a_name_of_its_own_names_nothing(extract, sentence):
    assert not names(extract(sentence), P)


def test_an_agent_suffix_jieba_leaves_alone_is_part_of_the_tail(extract):
    found = names(extract("举办“不忘初心 奋勇前行”基层宣讲员大赛。"), P)
    assert "不忘初心奋勇前行基层宣讲员大赛" in found


def test_activities_after_one_quoted_brand_one_tail_ending_the_other_are_one(extract):
    # a quoted motto (a Slogan of its own) names the activities; the longer name the
    # shorter one ends is the same activity
    ex = extract("市里开展“接地气、聚人气”法治示范活动。各村积极参与“接地气、聚人气”示范活动。")
    assert len({m.key for m in ex.mentions if m.type is P}) == 1
    ex = extract("打造“接地气、聚人气”思政宣讲品牌。举办“接地气、聚人气”思政沙龙。")
    assert len({m.key for m in ex.mentions if m.type is P}) == 2


@pytest.mark.parametrize("sentence, name", [
    ("开展了社会主义核心价值观教育活动。", "社会主义核心价值观教育活动"),
    ("谈起学校开展的暑期送文化知识下乡活动，大家很高兴。", "暑期送文化知识下乡活动"),
])
def test_an_unquoted_name_after_a_verb_and_its_particle(extract, sentence, name):
    assert name in names(extract(sentence), P)


def test_words_of_kind_and_size_name_no_activity(extract):
    assert not names(extract("开展了大型群众性主题宣传教育活动。"), P)


def test_a_quoted_name_before_a_contest_or_selection(extract):
    assert "文明家庭" in names(extract("平顺县文明办组织开展“文明家庭”评选，共评出120户。"), P)
    assert "青春杯" in names(extract("平顺县举办“青春杯”书法比赛。"), P)


def test_a_quoted_name_before_a_month_or_week_of_service(extract):
    assert "学雷锋" in names(extract("县团委组织青年志愿者开展“学雷锋”志愿服务月活动。"), P)


def test_a_show_or_column_by_its_title(extract):
    assert "百姓说" in names(extract("县融媒体中心开设《百姓说》栏目，播出节目40期。"), P)
    assert not names(extract("大家认真学习了《谈治国理政》一书。"), P)


def test_a_quote_before_of_and_an_activity_is_what_it_is_about(extract):
    assert not names(extract("让党的声音传到老百姓“家门口”的宣讲活动很受欢迎。"), P)


def test_a_brand_is_the_programme_of_its_activities(extract):
    ex = extract("平顺县开展“百名教师进百村”宣讲活动。平顺县将持续打造“百名教师进百村”品牌。")
    assert len({m.key for m in ex.mentions if m.type is P}) == 1


def test_a_session_of_a_congress_is_no_event(extract):
    assert not names(extract("第十届全县人民代表大会第一次会议召开。"), P)
    assert "乡村振兴论坛" in names(extract("第二届乡村振兴论坛在此举办。"), P)


@pytest.mark.parametrize("sentence", ["村里每年都会举办侗族特色庆祝活动。", "县里组织开展学习考察活动。"])
def test_whose_and_what_kind_of_activity_name_none(extract, sentence):
    assert not names(extract(sentence), P)


def test_a_quoted_name_a_verb_of_running_names(extract):
    assert "板凳会" in names(extract("今年以来，全镇已累计举办“板凳会”46场。"), P)
    # a motto after the verb stays a slogan, and a quote after a verb of saying is none
    assert not names(extract("他说出了“心里话”，大家很感动。"), P)


def test_a_quoted_name_spread_by_a_body(extract):
    assert "红色议事厅" in names(extract("街道党工委在18个社区推广“红色议事厅”，解决难题。"), P)


@pytest.mark.parametrize("sentence, name", [
    ("学生们制作的“两分钟看懂新政策”系列短视频，在网上走红。", "两分钟看懂新政策"),
    ("纪念馆推出“老照片会说话”现场教学，全年接待游客。", "老照片会说话"),
    ("街道上线“柳营e治理”数字平台，居民随时反映问题。", "柳营e治理"),
    ("居民可通过“锦绣e家”小程序提交需求。", "锦绣e家"),
])
def test_a_quoted_name_before_the_medium_it_comes_in(extract, sentence, name):
    assert name in names(extract(sentence), P)


def test_a_quoted_motto_before_a_medium_is_no_programme_name(extract):
    # a formula stays a slogan: the platform is not named by it
    assert "三个一" not in names(extract("县里建成“三个一”服务平台。"), P)


@pytest.mark.parametrize("sentence, name", [
    ("文化站打造“古镇故事汇”，用本地人物讲新思想。", "古镇故事汇"),
    ("把老城改造的故事编成“古城十讲”，几年下来讲了上百场。", "古城十讲"),
])
def test_a_quoted_name_a_verb_of_making_names(extract, sentence, name):
    assert name in names(extract(sentence), P)


def test_brands_listed_after_their_kind_and_a_colon(extract):
    ex = extract("全区形成了特色宣讲品牌：城南街道“城南茶话会”、城北街道“北城夜谈”等。")
    assert {"城南茶话会", "北城夜谈"} <= names(ex, P)


def test_a_show_named_after_its_kind(extract):
    assert "乡音讲堂" in names(extract("宣讲队开设了方言广播专栏《乡音讲堂》，已播出40期。"), P)
    # a film by its title is no series
    assert "初心" not in names(extract("组织拍摄了专题片《初心》，在电视台播出。"), P)


def test_quoted_items_counted_as_brands_or_sections(extract):
    ex = extract("同步推出“晨读十分钟”“田埂说法”两个特色板块，推动理论入脑。")
    assert {"晨读十分钟", "田埂说法"} <= names(ex, P)


def test_quoted_items_counted_as_aspects_are_no_programmes(extract):
    ex = extract("宣讲围绕“两个确立”“两个维护”两个方面展开。")
    assert not names(ex, P)


def test_quotes_side_by_side_share_the_activity_after_them(extract):
    ex = extract("开展“文明家庭”“好婆婆好媳妇”评选，在各村张榜。")
    assert "文明家庭" in names(ex, P)


def test_quoted_items_listed_as_lecture_products_or_routes(extract):
    ex = extract("推出“古厝微宣讲”“海丝故事会”“侨批家国情”等特色宣讲产品。")
    assert {"古厝微宣讲", "海丝故事会", "侨批家国情"} <= names(ex, P)


def test_an_edition_is_no_part_of_an_unquoted_name(extract):
    # 首届 numbers the event; one programme, not 首届乡村振兴论坛 beside it
    assert names(extract("镇党委举办首届乡村振兴论坛。"), EntityType.PROGRAMME) == {"乡村振兴论坛"}


def test_a_talk_show_series_by_its_head(extract):
    assert names(extract("市委讲师团推出理论脱口秀，深受欢迎。"), EntityType.PROGRAMME) == {"理论脱口秀"}
    assert not names(extract("他是一名脱口秀演员。"), EntityType.PROGRAMME)


def test_a_quoted_name_and_a_contest_after_it(extract):
    found = labels(extract("举办“柿乡好声音”宣讲擂台赛，评出一等奖3名。"), P)
    assert any("柿乡好声音宣讲擂台赛" in ls for ls in found.values())
