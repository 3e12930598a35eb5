"""kg.rdf.update.BatchLoader: a new store loaded batch by batch, at once or at the end."""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.rdf.export import Staging
from kg.rdf.update import BatchLoader

EX = "https://example.org/"


def graphs(n: int):
    """``n`` small invented graphs sharing one node (their union holds it once)."""
    shared = URIRef(EX + "shared")
    for i in range(n):
        yield URIRef(f"{EX}g{i}"), [(URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(f"值{i}")),
                                    (shared, URIRef(EX + "label"), Literal("共有"))]


def quads(path) -> set:
    store = ox.Store.read_only(str(path))
    return {(q.subject, q.predicate, q.object, q.graph_name) for q in store}


@pytest.mark.parametrize("defer", [False, True], ids=["as they come", "at the end"])
def test_batches_loaded_as_they_come_or_at_the_end_make_the_same_store(tmp_path, defer):
    out = tmp_path / f"out-{defer}"
    with Staging(out) as staging:
        loader = BatchLoader(out, defer=defer)
        for k, (name, triples) in enumerate(graphs(7)):
            staging.add(name, triples)
            if k % 2 == 1:
                loader.submit(*staging.rotate())
        if defer:
            assert len(loader._deferred) == 3  # recorded, not loaded yet
            assert all(p.exists() for pair in loader._deferred for p in pair)
        prepared = loader.finish(staging)
        left = sorted(p.name for p in staging.folder.iterdir())
    assert left == ["blank.nt", "named.nq", "union.nt"]  # each batch removed once loaded
    got = quads(prepared.temp)
    assert prepared.quads == len(got) == 7 * 2 + 7 + 1  # named graphs + their union
    default = {q for q in got if q[3] == ox.DefaultGraph()}
    assert len(default) == 8  # the shared triple once
    assert {str(q[3].value) for q in got if q[3] != ox.DefaultGraph()} == \
        {f"{EX}g{i}" for i in range(7)}
    shutil.rmtree(prepared.temp)


def test_a_failed_deferred_load_fails_the_finish(tmp_path, monkeypatch):
    out = tmp_path / "out"

    def broken(self, named, union):
        raise OSError(28, "No space left on device")

    with Staging(out) as staging:
        loader = BatchLoader(out, defer=True)
        for name, triples in graphs(2):
            staging.add(name, triples)
            loader.submit(*staging.rotate())
        monkeypatch.setattr(BatchLoader, "_load", broken)
        with pytest.raises(OSError):
            loader.finish(staging)
        loader.discard()
    assert not loader.temp.exists()
