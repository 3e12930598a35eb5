"""``kg build`` end to end, as a user meets it: exit status, files, summary, messages.

The seeds are built once per session in this process (``built_seeds``) and once
by the installed ``kg`` console script (``script_built_seeds``), see
tests/conftest.py.  Everything else builds small inputs in ``tmp_path`` with
the session's shared extraction pipeline.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.rdf.resources import ontology_graph
from kg.rdf.vocab import KG

pytestmark = pytest.mark.usefixtures("shared_pipeline")

TYPES = ("AdministrativeDivision", "Organization", "LectureGroup", "Programme", "Slogan", "Person")
OUTPUTS = {"graph.trig", "graph.ttl", "build.json", "manifest.json", "near-duplicates.sqlite",
           "store"}


def summary_numbers(stdout: str) -> dict[str, int]:
    """The ``name  number`` rows of the summary table."""
    assert "kg build summary" in stdout, f"no summary printed:\n{stdout}"
    rows = re.findall(r"^\s*([A-Za-z]+)\s+(\d+)\s*$", stdout, flags=re.M)
    return {name: int(value) for name, value in rows}


def category_counts(ds) -> Counter:
    """Distinct mentioned entity nodes per category, typed through the ontology's subclasses."""
    onto = ontology_graph(shared=True)
    counts: Counter = Counter()
    for node in set(ds.objects(None, KG.mentions)):
        supers = {s for t in ds.objects(node, RDF.type) for s in onto.transitive_objects(t, RDFS.subClassOf)}
        found = [t for t in TYPES if KG[t] in supers]
        assert len(found) == 1, f"{node} has categories {found}"
        counts[found[0]] += 1
    return counts


def explain(run) -> str:
    report = run.report if (run.out / "build.json").exists() else {}
    return (f"{' '.join(run.command)} exited {run.status}\nstderr:\n{run.stderr}\n"
            f"failed: {report.get('failed')}\nviolations: {report.get('violations')}")


# -- 1. kg build seeds -o OUT --------------------------------------------------------------

def test_seeds_build_exits_0(built_seeds):
    # 0 means every article was read and the graph conforms to the shapes.
    assert built_seeds.status == 0, explain(built_seeds)


def test_seeds_build_writes_the_three_files_and_nothing_else(built_seeds):
    assert {p.name for p in built_seeds.out.iterdir()} == OUTPUTS  # no temp or probe file left
    report = built_seeds.report
    assert {Path(p) for p in report["outputs"].values()} == {built_seeds.out / "graph.trig",
                                                               built_seeds.out / "graph.ttl",
                                                               built_seeds.out / "manifest.json",
                                                               built_seeds.out / "near-duplicates.sqlite",
                                                               built_seeds.out / "store"}
    assert all(built_seeds.out.joinpath(name).stat().st_size > 0 for name in OUTPUTS
               if name != "store")
    assert any((built_seeds.out / "store").iterdir())


def test_summary_names_every_entity_type_and_the_triple_count(built_seeds):
    numbers = summary_numbers(built_seeds.stdout)
    report = built_seeds.report
    for kind in TYPES:
        assert kind in numbers, f"the summary does not name {kind}:\n{built_seeds.stdout}"
        assert numbers[kind] == report["entities"].get(kind, 0) > 0, kind
    assert numbers["articles"] == report["articles"] == 2
    assert numbers["triples"] == report["triples"]
    assert numbers["mentions"] == report["mentions"]
    assert str(built_seeds.out / "graph.trig") in built_seeds.stdout  # says where the files are


def test_build_json_counts_agree_with_the_graph(built_seeds, load_dataset):
    report = built_seeds.report
    ds = load_dataset(built_seeds.out)
    union = Graph().parse(built_seeds.out / "graph.ttl", format="turtle")
    assert report["triples"] == len(union)
    articles = set(ds.subjects(RDF.type, KG.Article))
    assert report["articles"] == len(articles) == len([g for g in ds.graphs() if len(g)])
    assert report["mentions"] == len(set(ds.subjects(RDF.type, KG.Mention)))
    assert report["relations"] == len(set(ds.subjects(RDF.type, KG.Assertion)))
    assert report["entities"] == dict(category_counts(ds))
    assert report["failed"] == [] and report["conforms"] is True and report["violations"] == []


def test_progress_goes_to_stderr_and_the_summary_to_stdout(built_seeds):
    assert "building: 2/2 (100%)" in built_seeds.stderr
    assert "building:" not in built_seeds.stdout
    assert "kg build summary" not in built_seeds.stderr


def test_quiet_prints_nothing_on_success(seed_files, tmp_path, capsys):
    status = main(["build", str(seed_files[0]), "-o", str(tmp_path / "out"), "-q"])
    captured = capsys.readouterr()
    assert (status, captured.out) == (0, ""), captured.err
    assert captured.err == ""
    assert {p.name for p in (tmp_path / "out").iterdir()} == OUTPUTS


# -- the real console script ---------------------------------------------------------------

def test_console_script_builds_the_seeds(script_built_seeds, built_seeds):
    run = script_built_seeds
    assert run.status == 0, explain(run)
    assert {p.name for p in run.out.iterdir()} == OUTPUTS
    numbers = summary_numbers(run.stdout)
    assert all(numbers.get(kind, 0) > 0 for kind in TYPES), run.stdout
    assert numbers["triples"] == run.report["triples"] == len(Graph().parse(run.out / "graph.ttl"))
    # the same counts as the in-process build of the same input
    keys = ("articles", "entities", "mentions", "relations", "triples", "failed", "conforms")
    assert {k: run.report[k] for k in keys} == {k: built_seeds.report[k] for k in keys}


# -- 5. one bad article never stops a corpus -----------------------------------------------

@pytest.fixture
def corpus_with_bad_files(seed_files, tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in seed_files:
        shutil.copy(seed, corpus / seed.name)
    # bytes no encoding kg reads can decode (UTF-8, GB18030 and Big5 all reject 0x80/0xFF)
    (corpus / "garbage.txt").write_bytes(bytes([0x80, 0xFF, 0x00, 0xFE]) * 256)
    (corpus / "empty.txt").write_bytes(b"")
    return corpus


def test_bad_articles_are_reported_and_skipped(corpus_with_bad_files, built_seeds, seed_files,
                                               tmp_path, capsys, load_dataset):
    out = tmp_path / "out"
    status = main(["build", str(corpus_with_bad_files), "-o", str(out)])
    captured = capsys.readouterr()
    assert status == 1, captured.err

    # stderr: one line per failed file, naming it and the reason
    garbage, empty = corpus_with_bad_files / "garbage.txt", corpus_with_bad_files / "empty.txt"
    skipped = [line for line in captured.err.splitlines() if line.startswith("kg build: skipped")]
    assert len(skipped) == 2, captured.err
    by_file = {Path(line.split()[3].rstrip(":")).name: line for line in skipped}
    assert set(by_file) == {"garbage.txt", "empty.txt"}, skipped
    assert str(garbage) in by_file["garbage.txt"] and "encoding" in by_file["garbage.txt"]
    assert str(empty) in by_file["empty.txt"] and "empty" in by_file["empty.txt"]

    # build.json lists them, with the same reasons
    report = json.loads((out / "build.json").read_text("utf-8"))
    assert report["articles"] == 2
    failed = {Path(f["path"]).name: f["message"] for f in report["failed"]}
    assert set(failed) == {"garbage.txt", "empty.txt"}
    assert "encoding" in failed["garbage.txt"] and "empty" in failed["empty.txt"]

    # the summary says so too
    assert summary_numbers(captured.out)["failed"] == 2

    # both seeds are in the graph, exactly as when built alone
    ds = load_dataset(out)
    assert {str(o) for o in ds.objects(None, KG.fileName)} == {p.name for p in seed_files}
    ref = load_dataset(built_seeds.out)
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {g.identifier for g in ref.graphs() if len(g)}
    for name in names:
        assert isomorphic(ds.graph(name), ref.graph(name)), name


def test_a_corpus_of_only_bad_files_still_writes_a_report(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    assert main(["build", str(corpus), "-o", str(tmp_path / "out"), "-q"]) == 1
    assert "empty.txt" in capsys.readouterr().err
    report = json.loads((tmp_path / "out" / "build.json").read_text("utf-8"))
    assert report["articles"] == 0 and len(report["failed"]) == 1


# -- 6. bad arguments and unusable output folders: exit 2 with a message that helps --------

def test_missing_input_exits_2_naming_the_path_with_a_hint(seed_files, tmp_path, capsys):
    missing = tmp_path / "no-such-folder"
    out = tmp_path / "out"
    status = main(["build", str(seed_files[0]), str(missing), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert str(missing) in err and "not found" in err
    assert "hint:" in err
    assert "Traceback" not in err
    assert not out.exists(), "a bad input must not leave an output folder behind"


@pytest.mark.parametrize("where", ["under a regular file", "a regular file"])
def test_unwritable_output_folder_exits_2_naming_it(seed_files, tmp_path, capsys, where):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    out = blocker / "out" if where == "under a regular file" else blocker
    status = main(["build", str(seed_files[0]), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert str(out) in err and "output folder" in err and "hint:" in err
    assert "Traceback" not in err
    assert blocker.read_text("utf-8") == "not a folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions do not stop root (or non-POSIX systems)")
def test_read_only_output_folder_exits_2(seed_files, tmp_path, capsys):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main(["build", str(seed_files[0]), "-o", str(out)]) == 2
    finally:
        out.chmod(0o755)
    err = capsys.readouterr().err
    assert str(out) in err and "hint:" in err
    assert list(out.iterdir()) == []


def test_kg_without_arguments_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "usage: kg" in text
    assert "build" in text and "eval" in text  # lists the commands
    assert "kg build articles/ -o out" in text  # and shows an example


def test_build_help_exits_0_and_names_the_output_files(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in sorted(OUTPUTS):
        assert name in out, name
    assert "exit status" in out and "-o" in out


def test_build_without_inputs_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build"])
    assert exc.value.code == 2
    assert "INPUT" in capsys.readouterr().err
