"""The three networkx graphs of a corpus.

* :func:`entity_graph` -- the typed entity graph: every entity a node (``type``,
  ``label``, ``level``, ``code``), an edge per relation triple (``relation`` =
  runs, belongsTo, promotes, coOrganizes, holdsPost) and per ``kg:partOf`` link,
  directed, parallel edges kept (a MultiDiGraph keyed by the relation name);
* :func:`comention_graph` -- entities linked when one article mentions both,
  ``weight`` = the number of such articles (undirected);
* :func:`bipartite_graph` -- articles and entities (``bipartite`` 0 and 1),
  an edge where the article mentions the entity.

Node ids are IRIs (strings), the same in all three graphs.
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx

from kg.analysis.corpus import Corpus, Entity


def _node_attrs(e: Entity, articles: int) -> dict:
    attrs = {"label": e.label, "type": e.type, "mentions": e.mentions, "articles": articles}
    if e.level:
        attrs["level"] = e.level
    if e.code:
        attrs["code"] = e.code
    return attrs


def _add_entities(g: nx.Graph, corpus: Corpus) -> None:
    by_entity = corpus.entity_articles()
    counts = {e: len(a) for e, a in by_entity.items()}
    for iri, e in corpus.entities.items():
        attrs = _node_attrs(e, counts.get(iri, 0))
        days = sorted(d for d in (corpus.articles[a].day for a in by_entity.get(iri, ())
                                  if a in corpus.articles) if d is not None)
        if days:  # for Gephi's timeline (kg.analysis.export.to_gexf) and filters
            attrs["first_date"], attrs["last_date"] = days[0].isoformat(), days[-1].isoformat()
        g.add_node(iri, **attrs)


def entity_graph(corpus: Corpus) -> nx.MultiDiGraph:
    """Entities and the relations between them (kg:partOf included); see the module docstring."""
    g = nx.MultiDiGraph(name="kg typed entity graph")
    _add_entities(g, corpus)
    for rel in corpus.relations:
        attrs = {"relation": rel.predicate, "evidence": len(rel.evidence)}
        if rel.evidence:
            attrs["sentence"] = rel.evidence[0].sentence
            attrs["article"] = rel.evidence[0].article
        g.add_edge(rel.subject, rel.object, key=rel.predicate, **attrs)
    return g


def comention_graph(corpus: Corpus) -> nx.Graph:
    """Entities linked by the articles that mention both (``weight`` = their number)."""
    g = nx.Graph(name="kg co-mention graph")
    _add_entities(g, corpus)
    weights: Counter = Counter()
    for entities in corpus.article_entities.values():
        weights.update(combinations(entities, 2))  # entities are sorted: one key per pair
    for (a, b), w in sorted(weights.items()):
        g.add_edge(a, b, weight=w)
    return g


def bipartite_graph(corpus: Corpus) -> nx.Graph:
    """Articles (``bipartite=0``) and entities (``bipartite=1``), linked by kg:mentions."""
    g = nx.Graph(name="kg article-entity graph")
    for iri, a in corpus.articles.items():
        attrs = {"bipartite": 0, "type": "Article", "label": a.name, "file": a.file}
        if a.day:
            attrs["date"] = a.day.isoformat()
        g.add_node(iri, **attrs)
    _add_entities(g, corpus)
    for n in corpus.entities:
        g.nodes[n]["bipartite"] = 1
    for art, entities in corpus.article_entities.items():
        g.add_edges_from((art, e) for e in entities)
    return g


__all__ = ["entity_graph", "comention_graph", "bipartite_graph"]
