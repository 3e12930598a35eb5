"""Loading OUT/graph.trig and running kg's .rq queries with bound variables."""
from __future__ import annotations

import pytest
from rdflib import Literal

from kg.analysis import frame, load_graph, run, select
from kg.analysis.sparql import query_text
from kg.errors import InputError, QueryError
from kg.rdf.vocab import KG

from .helpers import LIAOZHONG


def test_missing_folder_names_it_and_says_build_first(tmp_path):
    with pytest.raises(InputError) as err:
        load_graph(tmp_path / "nope")
    assert str(tmp_path / "nope") in str(err.value)
    assert "run kg build first" in str(err.value)


def test_folder_without_graph(tmp_path):
    with pytest.raises(InputError) as err:
        load_graph(tmp_path)
    assert str(tmp_path) in str(err.value) and "graph.trig" in str(err.value)
    assert "run kg build first" in str(err.value)


def test_unreadable_graph(tmp_path):
    (tmp_path / "graph.trig").write_text("this is { not trig", "utf-8")
    with pytest.raises(InputError, match="not readable TriG"):
        load_graph(tmp_path)


def test_dataset_has_named_graphs_and_union(handmade_out):
    ds = load_graph(handmade_out)
    named = [g for g in ds.graphs() if len(g)]
    assert len(named) == 3  # one per article
    assert (None, KG.partOf, None) in ds  # the default graph is the union


def test_queries_are_files_with_bound_variables(handmade_out):
    ds = load_graph(handmade_out)
    assert "?predicate" in query_text("relations")
    part_of = run(ds, "relations", {"predicate": KG.partOf})
    holds = run(ds, "relations", {"predicate": KG.holdsPost})
    assert [r["subject"].split("/")[-2] for r in holds] == ["person"]
    assert [r["object"] for r in holds] == [LIAOZHONG]
    assert {(r["subject"], r["object"]) for r in part_of} >= {
        (LIAOZHONG, "https://w3id.org/kg/id/division/210100")}


def test_unknown_query_lists_known_ones():
    with pytest.raises(QueryError, match="known queries: .*relations"):
        query_text("nope")


def test_select_user_query_with_prefixes_and_bindings(handmade_out):
    ds = load_graph(handmade_out)
    rows = select(ds, "SELECT ?e WHERE { ?e rdfs:label ?name }",
                  {"name": Literal("辽中区", lang="zh")})
    assert [r["e"] for r in rows] == [LIAOZHONG]
    rows = select(ds, "SELECT ?a ?d WHERE { ?a a kg:Article OPTIONAL { ?a dcterms:issued ?d } }")
    assert len(rows) == 3 and sum(r["d"] is None for r in rows) == 1


def test_bad_sparql_is_a_query_error(handmade_out):
    with pytest.raises(QueryError, match="the query failed"):
        select(load_graph(handmade_out), "SELECT WHERE {")


def test_frame_is_a_dataframe(handmade_out):
    pd = pytest.importorskip("pandas")
    df = frame(select(load_graph(handmade_out), "SELECT ?s WHERE { ?s a kg:Slogan }"))
    assert isinstance(df, pd.DataFrame) and list(df.columns) == ["s"] and len(df) == 1
