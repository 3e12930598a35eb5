"""``kg build``: articles in, graph files and a summary out."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.build import EXPORT_LIMIT, SAMPLE_EVERY, SAMPLE_FROM, BuildReport, build
from kg.cli.progress import Progress
from kg.build.work import default_jobs
from kg.ingest import EXTENSION_LIST

HELP = "build the knowledge graph of articles (files or folders)"
DESCRIPTION = """\
Read every article under INPUT ({extensions}),
extract divisions, organisations, lecture groups, programmes, slogans and
persons, and write the RDF graph:

  OUT/store/         the graph in an embedded Oxigraph store, one named graph per
                     article (kg query, kg serve, kg analyze read it)
  OUT/graph.trig     one named graph per article (replace an article as a unit)
  OUT/graph.ttl      the union of all articles, for tools that ignore named graphs
                     (both written when the graph holds at most {limit:,} articles;
                     see --exports, or run kg export)
  OUT/manifest.json  what built each article: its content hash and kg's version
  OUT/near-duplicates.sqlite  MinHash signatures: finds reposts of earlier articles
  OUT/build.json     this run's summary: counts, failed articles, violations

Building is incremental and additive: a second build into the same OUT
extracts only new and changed articles (all of them when kg or the model
changed) and keeps the articles of earlier builds that are not among the
inputs, unless --prune.  Extraction runs on every core (--jobs), or on a Dask
cluster (--dask), one article at a time: memory stays bounded whatever the
corpus size.

Reposts are kept and marked kg:duplicateOf their original (the first built):
the same normalised text, or the same story edited (another headline or editor
line, a paragraph more or less: MinHash similarity >= 0.7).  build.json lists
them; kg analyze counts each story once.

Articles may be UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5;
traditional characters are converted to simplified and the pinyin annotations
of scraped pages (網(wǎng)) are removed, keeping offsets into the original file.
An article that cannot be read is reported with its reason and skipped.
"""
EXAMPLES = """\
examples:
  kg build seeds -o out
  kg build corpus/2022 corpus/2023 extra.txt -o out --quiet
  kg build corpus/2024 -o out                       add a year to the graph of out/
  kg build corpus -o out --prune                    the graph of corpus/ and nothing else
  kg build big-corpus -o out --jobs 8
  kg build big-corpus -o out --dask tcp://10.0.0.5:8786   on a Dask cluster (pip install 'kg[dask]')
  kg build my-articles -o out --model my-model     a model trained by `kg train`
  kg build my-articles -o out --model none         the rule extractors alone
  kg build my-articles -o out --model accurate     slower; its CRF decides every type

A Dask cluster: on one machine `dask scheduler` (it prints its address), on
each worker machine `dask worker tcp://SCHEDULER:8786 --nworkers 4 --nthreads 1`
in an environment where kg is installed.  The builder reads the files and sends
their bytes, so workers need no access to the corpus; OUT is written here.

exit status: 0 all good; 1 some articles failed or the graph violates the
shapes (see OUT/build.json); 2 bad arguments or unwritable output.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help=HELP, description=DESCRIPTION.format(limit=EXPORT_LIMIT,
                                                                       extensions=EXTENSION_LIST),
                       epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="article files or folders")
    p.add_argument("-o", "--out", default="out", metavar="OUT",
                   help="output folder (created if missing; default: %(default)s)")
    p.add_argument("--validate", choices=("auto", "all", "sample", "none"), default="auto",
                   help="SHACL validation of the article graphs: all, a sample (one chunk of "
                        f"articles in {SAMPLE_EVERY}), none; auto (default): all for up to "
                        f"{SAMPLE_FROM:,} articles, else a sample")
    p.add_argument("--no-validate", dest="validate", action="store_const", const="none",
                   help="the same as --validate none")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.add_argument("-j", "--jobs", type=_positive, default=None, metavar="N",
                   help="processes that extract at once (default: every core, here "
                        f"{default_jobs()})")
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="extract on the Dask cluster whose scheduler is at ADDRESS "
                        "(tcp://host:8786) instead of local processes")
    p.add_argument("--prune", action="store_true",
                   help="remove from the graph the articles of earlier builds that are not "
                        "among the inputs (default: keep them)")
    p.add_argument("--force", action="store_true",
                   help="re-extract every input article, changed or not")
    p.add_argument("--exports", choices=("auto", "yes", "no"), default="auto",
                   help="write graph.trig and graph.ttl: auto (default) when the graph holds "
                        f"at most {EXPORT_LIMIT:,} articles")
    p.add_argument("--model", default="default", metavar="MODEL",
                   help="entity model folder written by `kg train`; 'none' for the rules alone; "
                        "'accurate' for the slower shipped model whose CRF decides every type "
                        "(default: the fast model kg ships, trained on annotated dev articles)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    progress = Progress("building", enabled=not args.quiet)
    try:
        report = build(args.inputs, args.out, progress=progress, validate=args.validate,
                       model=args.model, jobs=args.jobs, dask=args.dask, prune=args.prune,
                       exports=args.exports, force=args.force)
    finally:
        progress.close()
    if not args.quiet:
        print(summary(report))
    for line in report.recovered:
        print(f"kg build: {line}", file=sys.stderr)
    for f in report.failures:
        print(f"kg build: skipped {f.path}: {f.message}", file=sys.stderr)
    return 0 if report.ok else 1


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more, "
                                         f"not {text!r}")
    return value


def summary(report: BuildReport) -> str:
    """The table printed after a build."""
    rows = [("articles", str(report.articles))]
    for what in ("added", "replaced", "unchanged", "removed", "kept"):
        if getattr(report, what):
            rows.append((f"  {what}", str(getattr(report, what))))
    if report.duplicates:
        rows.append(("  duplicates", str(len(report.duplicates))))
    if report.failures:
        rows.append(("failed", str(len(report.failures))))
    for kind in ("AdministrativeDivision", "Organization", "LectureGroup", "Programme", "Slogan",
                 "Person"):
        rows.append((f"  {kind}", str(report.entities.get(kind, 0))))
    rows += [("mentions", str(report.mentions)), ("relations", str(report.relations)),
             ("figures", str(report.figures)),
             ("triples", str(report.triples))]
    if report.validation is not None:
        v = report.validation
        rows.append(("shapes", "conform" if v.conforms else f"{v.count} violation(s)"))
        if report.shapes != "all":
            rows.append(("  checked", report.shapes.split(" (")[0]))
    rows.append(("time", f"{report.seconds:.1f} s"))
    width = max(len(k) for k, _ in rows)
    lines = ["", "kg build summary", "-" * (width + 12)]
    lines += [f"{k:<{width}}  {v:>8}" for k, v in rows]
    lines.append("-" * (width + 12))
    for name, path in report.outputs.items():
        lines.append(f"{name:<{width}}  {Path(path)}")
    if report.validation is not None and not report.validation.conforms:
        lines.append("")
        lines.append("shape violations (first 10; all in build.json):")
        lines += [f"  {v}" for v in report.validation.violations[:10]]
    return "\n".join(lines)
