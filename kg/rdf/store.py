"""The persistent graph store: ``OUT/store``, an embedded Oxigraph database.

``kg build`` keeps the graph in two forms: the exports ``graph.trig`` and
``graph.ttl`` (files to read, send and diff) and this store, which ``kg query``,
``kg serve`` and ``kg push`` read.  It is Oxigraph (pyoxigraph) on RocksDB:
persistent, transactional, opened in milliseconds, and several times faster
than rdflib (``bench/sparql.py`` has the figures).

Layout and guarantees
---------------------
* One named graph per article, named by the graph IRIs of the dataset
  (``https://w3id.org/kg/id/graph/{h}``, see ``ontology/kg.ttl``): exactly
  what ``graph.trig`` holds.
* The default graph is the union of the article graphs, each triple once:
  exactly what ``graph.ttl`` holds.  Queries without ``GRAPH`` read it.  (Not
  Oxigraph's ``use_default_graph_as_union``: that union is a bag, so an entity
  named in 300 articles would have its label 300 times, multiplying joins and
  plain COUNTs.)  Triples with blank nodes stay out of it: kg mints an IRI for
  every node, and a blank node cannot be matched to be deleted later.
* :func:`load_into_store` makes the store hold exactly the dataset.  Each
  article graph is replaced in **one transaction** (:func:`replace_graph`: one
  SPARQL update, which Oxigraph applies all-or-nothing, clears what is no
  longer there, loads what is new, and keeps the union in step); graphs of
  articles that are gone are dropped the same way; unchanged graphs are not
  touched.  A missing store (or one most of which changes) is bulk-loaded into
  a temporary folder and renamed into place when complete, so an interrupted
  build never leaves half a store.  ``kg build`` calls :func:`load_staged`, the
  same on the N-Quads text :mod:`kg.rdf.export` staged for the exports, so that
  each article is turned into text once.
* One process at a time: RocksDB locks the folder.  Opening a store that
  another process holds (``kg serve``, a running ``kg build``) raises a
  :class:`~kg.errors.KgError` that says so, as does a missing or damaged store.
  pyoxigraph has no ``close()``: a store is closed when its last reference
  goes, so :func:`open_store` hands out a :class:`StoreHandle` that lets go of
  it when the ``with`` block ends, whoever still holds the handle.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import InputError, KgError, OutputError
from kg.rdf.export import NAMED, UNION, NTriples, Staging, stage_dataset

STORE_DIR = "store"
BUILD_HINT = "run kg build first: kg build ARTICLES -o {out}"
# A full rebuild (bulk load into a new folder, then swap) beats per-article
# transactions once this share of the quads changes (see bench/sparql.py).
REBUILD_SHARE = 0.5
REBUILD_MIN_QUADS = 50_000

ProgressFn = Callable[[int, int, str], None]


@dataclass
class StoreReport:
    """What :func:`load_into_store` did."""

    path: Path
    added: int = 0       # article graphs new to the store
    replaced: int = 0    # graphs whose content changed
    unchanged: int = 0   # graphs already as in the dataset
    removed: int = 0     # graphs of articles no longer in the dataset
    quads: int = 0       # quads in the store afterwards
    rebuilt: bool = False  # written afresh with the bulk loader
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"path": str(self.path), "added": self.added, "replaced": self.replaced,
                "unchanged": self.unchanged, "removed": self.removed, "quads": self.quads,
                "rebuilt": self.rebuilt, "seconds": round(self.seconds, 3)}


def store_path(out_dir: str | Path) -> Path:
    """``OUT/store``."""
    return Path(out_dir) / STORE_DIR


def is_store(path: str | Path) -> bool:
    """True when ``path`` is a folder holding an Oxigraph (RocksDB) database."""
    return (Path(path) / "CURRENT").is_file()


class StoreHandle:
    """An open store for the length of a ``with open_store(...)`` block.

    It forwards everything to the pyoxigraph :class:`~pyoxigraph.Store`
    (``query``, ``quads_for_pattern``, ``len()`` ...) and lets go of it when
    the block ends, whoever still holds the handle: pyoxigraph has no
    ``close()`` and closes the database (and frees the folder's lock) when its
    last reference goes.  Using the handle after that raises :class:`KgError`.
    """

    __slots__ = ("_store", "path")

    def __init__(self, store: ox.Store, path: Path) -> None:
        self._store: ox.Store | None = store
        self.path = path

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            raise KgError("the graph store was closed", path=self.path,
                          hint="use it inside its 'with open_store(...)' block")
        return self._store

    def close(self) -> None:
        if self._store is not None:
            try:
                self._store.flush()
            finally:
                self._store = None

    def __getattr__(self, name: str):
        return getattr(self.store, name)

    def __len__(self) -> int:
        return len(self.store)

    def __iter__(self):
        return iter(self.store)

    def __contains__(self, quad) -> bool:
        return quad in self.store


@contextmanager
def open_store(out_dir: str | Path, *, create: bool = False) -> Iterator[StoreHandle]:
    """Open ``OUT/store`` for the duration of a ``with`` block (a :class:`StoreHandle`).

    Without ``create`` the store must exist (:class:`~kg.errors.InputError`
    otherwise, with the hint to run ``kg build``).  The folder is locked while
    open; a store held by another process raises a clear error instead of
    waiting.  Writes are flushed and the store closed when the block ends.
    """
    out = Path(out_dir)
    path = store_path(out)
    if not create:
        _check_exists(out, path)
    handle = StoreHandle(_open(path, out, writing=create), path)
    try:
        yield handle
    finally:
        handle.close()


def _check_exists(out: Path, path: Path) -> None:
    if not out.is_dir():
        raise InputError("no such output folder", path=out, hint=BUILD_HINT.format(out=out))
    if not path.exists():
        what = ("it holds graph.trig from a kg build that made no store"
                if (out / "graph.trig").is_file() else "it holds no built graph")
        raise InputError(f"no graph store in this folder: {what}", path=out,
                         hint=("run kg build again to make OUT/store: "
                               f"kg build ARTICLES -o {out}"))
    if not is_store(path):
        raise InputError("this is not a kg graph store (no Oxigraph database in it)", path=path,
                         hint=f"remove the folder and run kg build again: kg build ARTICLES -o {out}")


def _open(path: Path, out: Path, *, writing: bool) -> ox.Store:
    error = OutputError if writing else InputError
    try:
        return ox.Store(str(path))
    except OSError as exc:
        text = str(exc)
        if "lock" in text.lower():
            who = "this process" if "current process" in text else "another process"
            raise error(f"the graph store is in use by {who}", path=path,
                        hint="only one kg command can open a store at a time: wait for it or "
                             "stop it (kg serve holds the store while it runs; query it with "
                             "kg query --endpoint http://127.0.0.1:PORT/sparql)") from exc
        if isinstance(exc, FileNotFoundError):
            raise error(f"the graph store is incomplete: {text}", path=path,
                        hint=f"remove the folder and run kg build again: kg build ARTICLES -o {out}"
                        ) from exc
        raise error(f"cannot open the graph store: {text}", path=path,
                    hint="check the folder's permissions and free space") from exc
    except (RuntimeError, ValueError) as exc:  # RocksDB reports corruption as RuntimeError
        raise error(f"the graph store is damaged: {exc}", path=path,
                    hint=f"remove the folder and run kg build again (graph.trig holds the same "
                         f"graph): kg build ARTICLES -o {out}") from exc


# -- rdflib -> pyoxigraph ---------------------------------------------------------------------

def dataset_graphs(dataset: Dataset) -> dict[ox.NamedNode | ox.BlankNode, list[ox.Triple]]:
    """The non-empty named graphs of an rdflib dataset as pyoxigraph names and triples.

    Each graph is written as N-Triples (checked, see :class:`~kg.rdf.export.NTriples`) and parsed
    by pyoxigraph: faster than building every term in Python.  Raises
    :class:`~kg.errors.OutputError` when the dataset's default graph holds triples
    (in the store the default graph is the union of the named graphs) or a term
    cannot be stored.
    """
    writer = NTriples()
    out: dict = {}
    for graph in _named_graphs(dataset):
        text = b"".join(writer.triples(graph))
        try:
            triples = [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]
        except SyntaxError as exc:
            raise OutputError(f"the graph holds a term Oxigraph cannot store: {exc}",
                              path=str(graph.identifier),
                              hint="this is a bug in kg: its IRIs and literals are checked "
                                   "when minted") from exc
        name = ox.NamedNode(str(graph.identifier)) if isinstance(graph.identifier, URIRef) \
            else ox.BlankNode(str(graph.identifier))
        out.setdefault(name, []).extend(triples)
    return out


def _blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


# -- writing ---------------------------------------------------------------------------------

def replace_graph(store: ox.Store, graph: ox.NamedNode | ox.BlankNode,
                  triples: Iterable[ox.Triple]) -> str:
    """Make the named ``graph`` hold exactly ``triples`` (none: drop it), in one transaction,
    and keep the default graph the union of the named graphs.

    Returns ``"added"``, ``"replaced"``, ``"removed"`` or ``"unchanged"``.
    pyoxigraph has no transaction object in Python, but a SPARQL update is applied
    atomically, so the clear and the load are one update of several operations:

    1. ``DELETE DATA`` the triples that go from the graph, ``INSERT DATA`` those that
       come (or ``DROP`` + ``INSERT DATA`` when blank nodes make triples incomparable);
    2. ``INSERT DATA`` those that come into the default graph (a set: no duplicate);
    3. ``DELETE`` from the default graph those that went, unless another named graph
       still holds them.

    The update text holds only terms serialised by pyoxigraph (N-Triples syntax,
    which SPARQL reads), never text a user typed.
    """
    new = set(triples)
    old = {q.triple for q in store.quads_for_pattern(None, None, None, graph)}
    if old == new:
        return "unchanged"
    blank = any(_blank(tr) for tr in new | old)
    name = f"GRAPH {graph}"
    ops = []
    if blank:
        ops.append(f"DROP SILENT {name}")
        gone, come = old, new
        if come:
            ops.append(_data("INSERT", name, come))
    else:
        gone, come = old - new, new - old
        if gone:
            ops.append(_data("DELETE", name, gone))
        if come:
            ops.append(_data("INSERT", name, come))
    union_come = [tr for tr in come if not _blank(tr)]
    union_gone = [tr for tr in gone if not _blank(tr)]
    if union_come:
        ops.append(_data("INSERT", None, union_come))
    if union_gone:
        rows = "\n".join(f"({t.subject} {t.predicate} {t.object})" for t in union_gone)
        ops.append("DELETE { ?s ?p ?o } WHERE {\n"
                   f"VALUES (?s ?p ?o) {{\n{rows}\n}}\n"
                   "FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } } }")
    if not new:
        ops.append(f"DROP SILENT {name}")
    store.update(" ;\n".join(ops))
    return "removed" if not new else ("replaced" if old else "added")


def _data(verb: str, name: str | None, triples: Iterable[ox.Triple]) -> str:
    body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    if name is None:
        return f"{verb} DATA {{\n{body}\n}}"
    return f"{verb} DATA {{ {name} {{\n{body}\n}} }}"


def ensure_store_writable(out_dir: str | Path) -> None:
    """Fail early, before a long build, when ``OUT/store`` cannot be written: held by
    another process (``kg serve``), damaged, or a folder in the way.  A missing store is
    fine (the build makes it)."""
    out = Path(out_dir)
    path = store_path(out)
    if not path.exists() or (path.is_dir() and not any(path.iterdir())):
        return
    _check_in_the_way(path)
    with open_store(out, create=True):
        pass


def _check_in_the_way(path: Path) -> None:
    if path.exists() and not is_store(path) and (not path.is_dir() or any(path.iterdir())):
        raise OutputError("this folder is in the way of the graph store: it is no Oxigraph "
                          "database", path=path, hint="move it away; kg build writes the store "
                                                      "there")


def load_into_store(dataset: Dataset, out_dir: str | Path, *,
                    progress: ProgressFn | None = None) -> StoreReport:
    """Make ``OUT/store`` hold exactly ``dataset`` (one named graph per article).

    Call it after the exports are written.  Each article's graph is replaced in
    one transaction (:func:`replace_graph`); graphs of articles no longer in
    the dataset are dropped.  When there is no store yet, or when most of it
    changes, the store is bulk-loaded afresh into a temporary folder and renamed
    into place.  Raises :class:`~kg.errors.OutputError` when the store is held
    by another process or cannot be written.
    """
    started = time.perf_counter()
    out = Path(out_dir)
    _check_in_the_way(store_path(out))
    _named_graphs(dataset)  # the default graph must be empty
    with stage_dataset(dataset, out) as staging:
        report = load_staged(staging, out, progress=progress)
    report.seconds = time.perf_counter() - started
    return report


def load_staged(staging: Staging, out_dir: str | Path, *, progress: ProgressFn | None = None,
                prepared: PreparedStore | None = None) -> StoreReport:
    """:func:`load_into_store` for graphs staged by :mod:`kg.rdf.export` (what kg build does):
    the store is bulk-loaded from the staged text (or ``prepared`` from it already, see
    :func:`prepare_store`), or updated graph by graph against the named graphs
    :func:`~kg.rdf.export.export_temps` kept in memory."""
    started = time.perf_counter()
    out = Path(out_dir)
    path = store_path(out)
    report = StoreReport(path=path)
    try:
        _check_in_the_way(path)
        if staging.default_size:
            raise OutputError("the dataset's default graph holds triples; the store keeps every "
                              "triple in an article's named graph",
                              hint="this is a bug in kg: add_article writes named graphs")
        if not is_store(path):
            prepared, ready = None, prepared
            if ready is not None:
                report.seconds += ready.seconds  # the bulk load, done beforehand
            _rebuild(staging, out, report, prepared=ready)
        else:
            _update(staging, out, report, progress)
    finally:
        staging.named_store = None  # the largest thing a build holds: let it go now
        discard_store(prepared)  # prepared for a store that turned out to exist
    report.seconds += time.perf_counter() - started
    return report


def _update(staging: Staging, out: Path, report: StoreReport,
            progress: ProgressFn | None) -> None:
    with open_store(out, create=True) as store:  # first: a held store fails at once
        triples = staging.graph_triples()  # name -> the new graph's triples
        graphs = staging.sizes
        total_new = sum(graphs.values()) or 1
        existing = set(store.named_graphs())
        # Which graphs differ?  Reading is cheap; writing is what costs.
        changed, changed_quads = [], 0
        for name, size in graphs.items():
            if name in existing:
                old = {q.triple for q in store.quads_for_pattern(None, None, None, name)}
                if len(old) == size and old == triples(name):
                    report.unchanged += 1
                    continue
                changed_quads += len(old) + size
            else:
                changed_quads += size
            changed.append(name)
        stale = [g for g in existing if g not in graphs]
        stale_quads = sum(1 for g in stale for _ in store.quads_for_pattern(None, None, None, g))
        rebuild = (changed_quads + stale_quads >= REBUILD_MIN_QUADS
                   and changed_quads + stale_quads > REBUILD_SHARE * total_new)
        if not rebuild:
            todo = [(name, triples(name)) for name in changed] + [(name, set()) for name in stale]
            for n, (name, new_triples) in enumerate(todo, 1):
                state = replace_graph(store, name, new_triples)
                setattr(report, state, getattr(report, state) + 1)
                if progress:
                    progress(n, len(todo), str(name))
            report.quads = len(store)
    if rebuild:
        # the same outcome as graph by graph, the faster way
        report.unchanged = 0
        report.removed = len(stale)
        report.added = sum(1 for g in graphs if g not in existing)
        report.replaced = sum(1 for g in graphs if g in existing)
        staging.named_store = triples = None
        _rebuild(staging, out, report, counted=True)


@dataclass
class PreparedStore:
    """A complete store in a temporary folder beside ``OUT/store`` (:func:`prepare_store`)."""

    temp: Path
    quads: int
    seconds: float = 0.0  # the bulk load's, counted in the StoreReport that uses it


def prepare_store(staging: Staging, out_dir: str | Path) -> PreparedStore | None:
    """When there is no store yet, bulk-load the staged graphs into a new folder beside
    it, for :func:`load_staged` to rename into place (None when a store exists: it is
    updated graph by graph).  Rust that lets go of the GIL: kg build runs it in a
    thread, beside the validation.  :func:`discard_store` removes an unused one."""
    out = Path(out_dir)
    if is_store(store_path(out)):
        return None
    return _load_temp(staging, out)


def discard_store(prepared: PreparedStore | None) -> None:
    if prepared is not None:
        shutil.rmtree(prepared.temp, ignore_errors=True)


def _rebuild(staging: Staging, out: Path, report: StoreReport, *, counted: bool = False,
             prepared: PreparedStore | None = None) -> None:
    """Bulk-load the staged graphs into a new folder next to the store (unless
    ``prepared`` has done it), then swap it in."""
    staging.named_store = None  # not needed here: free it before the loader takes memory
    prepared = prepared or _load_temp(staging, out)
    report.quads = prepared.quads
    _swap(prepared, out)
    report.rebuilt = True
    if not counted:
        report.added = len(staging.sizes)


def _load_temp(staging: Staging, out: Path) -> PreparedStore:
    """The article graphs come from the staged N-Quads, the default graph (their union,
    each triple once, since the store is a set) from the staged N-Triples: Oxigraph's
    bulk loader parses both in Rust, on every core."""
    path = store_path(out)
    started = time.perf_counter()
    try:
        out.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(dir=out, prefix=".store-new-"))
    except OSError as exc:
        raise OutputError(f"cannot create the graph store: {exc.strerror or exc}", path=out,
                          hint="check free space and permissions of the output folder") from exc
    try:
        store = _open(temp, out, writing=True)
        try:
            staging.finish()
            load_files(store, staging.path(NAMED), staging.path(UNION))
            store.flush()
            return PreparedStore(temp, len(store), time.perf_counter() - started)
        except SyntaxError as exc:  # a term NTriples let through and Oxigraph did not
            raise OutputError(f"the graph holds a term Oxigraph cannot store: {exc}", path=path,
                              hint="this is a bug in kg: its IRIs and literals are checked "
                                   "when minted") from exc
        finally:
            del store
    except BaseException as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write the graph store: {exc.strerror or exc}", path=path,
                              hint="check free space and permissions of the output folder"
                              ) from exc
        raise


def load_files(store: ox.Store, named: Path, union: Path) -> None:
    """Bulk-load staged text: the article graphs from N-Quads, their union (each triple
    once: the store is a set) into the default graph from N-Triples."""
    store.bulk_load(path=str(named), format=ox.RdfFormat.N_QUADS)
    store.bulk_load(path=str(union), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())


def _swap(prepared: PreparedStore, out: Path) -> None:
    """Rename a prepared store into place, the old one (if any) out of the way."""
    path, temp = store_path(out), prepared.temp
    try:
        if path.is_dir() and not is_store(path):
            path.rmdir()  # an empty folder (load_into_store refuses a full one)
        if path.exists():
            # Take the lock of the old store while swapping, so no other kg process has it open.
            with open_store(out, create=True):
                old = Path(tempfile.mkdtemp(dir=out, prefix=".store-old-"))
                os.replace(path, old / STORE_DIR)
            os.replace(temp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temp, path)
    except BaseException as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write the graph store: {exc.strerror or exc}", path=path,
                              hint="check free space and permissions of the output folder"
                              ) from exc
        raise


def _named_graphs(dataset: Dataset) -> list:
    """The non-empty named graphs of ``dataset`` (rdflib); see :func:`dataset_graphs`."""
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for graph in dataset.graphs():
            if graph.identifier == DATASET_DEFAULT_GRAPH_ID:
                if len(graph):
                    raise OutputError("the dataset's default graph holds triples; the store "
                                      "keeps every triple in an article's named graph",
                                      hint="this is a bug in kg: add_article writes named graphs")
            elif len(graph):
                out.append(graph)
    return out


# -- reading ---------------------------------------------------------------------------------

def store_dataset(store: ox.Store) -> Dataset:
    """The store's named graphs as an rdflib Dataset (what ``graph.trig`` holds)."""
    ds = Dataset(default_union=True)
    quads = (q for q in store.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, ox.DefaultGraph))
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=data.decode("utf-8"), format="nquads")
    return ds


def union_triples(store: ox.Store) -> set[ox.Triple]:
    """The default graph: the union of the article graphs (what ``graph.ttl`` holds)."""
    return {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


__all__ = ["STORE_DIR", "StoreReport", "StoreHandle", "store_path", "is_store", "open_store",
           "ensure_store_writable", "load_into_store", "load_staged",
           "prepare_store", "discard_store", "PreparedStore",
           "replace_graph", "dataset_graphs", "store_dataset", "union_triples"]
