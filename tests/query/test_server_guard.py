"""kg serve against what arrives on its port: other origins, DNS rebinding, path
tricks, big bodies, malformed queries, and 200 requests at once."""
from __future__ import annotations

import concurrent.futures as futures
import http.client
import json
import statistics
import time
import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

FILES = "PREFIX kg: <https://w3id.org/kg/ontology#> SELECT ?f WHERE { ?a kg:fileName ?f } ORDER BY ?f"


def raw(url: str, method: str, path: str, headers: dict | None = None, body: bytes | None = None):
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest(method, path, skip_host="Host" in (headers or {}),
                        skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        if body is not None:
            try:
                conn.send(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
        reply = conn.getresponse()
        return reply.status, dict(reply.getheaders()), reply.read()
    finally:
        conn.close()


def query_path(q: str = FILES) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": q})


def test_a_foreign_host_name_is_refused(seeds_url):
    status, _, body = raw(seeds_url, "GET", query_path(), {"Host": "evil.example:80"})
    assert status == 403 and b"Host" in body
    assert raw(seeds_url, "GET", query_path(), {"Host": "localhost"})[0] == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"},
    {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"},
])
def test_another_origin_cannot_run_queries(seeds_url, headers):
    status, reply_headers, _ = raw(seeds_url, "GET", query_path(), headers)
    assert status == 403
    assert not any(k.lower().startswith("access-control-") for k in reply_headers)
    form = urllib.parse.urlencode({"query": FILES}).encode()
    status, _, _ = raw(seeds_url, "POST", "/sparql",
                       {"Content-Type": "application/x-www-form-urlencoded", **headers}, form)
    assert status == 403


def test_the_own_page_and_a_link_from_elsewhere_work(seeds_url):
    host = urllib.parse.urlsplit(seeds_url).netloc
    same = {"Origin": f"http://{host}", "Sec-Fetch-Site": "same-origin"}
    assert raw(seeds_url, "GET", query_path(), same)[0] == 200
    link = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}
    status, headers, _ = raw(seeds_url, "GET", "/", link)
    assert status == 200 and "access-control-allow-origin" not in {k.lower() for k in headers}


@pytest.mark.parametrize("path", ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/sparql/../../x",
                                  "/static/..%2f..%2fetc%2fpasswd", "//etc/passwd"])
def test_no_path_leads_outside_the_routes(seeds_url, path):
    status, _, body = raw(seeds_url, "GET", path)
    assert status in (400, 404) and b"root:" not in body


def test_a_20_mb_body_is_refused_before_it_is_read(seeds_url):
    started = time.monotonic()
    status, _, body = raw(seeds_url, "POST", "/sparql",
                          {"Content-Type": "application/sparql-query"}, b"#" * (20 * 2**20))
    assert status == 413 and b"larger than" in body
    assert time.monotonic() - started < 10


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_malformed_queries_get_400_never_500(seeds_url, text):
    status, _, _ = raw(seeds_url, "GET", query_path("SELECT * WHERE { " + text))
    assert status in (200, 400, 403), status


@pytest.mark.parametrize("query", ["SELECT", "SELECT * WHERE { ?s ?p }", "ASK {", "}}}",
                                   "SELECT * WHERE { <not an iri> ?p ?o }", "PREFIX x: SELECT",
                                   "SELECT (1/0 AS ?x) {}", "SELECT * { ?s ?p 99999999999999999999999999 }",
                                   "\x00", "SELECT * WHERE { ?s ?p ?o } LIMIT -1"])
def test_known_malformed_queries(seeds_url, query):
    status, _, _ = raw(seeds_url, "GET", query_path(query))
    assert status in (200, 400), (query, status)


@pytest.mark.slow
def test_200_concurrent_requests_are_all_answered(seeds_url, record_property):
    def one(i: int) -> tuple[int, float]:
        started = time.perf_counter()
        status, _, body = raw(seeds_url, "GET", query_path())
        assert json.loads(body)["results"]["bindings"]
        return status, time.perf_counter() - started

    with futures.ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(one, range(200)))
    statuses = [s for s, _ in results]
    latencies = sorted(t for _, t in results)
    assert statuses.count(200) == 200, statuses
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    record_property("latency_p50_ms", round(p50 * 1000, 1))
    record_property("latency_p95_ms", round(p95 * 1000, 1))
    print(f"200 requests, 32 at a time: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
          f"max {latencies[-1] * 1000:.1f} ms, errors 0")


# all triples squared, twelve times: about 6 s on the seeds (2,235 triples) here, far over the
# 1 s limit, and over in seconds (a cubed join ran for hours in the abandoned worker,
# holding a core for the rest of the suite)
HEAVY = ("SELECT (COUNT(*) AS ?n) WHERE { VALUES ?k { 1 2 3 4 5 6 7 8 9 10 11 12 } "
         "?a ?p ?b . ?c ?q ?d }")


def test_a_heavy_query_is_stopped_while_others_are_answered(serve, seeds_store):
    url = serve(seeds_store, timeout=1.0, workers=3)
    with futures.ThreadPoolExecutor(max_workers=2) as pool:
        heavy = pool.submit(raw, url, "GET", query_path(HEAVY))
        time.sleep(0.1)
        answered = [raw(url, "GET", query_path())[0] for _ in range(5)]
        status, headers, body = heavy.result(timeout=30)
    assert answered == [200] * 5  # while the heavy one runs
    assert status == 503 and b"ran out of time" in body


def test_parameter_boxes_take_names_as_people_type_them(serve, seeds_store):
    from kg.ingest import normalise
    url = serve(seeds_store, normalise=lambda t: normalise(t)[0])
    from kg.query.saved import saved_query
    q = saved_query("division-programmes").text
    status, headers, body = raw(url, "GET", "/sparql?" + urllib.parse.urlencode(
        {"query": q, "$division": "遼寧"}))
    assert status == 200 and "劳模宣讲团" in body.decode()
    assert "read as" in urllib.parse.unquote(headers.get("X-KG-Read-As", ""))
    status, _, body = raw(url, "GET", "/sparql?" + urllib.parse.urlencode(
        {"query": saved_query("relations").text, "$entity": "宣讲团"}))
    assert status == 400 and "did you mean" in body.decode()
