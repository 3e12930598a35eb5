"""Loading a built graph (``OUT/graph.trig``) for analysis and visualisation.

kg analyze and kg viz read the TriG file that ``kg build`` writes into an rdflib
:class:`~rdflib.Dataset` (one named graph per article, the default graph is
their union).  This is the one loader of the analysis and viz layers.
"""
from __future__ import annotations

import warnings
from pathlib import Path

from rdflib import Dataset

from kg.errors import InputError
from kg.rdf.export import TRIG
from kg.rdf.graph import bind_prefixes

BUILD_HINT = "run kg build first: kg build ARTICLES -o {out}"


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


def load_graph(out_dir: str | Path) -> Dataset:
    """The graph ``kg build`` wrote into ``out_dir``, as a Dataset whose default graph is the union.

    Raises :class:`kg.errors.InputError` when ``out_dir`` holds no ``graph.trig``
    (run ``kg build`` first) or the file is not readable TriG.
    """
    path = graph_file(out_dir)
    ds = bind_prefixes(Dataset(default_union=True))
    try:
        with warnings.catch_warnings():  # rdflib's TriG parser uses its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            ds.parse(path, format="trig")
    except Exception as exc:  # rdflib raises several unrelated types on bad input
        raise InputError(f"{TRIG} is not readable TriG: {exc}", path=path,
                         hint=BUILD_HINT.format(out=Path(out_dir))) from exc
    return ds


__all__ = ["load_graph", "graph_file"]
