from __future__ import annotations

from datetime import date, datetime

import pytest

from kg.ingest import read_article
from kg.ingest.header import parse_metadata, split_names
from kg.model import Metadata

from .helpers import SEED_000, SEED_003


def test_seed_000_metadata() -> None:
    meta = read_article(SEED_000).metadata
    assert meta == Metadata(
        title="沈阳市辽中区以解放思想激活振兴发展内生动力",
        published=datetime(2022, 3, 10, 16, 26),
        source="人民网-辽宁频道",
        channel=("人民网", "辽宁频道", "区县乡村"),
        editors=("李进媛", "汤龙"),
        authors=(),
    )


def test_seed_003_metadata() -> None:
    meta = read_article(SEED_003).metadata
    assert meta.title is None
    assert meta.editors == ("朱健",)
    assert meta.published is None and meta.source is None and meta.channel == ()


@pytest.mark.parametrize("line, expected", [
    ("2022年03月10日16:26 | 来源:人民网", datetime(2022, 3, 10, 16, 26)),
    ("2022-12-13 17:22:23来源:中央广电总台国际在线", datetime(2022, 12, 13, 17, 22, 23)),
    ("作者: 发布时间:2023/10/30 17:40:31", datetime(2023, 10, 30, 17, 40, 31)),
    ("时间:2022/05/07 15:05      来源:中国甘肃在线", datetime(2022, 5, 7, 15, 5)),
    ("发布时间:2022年02月14日 08:01", datetime(2022, 2, 14, 8, 1)),
    ("2019-12-11 09:55:18  |  来源:吉林日报  |  编辑:田东艳   |  责编:李玥",
     datetime(2019, 12, 11, 9, 55, 18)),
    ("发布日期:2021-07-01", date(2021, 7, 1)),
    ("发布日期:2021-13-45", None),  # not a date
])
def test_dates(line: str, expected) -> None:
    meta = parse_metadata(f"某某县召开宣讲工作会议\n{line}\n正文第一句。正文第二句。")
    assert meta.published == expected
    assert type(meta.published) is type(expected)


def test_date_in_body_sentence_is_not_metadata() -> None:
    meta = parse_metadata("2022年3月10日,辽中区召开会议,全面部署工作。\n第二段。")
    assert meta.published is None and meta.title is None


def test_header_with_source_editors_and_title() -> None:
    text = ("关东黑土\n吉林省特色宣讲小分队赴长春舒兰宣讲四中全会精神\n"
            "2019-12-11 09:55:18  |  来源:吉林日报  |  编辑:田东艳   |  责编:李玥\n"
            "吉林日报12月11日讯(记者 张猛 李婷 姜岸松):为推动党的十九届四中全会精神深入基层。")
    meta = parse_metadata(text)
    assert meta.title == "吉林省特色宣讲小分队赴长春舒兰宣讲四中全会精神"
    assert meta.source == "吉林日报"
    assert meta.editors == ("田东艳", "李玥")
    assert meta.authors == ("张猛", "李婷", "姜岸松")


def test_channel_kicker_and_author_line() -> None:
    text = ("中国共产党新闻网|党建频道|党建数据库\n四川省北川县——\n"
            "用上新方法 宣讲进万家(新春走基层)\n作者:本报记者 王明峰 李凯旋\n"
            "发布时间:2022年02月14日 08:01\n来源:人民网-人民日报\n“奋斗百年有经验。”初春的早晨。")
    meta = parse_metadata(text)
    assert meta.channel == ("中国共产党新闻网", "党建频道", "党建数据库")
    assert meta.title == "用上新方法 宣讲进万家(新春走基层)"
    assert meta.authors == ("王明峰", "李凯旋")
    assert meta.source == "人民网-人民日报"
    assert meta.published == datetime(2022, 2, 14, 8, 1)


def test_run_together_labels() -> None:
    meta = parse_metadata("重庆铜梁:党的二十大精神走进乡村振兴车间\n"
                          "2022-12-13 17:22:23来源:中央广电总台国际在线编辑:付意菲责编:蒋硕\n正文。")
    assert meta.source == "中央广电总台国际在线"
    assert meta.editors == ("付意菲", "蒋硕")
    assert meta.title == "重庆铜梁:党的二十大精神走进乡村振兴车间"


def test_first_line_title_without_date() -> None:
    text = "省、市、县(区)共同培育打造临沧“佤山宣讲团”地方特色宣讲品牌\n本报讯 (记者 毕 昱) 为贯彻部署。"
    meta = parse_metadata(text)
    assert meta.title == "省、市、县(区)共同培育打造临沧“佤山宣讲团”地方特色宣讲品牌"
    assert meta.authors == ("毕昱",)
    assert parse_metadata(text, indented=frozenset({0})).title is None  # an indented heading


def test_footer_credits() -> None:
    text = "正文第一句。\n正文第二句。\n◆文+ /李玮玮 通讯员 何柳珊\n◆图+2、视频/ 记者 王云\n◆编辑:徐向东"
    meta = parse_metadata(text)
    assert meta.editors == ("徐向东",)
    assert set(meta.authors) == {"李玮玮", "何柳珊", "王云"}


@pytest.mark.parametrize("value, names", [
    ("李进媛、汤龙", ("李进媛", "汤龙")),
    ("朱 健", ("朱健",)),
    ("毕 昱", ("毕昱",)),
    ("本报记者 王明峰 李凯旋", ("王明峰", "李凯旋")),
    ("张猛 李婷 姜岸松", ("张猛", "李婷", "姜岸松")),
    ("王 明峰", ("王明峰",)),
    ("孙丽 报道", ("孙丽",)),  # what the credit did is no name
    ("李进媛、汤龙 摄", ("李进媛", "汤龙")),
    ("王 刚 图", ("王刚",)),
    ("文 静", ("文静",)),  # 文 is a surname when a name follows
    ("", ()),
])
def test_split_names(value: str, names: tuple[str, ...]) -> None:
    assert split_names(value) == names


def test_title_may_start_like_a_label() -> None:
    meta = parse_metadata("时间银行进社区 记者节里话初心\n发布时间:2022-11-08 10:00\n正文。")
    assert meta.title == "时间银行进社区 记者节里话初心"


def test_page_furniture_after_a_credit_is_no_name() -> None:
    from kg.ingest.header import parse_metadata
    meta = parse_metadata("标题\n正文第一段，活动举行。\n责任编辑：王磊 分享到：微信 微博")
    assert meta.editors == ("王磊",)


def test_the_reviewers_of_an_account_are_editors() -> None:
    meta = parse_metadata("标题\n正文第一段，活动举行。\n编辑：王晨曦 | 初审：陈静 | 终审：李志刚")
    assert set(meta.editors) == {"王晨曦", "陈静", "李志刚"}


def test_credits_of_an_account_are_authors() -> None:
    meta = parse_metadata("标题\n正文第一段，活动举行。\n文字：赵晓雪　摄影：杨帆\n美编：王雨桐")
    assert {"赵晓雪", "杨帆", "王雨桐"} <= set(meta.authors)


@pytest.mark.parametrize("line, source", [
    ("以下文章来源于青山发布 ，作者青山融媒", "青山发布"),
    ("以下文章来源于青山发布作者青山融媒", "青山发布"),
])
def test_a_wechat_repost_names_its_source_account(line: str, source: str) -> None:
    meta = parse_metadata(f"宣讲进万家\n{line}\n近日，青山县开展宣讲活动。宣讲团走进村里。")
    assert meta.source == source


def test_a_source_line_wins_over_the_repost_line() -> None:
    meta = parse_metadata("宣讲进万家\n以下文章来源于青山发布 ，作者青山融媒\n来源：白河日报\n"
                          "近日，青山县开展宣讲活动。")
    assert meta.source == "白河日报"
