"""Parameter values as people type them (kg.query.names); invented labels."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.ingest import normalise
from kg.query.names import resolve_value

LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")


@pytest.fixture(scope="module")
def store():
    s = ox.Store()
    for i, (label, alts) in enumerate([("内蒙古自治区", ["内蒙古"]), ("乌拉特后旗", []),
                                       ("乌拉特前旗", []), ("辽中区", [])]):
        node = ox.NamedNode(f"https://w3id.org/kg/id/division/{i}")
        s.add(ox.Quad(node, LABEL, ox.Literal(label, language="zh")))
        for alt in alts:
            s.add(ox.Quad(node, ALT, ox.Literal(alt, language="zh")))
    return s


def simplified(text: str) -> str:
    return normalise(text)[0]


def test_an_exact_label_or_alias_is_used_as_it_is(store):
    assert resolve_value(store, "division", ox.Literal("辽中区")) == (ox.Literal("辽中区"), None)
    assert resolve_value(store, "division", ox.Literal("内蒙古"))[0] == ox.Literal("内蒙古")


def test_traditional_characters_are_read_as_simplified(store):
    term, note = resolve_value(store, "division", ox.Literal("烏拉特後旗"), simplified)
    assert term == ox.Literal("乌拉特后旗") and "read as 乌拉特后旗" in note


def test_the_start_of_one_name_is_that_name(store):
    term, note = resolve_value(store, "division", ox.Literal("辽中"))
    assert term == ox.Literal("辽中区") and note == "division=辽中 read as 辽中区"


def test_a_part_of_several_names_asks_which(store):
    with pytest.raises(QueryError) as err:
        resolve_value(store, "division", ox.Literal("乌拉特"))
    assert "乌拉特后旗" in err.value.hint and "乌拉特前旗" in err.value.hint


def test_an_unknown_value_and_a_non_text_value_are_left_alone(store):
    assert resolve_value(store, "division", ox.Literal("某某县")) == (ox.Literal("某某县"), None)
    iri = ox.NamedNode("https://w3id.org/kg/id/division/0")
    assert resolve_value(store, "division", iri) == (iri, None)
    year = ox.Literal("2022", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))
    assert resolve_value(store, "year", year) == (year, None)


def test_a_misspelled_parameter_name_is_reported(capsys, seed_files, tmp_path):
    from kg.build import build
    from kg.cli import main
    build(seed_files, tmp_path / "out", jobs=1)
    status = main(["query", "division-programmes", "--param", "divison=辽宁省",
                   "--store", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 2 and "no parameter divison" in err and "did you mean division" in err
    status = main(["query", "division-programmes", "--param", "division=遼寧省",
                   "--store", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert status == 0 and "劳模宣讲团" in captured.out


@pytest.mark.parametrize("typed", ["2022", "2022-03", "2022-03-05", " 2022 "])
def test_period_bounds_are_dates_not_names(store, typed):
    term, note = resolve_value(store, "since", ox.Literal(typed))
    assert term == ox.Literal(typed.strip()) and note is None


@pytest.mark.parametrize("typed", ["2022/03", "22", "2022-13", "去年", "2022-03-32"])
def test_a_bound_that_is_no_date_says_how_to_write_one(store, typed):
    with pytest.raises(QueryError, match="YYYY-MM-DD, YYYY-MM or YYYY"):
        resolve_value(store, "until", ox.Literal(typed))
