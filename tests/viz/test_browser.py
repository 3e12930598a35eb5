"""The pages in a real headless Chromium: they render, log no error, fetch nothing,
and show article text as text."""
from __future__ import annotations

import networkx as nx
import pytest

from analysis.helpers import LIAOZHONG, XSS_TITLE
from kg.viz import focus_view, graph_view, slogan_view, to_html, to_network

from .browser import colours, visit


def _write(tmp_path, net, name="page.html"):
    path = tmp_path / name
    path.write_text(to_html(net), "utf-8")
    return path


def _screenshot_colours(v) -> int:
    box = v.page.locator("#kg-network").bounding_box()
    clip = {"x": box["x"] + box["width"] / 2 - 200, "y": box["y"] + box["height"] / 2 - 150,
            "width": 400, "height": 300}
    return colours(v.page.screenshot(clip=clip))


def test_overview_renders_offline_without_errors(context, tmp_path, fixture_analysis):
    net = graph_view(fixture_analysis)
    v = visit(context, _write(tmp_path, net))
    assert v.console_errors == []
    assert v.remote_requests == [] and v.requests  # the file itself, nothing else
    assert v.page.evaluate("kg.nodes.length") == len(net.nodes)
    assert v.page.evaluate("kg.edges.length") == len(net.edges)
    assert v.page.locator("#kg-network canvas").count() == 1
    assert _screenshot_colours(v) > 20  # nodes, labels, edges: not a blank page
    # physics ran, then stopped: the layout stays put
    assert v.page.evaluate("kg.network.physics.options.enabled") is False
    assert "settled" in v.page.locator("#kg-status").inner_text()
    assert "top" in v.page.locator("#kg-caption").inner_text() or "All" in \
        v.page.locator("#kg-caption").inner_text()


def test_article_title_with_script_is_shown_as_text(context, tmp_path, fixture_analysis):
    net = graph_view(fixture_analysis)
    node = next(n for n in net.nodes if XSS_TITLE in n["title"])
    v = visit(context, _write(tmp_path, net))
    assert v.dialogs == []  # alert(1) never ran
    assert v.page.evaluate("document.querySelectorAll('script').length") == 3
    # the only script holding the title is the JSON data block, which never runs
    assert v.page.evaluate("""Array.from(document.scripts).every(s =>
        s.type === 'application/json' || !s.textContent.includes('alert(1)'))""")
    assert v.page.evaluate("document.getElementById('kg-data').type") == "application/json"
    # the details panel shows the title, as text
    v.page.evaluate("id => kg.showNode(id)", node["id"])
    assert XSS_TITLE in v.page.locator("#kg-details").inner_text()
    # and so does the tooltip when the pointer rests on the node
    pos = v.page.evaluate("""id => { const p = kg.network.getPositions([id])[id];
                                      return kg.network.canvasToDOM(p); }""", node["id"])
    box = v.page.locator("#kg-network").bounding_box()
    v.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    v.page.wait_for_function(
        "() => { const t = document.querySelector('div.vis-tooltip');"
        " return t && t.style.visibility === 'visible'; }", timeout=5000)
    assert XSS_TITLE in v.page.locator("div.vis-tooltip").inner_text()
    assert v.page.locator("div.vis-tooltip script").count() == 0
    assert v.dialogs == [] and v.console_errors == []


def test_search_and_type_filter(context, tmp_path, fixture_analysis):
    net = graph_view(fixture_analysis)
    v = visit(context, _write(tmp_path, net))
    v.page.fill("#kg-search", "辽中区")
    v.page.press("#kg-search", "Enter")
    assert v.page.locator("#kg-search-result").inner_text().endswith(("match", "matches"))
    selected = v.page.evaluate("kg.network.getSelectedNodes()")
    assert selected[0] == LIAOZHONG  # the exact name first
    assert v.page.locator("#kg-details h2").inner_text() == "辽中区"
    slogans = sum(1 for n in net.nodes if n["type"] == "Slogan")
    before = v.page.evaluate("kg.network.body.data.nodes.length")
    v.page.uncheck("#kg-legend input[data-type=Slogan]")
    assert v.page.evaluate("kg.network.body.data.nodes.length") == before - slogans
    v.page.check("#kg-legend input[data-type=Slogan]")
    assert v.page.evaluate("kg.network.body.data.nodes.length") == before
    v.page.fill("#kg-search", "没有这个名字")
    v.page.press("#kg-search", "Enter")
    assert v.page.locator("#kg-search-result").inner_text() == "no match"
    assert v.console_errors == []


def test_focus_and_slogan_views_render(context, tmp_path, fixture_analysis):
    v = visit(context, _write(tmp_path, focus_view(fixture_analysis, "辽中区", depth=2), "f.html"))
    assert v.page.evaluate("kg.network.getSelectedNodes()") == [LIAOZHONG]
    assert "Neighbourhood of 辽中区" in v.page.locator("#kg-caption").inner_text()
    assert v.console_errors == [] and v.remote_requests == []
    assert _screenshot_colours(v) > 10
    v = visit(context, _write(tmp_path, slogan_view(fixture_analysis), "s.html"))
    assert "first appearance: 2021-03-01" in v.page.locator("#kg-ramp").inner_text()
    assert v.console_errors == [] and v.remote_requests == []
    assert v.page.evaluate("kg.network.physics.options.enabled") is False


def test_large_view_is_drawn_with_fixed_positions(context, tmp_path):
    g = nx.MultiDiGraph(nx.barabasi_albert_graph(800, 2, seed=3))
    for n in g.nodes:
        g.nodes[n].update(label=f"n{n}", type=("Slogan", "Person", "Programme")[n % 3],
                          value=1.0 / (1 + n), title=f"node {n}")
    net = to_network(g)
    assert net.mode == "fixed"
    v = visit(context, _write(tmp_path, net))
    assert v.console_errors == [] and v.remote_requests == []
    assert v.page.evaluate("kg.nodes.length") == 800
    assert _screenshot_colours(v) > 10


@pytest.mark.parametrize("name", ["graph.html"])
def test_cli_page_opens(context, tmp_path, fixture_out, name):
    from kg.cli import main
    target = tmp_path / name
    assert main(["viz", str(fixture_out), "-o", str(target), "-q"]) == 0
    v = visit(context, target)
    assert v.console_errors == [] and v.remote_requests == []
