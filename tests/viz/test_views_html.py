"""Views, the pyvis Network and the page's HTML, without a browser."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from pyvis.network import Network

from analysis.helpers import LIAOZHONG, XSS_TITLE
from kg.errors import InputError
from kg.viz import (PHYSICS_MAX, KgNetwork, diffusion_view, focus_view, graph_view,
                    neighbourhood, overview, show, slogan_view, to_html, to_network)
from kg.viz.html import script_json


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Tags:
    t = Tags()
    t.feed(html)
    return t


def test_overview_caps_by_pagerank_and_says_so(fixture_analysis):
    total = len(fixture_analysis.corpus.entities)
    v = overview(fixture_analysis, top=5)
    assert set(v.nodes) == set(fixture_analysis.top(5))
    assert f"top 5 of {total}" in v.graph["caption"]
    net = graph_view(fixture_analysis, top=5)
    assert isinstance(net, Network) and isinstance(net, KgNetwork)
    assert "top 5 of" in net.caption and "top 5 of" in to_html(net)
    full = overview(fixture_analysis, top=None)
    assert full.number_of_nodes() == total and "All" in full.graph["caption"]


def test_nodes_carry_type_colour_size_and_tooltip(fixture_analysis):
    net = graph_view(fixture_analysis)
    by_id = {n["id"]: n for n in net.nodes}
    lz = by_id[LIAOZHONG]
    assert lz["type"] == "AdministrativeDivision" and lz["color"]["background"] == "#0072B2"
    assert lz["value"] == fixture_analysis.metrics[LIAOZHONG]["pagerank"]
    assert lz["title"].startswith("辽中区\n行政区划 administrative division")
    assert "“" in lz["title"] and "a1.txt" in lz["title"]  # evidence sentence and its article
    kinds = {e["kind"] for e in net.edges}
    assert {"partOf", "comention"} <= kinds
    part_of = [e for e in net.edges if e["kind"] == "partOf"]
    assert all(e["label"] == "partOf" and e["arrows"]["to"]["enabled"] for e in part_of)
    legend = {item["type"] for item in net.legend()}
    assert {"AdministrativeDivision", "Slogan"} <= legend


def test_relation_edges_are_named_with_evidence(handmade_analysis):
    net = graph_view(handmade_analysis)
    runs = [e for e in net.edges if e["label"] == "runs"]
    assert len(runs) == 1 and runs[0]["from"] == LIAOZHONG
    assert "辽中区组建劳模宣讲团" in runs[0]["title"] and "辽中区宣讲 (h1.txt" in runs[0]["title"]


def test_comention_links_are_thinned_per_node(fixture_analysis):
    all_links = overview(fixture_analysis, top=None, per_node=1000)
    few = overview(fixture_analysis, top=None, per_node=1)
    none = overview(fixture_analysis, top=None, per_node=0)
    count = lambda v: sum(1 for *_, d in v.edges(data=True) if d["kind"] == "comention")
    assert count(all_links) == fixture_analysis.comention_graph.number_of_edges()
    assert 0 < count(few) < count(all_links) and count(none) == 0
    assert "weaker links hidden" in few.graph["edge_note"]


def test_focus_view_by_label_alias_and_code(fixture_analysis):
    one = neighbourhood(fixture_analysis, "辽中区", depth=1)
    two = neighbourhood(fixture_analysis, "210115", depth=2)
    assert one.nodes[LIAOZHONG]["focus"] and two.nodes[LIAOZHONG]["focus"]
    assert set(one.nodes) < set(two.nodes)
    assert all(d["distance"] <= 1 for _, d in one.nodes(data=True))
    assert one.graph["caption"].startswith("Neighbourhood of 辽中区 within 1 link(s)")
    capped = neighbourhood(fixture_analysis, "辽中区", depth=2, top=3)
    assert capped.number_of_nodes() == 3 and LIAOZHONG in capped
    assert "the nearest 3 of" in capped.graph["caption"]
    net = focus_view(fixture_analysis, "辽中区")
    assert net.focus == [LIAOZHONG]
    assert next(n for n in net.nodes if n["id"] == LIAOZHONG)["borderWidth"] == 4


def test_unknown_focus_suggests_names(fixture_analysis):
    with pytest.raises(InputError) as err:
        neighbourhood(fixture_analysis, "辽中区新城")
    assert "辽中区" in str(err.value)


def test_slogan_view_orders_and_colours_by_first_date(fixture_analysis):
    v = diffusion_view(fixture_analysis)
    slogans = sorted((d["y"], d["first"], d["color"]) for n, d in v.nodes(data=True)
                     if d["type"] == "Slogan")
    firsts = [f for _, f, _ in slogans]
    dated = [f for f in firsts if f != "undated"]
    assert dated == sorted(dated) and firsts[:len(dated)] == dated
    assert slogans[0][2] != slogans[-1][2] or len(slogans) == 1
    assert all(d["kind"] == "diffusion" for *_, d in v.edges(data=True))
    targets = {w for _, w in v.edges()}
    assert LIAOZHONG in targets
    net = slogan_view(fixture_analysis)
    assert net.mode == "fixed" and net.options["physics"]["enabled"] is False
    assert net.ramp["start"] == "2021-03-01"


def test_mode_physics_small_fixed_large():
    small = nx.MultiDiGraph()
    small.add_nodes_from(range(10), type="Slogan", label="x", value=0.1)
    net = to_network(small)
    assert net.mode == "physics" and net.options["physics"]["stabilization"]["enabled"]
    assert "x" not in net.nodes[0]
    big = nx.MultiDiGraph(nx.path_graph(PHYSICS_MAX + 1))
    net = to_network(big)
    assert net.mode == "fixed" and net.options["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in net.nodes)


def test_page_is_self_contained(fixture_analysis):
    html = to_html(graph_view(fixture_analysis))
    tags = parse(html)
    for tag, attrs in tags.tags:
        for key in ("src", "href"):
            assert not (attrs.get(key) or "").startswith(("http:", "https:", "//")), (tag, attrs)
        assert tag not in ("link", "iframe", "img")  # nothing loaded by reference
        if tag == "script":
            assert "src" not in attrs
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)
    assert "bootstrap" not in html.lower() and "cdn" not in html.lower()
    assert "vis.Network" in html and len(tags.scripts) == 3


def test_article_text_cannot_become_markup(fixture_analysis):
    net = graph_view(fixture_analysis)
    assert any(XSS_TITLE in n["title"] for n in net.nodes)  # the title is in a tooltip ...
    html = to_html(net)
    assert "<script>alert(1)" not in html and "alert(1)</script>" not in html  # ... escaped
    tags = parse(html)
    assert len(tags.scripts) == 3 and not any("<script>alert" in s for s in tags.scripts)
    data = json.loads(tags.scripts[0])
    assert any(XSS_TITLE in n["title"] for n in data["nodes"])  # and intact as data


def test_script_json_escapes():
    text = script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_notebook_display_is_an_iframe(fixture_analysis):
    page = show(graph_view(fixture_analysis, top=10), height=400)
    html = page._repr_html_()
    assert html.startswith("<iframe srcdoc=") and "height: 400px" in html
    assert "<script>" not in html  # the whole page is an escaped attribute


def test_a_hub_is_shown_but_not_gone_through():
    """An invented graph: a leader co-mentioned with every entity, and a chain a-b-c."""
    import networkx as nx

    from kg.viz import views
    und = nx.Graph()
    entities = [f"e{i}" for i in range(40)]
    und.add_edges_from(("leader", e) for e in entities)
    und.add_edges_from([("e0", "e1"), ("e1", "e2")])
    assert views.hubs(und) == {"leader"}
    small = nx.Graph([("a", "b"), ("b", "c")])
    assert views.hubs(small) == set()  # no hub in a small graph
