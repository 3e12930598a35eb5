"""kg: turn a folder of Chinese local-governance news into an RDF knowledge graph."""
from __future__ import annotations

__version__ = "0.1.0"
