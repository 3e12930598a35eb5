"""Entity pages of kg serve in a real headless Chromium: from a result's IRI to its page,
through the neighbourhood graph to a neighbour, and the search box; no script error, no
Content-Security-Policy violation, nothing fetched from elsewhere."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.slow


def _open(browser, url):
    page = browser.new_page()
    problems, requests = [], []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    return page, problems, requests


def test_a_result_iri_opens_its_entity_page(browser, seeds_url):
    page, problems, requests = _open(browser, seeds_url)
    page.wait_for_selector("html[data-kg-state=ready]")
    page.fill("#kg-query", 'SELECT ?d WHERE { ?d rdfs:label "辽中区"@zh }')
    page.click("#kg-run")
    page.wait_for_selector("html[data-kg-state=done]")
    link = page.locator("#kg-table tbody td.iri a").first
    assert link.inner_text() == "division:210115"
    link.click()
    page.wait_for_url("**/id/division/210115")
    assert page.locator("h1").inner_text().startswith("辽中区")
    crumbs = page.locator("dl.facts dd a").all_inner_texts()
    assert crumbs[:2] == ["辽宁省", "沈阳市"]
    assert page.locator("section h2", has_text="Relations").count() == 1
    assert page.locator("table mark", has_text="辽中区").count() > 0  # evidence, marked
    own = urlsplit(seeds_url).netloc
    assert problems == [] and all(urlsplit(u).netloc == own for u in requests)


def test_the_neighbourhood_graph_leads_to_a_neighbour(browser, seeds_url):
    page, problems, _ = _open(browser, seeds_url + "id/division/210115")
    nodes = page.locator("svg.hood a")
    assert nodes.count() >= 5
    box = page.locator("svg.hood").bounding_box()
    assert box["width"] > 300 and box["height"] > 200  # drawn, not collapsed
    target = next(i for i in range(nodes.count())
                  if nodes.nth(i).locator("title").text_content() == "沈阳市")
    nodes.nth(target).click()
    page.wait_for_url("**/id/division/210100")
    assert page.locator("h1").inner_text().startswith("沈阳市")
    assert "辽中区" in page.locator("svg.hood").text_content()  # and back again
    assert problems == []


def test_the_search_box_finds_an_entity_by_what_people_type(browser, seeds_url):
    page, problems, _ = _open(browser, seeds_url)
    page.fill("#kg-find", "辽中")
    page.press("#kg-find", "Enter")
    page.wait_for_url("**/id/division/210115")
    page.fill("input[name=name]", "宣讲团")
    page.press("input[name=name]", "Enter")
    page.wait_for_load_state()
    assert page.locator("main li a").count() >= 3
    page.locator("main li a", has_text="劳模宣讲团").first.click()
    assert page.locator("h1").inner_text().startswith("劳模宣讲团")
    assert problems == []
