from kg.extract.base import Extractor
from kg.extract.registry import Pipeline, extractor_names
from kg.model import Article, EntityType

import pytest


def test_every_registered_extractor_follows_the_protocol(pipeline):
    assert [e.name for e in pipeline.extractors] == extractor_names()
    for e in pipeline.extractors:
        assert isinstance(e, Extractor)


def test_divisions_run_first():
    assert extractor_names()[0] == "divisions"


def test_unknown_extractor_is_refused():
    with pytest.raises(ValueError, match="unknown extractor"):
        Pipeline(["nope"])


def test_importing_extractors_loads_no_dictionary():
    import subprocess
    import sys
    code = ("import sys, kg.extract.registry as r; r._registry(); p = r.Pipeline(); "
            "print('rjieba' in sys.modules, p.segmenter._tokenizer is None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_mentions_point_into_the_text_and_article_is_untouched(extract):
    text = "沈阳市辽中区组织劳模宣讲团开展“5+12+N”大讨论。区委党校设立课程。"
    ex = extract(text)
    assert ex.mentions
    for m in ex.mentions:
        assert 0 <= m.start < m.end <= len(ex.article.text)
        assert ex.article.text[m.start:m.end] == m.surface
        s = ex.article.sentences[m.sentence]
        assert s.start <= m.start < s.end
        assert m.extractor
    assert isinstance(ex.article, Article)
    types = {m.type for m in ex.mentions}
    assert {EntityType.DIVISION, EntityType.LECTURE_GROUP, EntityType.PROGRAMME,
            EntityType.SLOGAN, EntityType.ORGANIZATION} <= types
