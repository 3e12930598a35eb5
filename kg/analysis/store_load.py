"""Reading ``OUT/store`` (kg build's Oxigraph store) into the rdflib Dataset analysis expects.

:func:`read_store` turns the store's article graphs into the same
:class:`~rdflib.Dataset` that parsing ``graph.trig`` gives (one named graph per
article, the default graph their union, kg's prefixes bound), building the
rdflib terms straight from pyoxigraph's: about twice as fast as rdflib's TriG
parser, with less memory (``bench/load.py`` has the figures).  The store's own
default graph (the union, kept for SPARQL) is not read: rdflib makes the union.

The store is opened read-only (``Store.read_only``): no lock is taken, so this
works while ``kg serve`` or ``kg query`` holds the store, and a ``kg build``
started meanwhile is not blocked.  Oxigraph leaves a read-only open undefined
while another process *writes* the store, so the store is used only when it is
known to match ``graph.trig``, and the read is thrown away when the store's
files changed during it.  kg's only writer of the store is ``kg build``, which
writes ``graph.trig``, then the store, then ``build.json``: a ``graph.trig``
newer than ``build.json`` means a build is running or stopped before the store
was complete.  In every such case :class:`StoreUnusable` says why, and the
caller reads ``graph.trig`` instead.
"""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf.export import TRIG
from kg.rdf.graph import bind_prefixes
from kg.rdf.store import is_store, store_path

BUILD_REPORT = "build.json"  # written by kg build after the store (kg.build, not importable here)
_XSD_STRING = str(XSD.string)


class StoreUnusable(Exception):
    """``OUT/store`` cannot stand in for ``graph.trig``; the message says why."""


def read_store(out_dir: str | Path) -> Dataset:
    """The article graphs in ``OUT/store`` as an rdflib Dataset whose default graph is the union.

    Raises :class:`StoreUnusable` when there is no store, when it may be older than
    ``graph.trig`` (a build is running or did not finish), when it cannot be opened
    or read (damaged, not an Oxigraph store), or when it changed while read.
    """
    out = Path(out_dir)
    path = store_path(out)
    if not is_store(path):
        raise StoreUnusable("no graph store in this folder")
    if _unfinished_build(out):
        raise StoreUnusable(f"{TRIG} is newer than {BUILD_REPORT}: a kg build is running or "
                            "stopped before the store was complete")
    try:
        before = _files(path)
        dataset = _dataset(ox.Store.read_only(str(path)))
        changed = _files(path) != before or _unfinished_build(out)
    except Exception as exc:  # OSError (damage, permissions), TypeError (RDF-star), ...
        raise StoreUnusable(f"cannot read the graph store: {exc}") from exc
    if changed:
        raise StoreUnusable("the graph store changed while it was read")
    return dataset


def _unfinished_build(out: Path) -> bool:
    """True when ``graph.trig`` is newer than ``build.json`` (both present)."""
    try:
        return (out / TRIG).stat().st_mtime_ns > (out / BUILD_REPORT).stat().st_mtime_ns
    except OSError:
        return False  # no graph.trig (the store is all there is) or no build.json (no evidence)


def _files(path: Path) -> dict[str, tuple[int, int]]:
    """Size and mtime of the store's files, RocksDB's info logs (``LOG*``) aside."""
    out = {}
    with os.scandir(path) as entries:
        for entry in entries:
            if not entry.name.startswith("LOG"):
                st = entry.stat()
                out[entry.name] = (st.st_size, st.st_mtime_ns)
    return out


def _dataset(store: ox.Store) -> Dataset:
    ds = bind_prefixes(Dataset(default_union=True))
    add = ds.store.add  # what rdflib's parsers call in the end, without their checks
    cache: dict = {}

    def term(t):
        r = cache.get(t)
        if r is None:
            r = cache[t] = _term(t)
        return r

    for name in store.named_graphs():
        graph = ds.graph(term(name))
        for s, p, o, _ in store.quads_for_pattern(None, None, None, name):
            add((term(s), term(p), term(o)), graph)
    return ds


def _term(t) -> URIRef | Literal | BNode:
    """An rdflib term equal to what rdflib's TriG parser makes of the same term."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        datatype = t.datatype.value
        return Literal(t.value) if datatype == _XSD_STRING else \
            Literal(t.value, datatype=URIRef(datatype))
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    raise TypeError(f"kg's graphs hold no {type(t).__name__}: {t}")


__all__ = ["read_store", "StoreUnusable"]
