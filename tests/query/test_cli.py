"""kg query, kg serve and kg push from the command line."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli import main

from .client import get

A000, A003 = "000_6026331b9176f73c.txt", "003_25962df8d3587bc9.txt"


def kg(capsys, *argv) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_and_show(capsys):
    status, out, _ = kg(capsys, "query", "--list")
    assert status == 0
    for name in ("articles", "division-programmes", "evidence", "slogan-spread",
                 "co-organisers", "figures", "entities", "relations"):
        assert re.search(rf"^  {re.escape(name)}\s+\S", out, re.M), name
    assert "--param division=" in out
    status, out, _ = kg(capsys, "query", "--show", "evidence")
    assert status == 0 and out.startswith("# Evidence sentences") and "kg:inSentence" in out


def test_saved_query_with_param_as_table(capsys, cli_out):
    status, out, _ = kg(capsys, "query", "division-programmes", "--param", "division=辽宁省",
                        "--store", str(cli_out))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["division", "kind", "name"]
    assert any("劳模宣讲团" in line for line in lines)
    assert re.fullmatch(r"\(\d+ rows\)", lines[-1])


def test_since_and_until_keep_to_a_period(capsys, cli_out):
    status, out, _ = kg(capsys, "query", "articles", "--since", "2022-03", "--until", "2022",
                        "-f", "csv", "--store", str(cli_out))
    assert status == 0 and "000_6026331b9176f73c.txt" in out
    assert "003_25962df8d3587bc9.txt" not in out  # undated: left out once a bound is given
    status, out, _ = kg(capsys, "query", "articles", "--until", "2021", "-f", "csv",
                        "--store", str(cli_out))
    assert status == 0 and "000_" not in out
    status, _, err = kg(capsys, "query", "entities", "--since", "2022", "--store", str(cli_out))
    assert status != 0 and "has no parameter since" in err
    with pytest.raises(SystemExit) as exit_:  # argparse's usage error
        kg(capsys, "query", "articles", "--since", "2022/03", "--store", str(cli_out))
    assert exit_.value.code == 2 and "YYYY-MM-DD, YYYY-MM or YYYY" in capsys.readouterr().err


def test_missing_required_param(capsys, cli_out):
    status, _, err = kg(capsys, "query", "evidence", "--store", str(cli_out))
    assert status == 2 and "needs --param entity=VALUE" in err


def test_inline_query_and_formats(capsys, cli_out):
    q = "SELECT ?file ?title WHERE { ?a kg:fileName ?file OPTIONAL { ?a dcterms:title ?title } } ORDER BY ?file"
    status, out, _ = kg(capsys, "query", q, "--store", str(cli_out), "--format", "csv")
    assert status == 0
    assert out.startswith("\ufeff")  # the byte-order mark of CSV_RULE
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows == [["file", "title"], [A000, "沈阳市辽中区以解放思想激活振兴发展内生动力"], [A003, ""]]
    status, out, _ = kg(capsys, "query", q, "--store", str(cli_out), "--format", "json")
    data = json.loads(out)
    assert [b["file"]["value"] for b in data["results"]["bindings"]] == [A000, A003]
    assert data["results"]["bindings"][0]["title"]["xml:lang"] == "zh"
    status, out, _ = kg(capsys, "query", q, "--store", str(cli_out), "--format", "tsv")
    assert out.splitlines()[0] == "?file\t?title" and f'"{A003}"\t' in out


def test_csv_on_the_command_line_is_safe_to_open_in_a_spreadsheet(capsys, cli_out):
    q = 'SELECT ?x ?n WHERE { VALUES (?x ?n) { ("=HYPERLINK(1)" -3) } }'
    status, out, _ = kg(capsys, "query", q, "--store", str(cli_out), "--format", "csv")
    assert status == 0
    assert list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))[1] == ["'=HYPERLINK(1)", "-3"]


def test_query_file_and_stdin(capsys, cli_out, tmp_path, monkeypatch):
    path = tmp_path / "mine.rq"
    path.write_text("ASK { ?s a kg:LectureGroup }", "utf-8")
    assert kg(capsys, "query", str(path), "--store", str(cli_out))[1].strip() == "true"
    monkeypatch.setattr(sys, "stdin", io.StringIO("ASK { ?s a kg:Nothing }"))
    assert kg(capsys, "query", "-", "--store", str(cli_out))[1].strip() == "false"
    status, _, err = kg(capsys, "query", str(tmp_path / "missing.rq"), "--store", str(cli_out))
    assert status == 2 and "no such query file" in err


def test_construct_prints_turtle(capsys, cli_out):
    status, out, _ = kg(capsys, "query", "DESCRIBE division:210115", "--store", str(cli_out))
    assert status == 0 and "@prefix division:" in out and "division:210115" in out


def test_syntax_error_shows_line_and_column(capsys, cli_out, tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?s WHERE {\n  ?s a kg:Programme ;\n     ?? }\n", "utf-8")
    status, out, err = kg(capsys, "query", str(path), "--store", str(cli_out))
    assert status == 2 and out == ""
    assert f"{path}:3" in err and "line 3, column 6" in err
    assert err.splitlines()[-2].strip() == "^"


def test_unknown_saved_query_suggests(capsys, cli_out):
    status, _, err = kg(capsys, "query", "artcles", "--store", str(cli_out))
    assert status == 2 and "did you mean articles" in err


def test_no_store(capsys, tmp_path):
    (tmp_path / "graph.trig").write_text("")
    status, _, err = kg(capsys, "query", "articles", "--store", str(tmp_path))
    assert status == 2 and "no graph store" in err and "kg build" in err


def test_injection_through_the_command_line(capsys, cli_out):
    status, out, _ = kg(capsys, "query", "evidence", "--param", 'entity="} ; DROP ALL ; {',
                        "--store", str(cli_out))
    assert status == 0 and out.splitlines()[-1] == "(0 rows)"
    status, out, _ = kg(capsys, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                        "--store", str(cli_out), "--format", "csv")
    assert int(out.splitlines()[1]) > 1000  # nothing was dropped


def test_helps_teach(capsys):
    for command, words in (("query", ["--param", "saved", "examples:"]),
                           ("serve", ["127.0.0.1", "--timeout", "--max-rows", "examples:"]),
                           ("push", ["Graph Store", "--endpoint", "examples:"])):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        for word in words:
            assert word in out, (command, word)


@pytest.mark.slow
def test_kg_serve_stops_on_ctrl_c_while_a_runaway_query_runs(cli_out):
    """An abandoned query pyoxigraph cannot stop must not keep kg serve from stopping."""
    script = Path(sys.executable).with_name("kg")
    if not script.is_file():
        pytest.skip("the kg console script is not installed")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([str(script), "serve", str(cli_out), "--port", "0", "--quiet",
                             "--timeout", "0.5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        url = None
        while url is None:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            m = re.search(r"query page\s+(http://127\.0\.0\.1:\d+/)", line)
            url = m.group(1) if m else None
        cubed = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"  # hours
        assert get(url + "sparql", {"query": cubed}).status == 503
        proc.send_signal(2)  # SIGINT, as Ctrl+C, with the query still running
        assert proc.wait(15) is not None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_kg_serve_runs_as_a_command(cli_out, tmp_path):
    """The console script on a free port: prints its URL, answers, stops on SIGINT."""
    script = Path(sys.executable).with_name("kg")
    if not script.is_file():
        pytest.skip("the kg console script is not installed")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([str(script), "serve", str(cli_out), "--port", "0", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        url = None
        deadline = time.monotonic() + 30
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            m = re.search(r"query page\s+(http://127\.0\.0\.1:\d+/)", line)
            url = m.group(1) if m else None
        assert url, proc.stderr.read() if proc.poll() is not None else "no URL printed"
        reply = get(url + "sparql", {"query": "ASK { ?s a kg:Article }"})
        assert reply.status == 200 and json.loads(reply.body)["boolean"] is True
        # the store is held: kg query by path says so
        held = subprocess.run([str(script), "query", "articles", "--store", str(cli_out)],
                              capture_output=True, text=True, env=env)
        assert held.returncode == 2 and "in use by another process" in held.stderr
        # ... and points to the endpoint, which works
        via = subprocess.run([str(script), "query", "articles", "--endpoint", url + "sparql"],
                             capture_output=True, text=True, env=env)
        assert via.returncode == 0 and A000 in via.stdout
    finally:
        proc.send_signal(2)  # SIGINT, as Ctrl+C
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0


def test_an_inline_query_longer_than_a_file_name_runs(capsys, cli_out):
    # a query typed in a shell is often over 255 bytes: it must not be tried as a path
    filters = " ".join(f"FILTER(?file != 'not-an-article-{i}.txt')" for i in range(12))
    q = f"SELECT ?file WHERE {{ ?a kg:fileName ?file {filters} }} ORDER BY ?file"
    assert len(q.encode()) > 255
    status, out, err = kg(capsys, "query", q, "--store", str(cli_out))
    assert status == 0, err
    assert A000 in out and A003 in out


def test_kg_serve_binds_loopback_by_default():
    import argparse

    from kg.cli import serve_cmd
    parser = argparse.ArgumentParser()
    serve_cmd.register(parser.add_subparsers())
    args = parser.parse_args(["serve", "out"])
    assert args.host == "127.0.0.1"
