"""write_outputs: round-trips, prefixes, and atomic replacement."""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import OutputError
from kg.rdf import export
from kg.rdf.export import write_outputs
from kg.rdf.graph import build_dataset, union_graph

from tests.rdf.conftest import extraction_a, extraction_b

# rdflib's own TriG parser calls its deprecated ConjunctiveGraph API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def dataset() -> Dataset:
    return build_dataset([extraction_a(), extraction_b()])


def test_writes_trig_and_turtle_that_read_back(dataset: Dataset, tmp_path: Path) -> None:
    paths = write_outputs(dataset, tmp_path / "out")
    assert paths == {"trig": tmp_path / "out" / "graph.trig", "turtle": tmp_path / "out" / "graph.ttl"}
    back = Dataset()
    back.parse(paths["trig"], format="trig")
    ids = {g.identifier for g in dataset.graphs() if len(g)}
    assert ids == {g.identifier for g in back.graphs() if len(g)}
    for ident in ids:
        assert isomorphic(back.graph(ident), dataset.graph(ident))
    assert isomorphic(Graph().parse(paths["turtle"], format="turtle"), union_graph(dataset))


def test_turtle_uses_readable_prefixes(dataset: Dataset, tmp_path: Path) -> None:
    text = write_outputs(dataset, tmp_path)["turtle"].read_text("utf-8")
    for prefix in ("@prefix kg:", "@prefix division:", "@prefix programme:", "@prefix article:"):
        assert prefix in text
    assert "division:210115" in text and "辽中区" in text  # UTF-8, not escaped


def test_new_files_are_world_readable(dataset: Dataset, tmp_path: Path) -> None:
    paths = write_outputs(dataset, tmp_path)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in paths.values())
    os.chmod(paths["turtle"], 0o640)
    write_outputs(dataset, tmp_path)
    assert stat.S_IMODE(paths["turtle"].stat().st_mode) == 0o640


def _old_outputs(tmp_path: Path) -> dict[Path, bytes]:
    old = build_dataset([extraction_b()])
    paths = write_outputs(old, tmp_path)
    return {p: p.read_bytes() for p in paths.values()}


def _assert_untouched(tmp_path: Path, before: dict[Path, bytes]) -> None:
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig", "graph.ttl"], \
        "a temporary file was left behind"


@pytest.mark.parametrize("failing_format", ["trig", "turtle"])
def test_failure_mid_write_keeps_old_files(dataset, tmp_path, monkeypatch, failing_format) -> None:
    before = _old_outputs(tmp_path)
    real = Graph.serialize

    def broken(self, destination=None, format="turtle", **kw):
        if format != failing_format:
            return real(self, destination=destination, format=format, **kw)
        destination.write(b"@prefix kg: <half a file")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Graph, "serialize", broken)
    with pytest.raises(OutputError, match="No space left"):
        write_outputs(dataset, tmp_path)
    _assert_untouched(tmp_path, before)


def test_serializer_bug_keeps_old_files(dataset, tmp_path, monkeypatch) -> None:
    before = _old_outputs(tmp_path)

    def broken(self, destination=None, **kw):
        destination.write(b"partial")
        raise RuntimeError("serializer bug")

    monkeypatch.setattr(Graph, "serialize", broken)
    with pytest.raises(RuntimeError, match="serializer bug"):
        write_outputs(dataset, tmp_path)
    _assert_untouched(tmp_path, before)


def test_failure_at_fsync_keeps_old_files(dataset, tmp_path, monkeypatch) -> None:
    before = _old_outputs(tmp_path)

    def broken(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(export.os, "fsync", broken)
    with pytest.raises(OutputError, match="Input/output error"):
        write_outputs(dataset, tmp_path)
    _assert_untouched(tmp_path, before)


def test_failure_at_rename_keeps_old_files(dataset, tmp_path, monkeypatch) -> None:
    before = _old_outputs(tmp_path)

    def broken(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(export.os, "replace", broken)
    with pytest.raises(OutputError):
        write_outputs(dataset, tmp_path)
    _assert_untouched(tmp_path, before)


def test_success_replaces_old_files(dataset, tmp_path) -> None:
    before = _old_outputs(tmp_path)
    write_outputs(dataset, tmp_path)
    after = {p: p.read_bytes() for p in before}
    assert all(after[p] != before[p] for p in before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig", "graph.ttl"]


def test_output_folder_that_cannot_be_made(dataset, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot create the output folder"):
        write_outputs(dataset, blocker / "out")
