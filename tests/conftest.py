"""Fixtures shared by the end-to-end tests (tests/test_build.py, tests/cli/).

* ``seeds_dir``/``seed_files``: the two sample articles in ``seeds/``;
* ``built_seeds``: ``kg build seeds -o OUT`` run once per session through
  ``kg.cli.main`` (in-process), with its exit status, stdout and stderr;
* ``script_built_seeds``: the same build run once per session by the real
  ``kg`` console script in a child process (started as soon as ``built_seeds``
  is, so that both builds overlap);
* ``shared_pipeline``: makes every ``kg.build.build`` of the test reuse one
  extraction pipeline per session (``shared_build`` does the same for fixtures
  wider than a test).  A fresh pipeline reloads jieba's dictionary
  (~1.5 s per build); sharing it is what a corpus build does anyway.  The
  console-script build always runs the real, unshared path;
* ``load_dataset``: ``graph.trig`` of an output folder read back as a Dataset.

Nothing here is imported by the tests: other folders have their own
``conftest`` modules, so shared helpers are handed out as fixtures.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from rdflib import Dataset

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@dataclass
class Run:
    """One ``kg build`` run: where it wrote, how it ended, what it printed."""

    out: Path
    status: int
    stdout: str
    stderr: str
    command: list[str] = field(default_factory=list)

    @property
    def report(self) -> dict:
        return json.loads((self.out / "build.json").read_text("utf-8"))


def _read_dataset(out: Path) -> Dataset:
    ds = Dataset(default_union=True)
    with warnings.catch_warnings():  # rdflib's TriG parser uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(out / "graph.trig", format="trig")
    return ds


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 2, f"expected the two seed articles in {SEEDS}, found {files}"
    return files


@pytest.fixture(scope="session")
def load_dataset() -> Callable[[Path], Dataset]:
    return _read_dataset


# -- one pipeline per session ------------------------------------------------------------

@pytest.fixture(scope="session")
def _pipelines() -> dict:
    return {}


def _patch_pipeline(mp: pytest.MonkeyPatch, cache: dict) -> None:
    import kg.build
    from kg.extract.registry import Pipeline

    def shared(names=None):
        key = None if names is None else tuple(names)
        if key not in cache:
            cache[key] = Pipeline(names)
        return cache[key]

    mp.setattr(kg.build, "Pipeline", shared)


@pytest.fixture
def shared_pipeline(_pipelines, monkeypatch) -> None:
    """Builds in this test reuse the session's pipeline (see the module docstring)."""
    _patch_pipeline(monkeypatch, _pipelines)


@pytest.fixture(scope="session")
def shared_build(_pipelines) -> Callable:
    """``kg.build.build`` with the session's pipeline, for module- or session-scoped fixtures."""
    from kg.build import build

    def run(*args, **kwargs):
        with pytest.MonkeyPatch.context() as mp:
            _patch_pipeline(mp, _pipelines)
            return build(*args, **kwargs)

    return run


# -- the seeds, built once by each entry point --------------------------------------------

def console_script() -> Path | None:
    """The installed ``kg`` script beside this interpreter, else on PATH."""
    beside = Path(sys.executable).with_name("kg")
    if beside.is_file():
        return beside
    found = shutil.which("kg")
    return Path(found) if found else None


@pytest.fixture(scope="session")
def _script_build(tmp_path_factory):
    """Start ``kg build seeds -o OUT`` with the console script in a child process."""
    script = console_script()
    if script is None:
        yield None
        return
    out = tmp_path_factory.mktemp("seeds-by-script") / "out"
    command = [str(script), "build", str(SEEDS), "-o", str(out)]
    # A fixed hash seed, unlike this process's random one: set and dict orders differ
    # between the two builds, so comparing them tests determinism for real.
    env = {**os.environ, "PYTHONHASHSEED": "1234", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            cwd=tmp_path_factory.getbasetemp())
    yield proc, out, command
    if proc.poll() is None:  # the session ended before anyone waited for it
        proc.kill()
        proc.communicate()


@pytest.fixture(scope="session")
def built_seeds(_script_build, _pipelines, tmp_path_factory) -> Run:
    """``kg.cli.main(["build", seeds, "-o", OUT])`` in this process, once per session."""
    out = tmp_path_factory.mktemp("seeds-in-process") / "out"
    argv = ["build", str(SEEDS), "-o", str(out)]
    stdout, stderr = io.StringIO(), io.StringIO()
    from kg.cli import main

    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(stdout), \
            contextlib.redirect_stderr(stderr):
        _patch_pipeline(mp, _pipelines)  # the first build makes the session's pipeline
        status = main(argv)
    return Run(out, status, stdout.getvalue(), stderr.getvalue(), ["kg", *argv])


@pytest.fixture(scope="session")
def script_built_seeds(_script_build) -> Run:
    """The same build by the ``kg`` console script in a fresh process."""
    if _script_build is None:
        pytest.skip("the kg console script is not installed (pip install -e . puts it in "
                    "the venv's bin/)")
    proc, out, command = _script_build
    try:
        stdout, stderr = proc.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
        pytest.fail(f"{' '.join(command)} did not finish in 300 s\n{stderr.decode()}")
    return Run(out, proc.returncode, stdout.decode("utf-8"), stderr.decode("utf-8"), command)


# -- a write that fails half-way -----------------------------------------------------------

@pytest.fixture
def break_serialisation(monkeypatch) -> Callable[[str, BaseException], list[str]]:
    """``break_serialisation(fmt, error)``: from now on, serialising to ``fmt`` ("trig" or
    "turtle") writes the first half of the real output to its file, then raises ``error``.
    Returns the list of formats serialised so far (to check the failure did happen)."""
    from rdflib import Graph

    real = Graph.serialize  # Dataset.serialize delegates to it

    def install(fmt: str, error: BaseException) -> list[str]:
        calls: list[str] = []

        def serialize(self, destination=None, format="turtle", base=None, encoding=None, **args):
            calls.append(format)
            if format != fmt or destination is None or isinstance(destination, (str, os.PathLike)):
                return real(self, destination=destination, format=format, base=base,
                            encoding=encoding, **args)
            data = real(self, format=format, base=base, encoding="utf-8", **args)
            destination.write(data[: len(data) // 2])
            destination.flush()
            raise error

        monkeypatch.setattr(Graph, "serialize", serialize)
        return calls

    return install
