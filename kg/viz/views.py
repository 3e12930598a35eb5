"""The three views of a graph, as networkx graphs carrying what the page draws.

A *view* is an ``nx.MultiDiGraph`` whose nodes and edges hold display
attributes, independent of pyvis:

* node: ``label``, ``type`` (an entity type, colours the node and the legend),
  ``value`` (PageRank: the node's size), ``title`` (the tooltip, plain text),
  ``search`` (other names the search box matches), optional ``color``, ``x``/``y``
  (fixed positions) and ``focus`` (a node the view is about);
* edge: ``label`` (the relation name, or empty), ``title`` (tooltip),
  ``kind`` (``relation``, ``partOf``, ``comention`` or ``diffusion``), ``arrows``,
  ``width``, ``dashes``;
* graph: ``title``, ``caption`` (what is shown and how it was capped),
  ``edge_note`` and, for the diffusion view, ``ramp`` (the date colour scale).

:func:`overview`, :func:`neighbourhood` and :func:`diffusion_view` build them
from an :class:`~kg.analysis.Analysis`; :mod:`kg.viz.network` turns any view
into a pyvis Network.
"""
from __future__ import annotations

from collections import deque
from datetime import date

import networkx as nx

from kg.analysis.analyze import Analysis
from kg.query.style import type_names
from kg.errors import InputError

DEFAULT_TOP = 300
"""The whole-graph view shows at most this many entities (highest PageRank)."""
DEFAULT_PER_NODE = 5
"""Co-mention links kept per entity (its strongest), so dense articles stay readable."""
SENTENCE_CHARS = 160
RELATION_ZH = {"partOf": "隶属于", "runs": "组织开展", "coOrganizes": "联合主办",
               "belongsTo": "隶属", "promotes": "倡导", "holdsPost": "任职于"}


def _clip(text: str, n: int = SENTENCE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def _source(a: Analysis, article_iri: str | None) -> str:
    art = a.corpus.articles.get(article_iri or "")
    if art is None:
        return ""
    bits = [art.file] + ([art.day.isoformat()] if art.day else [])
    return f"— {art.title} ({', '.join(bits)})" if art.title else f"— {', '.join(bits)}"


def entity_title(a: Analysis, iri: str) -> str:
    """The tooltip of an entity: name, type, figures, an evidence sentence and its article."""
    e = a.corpus.entities[iri]
    zh, en = type_names(e.type)
    kind = f"{zh} {en}"
    if e.level:
        lzh, len_ = type_names(e.level)
        kind += f" · {lzh} {len_}"
    if e.code:
        kind += f" · {e.code}"
    m = a.metrics.get(iri, {})
    lines = [e.label, kind,
             f"PageRank {m.get('pagerank', 0):.4f} · {m.get('articles', 0)} article(s) · "
             f"{e.mentions} mention(s) · community {m.get('community', '-')}"]
    if e.aliases:
        lines.append("also: " + "、".join(e.aliases[:6]))
    if e.evidence:
        lines.append(f"“{_clip(e.evidence.sentence)}”")
        lines.append(_source(a, e.evidence.article))
    return "\n".join(line for line in lines if line)


def _add_entity(v: nx.MultiDiGraph, a: Analysis, iri: str, **extra) -> None:
    e = a.corpus.entities[iri]
    v.add_node(iri, label=e.label, type=e.type, value=a.metrics[iri]["pagerank"],
               title=entity_title(a, iri), search=list(e.aliases), **extra)


def _relation_edges(v: nx.MultiDiGraph, a: Analysis, keep: set[str]) -> None:
    for u, w, key, data in a.entity_graph.edges(keys=True, data=True):
        if u not in keep or w not in keep:
            continue
        rel = data["relation"]
        lines = [f"{a.label(u)} —{rel} ({RELATION_ZH.get(rel, rel)})→ {a.label(w)}"]
        if data.get("sentence"):
            lines += [f"“{_clip(data['sentence'])}”", _source(a, data.get("article"))]
            if data.get("evidence", 0) > 1:
                lines.append(f"stated in {data['evidence']} places")
        elif rel == "partOf":
            lines.append("from the GB/T 2260 division tables")
        v.add_edge(u, w, key=rel, label=rel, title="\n".join(lines),
                   kind="partOf" if rel == "partOf" else "relation", arrows="to", width=2)


def _comention_edges(v: nx.MultiDiGraph, a: Analysis, keep: set[str], per_node: int,
                     always: set[str] = frozenset()) -> int:
    """Add the co-mention links among ``keep``: each node's ``per_node`` strongest
    (weight, then the other end's PageRank), plus every link of an ``always`` node.
    Returns the number of links left out."""
    if per_node <= 0 and not always:
        return 0
    g = a.comention_graph
    pr = {n: a.metrics[n]["pagerank"] for n in keep}
    chosen: set[tuple[str, str]] = set()
    total = 0
    for n in sorted(keep):
        nbrs = [m for m in g.adj[n] if m in keep]
        total += len(nbrs)
        if n in always:
            best = nbrs
        else:
            best = sorted(nbrs, key=lambda m: (-g[n][m]["weight"], -pr[m], m))[:per_node]
        chosen.update((min(n, m), max(n, m)) for m in best)
    shared = a.corpus.entity_articles()
    for u, w in sorted(chosen):
        weight = g[u][w]["weight"]
        arts = sorted(set(shared.get(u, ())) & set(shared.get(w, ())))
        names = [a.corpus.articles[x].name for x in arts[:3]]
        more = f" (+{len(arts) - 3} more)" if len(arts) > 3 else ""
        title = (f"{a.label(u)} and {a.label(w)}: co-mentioned in {weight} article(s)\n"
                 + "\n".join(f"— {_clip(nm, 60)}" for nm in names) + more)
        v.add_edge(u, w, key="comention", label="", title=title, kind="comention",
                   arrows="", width=min(1 + weight, 6), dashes=True)
    return total // 2 - len(chosen)


EDGE_NOTE = ("Arrows with names: relation triples (runs, belongsTo, promotes, coOrganizes, "
             "holdsPost) and partOf. Dashed grey lines: co-mentioned in the same articles{cap}.")


def overview(a: Analysis, *, top: int | None = DEFAULT_TOP,
             per_node: int = DEFAULT_PER_NODE) -> nx.MultiDiGraph:
    """The whole graph, capped to the ``top`` entities by PageRank (``None``: no cap)."""
    total = len(a.corpus.entities)
    keep_list = a.top(top)
    keep = set(keep_list)
    v = nx.MultiDiGraph()
    for iri in keep_list:
        _add_entity(v, a, iri)
    _relation_edges(v, a, keep)
    dropped = _comention_edges(v, a, keep, per_node)
    if len(keep) < total:
        caption = (f"Showing the top {len(keep):,} of {total:,} entities by PageRank "
                   f"(co-mention graph); use --top to show more.")
    else:
        caption = f"All {total:,} entities; size = PageRank (co-mention graph)."
    cap = f" (each entity's {per_node} strongest; {dropped:,} weaker links hidden)" \
        if dropped else ""
    v.graph.update(title="kg graph: overview", caption=caption,
                   edge_note=EDGE_NOTE.format(cap=cap))
    return v


def find_entities(a: Analysis, name: str) -> list[str]:
    """Entities called ``name`` (label, alias, division code or IRI); raises InputError if none."""
    ents = a.corpus.entities
    if name in ents:
        return [name]
    hits = [iri for iri, e in ents.items()
            if name == e.label or name in e.aliases or (e.code and name == e.code)]
    if hits:
        return sorted(hits, key=lambda i: (-a.metrics[i]["pagerank"], i))
    near = sorted({e.label for e in ents.values() if name in e.label or e.label in name},
                  key=lambda s: (len(s), s))[:10]
    raise InputError(f"no entity is called {name!r}",
                     hint=("did you mean: " + "、".join(near)) if near else
                     "see the labels in OUT/analysis/nodes.csv (kg analyze OUT)")


# A hub links a large share of all entities (a national leader every article names):
# a neighbourhood reaches it but does not go on through it, unless asked.
HUB_SHARE = 0.10
HUB_MIN_DEGREE = 20


def hubs(und: nx.Graph) -> set[str]:
    """Entities linked to at least HUB_SHARE of all the others (and HUB_MIN_DEGREE)."""
    limit = max(HUB_MIN_DEGREE, HUB_SHARE * max(1, und.number_of_nodes() - 1))
    return {n for n, d in und.degree() if d >= limit}


def neighbourhood(a: Analysis, name: str, *, depth: int = 2, top: int | None = DEFAULT_TOP,
                  per_node: int = DEFAULT_PER_NODE,
                  through_hubs: bool = False) -> nx.MultiDiGraph:
    """The entities within ``depth`` links of the entity called ``name``.

    Links are relation triples, partOf and co-mentions.  A hub (:func:`hubs`) is
    shown when it is that close but not gone through, unless ``through_hubs``.
    When more than ``top`` entities are that close, the nearest are kept (then the
    highest PageRank).
    """
    roots = find_entities(a, name)
    und = nx.Graph()
    und.add_edges_from(a.comention_graph.edges)
    und.add_edges_from((u, w) for u, w in a.entity_graph.edges())
    und.add_nodes_from(a.corpus.entities)
    stop = set() if through_hubs else hubs(und) - set(roots)
    dist: dict[str, int] = {r: 0 for r in roots}
    queue = deque(roots)
    while queue:
        n = queue.popleft()
        if dist[n] >= depth or n in stop:
            continue
        for m in und.adj[n]:
            if m not in dist:
                dist[m] = dist[n] + 1
                queue.append(m)
    ranked = sorted(dist, key=lambda n: (dist[n], -a.metrics[n]["pagerank"], n))
    keep_list = ranked if top is None else ranked[:max(top, len(roots))]
    keep = set(keep_list)
    v = nx.MultiDiGraph()
    for iri in keep_list:
        _add_entity(v, a, iri, focus=iri in roots, distance=dist[iri])
    _relation_edges(v, a, keep)
    dropped = _comention_edges(v, a, keep, per_node, always=set(roots))
    label = a.label(roots[0])
    what = f"{len(roots)} entities named {label}" if len(roots) > 1 else label
    caption = f"Neighbourhood of {what} within {depth} link(s): {len(keep):,} entities"
    if len(keep) < len(dist):
        caption += f" (the nearest {len(keep):,} of {len(dist):,}; use --top to show more)"
    reached = sorted(stop & set(dist), key=a.label)
    if reached:
        caption += (f"; not expanded through {len(reached)} hub(s) linked to most of the graph "
                    f"({', '.join(a.label(h) for h in reached[:3])}{' …' if len(reached) > 3 else ''}"
                    "; --through-hubs to go on through them)")
    cap = f" (each entity's {per_node} strongest, all of {label}'s; {dropped:,} weaker " \
          f"links hidden)" if dropped else ""
    v.graph.update(title=f"kg graph: {label}", caption=caption + ".",
                   edge_note=EDGE_NOTE.format(cap=cap), focus=roots)
    return v


# -- slogan diffusion -------------------------------------------------------------------------

RAMP = ("#3b4cc0", "#7b9ff9", "#c0d4f5", "#f2cbb7", "#ee8468", "#b40426")
"""Colour scale of first dates, earliest (blue) to latest (red)."""
UNDATED = "#9e9e9e"
LEVEL_COLUMN = {"Province": 0, "City": 1, "District": 2, "Township": 3, "Village": 4}
SLOGAN_STEP, DIVISION_STEP, COLUMN_X0, COLUMN_STEP = 56.0, 34.0, 420.0, 220.0


def _ramp(t: float) -> str:
    t = min(max(t, 0.0), 1.0) * (len(RAMP) - 1)
    i = min(int(t), len(RAMP) - 2)
    f = t - i
    a, b = RAMP[i], RAMP[i + 1]
    rgb = [round(int(a[k:k + 2], 16) * (1 - f) + int(b[k:k + 2], 16) * f) for k in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def diffusion_view(a: Analysis, *, top: int | None = DEFAULT_TOP) -> nx.MultiDiGraph:
    """Slogans linked to the divisions they appear with, laid out and coloured by first date.

    Slogans run down the left column by first appearance (undated ones last,
    grey), labelled with that date; the divisions they reached stand in one
    column per level (provinces to villages), each level with its slogans.
    At most ``top`` nodes: the widest-spread slogans are taken until the cap
    is reached.
    """
    diffusions = [d for d in a.diffusion if d.divisions]
    chosen, nodes = [], set()
    for d in diffusions:  # widest reach first
        new = {d.slogan} | {r.division for r in d.divisions}
        if top is not None and chosen and len(nodes | new) > top:
            continue
        chosen.append(d)
        nodes |= new
    chosen.sort(key=lambda d: (d.first_date is None, d.first_date or date.max, d.label))
    days = [d.first_date for d in chosen if d.first_date]
    d0, d1 = (min(days), max(days)) if days else (None, None)

    v = nx.MultiDiGraph()
    ys: dict[str, float] = {}
    for i, d in enumerate(chosen):  # the time line runs down the left column
        y = i * SLOGAN_STEP
        ys[d.slogan] = y
        if d.first_date and d0 and d1:
            t = 0.5 if d1 == d0 else (d.first_date - d0).days / (d1 - d0).days
            col = _ramp(t)
        else:
            col = UNDATED
        first = d.first_date.isoformat() if d.first_date else "undated"
        art = a.corpus.articles.get(d.first_article or "")
        ev = a.corpus.entities[d.slogan].evidence
        title = "\n".join(filter(None, [
            d.label, "口号提法 slogan",
            f"first appearance: {first}" + (f" in {art.name} ({art.file})" if art else ""),
            f"{len(d.articles)} article(s), {d.undated_articles} undated · "
            f"{len(d.divisions)} division(s)",
            f"“{_clip(ev.sentence)}”" if ev else ""]))
        v.add_node(d.slogan, label=f"{first} {_clip(d.label, 24)}", type="Slogan",
                   size=8 + 1.5 * min(len(d.divisions), 10), title=title,
                   search=[d.label, *a.corpus.entities[d.slogan].aliases], color=col,
                   x=0.0, y=y, first=first)
    # divisions: one column per level (province → village), each beside its slogans
    reach: dict[str, list[str]] = {}
    for d in chosen:
        for r in d.divisions:
            reach.setdefault(r.division, []).append(d.slogan)
    columns: dict[int, float] = {}
    for div in sorted(reach, key=lambda x: (sum(ys[s] for s in reach[x]) / len(reach[x]), x)):
        e = a.corpus.entities[div]
        col = LEVEL_COLUMN.get(e.level or "", len(LEVEL_COLUMN))
        want = sum(ys[s] for s in reach[div]) / len(reach[div])
        y = max(want, columns.get(col, -1e9) + DIVISION_STEP)
        columns[col] = y
        _add_entity(v, a, div, x=COLUMN_X0 + col * COLUMN_STEP, y=y)
        v.nodes[div]["size"] = 6 + 2 * min(len(reach[div]), 8)
    for d in chosen:
        for r in d.divisions:
            first = r.first_date.isoformat() if r.first_date else "undated"
            names = [a.corpus.articles[x].name for x in r.articles[:3]]
            title = (f"{d.label} appears with {a.label(r.division)} in {len(r.articles)} "
                     f"article(s); first: {first}\n"
                     + "\n".join(f"— {_clip(nm, 60)}" for nm in names))
            v.add_edge(d.slogan, r.division, key="diffusion", label="", title=title,
                       kind="diffusion", arrows="to", width=min(1 + len(r.articles), 6),
                       color=v.nodes[d.slogan]["color"], smooth="curvedCW")
    for n in v.nodes:  # sizes are explicit here (no PageRank scaling)
        v.nodes[n].pop("value", None)
    total = len(diffusions)
    caption = (f"{len(chosen):,} slogan(s) and the {len(reach):,} division(s) they appear with "
               f"(mentioned in the same articles), ordered and coloured by first appearance.")
    if len(chosen) < total:
        caption += (f" The {len(chosen):,} widest-spread of {total:,} slogans; "
                    "use --top to show more.")
    undated = [d for d in chosen if d.first_date is None]
    if undated:
        names = "、".join(a.label(d.slogan) for d in undated[:5]) + (" …" if len(undated) > 5 else "")
        caption += (f" {len(undated):,} slogan(s) appear only in undated articles and are shown "
                    f"last, in grey: {names}.")
    if not chosen:
        caption = "No slogan appears together with a division in any article."
    v.graph.update(title="kg graph: slogan diffusion", caption=caption,
                   edge_note="Arrows: slogan → division it appears with; thicker: more articles.",
                   ramp={"colors": list(RAMP), "start": d0.isoformat() if d0 else "",
                         "end": d1.isoformat() if d1 else "", "undated": UNDATED},
                   fixed=True)
    return v


__all__ = ["overview", "neighbourhood", "diffusion_view", "find_entities", "entity_title",
           "DEFAULT_TOP", "DEFAULT_PER_NODE"]
