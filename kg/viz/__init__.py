"""Interactive HTML views of a kg graph (pyvis / vis-network), self-contained and offline.

Typical use::

    from kg.analysis import load_graph, analyze
    from kg.viz import graph_view, focus_view, slogan_view, to_html

    a = analyze(load_graph("out"))
    net = graph_view(a, top=300)          # a pyvis Network (KgNetwork)
    page = to_html(net)                   # one HTML string, nothing fetched
    focus_view(a, "辽中区", depth=2)        # the neighbourhood of one entity
    slogan_view(a)                        # slogans → divisions, by first date

The views themselves are networkx graphs (:mod:`kg.viz.views`); any such graph
becomes a Network with :func:`to_network`.  Only the CLI and notebooks write
files.
"""
from __future__ import annotations

from kg.analysis.analyze import Analysis
from kg.viz.html import Page, show, to_html
from kg.viz.network import PHYSICS_MAX, KgNetwork, to_network
from kg.viz.views import (DEFAULT_PER_NODE, DEFAULT_TOP, diffusion_view, find_entities,
                          neighbourhood, overview)


def graph_view(a: Analysis, *, top: int | None = DEFAULT_TOP,
               per_node: int = DEFAULT_PER_NODE, mode: str | None = None,
               seed: int = 0) -> KgNetwork:
    """The whole graph, capped to the ``top`` entities by PageRank."""
    return to_network(overview(a, top=top, per_node=per_node), mode=mode, seed=seed)


def focus_view(a: Analysis, name: str, *, depth: int = 2, top: int | None = DEFAULT_TOP,
               per_node: int = DEFAULT_PER_NODE, mode: str | None = None,
               seed: int = 0, through_hubs: bool = False) -> KgNetwork:
    """The neighbourhood (``depth`` links) of the entity called ``name`` (hubs are not
    gone through unless ``through_hubs``: see :func:`kg.viz.views.neighbourhood`)."""
    return to_network(neighbourhood(a, name, depth=depth, top=top, per_node=per_node,
                                    through_hubs=through_hubs), mode=mode, seed=seed)


def focus_file_name(name: str) -> str:
    """``focus-<name>.html``: one page per entity looked at, none overwriting another."""
    import re
    safe = re.sub(r"[\\/:*?\"<>|\s\x00-\x1f]+", "_", name).strip("._") or "entity"
    return f"focus-{safe[:80]}.html"


def slogan_view(a: Analysis, *, top: int | None = DEFAULT_TOP) -> KgNetwork:
    """Slogans linked to the divisions they appear with, ordered and coloured by first date."""
    return to_network(diffusion_view(a, top=top), mode="fixed")


__all__ = ["graph_view", "focus_view", "focus_file_name", "slogan_view", "to_html", "show", "Page", "KgNetwork",
           "to_network", "overview", "neighbourhood", "diffusion_view", "find_entities",
           "PHYSICS_MAX", "DEFAULT_TOP", "DEFAULT_PER_NODE"]
