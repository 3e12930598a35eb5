"""Writing the knowledge graph: ``graph.trig`` (named graphs) and ``graph.ttl`` (union).

Each article's graph is *staged* once, as N-Quads text, in temporary files in the
output folder (:class:`Staging`; ``kg build`` stages an article as soon as it is
extracted).  Oxigraph then reads the staged text and writes TriG and Turtle (in
Rust: many times faster than rdflib's serialisers), and ``OUT/store`` is
bulk-loaded from the same text (:func:`kg.rdf.store.load_staged`).  The files
hold the same RDF as rdflib wrote before (``tests/rdf/test_export.py`` holds the
two isomorphic); only the layout of the text differs.

The fast way goes through an in-memory Oxigraph store, which keeps numbers and
dates as values: ``"3.50"^^xsd:decimal`` would come out as ``3.5``, and blank
nodes get new labels.  So :meth:`Staging.exact` first checks every typed literal
and language tag staged; when one would change, or a blank node is staged, the
files are written from the parsed text instead (slower, term for term as staged).

Each file is serialised to a temporary file in the output folder, flushed and
fsynced, and only then renamed over its target (``os.replace``, atomic on one
file system).  Both files are complete before either is renamed, so a failure
leaves the previous outputs as they were and no temporary file behind.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import ArticleError, OutputError
from kg.rdf.vocab import PREFIXES

TRIG = "graph.trig"
TURTLE = "graph.ttl"
NAMED, UNION, BLANK = "named.nq", "union.nt", "blank.nt"  # the staged files

_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]+')
_BNODE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class NTriples:
    """rdflib terms as N-Triples text, checked: IRIs without the characters N-Triples
    forbids, blank node labels of plain characters, literals escaped."""

    def __init__(self) -> None:
        self._iris: dict[str, str] = {}
        self.typed: set[tuple[str, str]] = set()  # (lexical form, datatype) written
        self.languages: set[str] = set()  # language tags written

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
            lexical = str(term)
            body = '"' + lexical.translate(_ESCAPE) + '"'
            if term.language:
                self.languages.add(term.language)
                return f"{body}@{term.language}"
            if term.datatype is not None:
                datatype = str(term.datatype)
                if datatype != _XSD_STRING:
                    self.typed.add((lexical, datatype))
                return f"{body}^^{self.iri(datatype)}"
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


def graph_text(writer: NTriples, identifier: URIRef, triples: Iterable
               ) -> tuple[int, bytes, bytes, bytes]:
    """A named graph as staged text: (distinct triples, N-Quads, N-Triples of the
    triples without blank nodes, N-Triples of those with)."""
    return _text(writer, f" {writer.term(identifier)} .\n", triples)


def _text(writer: NTriples, tail: str, triples: Iterable) -> tuple[int, bytes, bytes, bytes]:
    term = writer.term
    seen: dict[str, bool] = {}
    for s, p, o in triples:
        spo = f"{term(s)} {term(p)} {term(o)}"
        if spo not in seen:
            seen[spo] = isinstance(s, BNode) or isinstance(o, BNode)
    blank = [spo + " .\n" for spo, b in seen.items() if b]
    union = [spo + " .\n" for spo, b in seen.items() if not b] if blank else \
        [spo + " .\n" for spo in seen]
    return (len(seen), "".join(spo + tail for spo in seen).encode("utf-8"),
            "".join(union).encode("utf-8"), "".join(blank).encode("utf-8"))


class StagedGraph(NamedTuple):
    """One graph as text, ready to be appended to the staged files (:meth:`Staging.commit`)."""

    name: ox.NamedNode | ox.BlankNode | None  # None: the default graph
    size: int  # distinct triples
    quads: bytes  # N-Quads
    union: bytes  # N-Triples of the triples without blank nodes
    blank: bytes  # N-Triples of the triples with blank nodes
    triples: list  # the rdflib triples, as given


class Staging:
    """Graphs staged as N-Quads text in a temporary folder of the output folder.

    ``named.nq`` holds every graph's quads, ``union.nt`` and ``blank.nt`` their
    triples (without and with blank nodes: the store's union keeps no blank node),
    duplicates and all (loading makes them sets).  :meth:`close` removes the folder;
    use it as a context manager.
    """

    def __init__(self, out_dir: str | Path) -> None:
        out = _mkdir(Path(out_dir))
        try:
            self.folder = Path(tempfile.mkdtemp(dir=out, prefix=".kg-staging-"))
        except OSError as exc:
            raise OutputError(f"cannot write to the output folder: {exc.strerror or exc}",
                              path=out, hint="check free space and permissions") from exc
        self._files: dict[str, IO[bytes]] = {}
        try:
            for name in (NAMED, UNION, BLANK):
                self._files[name] = open(self.folder / name, "wb")
        except OSError as exc:
            self.close()
            raise OutputError(f"cannot write to the output folder: {exc.strerror or exc}",
                              path=out, hint="check free space and permissions") from exc
        self.sizes: dict[ox.NamedNode | ox.BlankNode, int] = {}  # distinct triples per graph
        self.default_size = 0  # triples staged in the default graph (datasets only)
        self.blank_nodes = False  # some staged term is a blank node
        self._exact: bool | None = None
        self.triples: int | None = None  # distinct triples in the union, once written
        self.named_store: ox.Store | None = None  # the named graphs, kept by write_exports
        self.pending_bytes = 0  # N-Quads staged since the last rotate()
        self._batch = 0
        self._writer = NTriples()

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def path(self, name: str) -> Path:
        return self.folder / name

    def prepare(self, identifier, triples: Iterable, source: str | None = None) -> StagedGraph:
        """The text of one graph; nothing is staged yet.  Raises :class:`ArticleError` for a
        graph staged before, :class:`OutputError` for a term N-Triples cannot hold."""
        triples = list(triples)
        if identifier is None or identifier == DATASET_DEFAULT_GRAPH_ID:
            name, tail = None, " .\n"
        else:
            text = self._writer.term(identifier)
            name = ox.BlankNode(str(identifier)) if isinstance(identifier, BNode) \
                else ox.NamedNode(str(identifier))
            if name in self.sizes:
                raise ArticleError(f"two articles have the same id (named graph {identifier})",
                                   path=source, hint="article ids are paths relative to the "
                                                     "input folder; give each input folder once")
            tail = f" {text} .\n"
        size, quads, union, blank = _text(self._writer, tail, triples)
        return StagedGraph(name, size, quads, union, blank, triples)

    def commit_text(self, name: str, size: int, quads: bytes, union: bytes, blank: bytes,
                    source: str | None = None) -> None:
        """Append a graph a worker made the text of (:func:`graph_text`): raises
        :class:`ArticleError` for a graph staged before."""
        node = ox.NamedNode(name)
        if node in self.sizes:
            raise ArticleError(f"two articles have the same id (named graph <{name}>)",
                               path=source, hint="article ids are paths relative to the "
                                                 "input folder; give each input folder once")
        self.commit(StagedGraph(node, size, quads, union, blank, []))

    def commit(self, graph: StagedGraph) -> None:
        """Append a prepared graph to the staged files (:class:`OutputError` when they
        cannot be written: the staging is then unusable)."""
        try:
            self._files[NAMED].write(graph.quads)
            self._files[UNION].write(graph.union)
            if graph.blank:
                self._files[BLANK].write(graph.blank)
        except OSError as exc:
            raise OutputError(f"cannot write the graph: {exc.strerror or exc}", path=self.folder,
                              hint="check free space and permissions of the output folder"
                              ) from exc
        if graph.name is None:
            self.default_size += graph.size
        else:
            self.sizes[graph.name] = graph.size
        self.pending_bytes += len(graph.quads)
        self.blank_nodes = self.blank_nodes or bool(graph.blank) or \
            isinstance(graph.name, ox.BlankNode)

    def rotate(self) -> tuple[Path, Path]:
        """Close the staged N-Quads and N-Triples written so far as a batch (renamed
        ``named.nq.N``, ``union.nt.N``) and start new files: a bulk loader can read
        the batch while the build goes on.  Returns the batch's two paths."""
        self._batch += 1
        paths = []
        try:
            for name in (NAMED, UNION):
                self._files[name].close()
                batch = self.folder / f"{name}.{self._batch}"
                os.replace(self.folder / name, batch)
                self._files[name] = open(self.folder / name, "wb")
                paths.append(batch)
        except OSError as exc:
            raise OutputError(f"cannot write the graph: {exc.strerror or exc}", path=self.folder,
                              hint="check free space and permissions of the output folder"
                              ) from exc
        self.pending_bytes = 0
        return paths[0], paths[1]

    def add(self, identifier, triples: Iterable, source: str | None = None) -> None:
        self.commit(self.prepare(identifier, triples, source))

    def finish(self) -> None:
        """Flush and close the staged files (before reading them)."""
        try:
            for fh in self._files.values():
                fh.close()
        except OSError as exc:
            raise OutputError(f"cannot write the graph: {exc.strerror or exc}", path=self.folder,
                              hint="check free space and permissions of the output folder"
                              ) from exc

    def close(self) -> None:
        """Remove the staged files (and free the stores loaded from them)."""
        for fh in self._files.values():
            try:
                fh.close()
            except OSError:
                pass
        self.named_store = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def exact(self) -> bool:
        """True when an in-memory Oxigraph store would not give back the staged terms
        as they are: a blank node is staged (it would get a new label), or a typed
        literal or language tag that Oxigraph writes otherwise (``"3.50"^^xsd:decimal``
        comes back as ``3.5``).  The exports are then written the exact way."""
        if self._exact is None:
            self._exact = self.blank_nodes or not _canonical(self._writer)
        return self._exact

    def load(self, name: str) -> ox.Store:
        """A staged file in a new in-memory store (``union.nt``: in the default graph)."""
        self.finish()
        store = ox.Store()
        fmt, graph = (ox.RdfFormat.N_QUADS, None) if name == NAMED else \
            (ox.RdfFormat.N_TRIPLES, ox.DefaultGraph())
        with self._reading():
            store.bulk_load(path=str(self.path(name)), format=fmt, to_graph=graph)
        return store

    def parse(self, *names: str) -> Iterator:
        """The quads or triples of staged files, terms as staged (no store involved)."""
        self.finish()
        for name in names:
            fmt = ox.RdfFormat.N_QUADS if name == NAMED else ox.RdfFormat.N_TRIPLES
            with self._reading():
                yield from ox.parse(path=str(self.path(name)), format=fmt)

    def graph_triples(self) -> Callable[[ox.NamedNode | ox.BlankNode], set]:
        """``name -> set of triples`` of the staged graphs, as :func:`kg.rdf.store.dataset_graphs`
        would give them (the store's update compares them with what it holds)."""
        if self.exact():
            groups: dict = {}
            for q in self.parse(NAMED):
                groups.setdefault(q.graph_name, set()).add(q.triple)
            return lambda name: groups.get(name, set())
        store = self.named_store if self.named_store is not None else self.load(NAMED)
        return lambda name: {q.triple for q in store.quads_for_pattern(None, None, None, name)}

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except SyntaxError as exc:  # a term NTriples let through and Oxigraph did not
            raise OutputError(f"the graph holds a term Oxigraph cannot read: {exc}",
                              hint="this is a bug in kg: its IRIs and literals are checked "
                                   "when minted") from exc
        except OSError as exc:
            raise OutputError(f"cannot read the staged graph: {exc.strerror or exc}",
                              path=self.folder, hint="check free space and permissions of "
                                                     "the output folder") from exc

    def graphs_holding(self, nodes: Iterable) -> dict:
        """For each of ``nodes`` (rdflib terms), the staged graphs in which it is a subject."""
        self.finish()
        wanted = {}
        for node in nodes:
            if isinstance(node, (URIRef, BNode)):
                wanted[self._writer.term(node)] = node
        found: dict = {node: set() for node in wanted.values()}
        if wanted:
            for q in ox.parse(path=str(self.path(NAMED)), format=ox.RdfFormat.N_QUADS):
                node = wanted.get(str(q.subject))
                if node is not None and not isinstance(q.graph_name, ox.DefaultGraph):
                    g = q.graph_name
                    found[node].add(URIRef(g.value) if isinstance(g, ox.NamedNode)
                                    else BNode(g.value))
        return found


def _canonical(writer: NTriples) -> bool:
    """True when Oxigraph keeps every typed literal and language tag ``writer`` wrote as it is
    (asked of Oxigraph itself: one store holding one of each)."""
    try:
        terms = [ox.Literal(lexical, datatype=ox.NamedNode(datatype))
                 for lexical, datatype in writer.typed]
        terms += [ox.Literal("x", language=language) for language in writer.languages]
    except ValueError:  # a language tag Oxigraph refuses: let the exact way deal with it
        return False
    if not terms:
        return True
    store = ox.Store()
    predicate = ox.NamedNode("urn:kg:value")
    store.extend(ox.Quad(ox.NamedNode(f"urn:kg:{i}"), predicate, term)
                 for i, term in enumerate(terms))
    for q in store:
        term = terms[int(q.subject.value[7:])]
        if (q.object.value, q.object.language, q.object.datatype) != \
                (term.value, term.language, term.datatype):
            return False
    return True


def stage_dataset(dataset: Dataset, out_dir: str | Path) -> Staging:
    """Stage the non-empty graphs of an rdflib dataset (the caller closes the staging)."""
    staging = Staging(out_dir)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            for graph in dataset.graphs():
                if len(graph):
                    staging.add(graph.identifier, graph, str(graph.identifier))
    except BaseException:
        staging.close()
        raise
    return staging


def write_outputs(dataset: Dataset, out_dir: str | Path) -> dict[str, Path]:
    """Write ``out_dir/graph.trig`` and ``out_dir/graph.ttl``; return them by format."""
    out = _mkdir(Path(out_dir))
    with stage_dataset(dataset, out) as staging:
        return write_exports(staging, out)


def write_exports(staging: Staging, out_dir: str | Path, *,
                  prepared: list[tuple[Path, Path]] | None = None) -> dict[str, Path]:
    """Write the staged graphs to ``graph.trig`` and their union to ``graph.ttl``.

    ``prepared`` is what :func:`export_temps` returned, when it ran already (kg build
    runs it in a thread, beside the validation); both files are renamed into place
    only here, together.
    """
    out = _mkdir(Path(out_dir))
    temps = export_temps(staging, out) if prepared is None else prepared
    return commit_exports(temps, out)


def commit_exports(temps: list[tuple[Path, Path]], folder: Path) -> dict[str, Path]:
    """Rename export temporaries (:func:`export_temps`, :func:`kg.rdf.dump.export_temps_of`)
    into place, together; whatever is not renamed is removed."""
    try:
        for temp, target in temps:
            os.replace(temp, target)
        _fsync_dir(folder)
    except OSError as exc:
        raise OutputError(f"cannot write the graph: {exc.strerror or exc}",
                          path=getattr(exc, "filename", None) or folder,
                          hint="check free space and permissions of the output folder") from exc
    finally:
        discard_exports(temps)
    return {"trig": folder / TRIG, "turtle": folder / TURTLE}


def export_temps(staging: Staging, out_dir: str | Path) -> list[tuple[Path, Path]]:
    """Serialise the exports to complete, fsynced temporary files beside their targets;
    return (temporary file, target) pairs for :func:`write_exports`.

    Sets ``staging.triples`` (the union's size) and keeps the named graphs, loaded
    in memory, in ``staging.named_store`` for :func:`kg.rdf.store.load_staged`.
    Everything heavy here is Rust that lets go of the GIL.
    """
    out = _mkdir(Path(out_dir))
    temps: list[tuple[Path, Path]] = []
    named = None
    with making_exports(temps, out):
        if staging.exact():  # term for term as staged (see the module docstring)
            temps.append((_write_temp(staging.parse(NAMED), "trig", out / TRIG), out / TRIG))
            union = dict.fromkeys(staging.parse(UNION, BLANK))  # a set, in staged order
        else:
            named = staging.load(NAMED)
            temps.append((_write_temp(named, "trig", out / TRIG), out / TRIG))
            union = staging.load(UNION)
        staging.triples = len(union)
        temps.append((_write_temp(union, "turtle", out / TURTLE), out / TURTLE))
        del union
    staging.named_store = named
    return temps


@contextmanager
def making_exports(temps: list[tuple[Path, Path]], folder: Path) -> Iterator[None]:
    """Whatever fails while export temporaries are written removes them; a failed write
    (disk full ...) is an :class:`OutputError` naming the file."""
    try:
        yield
    except OSError as exc:
        discard_exports(temps)
        raise OutputError(f"cannot write the graph: {exc.strerror or exc}",
                          path=getattr(exc, "filename", None) or folder,
                          hint="check free space and permissions of the output folder") from exc
    except BaseException:
        discard_exports(temps)
        raise


def discard_exports(temps: list[tuple[Path, Path]]) -> None:
    """Remove the temporary files of :func:`export_temps` (those not renamed)."""
    for temp, _ in temps:
        temp.unlink(missing_ok=True)


def _mkdir(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder: {exc.strerror or exc}", path=out,
                          hint="choose a folder you can write to with --out") from exc
    return out


def _dump(source: ox.Store | Iterable, fmt: str, output: Path | IO[bytes]) -> None:
    """Serialise ``source`` into ``output`` (a path: Oxigraph writes it without the GIL):
    TriG (a store: all of it) or Turtle (a store: its default graph).  ``source`` may
    also be quads or triples, serialised as they come."""
    if not isinstance(source, ox.Store):
        form = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.TURTLE
        ox.serialize(source, output, format=form, prefixes=PREFIXES)
    elif fmt == "trig":
        source.dump(output, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    else:
        source.dump(output, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                    prefixes=PREFIXES)


def _write_temp(store: ox.Store | Iterable, fmt: str, target: Path) -> Path:
    """Serialise ``store`` to a fsynced temporary file next to ``target``."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        try:
            # mkstemp makes the file private (0600); give it the target's mode, or 0644.
            os.fchmod(fd, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        finally:
            os.close(fd)
        _dump(store, fmt, temp)
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _fsync_dir(folder: Path) -> None:
    """Make the renames durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


__all__ = ["graph_text", "commit_exports", "making_exports", "write_outputs", "write_exports", "export_temps", "discard_exports", "stage_dataset", "Staging", "StagedGraph",
           "NTriples", "TRIG", "TURTLE"]
