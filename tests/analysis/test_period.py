"""--since/--until: the part of the corpus published in a period; dates in GEXF."""
from __future__ import annotations

from datetime import date

import pytest

from kg.analysis import analyze, load_graph, read_corpus
from kg.analysis.export import to_gexf
from kg.cli import main


def test_a_period_keeps_its_articles_and_what_they_mention(handmade_out):
    corpus = read_corpus(load_graph(handmade_out))
    files = lambda c: sorted(a.file for a in c.articles.values())
    assert files(corpus) == ["h1.txt", "h2.txt", "h3.txt"]
    feb = corpus.between(since=date(2022, 1, 15))
    assert files(feb) == ["h2.txt"] and feb.undated_left_out == 1
    assert set(feb.entities) == {e for ents in feb.article_entities.values() for e in ents}
    jan = corpus.between(until=date(2022, 1, 31))
    assert files(jan) == ["h1.txt"]
    assert all(ev.article in jan.articles for r in jan.relations for ev in r.evidence)
    assert corpus.between() is corpus


def test_analyze_and_viz_take_since_and_until(handmade_out, tmp_path, capsys):
    a = analyze(load_graph(handmade_out), since=date(2022, 2, 1))
    assert sorted(x.file for x in a.corpus.articles.values()) == ["h2.txt"]
    assert main(["analyze", str(handmade_out), "--since", "2022-02", "--quiet"]) == 0
    assert main(["viz", str(handmade_out), "--until", "2022-01", "-o", str(tmp_path / "v.html"),
                 "-q"]) == 0
    with pytest.raises(SystemExit):
        main(["analyze", str(handmade_out), "--since", "last spring"])
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_gexf_carries_dates_for_the_timeline(handmade_out):
    a = analyze(load_graph(handmade_out))
    text = to_gexf(a.bipartite_graph)
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert 'start="2022-01-01"' in text
