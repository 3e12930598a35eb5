"""Slogan diffusion: divisions and dates where each slogan appears, and its spread."""
from __future__ import annotations

from datetime import date

from .helpers import DONGLI, LIAOZHONG


def _diffusion(a, label):
    return next(d for d in a.diffusion if d.label == label)


def test_handmade_diffusion_is_exact(handmade):
    d = _diffusion(handmade, "四个全面")
    assert [r.division for r in d.divisions] == [LIAOZHONG, DONGLI]
    assert [r.first_date for r in d.divisions] == [date(2022, 1, 1), date(2022, 2, 1)]
    assert d.first_date == date(2022, 1, 1) and d.last_date == date(2022, 2, 1)
    assert [(s.date, s.cumulative_divisions, s.cumulative_articles) for s in d.timeline] == [
        (date(2022, 1, 1), 1, 1), (date(2022, 2, 1), 2, 2)]
    assert handmade.corpus.articles[d.first_article].file == "h1.txt"


def test_built_corpus_spreads_over_three_dates(fixture_analysis):
    d = _diffusion(fixture_analysis, "四个全面")
    assert d.first_date == date(2021, 3, 1)
    days = [s.date for s in d.timeline]
    assert days[:3] == [date(2021, 3, 1), date(2021, 6, 15), date(2022, 1, 10)]
    cum = [s.cumulative_divisions for s in d.timeline]
    assert cum == sorted(cum) and cum[-1] == len(d.divisions)
    reach = {r.division: r.first_date for r in d.divisions}
    assert reach[LIAOZHONG] == date(2021, 3, 1)
    assert reach[DONGLI] == date(2021, 6, 15)
    assert fixture_analysis.corpus.articles[d.first_article].file == "a1.txt"


def test_undated_articles_count_but_have_no_date(fixture_analysis):
    d = _diffusion(fixture_analysis, "两学一做")
    assert d.undated_articles == 1  # a4.txt has no header
    assert len(d.articles) == 2
    assert all(s.date for s in d.timeline)


def test_tables(fixture_analysis):
    rows = {r["label"]: r for r in fixture_analysis.slogans_table()}
    assert rows["四个全面"]["first_date"] == "2021-03-01"
    assert rows["四个全面"]["first_article_file"] == "a1.txt"
    assert "辽中区" in rows["四个全面"]["division_labels"]
    steps = [r for r in fixture_analysis.slogan_diffusion_table() if r["label"] == "四个全面"]
    assert [r["date"] for r in steps][:3] == ["2021-03-01", "2021-06-15", "2022-01-10"]
    pairs = [r for r in fixture_analysis.slogan_divisions_table()
             if r["slogan_label"] == "四个全面" and r["division_label"] == "东丽区"]
    assert pairs and pairs[0]["first_date"] == "2021-06-15" and pairs[0]["code"] == "120110"
