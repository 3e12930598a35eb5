"""kg build is streaming, parallel, incremental and additive (kg.build, kg.build.work,
kg.build.manifest, kg.rdf.update).

Every graph comparison reads the store back as a dataset and compares with
``isomorphic``; the corpora are the two seed articles and copies of them that
differ by an invented sentence.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from kg.build import build
from kg.build import manifest as manifest_module
from kg.build.manifest import MANIFEST, Manifest, pipeline_version
from kg.rdf.store import open_store, store_dataset

EXTRA = "\n某某县委宣传部组织百姓宣讲团深入乡村开展宣讲活动。\n"


class Graphs:
    """A store's article graphs, compared graph by graph with ``isomorphic``."""

    def __init__(self, out: Path) -> None:
        with open_store(out) as store:
            ds = store_dataset(store.store)
        self.graphs = {g.identifier: g for g in ds.graphs() if len(g)}

    def __eq__(self, other: "Graphs") -> bool:
        return set(self.graphs) == set(other.graphs) and all(
            isomorphic(g, other.graphs[name]) for name, g in self.graphs.items())


graph_of = Graphs


def named(out: Path) -> set[str]:
    with open_store(out) as store:
        return {g.value for g in store.named_graphs()}


def union(out: Path) -> set:
    with open_store(out) as store:
        return {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def named_union(out: Path) -> set:
    with open_store(out) as store:
        return {q.triple for q in store.quads_for_pattern(None, None, None, None)
                if not isinstance(q.graph_name, ox.DefaultGraph)}


@pytest.fixture
def corpus(seed_files, tmp_path) -> Path:
    """Four articles: the seeds and a copy of each with a sentence more."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, f in enumerate(seed_files):
        shutil.copy(f, folder / f.name)
        (folder / f"copy{i}.txt").write_text(f.read_text("utf-8") + EXTRA, "utf-8")
    return folder


def test_one_process_and_two_give_the_same_graph(corpus, tmp_path, monkeypatch):
    from kg.build import work
    monkeypatch.setattr(work, "CHUNK", 1)  # four chunks: the pool really runs
    one = build([corpus], tmp_path / "one", jobs=1)
    two = build([corpus], tmp_path / "two", jobs=2)
    assert one.ok and two.ok and one.articles == two.articles == 4
    assert graph_of(tmp_path / "one") == graph_of(tmp_path / "two")
    assert union(tmp_path / "one") == union(tmp_path / "two")
    assert one.entities == two.entities and one.triples == two.triples


def test_a_rebuild_extracts_only_what_changed(corpus, tmp_path):
    out = tmp_path / "out"
    first = build([corpus], out, jobs=1)
    assert (first.extracted, first.added) == (4, 4)
    again = build([corpus], out, jobs=1)
    assert (again.extracted, again.unchanged, again.added, again.replaced) == (0, 4, 0, 0)
    changed = corpus / "copy0.txt"
    changed.write_text(changed.read_text("utf-8") + "\n某某镇党委书记王某某出席活动。\n", "utf-8")
    third = build([corpus], out, jobs=1)
    assert third.extracted == 1 and third.unchanged == 3 and third.replaced == 1
    fresh = build([corpus], tmp_path / "fresh", jobs=1)
    assert graph_of(out) == graph_of(fresh.out_dir)
    assert union(out) == union(fresh.out_dir) == named_union(out)  # the union kept in step


def test_a_rebuild_without_exports_updates_the_store_in_place(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, jobs=1, exports="no")
    assert not (out / "graph.trig").exists()
    changed = corpus / "copy1.txt"
    changed.write_text(changed.read_text("utf-8") + "\n某某镇党委书记王某某出席活动。\n", "utf-8")
    report = build([corpus], out, jobs=1, exports="no")
    assert report.extracted == 1 and not report.store.rebuilt
    fresh = build([corpus], tmp_path / "fresh", jobs=1)
    assert graph_of(out) == graph_of(fresh.out_dir)
    assert union(out) == union(fresh.out_dir)


def test_building_is_additive_and_prune_removes_what_is_not_among_the_inputs(
        corpus, seed_files, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(seed_files[0], one / "new-article.txt")
    added = build([one], out, jobs=1)
    assert added.articles == 5 and added.kept == 4 and added.added == 1
    assert len(named(out)) == 5
    pruned = build([one], out, jobs=1, prune=True)
    assert pruned.articles == 1 and pruned.removed == 4 and pruned.kept == 0
    alone = build([one], tmp_path / "alone", jobs=1)
    assert graph_of(out) == graph_of(alone.out_dir)
    assert union(out) == union(alone.out_dir)
    assert set(json.loads((out / MANIFEST).read_text("utf-8"))["articles"]) == {"new-article.txt"}
    summary = json.loads((out / "build.json").read_text("utf-8"))
    assert summary["removed"] == 4 and summary["articles"] == 1


def test_a_new_pipeline_rebuilds_everything(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    monkeypatch.setattr(manifest_module, "_code_digest", lambda: "another kg")
    report = build([corpus], out, jobs=1)
    assert report.extracted == 4 and report.unchanged == 0 and report.store.rebuilt


def test_the_pipeline_version_follows_the_extractors_and_the_model(tmp_path):
    rules = pipeline_version(None, None)
    assert rules == pipeline_version(None, "none") != pipeline_version(None, "default")
    assert pipeline_version(["divisions"], None) != rules
    model = tmp_path / "model"
    model.mkdir()
    (model / "model.json").write_text("{}", "utf-8")
    first = pipeline_version(None, model)
    (model / "model.json").write_text('{"threshold": 0.4}', "utf-8")
    assert pipeline_version(None, model) != first


def test_a_damaged_manifest_means_a_full_build(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    (out / MANIFEST).write_text("{not json", "utf-8")
    assert Manifest.load(out).articles == {}
    report = build([corpus], out, jobs=1)
    assert report.extracted == 4 and report.ok
    assert set(Manifest.load(out).articles) == {p.name for p in corpus.iterdir()}


def test_an_article_that_turns_bad_keeps_its_earlier_graph(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    before = named(out)
    (corpus / "copy0.txt").write_bytes(b"")  # emptied by a failed download
    report = build([corpus], out, jobs=1)
    assert [Path(f.path).name for f in report.failures] == ["copy0.txt"]
    assert "empty" in report.failures[0].message
    assert named(out) == before  # its graph from the earlier build is still there
    assert "copy0.txt" in Manifest.load(out).articles  # and retried next time


def test_the_sample_validates_one_chunk_in_k(corpus, tmp_path, monkeypatch):
    from kg.build import work
    calls = []
    real = work.process_chunk

    def spy(tasks, config, index=0):
        result = real(tasks, config, index)
        calls.append((index, config.sample))
        return result

    monkeypatch.setattr(work, "CHUNK", 1)
    monkeypatch.setattr(work, "process_chunk", spy)
    validated = []
    from kg.rdf import validate
    real_run = validate.UnionValidator.run

    def run(self, **kwargs):
        validated.append(True)
        return real_run(self, **kwargs)

    monkeypatch.setattr(validate.UnionValidator, "run", run)
    monkeypatch.setattr("kg.build.SAMPLE_EVERY", 3)
    report = build([corpus], tmp_path / "out", jobs=1, validate="sample")
    assert [i for i, _ in calls] == [0, 1, 2, 3] and {k for _, k in calls} == {3}
    assert len(validated) == 2  # chunks 0 and 3
    assert report.validation.conforms and report.shapes.startswith("1 chunk in 3")


@pytest.mark.parametrize("cores", [1, 4], ids=["deferred", "overlapping"])
def test_a_store_loaded_batch_by_batch_during_the_build_is_the_same(corpus, tmp_path,
                                                                   monkeypatch, cores):
    from kg.build import work
    from kg.rdf import update

    whole = build([corpus], tmp_path / "whole", jobs=1)
    # a batch per article: loaded in a thread while the build goes on when a core is
    # free for it, else recorded and loaded one after the other at the end
    monkeypatch.setattr("kg.build.BATCH_BYTES", 1)
    monkeypatch.setattr(work, "default_jobs", lambda: cores)
    loaded, real_load = [], update.BatchLoader._load

    def load(self, named, union):
        loaded.append((self.defer, len(self._deferred)))
        return real_load(self, named, union)

    monkeypatch.setattr(update.BatchLoader, "_load", load)
    batches = build([corpus], tmp_path / "batches", jobs=1)
    assert len(loaded) > 1 and {d for d, _ in loaded} == {cores == 1}
    if cores == 1:  # every batch waited for the end
        assert {n for _, n in loaded} == {len(loaded)}
    assert batches.ok and batches.store.rebuilt
    assert graph_of(tmp_path / "whole") == graph_of(tmp_path / "batches")
    assert union(tmp_path / "whole") == union(tmp_path / "batches")
    assert whole.store.quads == batches.store.quads
    leftovers = [p.name for p in (tmp_path / "batches").iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no staging or temporary store left behind


def test_a_failed_build_leaves_no_temporary_store(corpus, tmp_path, monkeypatch):
    from kg.rdf import update

    def broken(self, named, union):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.build.BATCH_BYTES", 1)
    monkeypatch.setattr(update.BatchLoader, "_load", broken)
    with pytest.raises(OSError):
        build([corpus], tmp_path / "out", jobs=1)
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []
    assert not (tmp_path / "out" / "store").exists()


def test_articles_of_one_name_in_two_subfolders_are_two_articles(seed_files, tmp_path):
    corpus = tmp_path / "corpus"
    for year, seed in (("2022", seed_files[0]), ("2023", seed_files[1])):
        (corpus / year).mkdir(parents=True)
        shutil.copy(seed, corpus / year / "a16.txt")
    report = build([corpus], tmp_path / "out", jobs=1)
    assert report.ok and report.articles == 2
    assert set(Manifest.load(tmp_path / "out").articles) == {"2022/a16.txt", "2023/a16.txt"}
    with open_store(tmp_path / "out") as store:
        ids = {q.object.value for q in store.quads_for_pattern(
            None, ox.NamedNode("http://purl.org/dc/terms/identifier"), None, ox.DefaultGraph())}
    assert ids == {"2022/a16.txt", "2023/a16.txt"}


def test_a_repost_is_marked_as_a_duplicate_and_counted_once(seed_files, tmp_path):
    from kg.analysis import analyze, load_graph
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed_files[0], corpus / "original.txt")
    shutil.copy(seed_files[1], corpus / "other.txt")
    # the same story on a mirror site: other bytes (GBK, CRLF), the same text
    text = seed_files[0].read_text("utf-8")
    (corpus / "mirror.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    out = tmp_path / "out"
    report = build([corpus], out, jobs=1)
    assert report.ok and report.articles == 3
    assert [(d["article"], d["duplicate_of"]) for d in report.duplicates] == \
        [("original.txt", "mirror.txt")] or \
        [(d["article"], d["duplicate_of"]) for d in report.duplicates] == [("mirror.txt", "original.txt")]
    dup = report.duplicates[0]
    with open_store(out) as store:
        rows = list(store.query(
            "PREFIX kg: <https://w3id.org/kg/ontology#> SELECT ?a ?b WHERE { "
            "?x kg:duplicateOf ?y . ?x kg:fileName ?a . ?y kg:fileName ?b }"))
    assert [(r["a"].value, r["b"].value) for r in rows] == [(dup["article"], dup["duplicate_of"])]
    a = analyze(load_graph(out))
    assert len(a.corpus.articles) == 2 and a.corpus.duplicates_left_out == 1
    assert max(m["articles"] for m in a.metrics.values()) <= 2  # each story once
    # a later build adding a fourth copy finds its original among the earlier articles
    shutil.copy(seed_files[1], corpus / "other-again.txt")
    again = build([corpus], out, jobs=1)
    assert [(d["article"], d["duplicate_of"]) for d in again.duplicates] == \
        [("other-again.txt", "other.txt")]
    assert again.validation.conforms


def test_the_same_story_edited_is_a_near_duplicate(seed_files, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed_files[0], corpus / "a-original.txt")
    shutil.copy(seed_files[1], corpus / "b-other.txt")
    # a mirror site: its own headline, its own editor line, the last paragraph cut
    text = seed_files[0].read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    last = max(i for i, line in enumerate(lines) if len(line) > 100)  # the last paragraph
    edited = lines[:last] + lines[last + 1:] + ["(责任编辑:某某 审核:某某某)", "本文转自某某网"]
    (corpus / "c-mirror.txt").write_text("\n\n".join(edited).replace(
        lines[2], "【转载】" + lines[2]), "utf-8")
    out = tmp_path / "out"
    report = build([corpus], out, jobs=1)
    assert report.ok and report.articles == 3
    [dup] = report.duplicates
    assert (dup["article"], dup["duplicate_of"]) == ("c-mirror.txt", "a-original.txt")
    assert 0.7 <= dup["similarity"] < 1.0
    assert json.loads((out / "build.json").read_text("utf-8"))["duplicates"] == [dup]
    with open_store(out) as store:
        rows = list(store.query(
            "PREFIX kg: <https://w3id.org/kg/ontology#> SELECT ?a ?b WHERE { "
            "?x kg:duplicateOf ?y . ?x kg:fileName ?a . ?y kg:fileName ?b }"))
    assert [(r["a"].value, r["b"].value) for r in rows] == [("c-mirror.txt", "a-original.txt")]
    # a later build, with a second repost, finds the original among the earlier articles;
    # the other seed, a different story, is no one's duplicate
    (corpus / "d-mirror.txt").write_text("\n\n".join(edited[:-1]), "utf-8")
    again = build([corpus / "d-mirror.txt"], out, jobs=1)
    assert [(d["article"], d["duplicate_of"]) for d in again.duplicates] == \
        [("d-mirror.txt", "a-original.txt")]


def test_a_near_duplicate_of_a_pruned_original_becomes_the_original(seed_files, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = seed_files[0].read_text("utf-8")
    (corpus / "a.txt").write_text(text, "utf-8")
    (corpus / "b.txt").write_text(text.replace("推动", "推进", 1) + "\n\n(责任编辑:某某)", "utf-8")
    out = tmp_path / "out"
    assert [d["duplicate_of"] for d in build([corpus], out, jobs=1).duplicates] == ["a.txt"]
    (corpus / "a.txt").unlink()
    pruned = build([corpus], out, jobs=1, prune=True)
    assert pruned.duplicates == [] and pruned.removed == 1
    with open_store(out) as store:
        assert not store.query("PREFIX kg: <https://w3id.org/kg/ontology#> "
                               "ASK { ?x kg:duplicateOf ?y }")
    (corpus / "c.txt").write_text(text, "utf-8")  # the story again: b.txt is its original now
    assert [d["duplicate_of"] for d in build([corpus], out, jobs=1).duplicates] == ["b.txt"]
