"""Entity pages: what :func:`kg.query.entity.describe` reads off the graph, and the pages
kg serve makes of it (``/id/...``, ``/entity?iri=``, ``/entity?name=``, Turtle on request).

The graph of the seeds for what a build gives; small invented graphs for the edges.
"""
from __future__ import annotations

import re
import urllib.parse

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.ingest import simplified
from kg.query.entity import describe, describe_rdf, neighbourhood, search
from kg.query.entity_page import _mark, href, render_entity
from kg.rdf.store import replace_graph
from kg.rdf.vocab import ID_BASE
from tests.query.client import get

LIAOZHONG = ID_BASE + "division/210115"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
KG = "https://w3id.org/kg/ontology#"


def test_a_division_page_holds_names_parents_facts_figures_and_articles(seeds_store):
    view = describe(seeds_store, LIAOZHONG)
    assert view.label == "辽中区" and "辽中" in view.aliases
    assert view.category == "AdministrativeDivision" and "District" in view.types
    assert view.value("divisionCode") == "210115"
    assert [d.label for d in view.within] == ["辽宁省", "沈阳市"]  # widest first
    runs = [f for f in view.facts if f.relation == "runs" and f.direction == "out"]
    assert runs and all(f.sentence and f.file for f in runs)  # each with its evidence
    assert any(f.relation == "partOf" and f.other_label == "沈阳市" for f in view.facts)
    assert any(f.direction == "in" and f.relation == "belongsTo" for f in view.facts)
    assert view.figures and all(c.sentence for c in view.figures)
    assert [s.file for s in view.sources] == ["000_6026331b9176f73c.txt"]
    assert view.sources[0].times >= 2 and view.cut == ()


def test_an_article_page_lists_what_it_mentions(seeds_store):
    article = describe(seeds_store, LIAOZHONG).sources[0].article
    view = describe(seeds_store, article)
    assert view.category == "Article"
    assert view.label == "沈阳市辽中区以解放思想激活振兴发展内生动力"  # its title
    assert ("辽中区", "AdministrativeDivision") in {(n.label, n.category) for n in view.mentioned}


def test_nothing_known_is_none_and_lists_are_cut_at_the_limit(seeds_store):
    assert describe(seeds_store, ID_BASE + "division/999999") is None
    view = describe(seeds_store, LIAOZHONG, limit=2)
    assert len(view.facts) <= 2 and "relations" in view.cut


def test_the_neighbourhood_has_one_node_per_neighbour(seeds_store):
    view = describe(seeds_store, LIAOZHONG)
    around = neighbourhood(view)
    others = [n.iri for n, _ in around]
    assert len(others) == len(set(others)) == len({f.other for f in view.facts})
    group = next(rel for n, rel in around if n.label == "劳模宣讲团")
    assert set(group) == {("belongsTo", "in"), ("runs", "out")}
    assert len(neighbourhood(view, limit=3)) == 3


def test_search_ranks_exact_names_first(seeds_store):
    found = search(seeds_store, "辽中")  # an alias of 辽中区
    assert found[0][0].iri == LIAOZHONG and found[0][1] == 0
    groups = search(seeds_store, "宣讲团")
    assert len(groups) >= 3 and {rank for _, rank in groups} <= {1, 2}
    assert search(seeds_store, "  ") == []


def test_describe_rdf_is_the_node_and_the_facts_pointing_at_it(seeds_store):
    triples = describe_rdf(seeds_store, LIAOZHONG).triples
    node = ox.NamedNode(LIAOZHONG)
    assert ox.Triple(node, RDFS_LABEL, ox.Literal("辽中区", language="zh")) in triples
    assert any(t.object == node and t.predicate.value == KG + "belongsTo" for t in triples)
    assert not any(t.predicate.value == KG + "refersTo" for t in triples)  # no evidence records


def test_evidence_marks_every_name_once():
    # an invented sentence: the longer name wins where two overlap
    assert _mark("新城区和新城开展<活动>", ("新城", "新城区")) == \
        "<mark>新城区</mark>和<mark>新城</mark>开展&lt;活动&gt;"
    assert _mark("无关的句子", ("新城",)) == "无关的句子"


def test_links_use_the_iri_path_or_the_iri_parameter():
    assert href(ID_BASE + "division/210115") == "/id/division/210115"
    assert href("http://example.org/x?y=1") == "/entity?iri=http%3A%2F%2Fexample.org%2Fx%3Fy%3D1"


def test_pages_escape_what_the_graph_says(serve):
    store = ox.Store()
    node = ox.NamedNode(ID_BASE + "organization/evil")
    hostile = '<script>alert(1)</script>某某办"'
    replace_graph(store, ox.NamedNode(ID_BASE + "graph/1"), [
        ox.Triple(node, RDFS_LABEL, ox.Literal(hostile, language="zh")),
        ox.Triple(node, RDF_TYPE, ox.NamedNode(KG + "Organization"))])
    page = render_entity(describe(store, node.value), nonce="n")
    assert "<script>" not in page and "&lt;script&gt;" in page
    url = serve(store)
    reply = get(url + "id/organization/evil")
    assert reply.status == 200 and "<script" not in reply.text
    assert "script-src" not in reply.headers["content-security-policy"]  # no script runs at all


# -- over HTTP ---------------------------------------------------------------------------------

def test_an_entity_iri_path_is_its_page(seeds_url):
    reply = get(seeds_url + "id/division/210115")
    assert reply.status == 200 and reply.ctype == "text/html"
    assert "<h1>辽中区" in reply.text
    assert 'href="/id/division/210000"' in reply.text  # 辽宁省, its province
    assert "<svg" in reply.text and "<mark>辽中区</mark>" in reply.text
    links = re.findall(r'href="(/id/[^"]+)"', reply.text)
    assert links and all(get(seeds_url + link[1:]).status == 200 for link in set(links[:12]))


def test_any_iri_by_parameter_and_unknown_ones(seeds_url):
    reply = get(seeds_url + "entity?" + urllib.parse.urlencode({"iri": LIAOZHONG}))
    assert reply.status == 200 and "<h1>辽中区" in reply.text
    missing = get(seeds_url + "id/division/999999")
    assert missing.status == 404 and missing.ctype == "text/html"
    assert "says nothing" in missing.text and 'name="name"' in missing.text  # a search box
    assert get(seeds_url + "entity").status == 400


def test_linked_data_clients_get_turtle(seeds_url):
    for reply in (get(seeds_url + "id/division/210115", headers={"Accept": "text/turtle"}),
                  get(seeds_url + "id/division/210115?format=turtle",
                      headers={"Accept": "text/html"})):
        assert reply.status == 200 and reply.ctype == "text/turtle"
        graph = Graph().parse(data=reply.text, format="turtle")
        assert (None, None, None) in graph and len(graph) > 5
    browser_like = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert get(seeds_url + "id/division/210115", headers={"Accept": browser_like}).ctype == \
        "text/html"
    assert get(seeds_url + "id/division/210115?format=bogus").status == 400
    assert get(seeds_url + "id/division/999999", headers={"Accept": "text/turtle"}).status == 404


def test_search_goes_to_the_one_match_or_lists_them(serve, seeds_store):
    seeds_url = serve(seeds_store, normalise=simplified)  # as kg serve starts it
    reply = get(seeds_url + "entity?" + urllib.parse.urlencode({"name": "遼中"}))  # traditional
    assert reply.status == 200 and "<h1>辽中区" in reply.text  # followed the 303
    listing = get(seeds_url + "entity?" + urllib.parse.urlencode({"name": "宣讲团"}))
    assert listing.status == 200 and listing.text.count("<li>") >= 3
    none = get(seeds_url + "entity?" + urllib.parse.urlencode({"name": "不存在的名字"}))
    assert none.status == 200 and "No entity" in none.text


@pytest.mark.parametrize("mode, status", [("navigate", 200), ("cors", 403)])
def test_other_sites_may_link_to_a_page_but_not_read_it(seeds_url, mode, status):
    reply = get(seeds_url + "id/division/210115",
                headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": mode})
    assert reply.status == status
