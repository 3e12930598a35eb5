"""kg build --dask: the same chunks on the workers of a Dask cluster give the same graph.

The test starts a LocalCluster of two worker processes (what `dask scheduler` and
two `dask worker` commands on other machines would be) and builds through its
scheduler's address, as a user would.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import InputError

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

EXTRA = "\n某某市委宣传部组织青年宣讲团走进社区开展宣讲。\n"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as c:
        yield c


def graphs(out: Path) -> dict:
    from kg.rdf.store import open_store, store_dataset
    with open_store(out) as store:
        ds = store_dataset(store.store)
    return {g.identifier: g for g in ds.graphs() if len(g)}


def test_a_dask_build_gives_the_graph_of_a_local_build(cluster, seed_files, tmp_path,
                                                       monkeypatch):
    from rdflib.compare import isomorphic

    from kg.build import work
    monkeypatch.setattr(work, "CHUNK", 1)  # one chunk per article: both workers get some
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, f in enumerate(seed_files):
        shutil.copy(f, corpus / f.name)
        (corpus / f"copy{i}.txt").write_text(f.read_text("utf-8") + EXTRA, "utf-8")
    remote = build([corpus], tmp_path / "dask", dask=cluster.scheduler_address)
    local = build([corpus], tmp_path / "local", jobs=1)
    assert remote.ok and remote.articles == local.articles == 4
    a, b = graphs(tmp_path / "dask"), graphs(tmp_path / "local")
    assert set(a) == set(b) and all(isomorphic(a[k], b[k]) for k in a)
    assert remote.entities == local.entities and remote.triples == local.triples
    client = distributed.Client(cluster.scheduler_address)
    try:
        ran = client.run(lambda: sorted(__import__("kg.build.work").build.work._PIPELINES))
    finally:
        client.close()
    assert len(ran) == 2 and all(ran.values()), "both workers extracted articles"


def test_an_unreachable_scheduler_is_a_clear_error(seed_files, tmp_path):
    with pytest.raises(InputError) as err:
        build(seed_files, tmp_path / "out", dask="tcp://127.0.0.1:9")
    assert "Dask scheduler" in str(err.value) and "dask scheduler" in err.value.hint
