"""``kg viz``: where pages go, options, errors."""
from __future__ import annotations

import pytest

from kg.cli import main


def test_default_pages(fixture_out, capsys):
    assert main(["viz", str(fixture_out)]) == 0
    out = capsys.readouterr().out
    page = fixture_out / "viz" / "graph.html"
    assert page.is_file() and f"wrote {page}" in out and "works offline" in out
    assert main(["viz", str(fixture_out), "--focus", "辽中区", "--depth", "1", "-q"]) == 0
    assert (fixture_out / "viz" / "focus-辽中区.html").is_file()  # named after the focus
    assert main(["viz", str(fixture_out), "--slogans", "-q"]) == 0
    assert "slogan diffusion" in (fixture_out / "viz" / "slogans.html").read_text("utf-8")


def test_top_and_output(fixture_out, tmp_path, capsys):
    target = tmp_path / "sub" / "g.html"
    assert main(["viz", str(fixture_out), "--top", "4", "-o", str(target)]) == 0
    assert "4 nodes" in capsys.readouterr().out
    assert "Showing the top 4 of" in target.read_text("utf-8")


def test_fixed_layout_option(fixture_out, tmp_path):
    target = tmp_path / "g.html"
    assert main(["viz", str(fixture_out), "--layout", "fixed", "-o", str(target), "-q"]) == 0
    assert "layout computed by kg" in target.read_text("utf-8")


def test_unknown_focus_is_exit_2(fixture_out, capsys):
    assert main(["viz", str(fixture_out), "--focus", "不存在的地方"]) == 2
    assert "no entity is called" in capsys.readouterr().err


def test_missing_build_is_exit_2(tmp_path, capsys):
    assert main(["viz", str(tmp_path / "out")]) == 2
    assert "run kg build first" in capsys.readouterr().err


def test_help_teaches(capsys):
    with pytest.raises(SystemExit):
        main(["viz", "--help"])
    text = capsys.readouterr().out
    assert "examples:" in text and "--focus 辽中区 --depth 2" in text and "offline" in text


def test_each_focus_gets_its_own_page(fixture_out):
    from kg.viz import focus_file_name
    assert main(["viz", str(fixture_out), "--focus", "辽中区", "--depth", "1", "-q"]) == 0
    assert main(["viz", str(fixture_out), "--focus", "沈阳市", "--depth", "1", "-q"]) == 0
    assert (fixture_out / "viz" / "focus-辽中区.html").is_file()
    assert (fixture_out / "viz" / "focus-沈阳市.html").is_file()
    assert focus_file_name("a/b c:d") == "focus-a_b_c_d.html"
