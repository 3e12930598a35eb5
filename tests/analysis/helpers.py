"""Corpora for the analysis, viz and notebook tests, built once per test process.

* :func:`handmade_out` -- three hand-made articles (no extractors involved) with
  known mentions, dates and relations, so graph and metric tests can assert
  exact numbers whatever the extractors do;
* :func:`fixture_out` -- five small articles through the real pipeline
  (``kg.build.build``): a slogan spreading over three dated articles, an
  undated one, and one whose title is ``<script>alert(1)</script>…``;
* :func:`seeds_out` -- the repository's seeds.

Each returns the folder ``kg build`` wrote (graph.trig), under a temporary
directory removed at exit.
"""
from __future__ import annotations

from dataclasses import replace

import atexit
import shutil
import tempfile
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from kg.build import build
from kg.model import (Article, DivisionLevel, EntityType, Extraction, Mention,
                      Relation)
from kg.rdf.export import write_outputs
from kg.rdf.graph import build_dataset

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
XSS_TITLE = "<script>alert(1)</script>辽中区新闻"

ARTICLES = {
    "a1.txt": """沈阳市辽中区开展“四个全面”主题宣讲

2021年03月01日09:00 | 来源:人民网-辽宁频道

沈阳市辽中区组织劳模宣讲团深入基层，围绕“四个全面”战略布局开展宣讲。
辽中区委宣传部开设“理论超市”，邀请专家解读“四个全面”。

责任编辑:朱健
""",
    "a2.txt": """天津市东丽区深入学习“四个全面”

2021年06月15日10:30 | 来源:人民网-天津频道

天津市东丽区组织理论宣讲团，开展“四个全面”和“两学一做”学习教育。
东丽区委宣传部与《求知》杂志社联合举办“基层论谈”活动。

责任编辑:李明
""",
    "a3.txt": """六盘水市宣讲“四个全面”

2022年01月10日08:00 | 来源:人民网-贵州频道

贵州省六盘水市组织百姓宣讲团，把“四个全面”送到田间地头。

责任编辑:王芳
""",
    "a4.txt": "辽中区“两学一做”学习教育持续深入。沈阳市辽中区各级党组织认真开展“两学一做”"
              "学习教育，区委党校开设专题课程。\n",
    "a5.txt": f"""{XSS_TITLE}

2022年03月10日16:26 | 来源:人民网

沈阳市辽中区开展“理论超市”进基层活动，宣传“四个全面”。
辽中区开设“振兴大讲堂”，邀请专家授课。

责任编辑:朱健
""",
}


def _tempdir(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@lru_cache(maxsize=None)
def fixture_out() -> Path:
    root = _tempdir("kg-fixture-")
    src = root / "articles"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, "utf-8")
    build([src], root / "out", check_shapes=False)
    return root / "out"


@lru_cache(maxsize=None)
def seeds_out() -> Path:
    root = _tempdir("kg-seeds-")
    build([SEEDS], root / "out", check_shapes=False)
    return root / "out"


# -- hand-made -------------------------------------------------------------------------------

# the rdf tests' hand-made articles: one sentence per 。
from tests.rdf.conftest import article as _article  # noqa: E402


def _mention(art: Article, type_: EntityType, surface: str, **fields) -> Mention:
    start = art.text.index(surface)
    return Mention(type=type_, surface=surface, canonical=surface, start=start,
                   end=start + len(surface), sentence=art.sentence_at(start), extractor="test",
                   **fields)


def _relation(art: Article, predicate: str, head: Mention, tail: Mention) -> Relation:
    start, end = min(head.start, tail.start), max(head.end, tail.end)
    return Relation(predicate, head.key, tail.key, start, end, art.sentence_at(start), "test")


SHENYANG = ("210100", "沈阳市", DivisionLevel.CITY)
LIAONING = ("210000", "辽宁省", DivisionLevel.PROVINCE)
TIANJIN = ("120000", "天津市", DivisionLevel.PROVINCE)
H_DATES = {"h1.txt": date(2022, 1, 1), "h2.txt": date(2022, 2, 1), "h3.txt": None}


def handmade_extractions() -> list[Extraction]:
    d, lg, s, p = (EntityType.DIVISION, EntityType.LECTURE_GROUP, EntityType.SLOGAN,
                   EntityType.PERSON)
    a1 = _article("h1.txt", "辽中区组建劳模宣讲团，推动“四个全面”。", title="辽中区宣讲",
                  published=datetime(2022, 1, 1, 9, 0))
    lz = _mention(a1, d, "辽中区", level=DivisionLevel.DISTRICT, code="210115",
                  parents=(SHENYANG, LIAONING))
    group1 = _mention(a1, lg, "劳模宣讲团")
    slogan1 = _mention(a1, s, "四个全面")
    x1 = Extraction(a1, (lz, group1, slogan1),
                    (_relation(a1, "runs", lz, group1), _relation(a1, "promotes", lz, slogan1)))

    a2 = _article("h2.txt", "东丽区宣讲“四个全面”，劳模宣讲团参加。", title="东丽区宣讲",
                  published=date(2022, 2, 1))
    dl = _mention(a2, d, "东丽区", level=DivisionLevel.DISTRICT, code="120110",
                  parents=(TIANJIN,))
    x2 = Extraction(a2, (dl, _mention(a2, s, "四个全面"), _mention(a2, lg, "劳模宣讲团")), ())

    a3 = _article("h3.txt", "张三在辽中区任职。")
    zs = _mention(a3, p, "张三")
    lz3 = _mention(a3, d, "辽中区", level=DivisionLevel.DISTRICT, code="210115",
                   parents=(SHENYANG, LIAONING))
    x3 = Extraction(a3, (zs, lz3), (replace(_relation(a3, "holdsPost", zs, lz3),
                                            qualifiers=(("post", "书记"),)),))
    return [x1, x2, x3]


@lru_cache(maxsize=None)
def handmade_out() -> Path:
    out = _tempdir("kg-handmade-") / "out"
    write_outputs(build_dataset(handmade_extractions()), out)
    return out


IRI = "https://w3id.org/kg/id/"
LIAOZHONG = IRI + "division/210115"
DONGLI = IRI + "division/120110"
