"""Result formats: the SPARQL 1.1 ones read back by pyoxigraph, the table for people."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from kg.query.engine import QueryResult, run_query
from kg.query.formats import (serialize, spreadsheet_cell, table, to_csv, to_json, to_tsv,
                              to_xml, turtle)
from kg.query.terms import compact, display_width

XSD = "http://www.w3.org/2001/XMLSchema#"
ROWS = [
    (ox.NamedNode("https://w3id.org/kg/id/division/210115"), ox.Literal("辽中区", language="zh"),
     ox.Literal("10", datatype=ox.NamedNode(XSD + "integer"))),
    (ox.BlankNode("b0"), ox.Literal('tab\there "quoted", comma\nnewline'), None),
]
RESULT = QueryResult("SELECT", variables=["entity", "name", "n"], rows=ROWS)


@pytest.mark.parametrize("fmt, parser", [("json", ox.QueryResultsFormat.JSON),
                                         ("xml", ox.QueryResultsFormat.XML),
                                         ("tsv", ox.QueryResultsFormat.TSV)])
def test_standard_formats_read_back_exactly(fmt, parser):
    back = ox.parse_query_results(serialize(RESULT, fmt), parser)
    assert [v.value for v in back.variables] == RESULT.variables
    rows = [tuple(s[i] for i in range(3)) for s in back]
    assert rows[0] == ROWS[0]
    assert rows[1][1:] == ROWS[1][1:] and isinstance(rows[1][0], ox.BlankNode)


def test_csv_is_plain_values():
    rows = list(csv.reader(io.StringIO(to_csv(RESULT))))
    assert rows[0] == ["entity", "name", "n"]
    assert rows[1] == ["https://w3id.org/kg/id/division/210115", "辽中区", "10"]
    assert rows[2] == ["_:b0", 'tab\there "quoted", comma\nnewline', ""]
    assert to_csv(RESULT).endswith("\r\n")


def test_ask_results():
    yes = QueryResult("ASK", boolean=True)
    assert json.loads(to_json(yes)) == {"head": {}, "boolean": True}
    assert bool(ox.parse_query_results(to_xml(yes), ox.QueryResultsFormat.XML)) is True
    assert bool(ox.parse_query_results(to_tsv(QueryResult("ASK", boolean=False)),
                                       ox.QueryResultsFormat.TSV)) is False
    assert table(yes) == "true"


def test_table_aligns_wide_characters():
    text = table(RESULT)
    lines = text.splitlines()
    assert lines[0].split() == ["entity", "name", "n"]
    assert "division:210115" in lines[2] and "辽中区" in lines[2]
    # the third column starts at the same display column on every row
    col = [display_width(line[:line.rindex(cell)]) for line, cell in
           ((lines[0], " n"), (lines[2], " 10"))]
    assert col[0] == col[1]
    assert lines[-1] == "(2 rows)"
    assert "\n" not in lines[3] and "tab here" in lines[3]  # one line per row


def test_table_cuts_long_values_unless_full():
    long = QueryResult("SELECT", variables=["s"], rows=[(ox.Literal("很长的句子" * 30),)])
    assert max(display_width(line) for line in table(long).splitlines()) <= 60
    assert "…" in table(long)
    assert "很长的句子" * 30 in table(long, max_width=None)
    cut = QueryResult("SELECT", variables=["s"], rows=[(ox.Literal("a"),)], truncated=True)
    assert "cut at 1" in table(cut)


def test_graphs_print_as_turtle_with_kg_prefixes(seeds_store):
    result = run_query(seeds_store, "CONSTRUCT { ?d kg:partOf ?p } WHERE { ?d kg:partOf ?p }")
    text = turtle(result.triples)
    assert "@prefix division: <https://w3id.org/kg/id/division/>" in text
    assert "division:210115 kg:partOf division:210100" in text
    assert "@prefix person:" not in text  # only the prefixes it uses
    back = ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)
    assert {q.triple for q in back} == set(result.triples)
    assert serialize(result, "json").startswith(b"@prefix")  # a graph is never a result table


def test_compact_iris():
    assert compact("https://w3id.org/kg/ontology#Programme") == "kg:Programme"
    assert compact("https://w3id.org/kg/id/lecture-group/abc") == "lecturegroup:abc"
    assert compact("http://example.org/x") == "<http://example.org/x>"


# -- formula injection: article text is untrusted ------------------------------

@pytest.mark.parametrize("value, safe", [
    ('=HYPERLINK("http://x.example","点击")', '\'=HYPERLINK("http://x.example","点击")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("-2+3", "'-2+3"),
    ("\t=1", "'\t=1"),
    ("-12.5", "-12.5"),    # a number stays a number
    ("+3", "+3"),
    ("5+12+N", "5+12+N"),  # a slogan that starts with a digit cannot run
    ("理论超市", "理论超市"),
    (42, 42), (0.5, 0.5), (None, None),
])
def test_spreadsheet_cells(value, safe):
    assert spreadsheet_cell(value) == safe


def test_csv_for_spreadsheets_guards_cells_but_the_w3c_csv_does_not():
    row = (ox.Literal("=1+1"), ox.Literal("-3"))
    result = QueryResult("SELECT", variables=["a", "b"], rows=[row])
    assert list(csv.reader(io.StringIO(to_csv(result, spreadsheet=True))))[1] == ["'=1+1", "-3"]
    assert list(csv.reader(io.StringIO(to_csv(result))))[1] == ["=1+1", "-3"]


def test_one_rule_for_the_byte_order_mark(capsys, tmp_path):
    """kg analyze --help, kg query --help and the README state the same rule, and the
    files follow it."""
    import textwrap
    from pathlib import Path

    import pytest as _pytest

    from kg.cli import main
    from kg.query.formats import CSV_RULE
    flat = lambda text: " ".join(text.split())
    for command in ("analyze", "query"):
        with _pytest.raises(SystemExit):
            main([command, "--help"])
        assert flat(CSV_RULE) in flat(capsys.readouterr().out), command
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    assert flat(CSV_RULE) in flat(readme)
    assert textwrap  # (the helps wrap the rule; the comparison ignores line breaks)
