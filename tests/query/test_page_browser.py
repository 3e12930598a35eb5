"""The query page of kg serve in a real headless Chromium (Debian's, driven by playwright).

Type a query, run it, see rows; pick a saved query, fill its parameter, run it; errors
and cut answers are shown; data is shown as text; nothing outside the server is fetched.
Skipped, with the reason printed, only when Chromium (or playwright) is missing.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest

from kg.rdf.store import replace_graph

pytestmark = pytest.mark.slow
XSS = '<img src=x onerror="alert(1)">辽中区<script>alert(2)</script>'


class Page:
    def __init__(self, context, url: str):
        self.page = context.new_page()
        self.base = url
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)
        self.page.wait_for_selector("html[data-kg-state=ready]", timeout=15_000)

    def run(self, *, keyboard: bool = False) -> str:
        if keyboard:
            self.page.focus("#kg-query")
            self.page.keyboard.press("Control+Enter")
        else:
            self.page.click("#kg-run")
        self.page.wait_for_selector("html[data-kg-state=done], html[data-kg-state=error]",
                                    timeout=15_000)
        return self.page.get_attribute("html", "data-kg-state")

    def cells(self, column: int) -> list[str]:
        return self.page.locator(f"#kg-table tbody tr td:nth-child({column})").all_inner_texts()

    @property
    def foreign(self) -> list[str]:
        own = urlsplit(self.base).netloc
        return [u for u in self.requests if urlsplit(u).netloc != own]


def test_type_a_query_and_see_rows(browser, seeds_url):
    page = Page(browser, seeds_url)
    page.page.fill("#kg-query", "SELECT ?file ?title WHERE {\n  ?a kg:fileName ?file .\n"
                                "  OPTIONAL { ?a dcterms:title ?title }\n} ORDER BY ?file")
    assert page.run(keyboard=True) == "done"
    assert page.cells(1) == ["000_6026331b9176f73c.txt", "003_25962df8d3587bc9.txt"]
    assert page.cells(2)[0] == "沈阳市辽中区以解放思想激活振兴发展内生动力"
    assert page.page.locator("#kg-table th").all_inner_texts() == ["file", "title"]
    assert "2 rows" in page.page.inner_text("#kg-status")
    assert page.errors == [] and page.foreign == []


def test_saved_query_with_a_parameter(browser, seeds_url):
    page = Page(browser, seeds_url)
    options = page.page.locator("#kg-examples option").all_inner_texts()
    assert any(o.startswith("division-programmes") for o in options)
    assert any(o.startswith("evidence") for o in options)
    page.page.select_option("#kg-examples", "division-programmes")
    assert "kg:partOf*" in page.page.input_value("#kg-query")
    # a required parameter left empty is asked for, not sent
    assert page.run() == "error"
    assert "division" in page.page.inner_text("#kg-error")
    page.page.fill("#kg-params input[data-param=division]", "辽宁省")
    assert page.run() == "done"
    names = set(page.cells(3))
    assert {"劳模宣讲团", "巾帼宣讲团", "驻村第一书记宣讲团", "5+12+N大讨论"} <= names
    assert "理论超市" not in names
    assert page.errors == [] and page.foreign == []


def test_syntax_error_is_shown_with_its_place(browser, seeds_url):
    page = Page(browser, seeds_url)
    page.page.fill("#kg-query", "SELECT * WHERE {\n  ?s ?p ?o . FOO }")
    assert page.run() == "error"
    error = page.page.inner_text("#kg-error")
    assert "400" in error and "line 2, column 14" in error
    assert page.page.locator("#kg-table").count() == 0


def test_graph_results_and_refusals(browser, seeds_url):
    page = Page(browser, seeds_url)
    page.page.fill("#kg-query", "CONSTRUCT { ?d kg:partOf ?p } WHERE { ?d kg:partOf ?p }")
    assert page.run() == "done"
    assert "division:210115 kg:partOf division:210100" in page.page.inner_text("pre.graph")
    page.page.fill("#kg-query", "DROP ALL")
    assert page.run() == "error" and "403" in page.page.inner_text("#kg-error")


def test_data_is_shown_as_text(browser, serve):
    store = ox.Store()
    g = ox.NamedNode("https://w3id.org/kg/id/graph/1")
    node = ox.NamedNode("https://w3id.org/kg/id/division/210115")
    replace_graph(store, g, [ox.Triple(node, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                                       ox.Literal(XSS, language="zh"))])
    url = serve(store)
    page = Page(browser, url)
    page.page.fill("#kg-query", "SELECT ?d ?label WHERE { ?d rdfs:label ?label }")
    assert page.run() == "done"
    assert page.cells(2) == [XSS]
    assert page.cells(1) == ["division:210115"]
    assert page.dialogs == []
    assert page.page.locator("#kg-results img, #kg-results script").count() == 0
    assert page.foreign == []


def test_cut_answers_say_so(browser, serve, seeds_store):
    url = serve(seeds_store, max_rows=3)
    page = Page(browser, url)
    page.page.fill("#kg-query", "SELECT * WHERE { ?s ?p ?o }")
    assert page.run() == "done"
    assert len(page.cells(1)) == 3
    assert "cut at 3" in page.page.inner_text("#kg-status")


def test_parameter_fields_follow_the_query_text(browser, seeds_url):
    page = Page(browser, seeds_url)
    page.page.select_option("#kg-examples", "division-programmes")
    assert page.page.locator("#kg-params input[data-param=division]").count() == 1
    page.page.fill("#kg-params input[data-param=division]", "辽宁省")
    page.page.fill("#kg-query", "SELECT ?file WHERE { ?a kg:fileName ?file } ORDER BY ?file")
    assert page.page.locator("#kg-params input").count() == 0  # the old field went
    assert page.run() == "done"
    assert page.cells(1) == ["000_6026331b9176f73c.txt", "003_25962df8d3587bc9.txt"]
    assert page.errors == [] and page.foreign == []


def test_downloads_and_a_permalink(browser, seeds_url):
    import urllib.parse
    import urllib.request
    page = Page(browser, seeds_url)
    page.page.select_option("#kg-examples", "division-programmes")
    page.page.fill("#kg-params input[data-param=division]", "辽宁省")
    assert page.run() == "done"
    csv_href = page.page.get_attribute("#kg-csv", "href")
    assert "format=csv" in csv_href and page.page.get_attribute("#kg-csv", "download")
    body = urllib.request.urlopen(urllib.parse.urljoin(seeds_url, csv_href)).read().decode()
    assert body.splitlines()[0].startswith("division,") and "劳模宣讲团" in body
    link = page.page.get_attribute("#kg-link", "href")
    assert link.startswith("#query=")
    again = browser.new_page()  # opens with the query and its parameter, and runs it
    again.goto(seeds_url + link)
    again.wait_for_selector("html[data-kg-state=done]", timeout=15_000)
    assert again.input_value("#kg-params input[data-param=division]") == "辽宁省"
    assert "劳模宣讲团" in again.locator("#kg-table tbody tr td:nth-child(3)").all_inner_texts()
    assert page.errors == [] and page.foreign == []


def test_saved_queries_keep_to_a_period(browser, seeds_url):
    page = Page(browser, seeds_url)
    page.page.select_option("#kg-examples", "articles")
    fields = page.page.locator("#kg-params input").evaluate_all("els => els.map(e => e.dataset.param)")
    assert fields == ["since", "until"]
    assert page.run() == "done" and len(page.cells(1)) == 2  # no bound: every article
    page.page.fill("#kg-params input[data-param=since]", "2022-03")
    assert page.run() == "done"
    assert page.cells(1) == ["000_6026331b9176f73c.txt"]  # the undated one is left out
    assert page.errors == [] and page.foreign == []
    page.page.fill("#kg-params input[data-param=until]", "2022/12")
    assert page.run() == "error"  # (the browser logs the 400 answer)
    assert "YYYY-MM-DD, YYYY-MM or YYYY" in page.page.inner_text("#kg-error")
