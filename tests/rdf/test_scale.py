"""Validation stays linear and fast enough for a corpus (timings in the report of kg/rdf)."""
from __future__ import annotations

import random
import time

import pytest

from kg.rdf.graph import build_dataset
from kg.rdf.validate import validate

from tests.rdf.conftest import synthetic_extraction


@pytest.mark.slow
def test_hundred_articles_build_and_validate_quickly() -> None:
    rng = random.Random(0)
    extractions = [synthetic_extraction(i, rng) for i in range(100)]
    started = time.perf_counter()
    ds = build_dataset(extractions)
    built = time.perf_counter()
    report = validate(ds)
    done = time.perf_counter()
    assert report.conforms, str(report)
    assert len(ds) > 50_000
    # ~2 s and ~3 s on a 2-core CI box; the bound only catches a blow-up
    # (e.g. shapes nested so that pyshacl re-evaluates them per focus node).
    assert built - started < 30 and done - built < 45, (built - started, done - built)
