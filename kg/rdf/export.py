"""Writing the knowledge graph: ``graph.trig`` (named graphs) and ``graph.ttl`` (union).

Each file is serialised to a temporary file in the output folder, flushed and
fsynced, and only then renamed over its target (``os.replace``, atomic on one
file system).  Both files are complete before either is renamed, so a failure
leaves the previous outputs as they were and no temporary file behind.
"""
from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import OutputError
from kg.rdf.graph import bind_prefixes, union_graph

TRIG = "graph.trig"
TURTLE = "graph.ttl"


def write_outputs(dataset: Dataset, out_dir: str | Path) -> dict[str, Path]:
    """Write ``out_dir/graph.trig`` and ``out_dir/graph.ttl``; return them by format."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder: {exc.strerror or exc}", path=out,
                          hint="choose a folder you can write to with --out") from exc
    bind_prefixes(dataset)
    plan: list[tuple[str, Graph | Dataset, str, Path]] = [
        ("trig", dataset, "trig", out / TRIG),
        ("turtle", union_graph(dataset), "turtle", out / TURTLE),
    ]
    temps: list[tuple[Path, Path]] = []
    try:
        for _, graph, fmt, target in plan:
            temps.append((_write_temp(graph, fmt, target), target))
        for temp, target in temps:
            os.replace(temp, target)
        _fsync_dir(out)
    except OSError as exc:
        raise OutputError(f"cannot write the graph: {exc.strerror or exc}",
                          path=getattr(exc, "filename", None) or out,
                          hint="check free space and permissions of the output folder") from exc
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
    return {name: target for name, _, _, target in plan}


def _write_temp(graph: Graph | Dataset, fmt: str, target: Path) -> Path:
    """Serialise ``graph`` to a fsynced temporary file next to ``target``."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            # mkstemp makes the file private (0600); give it the target's mode, or 0644.
            os.fchmod(fh.fileno(), target.stat().st_mode & 0o777 if target.exists() else 0o644)
            with warnings.catch_warnings():  # rdflib's TriG writer uses its own deprecated API
                warnings.simplefilter("ignore", DeprecationWarning)
                graph.serialize(destination=fh, format=fmt, encoding="utf-8")
            fh.flush()
            os.fsync(fh.fileno())
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


__all__ = ["write_outputs", "TRIG", "TURTLE"]
