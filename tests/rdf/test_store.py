"""The graph store (OUT/store): round trip, per-article replacement, clear errors."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
import warnings

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import InputError, KgError, OutputError
from kg.rdf import store as store_mod
from kg.rdf.export import write_outputs
from kg.rdf.graph import build_dataset
from kg.rdf.iri import graph_iri
from kg.rdf.store import (STORE_DIR, ensure_store_writable, load_into_store, open_store,
                          replace_graph, store_dataset, union_triples)


def named_graphs(ds: Dataset) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return {g.identifier: g for g in ds.graphs() if len(g)}


def read_trig(path) -> Dataset:
    ds = Dataset(default_union=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(path, format="trig")
    return ds


def assert_same(ds_a: Dataset, ds_b: Dataset) -> None:
    a, b = named_graphs(ds_a), named_graphs(ds_b)
    assert set(a) == set(b)
    for name in a:
        assert isomorphic(a[name], b[name]), name


def assert_union(store) -> None:
    """The default graph is the union of the named graphs, each triple once (no blank nodes)."""
    named = {q.triple for q in store.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, ox.DefaultGraph)
             and not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    assert union_triples(store) == named


def test_round_trip_is_isomorphic_to_the_trig_export(tmp_path, ext_a, ext_b):
    ds = build_dataset([ext_a, ext_b])
    write_outputs(ds, tmp_path)
    report = load_into_store(ds, tmp_path)
    assert report.rebuilt and report.added == 2
    assert report.quads == sum(len(g) for g in named_graphs(ds).values()) + len(ds)
    assert (tmp_path / STORE_DIR / "CURRENT").is_file()
    with open_store(tmp_path) as store:
        assert {g.value for g in store.named_graphs()} == \
            {str(graph_iri("dir/a01.txt")), str(graph_iri("b02.txt"))}
        back = store_dataset(store)
        union = union_triples(store)
        assert_union(store)
    assert_same(back, read_trig(tmp_path / "graph.trig"))
    # the default graph is graph.ttl, each triple once (辽中区 is in both articles)
    ttl = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    assert len(union) == len(ttl)
    assert isomorphic(Graph().parse(data=ox.serialize(union, format=ox.RdfFormat.N_TRIPLES)
                                    .decode(), format="nt"), ttl)
    # no temporary folders left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig", "graph.ttl", STORE_DIR]


def test_loading_the_same_dataset_again_touches_nothing(tmp_path, ext_a, ext_b):
    ds = build_dataset([ext_a, ext_b])
    load_into_store(ds, tmp_path)
    report = load_into_store(ds, tmp_path)
    assert (report.added, report.replaced, report.unchanged, report.removed) == (0, 0, 2, 0)
    assert not report.rebuilt


def test_rebuilding_an_article_replaces_its_graph_only(tmp_path, ext_a, ext_b):
    load_into_store(build_dataset([ext_a, ext_b]), tmp_path)
    # the article changed: one mention and its relations fewer
    fewer = dataclasses.replace(ext_a, mentions=ext_a.mentions[:-1], relations=ext_a.relations[:1])
    new = build_dataset([fewer, ext_b])
    report = load_into_store(new, tmp_path)
    assert (report.added, report.replaced, report.unchanged, report.removed) == (0, 1, 1, 0)
    with open_store(tmp_path) as store:
        back = store_dataset(store)
        a = ox.NamedNode(str(graph_iri("dir/a01.txt")))
        texts = {q.object.value for q in store.quads_for_pattern(None, None, None, a)}
    assert_same(back, new)
    assert "花园路街道" not in texts  # the dropped mention left no triple behind
    with open_store(tmp_path) as store:
        assert_union(store)
        labels = {q.object.value for q in store.quads_for_pattern(None, None, None,
                                                                   ox.DefaultGraph())}
    assert "花园路街道" not in labels  # gone from the union too
    assert "辽中区" in labels  # still named by article b


def test_an_article_no_longer_built_is_dropped(tmp_path, ext_a, ext_b):
    load_into_store(build_dataset([ext_a, ext_b]), tmp_path)
    report = load_into_store(build_dataset([ext_b]), tmp_path)
    assert report.removed == 1 and report.unchanged == 1
    with open_store(tmp_path) as store:
        assert [g.value for g in store.named_graphs()] == [str(graph_iri("b02.txt"))]
        assert_union(store)


def test_a_big_change_is_a_fresh_bulk_load_swapped_in(tmp_path, ext_a, ext_b, monkeypatch):
    load_into_store(build_dataset([ext_a]), tmp_path)
    monkeypatch.setattr(store_mod, "REBUILD_MIN_QUADS", 0)
    new = build_dataset([ext_b])
    report = load_into_store(new, tmp_path)
    assert report.rebuilt and report.added == 1 and report.removed == 1
    with open_store(tmp_path) as store:
        assert_same(store_dataset(store), new)
        assert_union(store)
    assert [p.name for p in tmp_path.iterdir()] == [STORE_DIR]


class Recorder:
    """A store that records the updates replace_graph sends (each is one transaction)."""

    def __init__(self, store):
        self.store, self.updates = store, []

    def quads_for_pattern(self, *args):
        return self.store.quads_for_pattern(*args)

    def update(self, text):
        self.updates.append(text)
        return self.store.update(text)


def test_replace_graph_is_one_update(ext_a):
    store = ox.Store()
    g = ox.NamedNode("http://example.org/g")
    ex = "http://example.org/"
    old = [ox.Triple(ox.NamedNode(ex + "s"), ox.NamedNode(ex + "p"), ox.Literal(str(i)))
           for i in range(5)]
    new = old[2:] + [ox.Triple(ox.NamedNode(ex + "s"), ox.NamedNode(ex + "q"),
                               ox.Literal('"} ; DROP ALL ; {\n\\ "quoted"', language="zh"))]
    other = ox.Quad(ox.NamedNode(ex + "o"), ox.NamedNode(ex + "p"), ox.Literal("x"),
                    ox.NamedNode(ex + "other"))
    store.add(other)
    assert replace_graph(store, g, old) == "added"
    rec = Recorder(store)
    assert replace_graph(rec, g, new) == "replaced"
    assert len(rec.updates) == 1  # the clear and the load in one transaction
    assert "DELETE DATA" in rec.updates[0] and "INSERT DATA" in rec.updates[0]
    assert {q.triple for q in store.quads_for_pattern(None, None, None, g)} == set(new)
    assert list(store.quads_for_pattern(None, None, None, ox.NamedNode(ex + "other"))) == [other]
    assert replace_graph(rec, g, new) == "unchanged" and len(rec.updates) == 1
    # the union: graph g's triples, plus the other graph's triple, which was never loaded
    # through replace_graph and so never entered the union
    assert union_triples(store) == set(new)
    assert replace_graph(rec, g, []) == "removed" and len(rec.updates) == 2
    assert g not in set(store.named_graphs()) and union_triples(store) == set()


def test_the_union_keeps_a_triple_while_any_graph_has_it():
    store = ox.Store()
    ex = "http://example.org/"
    shared = ox.Triple(ox.NamedNode(ex + "辽中区"), ox.NamedNode(ex + "label"), ox.Literal("辽中区"))
    own = ox.Triple(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "p"), ox.Literal("a"))
    g1, g2 = ox.NamedNode(ex + "g1"), ox.NamedNode(ex + "g2")
    replace_graph(store, g1, [shared, own])
    replace_graph(store, g2, [shared])
    assert union_triples(store) == {shared, own}
    assert len(list(store.query("SELECT * WHERE { ?s ?p ?o }"))) == 2  # each triple once
    replace_graph(store, g1, [])
    assert union_triples(store) == {shared}
    replace_graph(store, g2, [])
    assert union_triples(store) == set() and len(store) == 0


def test_replace_graph_with_blank_nodes_drops_then_loads():
    store = ox.Store()
    g = ox.NamedNode("http://example.org/g")
    p = ox.NamedNode("http://example.org/p")
    first = [ox.Triple(ox.BlankNode("b1"), p, ox.Literal("1"))]
    second = [ox.Triple(ox.BlankNode("b2"), p, ox.Literal("2")),
              ox.Triple(ox.BlankNode("b2"), p, ox.Literal("3"))]
    replace_graph(store, g, first)
    rec = Recorder(store)
    replace_graph(rec, g, second)
    assert len(rec.updates) == 1 and "DROP SILENT GRAPH" in rec.updates[0]
    objects = sorted(q.object.value for q in store.quads_for_pattern(None, None, None, g))
    assert objects == ["2", "3"]
    assert union_triples(store) == set()  # blank nodes stay out of the union


def test_literals_survive_the_update_text(tmp_path):
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("https://w3id.org/kg/id/graph/1"))
    tricky = ['"} ; DROP ALL ; {', 'back\\slash', 'new\nline\ttab', "“引号”《书名》", "'single'"]
    for i, text in enumerate(tricky):
        g.add((URIRef(f"https://w3id.org/kg/id/x/{i}"), URIRef("https://w3id.org/kg/ontology#text"),
               Literal(text)))
    load_into_store(ds, tmp_path)  # fresh: bulk
    g.add((URIRef("https://w3id.org/kg/id/x/9"), URIRef("https://w3id.org/kg/ontology#text"),
           Literal('"""triple"""', lang="zh")))
    g.add((BNode(), URIRef("https://w3id.org/kg/ontology#text"), Literal("blank")))
    report = load_into_store(ds, tmp_path)  # incremental: the update text
    assert report.replaced == 1
    with open_store(tmp_path) as store:
        assert_same(store_dataset(store), ds)
        assert_union(store)
        assert '"} ; DROP ALL ; {' in {t.object.value for t in union_triples(store)}


# -- errors ------------------------------------------------------------------------------------

def test_missing_output_folder(tmp_path):
    with pytest.raises(InputError) as err:
        with open_store(tmp_path / "nowhere"):
            pass
    assert "no such output folder" in str(err.value) and "kg build" in str(err.value)


def test_folder_without_store_says_run_kg_build(tmp_path):
    (tmp_path / "graph.trig").write_text("")
    with pytest.raises(InputError) as err:
        with open_store(tmp_path):
            pass
    message = str(err.value)
    assert str(tmp_path) in message and "no graph store" in message and "kg build" in message


def test_damaged_store(tmp_path, ext_b):
    load_into_store(build_dataset([ext_b]), tmp_path)
    (tmp_path / STORE_DIR / "CURRENT").write_text("garbage\n")
    with pytest.raises(InputError) as err:
        with open_store(tmp_path):
            pass
    assert "damaged" in str(err.value) and "kg build" in str(err.value)
    assert str(tmp_path / STORE_DIR) in str(err.value)


def test_a_folder_in_the_way(tmp_path, ext_b):
    (tmp_path / STORE_DIR).mkdir()
    (tmp_path / STORE_DIR / "notes.txt").write_text("mine")
    with pytest.raises(OutputError) as err:
        load_into_store(build_dataset([ext_b]), tmp_path)
    assert "in the way" in str(err.value)
    with pytest.raises(OutputError, match="in the way"):
        ensure_store_writable(tmp_path)
    assert (tmp_path / STORE_DIR / "notes.txt").read_text() == "mine"


def test_store_held_in_this_process(tmp_path, ext_b):
    load_into_store(build_dataset([ext_b]), tmp_path)
    with open_store(tmp_path):
        with pytest.raises(KgError) as err:
            with open_store(tmp_path):
                pass
    assert "in use by this process" in str(err.value)
    with open_store(tmp_path) as store:  # released when the first one closed
        assert len(store) > 0


def test_store_held_by_another_process(tmp_path, ext_a, ext_b):
    load_into_store(build_dataset([ext_b]), tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, pyoxigraph
            store = pyoxigraph.Store({str(tmp_path / STORE_DIR)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(InputError) as err:
            with open_store(tmp_path):
                pass
        message = str(err.value)
        assert "in use by another process" in message and str(tmp_path / STORE_DIR) in message
        assert "kg serve" in message
        with pytest.raises(OutputError):  # writing (kg build) is refused the same way
            load_into_store(build_dataset([ext_a, ext_b]), tmp_path)
        with pytest.raises(OutputError, match="in use by another process"):
            ensure_store_writable(tmp_path)  # ... and kg build can find out before it starts
    finally:
        holder.stdin.close()
        holder.wait(10)
    assert os.path.isdir(tmp_path / STORE_DIR)
    assert load_into_store(build_dataset([ext_a, ext_b]), tmp_path).added == 1


def test_a_bad_iri_is_refused_and_leaves_nothing(tmp_path):
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("https://w3id.org/kg/id/graph/1"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdflib warns about the IRI too
        g.add((URIRef("https://w3id.org/kg/id/x/a b"), URIRef("https://w3id.org/kg/ontology#p"),
               Literal("x")))
    with pytest.raises(OutputError) as err:
        load_into_store(ds, tmp_path)
    assert "a b" in str(err.value)
    assert list(tmp_path.iterdir()) == []  # no store, no temporary folder


def test_blank_nodes_on_a_fresh_load(tmp_path):
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("https://w3id.org/kg/id/graph/1"))
    p = URIRef("https://w3id.org/kg/ontology#p")
    g.add((BNode("b1"), p, Literal("blank")))
    g.add((URIRef("https://w3id.org/kg/id/x/1"), p, Literal("iri")))
    load_into_store(ds, tmp_path)
    with open_store(tmp_path) as store:
        assert_same(store_dataset(store), ds)
        assert {t.object.value for t in union_triples(store)} == {"iri"}


def test_an_empty_store_folder_is_fine(tmp_path, ext_b):
    ensure_store_writable(tmp_path)  # no store yet: fine
    (tmp_path / STORE_DIR).mkdir()
    ensure_store_writable(tmp_path)
    assert load_into_store(build_dataset([ext_b]), tmp_path).added == 1
    with open_store(tmp_path) as store:
        assert len(store) > 0
