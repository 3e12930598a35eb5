"""The notebooks: committed without outputs, and they run (from notebooks/ or the repo root)
writing nothing but into a temporary folder."""
from __future__ import annotations

import ast
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
NAMES = ["01_quickstart", "02_slogan_diffusion", "03_your_articles"]


def load(name: str) -> dict:
    return json.loads((NOTEBOOKS / f"{name}.ipynb").read_text("utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs(name):
    nb = load(name)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{name}: a cell has outputs (strip them)"
            assert cell.get("execution_count") is None, f"{name}: a cell has an execution count"
    assert set(nb["metadata"]) <= {"kernelspec", "language_info"}


@pytest.mark.parametrize("name", NAMES)
def test_cells_hold_no_logic(name):
    """Notebooks call kg; they define no functions, classes or loops of their own."""
    for cell in load(name)["cells"]:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While,
                                         ast.Lambda)), f"{name}: move this logic into kg"


def _remove_workdirs(nb) -> None:
    """Delete the temporary folders the notebook made (it shows WORK after creating it)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/plain", "")
            m = re.fullmatch(r"PosixPath\('(.+/kg-notebook-[^/']+)'\)", text.strip())
            if m and Path(m[1]).parent == Path(tempfile.gettempdir()):
                shutil.rmtree(m[1], ignore_errors=True)


def _snapshot() -> set[Path]:
    found = set(REPO.iterdir()) | set(NOTEBOOKS.iterdir()) | set((REPO / "seeds").iterdir())
    return {p for p in found if p.name not in (".pytest_cache", "__pycache__")}


@pytest.mark.slow
@pytest.mark.parametrize("name,cwd", [("01_quickstart", NOTEBOOKS),
                                      ("02_slogan_diffusion", NOTEBOOKS),
                                      ("03_your_articles", REPO)])
def test_runs(name, cwd):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    before = _snapshot()
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(cwd)}})
    try:
        client.execute()
    finally:
        _remove_workdirs(nb)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any(h.startswith("<iframe srcdoc=") for h in html)  # the graph is shown inline
    assert _snapshot() == before  # nothing written into the repository


def test_make_notebooks_is_documented():
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert "\nnotebooks:" in makefile and "'.[notebooks]'" in makefile and "jupyter lab" in makefile
    assert "make notebooks" in (REPO / "README.md").read_text("utf-8")
    import tomllib
    extras = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"]
    assert any(dep.startswith("jupyterlab") for dep in extras["notebooks"])


def test_your_articles_can_reuse_an_existing_build():
    source = "".join("".join(c["source"]) for c in load("03_your_articles")["cells"])
    assert "OUT = None" in source and "None if OUT else kg.build.build" in source
    assert "shutil.rmtree(WORK)" in source  # the temporary folder does not outlive it
