"""Positions computed in Python for large views."""
from __future__ import annotations

import math

import networkx as nx

from kg.viz.layout import NX_MAX, positions, spring_positions


def test_seeded_and_finite():
    g = nx.barabasi_albert_graph(NX_MAX + 100, 2, seed=1)
    a, b = positions(g, seed=4), positions(g, seed=4)
    assert a == b and len(a) == g.number_of_nodes()
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in a.values())
    assert positions(g, seed=5) != a
    assert len({(round(x), round(y)) for x, y in a.values()}) > 0.9 * len(a)  # spread out


def test_linked_nodes_end_up_closer_than_unlinked():
    g = nx.disjoint_union(nx.complete_graph(30), nx.complete_graph(30))
    pos = spring_positions(g, seed=0)
    d = lambda u, v: math.dist(pos[u], pos[v])
    within = sum(d(0, i) for i in range(1, 30)) / 29
    across = sum(d(0, i) for i in range(30, 60)) / 30
    assert within < across


def test_small_and_empty():
    assert positions(nx.Graph()) == {}
    assert len(positions(nx.path_graph(3))) == 3
