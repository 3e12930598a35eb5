"""``kg analyze``: files written, summary, errors."""
from __future__ import annotations

import csv

from kg.cli import main


def test_writes_tables_report_plots_and_exports(fixture_out, tmp_path, capsys):
    target = tmp_path / "analysis"
    assert main(["analyze", str(fixture_out), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "kg analyze summary" in out and "report.md" in out
    for name in ("nodes.csv", "communities.csv", "components.csv", "slogan_diffusion.csv",
                 "slogans.csv", "report.md", "plots/slogan_spread.svg",
                 "export/entity.graphml", "export/comention.gexf", "export/bipartite.json"):
        assert (target / name).is_file(), name
    with open(target / "nodes.csv", encoding="utf-8-sig") as fh:
        assert next(csv.DictReader(fh))["pagerank"]
    assert not list(target.rglob(".*.tmp"))  # atomic writes leave no temporary file


def test_default_folder_and_quiet(handmade_out, capsys):
    assert main(["analyze", str(handmade_out), "-q", "--formats", "none",
                 "--no-betweenness"]) == 0
    assert capsys.readouterr().out == ""
    assert (handmade_out / "analysis" / "report.md").is_file()
    assert not (handmade_out / "analysis" / "export").exists()
    assert "not computed" in (handmade_out / "analysis" / "report.md").read_text("utf-8")


def test_missing_build_is_exit_2_with_a_hint(tmp_path, capsys):
    assert main(["analyze", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "run kg build first" in err


def test_bad_format_is_exit_2(handmade_out, capsys):
    assert main(["analyze", str(handmade_out), "--formats", "graphml,dot"]) == 2
    assert "dot" in capsys.readouterr().err


def test_help_teaches(capsys):
    import pytest
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    text = capsys.readouterr().out
    assert "examples:" in text and "slogan_diffusion.csv" in text and "--seed" in text


def test_csv_files_open_in_excel_as_utf8(fixture_out, tmp_path):
    target = tmp_path / "analysis"
    assert main(["analyze", str(fixture_out), "-o", str(target), "-q", "--formats", "none"]) == 0
    raw = (target / "nodes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that tells Excel this is UTF-8
    assert not (target / "report.md").read_bytes().startswith(b"\xef\xbb\xbf")
