from kg.model import EntityType

from tests.extract.conftest import names

P = EntityType.PERSON


def test_titles_are_stripped(extract):
    ex = extract("学习贯彻习近平总书记重要讲话精神。县委书记徐宏君主持召开会议。")
    assert {"习近平", "徐宏君"} <= names(ex, P)
    assert not any("书记" in n for n in names(ex, P))


def test_editor_line(extract):
    ex = extract("正文第一段。\n(责编:李进媛、汤龙)")
    assert {"李进媛", "汤龙"} <= names(ex, P)


def test_spaced_editor_name(extract):
    ex = extract("正文第一段。\n责任编辑:朱 健")
    assert "朱健" in names(ex, P)


def test_list_of_names(extract):
    ex = extract("县委书记徐宏君主持召开会议。孙国炜、罗佳贤、富强、张志文等县委理论学习中心组成员参加会议。")
    assert {"孙国炜", "罗佳贤", "张志文"} <= names(ex, P)


def test_common_words_are_not_persons(extract):
    ex = extract("推动党员干部转变思维定式,高度重视宣讲工作,全面推进乡村振兴。")
    assert not names(ex, P)


def test_speaker_before_a_speech_verb(extract):
    ex = extract("“这样的宣讲我们听得懂。”种粮大户王建华说,今年要多种两亩地。")
    assert "王建华" in names(ex, P)


def test_name_before_a_function_word_after_a_title(extract):
    ex = extract("宣讲团成员赵明用身边事讲清大道理。")
    assert "赵明" in names(ex, P)


def test_later_short_reference_does_not_split_a_full_name(extract):
    ex = extract("市委副书记曾向阳出席会议。曾向阳强调,要抓好落实。")
    assert names(ex, P) == {"曾向阳"}


def test_name_before_yi_after_a_title(extract):
    ex = extract("市“青年”宣讲团成员柳中林以“奋斗”为题作了宣讲。")
    assert "柳中林" in names(ex, EntityType.PERSON)


def test_given_name_that_is_a_proper_noun(extract):
    ex = extract("村党支部书记单海龙在会上表示,要抓好落实。")
    assert "单海龙" in names(ex, EntityType.PERSON)


def test_name_glued_to_a_function_word_by_jieba(extract):
    ex = extract("宣讲团成员袁中树以亲身经历为题作了宣讲。")
    assert "袁中树" in names(ex, EntityType.PERSON)


def test_a_surname_and_a_form_of_address_is_no_name(extract):
    ex = extract("活动现场,新联村村民王阿姨说:“大家都爱听。”村民李大爷也表示赞同。")
    assert not {m.canonical for m in ex.mentions if m.type is EntityType.PERSON}


def test_a_verb_after_a_title_is_no_name(extract):
    ex = extract("宣讲团走进社区,为社区党员群众宣讲党的创新理论。")
    assert not {m.canonical for m in ex.mentions if m.type is EntityType.PERSON}


def test_a_given_name_that_is_a_rare_word(extract):
    # 立新 and 建军 are words too, but rarer than the names they make
    ex = extract("区委党校副校长马立新介绍。县委书记王建军出席。")
    assert {"马立新", "王建军"} <= {m.canonical for m in ex.mentions if m.type is EntityType.PERSON}


# Invented sentences: roles, credits and boundaries that no closed list of verbs gives.

import pytest  # noqa: E402


@pytest.mark.parametrize("sentence, name", [
    ("民兵李春梅手里拿着宣传册。", "李春梅"),
    ("道德模范郑国梁带头捐款。", "郑国梁"),
    ("非遗传承人钱玉珍夫妇表演了歌舞。", "钱玉珍"),
])
def test_a_role_noun_before_a_name(extract, sentence, name):
    assert name in names(extract(sentence), P)


def test_a_title_after_a_name_ends_it(extract):
    found = names(extract("(记者韩秀英通讯员郑国梁)近日,某县开展宣讲。"), P)
    assert {"韩秀英", "郑国梁"} <= found


def test_credits_in_parentheses_at_a_line_end(extract):
    found = names(extract("活动取得圆满成功。(韩秀英、郑 国梁)\n下一段。"), P)
    assert {"韩秀英", "郑国梁"} <= found


def test_credits_after_zuozhe(extract):
    assert {"韩秀英", "郑国梁"} <= names(extract("作者 韩秀英 郑国梁\n正文开始。"), P)


def test_a_parenthesised_phrase_is_no_credit(extract):
    assert not names(extract("活动取得成功。(图片由县委提供)\n"), P)


def test_an_unknown_word_opening_with_a_surname_before_a_verb_is_a_name(extract):
    assert "孙丽娟" in names(extract("听完宣讲,孙丽娟已经迫不及待地回家了。"), P)


def test_an_unknown_word_that_ends_as_things_do_is_no_name(extract):
    found = names(extract("青石县推出楼栋式宣讲,田长制宣传深入人心。"), P)
    assert not {"楼栋式", "田长制"} & found


def test_a_function_character_glued_to_a_guessed_name_is_no_part_of_it(extract):
    assert "孙丽用" not in names(extract("会上,孙丽用通俗的语言讲述政策。"), P)


@pytest.mark.parametrize("sentence, bad", [
    ("镇里还将通过制作宣传栏、宣传册等方式宣传。", "宣传栏"),   # 制作 is a credit title too
    ("活动中为农村党员普及了相关法规。", "普及了"),
])
def test_things_and_clauses_after_a_title_are_no_names(extract, sentence, bad):
    assert bad not in names(extract(sentence), P)


def test_the_last_name_of_a_list_stops_before_its_verb(extract):
    found = names(extract("会上,孙丽娟、李春梅、钱玉珍作了交流发言。"), P)
    assert "钱玉珍" in found and not any(n.endswith("作") or n.endswith("作了") for n in found)


def test_one_part_of_a_transliterated_name_is_no_name(extract):
    assert "阿依古" not in names(extract("大学生阿依古·麦麦提说,收获很大。"), P)


def test_transliterated_minority_names_need_no_surname(extract):
    ex = extract("宣讲员扎西顿珠和次仁卓玛用双语宣讲，老党员格桑多吉说：“日子越过越好。”"
                 "副部长阿不都热合曼出席活动。")
    assert {"扎西顿珠", "次仁卓玛", "格桑多吉", "阿不都热合曼"} <= names(ex, P)


def test_minority_name_elements_in_places_and_troupes_are_no_persons(extract):
    ex = extract("乌兰牧骑队员深入牧区演出，尼玛县、贡嘎县的群众和扎西寺的僧人观看。")
    assert names(ex, P) == set()


def test_a_datelines_byline_names_its_reporters(extract):
    ex = extract("人民网北京3月3日电（记者 刘海 赵明明）近日，读书活动举行。")
    assert {"刘海", "赵明明"} <= names(ex, P)
    # a rare surname passes with the others: every item of a byline is a name
    assert "奥蓝" in names(extract("新华社北京3月3日电(奥蓝 王婷婷)近日，读书活动举行。"), P)


def test_a_photo_credit_names_its_photographer(extract):
    assert "孙丽丽" in names(extract("图为志愿者在宣讲 孙丽丽摄\n正文。"), P)
    assert {"秦鹏", "汪舟"} <= names(extract("（记者秦鹏 汪舟摄影报道）近日，读书活动举行。"), P)
    assert not names(extract("大家一起拍摄视频。"), P)


@pytest.mark.parametrize("sentence, name", [
    ("邀请何东明博士编制规划。", "何东明"),
    ("郭长顺大爷一边指着墙一边说。", "郭长顺"),
    ("市委刘振华书记在会上讲话。", "刘振华"),
])
def test_a_full_name_before_a_title_or_form_of_address(extract, sentence, name):
    assert names(extract(sentence), P) == {name}


def test_a_surname_and_a_word_before_a_title_is_no_name(extract):
    assert not names(extract("会上书记强调要抓落实。在会上，王书记讲话。"), P)


def test_a_two_character_name_after_a_title_before_a_word(extract):
    assert "孙伟" in names(extract("会上，市委党校讲师孙伟高兴地说，大家很满意。"), P)
    assert "林强" in names(extract("郑州市委书记林强右手握拳，带领大家宣誓。"), P)
    # a dictionary word after a title is no name, nor one that ends as things do
    assert not names(extract("经过角逐，9组选手晋级决赛。驻村干部包队责任制落实。"), P)


def test_a_byline_after_xun_over_several_lines(extract):
    found = names(extract("新闻\n\n本报讯 (记者 李海峰 实习生 朱明颖\n通讯员\n王强)经过学习，大家很受启发。"), P)
    assert {"李海峰", "朱明颖", "王强"} <= found
    assert "实习生" not in found


def test_a_credit_line_names_the_reporter_after_the_medium(extract):
    assert "孙宏宁" in names(extract("2022-06-22 09:12:50 青山日报   孙宏宁\n正文开始，活动举行。"), P)


def test_roles_a_story_names_people_by(extract):
    assert "赵德刚" in names(extract("涌现出反劫机勇士赵德刚等先进典型。"), P)


def test_a_three_character_name_after_a_title_before_a_verb(extract):
    assert "黄立华" in names(extract("会议要求县历史学会理事黄立华关注此事。"), P)


@pytest.mark.parametrize("sentence", ["宣讲员高兴地说，群众很欢迎。", "志愿者黄金周期间坚持值守。"])
def test_a_very_common_word_opening_a_would_be_name_after_a_title(extract, sentence):
    assert not names(extract(sentence), P)


def test_mongolian_names_of_two_elements(extract):
    found = names(extract("旗委副书记、旗长乌云其木格，嘎查党支部书记那仁图雅参加。"), P)
    assert {"乌云其木格", "那仁图雅"} <= found


def test_a_common_surname_and_a_common_word_after_a_title_is_a_name(extract):
    assert "张海军" in names(extract("旗人大常委会主任张海军等参加会议。"), P)
    assert not names(extract("干部和村民一起劳动。"), P)


def test_a_name_after_a_party_branch_secretary(extract):
    # 支书 inside 党总支书记 must not hide the title that ends right before the name
    assert "李学明" in names(extract("石门村党总支书记李学明说，大家都来了。"), P)


def test_a_transliterated_name_with_a_middle_dot(extract):
    assert "努尔兰·别克" in names(extract("队长努尔兰·别克说：“我们骑马去。”"), P)


def test_a_surname_that_is_a_common_verb_names_no_one_without_a_cue(extract):
    assert not names(extract("“红色议事厅”解民忧\n\n社区开展活动。"), P)


def test_a_name_glued_to_the_verb_of_giving_a_talk(extract):
    assert "苏丽华" in names(extract("大学马克思主义学院教授苏丽华作首场宣讲报告。"), P)


@pytest.mark.parametrize("sentence, name", [
    ("退休教师孙秀兰捧着一摞笔记本走上台。", "孙秀兰"),  # a one-character verb and its aspect
    ("讲解员陈志刚站在展板前讲红军的故事。", "陈志刚"),  # a verb and its place
    ("居民郑海平笑着说，变化太大了。", "郑海平"),  # 海平 is a common word; 郑 a common surname
    ("活动由副局长汪立新任总指挥。", "汪立新"),  # 任: takes up a post
    ("宣讲员钱德明把政策编成了快板。", "钱德明"),  # 把 opens the clause
    ("青年教师唐晓雯获得一等奖。", "唐晓雯"),
])
def test_what_follows_a_name_after_a_title(extract, sentence, name):
    assert name in names(extract(sentence), P)


@pytest.mark.parametrize("sentence, name", [
    ("退伍老兵们围坐一起，青年律师韩雪梅讲解了继承法。", "韩雪梅"),
    ("果园里，果农潘志远说今年的苹果卖上了好价钱。", "潘志远"),
    ("装配车间电工罗建军说，听完宣讲心里亮堂了。", "罗建军"),
])
def test_a_role_named_by_an_agent_suffix_before_a_name(extract, sentence, name):
    assert name in names(extract(sentence), P)


def test_a_group_named_by_an_agent_suffix_is_no_role(extract):
    assert not names(extract("全体职工学习了新规定。"), P)


def test_a_given_name_jieba_reads_as_one_proper_noun_may_end_in_a_function_character(extract):
    # 和 ends many given names; only where jieba does not read it as a word of its own
    # is it the conjunction after a name
    assert "陆永和" in names(extract("调解委员会会长陆永和念起了新定的村规。"), P)
    assert "侯勇" in names(extract("讲师侯勇为村民讲解新政策。"), P)


@pytest.mark.parametrize("sentence, name", [
    ("州委宣讲团成员吉克阿呷用彝语讲解政策。", "吉克阿呷"),  # a Yi clan name and a given name
    ("村里的老支书曲木拉哈说，日子越过越好。", "曲木拉哈"),
    ("县委常委、宣传部部长刀志明介绍了经验。", "刀志明"),  # 刀: a Dai clan name
    ("宣讲员岩香光用傣语讲解。", "岩香光"),  # 岩 opens a Dai man's name
])
def test_minority_names(extract, sentence, name):
    assert name in names(extract(sentence), P)


@pytest.mark.parametrize("sentence, bad", [
    ("宣讲团由老党员、劳模和道德模范组成。", "和道德"),  # 和: the conjunction of a list of roles
    ("村里的致富带头人和种养大户都来了。", "和种养"),
    ("种粮大户都来了。", "都来"),  # 都: an adverb
])
def test_a_conjunction_or_an_adverb_after_a_title_is_no_surname(extract, sentence, bad):
    assert bad not in names(extract(sentence), P)


@pytest.mark.parametrize("sentence, name", [
    ("县农牧局局长和志斌说，今年收成好。", "和志斌"),  # 和 is a surname before a given name
    ("县委书记曾向阳强调，要抓好落实。", "曾向阳"),
])
def test_a_surname_jieba_reads_as_a_function_word_before_a_given_name(extract, sentence, name):
    assert name in names(extract(sentence), P)


def test_a_preposition_before_a_name_and_a_form_of_address(extract):
    found = names(extract("大家要向雷锋同志学习。"), P)
    assert "雷锋" in found and "向雷锋" not in found


def test_after_a_title_a_leading_verb_makes_the_name_whole(extract):
    # 建平 is a common word (and a county); 牛 is no commonest surname
    assert "牛建平" in names(extract("市社科联党组书记、主席牛建平带领宣讲团走进社区。"), P)


def test_an_age_before_a_name_is_a_cue(extract):
    assert "张福田" in names(extract("78岁的张福田拄着拐杖来得最早。"), P)
    assert not names(extract("78岁的老人拄着拐杖来得最早。"), P)


@pytest.mark.parametrize("sentence, name", [
    ("经济学教研部主任、教授孔德明作专题辅导报告。", "孔德明"),  # 作 opens what the speaker gives
    ("退役军人彭宝林是服务队队长。", "彭宝林"),
    ("评委由往届全区“金牌宣讲员”覃丽燕等7人组成。", "覃丽燕"),  # a quoted title
    ("67岁的老船长符在富笑着说，日子好了。", "符在富"),
    ("身穿壮族服饰的宣讲员韦秀兰先用壮语唱了一段。", "韦秀兰"),  # an adverb opens the predicate
    ("外地游客郑子豪一边用手机录像。", "郑子豪"),
])
def test_more_cues_around_a_name(extract, sentence, name):
    found = names(extract(sentence), P)
    assert name in found and not any(n != name and name in n for n in found)


def test_a_surname_and_a_given_name_jieba_read_after_a_title(extract):
    # no clause boundary follows (种 is no verb to jieba), but jieba read 李|小山 as a name
    assert "李小山" in names(extract("二棚镇宣讲员李小山种了二十多年葡萄。"), EntityType.PERSON)


def test_a_credit_in_brackets_with_a_zhuang_surname(extract):
    got = names(extract("宣讲走进壮乡瑶寨。\n(牙韦华、李小红)"), EntityType.PERSON)
    assert {"牙韦华", "李小红"} <= got


@pytest.mark.parametrize("sentence, name", [
    ("32岁的宣讲员古丽米拉·艾海提用双语讲政策。", "古丽米拉·艾海提"),  # elements kg has no list of
    ("村民阿卜杜·热扎克·吐尔逊在夜校学了一年。", "阿卜杜·热扎克·吐尔逊"),
    ("　　古丽米拉·艾海提是县里的宣讲骨干。", "古丽米拉·艾海提"),
    ("图为宣讲现场。麦麦提·阿力木 摄", "麦麦提·阿力木"),
])
def test_a_transliterated_name_by_its_interpunct(extract, sentence, name):
    assert name in names(extract(sentence), P)


@pytest.mark.parametrize("sentence", ["第B03版:要闻·综合", "(乡村行·看变化)山村的夜校", "举办“红色小镇·青春说”宣讲活动。"])
def test_a_heading_or_title_with_an_interpunct_is_no_person(extract, sentence):
    assert not names(extract(sentence), P)
