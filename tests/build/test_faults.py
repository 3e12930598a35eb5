"""Faults: a build killed at any moment, two builds into one folder, a full disk.

Each case starts from an OUT that holds a good build (of the two seeds) and checks
that after the fault the previous outputs and store are intact and queryable, and
that the next build succeeds and leaves nothing behind.  Builds run as ``kg build``
child processes, so that ``kill -9`` is real.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.errors import OutputError

pytestmark = pytest.mark.slow

KG = Path(sys.executable).with_name("kg")
EXTRAS = ["某某县委宣传部组织百姓宣讲团开展宣讲活动。", "某某镇党委书记王某某出席会议。",
          "某某市文明办举办道德讲堂。", "某某区委组织部召开座谈会。"]


def corpus_of(seed_files, folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    texts = [f.read_text("utf-8") for f in seed_files]
    for i in range(n):
        extra = "".join(EXTRAS[(i + k) % len(EXTRAS)] for k in range(i % 3 + 1))
        (folder / f"a{i:03d}.txt").write_text(texts[i % 2] + f"\n第{i}期：{extra}\n", "utf-8")
    return folder


def state(out: Path) -> dict:
    """What a reader sees: the files' bytes and the store's named graphs and quads."""
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name[0] != "."}
    store = ox.Store.read_only(str(out / "store"))
    graphs = sorted(g.value for g in store.named_graphs())
    quads = len(store)
    del store
    return {"files": files, "graphs": graphs, "quads": quads}


@pytest.fixture
def good(seed_files, tmp_path) -> tuple[Path, dict]:
    out = tmp_path / "out"
    report = build(seed_files, out, jobs=1)
    assert report.ok
    return out, state(out)


def start(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([str(KG), "build", *args, "--quiet"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def wait_for(proc: subprocess.Popen, condition, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    return False


def staged_bytes(out: Path) -> int:
    return sum(f.stat().st_size for d in out.glob(".kg-staging-*") for f in d.glob("named.nq*")
               if f.is_file())


MOMENTS = {
    "at the start": ([], lambda out: (out / ".kg-build.lock").exists()),
    "mid-corpus": ([], lambda out: staged_bytes(out) > 200_000),
    "while the store is updated": ([], lambda out: any(out.glob(".store-new-*"))),
    "while a new store is loaded": (["--force"], lambda out: staged_bytes(out) > 200_000
                                    and any(out.glob(".store-new-*"))),
}


@pytest.mark.skipif(not KG.is_file(), reason="the kg console script is not installed")
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_kill_9_at_any_moment_loses_nothing(good, seed_files, tmp_path, moment):
    out, before = good
    corpus = corpus_of(seed_files, tmp_path / "corpus", 60)
    extra, condition = MOMENTS[moment]
    proc = start([str(corpus), "-o", str(out), "--jobs", "1", *extra])
    reached = wait_for(proc, lambda: condition(out))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert reached, f"the build ended before the moment: {proc.stderr.read().decode()[-500:]}"
    assert state(out) == before  # same files, same store, still readable
    report = build([corpus], out, jobs=1)  # the next build completes the work
    assert report.ok and report.articles == 62
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


@pytest.mark.skipif(not KG.is_file(), reason="the kg console script is not installed")
def test_a_second_build_into_the_same_folder_fails_clearly(good, seed_files, tmp_path):
    out, _ = good
    corpus = corpus_of(seed_files, tmp_path / "corpus", 60)
    proc = start([str(corpus), "-o", str(out), "--jobs", "1"])
    assert wait_for(proc, lambda: staged_bytes(out) > 0)
    with pytest.raises(OutputError) as err:
        build(seed_files, out, jobs=1)
    assert "another kg build is writing this folder" in str(err.value)
    assert str(proc.pid) in str(err.value) and "-o" in err.value.hint
    assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()[-800:]
    after = state(out)
    assert len(after["graphs"]) == 62  # the first build finished, whole
    assert build([corpus], out, jobs=1).unchanged == 60


@pytest.fixture
def small_disk(tmp_path):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_disk_is_a_clear_error_and_keeps_the_previous_build(small_disk, seed_files,
                                                                    tmp_path):
    out = small_disk / "out"
    assert build(seed_files[:1], out, jobs=1).ok
    before = state(out)
    corpus = corpus_of(seed_files, tmp_path / "corpus", 150)
    with pytest.raises(OutputError) as err:
        build([corpus], out, jobs=1)
    assert "space" in str(err.value).lower() or "space" in (err.value.hint or "")
    assert state(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
