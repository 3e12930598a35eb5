import pytest

from kg.extract.slogans import is_formula, is_parallel_motto
from kg.model import EntityType

from tests.extract.conftest import labels, names

S = EntityType.SLOGAN


def test_formula_grammar():
    for text in ("3+5+1", "5+12+N", "四个一", "两个转型", "九个是不是", "四位一体", "三严三实",
                 "七进", "一企一策", "理论+文艺"):
        assert is_formula(text), text
    for text in ("中梗阻", "无形墙", "破冰", "第一书记", "百姓", "一线", "开门红"):
        assert not is_formula(text), text


@pytest.mark.parametrize("words", ["锣鼓一响，人就来齐了", "我来讲课，其实也是跟大家学习",
                                   "老人爱听，年轻人也坐得住", "你讲政策，咱们算细账"])
def test_quoted_speech_in_parallel_clauses_is_no_motto(words, extract):
    assert not is_parallel_motto(words)
    assert not names(extract(f"村民老赵说：“{words}。”宣讲员笑着点头。"), S)
    assert not names(extract(f"“{words}”，老赵说。"), S)


def test_a_motto_keeps_its_own_function_words():
    assert is_parallel_motto("婚事新办、丧事简办、其他喜事不办")
    assert is_parallel_motto("敢闯敢试、爱拼才会赢")


def test_parallel_mottos_and_what_is_none():
    assert is_parallel_motto("接地气、聚人气、鼓士气")
    assert is_parallel_motto("谋、立、推、建")
    assert is_parallel_motto("振兴新突破 我要当先锋")
    assert not is_parallel_motto("中梗阻")
    assert not is_parallel_motto("他说、我们一定要把这件事情做好做实做细做到位。")


def test_quoted_formulas_are_slogans_and_metaphors_are_not(extract):
    ex = extract("构建学习、讨论、调研、宣传“四位一体”新模式,打通思想上的“中梗阻”、观念上的“无形墙”,"
                 "以思想“破冰”引领振兴,以“3+5+1”模式开展宣讲。")
    found = names(ex, S)
    assert {"四位一体", "3+5+1"} <= found
    assert not found & {"中梗阻", "无形墙", "破冰"}
    assert "3+5+1模式" in labels(ex, S)["3+5+1"]


def test_known_formulas_unquoted(extract):
    ex = extract("深刻理解四个全面战略布局,推动三严三实专题教育。")
    found = labels(ex, S)
    assert "四个全面" in found and "四个全面战略布局" in found["四个全面"]
    assert "三严三实" in found


def test_motto_before_an_activity_noun(extract):
    ex = extract("推动思想解放,是“振兴新突破 我要当先锋”专项行动的首要任务。")
    assert "振兴新突破我要当先锋" in names(ex, S)


def test_short_quoted_name_before_activity_is_not_a_slogan(extract):
    ex = extract("区委宣传部联合举办“基层论谈”活动。")
    assert "基层论谈" not in names(ex, S)


def test_an_open_plus_formula(extract):
    assert "理论宣讲+" in names(extract("南康区创新推行“理论宣讲+”模式。"), EntityType.SLOGAN)


# Invented sentences: a short quoted motto before an activity noun is a slogan too.

@pytest.mark.parametrize("sentence, motto", [
    ("县里将启动“红心向党”宣讲大赛。", "红心向党"),
    ("社区开展“双帮双促”主题活动。", "双帮双促"),
])
def test_a_short_quoted_motto_before_an_activity(extract, sentence, motto):
    assert motto in names(extract(sentence), S)


def test_a_short_quoted_noun_phrase_before_an_activity_is_a_brand(extract):
    assert "社区书房" not in names(extract("街道开展“社区书房”活动。"), S)


def test_established_national_formulas_are_slogans_unquoted(extract):
    ex = extract("全县党员干部要做到学懂弄通做实，持续铸牢中华民族共同体意识。")
    assert {"学懂弄通做实", "铸牢中华民族共同体意识"} <= names(ex, S)


@pytest.mark.parametrize("text", ["七一", "三八", "五四", "八一", "十一", "一二·九", "三句半", "二人转"])
def test_dates_in_numerals_and_folk_arts_are_no_formulas(text):
    assert not is_formula(text)


def test_quoted_dates_are_no_slogans(extract):
    assert not names(extract("庆祝“七一”建党节。纪念“三八”国际妇女节。表演了“三句半”。"), S)


@pytest.mark.parametrize("sentence, slogan", [
    ("全力完成五大任务。", "五大任务"),
    ("打赢三大攻坚战。", "三大攻坚战"),
    ("办好两件大事。", "两件大事"),
    ("全面推行林长制和河长制。", "林长制"),
])
def test_unquoted_numbered_formulas_and_post_systems(extract, sentence, slogan):
    assert slogan in names(extract(sentence), S)


@pytest.mark.parametrize("sentence", ["落实十五大任务书。", "这条街长制度完善。", "发挥三大优势。",
                                      "启动农村环境整治十大行动。"])
def test_counts_inside_words_and_of_other_nouns_are_no_formulas(extract, sentence):
    assert not names(extract(sentence), S)


def test_quoted_idioms_are_no_formulas(extract):
    assert not names(extract("大家“一马当先”，全村“万马奔腾”。"), S)


@pytest.mark.parametrize("text", ["致富不仅要口袋富,还要脑袋富", "青山窗·党史少年说"])
def test_a_quoted_sentence_or_two_names_is_no_parallel_motto(text):
    assert not is_parallel_motto(text)


@pytest.mark.parametrize("text", ["接地气、聚人气、鼓士气", "办事依法、遇事找法、解决问题用法", "谋发展·惠民生"])
def test_parallel_mottos(text):
    assert is_parallel_motto(text)


def test_a_motto_in_parallel_halves_is_a_slogan_whatever_it_ends_with(extract):
    ex = extract("平顺县坚持“小切口、大宣讲”的思路。")
    assert "小切口、大宣讲" in names(ex, S)
    assert not names(ex, EntityType.PROGRAMME)


@pytest.mark.parametrize("sentence, slogan", [
    ("在红星村开展了主题为「守护绿水青山当好生态卫士」的宣传活动。", "守护绿水青山当好生态卫士"),
    ("以“弘扬传统美德共建和谐家园”为主题开展宣讲。", "弘扬传统美德共建和谐家园"),
])
def test_a_quoted_clause_given_as_a_theme_is_a_motto(extract, sentence, slogan):
    ex = extract(sentence)
    assert slogan in names(ex, S)
    assert not names(ex, EntityType.PROGRAMME)
