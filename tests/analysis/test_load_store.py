"""load_graph reads OUT/store when it can, the same Dataset as graph.trig, else graph.trig."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import warnings

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.analysis import load_graph
from kg.analysis.store_load import StoreUnusable, read_store
from kg.errors import InputError


def named(ds: Dataset) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return {g.identifier: g for g in ds.graphs()
                if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)}


def union(ds: Dataset) -> Graph:
    graph = Graph()
    for triple in ds.triples((None, None, None)):  # the default graph: the union
        graph.add(triple)
    return graph


def assert_same(a: Dataset, b: Dataset) -> None:
    ga, gb = named(a), named(b)
    assert ga.keys() == gb.keys()
    for name in ga:
        assert isomorphic(ga[name], gb[name]), name
    ua, ub = union(a), union(b)
    assert len(ua) == len(ub) == len(a) == len(b)
    assert isomorphic(ua, ub)
    assert dict(a.namespaces()) == dict(b.namespaces())


def copy_out(src, dst, *, trig: bool = True, store: bool = True):
    """What kg build wrote into ``src`` (without analysis/viz outputs), mtimes kept."""
    dst.mkdir()
    for name in ["graph.ttl", "build.json"] + ["graph.trig"] * trig:
        shutil.copy2(src / name, dst / name)
    if store:
        shutil.copytree(src / "store", dst / "store")
    return dst


def make_older(path, than) -> None:
    stamp = os.stat(than).st_mtime_ns - 10**9
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture(params=["fixture_out", "seeds_out"])
def built(request):
    """A real kg build (graph.trig, store/, build.json)."""
    return request.getfixturevalue(request.param)


def test_store_gives_the_dataset_trig_gives(built):
    assert (built / "store").is_dir()
    from_store = read_store(built)  # raises rather than falling back
    assert len(named(from_store)) >= 2
    assert_same(from_store, load_graph(built, store=False))
    assert_same(load_graph(built), from_store)


def test_store_alone_is_enough(fixture_out, tmp_path):
    out = copy_out(fixture_out, tmp_path / "out", trig=False)
    assert_same(load_graph(out), load_graph(fixture_out, store=False))
    with pytest.raises(InputError, match="no graph.trig"):
        load_graph(out, store=False)


def test_no_store_falls_back_to_trig(fixture_out, tmp_path):
    out = copy_out(fixture_out, tmp_path / "out", store=False)
    with pytest.raises(StoreUnusable, match="no graph store"):
        read_store(out)
    assert_same(load_graph(out), load_graph(fixture_out, store=False))


def test_damaged_store_falls_back_to_trig(fixture_out, tmp_path):
    out = copy_out(fixture_out, tmp_path / "out", store=False)
    (out / "store").mkdir()
    (out / "store" / "CURRENT").write_text("MANIFEST-000999\n")  # looks like RocksDB, is not
    with pytest.raises(StoreUnusable, match="cannot read the graph store"):
        read_store(out)
    assert_same(load_graph(out), load_graph(fixture_out, store=False))


def test_damaged_store_and_no_trig_is_a_clear_error(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "CURRENT").write_text("MANIFEST-000999\n")
    with pytest.raises(InputError) as err:
        load_graph(tmp_path)
    message = str(err.value)
    assert str(tmp_path) in message and "graph.trig" in message
    assert "graph store" in message and "run kg build first" in message


def test_trig_newer_than_build_report_is_read_instead_of_the_store(fixture_out, handmade_out,
                                                                    tmp_path):
    # kg build writes graph.trig, then the store, then build.json: a graph.trig newer than
    # build.json means a build is running or stopped before the store was complete.
    out = copy_out(fixture_out, tmp_path / "out")
    shutil.copy2(handmade_out / "graph.trig", out / "graph.trig")  # another graph
    make_older(out / "build.json", than=out / "graph.trig")
    with pytest.raises(StoreUnusable, match="newer than build.json"):
        read_store(out)
    assert_same(load_graph(out), load_graph(handmade_out))
    # once the build has finished (build.json written last) the store is read again
    make_older(out / "graph.trig", than=out / "build.json")
    assert_same(load_graph(out), load_graph(fixture_out, store=False))


def test_store_held_by_another_process_is_read(fixture_out, tmp_path):
    # kg serve keeps the store open read-write (and locked) while it runs
    out = copy_out(fixture_out, tmp_path / "out", trig=False)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, pyoxigraph
            store = pyoxigraph.Store({str(out / "store")!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert_same(load_graph(out), load_graph(fixture_out, store=False))
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert holder.returncode == 0


def test_store_written_while_read_falls_back_to_trig(fixture_out, handmade_out, tmp_path,
                                                     monkeypatch):
    # a read-only open is undefined while another process writes: such a read is thrown away
    from kg.analysis import store_load
    out = copy_out(fixture_out, tmp_path / "out")
    shutil.copy2(handmade_out / "graph.trig", out / "graph.trig")  # tells the sources apart
    make_older(out / "graph.trig", than=out / "build.json")
    read = store_load._dataset

    def written_meanwhile(store):
        (out / "store" / "999999.log").write_bytes(b"a write")
        return read(store)
    monkeypatch.setattr(store_load, "_dataset", written_meanwhile)
    with pytest.raises(StoreUnusable, match="changed while it was read"):
        read_store(out)
    assert_same(load_graph(out), load_graph(handmade_out))


def test_neither_store_nor_trig_is_a_clear_error(tmp_path):
    (tmp_path / "store").mkdir()  # an empty folder is no store
    for out in (tmp_path, tmp_path / "missing"):
        with pytest.raises(InputError) as err:
            load_graph(out)
        message = str(err.value)
        assert str(out) in message and "run kg build first" in message


def test_a_saved_query_as_a_dataframe_with_typed_numbers(tmp_path, seed_files):
    from kg.analysis import saved
    from kg.build import build
    build(seed_files, tmp_path / "out", jobs=1)
    df = saved(tmp_path / "out", "division-programmes", division="辽宁省")
    assert list(df.columns[:4]) == ["division", "kind", "name", "by"]
    assert len(df) > 3 and set(df["division"]) == {"辽宁省"}
    assert str(df["articles"].dtype).startswith("int")
    figures = saved(tmp_path / "out", "figures")
    assert str(figures["value"].dtype) in ("int64", "float64")
