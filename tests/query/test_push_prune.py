"""kg push --prune: stale kg article graphs deleted, nothing else ever.

Against real ``oxigraph serve`` instances (one per test, so every test starts from an
empty server), and against a small Graph Store server in this process when a test
needs a PUT or a DELETE to fail, or a record of every request kg sent.
"""
from __future__ import annotations

import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import KgError
from kg.query.push import (ARTICLE_GRAPHS, delete_graph, is_article_graph, list_graphs,
                           push_store, put_graph)
from kg.query.remote import query_endpoint
from kg.rdf.iri import graph_iri
from kg.rdf.store import open_store, union_triples
from tests.query.test_remote import free_port, running_oxigraph

pytestmark = pytest.mark.slow

STALE = str(graph_iri("an article removed since the last push"))
STALE_2 = str(graph_iri("another removed article"))
FOREIGN = "http://example.org/their-data/graph1"
LOOKALIKES = [  # near kg's namespace, but not graphs kg mints: never deleted
    ARTICLE_GRAPHS + "not-a-digest",
    ARTICLE_GRAPHS + "0123456789ABCDEF",
    ARTICLE_GRAPHS + "0123456789abcdef/extra",
    ARTICLE_GRAPHS + "0123456789abcdef0",
    "https://w3id.org/kg/id/article/0123456789abcdef",
    "http://w3id.org/kg/id/graph/0123456789abcdef",
]
TRIPLE = b"<http://example.org/s> <http://example.org/p> \"o\" .\n"


@pytest.fixture
def oxi(tmp_path_factory):
    """A fresh ``oxigraph serve``: (Graph Store URL, query URL)."""
    with running_oxigraph(tmp_path_factory.mktemp("prune-db")) as base:
        yield base + "/store", base + "/query"


@pytest.fixture(scope="module")
def local(cli_out):
    with open_store(cli_out) as store:
        graphs = {g.value for g in store.named_graphs()}
        union = len(union_triples(store))
    return graphs, union


def seed(store_url: str, *graphs: str) -> None:
    for g in graphs:
        put_graph(store_url, ox.NamedNode(g), TRIPLE)


def server_graphs(query_url: str) -> set[str]:
    return set(list_graphs(query_url))


def default_count(query_url: str) -> int:
    result = query_endpoint(query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(result.column("n")[0])


def all_quads(query_url: str) -> int:
    result = query_endpoint(query_url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(result.column("n")[0])


# -- the namespace guard --------------------------------------------------------------------

def test_only_kg_article_graphs_are_deletable():
    assert ARTICLE_GRAPHS == "https://w3id.org/kg/id/graph/"
    assert is_article_graph(STALE) and is_article_graph(str(graph_iri("003_x.txt")))
    for iri in [FOREIGN, *LOOKALIKES, "", ARTICLE_GRAPHS]:
        assert not is_article_graph(iri), iri


def test_delete_graph_refuses_foreign_iris_without_sending(fake):
    for iri in [FOREIGN, *LOOKALIKES]:
        with pytest.raises(KgError, match="not a kg article graph") as err:
            delete_graph(fake.store_url, iri)
        assert "hint:" in str(err.value)
    assert fake.requests == []


# -- against oxigraph serve ----------------------------------------------------------------

def test_prune_deletes_stale_kg_graphs_and_nothing_else(oxi, cli_out, local, capsys):
    store_url, query_url = oxi
    graphs, union = local
    seed(store_url, STALE, STALE_2, FOREIGN, *LOOKALIKES)
    status = main(["push", str(cli_out), "--endpoint", store_url, "--prune",
                   "--query-endpoint", query_url])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert f"deleted {STALE}" in out and f"deleted {STALE_2}" in out
    assert out.count("deleted ") == 2
    assert re.search(r"^pruned\s+2$", out, re.M)
    assert re.search(r"^other graphs\s+7 kept$", out, re.M)  # FOREIGN and the lookalikes
    # the stale kg graphs are gone; the pushed ones, the foreign and lookalike ones stay
    assert server_graphs(query_url) == graphs | {FOREIGN, *LOOKALIKES}
    assert default_count(query_url) == union  # the default graph (the union) is still there
    # again: nothing left to prune
    report = push_store(cli_out, store_url, prune=True, query_url=query_url)
    assert report.ok and report.stale == [] and report.pruned == [] and report.foreign == 7
    assert server_graphs(query_url) == graphs | {FOREIGN, *LOOKALIKES}


def test_dry_run_sends_and_deletes_nothing(oxi, cli_out, capsys):
    store_url, query_url = oxi
    seed(store_url, STALE, FOREIGN, *LOOKALIKES)
    before, quads = server_graphs(query_url), all_quads(query_url)
    status = main(["push", str(cli_out), "--endpoint", store_url, "--prune", "--dry-run",
                   "--query-endpoint", query_url, "--quiet"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out.splitlines() == [f"would delete {STALE}"]  # the list, even with --quiet
    assert server_graphs(query_url) == before and all_quads(query_url) == quads
    assert default_count(query_url) == 0  # not even the push was sent
    report = push_store(cli_out, store_url, prune=True, query_url=query_url, dry_run=True)
    assert report.ok and report.dry_run and report.stale == [STALE] and report.pruned == []
    assert report.graphs == 0 and report.bytes == 0 and report.foreign == 1 + len(LOOKALIKES)
    assert server_graphs(query_url) == before


def test_query_url_of_another_dataset_skips_prune(oxi, tmp_path_factory, cli_out, capsys):
    store_url, query_url = oxi
    seed(store_url, STALE)
    with running_oxigraph(tmp_path_factory.mktemp("other-db")) as other:
        seed(other + "/store", STALE_2)
        status = main(["push", str(cli_out), "--endpoint", store_url, "--prune",
                       "--query-endpoint", other + "/query"])
        out, err = capsys.readouterr()
        assert server_graphs(other + "/query") == {STALE_2}
    assert status == 1
    assert "prune skipped" in err and "does not list" in err and "same dataset" in err
    assert "deleted" not in out
    assert STALE in server_graphs(query_url)


# -- against a Graph Store server in this process ----------------------------------------------

class FakeGraphStore(HTTPServer):
    """Graph Store (``/store``) and query (``/query``) endpoints over an in-memory store;
    ``fail_put``/``fail_delete`` answer 500/405; ``requests`` logs (method, graph param)."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.db = ox.Store()
        self.requests: list[tuple[str, str]] = []
        self.fail_put: set[str] = set()
        self.fail_delete = False
        base = f"http://127.0.0.1:{self.server_address[1]}"
        self.store_url, self.query_url = base + "/store", base + "/query"

    def writes(self) -> list[tuple[str, str]]:
        return [r for r in self.requests if r[0] != "POST"]


class _Handler(BaseHTTPRequestHandler):
    server: FakeGraphStore

    def log_message(self, *args) -> None:
        pass

    def _graph(self) -> tuple[str, ox.NamedNode | ox.DefaultGraph]:
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query,
                                       keep_blank_values=True)
        if "graph" in params:
            return params["graph"][0], ox.NamedNode(params["graph"][0])
        return "default", ox.DefaultGraph()

    def _answer(self, code: int, body: bytes = b"", ctype: str = "text/plain") -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self) -> None:
        name, graph = self._graph()
        self.server.requests.append(("PUT", name))
        data = self.rfile.read(int(self.headers["Content-Length"]))
        if name in self.server.fail_put:
            return self._answer(500, b"disk full")
        if isinstance(graph, ox.DefaultGraph):
            self.server.db.clear_graph(graph)
        elif self.server.db.contains_named_graph(graph):
            self.server.db.remove_graph(graph)
        self.server.db.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        self._answer(201)

    def do_DELETE(self) -> None:
        name, graph = self._graph()
        self.server.requests.append(("DELETE", name))
        if self.server.fail_delete:
            return self._answer(405, b"read-only dataset")
        if name == "default" or not self.server.db.contains_named_graph(graph):
            return self._answer(404)
        self.server.db.remove_graph(graph)
        self._answer(204)

    def do_POST(self) -> None:
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        self.server.requests.append(("POST", urllib.parse.urlsplit(self.path).path))
        results = self.server.db.query(form["query"][0])
        self._answer(200, results.serialize(format=ox.QueryResultsFormat.JSON),
                     "application/sparql-results+json")


@pytest.fixture
def fake():
    server = FakeGraphStore()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def fake_seed(fake: FakeGraphStore, *graphs: str) -> None:
    seed(fake.store_url, *graphs)
    fake.requests.clear()


def test_prune_sends_delete_only_for_stale_kg_graphs(fake, cli_out, local):
    graphs, union = local
    fake_seed(fake, STALE, FOREIGN, *LOOKALIKES)
    report = push_store(cli_out, fake.store_url, prune=True, query_url=fake.query_url)
    assert report.ok and report.pruned == [STALE]
    deletes = [r for r in fake.requests if r[0] == "DELETE"]
    assert deletes == [("DELETE", STALE)]  # never ?default, never another namespace
    puts = [name for method, name in fake.requests if method == "PUT"]
    assert puts == [*sorted(graphs), "default"]
    assert len(list(fake.db.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == union


@pytest.mark.parametrize("failing", ["second article", "default graph"])
def test_prune_does_not_run_when_a_put_failed(fake, cli_out, local, capsys, failing):
    graphs, _ = local
    fake_seed(fake, STALE)
    fake.fail_put.add(sorted(graphs)[1] if failing == "second article" else "default")
    status = main(["push", str(cli_out), "--endpoint", fake.store_url, "--prune",
                   "--query-endpoint", fake.query_url])
    out, err = capsys.readouterr()
    assert status == 1
    assert "kg push: failed" in err and "disk full" in err
    assert "prune skipped: 1 graph(s) failed to push" in err and "push again" in err
    assert "deleted" not in out and "pruned" in out and "skipped" in out
    assert not any(method == "DELETE" for method, _ in fake.requests)
    assert fake.db.contains_named_graph(ox.NamedNode(STALE))
    report = push_store(cli_out, fake.store_url, prune=True, query_url=fake.query_url)
    assert not report.ok and report.failures and report.prune_skipped and report.pruned == []


def test_a_refused_delete_stops_prune(fake, cli_out, capsys):
    fake_seed(fake, STALE, STALE_2)
    fake.fail_delete = True
    status = main(["push", str(cli_out), "--endpoint", fake.store_url, "--prune",
                   "--query-endpoint", fake.query_url, "-q"])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert f"failed to delete {min(STALE, STALE_2)}: HTTP 405" in err
    assert "refused the first DELETE" in err and "other 1 stale graph(s) were not tried" in err
    assert [r for r in fake.requests if r[0] == "DELETE"] == [("DELETE", min(STALE, STALE_2))]


# -- usage errors: exit 2, nothing sent -----------------------------------------------------------

@pytest.mark.parametrize("args, message, hint", [
    (["--prune"], "--prune needs --query-endpoint URL", "here probably {base}/query"),
    (["--dry-run"], "--dry-run previews --prune", "add --prune"),
    (["--query-endpoint", "{base}/query"], "only used by --prune", "add --prune"),
    (["--prune", "--query-endpoint", "ftp://x/query"], "not an HTTP URL", "full URL"),
])
def test_prune_usage_errors(fake, cli_out, capsys, args, message, hint):
    base = fake.store_url.rsplit("/", 1)[0]
    argv = [a.format(base=base) for a in args]
    status = main(["push", str(cli_out), "--endpoint", fake.store_url, *argv])
    _, err = capsys.readouterr()
    assert status == 2
    assert message in err and "hint:" in err and hint.format(base=base) in err
    assert fake.requests == []


def test_unreachable_query_endpoint_stops_before_the_push(fake, cli_out, capsys):
    status = main(["push", str(cli_out), "--endpoint", fake.store_url, "--prune",
                   "--query-endpoint", f"http://127.0.0.1:{free_port()}/query", "--timeout", "5"])
    _, err = capsys.readouterr()
    assert status == 2
    assert "cannot list the server's graphs" in err and "nothing was pushed or deleted" in err
    assert fake.requests == []
