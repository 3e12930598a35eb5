"""kg serve over real HTTP: protocol, content negotiation, refusals, time limit, row cap."""
from __future__ import annotations

import csv
import io
import json
import re
import time
import urllib.parse

import pyoxigraph as ox
import pytest

from kg.query.server import negotiate
from kg.query.saved import saved_query

from .client import get, post_form, request

FILES = "SELECT ?file WHERE { ?a kg:fileName ?file } ORDER BY ?file"
A000, A003 = "000_6026331b9176f73c.txt", "003_25962df8d3587bc9.txt"


def files_of(reply) -> list[str]:
    data = json.loads(reply.body)
    return [b["file"]["value"] for b in data["results"]["bindings"]]


def test_get_query(seeds_url):
    reply = get(seeds_url + "sparql", {"query": FILES})
    assert reply.status == 200
    assert reply.ctype == "application/sparql-results+json"
    assert files_of(reply) == [A000, A003]
    assert reply.headers["x-kg-rows"] == "2" and reply.headers["x-kg-truncated"] == "false"


def test_post_form_and_sparql_query_body(seeds_url):
    form = post_form(seeds_url + "sparql", {"query": FILES})
    body = request(seeds_url + "query", method="POST", data=FILES.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-query"})
    assert form.status == body.status == 200
    assert files_of(form) == files_of(body) == [A000, A003]


@pytest.mark.parametrize("accept, ctype", [
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("text/html, application/xml;q=0.9, */*;q=0.8", "application/sparql-results+xml"),
    ("text/csv;q=0.5, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
    ("*/*", "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
])
def test_content_negotiation(seeds_url, accept, ctype):
    reply = get(seeds_url + "sparql", {"query": FILES}, headers={"Accept": accept})
    assert reply.status == 200 and reply.ctype == ctype
    if ctype == "text/csv":
        assert list(csv.reader(io.StringIO(reply.text))) == [["file"], [A000], [A003]]
    elif ctype != "text/csv":
        fmt = {"text/tab-separated-values": ox.QueryResultsFormat.TSV,
               "application/sparql-results+xml": ox.QueryResultsFormat.XML,
               "application/sparql-results+json": ox.QueryResultsFormat.JSON}[ctype]
        assert [s["file"].value for s in ox.parse_query_results(reply.body, fmt)] == [A000, A003]


@pytest.mark.parametrize("fmt, ctype", [("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
                                        ("xml", "application/sparql-results+xml"),
                                        ("json", "application/sparql-results+json")])
def test_format_parameter_wins(seeds_url, fmt, ctype):
    reply = get(seeds_url + "sparql", {"query": FILES, "format": fmt},
                headers={"Accept": "application/sparql-results+json"})
    assert reply.status == 200 and reply.ctype == ctype


def test_unknown_format(seeds_url):
    reply = get(seeds_url + "sparql", {"query": FILES, "format": "excel"})
    assert reply.status == 400 and "unknown format" in reply.text


def test_graph_results(seeds_url):
    q = "CONSTRUCT { ?d kg:partOf ?p } WHERE { ?d kg:partOf ?p }"
    turtle = get(seeds_url + "sparql", {"query": q})
    assert turtle.status == 200 and turtle.ctype == "text/turtle"
    assert "division:210115 kg:partOf division:210100" in turtle.text
    nt = get(seeds_url + "sparql", {"query": q}, headers={"Accept": "application/n-triples"})
    assert nt.ctype == "application/n-triples"
    assert len(list(ox.parse(nt.body, format=ox.RdfFormat.N_TRIPLES))) == 3
    ask = get(seeds_url + "sparql", {"query": "ASK { ?s a kg:Slogan }"})
    assert json.loads(ask.body) == {"head": {}, "boolean": True}


def test_params_are_bound_not_pasted(seeds_url, seeds_store):
    before = len(seeds_store)
    text = saved_query("evidence").text
    good = post_form(seeds_url + "sparql", {"query": text, "$entity": "基层论谈"})
    assert good.status == 200 and len(json.loads(good.body)["results"]["bindings"]) >= 2
    bad = post_form(seeds_url + "sparql", {"query": text, "$entity": '"} ; DROP ALL ; {'})
    assert bad.status == 200 and json.loads(bad.body)["results"]["bindings"] == []
    assert len(seeds_store) == before


def test_syntax_error_is_400_with_line_and_column(seeds_url):
    reply = get(seeds_url + "sparql", {"query": "SELECT * WHERE {\n  ?s ?p ?o . FOO }"})
    assert reply.status == 400
    assert "line 2, column 14" in reply.text


@pytest.mark.parametrize("how", ["update-field", "update-type", "update-path", "query-field",
                                 "put", "delete", "get-update"])
def test_updates_are_refused(seeds_url, seeds_store, how):
    before = len(seeds_store)
    drop = "DROP ALL"
    if how == "update-field":
        reply = post_form(seeds_url + "sparql", {"update": drop})
    elif how == "update-type":
        reply = request(seeds_url + "sparql", method="POST", data=drop.encode(),
                        headers={"Content-Type": "application/sparql-update"})
    elif how == "update-path":
        reply = post_form(seeds_url + "update", {"update": drop})
    elif how == "query-field":
        reply = post_form(seeds_url + "sparql", {"query": drop})
    elif how == "put":
        reply = request(seeds_url + "store?graph=http://x", method="PUT", data=b"<a:b> <a:b> <a:b> .",
                        headers={"Content-Type": "application/n-triples"})
    elif how == "delete":
        reply = request(seeds_url + "store?default", method="DELETE")
    else:
        reply = get(seeds_url + "sparql", {"update": drop})
    assert reply.status == 403, reply.text
    assert "read-only" in reply.text or "SPARQL Update" in reply.text
    assert len(seeds_store) == before


def test_service_is_refused_by_parsing(seeds_url):
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    reply = get(seeds_url + "sparql", {"query": service})
    assert reply.status == 403 and "SERVICE" in reply.text and "--allow-service" in reply.text
    lower = "select * where { ?s ?p ?o . service silent <http://127.0.0.1:9/x> { ?s ?p ?o } }"
    assert get(seeds_url + "sparql", {"query": lower}).status == 403
    # the word in a string or a comment is no SERVICE clause
    harmless = 'SELECT ?s WHERE { ?s ?p "SERVICE <http://x>" } # SERVICE <http://y> {}'
    assert get(seeds_url + "sparql", {"query": harmless}).status == 200


def test_service_allowed_on_request(serve, seeds_store):
    url = serve(seeds_store, allow_service=True)
    # nothing listens on port 9 of loopback: the engine tries and fails, no 403
    reply = get(url + "sparql", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> "
                                          "{ ?s ?p ?o } }"})
    assert reply.status == 400 and "SERVICE" not in reply.text.split(":")[0]


def test_row_cap_is_announced(serve, seeds_store):
    url = serve(seeds_store, max_rows=3)
    reply = get(url + "sparql", {"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert reply.status == 200
    assert len(json.loads(reply.body)["results"]["bindings"]) == 3
    assert reply.headers["x-kg-truncated"] == "true" and reply.headers["x-kg-max-rows"] == "3"
    small = get(url + "sparql", {"query": FILES})
    assert small.headers["x-kg-truncated"] == "false"


# about 2 s on the seeds (3.6 million pairs, six times over): long enough to time out at
# 0.3 s, short enough that the abandoned worker finishes soon after
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { VALUES ?k { 1 2 3 4 5 6 } ?a ?p ?b . ?c ?q ?d }")


def test_time_limit(serve, seeds_store):
    url = serve(seeds_store, timeout=0.3, workers=1)
    started = time.monotonic()
    reply = get(url + "sparql", {"query": SLOW})
    assert reply.status == 503
    assert time.monotonic() - started < 2.0
    assert "ran out of time" in reply.text and "--timeout" in reply.text
    assert reply.headers.get("retry-after")
    # the one worker is still busy with the abandoned query: the next one waits, then 503
    busy = get(url + "sparql", {"query": FILES})
    assert busy.status == 503
    # once the abandoned query has finished, the server answers again
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        reply = get(url + "sparql", {"query": FILES})
        if reply.status == 200:
            break
        time.sleep(0.2)
    assert reply.status == 200 and files_of(reply) == [A000, A003]


def test_bad_requests(seeds_url):
    assert get(seeds_url + "sparql").status == 400
    assert "no query" in get(seeds_url + "sparql").text
    assert get(seeds_url + "nope").status == 404
    assert request(seeds_url + "sparql", method="POST", data=b"x",
                   headers={"Content-Type": "text/plain"}).status == 415
    two = seeds_url + "sparql?" + urllib.parse.urlencode([("query", FILES), ("query", FILES)])
    assert get(two).status == 400


def test_named_graph_parameters(seeds_url):
    graphs = get(seeds_url + "sparql", {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"})
    g = json.loads(graphs.body)["results"]["bindings"][0]["g"]["value"]
    one = get(seeds_url + "sparql", {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                     "default-graph-uri": g})
    everything = get(seeds_url + "sparql", {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    n_one = int(json.loads(one.body)["results"]["bindings"][0]["n"]["value"])
    n_all = int(json.loads(everything.body)["results"]["bindings"][0]["n"]["value"])
    assert 0 < n_one < n_all


def test_query_page_is_self_contained(seeds_url):
    reply = get(seeds_url)
    assert reply.status == 200 and reply.ctype == "text/html"
    page = reply.text
    csp = reply.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    # nothing to fetch: no src or href attributes, no @import, no url(); IRIs in the
    # data (prefixes, saved queries) are identifiers, never loaded
    assert not re.search(r"\b(src|href)\s*=", page)
    assert "@import" not in page and "url(" not in page
    for q in ("articles", "division-programmes", "evidence"):
        assert f'"name": "{q}"' in page
    assert "</script" not in page.split('id="kg-saved">')[1].split("</script>")[0]


def test_saved_queries_as_json(seeds_url):
    data = json.loads(get(seeds_url + "queries").body)
    by_name = {q["name"]: q for q in data}
    assert by_name["division-programmes"]["params"][0]["name"] == "division"
    assert by_name["articles"]["text"].startswith("# ")


def test_negotiate():
    assert negotiate("", None, False) == ("json", "application/sparql-results+json")
    assert negotiate("", None, True) == ("turtle", "text/turtle")
    assert negotiate("text/csv;q=0", None, False)[0] == "json"
    assert negotiate("application/json", None, True)[0] == "turtle"
    assert negotiate("", "json", True)[0] == "jsonld"
    assert negotiate("", "text/csv", False)[0] == "csv"
    assert negotiate("", "nope", False) is None
