"""Entity resolution across articles, end to end: text → extraction → graph.

The same programme or slogan written differently is one node with both labels;
different bodies with the same short name stay apart.
"""
from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal
from rdflib.namespace import SKOS

from kg.extract.registry import Pipeline
from kg.ingest import article_from_text
from kg.rdf.graph import build_dataset, union_graph
from kg.rdf.vocab import KG


@pytest.fixture(scope="module")
def graph():
    pipeline = Pipeline()
    texts = {
        "a.txt": "东丽区开展“理论超市”进基层活动。区委宣传部学习“四个全面”战略布局。",
        "b.txt": "河西区推进“理论超市”建设,坚持四个全面。区委宣传部召开会议。",
    }
    return union_graph(build_dataset(pipeline(article_from_text(t, i)) for i, t in texts.items()))


def nodes_labelled(g, label: str, cls) -> set:
    found = set(g.subjects(RDFS.label, Literal(label, lang="zh"))) | set(
        g.subjects(SKOS.altLabel, Literal(label, lang="zh")))
    return {n for n in found if (n, RDF.type, cls) in g}


def test_a_programme_written_two_ways_is_one_node(graph):
    nodes = nodes_labelled(graph, "理论超市", KG.Programme)
    assert len(nodes) == 1
    node = nodes.pop()
    labels = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(node, p)}
    assert "理论超市进基层活动" in labels
    assert len(set(graph.subjects(KG.mentions, node))) == 2  # both articles


def test_a_slogan_written_two_ways_is_one_node(graph):
    nodes = nodes_labelled(graph, "四个全面", KG.Slogan)
    assert len(nodes) == 1
    assert len(set(graph.subjects(KG.mentions, nodes.pop()))) == 2


def test_same_short_name_of_two_districts_stays_apart(graph):
    departments = nodes_labelled(graph, "区委宣传部", KG.Organization)
    assert len(departments) == 2
    full = {str(graph.value(n, RDFS.label)) for n in departments}
    assert full == {"东丽区委宣传部", "河西区委宣传部"}
