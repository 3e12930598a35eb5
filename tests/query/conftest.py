"""Fixtures of the query tests: the seeds' graph in a store, servers on free ports.

* ``seeds_out``: ``kg build seeds`` once per session, with ``OUT/store``
  (:func:`kg.rdf.store.load_into_store`, a no-op when the build made it);
* ``seeds_store``: that store, opened once for the session (in-process tests
  and the HTTP servers share the object; RocksDB allows one opener);
* ``cli_out``: a copy of the built folder made before anything opens the
  store, for the tests that run ``kg query`` and ``kg push`` by path;
* ``browser``: Debian's headless Chromium driven by playwright (a persistent context per
  module; the tests that use it skip, saying why, when either is missing);
* ``serve``: ``serve(store, **settings)`` starts a :class:`KgServer` on a free
  loopback port in a thread and returns its URL; all are stopped at the end.
"""
from __future__ import annotations

import shutil
import threading
import warnings
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.query.server import KgServer, Settings
from kg.rdf.store import STORE_DIR, load_into_store, open_store
from tests.viz.browser import FLAGS, chromium_path


def read_trig(out: Path) -> Dataset:
    ds = Dataset(default_union=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(out / "graph.trig", format="trig")
    return ds


@pytest.fixture(scope="session")
def _seeds_build(shared_build, seeds_dir, tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("query-seeds") / "out"
    shared_build([seeds_dir], out, check_shapes=False)
    load_into_store(read_trig(out), out)
    copy = tmp_path_factory.mktemp("query-seeds-cli") / "out"
    shutil.copytree(out, copy)  # before anyone opens the store
    assert (copy / STORE_DIR / "CURRENT").is_file()
    return out, copy


@pytest.fixture(scope="session")
def seeds_out(_seeds_build) -> Path:
    return _seeds_build[0]


@pytest.fixture(scope="session")
def cli_out(_seeds_build) -> Path:
    return _seeds_build[1]


@pytest.fixture(scope="session")
def seeds_store(seeds_out):
    with open_store(seeds_out) as store:
        yield store


@pytest.fixture(scope="session")
def serve():
    servers: list[tuple[KgServer, threading.Thread]] = []

    def start(store, **settings) -> str:
        settings.setdefault("quiet", True)
        server = KgServer(("127.0.0.1", 0), store, Settings(**settings))
        thread = threading.Thread(target=server.serve_forever, daemon=True,
                                  kwargs={"poll_interval": 0.05})
        thread.start()
        servers.append((server, thread))
        return server.url

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def seeds_url(serve, seeds_store) -> str:
    """kg serve's default settings over the seeds (the base URL, ending in /)."""
    return serve(seeds_store)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    path = chromium_path()
    if path is None:
        reason = "chromium is not installed (apt-get install chromium; make test does it)"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "playwright is not installed (pip install -e '.[test]')"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=path, headless=True, args=FLAGS,
            viewport={"width": 1200, "height": 900})
        yield context
        context.close()
