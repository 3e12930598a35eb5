"""Shared paths and checks for the ingest tests."""
from __future__ import annotations

from pathlib import Path

from kg.ingest.convert import converter
from kg.model import Article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_000 = SEEDS / "000_6026331b9176f73c.txt"
SEED_003 = SEEDS / "003_25962df8d3587bc9.txt"


def roundtrip_failures(article: Article) -> list[tuple[int, str, str]]:
    """Positions whose character does not map back to itself or its traditional form."""
    bad = []
    for i, ch in enumerate(article.text):
        source = article.original[article.offsets(i)]
        if source == ch or (ch == "\n" and source == "\r"):
            continue
        if converter().convert(source) != ch:
            bad.append((i, ch, source))
    return bad
