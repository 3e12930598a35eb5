"""The near-duplicate index (kg.build.near): what it finds, forgets and keeps."""
from __future__ import annotations

from kg.build.near import FILE, NearIndex
from kg.ingest.fingerprint import signature
from tests.ingest.test_fingerprint import OTHER, STORY


def test_it_finds_the_original_and_forgets_what_is_removed(tmp_path):
    story, edited = signature(STORY), signature(STORY.replace("近日", "日前") + "（责任编辑：某某）")
    with NearIndex(tmp_path) as index:
        assert index.match(story) is None
        index.add("a", story)
        index.add("b", edited, original="a")
        index.add("c", signature(OTHER))
        found = index.match(signature("【转载】" + STORY))
        assert found[0] == "a" and found[1] >= 0.7
        assert index.match(edited, exclude="b")[0] == "a"  # b repeats a: a is the original
        assert index.match(signature(OTHER), exclude="c") is None
        index.remove(["a"])
        assert index.match(story)[0] == "a"  # found through b, which still names a (kg build
        # re-extracts the reposts of a pruned original, and they replace their rows)
        index.remove(["b"])
        assert index.match(story) is None
        index.commit()


def test_only_committed_changes_last(tmp_path):
    with NearIndex(tmp_path) as index:
        index.add("a", signature(STORY))
        index.commit()
    with NearIndex(tmp_path) as index:
        index.add("b", signature(OTHER))  # a build that fails before it commits
        assert index.match(signature(OTHER))[0] == "b"
    assert (tmp_path / FILE).is_file()
    assert [p.name for p in tmp_path.iterdir()] == [FILE]  # its working copy is gone
    with NearIndex(tmp_path) as index:
        assert index.match(signature(STORY))[0] == "a"
        assert index.match(signature(OTHER)) is None
