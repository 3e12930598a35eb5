"""Shared fixtures for the extractor tests: one pipeline per session (jieba loads once)."""
from __future__ import annotations

import pytest

from kg.extract.registry import Pipeline
from kg.ingest import article_from_text
from kg.model import EntityType, Extraction


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The rule extractors as written (the tests of each extractor read this)."""
    return Pipeline(model=None)


@pytest.fixture(scope="session")
def model_pipeline() -> Pipeline:
    """The pipeline kg build runs: the rules and the model kg ships."""
    return Pipeline()


@pytest.fixture(scope="session")
def extract(pipeline):
    """extract(text) -> Extraction of an article made from ``text``."""
    def run(text: str, article_id: str = "test.txt") -> Extraction:
        return pipeline(article_from_text(text, article_id))
    return run


def names(extraction: Extraction, type_: EntityType) -> set[str]:
    """Canonical names of the entities of one type."""
    return {ms[0].canonical for key, ms in extraction.entities().items() if key[0] is type_}


def labels(extraction: Extraction, type_: EntityType) -> dict[str, set[str]]:
    """canonical -> all labels, for the entities of one type."""
    return {ms[0].canonical: {label for m in ms for label in m.labels}
            for key, ms in extraction.entities().items() if key[0] is type_}
