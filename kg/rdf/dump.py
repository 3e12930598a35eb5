"""``graph.trig`` and ``graph.ttl`` written from ``OUT/store`` (``kg export``, and
``kg build`` for corpora small enough that the files are worth having).

The store is the build's truth; the files are views of it: TriG holds the named
graphs (one per article), Turtle the default graph (their union, each triple
once).  Both are written to fsynced temporary files and renamed into place
together, so a failure leaves the previous files as they were.
"""
from __future__ import annotations

from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from kg.errors import OutputError
from kg.rdf.export import TRIG, TURTLE, _write_temp, commit_exports, making_exports
from kg.rdf.store import open_store


def export_store(out_dir: str | Path, target: str | Path | None = None) -> dict[str, Path]:
    """Write ``graph.trig`` and ``graph.ttl`` of ``OUT/store`` into ``target``
    (default: ``OUT``).  Raises :class:`~kg.errors.InputError` when there is no store."""
    out = Path(out_dir)
    folder = Path(target) if target is not None else out
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror or exc}", path=folder,
                          hint="choose a folder you can write") from exc
    with open_store(out) as store:
        temps = export_temps_of(store.store, folder)
    return commit_exports(temps, folder)


def export_temps_of(store: ox.Store, folder: Path) -> list[tuple[Path, Path]]:
    """The exports of ``store`` as complete, fsynced temporary files in ``folder``:
    (temporary file, target) pairs for :func:`commit_exports`."""
    temps: list[tuple[Path, Path]] = []
    with making_exports(temps, folder):
        named = chain.from_iterable(store.quads_for_pattern(None, None, None, g)
                                    for g in sorted(store.named_graphs(), key=str))
        temps.append((_write_temp(named, "trig", folder / TRIG), folder / TRIG))
        temps.append((_write_temp(store, "turtle", folder / TURTLE), folder / TURTLE))
    return temps


def remove_exports(out_dir: str | Path) -> list[Path]:
    """Remove ``graph.trig`` and ``graph.ttl`` of an earlier build (they would disagree
    with the store); the paths removed."""
    gone = []
    for name in (TRIG, TURTLE):
        path = Path(out_dir) / name
        if path.is_file():
            path.unlink()
            gone.append(path)
    return gone
