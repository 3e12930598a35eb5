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
  build never leaves half a store.
* One process at a time: RocksDB locks the folder.  Opening a store that
  another process holds (``kg serve``, a running ``kg build``) raises a
  :class:`~kg.errors.KgError` that says so, as does a missing or damaged store.
  pyoxigraph has no ``close()``: a store is closed when its last reference
  goes, so :func:`open_store` hands out a :class:`StoreHandle` that lets go of
  it when the ``with`` block ends, whoever still holds the handle.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import InputError, KgError, OutputError

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

    Each graph is written as N-Triples (checked, see :class:`_NTriples`) and parsed
    by pyoxigraph: faster than building every term in Python.  Raises
    :class:`~kg.errors.OutputError` when the dataset's default graph holds triples
    (in the store the default graph is the union of the named graphs) or a term
    cannot be stored.
    """
    writer = _NTriples()
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
    if not is_store(path):
        raise OutputError("this folder is in the way of the graph store: it is no Oxigraph "
                          "database", path=path, hint="move it away; kg build writes the store "
                                                      "there")
    with open_store(out, create=True):
        pass


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
    path = store_path(out)
    report = StoreReport(path=path)
    if path.exists() and not is_store(path) and any(path.iterdir()):
        raise OutputError("this folder is in the way of the graph store: it is no Oxigraph "
                          "database", path=path, hint="move it away; kg build writes the store "
                                                      "there")
    if not is_store(path):
        _rebuild(dataset, out, report)
    else:
        _update(dataset, out, report, progress)
    report.seconds = time.perf_counter() - started
    return report


def _update(dataset: Dataset, out: Path, report: StoreReport,
            progress: ProgressFn | None) -> None:
    with open_store(out, create=True) as store:  # first: a held store fails at once
        graphs = dataset_graphs(dataset)
        total_new = sum(len(t) for t in graphs.values()) or 1
        existing = set(store.named_graphs())
        # Which graphs differ?  Reading is cheap; writing is what costs.
        changed, changed_quads = [], 0
        for name, triples in graphs.items():
            if name in existing:
                old = {q.triple for q in store.quads_for_pattern(None, None, None, name)}
                if old == set(triples):
                    report.unchanged += 1
                    continue
                changed_quads += len(old) + len(triples)
            else:
                changed_quads += len(triples)
            changed.append(name)
        stale = [g for g in existing if g not in graphs]
        stale_quads = sum(1 for g in stale for _ in store.quads_for_pattern(None, None, None, g))
        rebuild = (changed_quads + stale_quads >= REBUILD_MIN_QUADS
                   and changed_quads + stale_quads > REBUILD_SHARE * total_new)
        if not rebuild:
            todo = [(name, graphs[name]) for name in changed] + [(name, []) for name in stale]
            for n, (name, triples) in enumerate(todo, 1):
                state = replace_graph(store, name, triples)
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
        _rebuild(dataset, out, report, counted=True)


def _rebuild(dataset: Dataset, out: Path, report: StoreReport, *, counted: bool = False) -> None:
    """Bulk-load ``dataset`` into a new folder next to the store, then swap it in.

    The dataset goes to Oxigraph's bulk loader as N-Quads text written here
    (the article graphs), and as N-Triples (the default graph: the union, each
    triple once, since the store is a set) through a temporary file: parsing is
    Oxigraph's, in Rust, several times faster than building pyoxigraph terms in
    Python.
    """
    path = store_path(out)
    named = _named_graphs(dataset)
    try:
        out.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(dir=out, prefix=".store-new-"))
    except OSError as exc:
        raise OutputError(f"cannot create the graph store: {exc.strerror or exc}", path=out,
                          hint="check free space and permissions of the output folder") from exc
    try:
        store = _open(temp, out, writing=True)
        try:
            # one pass over the dataset: the article graphs stream into the bulk loader,
            # their union into a file beside it, loaded next
            with tempfile.TemporaryFile(dir=out, prefix=".union-") as union:
                stream = _Stream(_NTriples().quads(named, union))
                store.bulk_load(stream, ox.RdfFormat.N_QUADS)
                if stream.error is not None:
                    raise stream.error
                union.seek(0)
                store.bulk_load(union, ox.RdfFormat.N_TRIPLES)
            store.flush()
            report.quads = len(store)
        except SyntaxError as exc:  # a term _NTriples let through and Oxigraph did not
            raise OutputError(f"the graph holds a term Oxigraph cannot store: {exc}", path=path,
                              hint="this is a bug in kg: its IRIs and literals are checked "
                                   "when minted") from exc
        finally:
            del store
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
    except KgError:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise OutputError(f"cannot write the graph store: {exc.strerror or exc}", path=path,
                          hint="check free space and permissions of the output folder") from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    report.rebuilt = True
    if not counted:
        report.added = len(named)


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


_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]+')
_BNODE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


class _NTriples:
    """rdflib terms as N-Triples text, checked: IRIs without the characters N-Triples
    forbids, blank node labels of plain characters, literals escaped."""

    def __init__(self) -> None:
        self._iris: dict[str, str] = {}

    def iri(self, value: str) -> str:
        text = self._iris.get(value)
        if text is None:
            if not _IRI.fullmatch(value):
                raise OutputError(f"cannot store the IRI {value!r}: it holds a character "
                                  "IRIs may not have", hint="this is a bug in kg's IRI minting")
            text = self._iris[value] = f"<{value}>"
        return text

    def term(self, term) -> str:
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            body = '"' + str(term).translate(_ESCAPE) + '"'
            if term.language:
                return f"{body}@{term.language}"
            if term.datatype is not None:
                return f"{body}^^{self.iri(str(term.datatype))}"
            return body
        if isinstance(term, BNode) and _BNODE.fullmatch(str(term)):
            return f"_:{term}"
        raise OutputError(f"cannot store {term!r}", hint="the graph may hold IRIs, literals "
                                                          "and blank nodes only")

    def triples(self, graph) -> Iterator[bytes]:
        """Chunks of N-Triples: one rdflib graph, blank nodes included."""
        chunk: list[str] = []
        term = self.term
        for s, p, o in graph:
            chunk.append(f"{term(s)} {term(p)} {term(o)} .\n")
            if len(chunk) >= 2000:
                yield "".join(chunk).encode("utf-8")
                chunk = []
        if chunk:
            yield "".join(chunk).encode("utf-8")

    def quads(self, graphs: list, union: IO[bytes]) -> Iterator[bytes]:
        """Chunks of N-Quads of ``graphs``; their triples without blank nodes go to ``union``
        as N-Triples on the way (duplicates and all: the store is a set)."""
        chunk: list[str] = []
        spare: list[str] = []
        term = self.term
        for graph in graphs:
            name = f" {term(graph.identifier)} .\n"
            for s, p, o in graph:
                spo = f"{term(s)} {term(p)} {term(o)}"
                chunk.append(spo + name)
                if not (isinstance(s, BNode) or isinstance(o, BNode)):
                    spare.append(spo + " .\n")
                if len(chunk) >= 2000:
                    yield "".join(chunk).encode("utf-8")
                    union.write("".join(spare).encode("utf-8"))
                    chunk, spare = [], []
        if chunk:
            yield "".join(chunk).encode("utf-8")
        union.write("".join(spare).encode("utf-8"))


class _Stream(io.RawIOBase):
    """A readable binary stream over an iterator of byte chunks (for the bulk loader)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = memoryview(b"")
        self.error: KgError | None = None  # raised by the chunks: the stream ends there

    def readable(self) -> bool:
        return True

    def readinto(self, into) -> int:
        while not len(self._buffer):
            try:
                self._buffer = memoryview(next(self._chunks))
            except StopIteration:
                return 0
            except KgError as exc:  # kept for the caller: through Rust it would become an OSError
                self.error = exc
                return 0
        n = min(len(into), len(self._buffer))
        into[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]  # a view: no copy
        return n


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
           "ensure_store_writable", "load_into_store",
           "replace_graph", "dataset_graphs", "store_dataset", "union_triples"]
