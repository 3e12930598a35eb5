"""IRIs are deterministic, normalised, and follow the documented scheme."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.model import DivisionLevel, EntityType, Mention, Relation
from kg.rdf.iri import (article_iri, assertion_iri, entity_iri, graph_iri, mention_iri, mint,
                        sentence_iri)

BASE = "https://w3id.org/kg/id/"


def test_pinned_values() -> None:
    """The scheme is a contract: these values must not change between versions."""
    assert mint("division", "210115") == URIRef(BASE + "division/210115")
    assert mint("division", "210115001001") == URIRef(BASE + "division/210115001001")
    assert mint("programme", "理论超市") == URIRef(BASE + "programme/c39820045c176756")
    assert article_iri("dir/a01.txt") == URIRef(BASE + "article/ef94304f32e9ffaf")
    assert graph_iri("dir/a01.txt") == URIRef(BASE + "graph/ef94304f32e9ffaf")
    assert sentence_iri("dir/a01.txt", 3) == URIRef(BASE + "article/ef94304f32e9ffaf/s3")


@pytest.mark.parametrize("spelling", ["理论超市", "“理论超市”", "《理论超市》", "「理论超市」",
                                      "理论 超市", " 理论超市\u3000", "\"理论超市\"", "＂理论超市＂"])
def test_quotes_spaces_and_width_do_not_matter(spelling: str) -> None:
    assert mint("programme", spelling) == mint("programme", "理论超市")


def test_width_folding_for_formulas() -> None:
    assert mint("slogan", "５＋１２＋Ｎ") == mint("slogan", "5+12+N")


def test_kinds_and_names_separate_nodes() -> None:
    assert mint("programme", "5+12+N") != mint("slogan", "5+12+N")
    assert mint("programme", "振兴大讲堂") != mint("programme", "振兴讲堂")


def test_divisions_without_a_code_are_hashed() -> None:
    iri = mint("division", "花园路街道")
    assert str(iri).startswith(BASE + "division/") and len(str(iri).rsplit("/", 1)[1]) == 16
    assert mint("division", "21011") != URIRef(BASE + "division/21011")  # not a code: hashed


def test_article_ids_are_exact_but_unicode_normalised() -> None:
    assert article_iri("a b.txt") != article_iri("ab.txt")
    assert article_iri("dir/a01.txt") != article_iri("a01.txt")
    nfd, nfc = "re\u0301sume\u0301.txt", "résumé.txt"
    assert article_iri(nfd) == article_iri(nfc)
    assert str(graph_iri("x.txt")).rsplit("/", 1)[1] == str(article_iri("x.txt")).rsplit("/", 1)[1]


@pytest.mark.parametrize("kind,key,part", [("nope", "x", None), ("programme", "", None),
                                           ("programme", "“ ”", None), ("article", "", None),
                                           ("programme", "x", "m1"), ("article", "a.txt", "m 1"),
                                           ("article", "a.txt", "../x")])
def test_bad_input_is_refused(kind: str, key: str, part: str | None) -> None:
    with pytest.raises(ValueError):
        mint(kind, key, part)


def test_entity_iri_from_mention_key() -> None:
    coded = Mention(EntityType.DIVISION, "辽中区", "辽中区", 0, 3, 0, code="210115",
                    level=DivisionLevel.DISTRICT)
    named = Mention(EntityType.PROGRAMME, "“理论超市”", "“理论超市”", 0, 6, 0)
    assert entity_iri(coded.key) == mint("division", "210115")
    assert entity_iri(named.key) == mint("programme", "理论超市")


def test_mention_and_assertion_iris_come_from_offsets_not_order() -> None:
    a = Mention(EntityType.PROGRAMME, "振兴大讲堂", "振兴大讲堂", 10, 15, 1)
    b = Mention(EntityType.PROGRAMME, "振兴大讲堂", "振兴大讲堂", 30, 35, 2)
    assert mention_iri("x.txt", a) != mention_iri("x.txt", b)
    assert mention_iri("x.txt", a) == mention_iri("x.txt", replace(a, extractor="other"))
    assert str(mention_iri("x.txt", a)).startswith(str(article_iri("x.txt")) + "/m10-15-programme-")
    r = Relation("runs", (EntityType.DIVISION, "210115"), a.key, 0, 15, 1)
    assert str(assertion_iri("x.txt", r)).startswith(str(article_iri("x.txt")) + "/r0-15-runs-")
    other = (EntityType.PROGRAMME, "理论超市")
    assert assertion_iri("x.txt", r) != assertion_iri("x.txt", Relation("runs", r.head, other, 0, 15, 1))
    assert assertion_iri("x.txt", r) == assertion_iri("x.txt", replace(r, sentence=1, extractor="y"))


def test_same_iris_in_a_fresh_interpreter_with_another_hash_seed() -> None:
    code = ("from kg.rdf.iri import mint, article_iri\n"
            "print(mint('programme', '“理论超市”'), article_iri('dir/a01.txt'))")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == [str(mint("programme", "理论超市")), str(article_iri("dir/a01.txt"))]
