"""The graphs in exchange formats: GraphML and GEXF (Gephi, yEd, Cytoscape), node-link JSON.

Each function returns text; ``kg analyze`` writes it.  GraphML and GEXF take
only scalar attributes, so :func:`exchangeable` drops empty values and joins
lists; node ids stay IRIs.
"""
from __future__ import annotations

import json
from typing import Any

import networkx as nx

FORMATS = ("graphml", "gexf", "json")


def _scalar(v: Any) -> Any:
    if isinstance(v, (list, tuple, set)):
        return "; ".join(str(x) for x in v)
    if isinstance(v, (str, bool, int, float)):
        return v
    return str(v)


def exchangeable(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` whose graph, node and edge attributes are all non-empty scalars."""
    out = g.copy()
    out.graph = {k: _scalar(v) for k, v in g.graph.items() if v not in (None, "")}
    for _, attrs in out.nodes(data=True):
        for k in list(attrs):
            if attrs[k] is None or attrs[k] == "":
                del attrs[k]
            else:
                attrs[k] = _scalar(attrs[k])
    for *_, attrs in out.edges(data=True):
        for k in list(attrs):
            if attrs[k] is None or attrs[k] == "":
                del attrs[k]
            else:
                attrs[k] = _scalar(attrs[k])
    return out


def to_graphml(g: nx.Graph) -> str:
    return "\n".join(nx.generate_graphml(exchangeable(g), encoding="utf-8")) + "\n"


def to_gexf(g: nx.Graph) -> str:
    """GEXF, dynamic: each node with a date (an article's ``date``, an entity's
    ``first_date``) starts then, so Gephi's timeline plays the corpus in order."""
    out = exchangeable(g)
    dated = False
    for _, attrs in out.nodes(data=True):
        start = attrs.get("date") or attrs.get("first_date")
        if start:
            attrs["start"] = start
            dated = True
    if dated:
        out.graph["mode"] = "dynamic"
        out.graph["timeformat"] = "date"
    return "\n".join(nx.generate_gexf(out, encoding="utf-8")) + "\n"


def to_node_link(g: nx.Graph) -> str:
    data = nx.node_link_data(exchangeable(g), edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def export(g: nx.Graph, fmt: str) -> str:
    """``g`` as ``graphml``, ``gexf`` or ``json`` (node-link) text."""
    try:
        return {"graphml": to_graphml, "gexf": to_gexf, "json": to_node_link}[fmt](g)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}") from None


__all__ = ["FORMATS", "exchangeable", "to_graphml", "to_gexf", "to_node_link", "export"]
