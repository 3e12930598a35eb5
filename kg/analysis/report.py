"""Rendering an :class:`~kg.analysis.analyze.Analysis`: CSV text, SVG plots, a Markdown report.

Everything returns text; ``kg analyze`` writes it.  The plots are SVG written
here (no plotting library, nothing fetched): they render offline in any
browser or Markdown viewer, with the viewer's CJK fonts.  Text from articles is
escaped for its target (CSV quoting, XML entities in SVG, HTML entities and
``|`` in Markdown tables).
"""
from __future__ import annotations

import csv
import html
import io
from datetime import date

from kg.analysis.analyze import (ARTICLE_COLUMNS, COMMUNITY_COLUMNS, COMPONENT_COLUMNS,
                                 DIFFUSION_COLUMNS, NODE_COLUMNS, RELATION_COLUMNS,
                                 SLOGAN_COLUMNS, SLOGAN_DIVISION_COLUMNS, Analysis)
from kg.query.style import color, type_label
from kg.query.formats import spreadsheet_cell

FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
LINE_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
               "#F0E442"]


def to_csv(rows: list[dict], columns: list[str]) -> str:
    """``rows`` as CSV (UTF-8 text, header first, ``\\n`` line ends); text cells that a
    spreadsheet would run as formulas get a leading ``'`` (article text is untrusted)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()


def tables(a: Analysis) -> dict[str, str]:
    """File name -> CSV text, for every table of the analysis."""
    return {
        "nodes.csv": to_csv(a.nodes_table(), NODE_COLUMNS),
        "communities.csv": to_csv(a.communities_table(), COMMUNITY_COLUMNS),
        "components.csv": to_csv(a.components_table(), COMPONENT_COLUMNS),
        "relations.csv": to_csv(a.relations_table(), RELATION_COLUMNS),
        "articles.csv": to_csv(a.articles_table(), ARTICLE_COLUMNS),
        "slogans.csv": to_csv(a.slogans_table(), SLOGAN_COLUMNS),
        "slogan_diffusion.csv": to_csv(a.slogan_diffusion_table(), DIFFUSION_COLUMNS),
        "slogan_divisions.csv": to_csv(a.slogan_divisions_table(), SLOGAN_DIVISION_COLUMNS),
    }


# -- SVG -------------------------------------------------------------------------------------

class Svg(str):
    """SVG text that Jupyter displays as a picture (it is a ``str`` everywhere else)."""

    def _repr_svg_(self) -> str:
        return str(self)


def _x(text: object) -> str:
    return html.escape(str(text), quote=True)


def _svg(width: int, height: int, body: list[str], title: str) -> Svg:
    return Svg(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="12">'
            f'<title>{_x(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>'
            + "".join(body) + "</svg>\n")


def _short(text: str, n: int = 18) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def top_entities_svg(a: Analysis, n: int = 20) -> str | None:
    """Horizontal bars: the ``n`` entities of highest PageRank, coloured by type."""
    top = a.top(n)
    if not top:
        return None
    ents = a.corpus.entities
    vmax = max(a.metrics[e]["pagerank"] for e in top) or 1.0
    left, bar_w, row = 190, 420, 22
    types = sorted({ents[e].type for e in top})
    height = 40 + row * len(top) + 24 * len(types) + 20
    body = [f'<text x="10" y="22" font-size="15" font-weight="bold">'
            f'Top {len(top)} entities by PageRank (co-mention graph)</text>']
    for i, e in enumerate(top):
        y = 40 + i * row
        pr = a.metrics[e]["pagerank"]
        w = max(1.0, bar_w * pr / vmax)
        body.append(f'<text x="{left - 8}" y="{y + 14}" text-anchor="end">'
                    f'{_x(_short(ents[e].label))}</text>')
        body.append(f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" '
                    f'fill="{color(ents[e].type)}"><title>{_x(ents[e].label)}: '
                    f'{pr:.4f}</title></rect>')
        body.append(f'<text x="{left + w + 6:.1f}" y="{y + 14}" fill="#444">{pr:.4f}</text>')
    y = 40 + row * len(top) + 10
    for i, t in enumerate(types):
        body.append(f'<rect x="{left}" y="{y + i * 24}" width="14" height="14" '
                    f'fill="{color(t)}"/><text x="{left + 20}" y="{y + i * 24 + 12}">'
                    f'{_x(type_label(t))}</text>')
    return _svg(left + bar_w + 90, height, body, "Top entities by PageRank")


def communities_svg(a: Analysis, n: int = 12) -> str | None:
    """Stacked bars: the type make-up of the ``n`` largest communities (of two or more)."""
    comms = [c for c in a.communities if len(c) > 1][:n]
    if not comms:
        return None
    ents = a.corpus.entities
    types = sorted({ents[e].type for c in comms for e in c})
    biggest = len(comms[0])
    left, bar_w, row = 60, 460, 24
    height = 40 + row * len(comms) + 24 * len(types) + 20
    body = ['<text x="10" y="22" font-size="15" font-weight="bold">'
            'Largest communities (Louvain, co-mention graph): entities by type</text>']
    for i, c in enumerate(comms):
        y = 40 + i * row
        body.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">#{a.communities.index(c)}'
                    f'</text>')
        x = float(left)
        for t in types:
            k = sum(1 for e in c if ents[e].type == t)
            if not k:
                continue
            w = bar_w * k / biggest
            body.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
                        f'fill="{color(t)}"><title>{_x(type_label(t))}: {k}</title></rect>')
            x += w
        body.append(f'<text x="{x + 6:.1f}" y="{y + 15}" fill="#444">{len(c)}</text>')
    y = 40 + row * len(comms) + 10
    for i, t in enumerate(types):
        body.append(f'<rect x="{left}" y="{y + i * 24}" width="14" height="14" '
                    f'fill="{color(t)}"/><text x="{left + 20}" y="{y + i * 24 + 12}">'
                    f'{_x(type_label(t))}</text>')
    return _svg(left + bar_w + 60, height, body, "Communities by type")


def spread_svg(a: Analysis, n: int = 8) -> str | None:
    """Step lines: cumulative distinct divisions by date, for the ``n`` widest-spread
    dated slogans."""
    dated = [d for d in a.diffusion if d.timeline][:n]
    if not dated:
        return None
    days = sorted({s.date for d in dated for s in d.timeline})
    d0, d1 = days[0].toordinal(), days[-1].toordinal()
    ymax = max(d.timeline[-1].cumulative_divisions for d in dated) or 1
    left, top, w, h = 60, 40, 560, 280
    span = max(d1 - d0, 1)

    def px(day: date) -> float:
        return left + (w / 2 if d1 == d0 else w * (day.toordinal() - d0) / span)

    def py(v: int) -> float:
        return top + h - h * v / ymax

    body = ['<text x="10" y="22" font-size="15" font-weight="bold">'
            'Slogan spread: distinct divisions reached, by article date</text>',
            f'<line x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}" stroke="#333"/>',
            f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + h}" stroke="#333"/>']
    for v in sorted({0, ymax // 2, ymax}):
        body.append(f'<text x="{left - 6}" y="{py(v) + 4:.1f}" text-anchor="end">{v}</text>')
        body.append(f'<line x1="{left}" y1="{py(v):.1f}" x2="{left + w}" y2="{py(v):.1f}" '
                    f'stroke="#ddd"/>')
    last_tick = -1e9
    for day in days:  # a label per date, skipping those that would overlap the previous one
        if px(day) - last_tick >= 80:
            last_tick = px(day)
            body.append(f'<text x="{px(day):.1f}" y="{top + h + 16}" text-anchor="middle">'
                        f'{day.isoformat()}</text>')
    for i, d in enumerate(dated):
        c = LINE_COLORS[i % len(LINE_COLORS)]
        off = (i - (len(dated) - 1) / 2) * 2.0  # equal lines stay visible side by side
        pts, prev = [], 0
        for s in d.timeline:
            x = px(s.date) + off
            pts += [f"{x:.1f},{py(prev) - off:.1f}",
                    f"{x:.1f},{py(s.cumulative_divisions) - off:.1f}"]
            prev = s.cumulative_divisions
        pts.append(f"{left + w:.1f},{py(prev) - off:.1f}")
        body.append(f'<polyline fill="none" stroke="{c}" stroke-width="2" '
                    f'points="{" ".join(pts)}"><title>{_x(d.label)}</title></polyline>')
        for s in d.timeline:
            body.append(f'<circle cx="{px(s.date) + off:.1f}" '
                        f'cy="{py(s.cumulative_divisions) - off:.1f}" '
                        f'r="3.5" fill="{c}"><title>{_x(d.label)} {s.date.isoformat()}: '
                        f'{s.cumulative_divisions}</title></circle>')
        ly = top + h + 40 + i * 20
        body.append(f'<rect x="{left}" y="{ly - 10}" width="14" height="4" fill="{c}"/>'
                    f'<text x="{left + 20}" y="{ly - 4}">{_x(_short(d.label, 40))} '
                    f'(first {d.first_date.isoformat()}, {len(d.divisions)} divisions)</text>')
    return _svg(left + w + 40, top + h + 40 + 20 * len(dated) + 10, body, "Slogan spread")


def plots(a: Analysis) -> dict[str, str]:
    """File name -> SVG text, for the plots that have data."""
    out = {}
    for name, fn in (("top_entities.svg", top_entities_svg), ("communities.svg", communities_svg),
                     ("slogan_spread.svg", spread_svg)):
        svg = fn(a)
        if svg:
            out[name] = svg
    return out


# -- Markdown --------------------------------------------------------------------------------

def _md(text: object) -> str:
    """Text from articles, safe in a Markdown table cell (HTML-escaped, ``|`` and
    line breaks neutralised)."""
    s = html.escape(str(text), quote=False).replace("|", "\\|")
    for ch in "`*_[]":
        s = s.replace(ch, "\\" + ch)
    return " ".join(s.split())


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_md(c) for c in r) + " |" for r in rows]
    return out + [""]


def markdown(a: Analysis, plot_files: dict[str, str] | None = None, *, top: int = 20,
             plot_dir: str = "plots") -> str:
    """The human-readable report (``report.md``); ``plot_files`` are the plots written beside it."""
    plot_files = plot_files or {}
    c = a.corpus
    lines = ["# kg analysis report", ""]
    dated = sum(1 for x in c.articles.values() if x.day)
    lines += [f"{len(c.articles)} articles ({dated} dated), {len(c.entities)} entities, "
              f"{len(c.relations)} relation triples (kg:partOf included), "
              f"{a.comention_graph.number_of_edges()} co-mention links.", ""]
    lines += _table(["type", "entities"], [[type_label(t), n] for t, n in
                                             sorted(c.by_type().items(), key=lambda x: -x[1])])
    lines += ["## How to read this", "",
              "* **PageRank, degree, betweenness, communities, components** are computed on the "
              "*co-mention graph*: two entities are linked when an article mentions both; the "
              "link's weight is the number of such articles.",
              "* **relation_in / relation_out / relation_pagerank** (nodes.csv) come from the "
              "*typed entity graph*: relation triples (runs, belongsTo, promotes, coOrganizes, "
              "holdsPost) and kg:partOf, directed.",
              "* Betweenness: " + (
                  "not computed (--no-betweenness)." if not a.betweenness_computed else
                  f"estimated from {a.betweenness_pivots} sampled pivots (seed {a.seed})."
                  if a.betweenness_pivots else "exact."),
              f"* Communities: networkx Louvain, seed {a.seed}; numbered largest first.", ""]
    lines += [f"## Top {top} entities by PageRank", ""]
    if "top_entities.svg" in plot_files:
        lines += [f"![Top entities by PageRank]({plot_dir}/top_entities.svg)", ""]
    lines += _table(["#", "entity", "type", "articles", "PageRank", "degree", "betweenness",
                     "community"],
                    [[r["rank"], r["label"], r["type"], r["articles"], f'{r["pagerank"]:.4f}',
                      r["degree"], r["betweenness"], r["community"]]
                     for r in a.nodes_table()[:top]])
    lines += ["## Communities", ""]
    if "communities.svg" in plot_files:
        lines += [f"![Communities by type]({plot_dir}/communities.svg)", ""]
    comm = [r for r in a.communities_table() if r["size"] > 1]
    singles = len(a.communities) - len(comm)
    lines += _table(["#", "size", "articles", "types", "top members"],
                    [[r["community"], r["size"], r["articles"], r["types"], r["top_members"]]
                     for r in comm[:15]])
    if singles:
        lines += [f"{singles} entities are communities of their own (no co-mention).", ""]
    comps = a.components_table()
    lines += ["## Components", "",
              f"{len(comps)} connected components; the largest holds "
              f"{comps[0]['size'] if comps else 0} of {len(c.entities)} entities, "
              f"{sum(1 for r in comps if r['size'] == 1)} entities stand alone.", ""]
    lines += _table(["#", "size", "articles", "top members"],
                    [[r["component"], r["size"], r["articles"], r["top_members"]]
                     for r in comps[:10] if r["size"] > 1])
    lines += ["## Slogan diffusion", "",
              "A slogan reaches a division when an article mentions both; the article's date "
              "dates it. slogans.csv has one row per slogan, slogan_diffusion.csv its time line "
              "(cumulative distinct divisions by date), slogan_divisions.csv every "
              "slogan–division pair.", ""]
    if "slogan_spread.svg" in plot_files:
        lines += [f"![Slogan spread]({plot_dir}/slogan_spread.svg)", ""]
    elif a.diffusion:
        lines += ["No slogan appears in a dated article, so there is no time line to plot.", ""]
    lines += _table(["slogan", "articles", "divisions", "first appearance", "first article"],
                    [[r["label"], r["articles"], r["divisions"], r["first_date"] or "undated",
                      r["first_article_title"] or r["first_article_file"]]
                     for r in a.slogans_table()[:top]])
    lines += ["## Files", "",
              "| file | what |", "|---|---|",
              "| nodes.csv | one row per entity: type, label, articles, mentions, metrics |",
              "| communities.csv, components.csv | groups of the co-mention graph |",
              "| relations.csv | relation triples with their first evidence sentence |",
              "| articles.csv | articles with date and entity counts |",
              "| slogans.csv, slogan_diffusion.csv, slogan_divisions.csv | slogan diffusion |",
              "| export/*.graphml, *.gexf | the graphs with their metrics, for Gephi, yEd, "
              "Cytoscape |",
              "| export/*.json | the graphs as networkx node-link JSON |", ""]
    return "\n".join(lines)


__all__ = ["Svg", "to_csv", "tables", "plots", "markdown", "top_entities_svg", "communities_svg",
           "spread_svg"]
