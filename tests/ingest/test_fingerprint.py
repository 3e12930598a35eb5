"""MinHash fingerprints (kg.ingest.fingerprint), on invented texts."""
from __future__ import annotations

import subprocess
import sys

from kg.ingest.fingerprint import MIN_CHARS, THRESHOLD, bands, signature, similarity

STORY = ("为深入学习宣传贯彻党的创新理论，推动理论宣讲进基层、入人心，"
         "某某县委宣传部近日组织青年宣讲团深入乡村开展理论宣讲活动。宣讲团成员结合自身经历，"
         "用群众听得懂的语言讲述基层治理的新变化，累计开展宣讲四十余场，覆盖群众三千余人次。"
         "活动中，宣讲员走进田间地头、农家院落，与村民面对面交流，解答大家关心的问题。"
         "县委宣传部有关负责人表示，下一步将继续创新宣讲形式，推动理论宣讲常态化、长效化，"
         "让党的创新理论飞入寻常百姓家。据了解，该县已建立县乡村三级宣讲体系，"
         "培育各类宣讲骨干两百余名，形成了一批群众喜闻乐见的宣讲品牌。")
OTHER = ("某某市文明办日前启动文明城市创建志愿服务行动，全市两百多个社区同步开展环境整治。"
         "志愿者们清理楼道杂物、劝导不文明行为，为居民送上文明出行倡议书。"
         "市文明办负责人介绍，此次行动为期三个月，将重点整治背街小巷、农贸市场等薄弱环节，"
         "并建立常态化督查机制，确保创建成果长期巩固。活动得到广大市民的积极响应，"
         "不少居民主动报名加入志愿服务队伍，共同参与城市环境的维护和提升工作。"
         "下一步，全市还将开展文明家庭、文明单位评选，以评促建，营造人人参与创建的良好氛围。")


def test_the_same_story_edited_is_similar_and_another_is_not():
    mirror = ("【转载】" + STORY.replace("近日", "日前") + "（责任编辑：某某）\n来源：某某网")
    assert similarity(signature(STORY), signature(mirror)) >= THRESHOLD
    cut = STORY[:STORY.index("据了解")]  # the last paragraph cut
    assert similarity(signature(STORY), signature(cut)) >= THRESHOLD
    assert similarity(signature(STORY), signature(OTHER)) < 0.2
    assert similarity(signature(STORY), signature(STORY)) == 1.0


def test_white_space_does_not_count_and_short_texts_get_none():
    spaced = "\n\n".join(STORY.split("。"))
    assert signature(spaced.replace("\n\n", "。 \n")) == signature(STORY.replace("。", "。"))
    assert signature("短" * (MIN_CHARS - 1)) is None
    assert signature("短" * MIN_CHARS + " \n") is not None


def test_similar_texts_share_a_band_and_different_ones_do_not():
    a, b = bands(signature(STORY)), bands(signature(STORY.replace("近日", "日前")))
    assert len(a) == 24 and len(set(a)) == 24 and set(a) & set(b)
    assert not set(a) & set(bands(signature(OTHER)))


def test_a_fingerprint_is_the_same_in_another_process():
    code = ("from kg.ingest.fingerprint import signature; import sys; "
            "sys.stdout.write(signature(sys.stdin.read()).hex())")
    other = subprocess.run([sys.executable, "-c", code], input=STORY, capture_output=True,
                           text=True, check=True, env={"PYTHONHASHSEED": "123", "PATH": ""})
    assert other.stdout == signature(STORY).hex()
