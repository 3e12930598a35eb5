"""Build a knowledge graph from a corpus: find → read → extract → graph → validate → store.

This is the importable function behind ``kg build``.  It streams: the builder
reads each article's bytes (and hashes them for the manifest), workers
(:mod:`kg.build.work`: this process, a local pool, or a Dask cluster) turn chunks of
articles into graph text and validate them, and the builder appends that text
to staged files in OUT, which Oxigraph loads into the store.  No step holds the
corpus's graph in Python, so memory is bounded whatever the corpus size.

Incremental: ``OUT/manifest.json`` (:mod:`kg.build.manifest`) records what built each
article; a rebuild extracts only new and changed articles and replaces their
graphs, one transaction each.  Additive: articles of earlier builds that are not
among the inputs stay unless ``prune``.

Duplicates: an article whose normalised text is that of an earlier one (exact), or
whose MinHash signature says it is the same story edited (near: another headline,
a paragraph more or less; :mod:`kg.build.near`), is ``kg:duplicateOf`` the first
of them to be built, and listed in ``build.json`` with its similarity.

One bad article never stops the corpus: it is reported (file and reason) and
skipped.  The store is replaced atomically or updated one graph per transaction,
the manifest is written after it and ``build.json`` last, so an interrupted
build leaves the previous outputs intact and the next build completes the work.
"""
from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from kg.build.lock import build_lock
from kg.build.manifest import write_json
from kg.errors import KgError, OutputError
from kg.extract.registry import Pipeline
from kg.ingest import find_articles, read_article
from kg.model import Extraction
from kg.rdf.export import Staging
from kg.rdf.store import StoreReport, ensure_store_writable
from kg.rdf.validate import ValidationReport

ProgressFn = Callable[[int, int, str], None]


@dataclass
class Failure:
    path: str
    message: str


@dataclass
class BuildReport:
    """What a build did; ``ok`` is False when any article failed or shapes were violated."""

    out_dir: Path
    articles: int = 0  # in the graph after the build
    extracted: int = 0  # (re)extracted by this build
    added: int = 0  # article graphs new to the store
    replaced: int = 0  # article graphs re-extracted (changed, or a new pipeline)
    unchanged: int = 0  # articles whose bytes and pipeline are as built before
    removed: int = 0  # graphs of articles not among the inputs, dropped by --prune
    kept: int = 0  # graphs of articles not among the inputs, kept (no --prune)
    recovered: list[str] = field(default_factory=list)  # what a killed build left, cleaned up
    duplicates: list[dict] = field(default_factory=list)  # reposts found by this build
    shapes: str = "all"  # which article graphs were validated
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
            "extracted": self.extracted, "added": self.added, "replaced": self.replaced,
            "unchanged": self.unchanged, "removed": self.removed, "kept": self.kept,
            "shapes_checked": self.shapes, "recovered": self.recovered,
            "duplicates": self.duplicates,
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
          extractors: Sequence[str] | None = None, model="default",
          jobs: int | None = None, dask: str | None = None, prune: bool = False,
          exports: str = "auto", force: bool = False, validate: str = "auto") -> BuildReport:
    """Build (or bring up to date) the graph of every article under ``inputs`` in ``out_dir``.

    ``OUT/store`` (an embedded Oxigraph store, one named graph per article, which
    ``kg query`` and ``kg serve`` read), ``OUT/manifest.json`` (what built each
    article) and ``OUT/build.json`` (this report) are written; ``graph.trig`` and
    ``graph.ttl`` too when ``exports`` is "yes", or "auto" and the store holds at
    most :data:`EXPORT_LIMIT` articles (``kg export`` writes them at any time).

    Only new and changed articles are extracted (all of them when kg's code, the
    extractors or the model changed, or with ``force``), ``jobs`` processes at a
    time (default: every core), or on the Dask cluster whose scheduler is at
    ``dask``.  Articles of an earlier build that are not among ``inputs`` stay in
    the graph unless ``prune``.  A bad article is a :class:`Failure` in the report
    (its earlier graph, if any, stays); :class:`kg.errors.InputError` when an input
    path does not exist, :class:`OutputError` when ``out_dir`` cannot be written.
    ``model`` is a trained model folder (``kg train``), ``"default"`` (the model kg
    ships) or None (the rule extractors alone).

    ``validate``: "all" checks every article graph against the SHACL shapes;
    "sample" the graphs of one chunk of articles in :data:`SAMPLE_EVERY`; "auto"
    (default) all of them for up to :data:`SAMPLE_FROM` inputs, else a sample;
    "none" (or ``check_shapes=False``) none.  The shapes that hold on the union of
    the articles (one category, level, code per entity) are checked on the whole
    store whenever validation is on (:mod:`kg.rdf.checks`).
    """
    if exports not in ("auto", "yes", "no"):
        raise ValueError(f"exports must be auto, yes or no, not {exports!r}")
    if validate not in ("auto", "all", "sample", "none"):
        raise ValueError(f"validate must be auto, all, sample or none, not {validate!r}")
    check_shapes = check_shapes and validate != "none"
    started = time.perf_counter()
    out = Path(out_dir)
    found = find_articles(inputs)  # a bad input fails before the output folder is touched
    _ensure_writable(out)
    with build_lock(out) as recovered:
        ensure_store_writable(out)  # before a long build: a store held by `kg serve` fails now
        report = _build(found, out, progress, check_shapes, extractors, model, jobs, dask,
                        prune, exports, force, validate)
        report.recovered = recovered
        report.seconds = time.perf_counter() - started
        report.outputs["report"] = write_json(out / "build.json", report.to_json())
    return report


def _build(found, out: Path, progress, check_shapes, extractors, model, jobs, dask, prune,
           exports, force, validate) -> BuildReport:
    from kg.build.manifest import Entry, Manifest, content_hash, pipeline_version
    from kg.rdf.checks import check_store, query_text
    from kg.rdf.dump import remove_exports
    from kg.rdf.store import is_store, open_store, store_path
    from kg.rdf.update import apply_build
    from kg.build.work import CHUNK, Config, Task, chunked, default_jobs, run_dask, run_local
    from kg.build.near import FILE as NEAR_FILE, NearIndex

    report = BuildReport(out_dir=out)
    version = pipeline_version(extractors, model)
    old = Manifest.load(out) if is_store(store_path(out)) else Manifest()
    manifest = Manifest(dict(old.articles))
    model_spec = None if model is None else str(getattr(model, "path", model))
    sample = SAMPLE_EVERY if validate == "sample" or (
        validate == "auto" and len(found) > SAMPLE_FROM) else 1
    config = Config(None if extractors is None else tuple(extractors), model_spec, check_shapes,
                    sample)
    report.shapes = "none" if not check_shapes else (
        "all" if sample == 1 else f"1 chunk in {sample} (and the union-only shapes on all)")
    seen: set[str] = set()
    total = len(found)
    done_count = 0
    given = {article_id for _, article_id in found}
    # articles of earlier builds that --prune removes; a repost of one is extracted again
    # (it becomes the original)
    gone = [a for a in old.articles if a not in given] if prune else []
    gone_set = set(gone)

    def tasks():
        nonlocal done_count
        for path, article_id in found:
            seen.add(article_id)
            try:
                data = path.read_bytes()
            except OSError as exc:
                report.failures.append(Failure(str(path), _unreadable(path, exc)))
                done_count += 1
                continue
            digest = content_hash(data)
            entry = old.articles.get(article_id)
            if not force and entry is not None and entry.hash == digest \
                    and entry.pipeline == version and entry.duplicate_of not in gone_set:
                if entry.source != str(path):  # moved: the graph does not depend on the path
                    manifest.articles[article_id] = replace(entry, source=str(path))
                report.unchanged += 1
                done_count += 1
                if progress:
                    progress(done_count, total, article_id)
                continue
            pending[article_id] = digest
            yield Task(str(path), article_id, data)

    pending: dict[str, str] = {}
    violations: list = []
    # text hash -> the article id that first had it (earlier builds' first, then input order)
    texts: dict[str, str] = {}
    for article_id, entry in sorted(old.articles.items()):
        if entry.text and not entry.duplicate_of and article_id not in gone_set:
            texts.setdefault(entry.text, article_id)
    # every graph is new when the pipeline changed (or no manifest says otherwise):
    # bulk-load them with the kept ones rather than replace them one by one
    rebuild = force or not old.articles or any(e.pipeline != version
                                               for e in old.articles.values())
    # no more processes than chunks: a small build runs here, without a pool
    processes = min(jobs or default_jobs(), max(1, -(-len(found) // CHUNK)))
    # A new store is bulk-loaded in batches (BatchLoader): while extraction goes on when
    # a core is left for it (Dask, or fewer processes than cores); with every core
    # extracting, loading beside them only competes (100,000 articles, --jobs 2 on 2
    # cores: 35.7 min and 2.4 GB, against 34.3 min and 2.1 GB loading at the end), so
    # the batches are then loaded at the end, one after the other (20.5 min, 1.6 GB).
    bulk = rebuild or not is_store(store_path(out))
    overlap = dask is not None or processes < default_jobs()
    with Staging(out) as staging, _loader(out, bulk, overlap) as loader, \
            NearIndex(out) as near:
        near.remove(gone)
        chunks = chunked(tasks())
        runner = run_dask(chunks, config, dask) if dask else \
            run_local(chunks, config, processes)
        for result in runner:
            violations.extend(result.violations)
            for done in result.done:
                done_count += 1
                if progress:
                    progress(done_count, total, done.article_id)
                digest = pending.pop(done.article_id, "")
                if done.failure is not None:
                    report.failures.append(Failure(done.path, done.failure))
                    continue
                original = texts.setdefault(done.text_hash, done.article_id) \
                    if done.text_hash else done.article_id
                score = 1.0
                if original == done.article_id and done.minhash:  # the same story, edited?
                    match = near.match(done.minhash, exclude=done.article_id)
                    if match:
                        original, score = match
                if original != done.article_id:  # a repost of an earlier article
                    _mark_duplicate(done, original)
                    report.duplicates.append({"file": done.path, "article": done.article_id,
                                              "duplicate_of": original,
                                              "similarity": round(score, 3)})
                if done.minhash:  # originals only: the reposts match them (kg.build.near)
                    if original == done.article_id:
                        near.add(done.article_id, done.minhash)
                    else:
                        near.remove([done.article_id])
                try:
                    staging.commit_text(done.graph, done.size, done.quads, done.union,
                                        done.blank, done.path)
                except KgError as exc:  # two inputs with one article id
                    report.failures.append(Failure(done.path, str(exc)))
                    continue
                if loader is not None and staging.pending_bytes >= BATCH_BYTES:
                    loader.submit(*staging.rotate())
                report.warnings.extend(Failure(done.path, w) for w in done.warnings)
                report.extracted += 1
                report.mentions += done.mentions
                report.relations += done.relations
                report.figures += done.figures
                manifest.articles[done.article_id] = Entry(
                    digest, done.path, done.graph, version, done.text_hash,
                    original if original != done.article_id else "")
        report.kept = 0 if prune else sum(1 for a in old.articles if a not in seen)
        # graph.trig and graph.ttl: views of the store for a corpus small enough
        # (EXPORT_LIMIT); written from the new store before it replaces the old one
        write_files = exports == "yes" or (exports == "auto" and
                                           len(set(manifest.articles) - set(gone)) <= EXPORT_LIMIT)
        report.store, files = apply_build(staging, out,
                                          drop=[old.articles[a].graph for a in gone],
                                          rebuild=rebuild, exports=write_files, loader=loader)
        report.outputs.update(files)
        near.commit()  # with the store swapped in; the manifest follows
    for a in gone:
        manifest.articles.pop(a, None)
    report.removed = report.store.removed
    report.added, report.replaced = report.store.added, report.store.replaced
    report.unchanged += report.store.unchanged
    with open_store(out) as store:
        report.articles = sum(1 for _ in store.named_graphs())
        report.triples = _count(store)
        report.entities = Counter({row["category"].value.rsplit("#", 1)[1]: int(row["n"].value)
                                   for row in store.query(query_text("entity-counts.rq"))})
        if check_shapes:
            violations.extend(check_store(store))
    if check_shapes:
        violations = sorted(set(violations))
        report.validation = ValidationReport(not violations, violations)
    manifest_path = manifest.save(out)
    if not write_files:
        for path in remove_exports(out):
            report.warnings.append(Failure(str(path), "removed: it would disagree with the "
                                                      "store; write it with kg export"))
    report.outputs["store"] = report.store.path
    report.outputs["manifest"] = manifest_path
    report.outputs["near-duplicates"] = out / NEAR_FILE
    return report


# The staged text goes to the store's bulk loader by batches of this many bytes of
# N-Quads (about 2,500 articles), loaded in a thread while extraction goes on.
BATCH_BYTES = 256 * 2**20

# Validation of every article graph costs about as much as extracting it; above this
# many inputs, "auto" validates the graphs of one chunk of articles in SAMPLE_EVERY
# (kg's output is made by one code path: a bug shows in any sample of it).
SAMPLE_FROM = 2_000
SAMPLE_EVERY = 8

# graph.trig and graph.ttl are written by every build of at most this many articles
# (a few seconds: writing them means bulk-loading the store afresh, so that files and
# store change together); larger stores are exported on request (kg export), and an
# incremental build of them replaces only the changed graphs.
EXPORT_LIMIT = 1_000


def _mark_duplicate(done, original: str) -> None:
    """Add ``<article> kg:duplicateOf <original>`` to a worker's graph text."""
    from kg.rdf.iri import article_iri
    from kg.rdf.vocab import KG

    triple = f"<{article_iri(done.article_id)}> <{KG.duplicateOf}> <{article_iri(original)}>"
    done.quads += f"{triple} <{done.graph}> .\n".encode("utf-8")
    done.union += f"{triple} .\n".encode("utf-8")
    done.size += 1


def _unreadable(path: Path, exc: OSError) -> str:
    """Why a file could not be read, and what to do about it."""
    if path.is_symlink() and not path.exists():
        return (f"a symbolic link whose target is not found ({os.readlink(path)}); "
                "fix or remove the link")
    if isinstance(exc, IsADirectoryError):
        return "a folder, not a file: give the folder itself as an input"
    if isinstance(exc, PermissionError):
        return "permission denied: make the file readable (chmod a+r) or leave it out"
    return f"cannot read the file: {exc.strerror or exc}; check the disk and try again"


@contextmanager
def _loader(out: Path, wanted: bool, overlap: bool):
    """A :class:`~kg.rdf.update.BatchLoader` when ``wanted`` (loading while extraction
    goes on when ``overlap``), removed on the way out (a no-op once its store is in place)."""
    from kg.rdf.update import BatchLoader

    loader = BatchLoader(out, defer=not overlap) if wanted else None
    try:
        yield loader
    finally:
        if loader is not None:
            loader.discard()


def _count(store) -> int:
    from kg.rdf.checks import query_text
    rows = list(store.query(query_text("triple-count.rq")))
    return int(rows[0]["n"].value) if rows else 0


def _pipeline(extractors: Sequence[str] | None, model) -> Pipeline:
    # Positional names only when the model is the default: tests swap Pipeline
    # for a shared one taking just the names.
    return Pipeline(extractors) if model == "default" else Pipeline(extractors, model=model)


def _ensure_writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=out, prefix=".kg-probe-", delete=True)
        probe.close()
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder: {exc.strerror or exc}", path=out,
                          hint="choose another folder with -o, or fix its permissions") from exc
