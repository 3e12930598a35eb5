"""Bringing ``OUT/store`` up to date with a build that staged only what changed.

``kg build`` stages the graphs of the articles it (re)extracted, and names the
graphs to drop (articles pruned).  Every other graph already in the store stays
as it is.  Two ways to get there, chosen by size, with the same outcome:

* **graph by graph**: each staged graph replaces its old version in one
  transaction (:func:`kg.rdf.store.replace_graph`, which keeps the union in
  step), each dropped graph goes the same way.  Only the staged text is read:
  memory is one article graph at a time.
* **rebuild**: when there is no store, or when the staged and dropped graphs are
  most of it, the graphs to keep are copied from the old store into the staged
  files, everything is bulk-loaded into a new folder beside the store (Oxigraph,
  in Rust, streaming from the files) and swapped in: an interrupted build leaves
  the old store whole.

When ``graph.trig`` and ``graph.ttl`` are to be written too (small graphs), the
graph-by-graph way works on a copy of the store's folder, which is exported and
then swapped in, so that the files and the store change together.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from kg.errors import OutputError
from kg.rdf.export import BLANK, NAMED, UNION, Staging
from kg.rdf.store import (REBUILD_MIN_QUADS, REBUILD_SHARE, StoreReport, _check_in_the_way,
                          _load_temp, _swap, is_store, load_files, open_store, replace_graph,
                          store_path)


def apply_build(staging: Staging, out_dir: str | Path, *, drop: Iterable[str] = (),
                rebuild: bool = False, exports: bool = False, progress=None,
                loader: "BatchLoader | None" = None) -> tuple[StoreReport, dict]:
    """Make ``OUT/store`` hold the staged graphs (new or replacing their old version),
    without the graphs named in ``drop``, and every other graph it held.  ``rebuild``
    forces the bulk load (the pipeline changed: every graph is staged).

    With ``exports``, ``graph.trig`` and ``graph.ttl`` are written from the new store
    before it is swapped in (a bulk-loaded one, or a copy of the old one updated graph
    by graph): the files and the store change together or not at all.  Returns the
    report and the paths of the exports.  ``loader``: a :class:`BatchLoader` that
    has loaded the batches staged so far (a build that knew it would bulk-load);
    it is used for the bulk load, and discarded when the graph-by-graph way is taken."""
    started = time.perf_counter()
    out = Path(out_dir)
    path = store_path(out)
    report = StoreReport(path=path)
    _check_in_the_way(path)
    staging.finish()
    drop_names = {ox.NamedNode(g) for g in drop} - set(staging.sizes)
    files: dict = {}
    if not is_store(path):
        report.added = len(staging.sizes)
        files = _bulk(staging, out, report, exports, loader)
        report.seconds = time.perf_counter() - started
        return report, files
    with open_store(out, create=True) as store:
        existing = set(store.named_graphs())
        staged_quads = sum(staging.sizes.values())
        dropped = [g for g in drop_names if g in existing]
        if not rebuild and staged_quads >= REBUILD_MIN_QUADS:
            rebuild = len(staging.sizes) + len(dropped) > REBUILD_SHARE * len(existing)
        if rebuild:
            report.added = sum(1 for g in staging.sizes if g not in existing)
            report.replaced = len(staging.sizes) - report.added
            report.removed = len(dropped)
            _copy_kept(store, staging, existing - set(staging.sizes) - set(dropped))
        elif not exports:
            _replace_each(store, staging, dropped, report, progress)
    if rebuild:
        files = _bulk(staging, out, report, exports, loader)
    else:
        if loader is not None:
            loader.discard()
        if exports:
            files = _copy_and_update(staging, out, dropped, report, progress)
    report.seconds = time.perf_counter() - started
    return report, files


class BatchLoader:
    """A new store beside ``OUT/store``, bulk-loaded batch by batch in a thread while
    the build goes on (Oxigraph's loader lets go of the GIL): loading then overlaps
    extraction instead of following it.  :func:`apply_build` finishes and swaps it in;
    :meth:`discard` removes it (a failed build).

    With ``defer``, the batches are only recorded as they come and loaded one after
    the other by :meth:`finish` (every core was extracting meanwhile).  Batches, not
    one bulk load of everything, because Oxigraph's loader holds more memory the
    larger its input: a build of 10,000 articles (1 GB of N-Quads) peaks at 1.8 GB
    in one load, at 1.4 GB in batches of :data:`kg.build.BATCH_BYTES`, in the same time."""

    def __init__(self, out_dir: str | Path, defer: bool = False) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.defer = defer
        self._deferred: list[tuple[Path, Path]] = []
        out = Path(out_dir)
        self.temp = Path(tempfile.mkdtemp(dir=out, prefix=".store-new-"))
        self.store: ox.Store | None = ox.Store(str(self.temp))
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-load")
        self._futures: list = []

    def submit(self, named: Path, union: Path) -> None:
        """Load a batch of :meth:`Staging.rotate` (and remove its files when loaded)."""
        if self.defer:
            self._deferred.append((named, union))
            return
        for f in [f for f in self._futures if f.done()]:
            f.result()  # a failed batch fails the build now
            self._futures.remove(f)
        self._futures.append(self._pool.submit(self._load, named, union))

    def _load(self, named: Path, union: Path) -> None:
        try:
            load_files(self.store, named, union)
        except SyntaxError as exc:
            raise OutputError(f"the graph holds a term Oxigraph cannot store: {exc}",
                              path=named, hint="this is a bug in kg: its IRIs and literals "
                                               "are checked when minted") from exc
        except OSError as exc:
            raise OutputError(f"cannot write the graph store: {exc.strerror or exc}",
                              path=self.temp, hint="check free space of the output folder"
                              ) from exc
        finally:
            named.unlink(missing_ok=True)
            union.unlink(missing_ok=True)

    def finish(self, staging: Staging):
        """Load what is left in ``staging``, wait for every batch; the complete store."""
        from kg.rdf.store import PreparedStore

        started = time.perf_counter()
        staging.finish()
        self._pool.submit(self._load_rest, staging).result()
        for f in self._futures:
            f.result()
        self._pool.shutdown(wait=True)
        self.store.flush()
        quads = len(self.store)
        self.store = None  # closes it: it is renamed next
        return PreparedStore(self.temp, quads, time.perf_counter() - started)

    def _load_rest(self, staging: Staging) -> None:
        for f in self._futures:
            f.result()
        for named, union in self._deferred:
            self._load(named, union)
        self._deferred = []
        load_files(self.store, staging.path(NAMED), staging.path(UNION))

    def discard(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.store = None
        shutil.rmtree(self.temp, ignore_errors=True)


def _replace_each(store, staging: Staging, dropped: list, report: StoreReport, progress) -> None:
    """Each staged graph replaces its old version, each dropped graph goes: one
    transaction each."""
    todo = len(staging.sizes) + len(dropped)
    n = 0
    for name, triples in [*_staged_graphs(staging), *((g, set()) for g in dropped)]:
        state = replace_graph(store, name, triples)
        setattr(report, state, getattr(report, state) + 1)
        n += 1
        if progress:
            progress(n, todo, "store")
    report.quads = len(store)


def _copy_and_update(staging: Staging, out: Path, dropped: list, report: StoreReport,
                     progress) -> dict:
    """The exports of an updated store, with the store, all or nothing: the store's
    folder is copied, updated graph by graph, exported, then swapped in."""
    from kg.rdf.dump import commit_exports, export_temps_of
    from kg.rdf.export import discard_exports
    from kg.rdf.store import PreparedStore

    temp = Path(tempfile.mkdtemp(dir=out, prefix=".store-new-"))
    temps: list = []
    try:
        shutil.copytree(store_path(out), temp, dirs_exist_ok=True)  # closed: a plain copy
        store = ox.Store(str(temp))
        try:
            _replace_each(store, staging, dropped, report, progress)
            store.flush()
            temps = export_temps_of(store, out)
        finally:
            del store
        files = commit_exports(temps, out)
        _swap(PreparedStore(temp, report.quads), out)
    except BaseException:
        discard_exports(temps)
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return files


def _bulk(staging: Staging, out: Path, report: StoreReport, exports: bool,
          loader: "BatchLoader | None" = None) -> dict:
    """Bulk-load the staged files into a new store beside ``OUT/store`` (or finish
    ``loader``'s), write the exports from it (when asked), then rename the exports
    and swap the store in."""
    from kg.rdf.dump import commit_exports, export_temps_of

    prepared = loader.finish(staging) if loader is not None else _load_temp(staging, out)
    temps: list = []
    try:
        if exports:
            store = ox.Store(str(prepared.temp))
            try:
                temps = export_temps_of(store, out)
            finally:
                del store
        report.quads = prepared.quads
        files = commit_exports(temps, out) if exports else {}
        _swap(prepared, out)
    except BaseException:
        from kg.rdf.export import discard_exports
        discard_exports(temps)
        shutil.rmtree(prepared.temp, ignore_errors=True)
        raise
    report.rebuilt = True
    return files


def _staged_graphs(staging: Staging) -> Iterator[tuple[ox.NamedNode, set]]:
    """The staged graphs one at a time (each one's quads are contiguous in named.nq)."""
    name, triples = None, set()
    for quad in staging.parse(NAMED):
        if quad.graph_name != name:
            if name is not None:
                yield name, triples
            name, triples = quad.graph_name, set()
        triples.add(quad.triple)
    if name is not None:
        yield name, triples


def _copy_kept(store, staging: Staging, keep: set) -> None:
    """Append the kept graphs of the old store to the staged files, for the bulk load."""
    try:
        with open(staging.path(NAMED), "ab") as named, open(staging.path(UNION), "ab") as union, \
                open(staging.path(BLANK), "ab") as blank:
            for graph in sorted(keep, key=str):
                quads = list(store.quads_for_pattern(None, None, None, graph))
                named.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
                plain = [q.triple for q in quads if not _blank(q)]
                blanks = [q.triple for q in quads if _blank(q)]
                union.write(ox.serialize(plain, format=ox.RdfFormat.N_TRIPLES) or b"")
                if blanks:
                    blank.write(ox.serialize(blanks, format=ox.RdfFormat.N_TRIPLES) or b"")
                staging.sizes[graph] = len(quads)
    except OSError as exc:
        raise OutputError(f"cannot write the graph: {exc.strerror or exc}", path=staging.folder,
                          hint="check free space and permissions of the output folder") from exc


def _blank(quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)
