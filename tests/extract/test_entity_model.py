"""The shipped entity model on invented sentences: what it adds, what it never does."""
import pytest

from kg.extract.entity_model import admissible
from kg.ingest import article_from_text
from kg.model import EntityType

from tests.extract.conftest import names


@pytest.fixture(scope="module")
def both(pipeline, model_pipeline):
    def run(text):
        article = article_from_text(text, "t.txt")
        return pipeline(article), model_pipeline(article)
    return run


def test_a_name_without_a_title_cue(both):
    # Named after 宣讲员 and in a list of speakers: the rules need a title right before.
    _, model = both("活动中,宣讲员韩立新、曹雅婷结合亲身经历,为村民讲述家乡变化。")
    assert {"韩立新", "曹雅婷"} <= names(model, EntityType.PERSON)


@pytest.mark.parametrize("name,ok", [("王阿姨", False), ("李大爷", False), ("吕伟以", False),
                                     ("扎西·顿珠", True), ("韩立新", True), ("文化", False)])
def test_the_grammar_of_person_names(name, ok):
    assert admissible(EntityType.PERSON, name) is ok


def test_the_model_revises_and_does_not_mutate(pipeline, model_pipeline):
    article = article_from_text("青松县委宣传部开展“理论夜校”活动。", "t.txt")
    first, again = model_pipeline(article), model_pipeline(article)
    assert first.mentions == again.mentions
    for m in first.mentions:
        assert article.text[m.start:m.end] == m.surface


def test_types_the_rules_decide_keep_the_rules_mentions(pipeline, model_pipeline):
    modes = model_pipeline.model.modes
    article = article_from_text("青松县委宣传部在白沙镇开展“理论夜校”活动。", "t.txt")
    rules, model = pipeline(article), model_pipeline(article)
    for type_ in EntityType:
        if modes[type_.value] == "rules":
            assert {m.key for m in rules.mentions if m.type is type_} == \
                   {m.key for m in model.mentions if m.type is type_}
