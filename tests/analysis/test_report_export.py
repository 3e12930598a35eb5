"""CSV, SVG and Markdown rendering; GraphML / GEXF / node-link exports."""
from __future__ import annotations

import copy
import csv
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from kg.analysis import analyze, export, report
from kg.analysis.analyze import NODE_COLUMNS

from .helpers import LIAOZHONG, XSS_TITLE


def test_tables_are_csv_with_headers(fixture_analysis):
    files = report.tables(fixture_analysis)
    assert {"nodes.csv", "communities.csv", "components.csv", "slogan_diffusion.csv",
            "slogans.csv", "relations.csv", "articles.csv", "slogan_divisions.csv"} <= set(files)
    rows = list(csv.DictReader(io.StringIO(files["nodes.csv"])))
    assert list(rows[0]) == NODE_COLUMNS and len(rows) == len(fixture_analysis.corpus.entities)
    arts = list(csv.DictReader(io.StringIO(files["articles.csv"])))
    assert XSS_TITLE in [r["title"] for r in arts]  # CSV keeps the text as it is


def test_csv_cells_cannot_run_as_spreadsheet_formulas():
    rows = [{"label": '=HYPERLINK("http://x.example","看")', "count": -3, "note": "-1"}]
    text = report.to_csv(rows, ["label", "count", "note"])
    back = next(csv.DictReader(io.StringIO(text)))
    assert back == {"label": '\'=HYPERLINK("http://x.example","看")', "count": "-3", "note": "-1"}


def test_plots_are_wellformed_escaped_svg(fixture_analysis):
    plots = report.plots(fixture_analysis)
    assert set(plots) == {"top_entities.svg", "communities.svg", "slogan_spread.svg"}
    for svg in plots.values():
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg")
        assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "四个全面" in plots["slogan_spread.svg"]


def test_markdown_escapes_article_text(fixture_analysis):
    md = report.markdown(fixture_analysis, report.plots(fixture_analysis))
    assert "<script>" not in md
    assert "](plots/slogan_spread.svg)" in md
    assert "## Slogan diffusion" in md and "四个全面" in md
    assert report._md("a|b<c>") == "a\\|b&lt;c&gt;"


def test_no_spread_plot_without_dates(handmade):
    corpus = copy.deepcopy(handmade.corpus)
    for art in corpus.articles.values():
        art.issued = None
    undated = analyze(corpus)
    assert report.spread_svg(undated) is None
    assert "no time line to plot" in report.markdown(undated, report.plots(undated))


@pytest.mark.parametrize("which", ["entity", "comention", "bipartite"])
def test_exports_round_trip(handmade, which):
    g = handmade.annotated(which)
    back = nx.read_graphml(io.BytesIO(export.to_graphml(g).encode("utf-8")))
    assert set(back.nodes) == set(g.nodes)
    assert back.number_of_edges() == g.number_of_edges()
    gexf = nx.read_gexf(io.BytesIO(export.to_gexf(g).encode("utf-8")))
    assert gexf.number_of_nodes() == g.number_of_nodes()
    data = json.loads(export.to_node_link(g))
    assert len(data["nodes"]) == g.number_of_nodes() and "links" in data
    if which != "bipartite":
        assert back.nodes[LIAOZHONG]["label"] == "辽中区"
        assert "pagerank" in back.nodes[LIAOZHONG]


def test_unknown_export_format(handmade):
    with pytest.raises(ValueError, match="graphml"):
        export.export(handmade.comention_graph, "dot")
