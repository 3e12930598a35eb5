"""Session fixtures: built corpora and their analyses (see helpers.py)."""
from __future__ import annotations

import pytest

from kg.analysis import analyze, load_graph

from . import helpers


@pytest.fixture(scope="session")
def handmade_out():
    return helpers.handmade_out()


@pytest.fixture(scope="session")
def handmade(handmade_out):
    return analyze(load_graph(handmade_out))


@pytest.fixture(scope="session")
def fixture_out():
    return helpers.fixture_out()


@pytest.fixture(scope="session")
def fixture_analysis(fixture_out):
    return analyze(load_graph(fixture_out))


@pytest.fixture(scope="session")
def seeds_out():
    return helpers.seeds_out()
