"""From a view (:mod:`kg.viz.views`) to a pyvis Network that kg renders as a standalone page.

:func:`to_network` fills a :class:`KgNetwork` -- a ``pyvis.network.Network``
with the page's title, caption and legend -- with nodes coloured by type and
sized by ``value`` (PageRank), edges named by their relation, plain-text
tooltips, and vis-network options:

* up to :data:`PHYSICS_MAX` nodes the browser lays the graph out (forceAtlas2
  physics, a bounded stabilisation), then physics is switched off: the layout
  settles and stays still;
* above it, positions come from :func:`kg.viz.layout.positions` and physics is
  off from the start (vis-network's physics does not settle on thousands of
  nodes).

pyvis's own ``add_node``/``add_edge`` scan lists (quadratic on large graphs) and
its HTML template links Bootstrap from a CDN, so nodes and edges are appended
to the Network's lists directly and :func:`kg.viz.html.to_html` renders the
page.
"""
from __future__ import annotations

import networkx as nx
from pyvis.network import Network

from kg.query.style import color, type_label
from kg.viz.layout import positions

PHYSICS_MAX = 500
"""Views with more nodes are laid out in Python and drawn without physics."""
STABILIZATION_ITERATIONS = 300
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
EDGE_COLORS = {"relation": "#444444", "partOf": "#6b8fb3", "comention": "#b8b8b8",
               "diffusion": "#888888"}


class KgNetwork(Network):
    """A pyvis Network plus what kg's page shows around it (title, caption, legend)."""

    def __init__(self, *, title: str = "kg graph", caption: str = "", edge_note: str = "",
                 ramp: dict | None = None, focus: list[str] | None = None,
                 mode: str = "physics") -> None:
        super().__init__(height="100%", width="100%", directed=True, cdn_resources="in_line")
        self.title = title
        self.caption = caption
        self.edge_note = edge_note
        self.ramp = ramp
        self.focus = list(focus or [])
        self.mode = mode  # "physics": laid out in the browser; "fixed": positions given

    def legend(self) -> list[dict]:
        """The types present, with their colour, name and number of nodes."""
        counts: dict[str, int] = {}
        for n in self.nodes:
            counts[n.get("type", "Entity")] = counts.get(n.get("type", "Entity"), 0) + 1
        return [{"type": t, "color": color(t), "label": type_label(t), "count": c}
                for t, c in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]

    def _repr_html_(self) -> str:  # Jupyter shows the page inline (in an iframe)
        from kg.viz.html import notebook_html
        return notebook_html(self)


def _node(n: str, d: dict) -> dict:
    t = d.get("type", "Entity")
    fill = d.get("color") or color(t)
    node = {"id": n, "label": d.get("label", n), "title": d.get("title", ""), "type": t,
            "search": list(d.get("search", ())), "shape": "dot",
            "color": {"background": fill, "border": "#333333" if d.get("focus") else fill,
                      "highlight": {"background": fill, "border": "#000000"},
                      "hover": {"background": fill, "border": "#000000"}}}
    if "size" in d:  # an explicit size (px) instead of PageRank scaling
        node["size"] = float(d["size"])
        node["font"] = {"size": 15}
    else:
        node["value"] = float(d.get("value", 0.0))
    if d.get("focus"):
        node.update(borderWidth=4, font={"bold": True, "size": 18}, focus=True)
    if "x" in d and "y" in d:
        node.update(x=float(d["x"]), y=float(d["y"]))
    return node


def _edge(u: str, w: str, d: dict) -> dict:
    kind = d.get("kind", "relation")
    edge = {"from": u, "to": w, "label": d.get("label", ""), "title": d.get("title", ""),
            "kind": kind, "width": float(d.get("width", 1)),
            "arrows": {"to": {"enabled": d.get("arrows", "") == "to", "scaleFactor": 0.6}},
            "color": {"color": d.get("color") or EDGE_COLORS.get(kind, "#888888"),
                      "highlight": "#000000", "hover": "#000000",
                      "opacity": 0.55 if kind == "comention" else 0.9}}
    if d.get("dashes"):
        edge["dashes"] = True
    if d.get("smooth"):  # a curve type for this edge (e.g. curvedCW) where lines would overlap
        edge["smooth"] = {"enabled": True, "type": d["smooth"], "roundness": 0.12}
    return edge


def options(n_nodes: int, mode: str, seed: int = 0) -> dict:
    """vis-network options for a view of ``n_nodes`` drawn in ``mode``."""
    big = n_nodes > PHYSICS_MAX
    opts: dict = {
        "autoResize": True,
        "nodes": {"shape": "dot", "borderWidth": 1,
                  "font": {"face": FONT, "size": 14, "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "scaling": {"min": 6, "max": 40,
                              "label": {"enabled": True, "min": 12, "max": 26,
                                        "drawThreshold": 4, "maxVisible": 40}}},
        "edges": {"font": {"face": FONT, "size": 11, "align": "middle", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "selectionWidth": 2, "hoverWidth": 1.5,
                  "smooth": False if (big or mode == "fixed") else
                  {"enabled": True, "type": "continuous", "roundness": 0.3}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "navigationButtons": False,
                        "keyboard": False, "multiselect": True},
        "layout": {"randomSeed": seed, "improvedLayout": False},
    }
    if mode == "physics":
        opts["physics"] = {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.01,
                                 "springLength": 110, "springConstant": 0.08,
                                 "damping": 0.5, "avoidOverlap": 0.3},
            "minVelocity": 1.0, "maxVelocity": 60,
            "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS,
                              "updateInterval": 20, "fit": True}}
    else:
        opts["physics"] = {"enabled": False}
    return opts


def to_network(view: nx.Graph, *, mode: str | None = None, seed: int = 0) -> KgNetwork:
    """A :class:`KgNetwork` drawing ``view`` (see :mod:`kg.viz.views` for its attributes).

    ``mode``: ``"physics"`` (lay out in the browser, then stop), ``"fixed"``
    (positions computed here, physics off), or ``None`` to choose: fixed when the
    view carries positions or has more than :data:`PHYSICS_MAX` nodes.
    """
    n = view.number_of_nodes()
    has_xy = n > 0 and all("x" in d and "y" in d for _, d in view.nodes(data=True))
    if mode is None:
        mode = "fixed" if (view.graph.get("fixed") or has_xy or n > PHYSICS_MAX or n == 0) \
            else "physics"
    if mode not in ("physics", "fixed"):
        raise ValueError(f"unknown mode {mode!r}: use 'physics' or 'fixed'")
    pos = {} if (mode == "physics" or has_xy) else positions(view, seed=seed)
    net = KgNetwork(title=view.graph.get("title", "kg graph"),
                    caption=view.graph.get("caption", ""),
                    edge_note=view.graph.get("edge_note", ""), ramp=view.graph.get("ramp"),
                    focus=view.graph.get("focus"), mode=mode)
    for node, data in view.nodes(data=True):
        d = dict(data)
        if node in pos:
            d["x"], d["y"] = pos[node]
        if mode == "physics":
            d.pop("x", None), d.pop("y", None)
        rec = _node(node, d)
        net.nodes.append(rec)
        net.node_ids.append(node)
        net.node_map[node] = rec
    edges = view.edges(data=True)
    for u, w, data in edges:
        net.edges.append(_edge(u, w, data))
    net.options = options(n, mode, seed)
    return net


__all__ = ["KgNetwork", "to_network", "options", "PHYSICS_MAX"]
