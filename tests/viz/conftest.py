"""Fixtures of the viz tests: the analysis corpora, and one headless Chromium per session."""
from __future__ import annotations

import pytest

from analysis import helpers
from kg.analysis import analyze, load_graph

from .browser import FLAGS, block_network, chromium_path


@pytest.fixture(scope="session")
def fixture_out():
    return helpers.fixture_out()


@pytest.fixture(scope="session")
def fixture_analysis(fixture_out):
    return analyze(load_graph(fixture_out))


@pytest.fixture(scope="session")
def seeds_analysis():
    return analyze(load_graph(helpers.seeds_out()))


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        print("SKIP browser tests: chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=FLAGS[1:], headless=True)
        yield b
        b.close()


@pytest.fixture()
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 860})
    block_network(ctx)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def handmade_analysis():
    return analyze(load_graph(helpers.handmade_out()))
