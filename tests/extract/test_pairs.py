"""The relation and figure model (kg.extract.pairs) on invented articles only."""
from __future__ import annotations

import json

import pytest

from kg.extract.relation_model import RelationModelExtractor
from kg.extract.base import Context
from kg.extract.segment import Segmenter
from kg.extract.pair_features import Doc, numbers
from kg.extract.pairs import Models, apply_pairs, train_pairs
from kg.model import Article, EntityType, Extraction, Mention, OffsetMap, Relation, Span

T = EntityType
PLACES = ["青禾", "白石", "松林", "梅岭", "云溪", "石桥", "柳湾", "杏坛", "枫港", "竹溪", "桃源", "兰亭",
          "荷塘", "橙乡", "麦田", "芦湾"]
NAMES = ["春风", "晨光", "星火", "清泉", "暖阳", "红烛", "明灯", "彩虹", "金秋", "长风", "远帆", "新苗",
         "朝霞", "甘露", "绿野", "蓝天"]


def make(name: str, sentences: list[str], entities: list[tuple[EntityType, str, int]]) -> Extraction:
    """An article of ``sentences`` whose entities are (type, name, sentence index)."""
    text, spans = "", []
    for s in sentences:
        spans.append(Span(len(text), len(text) + len(s)))
        text += s
    mentions = []
    for type_, surface, k in entities:
        at = text.index(surface, spans[k].start)
        mentions.append(Mention(type_, surface, surface, at, at + len(surface), k))
    article = Article(id=name, source=name, text=text, offsets=OffsetMap.identity(len(text)),
                      original=text, encoding="utf-8", sentences=tuple(spans))
    return Extraction(article, tuple(sorted(mentions, key=lambda m: m.start)))


def invented(i: int, verb: str) -> tuple[Extraction, dict]:
    """一个协会承接（或观摩）一个活动: only 承接 makes the association run it."""
    org, prog = f"{PLACES[i]}书画协会", f"{NAMES[i]}讲堂"
    sentences = [f"{org}{verb}了“{prog}”系列活动。", "群众反响热烈。"]
    ex = make(f"t{i:02d}_{verb}.txt", sentences, [(T.ORGANIZATION, org, 0), (T.PROGRAMME, prog, 0)])
    facts = [{"kind": "runs", "head": [org], "tail": [prog]}] if verb == "承接" else []
    return ex, {"file": ex.article.name, "facts": facts}


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


@pytest.fixture(scope="module")
def corpus():
    pairs = [invented(i, "承接" if i % 2 == 0 else "观摩") for i in range(14)]
    return [ex for ex, _ in pairs], [rec for _, rec in pairs]


@pytest.fixture(scope="module")
def models(corpus, segmenter) -> dict:
    return train_pairs(*corpus, segmenter=segmenter)


def test_a_clear_pattern_is_learned(models, segmenter):
    assert models["kinds"]["runs"]["threshold"] <= 1.0
    runs_it, _ = invented(14, "承接")
    watches, _ = invented(15, "观摩")
    added = apply_pairs(runs_it, models, segmenter=segmenter)
    assert [(r.predicate, r.head[1], r.tail[1]) for r in added] == [("runs", "麦田书画协会", "绿野讲堂")]
    assert apply_pairs(watches, models, segmenter=segmenter) == []


def test_added_records_keep_their_evidence_in_the_sentence(models, segmenter):
    ex, _ = invented(14, "承接")
    for r in apply_pairs(ex, models, segmenter=segmenter):
        span = ex.article.sentences[r.sentence]
        assert span.start <= r.start < r.end <= span.end
        assert r.extractor == "relation_model"
        mentions = [m for m in ex.mentions if m.key in (r.head, r.tail)]
        assert all(r.start <= m.start and m.end <= r.end for m in mentions)


def test_what_the_rules_state_is_not_added_again(models, segmenter):
    ex, _ = invented(14, "承接")
    org, prog = ex.mentions
    rule = Relation("runs", org.key, prog.key, org.start, prog.end, 0, "relations")
    stated = Extraction(ex.article, ex.mentions, (rule,))
    assert apply_pairs(stated, models, segmenter=segmenter) == []


def test_training_is_deterministic_and_json(corpus, segmenter, models):
    again = train_pairs(*corpus, segmenter=segmenter)
    assert json.dumps(again, sort_keys=True) == json.dumps(models, sort_keys=True)
    assert set(models["kinds"]) == {"runs", "belongsTo", "promotes", "holdsPost", "figure"}
    Models(json.loads(json.dumps(models)))  # readable back


def test_numbers_inside_names_and_idioms_are_no_figures(segmenter):
    ex = make("n.txt", ["松林镇开展“百人千场”宣讲活动，共举办宣讲30场，走进千家万户，覆盖群众2000余人次。"],
              [(T.DIVISION, "松林镇", 0)])
    found = [(value, unit) for value, unit, *_ in numbers(Doc(ex, segmenter.tokens(ex.article.text)))]
    assert (30, "场") in found and (2000, "人次") in found
    assert all(value not in (100, 1000, 10000) for value, _ in found)


def test_holds_post_needs_a_title(segmenter):
    from kg.extract.pair_features import relation_candidates
    ex = make("p.txt", ["白石县文联副主席王小明出席。", "白石县文联和王小红一起出席。"],
              [(T.ORGANIZATION, "白石县文联", 0), (T.PERSON, "王小明", 0),
               (T.ORGANIZATION, "白石县文联", 1), (T.PERSON, "王小红", 1)])
    posts = [(c.head.surface, c.post) for c in relation_candidates(Doc(ex, segmenter.tokens(ex.article.text)))
             if c.kind == "holdsPost"]
    assert posts == [("王小明", "副主席")]


def test_the_extractor_is_a_no_op_without_models(segmenter, models):
    ex, _ = invented(14, "承接")
    assert RelationModelExtractor(segmenter).extract(ex.article, Context(ex.mentions)) == []
    added = RelationModelExtractor(segmenter, models).extract(ex.article, Context(ex.mentions))
    assert [r.predicate for r in added] == ["runs"]


def test_a_body_after_zai_is_where_not_who_whatever_the_model_says(models, segmenter):
    org, prog = f"{PLACES[14]}书画协会", f"{NAMES[14]}讲堂"
    ex = make("t_zai.txt", [f"在{org}承接了“{prog}”系列活动。", "群众反响热烈。"],
              [(T.ORGANIZATION, org, 0), (T.PROGRAMME, prog, 0)])
    assert apply_pairs(ex, models, segmenter=segmenter) == []
