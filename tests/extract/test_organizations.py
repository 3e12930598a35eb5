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
