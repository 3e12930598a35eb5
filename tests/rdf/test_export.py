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
    real = export._dump  # the one place a file's bytes are serialised

    def broken(store, fmt, path):
        if fmt != failing_format:
            return real(store, fmt, path)
        Path(path).write_bytes(b"@prefix kg: <half a file")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "_dump", broken)
    with pytest.raises(OutputError, match="No space left"):
        write_outputs(dataset, tmp_path)
    _assert_untouched(tmp_path, before)


def test_serializer_bug_keeps_old_files(dataset, tmp_path, monkeypatch) -> None:
    before = _old_outputs(tmp_path)

    def broken(store, fmt, path):
        Path(path).write_bytes(b"partial")
        raise RuntimeError("serializer bug")

    monkeypatch.setattr(export, "_dump", broken)
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


# -- the Oxigraph writer against rdflib's serialisers ----------------------------------------
#
# kg writes graph.trig and graph.ttl with pyoxigraph (kg.rdf.export); until then it wrote them
# with rdflib.  The RDF must not change: the same dataset serialised both ways reads back to
# isomorphic graphs.

KG_NS = "https://w3id.org/kg/ontology#"


def _rdflib_reference(ds: Dataset, tmp_path: Path) -> tuple[Dataset, Graph]:
    """``ds`` written by rdflib's own TriG and Turtle serialisers, and read back."""
    trig, ttl = tmp_path / "reference.trig", tmp_path / "reference.ttl"
    ds.serialize(destination=trig, format="trig", encoding="utf-8")
    union_graph(ds).serialize(destination=ttl, format="turtle", encoding="utf-8")
    back = Dataset()
    back.parse(trig, format="trig")
    return back, Graph().parse(ttl, format="turtle")


def _assert_like_rdflib(ds: Dataset, out: Path, tmp_path: Path) -> None:
    paths = write_outputs(ds, out)
    ref_trig, ref_ttl = _rdflib_reference(ds, tmp_path)
    new_trig = Dataset()
    new_trig.parse(paths["trig"], format="trig")
    ref = {g.identifier: g for g in ref_trig.graphs() if len(g)}
    new = {g.identifier: g for g in new_trig.graphs() if len(g)}
    assert set(new) == set(ref)
    for name in ref:
        assert isomorphic(new[name], ref[name]), name
    new_ttl = Graph().parse(paths["turtle"], format="turtle")
    assert len(new_ttl) == len(ref_ttl) and isomorphic(new_ttl, ref_ttl)


def test_the_files_are_what_rdflib_writes(dataset: Dataset, tmp_path: Path) -> None:
    _assert_like_rdflib(dataset, tmp_path / "out", tmp_path)


def test_literals_and_blank_nodes_are_what_rdflib_writes(tmp_path: Path) -> None:
    from datetime import date, datetime
    from decimal import Decimal

    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    ds = Dataset(default_union=True)
    p = URIRef(KG_NS + "p")
    values = [Literal('"} ; DROP ALL ; {'), Literal("back\\slash"), Literal("new\nline\ttab\r"),
              Literal("“引号”《书名》", lang="zh"), Literal("'single' \"double\""),
              Literal(42), Literal(-7), Literal(Decimal("3.50")), Literal(Decimal("0.1")),
              Literal(True), Literal(False), Literal(datetime(2022, 3, 10, 16, 26)),
              Literal(date(2022, 4, 1)), Literal("2014", datatype=XSD.gYear), Literal(""),
              Literal("x", datatype=URIRef(KG_NS + "custom")), Literal("😀 \u3000 é")]
    shared = URIRef("https://w3id.org/kg/id/division/210115")
    for n in range(2):
        g = ds.graph(URIRef(f"https://w3id.org/kg/id/graph/{n}"))
        for i, value in enumerate(values):
            g.add((URIRef(f"https://w3id.org/kg/id/x/{n}/{i}"), p, value))
        g.add((shared, p, Literal("辽中区", lang="zh")))  # in both graphs: once in the union
        blank = BNode(f"b{n}")
        g.add((blank, p, Literal(n)))
        g.add((URIRef(f"https://w3id.org/kg/id/x/{n}"), p, blank))
    _assert_like_rdflib(ds, tmp_path / "out", tmp_path)


@pytest.mark.slow
def test_a_corpus_is_what_rdflib_writes(tmp_path: Path) -> None:
    import random

    from tests.rdf.conftest import synthetic_extraction

    rng = random.Random(7)
    ds = build_dataset([synthetic_extraction(i, rng) for i in range(40)])
    _assert_like_rdflib(ds, tmp_path / "out", tmp_path)


def test_staging_refuses_a_second_graph_of_the_same_name(tmp_path: Path) -> None:
    from kg.errors import ArticleError
    from kg.rdf.export import Staging
    from kg.rdf.graph import article_triples

    with Staging(tmp_path) as staging:
        name, triples = article_triples(extraction_b())
        staging.add(name, triples)
        with pytest.raises(ArticleError, match="same id"):
            staging.prepare(name, triples, "/in/b02.txt")
        assert len(staging.sizes) == 1
        folder = staging.folder
    assert not folder.exists() and list(tmp_path.iterdir()) == []
