"""Loading a built graph for analysis and visualisation.

kg analyze and kg viz read what ``kg build`` wrote into an rdflib
:class:`~rdflib.Dataset` (one named graph per article, the default graph is
their union).  This is the one loader of the analysis and viz layers.

It reads ``OUT/store`` (Oxigraph, see :mod:`kg.analysis.store_load`) when the
folder has one, about twice as fast as parsing ``OUT/graph.trig``, and
``graph.trig`` otherwise: outputs of older builds, a store that cannot be
opened, or one a running or interrupted ``kg build`` may have left behind the
TriG file.  Both give the same Dataset.
"""
from __future__ import annotations

import logging
import warnings
from pathlib import Path

from rdflib import Dataset

from kg.analysis.store_load import StoreUnusable, read_store
from kg.errors import InputError
from kg.rdf.export import TRIG
from kg.rdf.graph import bind_prefixes
from kg.rdf.store import is_store, store_path

BUILD_HINT = "run kg build first: kg build ARTICLES -o {out}"
log = logging.getLogger(__name__)


def graph_file(out_dir: str | Path) -> Path:
    """``OUT/graph.trig``; raises :class:`InputError` (naming the folder) when it is missing."""
    out = Path(out_dir)
    path = out / TRIG
    if not out.is_dir():
        raise InputError("no such output folder", path=out, hint=BUILD_HINT.format(out=out))
    if not path.is_file():
        raise InputError(f"no {TRIG} in this folder: it holds no built graph", path=out,
                         hint=BUILD_HINT.format(out=out))
    return path


def load_graph(out_dir: str | Path, *, store: bool = True) -> Dataset:
    """The graph ``kg build`` wrote into ``out_dir``, as a Dataset whose default graph is the union.

    Reads ``OUT/store`` when there is one and it can be read (``store=False``:
    never), else ``OUT/graph.trig``.  Raises :class:`kg.errors.InputError` when
    ``out_dir`` holds neither (run ``kg build`` first) or the TriG file it falls
    back to is missing or not readable.
    """
    out = Path(out_dir)
    if not out.is_dir():
        raise InputError("no such output folder", path=out, hint=BUILD_HINT.format(out=out))
    problem = None
    if store and is_store(store_path(out)):
        try:
            ds = read_store(out)
        except StoreUnusable as exc:
            problem = str(exc)
            log.info("not reading %s (%s): reading %s", store_path(out), problem, TRIG)
        else:
            log.debug("read %s", store_path(out))
            return ds
    if problem and not (out / TRIG).is_file():
        raise InputError(f"no {TRIG} in this folder, and its graph store cannot stand in for "
                         f"it: {problem}", path=out, hint=BUILD_HINT.format(out=out))
    return _read_trig(out)


def _read_trig(out: Path) -> Dataset:
    path = graph_file(out)
    ds = bind_prefixes(Dataset(default_union=True))
    try:
        with warnings.catch_warnings():  # rdflib's TriG parser uses its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            ds.parse(path, format="trig")
    except Exception as exc:  # rdflib raises several unrelated types on bad input
        raise InputError(f"{TRIG} is not readable TriG: {exc}", path=path,
                         hint=BUILD_HINT.format(out=out)) from exc
    log.debug("read %s", path)
    return ds


__all__ = ["load_graph", "graph_file"]
