"""Build a knowledge graph from a corpus: find → read → extract → graph → validate → write.

This is the importable function behind ``kg build``.  One bad article never
stops the corpus: it is reported (file and reason) and skipped.  Outputs are
written atomically, so an interrupted build leaves the previous outputs intact.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from kg.errors import KgError, OutputError
from kg.extract.registry import Pipeline
from kg.ingest import find_articles, read_article
from kg.model import Extraction
from kg.rdf.export import StagedGraph, Staging, discard_exports, export_temps, write_exports
from kg.rdf.graph import article_triples
from kg.rdf.store import (StoreReport, discard_store, ensure_store_writable, load_staged,
                          prepare_store)
from kg.rdf.validate import UnionValidator, ValidationReport

ProgressFn = Callable[[int, int, str], None]


@dataclass
class Failure:
    path: str
    message: str


@dataclass
class BuildReport:
    """What a build did; ``ok`` is False when any article failed or shapes were violated."""

    out_dir: Path
    articles: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)  # per type, distinct across the corpus
    mentions: int = 0
    relations: int = 0  # relation and attribute assertions
    figures: int = 0
    triples: int = 0
    outputs: dict[str, Path] = field(default_factory=dict)
    validation: ValidationReport | None = None
    store: StoreReport | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures and (self.validation is None or self.validation.conforms)

    def to_json(self) -> dict:
        return {
            "articles": self.articles,
            "failed": [vars(f) for f in self.failures],
            "warnings": [vars(w) for w in self.warnings],
            "entities": dict(self.entities),
            "mentions": self.mentions,
            "relations": self.relations,
            "figures": self.figures,
            "triples": self.triples,
            "outputs": {k: str(v) for k, v in self.outputs.items()},
            "conforms": None if self.validation is None else self.validation.conforms,
            "store": None if self.store is None else self.store.to_json(),
            "violations": [] if self.validation is None else list(self.validation.violations[:100]),
            "seconds": round(self.seconds, 3),
        }


def extract_corpus(inputs: Iterable[str | Path], *, pipeline: Pipeline | None = None,
                   progress: ProgressFn | None = None,
                   failures: list[Failure] | None = None,
                   warnings: list[Failure] | None = None,
                   found: Sequence[tuple[Path, str]] | None = None) -> Iterable[Extraction]:
    """Read and extract every article under ``inputs``, skipping (and recording) bad ones.

    ``found`` is ``find_articles(inputs)`` when the caller has it already.
    """
    pipeline = pipeline or Pipeline()
    paths = find_articles(inputs) if found is None else found
    for n, (path, article_id) in enumerate(paths, 1):
        if progress:
            progress(n, len(paths), article_id)
        try:
            article = read_article(path, article_id)
            extraction = pipeline(article)
        except KgError as exc:
            if failures is not None:
                failures.append(Failure(str(path), str(exc)))
            continue
        except Exception as exc:  # a bug must not stop the corpus; report it with the file
            if failures is not None:
                failures.append(Failure(str(path), f"unexpected error {exc!r} (a bug in kg)"))
            continue
        if warnings is not None:
            warnings.extend(Failure(str(path), w) for w in article.warnings)
        yield extraction


def build(inputs: Sequence[str | Path], out_dir: str | Path, *,
          progress: ProgressFn | None = None, check_shapes: bool = True,
          extractors: Sequence[str] | None = None, model="default") -> BuildReport:
    """Build the graph of every article under ``inputs`` into ``out_dir``.

    Writes ``graph.trig`` (one named graph per article), ``graph.ttl`` (their
    union), ``store/`` (the same graphs in an embedded Oxigraph store, which
    ``kg query`` and ``kg serve`` read) and ``build.json`` (this report).  Raises :class:`kg.errors.InputError`
    when an input path does not exist, :class:`OutputError` when ``out_dir``
    cannot be written; a bad article is a :class:`Failure` in the report instead.
    ``model`` is a trained model folder (``kg train``), ``"default"`` (the model kg
    ships) or None (the rule extractors alone).
    """
    started = time.perf_counter()
    out = Path(out_dir)
    found = find_articles(inputs)  # a bad input fails before the output folder is touched
    _ensure_writable(out)
    ensure_store_writable(out)  # before a long build: a store held by `kg serve` fails now
    report = BuildReport(out_dir=out)
    entity_keys: set = set()
    # Each article's graph is made once, as text staged for the exports and the store
    # (temporary files in OUT, removed at the end whatever happens), and its triples
    # go to the validator's scratch graph: no dataset of the whole corpus is built.
    with Staging(out) as staging:
        checker = UnionValidator() if check_shapes else None
        for extraction in extract_corpus(inputs, pipeline=_pipeline(extractors, model),
                                         progress=progress, failures=report.failures,
                                         warnings=report.warnings, found=found):
            try:
                graph = _article_graph(staging, extraction)  # all or nothing: checks first
            except KgError as exc:
                report.failures.append(Failure(extraction.article.source, str(exc)))
                continue
            except Exception as exc:  # keep going: one article's graph must not stop the rest
                report.failures.append(Failure(extraction.article.source,
                                               f"could not make its graph: {exc!r} (a bug in kg)"))
                continue
            staging.commit(graph)  # a write that fails (disk full) stops the build
            if checker is not None:
                checker.add(graph.triples)
            report.articles += 1
            report.mentions += len(extraction.mentions)
            report.relations += len(extraction.relations) + len(extraction.attributes)
            report.figures += len(extraction.figures)
            for key in extraction.entities():
                if key not in entity_keys:
                    entity_keys.add(key)
                    report.entities[key[0].value] += 1
        staging.finish()
        # The exports and a new store are written (to temporary files) by Oxigraph in a
        # thread while pyshacl validates here: Rust lets go of the GIL, so the two share
        # the cores.  As before, nothing is renamed into place before the validation is
        # done, graph.trig and graph.ttl go before the store, and build.json last.
        with _Background(staging, out) as background:
            if checker is not None and report.articles:
                report.validation = checker.run(locate=staging.graphs_holding)
            checker = None
            report.outputs = write_exports(staging, out, prepared=background.exports_ready())
            report.triples = staging.triples or 0
            # OUT/store: Oxigraph, one graph per article
            report.store = load_staged(staging, out, prepared=background.store_ready())
    report.outputs["store"] = report.store.path
    report.seconds = time.perf_counter() - started
    report.outputs["report"] = _write_json(out / "build.json", report.to_json())
    return report


def _pipeline(extractors: Sequence[str] | None, model) -> Pipeline:
    # Positional names only when the model is the default: tests swap Pipeline
    # for a shared one taking just the names.
    return Pipeline(extractors) if model == "default" else Pipeline(extractors, model=model)


def _article_graph(staging: Staging, extraction: Extraction) -> StagedGraph:
    """The graph of one article as staged text (ArticleError, OntologyError, OutputError)."""
    identifier, triples = article_triples(extraction)
    return staging.prepare(identifier, triples, extraction.article.source)


class _Background:
    """:func:`export_temps` then :func:`prepare_store`, in one thread, started at once.

    Each result is handed over once (``*_ready`` waits for it); leaving the ``with``
    block waits for the thread and removes what was made and not handed over, so a
    failure (or Ctrl-C) anywhere leaves no temporary file behind.
    """

    def __init__(self, staging: Staging, out: Path) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-write")
        self._exports = self._pool.submit(export_temps, staging, out)
        self._store = self._pool.submit(prepare_store, staging, out)
        self._taken: set[str] = set()

    def __enter__(self) -> "_Background":
        return self

    def exports_ready(self) -> list:
        self._taken.add("exports")
        return self._exports.result()

    def store_ready(self):
        self._taken.add("store")
        return self._store.result()

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        for name, future, discard in (("exports", self._exports, discard_exports),
                                      ("store", self._store, discard_store)):
            if name not in self._taken and not future.cancelled() \
                    and future.exception() is None:
                discard(future.result())


def _ensure_writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=out, prefix=".kg-probe-", delete=True)
        probe.close()
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder: {exc.strerror or exc}", path=out,
                          hint="choose another folder with -o, or fix its permissions") from exc


def _write_json(path: Path, data: dict) -> Path:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
