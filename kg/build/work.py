"""Extraction as work units that run anywhere: one process, a local pool, a Dask cluster.

``kg build`` cuts the articles to (re)build into chunks of :data:`CHUNK` articles,
in input order, and hands each chunk to :func:`process_chunk`.  A chunk carries
the articles' bytes (read once by the builder, which hashes them for the
manifest), so a worker needs no access to the input folder: the same function
runs in this process (``--jobs 1``), in a pool of local processes (``--jobs N``)
or on the workers of a Dask cluster (``--dask ADDRESS``).

A worker returns, per article, the article graph as N-Quads text (and the
N-Triples of the union), counts, warnings or the reason it failed, and the SHACL
violations of the chunk's graphs: nothing of rdflib or Oxigraph crosses the process
boundary, and the builder only appends text to its staged files.  Results are
handed back in input order, and the chunks do not depend on the number of
workers, so the build's output is the same whatever ``--jobs`` is.

Each process builds its extraction pipeline once (jieba's dictionary, the model)
and keeps it for every chunk it is given (:func:`_pipeline`).
"""
from __future__ import annotations

import hashlib
import os
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

CHUNK = 32  # articles per work unit: small enough to stream, large enough for pyshacl

_PIPELINES: dict = {}  # per process: (extractors, model) -> Pipeline


@dataclass(frozen=True)
class Config:
    """What every worker needs to know: the pipeline and whether to validate."""

    extractors: tuple[str, ...] | None = None
    model: str | None = "default"  # "default", None (rules alone) or a model folder
    validate: bool = True
    # validate the graphs of every chunk (1), or of one chunk in ``sample`` (by chunk index)
    sample: int = 1


@dataclass(frozen=True)
class Task:
    """One article to extract: its bytes, where they came from, its article id."""

    path: str
    article_id: str
    data: bytes


@dataclass
class Done:
    """One article's outcome: its graph as text, or why it has none."""

    path: str
    article_id: str
    graph: str = ""  # the named graph's IRI
    size: int = 0  # distinct triples
    quads: bytes = b""
    union: bytes = b""
    blank: bytes = b""
    mentions: int = 0
    relations: int = 0
    figures: int = 0
    warnings: tuple[str, ...] = ()
    failure: str | None = None
    text_hash: str = ""  # of the article's normalised text: the same story, however encoded
    minhash: bytes = b""  # its MinHash signature (kg.ingest.fingerprint): the same story, edited


@dataclass
class ChunkResult:
    done: list[Done] = field(default_factory=list)
    violations: list = field(default_factory=list)  # kg.rdf.validate.Violation


def _pipeline(config: Config):
    from kg.extract.registry import Pipeline

    key = (config.extractors, config.model)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        if config.model == "default":
            pipeline = Pipeline(config.extractors)
        else:
            pipeline = Pipeline(config.extractors, model=config.model)
        _PIPELINES[key] = pipeline
    return pipeline


def process_chunk(tasks: Sequence[Task], config: Config, index: int = 0) -> ChunkResult:
    """Read, extract, make the graph of, and validate each article of a chunk (the
    ``index``-th of the build: with ``config.sample`` k, one chunk in k is validated)."""
    from kg.errors import KgError
    from kg.ingest import article_from_bytes
    from kg.ingest.fingerprint import signature
    from kg.rdf.graph import article_triples

    pipeline = _pipeline(config)
    result = ChunkResult()
    checker = None
    holders: dict = {}  # node -> graph IRIs of this chunk holding it as a subject
    if config.validate and index % max(1, config.sample) == 0:
        from kg.rdf.validate import UnionValidator
        checker = UnionValidator(skip=GLOBAL_SHAPES)
    for task in tasks:
        done = Done(task.path, task.article_id)
        result.done.append(done)
        try:
            article = article_from_bytes(task.data, task.path, task.article_id)
            extraction = pipeline(article)
            identifier, triples = article_triples(extraction)
            _stage(done, identifier, triples)
        except KgError as exc:
            done.failure = str(exc)
            continue
        except Exception as exc:  # a bug must not stop the corpus; report it with the file
            done.failure = f"unexpected error {exc!r} (a bug in kg)"
            continue
        done.warnings = tuple(article.warnings)
        done.text_hash = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        done.minhash = signature(article.text) or b""
        done.mentions = len(extraction.mentions)
        done.relations = len(extraction.relations) + len(extraction.attributes)
        done.figures = len(extraction.figures)
        if checker is not None:
            checker.add(triples)
            for s, _, _ in triples:
                holders.setdefault(s, set()).add(identifier)
    if checker is not None and any(d.failure is None for d in result.done):
        report = checker.run(locate=lambda nodes: {n: holders.get(n, set()) for n in nodes})
        result.violations = list(report.violations)
    return result


# Shapes that hold or fail on the union of all article graphs only (an entity is
# shared by articles): kg build checks them on the store (kg.rdf.checks), not per chunk.
GLOBAL_SHAPES = ("Entity-category", "Division-level", "Division-code")

_WRITER = None


def _stage(done: Done, identifier, triples) -> None:
    """The graph's text as :class:`kg.rdf.export.Staging` stages it."""
    global _WRITER
    from kg.rdf.export import NTriples, graph_text

    if _WRITER is None or len(_WRITER._iris) > 200_000:  # a bounded cache of IRI texts
        _WRITER = NTriples()
    size, quads, union, blank = graph_text(_WRITER, identifier, triples)
    done.graph, done.size, done.quads, done.union, done.blank = \
        str(identifier), size, quads, union, blank


# -- runners: the same chunks, results in input order --------------------------------------

Chunks = Iterable[tuple[int, Sequence[Task]]]  # (index, tasks)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_local(chunks: Chunks, config: Config, jobs: int = 1) -> Iterator[ChunkResult]:
    """Process the chunks here (``jobs`` 1) or in a pool of ``jobs`` processes, at most
    ``2 * jobs`` chunks in flight (memory stays bounded whatever the corpus size)."""
    if jobs <= 1:
        for index, chunk in chunks:
            yield process_chunk(chunk, config, index)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork where there is one: the workers start at once and share the parent's pages
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from _windowed(lambda c: pool.submit(process_chunk, c[1], config, c[0]), chunks,
                             2 * jobs, lambda f: f.result())


def run_dask(chunks: Chunks, config: Config, address: str) -> Iterator[ChunkResult]:
    """Process the chunks on the workers of the Dask cluster whose scheduler is at
    ``address`` (``tcp://host:8786``), a bounded number in flight."""
    from kg.errors import InputError

    try:
        from distributed import Client
    except ImportError:
        raise InputError("--dask needs Dask's distributed package",
                         hint="pip install 'kg[dask]' (or: pip install distributed)") from None
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}",
                         hint="start one with `dask scheduler` and workers with "
                              "`dask worker ADDRESS`, or check the address") from None
    with client:
        workers = max(1, sum(w.get("nthreads", 1)
                             for w in client.scheduler_info()["workers"].values()))
        yield from _windowed(lambda c: client.submit(process_chunk, c[1], config, c[0],
                                                     pure=False),
                             chunks, 2 * workers, lambda f: f.result())


def _windowed(submit, chunks, window: int, result) -> Iterator:
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def chunked(tasks: Iterable[Task], size: int | None = None) -> Iterator[tuple[int, list[Task]]]:
    """(index, chunk) pairs: the tasks in input order, ``size`` (:data:`CHUNK`) at a time."""
    size = size or CHUNK
    chunk: list[Task] = []
    index = 0
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= size:
            yield index, chunk
            chunk, index = [], index + 1
    if chunk:
        yield index, chunk
