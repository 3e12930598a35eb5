"""The three graphs and their metrics, on hand-made articles with known answers."""
from __future__ import annotations

import networkx as nx

from kg.analysis import metrics
from kg.analysis.analyze import NODE_COLUMNS

from .helpers import DONGLI, IRI, LIAOZHONG

def _by_label(a, label):
    return next(i for i, e in a.corpus.entities.items() if e.label == label)


def test_entity_graph_has_typed_nodes_and_relation_edges(handmade):
    g = handmade.entity_graph
    assert isinstance(g, nx.MultiDiGraph)
    assert g.nodes[LIAOZHONG]["type"] == "AdministrativeDivision"
    assert g.nodes[LIAOZHONG]["level"] == "District" and g.nodes[LIAOZHONG]["code"] == "210115"
    group, slogan, person = (_by_label(handmade, x) for x in ("劳模宣讲团", "四个全面", "张三"))
    assert g.nodes[group]["type"] == "LectureGroup"
    rels = {(u, k, v) for u, v, k in g.edges(keys=True)}
    assert (LIAOZHONG, "runs", group) in rels
    assert (LIAOZHONG, "promotes", slogan) in rels
    assert (person, "holdsPost", LIAOZHONG) in rels
    assert (LIAOZHONG, "partOf", IRI + "division/210100") in rels
    assert (IRI + "division/210100", "partOf", IRI + "division/210000") in rels
    runs = g.get_edge_data(LIAOZHONG, group, "runs")
    assert runs["sentence"] == "辽中区组建劳模宣讲团，推动“四个全面”。"
    assert runs["evidence"] == 1


def test_comention_weight_counts_articles(handmade):
    g = handmade.comention_graph
    group, slogan = _by_label(handmade, "劳模宣讲团"), _by_label(handmade, "四个全面")
    assert g[group][slogan]["weight"] == 2  # h1 and h2
    assert g[LIAOZHONG][slogan]["weight"] == 1
    assert not g.has_edge(DONGLI, LIAOZHONG)
    # a parent only reached through kg:partOf is a node without co-mentions
    assert g.degree(IRI + "division/210000") == 0


def test_bipartite_graph(handmade):
    g = handmade.bipartite_graph
    arts = [n for n, d in g.nodes(data=True) if d["bipartite"] == 0]
    assert len(arts) == 3
    assert nx.is_bipartite(g)
    h1 = next(n for n in arts if g.nodes[n]["file"] == "h1.txt")
    assert g.nodes[h1]["date"] == "2022-01-01"
    assert LIAOZHONG in g[h1]


def test_node_metrics_table(handmade):
    rows = handmade.nodes_table()
    assert list(rows[0]) == NODE_COLUMNS
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    prs = [r["pagerank"] for r in rows]
    assert prs == sorted(prs, reverse=True)
    assert abs(sum(prs) - 1) < 1e-3
    lz = next(r for r in rows if r["iri"] == LIAOZHONG)
    assert lz["articles"] == 2 and lz["mentions"] == 2
    assert lz["relation_out"] == 3 and lz["relation_in"] == 1  # runs, promotes, partOf; holdsPost


def test_communities_and_components_are_seeded_and_ordered(handmade):
    g = handmade.comention_graph
    c1 = metrics.communities(g, seed=3)
    assert c1 == metrics.communities(g, seed=3)
    assert sorted(n for c in c1 for n in c) == sorted(g.nodes)
    assert [len(c) for c in c1] == sorted((len(c) for c in c1), reverse=True)
    comps = metrics.components(g)
    assert [len(c) for c in comps] == sorted((len(c) for c in comps), reverse=True)
    rows = handmade.components_table()
    assert rows[0]["size"] == len(comps[0]) and rows[0]["articles"] >= 1


def test_betweenness_is_exact_small_and_sampled_large():
    small = nx.path_graph(5)
    exact, pivots = metrics.betweenness(small)
    assert pivots is None and exact[2] == max(exact.values())
    big = nx.barabasi_albert_graph(700, 2, seed=1)
    est, pivots = metrics.betweenness(big, seed=5, sample_above=500, k=50)
    assert pivots == 50
    assert est == metrics.betweenness(big, seed=5, sample_above=500, k=50)[0]
    assert est != metrics.betweenness(big, seed=6, sample_above=500, k=50)[0]


def test_metrics_of_an_empty_graph():
    g = nx.Graph()
    assert metrics.pagerank(g) == {} and metrics.communities(g) == []
    assert metrics.betweenness(g) == ({}, None) and metrics.components(g) == []


def test_relations_table_has_evidence(handmade):
    rows = {(r["subject_label"], r["relation"], r["object_label"]): r
            for r in handmade.relations_table()}
    runs = rows[("辽中区", "runs", "劳模宣讲团")]
    assert runs["article_file"] == "h1.txt" and "劳模宣讲团" in runs["sentence"]
    assert rows[("辽中区", "partOf", "沈阳市")]["evidence"] == 0
    assert rows[("张三", "holdsPost", "辽中区")]["post"] == "书记"  # the post, in relations.csv
    assert rows[("辽中区", "partOf", "沈阳市")]["post"] == ""


def test_the_relations_saved_query_names_the_post(handmade_out):
    import pyoxigraph as ox

    from kg.query.engine import run_query
    from kg.query.saved import saved_query
    store = ox.Store()  # the graph as kg build stores it: named graphs and their union
    for quad in ox.parse(path=str(handmade_out / "graph.trig"), format=ox.RdfFormat.TRIG):
        store.add(quad)
        store.add(ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()))
    rows = run_query(store, saved_query("relations").text, {}).records()
    posts = {(r["subject"], r["object"]): r["post"] for r in rows if r["relation"] == "holdsPost"}
    assert posts == {("张三", "辽中区"): "书记"}
