"""Positions computed in Python, for views too large for in-browser physics.

vis-network's physics does not settle on thousands of nodes in reasonable time
(5,000 nodes: not within 300 s), so large views are laid out here and drawn
with physics off.  Up to :data:`NX_MAX` nodes the layout is networkx's
``spring_layout`` (its dense numpy path, a fraction of a second).  Above that,
networkx switches to a Python loop per node (10 s for 2,000 nodes), so
:func:`spring_positions` runs the same Fruchterman–Reingold model vectorised
with numpy in float32, the all-pairs repulsion computed in blocks of rows to
bound memory: 1.3 s for 2,000 nodes, 8 s for 5,000 on the reference machine.
Both are seeded: the same graph gets the same picture.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

NX_MAX = 499
"""Up to this many nodes, networkx's spring_layout (its dense, fast path)."""
SPACING = 60.0
"""Pixels per unit of the layouts' ideal distance between linked nodes."""
BLOCK = 1024
"""Rows of the all-pairs repulsion computed at once (memory: BLOCK × n × 4 bytes per array)."""


def spring_positions(g: nx.Graph, *, seed: int = 0, iterations: int = 60) -> dict:
    """Fruchterman–Reingold (ideal distance 1, area n, linear cooling), vectorised; seeded."""
    nodes = list(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in g.edges() if u != v], dtype=np.int64)
    edges = edges.reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.uniform(0, side, size=(n, 2)).astype(np.float32)
    temp = side / 10
    cool = temp / (iterations + 1)
    for _ in range(iterations):
        disp = np.empty((n, 2), dtype=np.float64)
        for start in range(0, n, BLOCK):  # repulsion k²/d along the unit vector: delta / d²
            block = pos[start:start + BLOCK]
            dx = block[:, 0, None] - pos[None, :, 0]
            dy = block[:, 1, None] - pos[None, :, 1]
            inv = dx * dx
            inv += dy * dy
            np.maximum(inv, 1e-4, out=inv)
            np.reciprocal(inv, out=inv)
            disp[start:start + BLOCK, 0] = (dx * inv).sum(axis=1)
            disp[start:start + BLOCK, 1] = (dy * inv).sum(axis=1)
        if len(edges):  # attraction d²/k along the unit vector: delta * d
            i, j = edges[:, 0], edges[:, 1]
            delta = (pos[i] - pos[j]).astype(np.float64)
            f = np.sqrt((delta ** 2).sum(axis=1))[:, None] * delta
            for axis in (0, 1):
                disp[:, axis] += (np.bincount(j, weights=f[:, axis], minlength=n)
                                  - np.bincount(i, weights=f[:, axis], minlength=n))
        length = np.maximum(np.sqrt((disp ** 2).sum(axis=1)), 1e-9)
        pos += (disp / length[:, None] * np.minimum(length, temp)[:, None]).astype(np.float32)
        temp -= cool
    pos -= pos.mean(axis=0)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in index.items()}


def positions(g: nx.Graph, *, seed: int = 0, spacing: float = SPACING) -> dict:
    """node -> (x, y) in pixels, for a view drawn without physics."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    simple = nx.Graph(g.to_undirected(as_view=True)) if g.is_directed() or g.is_multigraph() \
        else g
    if n <= NX_MAX:
        # spring_layout's ideal distance is 1/sqrt(n) of its unit box: scale it to `spacing`
        raw = nx.spring_layout(simple, seed=seed, scale=None)
        factor = spacing * math.sqrt(n)
    else:
        raw = spring_positions(simple, seed=seed)
        factor = spacing
    return {v: (round(float(x) * factor, 1), round(float(y) * factor, 1))
            for v, (x, y) in raw.items()}


__all__ = ["positions", "spring_positions", "NX_MAX", "SPACING"]
