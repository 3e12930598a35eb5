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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from kg.errors import KgError, OutputError
from kg.extract.registry import Pipeline
from kg.ingest import find_articles, read_article
from kg.model import Extraction
from kg.rdf.export import write_outputs
from kg.rdf.graph import add_article, new_dataset
from kg.rdf.store import StoreReport, ensure_store_writable, load_into_store
from kg.rdf.validate import ValidationReport, validate

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
          extractors: Sequence[str] | None = None) -> BuildReport:
    """Build the graph of every article under ``inputs`` into ``out_dir``.

    Writes ``graph.trig`` (one named graph per article), ``graph.ttl`` (their
    union), ``store/`` (the same graphs in an embedded Oxigraph store, which
    ``kg query`` and ``kg serve`` read) and ``build.json`` (this report).  Raises :class:`kg.errors.InputError`
    when an input path does not exist, :class:`OutputError` when ``out_dir``
    cannot be written; a bad article is a :class:`Failure` in the report instead.
    """
    started = time.perf_counter()
    out = Path(out_dir)
    found = find_articles(inputs)  # a bad input fails before the output folder is touched
    _ensure_writable(out)
    ensure_store_writable(out)  # before a long build: a store held by `kg serve` fails now
    report = BuildReport(out_dir=out)
    dataset = new_dataset()
    entity_keys: set = set()
    for extraction in extract_corpus(inputs, pipeline=Pipeline(extractors), progress=progress,
                                     failures=report.failures, warnings=report.warnings,
                                     found=found):
        try:
            add_article(dataset, extraction)  # all or nothing: a failure adds no triple
        except KgError as exc:
            report.failures.append(Failure(extraction.article.source, str(exc)))
            continue
        except Exception as exc:  # keep going: one article's graph must not stop the rest
            report.failures.append(Failure(extraction.article.source,
                                           f"could not make its graph: {exc!r} (a bug in kg)"))
            continue
        report.articles += 1
        report.mentions += len(extraction.mentions)
        report.relations += len(extraction.relations) + len(extraction.attributes)
        report.figures += len(extraction.figures)
        for key in extraction.entities():
            if key not in entity_keys:
                entity_keys.add(key)
                report.entities[key[0].value] += 1
    if check_shapes and report.articles:
        report.validation = validate(dataset)
    report.outputs = write_outputs(dataset, out)
    report.store = load_into_store(dataset, out)  # OUT/store: Oxigraph, one graph per article
    report.outputs["store"] = report.store.path
    report.triples = len(dataset)
    report.seconds = time.perf_counter() - started
    report.outputs["report"] = _write_json(out / "build.json", report.to_json())
    return report


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
