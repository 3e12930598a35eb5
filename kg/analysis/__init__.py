"""Analysis of a built graph with networkx: metrics, communities, slogan diffusion.

Typical use::

    from kg.analysis import load_graph, analyze, select, frame

    ds = load_graph("out")            # OUT/store (else OUT/graph.trig) as an rdflib Dataset
    a = analyze(ds)                   # graphs, metrics, communities, diffusion
    a.comention_graph                 # networkx graphs: entity_graph, bipartite_graph
    a.nodes_table()[:10]              # plain rows (list of dicts)
    frame(a.nodes_table())            # ... as a pandas DataFrame (pandas optional)
    frame(select(ds, "SELECT ?s WHERE { ?s a kg:Slogan }"))

Nothing here writes files: ``kg analyze`` and notebooks do.  This layer may
import kg.rdf and kg.query, never kg.viz.
"""
from __future__ import annotations

from kg.analysis.analyze import Analysis, analyze
from kg.analysis.corpus import Corpus, read_corpus
from kg.analysis.graphs import bipartite_graph, comention_graph, entity_graph
from kg.analysis.load import graph_file, load_graph
from kg.analysis.metrics import betweenness, communities, components, pagerank
from kg.analysis.slogans import Diffusion, slogan_diffusion
from kg.analysis.sparql import frame, run, saved, select
from kg.analysis.workspace import seeds_dir

__all__ = ["saved", "Analysis", "analyze", "Corpus", "read_corpus", "entity_graph", "comention_graph",
           "bipartite_graph", "load_graph", "graph_file", "pagerank", "betweenness",
           "communities", "components", "Diffusion", "slogan_diffusion", "select", "run",
           "frame", "seeds_dir"]
