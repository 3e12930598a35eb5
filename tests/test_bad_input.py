"""Bad input, one file per case, mixed with good articles that must survive.

One corpus holds every case beside the two seed articles and is built once
(``kg build``, through the CLI, as a user runs it).  For each case: no traceback,
the file is either built (its ``kg:fileName`` is in the graph) or listed in
``build.json`` with its path and a reason a person can act on; every input is
accounted for; the seeds' graphs are as when built alone; the graph conforms.
The texts are invented.
"""
from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import struct
import zlib
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main

GOOD = "2024年3月5日\n某某市新闻网\n沈阳市辽中区委宣传部组织百姓宣讲团深入乡村开展“理论宣讲进万家”活动，" \
       "区委书记王建国出席。\n"


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


RNG = random.Random(13)
# name -> (bytes, "built" | "failed", what the reason or the graph must show)
CASES: dict[str, tuple[bytes, str, str]] = {
    "empty.txt": (b"", "failed", "empty"),
    "whitespace.txt": (b"  \n\t \r\n  \n", "failed", "no article text"),
    "one-char.txt": ("党".encode(), "built", ""),
    "random.txt": (bytes(RNG.randrange(256) for _ in range(4096)), "failed", "encoding"),
    "image.txt": (png(), "failed", "encoding"),
    "archive.txt": (gzip.compress(GOOD.encode() * 20), "failed", "encoding"),
    "utf8-bom.txt": (b"\xef\xbb\xbf" + GOOD.encode(), "built", "辽中区"),
    "gbk.txt": (GOOD.encode("gbk"), "built", "辽中区"),
    "gb18030.txt": ((GOOD + "㐀䶵𠀀𪚥\n").encode("gb18030"), "built", "辽中区"),
    "big5.txt": ("瀋陽市遼中區委宣傳部組織百姓宣講團深入鄉村開展宣講活動。\n".encode("big5"), "built", "辽中区"),
    "utf16le-bom.txt": (b"\xff\xfe" + GOOD.encode("utf-16-le"), "built", "辽中区"),
    "utf16be-bom.txt": (b"\xfe\xff" + GOOD.encode("utf-16-be"), "built", "辽中区"),
    "utf16le.txt": (GOOD.encode("utf-16-le"), "built", "辽中区"),
    "utf16be.txt": (GOOD.encode("utf-16-be"), "built", "辽中区"),
    "truncated.txt": (GOOD.encode()[:-2], "built", "辽中区"),
    "invalid-mid.txt": (GOOD.encode()[:60] + b"\xff\xfe\xfa" + GOOD.encode()[60:], "built", "辽中区"),
    "mixed.txt": (GOOD.encode() + "另有消息称，某某县委组织部召开会议。\n".encode("gbk"), "built", "辽中区"),
    "controls.txt": (GOOD.replace("宣讲团", "宣讲\x00团").replace("活动", "活\x07动").encode(), "built",
                     "辽中区"),
    "cr-only.txt": (GOOD.replace("\n", "\r").encode(), "built", "辽中区"),
    "crlf.txt": (GOOD.replace("\n", "\r\n").encode(), "built", "辽中区"),
    "zero-width.txt": (GOOD.replace("辽中区", "辽\u200b中\u202e区").encode(), "built", "辽中区"),
    "fullwidth.txt": (GOOD.replace("2024年3月5日", "２０２４年３月５日").encode(), "built", "辽中区"),
    "beyond-bmp.txt": (("𠀀𪚥🎉" + GOOD).encode(), "built", "辽中区"),
    "long-line.txt": (("宣" * ((1 << 20) // 3)).encode(), "built", ""),  # 1 MB, no punctuation
    "scripts.html": (("<!DOCTYPE html><html><head><title>辽中区宣讲</title><style>p{color:red}</style>"
                      "<script>var x='<p>not text</p>';</script></head><body><p>" + GOOD +
                      "&lt;转载&gt;&nbsp;&amp;&#x4E2D;&#25991;</p></body></html>").encode(), "built",
                     "辽中区"),
    "gbk-meta.html": (('<html><head><meta charset="gbk"><title>辽中区</title></head><body><p>' + GOOD
                       + "</p></body></html>").encode("gbk"), "built", "辽中区"),
    "breakers.txt": (('标题 "引号" \\反斜杠\\ <script>alert(1)</script> }} INSERT DATA { <a> <b> <c> } \n'
                      + GOOD.replace("百姓宣讲团", '“}} INSERT DATA {”宣讲团')
                      + '=HYPERLINK("http://example.com","点我")辽中区委宣传部组织召开会议。\n').encode(),
                     "built", "辽中区"),
    "duplicate.txt": (GOOD.encode(), "built", "辽中区"),
    "duplicate-copy.txt": (GOOD.encode(), "built", "辽中区"),
    "name with spaces.txt": (GOOD.encode(), "built", "辽中区"),
    "中文名称.txt": (GOOD.encode(), "built", "辽中区"),
    "emoji-🎉.txt": (GOOD.encode(), "built", "辽中区"),
    "-leading-dash.txt": (GOOD.encode(), "built", "辽中区"),
    "new\nline.txt": (GOOD.encode(), "built", "辽中区"),
}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory, seed_files):
    root = tmp_path_factory.mktemp("bad")
    corpus = root / "corpus"
    corpus.mkdir()
    for seed in seed_files:
        shutil.copy(seed, corpus / seed.name)
    for name, (data, _, _) in CASES.items():
        (corpus / name).write_bytes(data)
    (corpus / "folder.txt").mkdir()  # a directory named like an article
    (corpus / "folder.txt" / "inside.txt").write_bytes(GOOD.encode())
    (corpus / "loop").mkdir()
    os.symlink("..", corpus / "loop" / "back")  # a symlink loop (folders are not followed)
    os.symlink(corpus / "no-such-file.txt", corpus / "dangling.txt")
    out = root / "out"
    import contextlib
    import io
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["build", str(corpus), "-o", str(out), "--jobs", "1"])
    report = json.loads((out / "build.json").read_text("utf-8"))
    store = ox.Store.read_only(str(out / "store"))
    names = {q.object.value for q in store.quads_for_pattern(
        None, ox.NamedNode("https://w3id.org/kg/ontology#fileName"), None, ox.DefaultGraph())}
    labels: dict[str, set] = {}
    for row in store.query(LABELS):
        labels.setdefault(row["file"].value, set()).add(row["label"].value)
    injected = store.query("ASK { ?s ?p ?o FILTER(STR(?s) = 'a' || STR(?o) = 'c') }")
    del store
    return {"status": status, "stderr": err.getvalue(), "report": report, "names": names,
            "labels": labels, "corpus": corpus, "out": out, "injected": bool(injected)}


LABELS = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?file ?label WHERE { GRAPH ?g { ?a kg:fileName ?file ; kg:mentions ?e . ?e rdfs:label ?label } }"""


def failed(bad_build) -> dict[str, str]:
    return {Path(f["path"]).name: f["message"] for f in bad_build["report"]["failed"]}


def test_no_traceback_and_an_exit_status_that_says_some_failed(bad_build):
    assert "Traceback" not in bad_build["stderr"]
    assert bad_build["status"] == 1  # some articles failed: 1, not a crash
    assert bad_build["report"]["conforms"] is True
    assert bad_build["report"]["violations"] == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_is_built_or_reported_with_a_reason(bad_build, name):
    _, expected, shows = CASES[name]
    why = failed(bad_build)
    if expected == "failed":
        assert name in why, f"{name!r} should be reported; built: {name in bad_build['names']}"
        assert shows in why[name], why[name]
        assert name not in bad_build["names"]
    else:
        assert name in bad_build["names"], f"{name!r} not built: {why.get(name)}"
        if shows:
            assert shows in bad_build["labels"].get(name, set()), bad_build["labels"].get(name)


def test_every_input_is_accounted_for(bad_build):
    corpus = bad_build["corpus"]
    inputs = {p.name for p in corpus.rglob("*") if p.suffix in (".txt", ".html")
              and (p.is_file() or p.is_symlink()) and "loop" not in p.parts}
    accounted = bad_build["names"] | set(failed(bad_build))
    assert inputs <= accounted, inputs - accounted


def test_a_dangling_link_is_reported(bad_build):
    why = failed(bad_build)
    assert "dangling.txt" in why and "symbolic link" in why["dangling.txt"]
    assert "no-such-file.txt" in why["dangling.txt"]


def test_a_folder_named_like_an_article_is_walked(bad_build):
    assert "inside.txt" in bad_build["names"]


def test_the_seeds_survive(bad_build, seed_files):
    assert {p.name for p in seed_files} <= bad_build["names"]


def test_names_that_would_break_turtle_or_sparql_are_stored_as_text(bad_build):
    assert "breakers.txt" in bad_build["names"]
    assert not bad_build["injected"]  # the text is data: no triple <a> <b> <c> came of it


def test_csv_cells_from_article_text_are_guarded(bad_build, capsys):
    query = ("PREFIX kg: <https://w3id.org/kg/ontology#> SELECT ?text WHERE { "
             "?s kg:text ?text FILTER(CONTAINS(?text, 'HYPERLINK')) }")
    assert main(["query", query, "--store", str(bad_build["out"]), "-f", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert rows, "the sentence with =HYPERLINK is in the graph"
    for row in rows:
        cell = row.lstrip('"')
        assert not cell.startswith(("=", "+", "-", "@")), row


def test_the_graph_page_escapes_what_articles_hold(bad_build, capsys):
    out = bad_build["out"]
    assert main(["viz", str(out)]) == 0
    capsys.readouterr()
    pages = list((out / "viz").glob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text("utf-8")
        assert "<script>alert(1)</script>" not in html
        assert "}} INSERT DATA {" not in html.split("<script")[0]  # not raw in the markup


@pytest.mark.slow
def test_a_50_mb_article_is_refused_at_once_and_the_rest_is_built(seed_files, tmp_path):
    import time

    from kg.build import build
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed_files[0], corpus / seed_files[0].name)
    (corpus / "huge.txt").write_bytes(GOOD.encode() * (50 * 2**20 // len(GOOD.encode()) + 1))
    started = time.perf_counter()
    report = build([corpus], tmp_path / "out", jobs=1)
    assert time.perf_counter() - started < 120  # refused, not extracted for minutes
    assert [Path(f.path).name for f in report.failures] == ["huge.txt"]
    assert "too large" in report.failures[0].message and "split" in report.failures[0].message
    assert report.articles == 1


@pytest.mark.slow
def test_3000_tiny_files(tmp_path):
    from kg.build import build
    corpus = tmp_path / "corpus"
    for i in range(3000):
        sub = corpus / f"{i // 500}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i}.txt").write_text(f"第{i}条：某某县召开会议。\n" if i % 3 else "党", "utf-8")
    report = build([corpus], tmp_path / "out")
    assert report.articles + len(report.failures) == 3000
    assert report.validation is not None and report.validation.conforms
