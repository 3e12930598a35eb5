"""该宣讲团, 该活动, 该镇: anaphors become mentions of the entity they point back to."""

from kg.model import EntityType


def test_a_group_named_before_takes_the_figures_and_date_of_its_anaphor(extract):
    ex = extract("安吉县组建“两山”理论宣讲团。据介绍,该宣讲团成立于2017年,由县委党校教师、"
                 "乡镇干部等30名成员组成,累计宣讲600余场。")
    n = {m.key: m.canonical for m in ex.mentions}
    anaphor = next(m for m in ex.mentions if m.extractor == "anaphora")
    assert anaphor.surface == "该宣讲团" and anaphor.canonical == "两山理论宣讲团"
    assert "该宣讲团" not in anaphor.labels  # a pointer, not a name
    figures = {(n[f.about], f.value, f.unit) for f in ex.figures}
    assert {("两山理论宣讲团", 30, "名"), ("两山理论宣讲团", 600, "场")} <= figures
    assert ("两山理论宣讲团", "2017") in {(n[a.head], a.value) for a in ex.attributes}


def test_no_antecedent_no_mention(extract):
    ex = extract("东坡区开展了一场宣讲活动。该活动吸引群众300人。")
    assert not [m for m in ex.mentions if m.extractor == "anaphora"]


def test_the_antecedent_must_be_near(extract):
    far = "群众反响热烈。" * 7
    ex = extract("安吉县组建“两山”理论宣讲团。" + far + "该宣讲团累计宣讲600余场。")
    assert not [m for m in ex.mentions if m.extractor == "anaphora"]


def test_a_generic_noun_looks_less_far_back_than_a_specific_one(extract):
    # 该宣讲团 must end the name it points at, so it may reach six sentences back; 该队 three
    far = "群众反响热烈。" * 4
    ex = extract("安吉县组建“两山”理论宣讲团。" + far + "该宣讲团累计宣讲600余场。")
    assert [m.canonical for m in ex.mentions if m.extractor == "anaphora"] == ["两山理论宣讲团"]
    ex = extract("安吉县组建“两山”理论宣讲团。" + far + "该队累计宣讲600余场。")
    assert not [m for m in ex.mentions if m.extractor == "anaphora"]


def test_this_contest_and_the_lecture_hall_point_back_to_the_one_named(extract):
    ex = extract("县委宣传部举办“青山杯”理论宣讲大赛。决赛在县城举行。本届大赛共收到作品86件。")
    assert [m.canonical for m in ex.mentions if m.extractor == "anaphora"] == ["青山杯"]
    assert any(f.value == 86 and f.about[0] is EntityType.PROGRAMME for f in ex.figures)
    ex = extract("“青禾大讲堂”开讲。自2016年开设以来，大讲堂坚持每月1期。")
    assert [m.canonical for m in ex.mentions if m.extractor == "anaphora"] == ["青禾大讲堂"]
    # 大赛 asks for a name that ends in it: a 讲堂 is none
    ex = extract("“青禾大讲堂”开讲。本届大赛共收到作品86件。")
    assert not [m for m in ex.mentions if m.extractor == "anaphora"]


def test_a_specific_noun_needs_a_name_ending_in_it(extract):
    # 该宣讲团 cannot point at a 宣讲队
    ex = extract("东坡区组建“东坡之声”宣讲队。该宣讲团累计宣讲600余场。")
    assert not [m for m in ex.mentions if m.extractor == "anaphora"]


def test_a_longer_word_is_no_anaphor(extract):
    ex = extract("东坡区推进宣讲。该区域群众踊跃参加,该县委书记到场。")
    assert not [m for m in ex.mentions if m.extractor == "anaphora"]


def test_this_town(extract):
    ex = extract("濮院镇推进理论宣讲。今年该镇还开展“文化礼堂夜话”活动。")
    anaphor = next(m for m in ex.mentions if m.extractor == "anaphora")
    assert anaphor.type is EntityType.DIVISION and anaphor.canonical == "濮院镇"


def test_a_bare_group_noun_opening_a_clause(extract):
    ex = extract("近日,龙胜各族自治县民族团结进步宣讲团深入泗水乡宣讲。县民宗局局长石秀英说,"
                 "宣讲团今年已开展宣讲45场。")
    n = {m.key: m.canonical for m in ex.mentions}
    assert {(n[f.about], f.value) for f in ex.figures} == {("龙胜各族自治县民族团结进步宣讲团", 45)}


def test_a_bare_group_noun_holds_its_leaders_post(extract):
    ex = extract("兰州市城关区成立“金城百姓宣讲团”。宣讲团团长、区委党校副校长马立新介绍了情况。")
    n = {m.key: m.canonical for m in ex.mentions}
    posts = {(n[r.head], n[r.tail], dict(r.qualifiers)["post"]) for r in ex.relations
             if r.predicate == "holdsPost"}
    assert posts == {("马立新", "金城百姓宣讲团", "团长"), ("马立新", "城关区委党校", "副校长")}
