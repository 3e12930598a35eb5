"""End to end: `kg build` on real articles, bad input, atomic outputs, stable IRIs."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.rdf.vocab import KG

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_6026331b9176f73c.txt"
SHARED = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds-out")
    assert main(["build", str(SEEDS), "-o", str(out), "-q"]) == 0
    return out


def load(out: Path) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(out / "graph.trig", format="trig")
    return ds


def test_build_writes_graph_files_and_report(built):
    assert {p.name for p in built.iterdir()} >= {"graph.trig", "graph.ttl", "build.json"}
    report = json.loads((built / "build.json").read_text("utf-8"))
    assert report["articles"] == 2 and report["failed"] == [] and report["conforms"] is True
    union = Graph().parse(built / "graph.ttl", format="turtle")
    assert len(union) == report["triples"]
    for kind in ("AdministrativeDivision", "Organization", "LectureGroup", "Programme", "Slogan",
                 "Person"):
        assert report["entities"].get(kind, 0) > 0, kind


def test_summary_is_printed(tmp_path, capsys):
    assert main(["build", str(SEED), "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "kg build summary" in out and "triples" in out and "LectureGroup" in out


def test_building_twice_gives_isomorphic_graphs(built, tmp_path):
    assert main(["build", str(SEEDS), "-o", str(tmp_path), "-q"]) == 0
    a, b = load(built), load(tmp_path)
    assert isomorphic(Graph().parse(built / "graph.ttl"), Graph().parse(tmp_path / "graph.ttl"))
    names_a = {g.identifier for g in a.graphs() if len(g)}
    names_b = {g.identifier for g in b.graphs() if len(g)}
    assert names_a == names_b and len(names_a) == 2
    for name in names_a:
        assert isomorphic(a.graph(name), b.graph(name))


def test_mention_offsets_point_at_the_surface_in_both_texts(built):
    from kg.ingest import read_article
    from kg.ingest.convert import converter

    ds = load(built)
    article = read_article(SEED)
    node = next(s for s, o in ds.subject_objects(KG.fileName) if str(o) == SEED.name)
    checked = 0
    for m in ds.subjects(KG.inArticle, node):
        surface = ds.value(m, KG.surface)
        if surface is None:
            continue
        start, end = int(ds.value(m, KG.start)), int(ds.value(m, KG.end))
        assert article.text[start:end] == str(surface)
        o_start, o_end = int(ds.value(m, KG.originalStart)), int(ds.value(m, KG.originalEnd))
        assert converter().convert(article.original[o_start:o_end]).replace("\n", "") \
            .startswith(str(surface)[0])
        checked += 1
    assert checked > 20


@pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="../shared/eval is not beside the repo")
def test_reference_scorer_reads_the_graph(built):
    ref = subprocess.run([sys.executable, str(SHARED / "score.py"), "--gold",
                          str(SHARED / "seeds.gold.jsonl"), "--rdf", str(built),
                          "--rdf", str(ROOT / "ontology"), "--json"],
                         capture_output=True, text=True, check=True)
    result = json.loads(ref.stdout)
    assert result["micro"]["r"] > 0.8
    assert all(c["tp"] > 0 for c in result["counts"].values())


def test_one_bad_article_never_stops_the_corpus(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, corpus / seed.name)
    (corpus / "garbage.txt").write_bytes(bytes(range(128, 256)) * 40)
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["build", str(corpus), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "garbage.txt" in err and "empty.txt" in err
    report = json.loads((out / "build.json").read_text("utf-8"))
    assert report["articles"] == 2
    assert {Path(f["path"]).name for f in report["failed"]} == {"garbage.txt", "empty.txt"}
    names = {str(o) for o in load(out).objects(None, KG.fileName)}
    assert names == {p.name for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("encoding", ["gbk", "big5"])
def test_legacy_encodings_give_the_same_entities(built, tmp_path, encoding):
    from kg.ingest import read_article
    text = read_article(SEED).original
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # the scrape holds characters the legacy code page lacks
        data = text.encode(encoding, errors="ignore")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / SEED.name).write_bytes(data)
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    labels = lambda ds: {str(o) for o in ds.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    utf8 = Dataset(default_union=True)
    assert main(["build", str(SEED), "-o", str(tmp_path / "ref"), "-q"]) == 0
    utf8.parse(tmp_path / "ref" / "graph.trig", format="trig")
    assert labels(load(tmp_path / "out")) == labels(utf8)


def test_missing_input_and_unwritable_output(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "nope" in err and "hint" in err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["build", str(SEED), "-o", str(blocker / "sub")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_help_teaches(capsys):
    assert main([]) == 2
    assert "build" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["build", "--help"])
    assert exc.value.code == 0
    assert "graph.trig" in capsys.readouterr().out


def test_failed_write_keeps_the_previous_outputs(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "-o", str(out), "-q"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    import kg.rdf.export as export

    real = export._write_temp
    calls = []

    def failing(graph, fmt, target):
        calls.append(fmt)
        if len(calls) == 2:  # the first file is staged, the second fails
            raise OSError("disk full")
        return real(graph, fmt, target)

    monkeypatch.setattr(export, "_write_temp", failing)
    from kg.build import build
    from kg.errors import OutputError
    with pytest.raises(OutputError, match="disk full"):
        build([SEEDS], out)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # same files, same bytes, no temp file left


def test_one_entity_is_one_node_across_articles(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "a.txt")
    shutil.copy(SEED, corpus / "b.txt")
    assert main(["build", str(corpus), "-o", str(tmp_path / "o"), "-q"]) == 0
    ds = load(tmp_path / "o")
    district = URIRef("https://w3id.org/kg/id/division/210115")
    articles = set(ds.subjects(KG.mentions, district))
    assert len(articles) == 2


def test_console_script_runs(tmp_path):
    exe = Path(sys.executable).with_name("kg")
    if not exe.exists():
        pytest.skip("kg console script not installed beside this python")
    done = subprocess.run([str(exe), "build", str(SEED), "-o", str(tmp_path), "-q"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "graph.trig").stat().st_size > 1000
