"""Layers point one way: ingest → learn → extract → rdf → (build | query | analysis | viz) → cli;
training (kg train) sits above evaluate.

Every ``import kg.X`` in the package is read from the source (no import needed)
and checked against what its layer may depend on.
"""
from __future__ import annotations

import ast
from pathlib import Path

import kg

PACKAGE = Path(kg.__file__).parent
BASE = {"kg", "kg.model", "kg.errors", "kg.data"}
# layer -> layers it may import (besides BASE and itself)
ALLOWED = {
    "ingest": set(),
    "learn": {"ingest"},  # trained models: features, CRF, linear models, bundles
    "extract": {"ingest", "learn"},
    "rdf": {"ingest", "extract"},
    "build": {"ingest", "extract", "rdf"},
    "evaluate": {"ingest", "extract", "rdf"},
    "training": {"ingest", "learn", "extract", "rdf", "build", "evaluate"},  # kg train
    "query": {"rdf"},
    "analysis": {"rdf", "query"},
    "viz": {"rdf", "query", "analysis"},
    "cli": {"ingest", "extract", "rdf", "build", "evaluate", "query", "analysis", "viz", "learn",
            "training"},
}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if module in BASE or len(parts) < 2:
        return None
    return parts[1]


def kg_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "kg"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "kg":
                found.add(node.module)
    return found


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def test_every_layer_is_known():
    layers = {p.name if p.is_dir() else p.stem for p in PACKAGE.iterdir()
              if (p.is_dir() and (p / "__init__.py").exists()) or p.suffix == ".py"}
    unknown = layers - set(ALLOWED) - {"model", "errors", "__init__", "data"}
    assert not unknown, f"new top-level modules need a place in ALLOWED: {unknown}"


def test_imports_point_one_way():
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "ontology" in path.parts:
            continue
        own = layer_of(module_name(path))
        if own is None:
            # model, errors and kg/__init__ are the base: they import no layer
            for imp in kg_imports(path):
                if layer_of(imp) is not None:
                    bad.append(f"{path.relative_to(PACKAGE)} (base) imports {imp}")
            continue
        for imp in kg_imports(path):
            target = layer_of(imp)
            if target is None or target == own:
                continue
            if target not in ALLOWED.get(own, set()):
                bad.append(f"{path.relative_to(PACKAGE)} ({own}) imports {imp} ({target})")
    assert not bad, "layer violations:\n" + "\n".join(bad)


def test_analysis_never_imports_viz():
    assert "viz" not in ALLOWED["analysis"]
