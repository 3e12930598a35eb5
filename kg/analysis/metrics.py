"""Network metrics with networkx: degree, PageRank, betweenness, communities, components.

Every function takes a networkx graph and returns plain dicts and lists keyed by
node id.  Randomised steps (sampled betweenness, Louvain) take a ``seed`` so
that the same graph gives the same numbers on every run.
"""
from __future__ import annotations

import networkx as nx

SAMPLE_ABOVE = 500
"""Betweenness is exact up to this many nodes, sampled (``k`` pivots) above it."""
SAMPLE_K = 200
"""The number of pivots of sampled betweenness."""


def pagerank(g: nx.Graph, weight: str | None = "weight") -> dict:
    """PageRank of every node (sums to 1); uniform on a graph without edges."""
    if g.number_of_nodes() == 0:
        return {}
    if g.is_multigraph():
        g = _collapse(g)
    return nx.pagerank(g, weight=weight)


def betweenness(g: nx.Graph, *, seed: int = 0, sample_above: int = SAMPLE_ABOVE,
                k: int = SAMPLE_K) -> tuple[dict, int | None]:
    """Normalised betweenness (hop distances) and the number of pivots used (None: exact).

    Exact on graphs of at most ``sample_above`` nodes; above that, estimated from
    ``k`` pivots drawn with ``seed`` (networkx's ``k``/``seed``).
    """
    n = g.number_of_nodes()
    if n == 0:
        return {}, None
    if g.is_multigraph():
        g = _collapse(g)
    if n > sample_above and k < n:
        return nx.betweenness_centrality(g, k=k, seed=seed, normalized=True), k
    return nx.betweenness_centrality(g, normalized=True), None


def degrees(g: nx.Graph, weight: str = "weight") -> tuple[dict, dict]:
    """(degree, weighted degree) of every node."""
    return dict(g.degree()), dict(g.degree(weight=weight))


def communities(g: nx.Graph, *, seed: int = 0, weight: str | None = "weight",
                resolution: float = 1.0) -> list[list]:
    """Louvain communities (networkx ``louvain_communities`` with ``seed``), largest first.

    Each community is a sorted list of nodes; ties in size are ordered by their
    first node, so numbering is stable.  Isolated nodes are communities of one.
    """
    if g.number_of_nodes() == 0:
        return []
    if g.is_directed() or g.is_multigraph():
        g = _collapse(g.to_undirected(as_view=True) if g.is_directed() else g)
    found = nx.community.louvain_communities(g, weight=weight, seed=seed, resolution=resolution)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def components(g: nx.Graph) -> list[list]:
    """Connected components (weakly, for directed graphs), largest first, each sorted."""
    found = nx.weakly_connected_components(g) if g.is_directed() else nx.connected_components(g)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def membership(groups: list[list]) -> dict:
    """node -> index of its group (community or component)."""
    return {n: i for i, group in enumerate(groups) for n in group}


def _collapse(g: nx.Graph) -> nx.Graph:
    """A simple graph of the same direction, parallel edges counted in ``weight``."""
    out = nx.DiGraph() if g.is_directed() else nx.Graph()
    out.add_nodes_from(g.nodes)
    for u, v in g.edges():
        if out.has_edge(u, v):
            out[u][v]["weight"] += 1
        else:
            out.add_edge(u, v, weight=1)
    return out


__all__ = ["pagerank", "betweenness", "degrees", "communities", "components", "membership",
           "SAMPLE_ABOVE", "SAMPLE_K"]
