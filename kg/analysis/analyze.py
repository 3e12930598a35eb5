"""``analyze``: every metric of a built graph, as networkx graphs and plain tables.

:func:`analyze` reads the corpus once, builds the three graphs of
:mod:`kg.analysis.graphs`, computes the metrics of :mod:`kg.analysis.metrics`
and the slogan diffusion of :mod:`kg.analysis.slogans`, and returns an
:class:`Analysis`.  Its ``*_table()`` methods give the rows of the CSV files
``kg analyze`` writes (``list[dict]``, columns in ``*_COLUMNS``); nothing here
writes a file.

Which graph each metric comes from:

* ``pagerank``, ``degree``, ``weighted_degree``, ``betweenness``,
  ``community``, ``component``: the co-mention graph (entities linked by the
  articles mentioning both, weighted by their number), the densest evidence kg
  has;
* ``relation_in``, ``relation_out``, ``relation_pagerank``: the typed entity
  graph (relation triples and kg:partOf, directed).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import networkx as nx
from rdflib import Graph

from kg.analysis import metrics as m
from kg.analysis.corpus import Corpus, read_corpus
from kg.analysis.graphs import bipartite_graph, comention_graph, entity_graph
from kg.analysis.slogans import Diffusion, slogan_diffusion

NODE_COLUMNS = ["rank", "iri", "label", "type", "level", "code", "articles", "mentions",
                "pagerank", "degree", "weighted_degree", "betweenness", "community",
                "component", "relation_in", "relation_out", "relation_pagerank", "aliases"]
COMMUNITY_COLUMNS = ["community", "size", "types", "articles", "top_members"]
COMPONENT_COLUMNS = ["component", "size", "types", "articles", "top_members"]
RELATION_COLUMNS = ["subject", "subject_label", "relation", "object", "object_label", "post",
                    "evidence", "sentence", "article_file"]
ARTICLE_COLUMNS = ["article", "file", "title", "date", "entities", "divisions", "slogans"]
SLOGAN_COLUMNS = ["slogan", "label", "articles", "undated_articles", "divisions", "first_date",
                  "first_article_file", "first_article_title", "last_date", "division_labels"]
DIFFUSION_COLUMNS = ["slogan", "label", "date", "articles", "new_divisions",
                     "cumulative_divisions", "cumulative_articles", "article_files"]
SLOGAN_DIVISION_COLUMNS = ["slogan", "slogan_label", "division", "division_label", "level",
                           "code", "articles", "first_date"]
TOP_MEMBERS = 10
SEP = "; "


@dataclass
class Analysis:
    corpus: Corpus
    entity_graph: nx.MultiDiGraph
    comention_graph: nx.Graph
    bipartite_graph: nx.Graph
    metrics: dict[str, dict]  # entity IRI -> the metric columns of nodes.csv
    communities: list[list[str]]
    components: list[list[str]]
    diffusion: list[Diffusion]
    seed: int = 0
    betweenness_pivots: int | None = None  # None: exact (or not computed)
    betweenness_computed: bool = True
    _ranked: list[str] = field(default_factory=list, repr=False)

    # -- ranking -------------------------------------------------------------------------
    def ranked(self) -> list[str]:
        """Entity IRIs by PageRank, highest first (label, then IRI, break ties)."""
        if not self._ranked:
            ents = self.corpus.entities
            self._ranked = sorted(ents, key=lambda e: (-self.metrics[e]["pagerank"],
                                                       ents[e].label, e))
        return self._ranked

    def top(self, n: int | None) -> list[str]:
        """The ``n`` entities of highest PageRank (all of them for ``None``)."""
        ranked = self.ranked()
        return ranked if n is None else ranked[:max(n, 0)]

    def label(self, iri: str) -> str:
        e = self.corpus.entities.get(iri)
        if e is not None:
            return e.label
        a = self.corpus.articles.get(iri)
        return a.name if a is not None else iri

    # -- tables ----------------------------------------------------------------------------
    def nodes_table(self) -> list[dict]:
        rows = []
        for rank, iri in enumerate(self.ranked(), 1):
            e = self.corpus.entities[iri]
            rows.append({"rank": rank, "iri": iri, "label": e.label, "type": e.type,
                         "level": e.level or "", "code": e.code or "",
                         **self.metrics[iri], "aliases": SEP.join(e.aliases)})
        return rows

    def _group_rows(self, groups: list[list[str]], name: str) -> list[dict]:
        ent_arts = self.corpus.entity_articles()
        rank = {iri: i for i, iri in enumerate(self.ranked())}
        rows = []
        for i, group in enumerate(groups):
            types: dict[str, int] = {}
            for iri in group:
                t = self.corpus.entities[iri].type
                types[t] = types.get(t, 0) + 1
            arts = {a for iri in group for a in ent_arts.get(iri, ())}
            top = sorted(group, key=rank.__getitem__)[:TOP_MEMBERS]
            rows.append({name: i, "size": len(group),
                         "types": SEP.join(f"{t} {n}" for t, n in
                                           sorted(types.items(), key=lambda x: (-x[1], x[0]))),
                         "articles": len(arts),
                         "top_members": SEP.join(self.label(x) for x in top)})
        return rows

    def communities_table(self) -> list[dict]:
        return self._group_rows(self.communities, "community")

    def components_table(self) -> list[dict]:
        return self._group_rows(self.components, "component")

    def relations_table(self) -> list[dict]:
        rows = []
        for r in self.corpus.relations:
            ev = r.evidence[0] if r.evidence else None
            art = self.corpus.articles.get(ev.article) if ev else None
            rows.append({"subject": r.subject, "subject_label": self.label(r.subject),
                         "relation": r.predicate, "object": r.object,
                         "object_label": self.label(r.object), "post": SEP.join(r.posts),
                         "evidence": len(r.evidence),
                         "sentence": ev.sentence if ev else "",
                         "article_file": art.file if art else ""})
        return rows

    def articles_table(self) -> list[dict]:
        rows = []
        ents = self.corpus.entities
        for iri, a in sorted(self.corpus.articles.items(),
                             key=lambda kv: (kv[1].day is None, kv[1].day or date.min,
                                             kv[1].file)):
            mentioned = self.corpus.article_entities.get(iri, [])
            rows.append({"article": iri, "file": a.file, "title": a.title or "",
                         "date": a.day.isoformat() if a.day else "", "entities": len(mentioned),
                         "divisions": sum(ents[e].type == "AdministrativeDivision"
                                          for e in mentioned),
                         "slogans": sum(ents[e].type == "Slogan" for e in mentioned)})
        return rows

    def slogans_table(self) -> list[dict]:
        rows = []
        for d in self.diffusion:
            first = self.corpus.articles.get(d.first_article) if d.first_article else None
            rows.append({"slogan": d.slogan, "label": d.label, "articles": len(d.articles),
                         "undated_articles": d.undated_articles, "divisions": len(d.divisions),
                         "first_date": _iso(d.first_date),
                         "first_article_file": first.file if first else "",
                         "first_article_title": (first.title or "") if first else "",
                         "last_date": _iso(d.last_date),
                         "division_labels": SEP.join(self.label(r.division)
                                                     for r in d.divisions)})
        return rows

    def slogan_diffusion_table(self) -> list[dict]:
        rows = []
        for d in self.diffusion:
            for s in d.timeline:
                rows.append({"slogan": d.slogan, "label": d.label, "date": s.date.isoformat(),
                             "articles": len(s.articles),
                             "new_divisions": SEP.join(self.label(x) for x in s.new_divisions),
                             "cumulative_divisions": s.cumulative_divisions,
                             "cumulative_articles": s.cumulative_articles,
                             "article_files": SEP.join(self.corpus.articles[a].file
                                                       for a in s.articles)})
        return rows

    def slogan_divisions_table(self) -> list[dict]:
        rows = []
        for d in self.diffusion:
            for r in d.divisions:
                e = self.corpus.entities[r.division]
                rows.append({"slogan": d.slogan, "slogan_label": d.label,
                             "division": r.division, "division_label": e.label,
                             "level": e.level or "", "code": e.code or "",
                             "articles": len(r.articles), "first_date": _iso(r.first_date)})
        return rows

    # -- graphs with their metrics ---------------------------------------------------------
    def annotated(self, which: str) -> nx.Graph:
        """A copy of ``entity``, ``comention`` or ``bipartite`` graph, metrics on its nodes."""
        g = {"entity": self.entity_graph, "comention": self.comention_graph,
             "bipartite": self.bipartite_graph}[which].copy()
        for n, attrs in g.nodes(data=True):
            attrs.update({k: v for k, v in self.metrics.get(n, {}).items()
                          if k not in ("articles", "mentions")})
        return g


def analyze(source: Graph | Corpus, *, seed: int = 0, betweenness: bool = True,
            sample_above: int = m.SAMPLE_ABOVE, k: int = m.SAMPLE_K,
            since=None, until=None) -> Analysis:
    """Analyse a loaded graph (or an already read :class:`Corpus`); see the module docstring.

    ``betweenness=False`` skips the slowest metric (its column is then empty);
    above ``sample_above`` nodes it is estimated from ``k`` pivots drawn with ``seed``.
    ``since``/``until`` (dates) keep the articles published in that period
    (:meth:`Corpus.between`: undated ones are then left out).
    """
    corpus = source if isinstance(source, Corpus) else read_corpus(source)
    corpus = corpus.between(since, until)
    eg, cg, bg = entity_graph(corpus), comention_graph(corpus), bipartite_graph(corpus)
    pr = m.pagerank(cg)
    deg, wdeg = m.degrees(cg)
    if betweenness:
        btw, pivots = m.betweenness(cg, seed=seed, sample_above=sample_above, k=k)
    else:
        btw, pivots = {}, None
    comms = m.communities(cg, seed=seed)
    comps = m.components(cg)
    comm_of, comp_of = m.membership(comms), m.membership(comps)
    rel_pr = m.pagerank(eg)
    metrics = {}
    for iri in corpus.entities:
        metrics[iri] = {
            "articles": cg.nodes[iri]["articles"], "mentions": cg.nodes[iri]["mentions"],
            "pagerank": round(pr.get(iri, 0.0), 6), "degree": deg.get(iri, 0),
            "weighted_degree": wdeg.get(iri, 0),
            "betweenness": round(btw[iri], 6) if iri in btw else "",
            "community": comm_of.get(iri, -1), "component": comp_of.get(iri, -1),
            "relation_in": eg.in_degree(iri), "relation_out": eg.out_degree(iri),
            "relation_pagerank": round(rel_pr.get(iri, 0.0), 6),
        }
    return Analysis(corpus=corpus, entity_graph=eg, comention_graph=cg, bipartite_graph=bg,
                    metrics=metrics, communities=comms, components=comps,
                    diffusion=slogan_diffusion(corpus), seed=seed, betweenness_pivots=pivots,
                    betweenness_computed=betweenness)


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


__all__ = ["Analysis", "analyze", "NODE_COLUMNS", "COMMUNITY_COLUMNS", "COMPONENT_COLUMNS",
           "RELATION_COLUMNS", "ARTICLE_COLUMNS", "SLOGAN_COLUMNS", "DIFFUSION_COLUMNS",
           "SLOGAN_DIVISION_COLUMNS"]
