"""Every saved query runs on the seeds' graph and answers what the articles say.

Expected rows come from reading the two seed articles (seeds/README.md):
000 is about 沈阳市辽中区 (辽宁省), dated 2022-03-10 16:26, and says 辽中区
开展“5+12+N”大讨论, 开设的“振兴大讲堂”, and 组织劳模、巾帼等五类宣讲团和驻村
“第一书记”宣讲团; 003 is about 天津市东丽区, has no title or date, and says
东丽区委宣传部与《求知》杂志社联合举办“基层论谈”活动 and 东丽区“理论超市”进基层活动
(累计举办“理论超市”66场).  习近平 is named in both.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query.engine import run_query
from kg.query.saved import parse_saved, saved_queries, saved_query
from kg.rdf.store import replace_graph

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LIAONING_GROUPS = {"劳模宣讲团", "巾帼宣讲团", "驻村第一书记宣讲团"}
LIAONING_PROGRAMMES = {"5+12+N大讨论", "振兴大讲堂"}
TIANJIN_PROGRAMMES = {"理论超市", "基层论谈"}
A000, A003 = "000_6026331b9176f73c.txt", "003_25962df8d3587bc9.txt"


def run(store, name, **params):
    return run_query(store, saved_query(name).text, {k: ox.Literal(v) for k, v in params.items()})


def seed_text(name: str) -> str:
    from kg.ingest import find_articles, read_article
    for path, aid in find_articles([SEEDS]):
        if aid == name:
            return read_article(path, aid).text
    raise AssertionError(name)


def test_every_saved_query_says_what_it_answers():
    queries = saved_queries()
    names = {q.name for q in queries}
    assert {"articles", "entities", "evidence", "division-programmes", "slogan-spread",
            "co-organisers", "figures", "relations"} <= names
    for q in queries:
        assert q.text.startswith("# "), f"{q.name}.rq must start with a # comment"
        assert len(q.description) > 20 and "\n" not in q.description
        for p in q.params:
            assert re.search(rf"[?$]{p.name}\b", q.text), f"{q.name}: ?{p.name} is not used"
    assert [p.name for p in saved_query("division-programmes").params] == \
        ["division", "since", "until"]
    assert [p.required for p in saved_query("division-programmes").params] == [True, False, False]
    assert not saved_query("entities").params[0].required


def test_header_parsing():
    q = parse_saved("x", "# What it answers.\n# More words.\n# param a: first (optional)\n"
                         "# param b: second\n\nSELECT * { ?a ?b ?c }\n")
    assert q.description == "What it answers."
    assert [(p.name, p.required) for p in q.params] == [("a", False), ("b", True)]


@pytest.mark.parametrize("query", [q.name for q in saved_queries()])
def test_every_saved_query_runs_on_the_seeds(seeds_store, query):
    saved = saved_query(query)
    params = {p.name: {"division": "辽宁省", "entity": "理论超市"}.get(p.name, "x")
              for p in saved.params if p.required}
    result = run(seeds_store, query, **params)
    assert result.form == "SELECT" and result.variables
    assert result.rows, f"{query} found nothing in the seeds"


@pytest.mark.parametrize("division", ["辽宁省", "沈阳市", "辽中区", "辽中"])
def test_division_programmes_roll_up_the_hierarchy(seeds_store, division):
    result = run(seeds_store, "division-programmes", division=division)
    rows = result.records()
    groups = {r["name"] for r in rows if r["kind"] == "LectureGroup"}
    programmes = {r["name"] for r in rows if r["kind"] == "Programme"}
    assert LIAONING_GROUPS <= groups
    assert LIAONING_PROGRAMMES <= programmes
    assert not (programmes & TIANJIN_PROGRAMMES), "东丽区's programmes are not in 辽宁"
    assert {r["division"] for r in rows} == {division}
    assert all("辽中区" in r["by"] for r in rows if r["name"] in LIAONING_GROUPS)


def test_division_programmes_include_bodies_of_the_division(seeds_store):
    rows = run(seeds_store, "division-programmes", division="天津市").records()
    names = {r["name"] for r in rows}
    assert TIANJIN_PROGRAMMES <= names
    assert not names & (LIAONING_GROUPS | LIAONING_PROGRAMMES)
    by = next(r["by"] for r in rows if r["name"] == "基层论谈")
    assert "东丽区委宣传部" in by  # run by a body that belongs to 东丽区


def test_province_equals_the_sum_of_its_places(seeds_store):
    province = {r["thing"] for r in run(seeds_store, "division-programmes",
                                        division="辽宁省").records()}
    county = {r["thing"] for r in run(seeds_store, "division-programmes",
                                      division="辽中区").records()}
    assert county and county <= province


def test_unknown_division_finds_nothing(seeds_store):
    assert run(seeds_store, "division-programmes", division="海南省").rows == []


def test_slogan_spread_ranks_by_divisions_with_dates(seeds_store):
    result = run(seeds_store, "slogan-spread")
    rows = {r["slogan"]: r for r in result.records()}
    # 000 names 辽中区 and 沈阳市 in its text; 003 names 东丽区 only
    for slogan in ("四位一体", "3+5+1", "5+12+N"):
        assert int(rows[slogan]["divisions"]) >= 2
        assert rows[slogan]["first"].startswith("2022-03-10")
        assert rows[slogan]["last"].startswith("2022-03-10")
        assert "辽中区" in rows[slogan]["where"]
    for slogan in ("四个全面", "四个一", "三严三实"):
        assert rows[slogan]["divisions"] == "1"
        assert rows[slogan]["where"] == "东丽区"
        assert rows[slogan]["first"] == "" and rows[slogan]["last"] == ""  # 003 has no date
    counts = [int(r["divisions"]) for r in result.records()]
    assert counts == sorted(counts, reverse=True)


def test_co_organisers_pair_the_joint_hosts(seeds_store):
    rows = run(seeds_store, "co-organisers").records()
    pairs = {(frozenset((r["organisation"], r["partner"])), r["runs"]): r for r in rows}
    pair = (frozenset(("东丽区委宣传部", "求知杂志社")), "基层论谈")
    assert pair in pairs
    assert pairs[pair]["jointly"] == "true"  # 联合举办: stated as joint
    assert all(r["organisation"] != r["partner"] for r in rows)
    assert len(pairs) == len(rows)  # each pair once


def test_evidence_sentences_of_an_entity(seeds_store):
    result = run(seeds_store, "evidence", entity="理论超市")
    sentences = result.column("sentence")
    text = seed_text(A003)
    # every sentence of 003 that names 理论超市 is evidence for it
    expected = {s for s in re.findall(r"[^。!?]*理论超市[^。!?]*[。!?]?", text)}
    assert len(expected) >= 4
    for sentence in expected:
        assert any(sentence.strip("“”") in s or s in sentence for s in sentences), sentence
    assert any("累计举办“理论超市”66场" in s for s in sentences)
    what = dict(zip(sentences, result.column("what")))
    figure_sentence = next(s for s in sentences if "66场" in s)
    assert "figure" in what[figure_sentence] and "mention" in what[figure_sentence]
    assert set(result.column("file")) == {A003}
    assert set(result.column("entity")) == {"理论超市"}


def test_evidence_finds_an_entity_by_its_alias(seeds_store):
    result = run(seeds_store, "evidence", entity="辽中")  # skos:altLabel of 辽中区
    assert result.rows
    assert all(f == A000 for f in result.column("file"))
    assert any("辽中区" in s for s in result.column("sentence"))


def test_entities_by_type_with_counts(seeds_store):
    rows = run(seeds_store, "entities").records()
    person = {r["name"]: r for r in rows if r["category"] == "Person"}
    assert person["习近平"]["articles"] == "2"  # named in both articles
    assert {"李进媛", "汤龙", "朱健"} <= set(person)  # the editors
    programme = {r["name"]: r for r in rows if r["category"] == "Programme"}
    assert int(programme["理论超市"]["mentions"]) >= 4
    assert {r["category"] for r in rows} == {"AdministrativeDivision", "Organization",
                                             "LectureGroup", "Programme", "Slogan", "Person"}


def test_entities_filtered_by_type_or_level(seeds_store):
    slogans = run(seeds_store, "entities", type="Slogan").records()
    assert slogans and {r["category"] for r in slogans} == {"Slogan"}
    districts = {r["name"] for r in run(seeds_store, "entities", type="District").records()}
    assert districts == {"辽中区", "东丽区"}


def test_articles_with_titles_and_dates(seeds_store):
    rows = run(seeds_store, "articles").records()
    assert [r["file"] for r in rows] == [A000, A003]  # dated first
    assert rows[0]["title"] == "沈阳市辽中区以解放思想激活振兴发展内生动力"
    assert rows[0]["issued"] == "2022-03-10T16:26:00"
    assert rows[0]["source"] == "人民网-辽宁频道"
    assert rows[1]["title"] == "" and rows[1]["issued"] == ""
    assert all(int(r["entities"]) > 10 for r in rows)


def test_relations_with_evidence_counts(seeds_store):
    rows = {(r["subject"], r["relation"], r["object"]): r
            for r in run(seeds_store, "relations").records()}
    assert rows[("辽中区", "partOf", "沈阳市")]["evidence"] == "0"  # from the code table
    assert rows[("沈阳市", "partOf", "辽宁省")]["evidence"] == "0"
    assert int(rows[("辽中区", "runs", "5+12+N大讨论")]["evidence"]) >= 1
    assert all(r["post"] == "" for r in rows.values() if r["relation"] != "holdsPost")
    about = run(seeds_store, "relations", entity="东丽区委宣传部").records()
    assert about and all("东丽区委宣传部" in (r["subject"], r["object"]) for r in about)


# -- figures ---------------------------------------------------------------------------------

KG = "https://w3id.org/kg/ontology#"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _kg(name: str) -> ox.NamedNode:
    return ox.NamedNode(KG + name)


def test_figures_on_a_hand_built_graph():
    store = ox.Store()
    g = ox.NamedNode("https://w3id.org/kg/id/graph/0000000000000001")
    art = ox.NamedNode("https://w3id.org/kg/id/article/0000000000000001")
    prog = ox.NamedNode("https://w3id.org/kg/id/programme/c39820045c176756")
    other = ox.NamedNode("https://w3id.org/kg/id/programme/0000000000000002")
    s = ox.NamedNode(art.value + "/s3")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    triples = [
        (art, RDF_TYPE, _kg("Article")), (art, _kg("fileName"), ox.Literal("003.txt")),
        (prog, RDF_TYPE, _kg("Programme")), (prog, RDFS_LABEL, ox.Literal("理论超市", language="zh")),
        (other, RDF_TYPE, _kg("Programme")), (other, RDFS_LABEL, ox.Literal("基层论谈", language="zh")),
        (s, RDF_TYPE, _kg("Sentence")), (s, _kg("inArticle"), art),
        (s, _kg("text"), ox.Literal("目前,累计举办“理论超市”66场,惠及基层干部群众近万人次。")),
    ]
    for i, (about, value, unit, approx, counts) in enumerate([
            (prog, "66", "场", "false", "举办"), (prog, "10000", "人次", "true", "惠及基层干部群众"),
            (other, "5", "个", "false", None)]):
        fig = ox.NamedNode(f"{art.value}/f{i}")
        triples += [(fig, RDF_TYPE, _kg("Figure")), (fig, _kg("figureOf"), about),
                    (fig, _kg("value"), ox.Literal(value, datatype=ox.NamedNode(xsd + "integer"))),
                    (fig, _kg("unit"), ox.Literal(unit)),
                    (fig, _kg("approximate"), ox.Literal(approx, datatype=ox.NamedNode(xsd + "boolean"))),
                    (fig, _kg("inSentence"), s)]
        if counts:
            triples.append((fig, _kg("counts"), ox.Literal(counts)))
    replace_graph(store, g, [ox.Triple(*t) for t in triples])
    everything = run(store, "figures")
    assert len(everything.rows) == 3
    result = run(store, "figures", programme="理论超市")
    rows = result.records()
    assert [(r["about"], r["value"], r["unit"], r["approximate"]) for r in rows] == \
        [("理论超市", "10000", "人次", "true"), ("理论超市", "66", "场", "false")]
    assert rows[1]["counts"] == "举办" and "66场" in rows[1]["sentence"]
    assert rows[1]["file"] == "003.txt"


def test_figures_of_the_seeds(seeds_store):
    # 003: 目前,累计举办“理论超市”66场,惠及基层干部群众近万人次
    rows = run(seeds_store, "figures", programme="理论超市").records()
    claims = {(r["value"], r["unit"], r["approximate"]) for r in rows}
    assert ("66", "场", "false") in claims
    assert ("10000", "人次", "true") in claims  # 近万: about ten thousand
    assert {r["about"] for r in rows} == {"理论超市"}
    assert all(r["file"] == A003 and "66场" in r["sentence"] for r in rows)
    # 000: 开展理论宣讲70余场次 (by the lecture groups) is someone else's figure
    everything = run(seeds_store, "figures").records()
    assert any(r["value"] == "70" and r["unit"] == "场次" and r["approximate"] == "true"
               for r in everything)
    assert len(everything) > len(rows)


# -- since / until: what articles of a period say (000 is dated 2022-03-10, 003 undated) ------

PERIODS = [({}, {A000, A003}), ({"since": "2022"}, {A000}), ({"since": "2022-03-10"}, {A000}),
           ({"since": "2022-03-11"}, set()), ({"until": "2022"}, {A000}),
           ({"until": "2022-02"}, set()), ({"since": "2022-03", "until": "2022-03"}, {A000})]


@pytest.mark.parametrize("bounds, files", PERIODS)
def test_articles_of_a_period_and_undated_ones_left_out(seeds_store, bounds, files):
    assert set(run(seeds_store, "articles", **bounds).column("file")) == files


@pytest.mark.parametrize("name, params", [
    ("evidence", {"entity": "习近平"}), ("figures", {}), ("slogan-spread", {}),
    ("division-programmes", {"division": "辽宁省"}), ("co-organisers", {})])
def test_every_dated_saved_query_keeps_to_the_period(seeds_store, name, params):
    everything = run(seeds_store, name, **params)
    assert "since" in {p.name for p in saved_query(name).params}
    assert len(run(seeds_store, name, **params, since="2030")) == 0
    inside = run(seeds_store, name, **params, since="2022-03", until="2022-03")
    assert len(inside) <= len(everything)
    if "file" in inside.variables:
        assert set(inside.column("file")) <= {A000}
    assert len(run(seeds_store, name, **params, until="1999")) == 0


def test_the_period_of_slogans_counts_only_its_articles(seeds_store):
    rows = run(seeds_store, "slogan-spread", since="2022").records()
    assert rows and all(r["first"].startswith("2022-03-10") for r in rows)
    assert {r["slogan"] for r in rows} >= {"5+12+N"}
