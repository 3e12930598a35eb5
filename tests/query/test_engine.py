"""Running queries: parameters bound safely, syntax errors with line and column, limits."""
from __future__ import annotations

import threading

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.query.engine import Cancelled, Refused, run_query
from kg.query.saved import saved_query
from kg.query.sparql import bind_values, shape, tokens, uses_service_keyword, with_prefixes
from kg.query.terms import param_term, parse_param, parse_params

INJECTION = '"} ; DROP ALL ; {'
XSD = "http://www.w3.org/2001/XMLSchema#"


def test_param_values():
    assert parse_param("division=辽宁省") == ("division", ox.Literal("辽宁省"))
    assert parse_param("?x=<https://w3id.org/kg/id/division/210000>") == \
        ("x", ox.NamedNode("https://w3id.org/kg/id/division/210000"))
    assert param_term('"辽宁省"@zh') == ox.Literal("辽宁省", language="zh")
    assert param_term('"5"^^xsd:integer') == ox.Literal("5", datatype=ox.NamedNode(XSD + "integer"))
    assert param_term('"2022-03-10"^^<http://www.w3.org/2001/XMLSchema#date>') == \
        ox.Literal("2022-03-10", datatype=ox.NamedNode(XSD + "date"))
    assert param_term('"quoted"') == ox.Literal("quoted")
    assert param_term(INJECTION) == ox.Literal(INJECTION)
    assert param_term("a=b") == ox.Literal("a=b")
    for bad in ("novalue", "=x", "1a=x", "a b=c"):
        with pytest.raises(QueryError):
            parse_param(bad)
    with pytest.raises(QueryError):
        parse_params(["a=1", "a=2"])
    with pytest.raises(QueryError):
        param_term("<not an iri>")


def _count(store) -> int:
    return len(store)


@pytest.mark.parametrize("value", [INJECTION, '辽宁省" } ; DROP ALL ; { "', "\\\" ) } #", "<x> }"])
def test_a_param_cannot_inject(seeds_store, value):
    before = _count(seeds_store)
    text = saved_query("evidence").text
    # the engine binds it (SELECT, projected) ...
    assert run_query(seeds_store, text, {"entity": ox.Literal(value)}).rows == []
    # ... and so does the checked VALUES block (used for remote endpoints)
    bound = bind_values(text, {"entity": ox.Literal(value)})
    assert run_query(seeds_store, bound).rows == []
    assert shape(bound).variables == shape(text).variables
    assert _count(seeds_store) == before


def test_values_block_binds_like_the_engine(seeds_store):
    text = saved_query("division-programmes").text
    param = {"division": ox.Literal("辽宁省")}
    engine = run_query(seeds_store, text, param)
    values = run_query(seeds_store, bind_values(text, param))
    assert sorted(engine.rows, key=str) == sorted(values.rows, key=str) and engine.rows


def test_non_projected_and_non_select_params_use_values(seeds_store):
    # ?type is not projected by entities.rq: bound through VALUES
    slogans = run_query(seeds_store, saved_query("entities").text, {"type": ox.Literal("Slogan")})
    assert slogans.rows and set(slogans.column("category")) == {"Slogan"}
    ask = "ASK { ?x rdfs:label ?l FILTER(STR(?l) = ?name) }"
    assert run_query(seeds_store, ask, {"name": ox.Literal("辽中区")}).boolean is True
    assert run_query(seeds_store, ask, {"name": ox.Literal(INJECTION)}).boolean is False
    construct = "CONSTRUCT { ?x rdfs:label ?l } WHERE { ?x rdfs:label ?l FILTER(STR(?l) = ?name) }"
    result = run_query(seeds_store, construct, {"name": ox.Literal("辽中区")})
    assert result.is_graph and {t.object.value for t in result.triples} == {"辽中区"}


def test_an_iri_param(seeds_store):
    text = "SELECT ?d ?label WHERE { ?d rdfs:label ?label }"
    result = run_query(seeds_store, text,
                       {"d": ox.NamedNode("https://w3id.org/kg/id/division/210000")})
    assert result.column("label") == ["辽宁省"]


def test_a_param_without_its_variable(seeds_store):
    with pytest.raises(QueryError, match=r"no variable \?nope"):
        run_query(seeds_store, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", {"nope": ox.Literal("x")})


def test_bind_values_refuses_what_it_cannot_bind():
    with pytest.raises(QueryError, match="sub-query"):
        bind_values("SELECT * WHERE { SELECT ?x WHERE { ?x ?p ?o } }", {"x": ox.Literal("a")})
    with pytest.raises(QueryError, match="no WHERE"):
        bind_values("DESCRIBE <http://example.org/x>", {"x": ox.Literal("a")})


def test_bind_values_places_the_block_in_the_where_group():
    text = ("PREFIX ex: <http://example.org/#x>\n# a { comment\n"
            "CONSTRUCT { ?s ex:p \"{\" } WHERE { ?s ?p ?o FILTER(?o = \"}\") }")
    bound = bind_values(text, {"o": ox.Literal("x")})
    assert bound.index("VALUES") > bound.index("WHERE {")
    assert bound.startswith(text.split("WHERE {")[0])


@pytest.mark.parametrize("text, line, column", [
    ("SELECT ?s WHERE {\n  ?s a kg:Programme ;\n     ?? }", 3, 6),
    ("SELECT * WHERE { ?s ?p ?o } LIMT 5", 1, 29),
    ("SELECT * WHERE {\n  ?s nope:p ?o }", 2, 6),
    ("SELEC * { }", 1, 1),
])
def test_syntax_errors_give_line_and_column(seeds_store, text, line, column):
    with pytest.raises(QueryError) as err:
        run_query(seeds_store, text)
    message = str(err.value)
    assert f"line {line}, column {column}" in message, message
    shown, caret = message.splitlines()[1:3]
    assert shown.strip() == text.splitlines()[line - 1].strip()
    assert caret.index("^") - 4 == len(text.splitlines()[line - 1][:column - 1])
    assert err.value.line == line


def test_syntax_error_caret_counts_wide_characters(seeds_store):
    text = 'SELECT * WHERE {\n"辽宁省" ?p ?o . FOO }'
    with pytest.raises(QueryError) as err:
        run_query(seeds_store, text)
    shown, caret = str(err.value).splitlines()[1:3]
    assert "line 2, column 15" in str(err.value)
    assert caret.index("^") - 4 == len('"辽宁省" ?p ?o . ') + 3  # three wide characters


def test_updates_are_refused(seeds_store):
    before = len(seeds_store)
    for text in ("DROP ALL", "INSERT DATA { <http://a> <http://b> <http://c> }",
                 "DELETE WHERE { ?s ?p ?o }"):
        with pytest.raises(Refused, match="SPARQL Update"):
            run_query(seeds_store, text)
    assert len(seeds_store) == before


def test_service_is_found_by_parsing():
    assert uses_service_keyword("SELECT * { SERVICE <http://x> { ?s ?p ?o } }")
    assert uses_service_keyword("select * { service ?svc { ?s ?p ?o } }")
    assert not uses_service_keyword('SELECT * { ?s ?p "SERVICE <http://x>" } # SERVICE')
    assert not uses_service_keyword("SELECT ?service { ?service ?p <http://x/SERVICE> }")
    assert shape("SELECT * { SERVICE SILENT <http://x> { ?s ?p ?o } }").service
    assert not shape('SELECT * { ?s ?p "SERVICE" }').service


def test_service_refused_unless_allowed(seeds_store):
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(Refused, match="SERVICE"):
        run_query(seeds_store, text, allow_service=False)
    nested = ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:9/x> "
              "{ ?s ?p ?o } } }")
    with pytest.raises(Refused):
        run_query(seeds_store, nested, allow_service=False)
    ok = run_query(seeds_store, 'SELECT ?s WHERE { ?s ?p "SERVICE" }', allow_service=False)
    assert ok.rows == []


def test_max_rows_and_cancel(seeds_store):
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    result = run_query(seeds_store, text, max_rows=5)
    assert len(result.rows) == 5 and result.truncated
    assert not run_query(seeds_store, "SELECT ?s WHERE { ?s a kg:Article }", max_rows=5).truncated
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        run_query(seeds_store, text, cancel=cancel)


def test_union_default_graph_and_named_graphs(seeds_store):
    union = run_query(seeds_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    per_graph = run_query(seeds_store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                                       "GROUP BY ?g")
    assert len(per_graph.rows) == 2
    total = sum(int(n) for n in per_graph.column("n"))
    assert int(union.column("n")[0]) <= total  # shared entities are one node in the union


def test_lexer_keeps_strings_iris_and_comments_whole():
    toks = [t.text for t in tokens('SELECT * { ?s <http://x/#f> "a } b" . } # }')]
    assert toks == ["SELECT", "*", "{", "?s", "<http://x/#f>", '"a } b"', ".", "}"]
    long_string = "'''x\n{ \"}'''"
    toks = [t.text for t in tokens("SELECT * { ?s ?p " + long_string + " }")]
    assert toks[-2:] == [long_string, "}"]


def test_with_prefixes_keeps_line_numbers():
    text = "PREFIX kg: <http://mine/>\nSELECT * { ?s kg:p ?o }"
    out = with_prefixes(text)
    assert out.count("\n") == text.count("\n")
    assert "PREFIX kg: <http://mine/>" in out and "PREFIX kg: <https://w3id.org" not in out
    assert "PREFIX rdfs:" in out.splitlines()[0]
