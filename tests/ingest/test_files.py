from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest import find_articles


def make(root, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("正文。", "utf-8")


def test_folder_is_walked_sorted_and_filtered(tmp_path) -> None:
    make(tmp_path / "in", "b.txt", "a.html", "sub/c.htm", "sub/d.text", "e.md", ".hidden.txt",
         ".git/f.txt", "Z.TXT")
    found = find_articles([tmp_path / "in"])
    assert [aid for _, aid in found] == ["Z.TXT", "a.html", "b.txt", "sub/c.htm", "sub/d.text"]
    assert all(path.is_file() for path, _ in found)


def test_file_given_directly(tmp_path) -> None:
    make(tmp_path, "x/notes.md")
    assert find_articles([str(tmp_path / "x" / "notes.md")]) == [(tmp_path / "x" / "notes.md", "notes.md")]


def test_missing_path(tmp_path) -> None:
    with pytest.raises(InputError) as info:
        find_articles([tmp_path / "nope"])
    assert "nope" in str(info.value) and "hint" in str(info.value)


def test_empty_folder(tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no articles"):
        find_articles([tmp_path / "empty"])


def test_duplicate_ids_get_folder_prefixes(tmp_path) -> None:
    make(tmp_path, "a/x.txt", "a/y.txt", "b/x.txt", "p/same/z.txt", "q/same/z.txt")
    found = find_articles([tmp_path / "a", tmp_path / "b", tmp_path / "p" / "same",
                           tmp_path / "q" / "same"])
    assert [aid for _, aid in found] == ["a/x.txt", "y.txt", "b/x.txt", "p/same/z.txt",
                                         "q/same/z.txt"]
    assert len({aid for _, aid in found}) == len(found)
    assert all(aid.rsplit("/", 1)[-1] == path.name for path, aid in found)  # names never change


def test_same_file_twice_is_listed_once(tmp_path) -> None:
    make(tmp_path, "a/x.txt")
    found = find_articles([tmp_path / "a", tmp_path / "a" / "x.txt"])
    assert [aid for _, aid in found] == ["x.txt"]


def test_ids_are_deterministic(tmp_path) -> None:
    make(tmp_path, "a/x.txt", "b/x.txt", "b/k/x.txt")
    first = find_articles([tmp_path / "a", tmp_path / "b"])
    assert first == find_articles([tmp_path / "a", tmp_path / "b"])
    # only the clashing ids get a prefix; k/x.txt is unique as it is
    assert [aid for _, aid in first] == ["a/x.txt", "k/x.txt", "b/x.txt"]


def test_prefixed_id_clashing_with_a_real_path(tmp_path) -> None:
    make(tmp_path, "root/b/x.txt", "root/x.txt", "b/x.txt")
    found = find_articles([tmp_path / "root", tmp_path / "b"])
    ids = [aid for _, aid in found]
    assert len(set(ids)) == 3
    assert ids[0] == "b/x.txt" or ids[0].endswith("root/b/x.txt")


def test_shtml_and_xhtml_pages_are_read_as_html(tmp_path):
    from kg.ingest import read_article
    page = "<html><head><title>标题</title><script>var a = 1;</script></head><body><p>某某县召开会议。</p></body></html>"
    for suffix in (".shtml", ".xhtml", ".htm"):
        path = tmp_path / f"page{suffix}"
        path.write_text(page, "utf-8")
        assert [p.name for p, _ in find_articles([tmp_path]) if p.suffix == suffix] == [path.name]
        article = read_article(path)
        assert "var a" not in article.text and "某某县召开会议" in article.text


def test_help_and_errors_list_the_same_extensions(tmp_path, capsys):
    import pytest as _pytest

    from kg.cli import main
    from kg.errors import InputError
    from kg.ingest import EXTENSION_LIST
    with _pytest.raises(SystemExit):
        main(["build", "--help"])
    assert EXTENSION_LIST in capsys.readouterr().out
    (tmp_path / "empty").mkdir()
    with _pytest.raises(InputError) as err:
        find_articles([tmp_path / "empty"])
    assert EXTENSION_LIST in err.value.hint
