"""kg export: graph.trig and graph.ttl of a build that did not write them; and the
options kg build gained with them."""
from __future__ import annotations

import warnings

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main


def test_export_writes_the_files_a_small_build_writes(seed_files, tmp_path, capsys):
    assert main(["build", *map(str, seed_files), "-o", str(tmp_path / "with"), "-q"]) == 0
    assert main(["build", *map(str, seed_files), "-o", str(tmp_path / "without"), "-q",
                 "--exports", "no"]) == 0
    assert not (tmp_path / "without" / "graph.trig").exists()
    assert main(["export", str(tmp_path / "without")]) == 0
    printed = capsys.readouterr().out
    assert "graph.trig" in printed and "graph.ttl" in printed
    a = Graph().parse(tmp_path / "with" / "graph.ttl")
    b = Graph().parse(tmp_path / "without" / "graph.ttl")
    assert len(a) > 1000 and isomorphic(a, b)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        da = Dataset().parse(tmp_path / "with" / "graph.trig", format="trig")
        db = Dataset().parse(tmp_path / "without" / "graph.trig", format="trig")
    ga = {g.identifier: g for g in da.graphs() if len(g)}
    gb = {g.identifier: g for g in db.graphs() if len(g)}
    assert len(ga) == 2 and set(ga) == set(gb)
    assert all(isomorphic(ga[k], gb[k]) for k in ga)


def test_export_elsewhere(seed_files, tmp_path):
    main(["build", str(seed_files[0]), "-o", str(tmp_path / "out"), "-q", "--exports", "no"])
    assert main(["export", str(tmp_path / "out"), "--to", str(tmp_path / "share")]) == 0
    assert (tmp_path / "share" / "graph.trig").stat().st_size > 0
    assert not (tmp_path / "out" / "graph.trig").exists()


def test_export_without_a_build_says_what_to_do(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert "kg build" in err


def test_a_large_build_drops_exports_that_would_be_stale(seed_files, tmp_path):
    out = tmp_path / "out"
    main(["build", str(seed_files[0]), "-o", str(out), "-q"])
    assert (out / "graph.trig").exists()
    main(["build", str(seed_files[1]), "-o", str(out), "-q", "--exports", "no"])
    assert not (out / "graph.trig").exists() and not (out / "graph.ttl").exists()


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_jobs_must_be_a_positive_number(value, seed_files, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", str(seed_files[0]), "-o", str(tmp_path / "out"), "--jobs", value])
    assert exc.value.code == 2
    assert "processes" in capsys.readouterr().err


def test_build_help_teaches_the_new_options(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    for text in ("--jobs", "--dask", "--prune", "--exports", "--validate", "kg export",
                 "dask scheduler", "incremental"):
        assert text in out, text
