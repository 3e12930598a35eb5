"""kg push and kg query --endpoint against a real Oxigraph server started here (loopback).

The ``oxigraph`` PyPI package (the test extra) ships the server; without it these
tests are skipped with the reason printed.
"""
from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import KgError, QueryError
from kg.query.push import push_store
from kg.query.remote import query_endpoint
from kg.query.saved import saved_query
from kg.rdf.store import open_store, union_triples

pytestmark = pytest.mark.slow


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_oxigraph(location: Path) -> Iterator[str]:
    """``oxigraph serve`` on a free loopback port over ``location``: its base URL, stopped after.

    Skips the test when the server is not installed (reason printed).
    """
    binary = oxigraph_binary()
    if binary is None:
        reason = "the oxigraph server is not installed (pip install oxigraph, in the test extra)"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind",
                             f"127.0.0.1:{port}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"oxigraph serve exited: {proc.stdout.read().decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not start within 30 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph-db")) as base:
        yield base


def count(endpoint: str, graphs: bool = True) -> int:
    pattern = "GRAPH ?g { ?s ?p ?o }" if graphs else "?s ?p ?o"
    result = query_endpoint(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(result.column("n")[0])


def local_rows(store, name, **params):
    from kg.query.engine import run_query
    p = {k: ox.Literal(v) for k, v in params.items()}
    return sorted(run_query(store, saved_query(name).text, p).rows, key=str)


def test_push_then_query(oxigraph, cli_out, capsys):
    status = main(["push", str(cli_out), "--endpoint", oxigraph + "/store"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "kg push summary" in out and "graphs" in out
    assert "pushing: 3/3 (100%)" in err  # progress: two articles and the union
    with open_store(cli_out) as store:
        union = len(union_triples(store))
        quads = len(store) - union
        graphs = {g.value for g in store.named_graphs()}
        local = {name: local_rows(store, name, **params) for name, params in (
            ("division-programmes", {"division": "辽宁省"}), ("slogan-spread", {}),
            ("evidence", {"entity": "理论超市"}), ("entities", {"type": "Slogan"}))}
    del store
    assert count(oxigraph + "/query") == quads
    assert count(oxigraph + "/query", graphs=False) == union
    remote_graphs = query_endpoint(oxigraph + "/query",
                                   "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert set(remote_graphs.column("g")) == graphs
    # saved queries, parameters bound through the checked VALUES block, same answers
    for name, params in (("division-programmes", {"division": "辽宁省"}), ("slogan-spread", {}),
                         ("evidence", {"entity": "理论超市"}), ("entities", {"type": "Slogan"})):
        remote = query_endpoint(oxigraph + "/query", saved_query(name).text,
                                {k: ox.Literal(v) for k, v in params.items()})
        assert sorted(remote.rows, key=str) == local[name], name
    # pushing again replaces each graph: nothing doubles
    assert main(["push", str(cli_out), "--endpoint", oxigraph + "/store", "--quiet"]) == 0
    assert count(oxigraph + "/query") == quads
    assert count(oxigraph + "/query", graphs=False) == union


def test_query_endpoint_from_the_command_line(oxigraph, cli_out, capsys):
    assert main(["push", str(cli_out), "--endpoint", oxigraph + "/store", "-q"]) == 0
    capsys.readouterr()
    status = main(["query", "division-programmes", "--param", "division=天津市",
                   "--endpoint", oxigraph + "/query", "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 0, err
    names = {b["name"]["value"] for b in json.loads(out)["results"]["bindings"]}
    assert {"理论超市", "基层论谈"} <= names
    status = main(["query", "evidence", "--param", 'entity="} ; DROP ALL ; {',
                   "--endpoint", oxigraph + "/query"])
    out, _ = capsys.readouterr()
    assert status == 0 and out.splitlines()[-1] == "(0 rows)"
    assert count(oxigraph + "/query") > 1000  # nothing was dropped
    status = main(["query", "CONSTRUCT { ?d kg:partOf ?p } WHERE { ?d kg:partOf ?p }",
                   "--endpoint", oxigraph + "/query"])
    out, _ = capsys.readouterr()
    assert status == 0 and "kg:partOf" in out


def test_endpoint_errors(oxigraph):
    with pytest.raises(QueryError) as err:
        query_endpoint(oxigraph + "/query", "SELECT * WHERE { ?s ?p }")
    assert "400" in str(err.value)
    with pytest.raises(QueryError, match="cannot reach"):
        query_endpoint(f"http://127.0.0.1:{free_port()}/query", "ASK {}", timeout=5)
    with pytest.raises(KgError, match="not an HTTP URL"):
        query_endpoint("ftp://127.0.0.1/x", "ASK {}")


def test_push_to_a_wrong_url_stops_at_once(oxigraph, cli_out):
    with pytest.raises(KgError) as err:
        push_store(cli_out, oxigraph + "/nowhere")
    assert "refused the first graph" in str(err.value) and "Graph Store" in str(err.value)
    with pytest.raises(KgError, match="refused the first graph"):
        push_store(cli_out, f"http://127.0.0.1:{free_port()}/store", timeout=5)


def test_push_into_kg_serve_is_refused(serve, seeds_store, cli_out):
    url = serve(seeds_store)
    with pytest.raises(KgError) as err:
        push_store(cli_out, url + "store")
    assert "403" in str(err.value)
